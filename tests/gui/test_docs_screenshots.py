"""The README screenshot scripts find their case in a folder never opened before, and say so clearly when it lacks
one (they raised a bare StopIteration)."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.settings import Settings, SettingsValues
from tests.gui.test_main_window import fundus_folder

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.fixture
def screenshots(monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201 - the docs/annotate_screenshot.py module
    monkeypatch.syspath_prepend(str(DOCS))  # the scripts import each other from beside themselves
    spec = importlib.util.spec_from_file_location("annotate_screenshot", DOCS / "annotate_screenshot.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setitem(sys.modules, "annotate_screenshot", module)
    return module


def _opened(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, screenshots,  # noqa: ANN001, ANN202
            names: tuple[str, ...]):
    folder = fundus_folder(tmp_path, monkeypatch, names)
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(analyze_on_open=False))
    window = screenshots.open_window(settings, folder)
    qtbot.addWidget(window)
    return window


def test_the_case_is_found_in_a_folder_never_opened(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     screenshots) -> None:
    window = _opened(qtbot, tmp_path, monkeypatch, screenshots, ("codras_0003.png", "codras_0008.png"))
    case_id = screenshots.case_named(QApplication.instance(), window, "0008")
    assert window.cases.summaries[case_id].image_path.endswith("codras_0008.png")


def test_a_folder_without_the_case_is_named_in_a_clear_error(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             screenshots) -> None:
    window = _opened(qtbot, tmp_path, monkeypatch, screenshots, ("a.png",))
    with pytest.raises(SystemExit, match=r"images: no photo whose name contains '0008'"):
        screenshots.case_named(QApplication.instance(), window, "0008")
