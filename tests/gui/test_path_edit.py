"""Long paths in the import and export dialogs and Settings (logo, font): shortened in the middle, so the file's name
stays in view, the whole path in the tool tip and in ``text()``; shown whole while edited (widgets.path_edit)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFocusEvent

from app.settings import SettingsValues
from widgets.export_dialog import ExportDialog
from widgets.import_dialog import ImportDialog
from widgets.path_edit import PathEdit
from widgets.settings_dialog import SettingsDialog

LONG = "/home/reader/Documents/clinic/screening-2026/very long folder name of the eye clinic/exports/masks-for-training"


def focus(edit: PathEdit, gained: bool) -> None:
    """As the window gives ``edit`` the keyboard (offscreen windows are never active)."""
    kind = QFocusEvent.Type.FocusIn if gained else QFocusEvent.Type.FocusOut
    edit.focusInEvent(QFocusEvent(kind)) if gained else edit.focusOutEvent(QFocusEvent(kind))


def test_a_long_path_is_shortened_in_the_middle_and_whole_in_its_tool_tip(qtbot) -> None:
    edit = PathEdit(LONG)
    qtbot.addWidget(edit)
    edit.resize(260, edit.sizeHint().height())
    edit.show()  # a hidden widget hears of its size when shown
    shown = edit.displayText()
    assert "…" in shown and shown.startswith("/home") and shown.endswith("training")
    assert edit.fontMetrics().horizontalAdvance(shown) < 260
    assert edit.text() == edit.toolTip() == LONG


def test_a_path_that_fits_is_shown_whole_and_a_wider_edit_shows_more(qtbot) -> None:
    edit = PathEdit("/data/eye.png")
    qtbot.addWidget(edit)
    edit.resize(260, edit.sizeHint().height())
    edit.show()  # a hidden widget hears of its size when shown
    assert edit.displayText() == "/data/eye.png"
    edit.setText(LONG)
    narrow = edit.displayText()
    edit.resize(2000, edit.sizeHint().height())
    assert edit.displayText() == LONG and len(narrow) < len(LONG)


def test_editing_shows_the_whole_path_and_typing_changes_it(qtbot) -> None:
    edit = PathEdit(LONG)
    qtbot.addWidget(edit)
    edit.resize(260, edit.sizeHint().height())
    edit.show()  # a hidden widget hears of its size when shown
    said: list[str] = []
    edit.textChanged.connect(said.append)
    focus(edit, True)
    assert edit.displayText() == LONG and said == []  # showing it whole changes no path
    edit.setFocus()  # where the offscreen platform lets a widget have it: typing goes to the edit
    edit.end(False)
    edit.insert("/x")
    assert edit.text() == LONG + "/x" and said == [LONG + "/x"]
    edit.clearFocus()
    focus(edit, False)
    assert "…" in edit.displayText() and edit.text() == LONG + "/x" and edit.toolTip() == LONG + "/x"


def test_set_text_tells_its_listeners_the_whole_path(qtbot) -> None:
    edit = PathEdit()
    qtbot.addWidget(edit)
    edit.resize(200, edit.sizeHint().height())
    edit.show()
    said: list[str] = []
    edit.textChanged.connect(lambda _text: said.append(edit.text()))
    edit.setText(LONG)
    assert said == [LONG]


def test_the_dialogs_paths_are_path_edits(qtbot, tmp_path: Path) -> None:
    export = ExportDialog(lambda *a, **k: "", {"all": ["x"]}, tmp_path / LONG.lstrip("/"))
    imported = ImportDialog(lambda *a: "")
    values = SettingsValues().to_dict() | {"clinic_logo": LONG + "/logo.png", "report_cjk_font": LONG + "/font.ttf"}
    settings = SettingsDialog(values, ["cpu"], {})
    for dialog in (export, imported, settings):
        qtbot.addWidget(dialog)
    for edit in (export.folder_edit, imported.source_edit, settings.clinic_logo, settings.cjk_font):
        assert isinstance(edit, PathEdit)
    assert export.out_dir() == tmp_path / LONG.lstrip("/")
    assert settings.values()["clinic_logo"] == LONG + "/logo.png"
    assert settings.values()["report_cjk_font"] == settings.cjk_font.toolTip() == LONG + "/font.ttf"
