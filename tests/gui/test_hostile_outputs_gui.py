"""The export dialog under issue 13's rules: it proposes a folder beside the opened one, never replaces files
without the person's explicit choice, and an export inside the opened folder never shows up as cases."""
from __future__ import annotations

from pathlib import Path

from annotations.document import ReviewState
from tests.gui.test_annotation_tools import window  # noqa: F401 - the one-photo window fixture


def _show_export(qtbot, window):  # noqa: F811
    """The export dialog, its scopes counted, the one photo marked done (an unlabelled one is not exported)."""
    window.cases.edits.set_review_state(ReviewState.DONE)
    dialog = window.annotation.show_export()
    qtbot.waitUntil(lambda: dialog.counted)  # the scopes are read on a worker
    return dialog


def _export(qtbot, dialog, folder: Path, overwrite: bool = False) -> str:
    dialog.folder_edit.setText(str(folder))
    dialog.format_boxes["voc"].setChecked(False)
    dialog.format_boxes["indexed"].setChecked(True)
    dialog.overwrite_box.setChecked(overwrite)
    with qtbot.waitSignal(dialog.finished_export, timeout=20_000) as finished:
        dialog.export_button.click()
    return finished.args[0]


def test_export_dialog_defaults_beside_the_folder_and_overwrites_only_when_ticked(qtbot, window) -> None:  # noqa: F811
    opened = Path(window.cases.workspace.folder)
    dialog = _show_export(qtbot, window)
    default = Path(dialog.folder_edit.text())
    assert opened not in default.parents and default != opened and default.parent == opened.parent
    assert not dialog.overwrite_box.isChecked()
    assert "Exported 1 case(s) as indexed PNG" in _export(qtbot, dialog, default)
    again = _export(qtbot, dialog, default)
    assert "Export failed" in again and "already exists" in again
    assert "Exported 1 case(s) as indexed PNG" in _export(qtbot, dialog, default, overwrite=True)


def test_an_export_inside_the_opened_folder_is_never_listed_as_cases(qtbot, window) -> None:  # noqa: F811
    opened = Path(window.cases.workspace.folder)
    dialog = _show_export(qtbot, window)
    assert "Exported 1 case(s)" in _export(qtbot, dialog, opened / "masks-for-training")
    assert (opened / "masks-for-training" / "eye.png").is_file()
    assert window.open_paths([opened])
    qtbot.waitUntil(lambda: window.cases.doc is not None, timeout=20_000)
    assert [s.image_path for s in window.cases.summaries.values()] == ["eye.png"]


def test_saving_a_report_never_replaces_the_photo_it_shows(qtbot, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from app.report.model import ClinicSettings
    from app.report_action import make_report_dialog
    from tests.unit.test_report_pdf import make_eye

    photo = tmp_path / "eye.jpg"
    photo.write_bytes(b"the original photo")
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    eye = make_eye("OD")
    eye.source_file = str(photo)
    dialog = make_report_dialog(None, [eye], ClinicSettings())
    qtbot.addWidget(dialog)
    assert dialog.save_pdf(str(photo)) is None  # even after the file dialog's "replace?" was confirmed
    assert photo.read_bytes() == b"the original photo" and "original image" in warnings[0]
    assert dialog.save_pdf(str(tmp_path / "report.pdf")) is not None
