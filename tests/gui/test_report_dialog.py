"""The report dialog: prefilled fields, live preview, Save PDF, and printing the very pages of the preview."""
from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
from pydicom import dcmread
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QWheelEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QComboBox

from annotations.document import PatientInfo
from app.report.model import ClinicSettings
from app.report_action import make_report_dialog
from app.tasks import TaskRunner
from tests.gui.pseudo_walk import pseudo_locale
from tests.unit.test_report_pdf import CHINESE_NAME, extract_text, make_eye
from widgets.patient_panel import PatientPanel
from widgets import pdf_preview
from widgets.pdf_preview import PdfPages
from widgets.report_dialog import ReportDialog
from widgets.report_fields import ReportFields


PRINT_S = 0.5  # a printer's driver taking its time


@pytest.fixture
def dialog(qtbot) -> ReportDialog:
    eye = make_eye("OD")
    eye.doc.findings_text = "Two blot haemorrhages"
    widget = make_report_dialog(None, [eye], ClinicSettings(name="GUI Clinic"), reader="Dr. Reader")
    qtbot.addWidget(widget)
    return widget


def test_fields_are_prefilled_from_the_case(dialog: ReportDialog) -> None:
    fields = dialog.fields()
    assert (fields.patient_name, fields.patient_id, fields.age, fields.sex) == (CHINESE_NAME, "P-001", 61, "F")
    assert fields.eyes == ["OD"] and fields.reader == "Dr. Reader"
    assert fields.diagnosis == ""  # the reader's findings ("Two blot haemorrhages") print in their own section
    assert "Refer to an ophthalmologist" in dialog.recommendation.placeholderText()
    assert "DroidSansFallback" in dialog.font_note.text() or "system" in dialog.font_note.text()


def test_the_exam_dates_place_holder_is_translated_as_the_patient_panels(qtbot) -> None:
    """It was plain English in a Chinese dialog; the same source text as the patient panel's, one translation."""
    with pseudo_locale() as pseudo:
        dialog = make_report_dialog(None, [make_eye("OD")], ClinicSettings())
        panel = PatientPanel()
    qtbot.addWidget(dialog)
    qtbot.addWidget(panel)
    assert dialog.exam_date.placeholderText() == panel.exam_date.placeholderText() == "⟦YYYY-MM-DD⟧"
    assert ("ReportDialog", "YYYY-MM-DD") in pseudo.asked


def test_preview_follows_the_edits(dialog: ReportDialog, tmp_path: Path) -> None:
    assert dialog.pages is not None and len(dialog.preview.page_labels) == dialog.pages.page_count >= 1
    dialog.name.setText("周杰")
    dialog.diagnosis.setPlainText("Mild NPDR 轻度")
    dialog.paper.setCurrentIndex(dialog.paper.findData("Letter"))
    dialog.refresh_preview()
    text = extract_text(dialog.pages.data, tmp_path)
    assert "周杰" in text and "Mild NPDR 轻度" in text
    assert dialog.pages.page_size_points(0) == pytest.approx((612, 792), abs=1)


def test_save_writes_the_previewed_pdf(dialog: ReportDialog, tmp_path: Path) -> None:
    dialog.patient_id.setText("ID 9/3")  # typed, so the preview is stale until saved
    saved = dialog.save_pdf(str(tmp_path / "r.pdf"))
    assert saved and Path(saved).read_bytes() == dialog.pages.data
    assert "ID 9/3" in extract_text(dialog.pages.data, tmp_path)
    assert dialog.suggested_file_name() == "report_ID_9_3_OD_2026-11-20.pdf"


def test_print_produces_the_same_pages(dialog: ReportDialog, tmp_path: Path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_report(printer)
    printed = PdfPages((tmp_path / "printed.pdf").read_bytes())
    assert printed.page_count == dialog.pages.page_count
    for page in range(printed.page_count):
        assert printed.page_size_points(page) == pytest.approx(dialog.pages.page_size_points(page), abs=1.5)
        on_paper = _pixels(printed, page)
        on_screen = _pixels(dialog.pages, page)
        assert on_paper.shape == on_screen.shape
        # Same layout, only anti-aliasing differs: about 0.98 here, while two different pages give about 0.1.
        assert np.corrcoef(on_paper.ravel(), on_screen.ravel())[0, 1] > 0.9


def test_printing_runs_off_the_gui_thread_and_the_dialog_turns_meanwhile(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ticks: list[float]) -> None:
    """Rendering the pages at the printer's resolution took 0.2-1.4 s on the GUI thread, the window frozen: with a
    print runner they print on its worker, the dialog saying so, its Print button off until they are printed."""
    runner = TaskRunner("report-print")
    dialog = make_report_dialog(None, [make_eye("OD")], ClinicSettings(name="GUI Clinic"), print_runner=runner)
    qtbot.addWidget(dialog)
    real = pdf_preview.print_pages

    def slow_printer(pages: PdfPages, printer: QPrinter) -> int:
        time.sleep(PRINT_S)
        return real(pages, printer)
    monkeypatch.setattr(pdf_preview, "print_pages", slow_printer)
    monkeypatch.setattr("widgets.report_dialog.print_pages", slow_printer)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    started = time.monotonic()
    with qtbot.waitSignal(dialog.printed, timeout=20_000):
        assert dialog.print_report(printer)
        returned = time.monotonic()
        assert returned - started < PRINT_S
        assert dialog.printing and not dialog.print_button.isEnabled()
        assert dialog.preview.busy_label.text() == "Printing…"
    assert len([tick for tick in ticks if tick >= returned]) >= 3  # the event loop turned while it printed
    assert not dialog.printing and dialog.print_button.isEnabled() and dialog.preview.busy_label.text() == ""
    assert PdfPages((tmp_path / "printed.pdf").read_bytes()).page_count == dialog.pages.page_count
    runner.shutdown()


def _pixels(pages: PdfPages, page: int) -> np.ndarray:
    """Grey levels at 60 dpi, averaged over 6x6 blocks (2.5 mm) so anti-aliasing differences wash out."""
    image = pages.render(page, 60).convertToFormat(QImage.Format.Format_Grayscale8)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    grey = rows[:, :image.width()].astype(float)
    height, width = grey.shape[0] // 6 * 6, grey.shape[1] // 6 * 6
    return grey[:height, :width].reshape(height // 6, 6, width // 6, 6).mean(axis=(1, 3))


def test_a_failing_build_is_shown_and_blocks_saving(qtbot) -> None:
    def broken(_: ReportFields) -> bytes:
        raise RuntimeError("clinic logo /x/logo.png cannot be read")

    widget = ReportDialog(ReportFields(eyes=["OS"]), broken, ["a.jpg"], {"clinical": "Clinical"}, ["A4"])
    qtbot.addWidget(widget)
    assert widget.pages is None and not widget.save_button.isEnabled() and not widget.print_button.isEnabled()
    assert "logo.png" in widget.preview.page_labels[0].text()
    assert widget.save_pdf("/tmp/never.pdf") is None


def test_the_longest_template_names_leave_the_dialog_within_a_laptop_screen(qtbot) -> None:
    """A photo with a painted OCT scan: the template box grew to its longest name and the dialog to 1541 pixels,
    wider than a 1366 x 768 clinic laptop; the open list still shows every name whole."""
    from annotations.classes import LesionClass
    from tests.unit.test_report_oct import oct_eye

    scan = oct_eye("OS")
    scan.doc.mask = np.zeros((scan.doc.height, scan.doc.width), np.uint8)
    scan.doc.mask[80:110, 100:160] = LesionClass.HE.bit  # painted: the templates name their overlays and table
    widget = make_report_dialog(None, [make_eye("OD"), scan], ClinicSettings(name="GUI Clinic"))
    qtbot.addWidget(widget)
    assert widget.minimumSizeHint().width() <= 1366
    box = widget.template
    names = [box.itemText(row) for row in range(box.count())]
    whole = QComboBox()  # as wide as its longest name, none elided
    whole.addItems(names)
    widget.show()
    box.showPopup()
    assert box.view().window().width() >= whole.sizeHint().width()
    box.hidePopup()
    box.setCurrentIndex(1)
    assert box.toolTip() == box.currentText() == names[1]


def test_the_two_eye_dialog_at_1400_by_900_shows_the_template_name_whole_or_cut_with_an_ellipsis(qtbot) -> None:
    """README's screenshot size: the box clipped "…, lesion" mid-word; now it ends with "…" and keeps the whole name
    in its tooltip."""
    widget = make_report_dialog(None, [make_eye("OD"), make_eye("OS")], ClinicSettings(name="GUI Clinic"))
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    box = widget.template
    for row in range(box.count()):
        box.setCurrentIndex(row)
        name, shown = box.currentText(), box.shown_text()
        assert shown == name or (shown.endswith("…") and name.startswith(shown[:-1])), shown
        assert box.toolTip() == name


def test_an_eye_set_to_not_recorded_in_the_dialog_is_printed_as_not_recorded(dialog: ReportDialog,
                                                                              tmp_path: Path) -> None:
    # the case records OD; the reader chose "Not recorded" in the dialog: the PDF must not print OD behind its back
    combo = dialog.eyes[0]
    combo.setCurrentIndex(combo.findData(""))
    dialog.refresh_preview()
    text = extract_text(dialog.pages.data, tmp_path)
    assert dialog.fields().eyes == [""]
    assert "eye not recorded" in text and "right eye" not in text
    assert dialog.suggested_file_name() == "report_P-001_2026-11-20.pdf"


def test_the_age_follows_the_exam_date_changed_in_the_dialog(qtbot, tmp_path: Path) -> None:
    """It kept the age of the exam date recorded: "65 years (born 4 Mar 1961)" on an exam of 1 Jun 2025."""
    eye = make_eye("OD")
    eye.doc.patient = PatientInfo(patient_id="P-001", age=65, birth_date="1961-03-04", exam_date="2026-03-10")
    dialog = make_report_dialog(None, [eye], ClinicSettings())
    qtbot.addWidget(dialog)
    assert dialog.fields().age == 65
    dialog.exam_date.setText("2025/6/1")  # written year first another way: read as its date
    assert dialog.age.value() == 64 and dialog.fields().age == 64
    dialog.refresh_preview()
    assert "64 years" in extract_text(dialog.pages.data, tmp_path)
    dialog.exam_date.setText("1960-01-01")  # before the birth: no age, not the one of the dates before
    assert dialog.fields().age is None
    dialog.exam_date.setText("2026-03-10")
    assert dialog.fields().age == 65
    dialog.age.setFocus()
    dialog.age.selectAll()
    qtbot.keyClicks(dialog.age, "70")  # an age the reader typed stays theirs
    dialog.exam_date.setText("2025-06-01")
    assert dialog.fields().age == 70


def test_a_birth_date_typed_in_the_dialog_is_printed_and_gives_the_age(qtbot, tmp_path: Path) -> None:
    """A photo with no birth date recorded (a JPEG folder) could not get one onto its report, nor could a wrong one be
    corrected there: the dialog had no birth date. Typed there, it is the report's (its age follows, as with the exam
    date, until the reader types an age), not the case's (the patient panel records the case's)."""
    eye = make_eye("OD")
    eye.doc.patient = PatientInfo(name="Zhang Wei", exam_date="2026-11-20")
    dialog = make_report_dialog(None, [eye], ClinicSettings())
    qtbot.addWidget(dialog)
    assert dialog.birth_date.text() == "" and dialog.fields().age is None
    qtbot.keyClicks(dialog.birth_date, "1958/3/12")  # written year first another way: read as its date
    assert dialog.fields().birth_date == "1958-03-12" and dialog.age.value() == 68
    dialog.refresh_preview()
    assert "68 years (born 12 Mar 1958)" in extract_text(dialog.pages.data, tmp_path)
    saved = dialog.save_dicom(str(tmp_path / "report.dcm"))
    assert saved and dcmread(saved).PatientBirthDate == "19580312"
    assert eye.doc.patient.birth_date == ""  # the case is not changed
    dialog.birth_date.setText("1960-01-01")
    assert dialog.fields().age == 66
    dialog.age.setValue(70)  # an age the reader set stays theirs
    dialog.birth_date.setText("1958-03-12")
    assert dialog.fields().age == 70


def test_the_dialogs_dates_are_marked_as_the_patient_panels(qtbot) -> None:
    """A birth date no patient has, or one that names no date (which the report and a DICOM header would print as
    typed), is shown red with why; a date being typed is not marked until the field is left."""
    eye = make_eye("OD")
    eye.doc.patient = PatientInfo(birth_date="1958-03-12", exam_date="2026-11-20")
    dialog = make_report_dialog(None, [eye], ClinicSettings())
    qtbot.addWidget(dialog)
    assert dialog.birth_date.toolTip() == "" and dialog.birth_date.styleSheet() == ""
    dialog.birth_date.setText("2058-03-12")  # a year mistyped
    assert "after the exam date" in dialog.birth_date.toolTip() and "color" in dialog.birth_date.styleSheet()
    dialog.birth_date.clear()
    qtbot.keyClicks(dialog.birth_date, "12/03/1958")
    assert dialog.birth_date.toolTip() == ""  # still being typed, perhaps
    qtbot.keyClick(dialog.birth_date, Qt.Key.Key_Return)  # done (or the field left)
    assert "YYYY-MM-DD" in dialog.birth_date.toolTip() and "color" in dialog.birth_date.styleSheet()
    qtbot.keyClicks(dialog.exam_date, "x")  # typing in the other date leaves it marked
    assert "YYYY-MM-DD" in dialog.birth_date.toolTip() and dialog.exam_date.toolTip() == ""


def _page_width(dialog: ReportDialog) -> int:
    """The first previewed page's width in screen (device-independent) pixels."""
    pixmap = dialog.preview.page_labels[0].pixmap()
    return round(pixmap.width() / pixmap.devicePixelRatio())


def test_the_preview_fits_the_pane_and_zooms_to_proofread(qtbot, dialog: ReportDialog) -> None:
    """At a fixed 60 dpi an A4 page was 500 px wide on a laptop and its Chinese print a few pixels high, bold labels
    smudges: the pages fit the pane's width, and zoom in and out (buttons, Ctrl+wheel, Ctrl++ and Ctrl+-; Ctrl+0 or
    Fit width fits them again), drawn at the screen's pixel density."""
    preview = dialog.preview
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: abs(_page_width(dialog) - preview.scroll.viewport().width()) < 40)
    fitted = _page_width(dialog)
    dialog.resize(dialog.width() + 200, dialog.height())
    qtbot.waitUntil(lambda: _page_width(dialog) > fitted + 50)  # a wider pane, a wider page
    fitted = _page_width(dialog)
    preview.zoom_in_button.click()
    assert _page_width(dialog) == pytest.approx(fitted * 1.25, abs=2)
    assert preview.zoom_label.text() == f"{round(100 * preview.dpi() / 96)} %"
    for _ in range(12):
        preview.zoom_in_button.click()
    assert preview.dpi() == 240 and not preview.zoom_in_button.isEnabled()  # 6.5 pt print 22 px high, no larger
    wheel = QWheelEvent(QPointF(10, 10), QPointF(10, 10), QPoint(), QPoint(0, -120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(preview.scroll.viewport(), wheel)
    assert preview.dpi() == pytest.approx(240 / 1.25)
    preview.fit_button.click()
    assert _page_width(dialog) == fitted
    assert [button.toolTip() for button in (preview.zoom_out_button, preview.zoom_in_button)] == [
        "Zoom out (Ctrl+-)", "Zoom in (Ctrl++)"]
    dialog.refresh_preview()  # a new report keeps the zoom the reader chose
    preview.zoom_out_button.click()
    dialog.refresh_preview()
    assert _page_width(dialog) == pytest.approx(fitted / 1.25, abs=2)


def test_enter_in_a_field_updates_the_preview_and_tab_leaves_the_diagnosis(qtbot, dialog: ReportDialog,
                                                                           tmp_path: Path) -> None:
    """Enter closed the dialog (Close was the default button) and what was typed was lost; Tab typed tab characters
    into the printed diagnosis."""
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.name.setFocus()
    qtbot.keyClicks(dialog.name, "Li Hua")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.update_button.isDefault() and dialog.fields().patient_name.endswith("Li Hua")
    assert "Li Hua" in extract_text(dialog.pages.data, tmp_path)  # the preview made anew, with the name typed
    dialog.diagnosis.setFocus()
    qtbot.keyClicks(dialog.diagnosis, "Mild NPDR")
    qtbot.keyClick(dialog.diagnosis, Qt.Key.Key_Tab)
    assert dialog.diagnosis.toPlainText() == "Mild NPDR"


def test_a_report_of_a_patient_with_no_id_or_name_is_named_by_the_photos_path_in_the_folder(qtbot,
                                                                                          tmp_path: Path) -> None:
    """Every patient's left eye of a folder per patient suggested report_OS_<date>.pdf."""
    from dataclasses import replace

    from annotations.document import PatientInfo
    from tests.unit.test_report_pdf import make_eye

    eye = make_eye("OS")
    eye.doc.patient = PatientInfo(eye="OS", exam_date="2026-11-20")
    eye = replace(eye, source_file=str(tmp_path / "P007" / "OS.jpg"))
    dialog = make_report_dialog(None, [eye], ClinicSettings(), save_dir=str(tmp_path))
    qtbot.addWidget(dialog)
    assert dialog.suggested_file_name() == "report_P007_OS_OS_2026-11-20.pdf"


def test_save_asks_to_replace_only_a_file_a_report_may_replace(dialog: ReportDialog, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The file dialog's own "replace?" was asked of a person's letter, which the save then refused: whether to
    replace is asked only of an earlier report, a file no report replaces is refused at once."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    letter, earlier = tmp_path / "letter.pdf", tmp_path / "report.pdf"
    letter.write_bytes(b"%PDF-1.4 a referral letter, Dear colleague ...")
    assert dialog.save_pdf(str(earlier)) == str(earlier)
    chosen, asked, warned, answer = [letter], [], [], [QMessageBox.StandardButton.No]

    def choose(*_args: object, **kwargs: object) -> tuple[str, str]:
        assert kwargs["options"] & QFileDialog.Option.DontConfirmOverwrite  # the dialog asks nothing itself
        return str(chosen[0]), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    monkeypatch.setattr(QMessageBox, "question", lambda _parent, _title, text, *_a: asked.append(text) or answer[0])
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *_a: warned.append(text))
    assert dialog.save_pdf() is None and asked == []
    assert "is not a report this program wrote" in warned[0] and letter.read_bytes().endswith(b"colleague ...")
    chosen[0] = earlier
    earlier.write_bytes(earlier.read_bytes() + b"\n% kept")
    assert dialog.save_pdf() is None and asked == [f"{earlier} already exists: an earlier report. Replace it?"]
    assert earlier.read_bytes().endswith(b"% kept")
    answer[0] = QMessageBox.StandardButton.Yes
    assert dialog.save_pdf() == str(earlier) and not earlier.read_bytes().endswith(b"% kept")
