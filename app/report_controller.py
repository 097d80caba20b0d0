"""File ▸ Report / print…: the open case and the other eye go into the report dialog. The other eye is the other
case selected in the list (two selected), else the one other case with the same patient ID (the reader is asked).
The dialog warns before saving or printing when a case has no reader grade, is not marked done, its eye is the
AI's guess that the reader has not replaced in the dialog, or its eye is against the side the AI found the optic
disc on."""
from __future__ import annotations

import copy
import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QMessageBox

from annotations.document import CaseDocument
from annotations.frames import listed_case_id
from annotations.image_io import ImageLoadError, load_image_with_header
from annotations.patients import guessed_eye, other_patients, patient_labels, report_warnings
from annotations.reading.report_grading import double_reading
from annotations.report_kind import ReportKind, report_kind
from annotations.workspace import Workspace, WorkspaceError
from app.case_controller import CaseController
from app.settings import Settings
from app.tasks import TaskRunner
from app.volume_report_warnings import queued_other_bscans, volume_warnings, with_other_bscans
from widgets.domain_messages import shown_message

if TYPE_CHECKING:  # the report modules pull in reportlab: imported when a report is first asked for
    from app.main_window import MainWindow
    from app.report.model import EyeInput  # reportlab loads when a report is first made, not at start
    from widgets.report_dialog import ReportDialog
    from widgets.report_fields import ReportFields


def other_eye(cases: CaseController) -> CaseDocument | None:
    """The one other case whose patient ID equals the open case's (from the case list); None when there is none,
    or several (then the pairing is not obvious)."""
    doc = cases.doc
    if doc is None:
        return None
    matches = [summary.case_id for summary in cases.rows.same_patient(doc) if not summary.error]
    return case_document(cases, matches[0]) if len(matches) == 1 else None


def selected_other_case(cases: CaseController, selected: list[str]) -> CaseDocument | None:
    """With exactly two cases selected in the list, the one that is not open: the reader chose the pair."""
    others = [case_id for case_id in selected if case_id != listed_case_id(cases.current_id or "")]
    if len(selected) != 2 or len(others) != 1:
        return None
    return case_document(cases, others[0])


def case_document(cases: CaseController, case_id: str) -> CaseDocument | None:
    """A case that is not open: its kept document (with this session's edits, its AI withheld as the open case's
    is) or its saved one, without the AI result a blind reader may not see yet. A saved one comes without its painted
    mask and AI arrays (Workspace.load_case_fields: the other eye's 12 MP mask took 50-180 ms to decode on the GUI
    thread as the report dialog opened), read where the report is built (eye_pixels); an OCT scan's whole: its marks
    decide the templates the dialog offers (shows_lesions), and a B-scan's mask is small."""
    kept = cases.histories.get(case_id)
    if kept is not None:
        return kept.doc
    workspace = cases.workspace
    try:
        doc = workspace.load_case_fields(case_id) if workspace is not None else None
        if doc is not None and report_kind(doc) is ReportKind.OCT:
            doc = workspace.load_case(case_id)
    except (ImageLoadError, WorkspaceError, OSError, ValueError):
        return None  # the case list already says why this case cannot be opened
    if doc is not None and cases.ai_results.hidden(case_id, doc):
        doc.ai = None  # stored before the folder went blind: the report would show it
    return doc


def eye_input(cases: CaseController, doc: CaseDocument, true_shape: bool = False) -> EyeInput:
    """A case with its pixels where they are at hand: the decoded image of the open case; another case's comes
    without, read from its file by ``eye_pixels`` where the report is built, and so do the painted mask and AI arrays
    of a case read without them (case_document). An eye not recorded is prefilled with
    the AI's suggestion from the optic disc; the reader sees it in the dialog. Who graded it in double reading is
    read by ``eye_pixels`` too. ``true_shape``: a B-scan is printed at its true shape, as View ▸ B-scan at true shape
    draws it, else with square pixels."""
    from app.report.model import EyeInput  # reportlab loads when a report is first made, not at start

    eye = doc.patient.eye or guessed_eye(doc)
    try:
        source = str(cases.workspace.image_file(doc.case_id))
        header_eye = cases.workspace.header_eye(doc.case_id)  # the eye printed is checked against it
        header_id = cases.workspace.header_patient_id(doc.case_id)
    except WorkspaceError:
        source, header_eye, header_id = "", "", ""
    address = cases.case_address(doc.case_id)  # the report names it as messages do (a volume's own case by its B-scan)
    if doc is cases.doc and cases.image is not None:
        return EyeInput(doc, cases.image, eye, source_file=source, source_header=cases.pixels.header,
                        image_address=address, header_eye=header_eye, header_patient_id=header_id,
                        pixel_spacing=cases.pixel_spacing, true_shape=true_shape)
    return EyeInput(doc, None, eye, source_file=source, image_address=address, header_eye=header_eye,
                    header_patient_id=header_id, true_shape=true_shape)


def eye_pixels(eye: EyeInput, workspace: Workspace | None = None) -> EyeInput:
    """``eye`` with what it came without (eye_input) read from its files, on the report preview's worker: its image
    (a 12 MP photo's decoding took 0.2-0.3 s on the GUI thread as the dialog opened), and from ``workspace`` the
    painted mask and AI arrays of a case read without them (CaseDocument.fields_only: those of the case as saved,
    what the dialog shows of it), and who graded it in double reading (the folder's reading settings, each reader's
    files, the consensus record: 20 files for a two-eye report, 8 s frozen on a slow share as the dialog opened, on
    the GUI thread). An image that cannot be read is None, and the report says it is missing; saved files that
    cannot be read raise RuntimeError saying why, in the interface's language: the report is not made without the
    lesions they hold."""
    if workspace is not None:
        eye = dataclasses.replace(eye, double_reading=double_reading(workspace, eye.doc))
    if eye.doc.fields_only and workspace is not None:
        try:
            saved = workspace.read_case(eye.doc.case_id)
        except (ImageLoadError, WorkspaceError, OSError, ValueError) as error:
            raise RuntimeError(shown_message(str(error))) from error
        ai = saved.ai if eye.doc.ai is not None else None  # one withheld from a blind reader stays so
        eye = dataclasses.replace(eye, doc=dataclasses.replace(eye.doc, mask=saved.mask, ai=ai, fields_only=False))
    if eye.image is not None or not eye.source_file:
        return eye
    try:
        (image, spacing), header = load_image_with_header(eye.source_file)
    except (ImageLoadError, OSError):
        return dataclasses.replace(eye, source_file="")
    return dataclasses.replace(eye, image=image, pixel_spacing=spacing,
                               source_header=header.dataset if header is not None else None)


def offered_report_language(settings: Settings) -> str:
    """The report language the dialog offers first (app.report.text.report_language; app.i18n makes the interface
    language Qt's default locale)."""
    from app.report.text import report_language  # reportlab: loaded on first use

    return report_language(settings.last_report_language(), QLocale().name())


class ReportController:
    """Builds the report dialog for the main window; ``dialog`` is the last one opened."""

    def __init__(self, window: "MainWindow") -> None:
        self.window = window
        self.dialog: ReportDialog | None = None  # the last one opened, kept until the next
        self.docs: list[CaseDocument] = []  # the cases of the last report asked for
        self.runner = TaskRunner("report-preview", window)  # the dialog's preview, built off the GUI thread
        self.print_runner: TaskRunner | None = None  # its printing, off the GUI thread too: made on first use

    def open_report(self) -> None:
        window, cases = self.window, self.window.cases
        if cases.doc is None or cases.workspace is None:
            window.show_message(QCoreApplication.translate(
                "ReportController", "Open a case first: the report is made from the case shown."))
            return
        cases.commit_typing()  # what is still being typed belongs in the report
        docs = [cases.doc]
        partner = selected_other_case(cases, window.case_list.selected_case_ids())
        if partner is not None and other_patients([cases.doc.patient, partner.patient]):
            if not self.ask_alone(partner):
                return
            partner = None  # the open case's own other eye is offered then, as without a selection
        if partner is None:
            partner = other_eye(cases)
            if partner is not None and not self.ask_both_eyes(partner):
                partner = None
        if partner is not None:
            docs.append(partner)
        self.docs = docs
        from app.report.bridge import clinic_from_settings, named_patient  # reportlab: loaded on first use
        from app.report_action import make_report_dialog

        values = window.values
        offered = offered_report_language(window.settings)
        names = [cases.case_name(doc.case_id) for doc in docs]  # as every message names them: no file read
        inputs = [eye_input(cases, doc, values.bscan_true_shape) for doc in docs]  # B-scans as the canvas shows
        # the cases as taken here, each its own copy: the preview is built on a worker while the window may still
        # change the open case (an analysis landing replaces its AI result), and no build reads half of each
        inputs = [dataclasses.replace(eye, doc=copy.copy(eye.doc)) for eye in inputs]
        docs = [eye.doc for eye in inputs]
        # a B-scan's volume's other B-scans: read on the storage worker, after the saves queued before
        others = {doc.case_id: queued_other_bscans(cases, doc) for doc in docs}

        def read_cases(eye: EyeInput) -> EyeInput:  # on the preview's worker (make_report_dialog's read_pixels)
            return with_other_bscans(eye_pixels(eye, cases.workspace), others[eye.doc.case_id])

        def warnings(fields: ReportFields, eyes: list[EyeInput]) -> list[str]:
            # the cases as the dialog holds them (their documents and pixels, who graded them once read, its labels):
            # the list may change while it is open (the folder's scan, another reader's save), but what is reported
            # is what was taken here. The name as printed: prefilled in both its forms (王小明（Xiaoming Wang）), it is
            # no correction
            return report_warnings(docs, names, fields.ai_eyes, QCoreApplication.translate, fields.eyes,
                                   [eye.header_eye for eye in eyes], [eye.unsettled for eye in eyes],
                                   fields.patient_id, [eye.header_patient_id for eye in inputs], fields.exam_date,
                                   fields.birth_date, named_patient(fields, docs[0].patient).name, fields.sex
                                   ) + volume_warnings(eyes, names)

        reader = window.settings.report_reader(values)
        if self.dialog is not None:  # the last report's, closed: its eyes' images, panels and pages go with it
            self.dialog.deleteLater()
        self.dialog = make_report_dialog(window, inputs,
                                         clinic_from_settings(values.to_dict()), reader=reader,
                                         save_dir=str(cases.workspace.folder), warnings=warnings, language=offered,
                                         case_labels=names, runner=self.runner,
                                         read_pixels=read_cases, print_runner=self._print_runner(),
                                         reading_cases=cases.double_reading or any(others.values()))
        saved = QCoreApplication.translate("ReportController", "Report saved: {path}")
        self.dialog.report_saved.connect(lambda path: window.show_message(saved.format(path=path)))
        self.dialog.exec()
        fields = self.dialog.fields()
        if fields.language != offered:  # a choice the person made is kept; the default keeps following the interface
            window.settings.save_report_language(fields.language)
        if fields.reader.strip() and fields.reader.strip() != reader and not values.reader:
            window.settings.save_report_reader(fields.reader.strip())  # the Settings' reader, when set, stays first

    def _print_runner(self) -> TaskRunner:
        if self.print_runner is None:
            self.print_runner = TaskRunner("report-print", self.window)
        return self.print_runner

    def shutdown(self) -> None:
        self.runner.shutdown()
        if self.print_runner is not None:  # a print under way ends first: the printer is not left half a job
            self.print_runner.shutdown()

    def ask_alone(self, partner: CaseDocument) -> bool:
        """The two cases selected name different patients: whether to report the open case alone (else nothing)."""
        cases = self.window.cases
        labels = patient_labels(cases.doc.patient, partner.patient, QCoreApplication.translate)
        answer = QMessageBox.question(
            self.window, QCoreApplication.translate("ReportController", "Different patients"),
            QCoreApplication.translate("ReportController", "{case} is patient {patient_id}, {other} is patient "
                                                            "{other_id}: a report covers one patient.\n\nReport "
                                                            "{case} alone?").format(
                case=cases.case_name(cases.doc.case_id), patient_id=labels[0],
                other=cases.case_name(partner.case_id), other_id=labels[1]),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def ask_both_eyes(self, partner: CaseDocument) -> bool:
        name = self.window.cases.case_name(partner.case_id)  # as every message names it: no file read
        answer = QMessageBox.question(
            self.window, QCoreApplication.translate("ReportController", "Report both eyes?"),
            QCoreApplication.translate("ReportController", "{case} has the same patient ID ({patient_id}).\n\n"
                                                            "Put both eyes in one report?").format(
                case=name, patient_id=partner.patient.patient_id),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
        return answer == QMessageBox.StandardButton.Yes
