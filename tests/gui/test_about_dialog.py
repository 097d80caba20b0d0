"""Help > About: opened from the Help menu, it shows the version and the models an analysis runs, and copies the
support details to the clipboard."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

from app.about_facts import about_facts, support_text
from app.actions import HELP
from app.main_window import MainWindow
from app.settings import Settings, SettingsValues
from tests.gui.test_domain_messages import chinese  # noqa: F401 - a fixture
from widgets.about_dialog import AboutDialog


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "models"))
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(analyze_on_open=False))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    return window


def _opened(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> AboutDialog:
    shown: list[AboutDialog] = []
    monkeypatch.setattr(AboutDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    window.actions["about"].trigger()
    assert len(shown) == 1
    return shown[0]


def test_the_help_menu_opens_about_with_the_version_and_the_models(window: MainWindow, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    help_menu = next(action.menu() for action in window.menuBar().actions() if action.text() == "&Help")
    assert window.actions["about"] in help_menu.actions()
    dialog = _opened(window, monkeypatch)
    facts = about_facts(window.values.analysis_settings(), str(tmp_path / "settings.ini"))
    text = dialog.body.toPlainText()
    assert "An aid for qualified readers" in text and "not a medical device" in text
    for model in facts.models:
        assert model.name in text and model.limits[:40] in text
    assert "Lesion segmentation" in text  # the task as the Settings dialog names it
    assert "CC BY 4.0" in text and "doi:10.21227/H25W98" in text
    assert str(tmp_path / "settings.ini") in text


def test_copy_details_puts_the_support_text_on_the_clipboard(window: MainWindow, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = _opened(window, monkeypatch)
    dialog.copy_button.click()
    expected = support_text(about_facts(window.values.analysis_settings(), str(tmp_path / "settings.ini")))
    assert QGuiApplication.clipboard().text() == expected
    assert dialog.copy_button.text() == "Copied"


def test_about_speaks_chinese(chinese, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = _opened(window, monkeypatch)
    assert dialog.windowTitle() == "关于 RetinaReview"
    text = dialog.body.toPlainText()
    assert "本软件不是医疗器械" in text and "病灶分割" in text
