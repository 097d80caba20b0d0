"""Closing the window (or opening another folder) while an export of labels runs asks first: No keeps the
window and the export going; Yes stops the export and lets it end before the folder closes (it was cut off by the
folder closing under it, unasked, its summary never seen), the files written so far kept where the question said,
and a box says how many (the dialog closed with the folder before it could)."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest
from shiboken6 import isValid

from PySide6.QtWidgets import QMessageBox

import app.annotation_controller as annotation_controller
from annotations.progress import Cancelled, TaskState
from annotations.workspace import WorkspaceError
from annotations.workspace.transfer import export_labels as real_export_labels
from tests.gui.questions import answer
from tests.gui.windows import reviewer_window
from tests.unit.test_export_stopped import labelled_folder


def running_export(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN001, ANN201
    """The window with an export started that runs until it is cancelled; (window, dialog, what the export saw)."""
    seen: list[str] = []
    started = threading.Event()

    def export_labels(ws, fmt, out_dir, state, **_options):  # noqa: ANN001, ANN202 - transfer.export_labels
        started.set()
        while not state.is_cancelled():
            threading.Event().wait(0.01)
        try:
            ws.audit_log()  # reads the folder's store
            seen.append("cancelled")
        except WorkspaceError:
            seen.append("cancelled after the folder closed")
        raise Cancelled()

    monkeypatch.setattr("app.annotation_controller.export_labels", export_labels)
    window = reviewer_window(qtbot, tmp_path, labelled_folder(tmp_path / "images"))
    qtbot.waitUntil(lambda: window.cases.workspace is not None and not window.cases.busy)
    dialog = window.annotation.show_export()
    qtbot.waitUntil(lambda: dialog.counted)
    dialog.folder_edit.setText(str(tmp_path / "out"))
    dialog.export_button.click()
    qtbot.waitUntil(started.is_set)
    return window, dialog, seen


def told(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The boxes that say something (title, text), each recorded instead of shown."""
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, title, text, *_args: said.append((title, text)))
    return said


def question(tmp_path: Path) -> str:
    """What closing the folder asks while running_export's export runs."""
    return (f"An export of labels is running. Stop it and close? The files it has written so far stay in "
            f"{tmp_path / 'out'}.")


# The ways a folder closes: the window closed, another folder opened (which closed this one unasked, the export going
# on against its closed store); each answers whether the folder closed.
CLOSINGS = {"window closed": lambda window, tmp_path: window.close(),
            "another folder opened": lambda window, tmp_path: window.open_paths([labelled_folder(tmp_path / "B")])}


@pytest.mark.parametrize("close", CLOSINGS.values(), ids=CLOSINGS.keys())
def test_closing_the_folder_during_an_export_asks_and_no_keeps_the_folder_and_the_export(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, close) -> None:  # noqa: ANN001 - a CLOSINGS value
    window, dialog, seen = running_export(qtbot, tmp_path, monkeypatch)
    asked = answer(monkeypatch, yes=False)
    assert not close(window, tmp_path)
    assert asked == [question(tmp_path)]
    assert window.isVisible() and window.cases.workspace.folder == tmp_path / "images"
    assert dialog.is_running() and not seen
    dialog.cancel()
    qtbot.waitUntil(lambda: not dialog.is_running())


@pytest.mark.parametrize("close", CLOSINGS.values(), ids=CLOSINGS.keys())
def test_closing_the_folder_during_an_export_and_saying_yes_stops_it_before_the_folder_closes(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, close) -> None:  # noqa: ANN001 - a CLOSINGS value
    window, _dialog, seen = running_export(qtbot, tmp_path, monkeypatch)
    answer(monkeypatch, yes=True)
    said = told(monkeypatch)
    assert close(window, tmp_path)
    assert seen == ["cancelled"]
    assert said == [("Export labels", "Export cancelled.")]  # it wrote nothing


def test_the_export_dialog_closes_with_its_folder(qtbot, tmp_path: Path) -> None:
    """It stayed open over the next folder, its counts and its Export the closed folder's: an export started there
    read the closed store, wrote nothing and said "Stopped."."""
    window = reviewer_window(qtbot, tmp_path, labelled_folder(tmp_path / "images"))
    qtbot.waitUntil(lambda: window.cases.workspace is not None and not window.cases.busy)
    dialog = window.annotation.show_export()
    qtbot.waitUntil(lambda: dialog.counted)
    assert window.open_paths([labelled_folder(tmp_path / "B")])
    qtbot.waitUntil(lambda: not isValid(dialog) or not dialog.isVisible())


class HeldAtSecondCase:
    """The dialog's state, with the export held at its second case until it is cancelled."""

    def __init__(self, state: TaskState, reached: threading.Event) -> None:
        self.state, self.reached = state, reached

    def progress(self, fraction: float, message: str = "") -> None:
        if "(2 of " in message:
            self.reached.set()
            while not self.state.is_cancelled():
                threading.Event().wait(0.01)
        self.state.progress(fraction, message)

    def is_cancelled(self) -> bool:
        return self.state.is_cancelled()


@pytest.mark.parametrize("close", CLOSINGS.values(), ids=CLOSINGS.keys())
def test_an_export_stopped_by_its_folder_closing_says_what_it_wrote_and_where(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, close) -> None:  # noqa: ANN001 - a CLOSINGS value
    """Its summary went with its dialog, which closes with the folder: the person never learnt how many files it
    left in the folder. A box says it now, as the dialog would have."""
    reached = threading.Event()
    monkeypatch.setattr("app.annotation_controller.export_labels", lambda ws, fmt, out_dir, state, **options:
                        real_export_labels(ws, fmt, out_dir, HeldAtSecondCase(state, reached), **options))
    said = told(monkeypatch)
    window = reviewer_window(qtbot, tmp_path, labelled_folder(tmp_path / "images"))
    qtbot.waitUntil(lambda: window.cases.workspace is not None and not window.cases.busy)
    dialog = window.annotation.show_export()
    qtbot.waitUntil(lambda: dialog.counted)
    out = tmp_path / "out"
    dialog.folder_edit.setText(str(out))
    dialog.export_button.click()
    qtbot.waitUntil(reached.is_set)
    answer(monkeypatch, yes=True)
    assert close(window, tmp_path)
    written = len(list(out.glob("*.xml")))
    assert 0 < written < 4
    assert said == [("Export labels", f"Export cancelled.\n{written} file(s) were written to {out} before the "
                                      "export stopped; they are kept")]


def two_running_exports(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN001, ANN201
    """running_export's window with a second Export labels… dialog running an export too (the first still open: not
    modal); (window, first, second, what the exports saw)."""
    window, first, seen = running_export(qtbot, tmp_path, monkeypatch)
    entered, running_until_cancelled = threading.Event(), annotation_controller.export_labels
    monkeypatch.setattr(annotation_controller, "export_labels",
                        lambda *args, **options: entered.set() or running_until_cancelled(*args, **options))
    second = window.annotation.show_export()
    assert second is not first and first.isVisible()
    qtbot.waitUntil(lambda: second.counted)
    second.folder_edit.setText(str(tmp_path / "out2"))
    second.export_button.click()
    qtbot.waitUntil(entered.is_set)
    return window, first, second, seen


def test_closing_the_folder_asks_about_every_export_running_and_yes_stops_them_all(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Export labels… opens a dialog each time, and each may run an export: closing the folder asked only about the
    last one; the first ran on against the closed store."""
    window, _first, _second, seen = two_running_exports(qtbot, tmp_path, monkeypatch)
    asked = answer(monkeypatch, yes=True)
    said = told(monkeypatch)
    assert window.close()
    assert asked == [question(tmp_path), question(tmp_path).replace(str(tmp_path / "out"), str(tmp_path / "out2"))]
    assert seen == ["cancelled", "cancelled"]
    assert said == [("Export labels", "Export cancelled.")] * 2


@pytest.mark.parametrize("replies", [(False,), (True, False)], ids=["no to the first", "yes then no"])
def test_a_no_to_any_of_the_exports_questions_keeps_the_folder_and_every_export(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, replies: tuple[bool, ...]) -> None:
    """A No is the person keeping the folder open: none of the exports is stopped, not even one said Yes to (it
    would have ended with the folder still open), and nothing more is asked."""
    window, first, second, seen = two_running_exports(qtbot, tmp_path, monkeypatch)
    left = list(replies)
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes if left.pop(0)
                        else QMessageBox.StandardButton.No)
    assert not window.close()
    assert left == [] and window.isVisible() and not seen
    for dialog in (first, second):
        assert dialog.is_running() and dialog.status.text().startswith("Exporting")  # not "Cancelling…"
    for dialog in (first, second):
        dialog.cancel()
        qtbot.waitUntil(lambda dialog=dialog: not dialog.is_running())
