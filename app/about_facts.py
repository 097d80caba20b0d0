"""What the About dialog tells, gathered without Qt: the program's version, the models an analysis runs now, the
data they learned from, the libraries it is built on with their licences, and where its files live; and the same
as plain text for a support request ("Copy details")."""
from __future__ import annotations

import importlib.metadata
import platform
from dataclasses import dataclass
from pathlib import Path

from app import __version__
from app.logging_setup import LOG_FILE_NAME, default_log_dir
from inference.analysis_settings import AnalysisSettings
from inference.model_plan import planned_cards
from inference.registry import ModelRegistry, user_models_dir

# (distribution, the name users know, licence): the program's dependencies of pyproject.toml, and Ray, the optional
# engine of `analyze --engine ray`. Licences as their projects state them (the wheels' metadata is not uniform).
COMPONENTS: tuple[tuple[str, str, str], ...] = (
    ("PySide6", "Qt for Python (PySide6)", "LGPL-3.0"),
    ("torch", "PyTorch", "BSD-3-Clause"),
    ("torchvision", "torchvision", "BSD-3-Clause"),
    ("segmentation-models-pytorch", "segmentation-models-pytorch", "MIT"),
    ("timm", "timm", "Apache-2.0"),
    ("safetensors", "safetensors", "Apache-2.0"),
    ("opencv-python-headless", "OpenCV", "Apache-2.0"),
    ("numpy", "NumPy", "BSD-3-Clause"),
    ("pillow", "Pillow", "MIT-CMU"),
    ("lxml", "lxml", "BSD-3-Clause"),
    ("reportlab", "ReportLab", "BSD-3-Clause"),
    ("pydicom", "pydicom", "MIT"),
    ("python-gdcm", "GDCM (python-gdcm)", "BSD-3-Clause AND Apache-2.0"),  # GDCM's licence, then its wheel's
    ("platformdirs", "platformdirs", "MIT"),
    ("pycocotools", "pycocotools", "BSD-2-Clause"),
    ("ray", "Ray (optional: analyze --engine ray)", "Apache-2.0"),
)

# The data the bundled models learned from (their cards' training.data and .licence say which model used which).
TRAINING_DATA: tuple[tuple[str, str], ...] = (
    ("IDRiD: Porwal P., Pachade S., Kamble R., Kokare M., Deshmukh G., Sahasrabuddhe V., Meriaudeau F. (2018), "
     "\"Indian Diabetic Retinopathy Image Dataset (IDRiD)\", IEEE DataPort, doi:10.21227/H25W98", "CC BY 4.0"),
    ("CODRAS lesion boxes: \"The COnsolidated Diabetic Retinopathy Assessment Set\", Chris von Csefalvay (2019)",
     "CC BY-SA 4.0"),
)


@dataclass(frozen=True)
class ModelInUse:
    task: str  # inference.model_card.TASKS
    name: str
    version: str
    limits: str  # the card's own words on what it was not trained or tested for


@dataclass(frozen=True)
class Component:
    name: str
    version: str  # "" when not installed
    licence: str


@dataclass(frozen=True)
class AboutFacts:
    version: str  # app.__version__: what --version and the reports say
    models: tuple[ModelInUse, ...]
    components: tuple[Component, ...]
    log_file: Path
    models_folder: Path
    settings_file: str
    python: str


def installed_version(distribution: str) -> str:
    """The installed version of a distribution, "" when it is not installed."""
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return ""


def about_facts(settings: AnalysisSettings, settings_file: str, registry: ModelRegistry | None = None) -> AboutFacts:
    """The facts with the reader's settings: the models are those an analysis would run now (model_plan)."""
    models = tuple(ModelInUse(task, card.name, card.version, card.limits)
                   for task, card in planned_cards(settings, registry).items())
    components = tuple(Component(shown, installed_version(distribution), licence)
                       for distribution, shown, licence in COMPONENTS)
    return AboutFacts(version=__version__, models=models, components=components,
                      log_file=default_log_dir() / LOG_FILE_NAME, models_folder=user_models_dir(),
                      settings_file=settings_file, python=f"{platform.python_version()} on {platform.platform()}")


def support_text(facts: AboutFacts) -> str:
    """Everything a support request needs, in English whatever the interface language (whoever answers reads it)."""
    lines = [f"RetinaReview {facts.version}",
             f"Python {facts.python}", "", "Models an analysis runs:"]
    lines += [f"  {model.task}: {model.name} version {model.version}" for model in facts.models] or ["  none"]
    lines += ["", "Libraries:"]
    lines += [f"  {component.name} {component.version or 'not installed'}" for component in facts.components]
    lines += ["", f"Log file: {facts.log_file}", f"User models: {facts.models_folder}",
              f"Settings: {facts.settings_file}"]
    return "\n".join(lines) + "\n"
