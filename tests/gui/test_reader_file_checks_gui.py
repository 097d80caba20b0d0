"""A reader's case file of a later release does not keep the double-read folder from the arbiter's list: every
case is listed, the others with their state, that case with none, and the window says why (update RetinaReview)."""
from __future__ import annotations

from pathlib import Path

from app.main_window import MainWindow
from app.settings import Settings, SettingsValues
from tests.unit.reading_fixtures import case_of
from tests.unit.test_reader_file_checks import ARBITER, edited_folder, newer
from widgets.case_list import READING_COLUMN


def _opened_by_the_arbiter(qtbot, tmp_path: Path, said: list[str]) -> tuple[MainWindow, Path]:  # noqa: ANN001 - qtbot
    """The arbiter's window on a double-read folder whose img0 reader file is of a later release (its path returned),
    what the cases say collected in ``said``."""
    folder, path = edited_folder(tmp_path / "f", newer)
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(analyze_on_open=False, autosave_s=60, reader=ARBITER))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.cases.message.connect(said.append)
    assert window.open_paths([folder])
    window.cases.flush()  # the folder's store is opened on the storage worker
    return window, path


def test_the_folder_lists_with_that_cases_state_unknown_and_says_why(qtbot, tmp_path: Path) -> None:
    said: list[str] = []
    window, path = _opened_by_the_arbiter(qtbot, tmp_path, said)
    model = window.case_list.model

    def states() -> dict[str, str]:
        return {model.index(row, 0).data(): model.index(row, READING_COLUMN).data() or ""
                for row in range(model.rowCount())}

    qtbot.waitUntil(lambda: states().get("img1.png") == "agreed", timeout=10_000)
    assert states() == {"img0.png": "", "img1.png": "agreed"}  # not "needs reader 1": both readers read it
    assert window.cases.listing.reading_states.keys() == {case_of(1)}
    assert [text for text in said if "update RetinaReview" in text and str(path) in text]


def test_that_cases_reading_cell_names_the_unreadable_file_in_its_tool_tip(qtbot, tmp_path: Path) -> None:
    """The status bar says it once; the cell, empty, said nothing when pointed at (a case among thousands)."""
    from PySide6.QtCore import Qt

    window, path = _opened_by_the_arbiter(qtbot, tmp_path, [])
    model = window.case_list.model

    def tips() -> dict[str, str]:
        return {model.index(row, 0).data(): model.index(row, READING_COLUMN).data(Qt.ItemDataRole.ToolTipRole) or ""
                for row in range(model.rowCount())}

    qtbot.waitUntil(lambda: tips().get("img1.png") == "agreed", timeout=10_000)
    assert str(path) in tips()["img0.png"] and "update RetinaReview" in tips()["img0.png"]
