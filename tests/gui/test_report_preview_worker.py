"""The report dialog's preview is built off the GUI thread (the window's report): the dialog opens, and takes typing,
while it is built, saying so; a newer request replaces one still being built; what is saved is the fields' report,
waited for when the preview of those fields is on its way; the first report of a session reads its fonts and the
other eye's photo off the GUI thread too, and the painted mask of another eye not opened this session.

Set RETINA_REVIEW_SCREENSHOTS=/some/folder to save the dialog while its preview is prepared as a PNG."""
from __future__ import annotations

import io
import shutil
import threading
from pathlib import Path

import shiboken6
from PIL import Image
from PySide6.QtCore import QTimer
from reportlab.pdfgen import canvas

from annotations.classes import LesionClass
from annotations.commands import SetPatient
from annotations.document import AIResult, PatientInfo
from annotations.workspace import Workspace, sidecar
from annotations.shipped_fonts import SHIPPED_CJK
from app import report_action, report_controller
from app.main_window import MainWindow
from app.report import builder, fonts
from app.settings import Settings, SettingsValues
from app.tasks import TaskRunner
from tests.gui.screenshots import keep_screenshot
from widgets.report_dialog import PREVIEW_DELAY_MS, ReportDialog
from widgets.report_fields import ReportFields


def _pdf(text: str) -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, text)
    page.save()
    return out.getvalue()


class SlowBuilder:
    """Builds a PDF of the patient's name once that name is let go (``release``): a build as long as the test says."""

    def __init__(self) -> None:
        self.gates: dict[str, threading.Event] = {}
        self.made: dict[str, bytes] = {}
        self.started: list[str] = []

    def release(self, name: str) -> None:
        self.gates.setdefault(name, threading.Event()).set()

    def __call__(self, fields: ReportFields) -> bytes:
        self.started.append(fields.patient_name)
        assert self.gates.setdefault(fields.patient_name, threading.Event()).wait(10)
        self.made[fields.patient_name] = _pdf(fields.patient_name)
        return self.made[fields.patient_name]


def _dialog(qtbot, builder: SlowBuilder, name: str = "A") -> tuple[ReportDialog, list[bytes | None]]:
    runner = TaskRunner("report-preview")
    dialog = ReportDialog(ReportFields(patient_name=name, eyes=["OS"]), builder, ["a.jpg"], {"clinical": "Clinical"},
                          ["A4"], runner=runner)
    runner.setParent(dialog)
    qtbot.addWidget(dialog)
    shown: list[bytes | None] = []
    show = dialog.preview.show_pages
    dialog.preview.show_pages = lambda pages, message="": shown.append(pages and pages.data) or show(pages, message)
    return dialog, shown


def test_the_dialog_opens_and_takes_typing_while_its_preview_is_built(qtbot) -> None:
    builder = SlowBuilder()
    dialog, shown = _dialog(qtbot, builder)  # the build waits for its release: made on the GUI thread, a deadlock
    dialog.show()
    assert dialog.pages is None and dialog.preview.busy_label.text() == "Preparing the preview…"
    keep_screenshot(dialog, "report-preview-prepared.png")
    qtbot.keyClicks(dialog.diagnosis, "Mild NPDR")  # the window is not waiting for the build
    assert dialog.diagnosis.toPlainText() == "Mild NPDR"
    builder.release("A")
    qtbot.waitUntil(lambda: dialog.pages is not None, timeout=10_000)
    assert dialog.pages.data == builder.made["A"] and shown == [builder.made["A"]]
    qtbot.waitUntil(lambda: not dialog.preview.busy_label.text(), timeout=10_000)
    assert dialog.save_button.isEnabled() and dialog.print_button.isEnabled()


def test_a_newer_request_replaces_one_still_being_built(qtbot) -> None:
    builder = SlowBuilder()
    dialog, shown = _dialog(qtbot, builder)
    qtbot.waitUntil(lambda: builder.started == ["A"], timeout=10_000)
    dialog.name.setText("B")
    dialog.refresh_preview()  # Enter, or the pause after typing
    builder.release("A")  # it ends, but its pages are not the fields' any more
    builder.release("B")
    qtbot.waitUntil(lambda: dialog.pages is not None, timeout=10_000)
    qtbot.waitUntil(lambda: not dialog.preview.busy_label.text(), timeout=10_000)
    assert "A" in builder.made and shown == [builder.made["B"]] and dialog.pages.data == builder.made["B"]


def test_saving_while_the_preview_is_built_saves_the_fields_report(qtbot, tmp_path: Path) -> None:
    builder = SlowBuilder()
    dialog, shown = _dialog(qtbot, builder)
    qtbot.waitUntil(lambda: builder.started == ["A"], timeout=10_000)
    builder.release("B")
    dialog.name.setText("B")  # typed: the preview, still being built, is of "A"
    threading.Timer(0.3, builder.release, ("A",)).start()  # the build of "A" holds the builder until then
    saved = dialog.save_pdf(str(tmp_path / "r.pdf"))
    assert saved and Path(saved).read_bytes() == builder.made["B"] == dialog.pages.data
    assert not dialog.preview.busy_label.text()
    qtbot.wait(200)  # the build of "A" has ended: dropped
    assert shown == [builder.made["B"]] and dialog.pages.data == builder.made["B"]


def test_saving_while_the_preview_of_the_same_fields_is_built_waits_for_it_and_builds_once(qtbot, tmp_path) -> None:
    """Save pressed while the preview of the fields as they are is on its way saves that build's pages: the same
    report was built again on the GUI thread once it ended (up to 2 s on two 12 MP photos). Meanwhile the dialog
    answers, says so, and holds its fields and actions."""
    builder = SlowBuilder()
    dialog, shown = _dialog(qtbot, builder)
    qtbot.waitUntil(lambda: builder.started == ["A"], timeout=10_000)
    threading.Timer(0.3, builder.release, ("A",)).start()
    seen: list[tuple[str, bool, bool]] = []  # looked at only where the GUI thread is free while the save waits
    QTimer.singleShot(100, lambda: seen.append((dialog.preview.busy_label.text(), dialog.name.isEnabled(),
                                                dialog.print_button.isEnabled())))
    saved = dialog.save_pdf(str(tmp_path / "r.pdf"))
    assert saved and Path(saved).read_bytes() == builder.made["A"] == dialog.pages.data
    assert builder.started == ["A"] and shown == [builder.made["A"]]
    assert seen == [("Preparing the report…", False, False)]
    assert dialog.name.isEnabled() and dialog.print_button.isEnabled() and not dialog.preview.busy_label.text()


def test_a_typing_pause_running_out_while_a_save_waits_does_not_drop_the_save(qtbot, tmp_path) -> None:
    """Typed into and back while the preview of those fields is built, then Save: the typing's pause ran out while
    the save waited, started the same build again in place of the one waited for, and the save did nothing."""
    builder = SlowBuilder()
    dialog, shown = _dialog(qtbot, builder)
    qtbot.waitUntil(lambda: builder.started == ["A"], timeout=10_000)
    dialog.name.setText("AB")
    dialog.name.setText("A")  # the fields are the build's again, their pause still running
    threading.Timer(PREVIEW_DELAY_MS / 1000 + 0.3, builder.release, ("A",)).start()
    saved = dialog.save_pdf(str(tmp_path / "r.pdf"))
    assert saved and Path(saved).read_bytes() == builder.made["A"] == dialog.pages.data
    assert builder.started == ["A"] and shown == [builder.made["A"]]


def test_closing_the_dialog_while_a_save_waits_for_its_pages_saves_nothing(qtbot, tmp_path) -> None:
    builder = SlowBuilder()
    dialog, shown = _dialog(qtbot, builder)
    qtbot.waitUntil(lambda: builder.started == ["A"], timeout=10_000)
    QTimer.singleShot(100, dialog.reject)  # Close, pressed while the save waits
    assert dialog.save_pdf(str(tmp_path / "r.pdf")) is None
    builder.release("A")
    qtbot.wait(300)
    assert not (tmp_path / "r.pdf").exists() and builder.started == ["A"] and shown == []


def test_closing_the_dialog_drops_its_preview_and_builds_none_after(qtbot) -> None:
    """Closed while its preview was being built and just after typing: no build starts for a dialog no one sees (the
    typing's pause ran out after the close), and the one on its way is dropped."""
    builder = SlowBuilder()
    dialog, shown = _dialog(qtbot, builder)
    qtbot.waitUntil(lambda: builder.started == ["A"], timeout=10_000)
    dialog.name.setText("B")  # its preview due once the typing pauses
    dialog.reject()
    qtbot.wait(PREVIEW_DELAY_MS + 300)
    for name in ("A", "B"):
        builder.release(name)
    qtbot.wait(300)
    assert builder.started == ["A"] and shown == [] and dialog.pages is None


def _window_on_a_photo(qtbot, tmp_path: Path, monkeypatch) -> MainWindow:
    """The window with a photo open; its report dialog's exec() returns at once (the dialog stays to be looked at)."""
    monkeypatch.setattr(ReportDialog, "exec", lambda self: 0)
    Image.new("RGB", (64, 48), (120, 40, 20)).save(tmp_path / "photo.png")
    window = MainWindow(Settings.from_file(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    assert window.open_paths([tmp_path / "photo.png"])
    qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.image is not None, timeout=30_000)
    return window


def test_the_windows_report_builds_its_preview_off_the_gui_thread(qtbot, tmp_path: Path, monkeypatch) -> None:
    window = _window_on_a_photo(qtbot, tmp_path, monkeypatch)
    on_gui_thread: list[bool] = []
    real_build = builder.build_report_pdf
    monkeypatch.setattr(builder, "build_report_pdf", lambda *args, **kwargs: on_gui_thread.append(
        threading.current_thread() is threading.main_thread()) or real_build(*args, **kwargs))
    window.reports.open_report()
    dialog = window.reports.dialog
    qtbot.waitUntil(lambda: dialog.pages is not None, timeout=20_000)
    assert on_gui_thread == [False] and dialog.pages.page_count >= 1


def test_the_report_is_of_the_case_as_asked_for_though_its_ai_result_changes_while_it_is_built(
        qtbot, tmp_path: Path, monkeypatch) -> None:
    """An analysis landing on the open case while the preview is built on its worker does not reach that build: the
    dialog reports the case as it was when the report was asked for (it read the window's live document)."""
    window = _window_on_a_photo(qtbot, tmp_path, monkeypatch)
    asked_for = window.cases.doc.ai = AIResult(dr_grade=1)
    gate, seen = threading.Event(), []
    real = report_action.report_from_fields

    def held(fields: ReportFields, eyes: list, *args: object) -> object:
        assert gate.wait(10)
        seen.append(eyes[0].doc.ai)
        return real(fields, eyes, *args)
    monkeypatch.setattr(report_action, "report_from_fields", held)
    window.reports.open_report()
    window.cases.doc.ai = AIResult(dr_grade=4)  # as an analysis's result lands on the open case
    gate.set()
    qtbot.waitUntil(lambda: window.reports.dialog.pages is not None, timeout=20_000)
    assert seen == [asked_for]


def test_a_report_opened_again_lets_the_last_dialog_go(qtbot, tmp_path: Path, monkeypatch) -> None:
    """Each closed report dialog held its eyes' full-size images, panels and pages for the rest of the session (tens
    of MB a 12-megapixel photo): a clinic printing dozens of reports ran the window out of memory."""
    window = _window_on_a_photo(qtbot, tmp_path, monkeypatch)
    window.reports.open_report()
    first = window.reports.dialog
    qtbot.waitUntil(lambda: first.pages is not None, timeout=20_000)
    window.reports.open_report()
    qtbot.waitUntil(lambda: not shiboken6.isValid(first), timeout=10_000)
    assert shiboken6.isValid(window.reports.dialog)


def test_the_windows_report_reads_its_fonts_and_the_other_eyes_photo_off_the_gui_thread(
        qtbot, tmp_path: Path, monkeypatch) -> None:
    """The first report of a session read its fonts (0.16-0.5 s) and decoded the other eye's photo (0.2-0.3 s for
    12 MP) on the GUI thread as the dialog opened: both are done on the preview's worker, before its first build,
    and the dialog names the fonts once they are read."""
    monkeypatch.setattr(ReportDialog, "exec", lambda self: 0)
    font = tmp_path / "fonts" / "cjk.ttf"  # a CJK font no report read yet this session
    font.parent.mkdir()
    shutil.copy(SHIPPED_CJK, font)
    photos = tmp_path / "photos"
    photos.mkdir()
    for name, colour in (("right.png", (120, 40, 20)), ("left.png", (90, 30, 10))):
        Image.new("RGB", (64, 48), colour).save(photos / name)
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(analyze_on_open=False, report_cjk_font=str(font)))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_paths([photos])
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=30_000)  # the folder listed, a photo open
    for name, eye in (("left.png", "OS"), ("right.png", "OD")):
        case_id = next(s.case_id for s in window.cases.summaries.values() if s.image_path == name)
        window.cases.select_case(case_id)
        qtbot.waitUntil(lambda: window.cases.image is not None and window.cases.current_id == case_id, timeout=30_000)
        window.cases.execute(SetPatient(PatientInfo(patient_id="P-1", eye=eye)))
    monkeypatch.setattr(window.reports, "ask_both_eyes", lambda other: True)
    on_gui_thread: dict[str, list[bool]] = {"fonts": [], "photos": []}

    def watched(kind: str, real):
        return lambda *args, **kwargs: on_gui_thread[kind].append(
            threading.current_thread() is threading.main_thread()) or real(*args, **kwargs)
    monkeypatch.setattr(fonts, "TTFont", watched("fonts", fonts.TTFont))
    monkeypatch.setattr(report_controller, "load_image_with_header", watched("photos",
                                                                             report_controller.load_image_with_header))
    window.reports.open_report()
    dialog = window.reports.dialog
    assert len(dialog.eyes) == 2
    qtbot.waitUntil(lambda: dialog.pages is not None, timeout=20_000)
    assert on_gui_thread["photos"] == [False] and on_gui_thread["fonts"] and not any(on_gui_thread["fonts"])
    assert str(font) in dialog.font_note.text()


def test_the_other_eyes_saved_mask_is_read_off_the_gui_thread_where_it_was_not_opened(
        qtbot, tmp_path: Path, monkeypatch) -> None:
    """The other eye, saved by an earlier session and not opened in this one, was read whole from the folder's store
    on the GUI thread as the dialog opened (its 12 MP mask: 50-180 ms): the dialog shows its case.json's fields, and
    its mask is read on the preview's worker, where the report is built with it."""
    monkeypatch.setattr(ReportDialog, "exec", lambda self: 0)
    photos = tmp_path / "photos"
    photos.mkdir()
    for name, colour in (("a_right.png", (120, 40, 20)), ("b_left.png", (90, 30, 10))):
        Image.new("RGB", (64, 48), colour).save(photos / name)
    with Workspace.open(photos) as ws:  # the earlier session: b_left painted, the patient's left eye
        other = ws.load_case(next(case.case_id for case in ws.cases() if case.image_path == "b_left.png"))
        other.mask[10:20, 10:20] = LesionClass.HE.bit
        other.patient = PatientInfo(patient_id="P-1", eye="OS")
        ws.save_case(other)
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(analyze_on_open=False))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_paths([photos])
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=30_000)  # a_right, the first listed, open
    window.cases.execute(SetPatient(PatientInfo(patient_id="P-1", eye="OD")))
    assert window.cases.doc.image_path == "a_right.png" and other.case_id not in window.cases.histories
    monkeypatch.setattr(window.reports, "ask_both_eyes", lambda other: True)
    on_gui_thread: list[bool] = []
    real_decode = sidecar.decode_mask_png
    monkeypatch.setattr(sidecar, "decode_mask_png", lambda *args: on_gui_thread.append(
        threading.current_thread() is threading.main_thread()) or real_decode(*args))
    painted: list[list[bool]] = []
    real_report = report_action.report_from_fields
    monkeypatch.setattr(report_action, "report_from_fields", lambda fields, eyes, *args: painted.append(
        [bool(eye.doc.mask.any()) for eye in eyes]) or real_report(fields, eyes, *args))
    window.reports.open_report()
    qtbot.waitUntil(lambda: window.reports.dialog is not None, timeout=10_000)  # its case.json read on the worker
    dialog = window.reports.dialog
    assert not any(on_gui_thread) and dialog.fields().eyes == ["OD", "OS"] and dialog.fields().patient_id == "P-1"
    qtbot.waitUntil(lambda: dialog.pages is not None, timeout=20_000)
    assert on_gui_thread == [False] and painted and painted[-1] == [False, True]


def test_the_other_eye_never_saved_whose_image_went_is_reported_missing_not_failed(tmp_path: Path) -> None:
    """A case never saved (the other eye by its DICOM header's patient ID) has nothing painted to read on the
    worker; its image gone since the dialog opened is said missing in the report, as an unreadable image is, where
    reading its case raised and no report could be made."""
    from app.report.model import EyeInput

    Image.new("RGB", (64, 48), (90, 30, 10)).save(tmp_path / "b_left.png")
    with Workspace.open(tmp_path) as ws:
        doc = ws.load_case_fields(next(iter(ws.cases())).case_id)  # as the dialog takes it
        (tmp_path / "b_left.png").unlink()
        eye = report_controller.eye_pixels(EyeInput(doc, None, "OS", source_file=str(tmp_path / "b_left.png")), ws)
    assert not doc.fields_only and eye.image is None and eye.source_file == ""
