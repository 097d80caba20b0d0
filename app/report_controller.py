"""File ▸ Report / print…: the open case and the other eye go into the report dialog. The other eye is the other
case selected in the list (two selected), else the one other case with the same patient ID (the reader is asked),
read off the GUI thread (app.report_partner).
The dialog warns before saving or printing when a case has no reader grade, is not marked done, holds a crash's
recovered edits nobody has checked since (app.recovered_note, as `report` warns), its eye is the AI's guess that the
reader has not replaced in the dialog, or its eye is against the side the AI found the optic disc on."""
from __future__ import annotations

import copy
import dataclasses
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QMessageBox

from annotations.document import CaseDocument
from annotations.image_io import ImageLoadError, load_image_with_header
from annotations.patients import guessed_eye, other_patients, patient_labels, report_warnings
from annotations.reading.report_grading import double_reading
from annotations.workspace import Workspace, WorkspaceError
from app.case_controller import CaseController
from app.case_message import CaseMessage
from app.report_partner import other_eye_id, selected_other_id, with_document
from app.settings import Settings
from app.tasks import TaskRunner
from app.volume_report_warnings import queued_other_bscans, volume_warnings, with_other_bscans
from widgets.domain_messages import shown_message

if TYPE_CHECKING:  # the report modules pull in reportlab: imported when a report is first asked for
    from app.main_window import MainWindow
    from app.report.model import EyeInput  # reportlab loads when a report is first made, not at start
    from widgets.report_dialog import ReportDialog
    from widgets.report_fields import ReportFields


def eye_input(cases: CaseController, doc: CaseDocument, true_shape: bool = False) -> EyeInput:
    """A case with its pixels where they are at hand: the decoded image of the open case; another case's comes
    without, read from its file by ``eye_pixels`` where the report is built, and so do the painted mask and AI arrays
    of a case read without them (report_partner.read_fields). An eye not recorded is prefilled with
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
        self.asked: object | None = None  # the report asked for last while its other eye's case is read
        self.reading = CaseMessage(window)  # "Reading … for the report…": not beside another case, whose it is not

    def open_report(self) -> None:
        """Ctrl+P: the report of the open case, and of the other eye the reader chose (two cases selected) or agreed
        to (the patient's other case). The other eye's case is read on the storage worker (report_partner): the
        question and the dialog follow once it is read; pressed again meanwhile, only the last report asked for
        opens, and none once another case is open."""
        window, cases = self.window, self.window.cases
        self.asked = None  # a report asked for before, still waiting on its other eye, is not this one
        if cases.doc is None or cases.workspace is None:
            window.show_message(QCoreApplication.translate(
                "ReportController", "Open a case first: the report is made from the case shown."))
            return
        cases.commit_typing()  # what is still being typed belongs in the report
        asked = self.asked = object()
        selected = selected_other_id(cases, window.case_list.selected_case_ids())
        if selected is None:
            self._offer_other_eye(asked)
        else:
            self._with_case(asked, selected, lambda partner: self._selected(asked, partner))

    def _with_case(self, asked: object, case_id: str, then: Callable[[CaseDocument | None], None]) -> None:
        """``then`` with the document of ``case_id`` (report_partner.with_document) while ``asked`` is the report
        asked for last; the status bar says the case is being read meanwhile, until it is read or another case opens
        (then the report is not made)."""
        cases = self.window.cases

        def landed(partner: CaseDocument | None) -> None:
            self.reading.withdraw()
            then(partner)
        if with_document(cases, case_id, self.window, lambda: self.asked is asked, landed):
            self.reading.say(QCoreApplication.translate("ReportController", "Reading {case} for the report…").format(
                case=cases.case_name(case_id)))

    def _selected(self, asked: object, partner: CaseDocument | None) -> None:
        """The other case selected, read: its pair of another patient is reported alone if the reader says so."""
        cases = self.window.cases
        if partner is not None and other_patients([cases.doc.patient, partner.patient]):
            if not self.ask_alone(partner):
                self.asked = None
                return
            partner = None  # the open case's own other eye is offered then, as without a selection
        if partner is None:
            self._offer_other_eye(asked)
        else:
            self._open_dialog(partner)

    def _offer_other_eye(self, asked: object) -> None:
        other = other_eye_id(self.window.cases)
        if other is None:
            self._open_dialog(None)
        else:
            self._with_case(asked, other, lambda partner: self._open_dialog(
                partner if partner is not None and self.ask_both_eyes(partner) else None))

    def _open_dialog(self, partner: CaseDocument | None) -> None:
        window, cases = self.window, self.window.cases
        self.asked = None
        docs = [cases.doc] if partner is None else [cases.doc, partner]
        self.docs = docs
        from app.report.bridge import clinic_from_settings, named_patient  # reportlab: loaded on first use
        from app.report_action import make_report_dialog

        values = window.values
        offered = offered_report_language(window.settings)
        names = [cases.case_name(doc.case_id) for doc in docs]  # as every message names them: no file read
        recovered = [window.recovered_note.to_check(doc.case_id) for doc in docs]  # a crash's, not checked since
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
                                   fields.birth_date, named_patient(fields, docs[0].patient).name, fields.sex,
                                   recovered) + volume_warnings(eyes, names)

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
