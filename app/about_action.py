"""Help > About: the facts of app.about_facts, the model tasks named as the Settings dialog names them."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.about_facts import TRAINING_DATA, AboutFacts, about_facts, support_text
from inference.analysis_settings import AnalysisSettings
from widgets.about_dialog import AboutContent, AboutDialog
from widgets.settings_dialog import shown_task_name


def about_content(facts: AboutFacts) -> AboutContent:
    return AboutContent(
        version=facts.version,
        models=[(shown_task_name(model.task), model.name, model.version, model.limits) for model in facts.models],
        training_data=TRAINING_DATA,
        components=[(component.name, component.version, component.licence) for component in facts.components],
        python=facts.python, log_file=str(facts.log_file), models_folder=str(facts.models_folder),
        settings_file=facts.settings_file, details=support_text(facts))


def show_about(settings: AnalysisSettings, settings_file: str, parent: QWidget | None = None) -> None:
    AboutDialog(about_content(about_facts(settings, settings_file)), parent).exec()
