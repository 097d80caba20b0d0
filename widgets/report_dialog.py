"""The report dialog: patient fields prefilled from the case, diagnosis, template and paper, a live preview of the
pages, Save PDF, Save DICOM and Print. The PDF comes from ``build_pdf(fields) -> bytes``, injected by the app, so this
widget knows nothing about how reports are made; preview, file and paper all show those same bytes. ``to_dicom(pdf,
fields) -> bytes`` (optional) wraps them as a DICOM Encapsulated PDF object for the clinic's archive.
With a ``runner`` (app.tasks.TaskRunner) the preview is built on its worker: a 12-megapixel photo's panels took
0.6 s (one eye) to 1.0 s (two) on the GUI thread, the window frozen while the dialog opened or a template changed.
Save or Print while the preview of the same fields is on its way waits for it (the dialog responsive, saying so) rather
than building those pages again on the GUI thread (up to 2 s on two 12 MP photos)."""
from __future__ import annotations

import dataclasses
import re
import threading
from pathlib import Path
from typing import Any, Callable, Mapping, Protocol, Sequence

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QGroupBox,
                               QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QPushButton, QSpinBox,
                               QVBoxLayout, QWidget)

from annotations.output_folder import OutputError, refuse_single_output, write_single_output
from annotations.output_names import safe_stem
from annotations.own_outputs import DICOM_REPORT, PDF_REPORT, SingleKind
from annotations.patients import MAX_AGE, eye_label, read_date, written_date
from widgets.breakable_text import breakable
from widgets.confirm import ask_yes_no
from widgets.date_marks import mark_dates
from widgets.domain_messages import shown_message, shown_os_reason
from widgets.elided_combo import ElidedComboBox
from widgets.mnemonic import escape_mnemonic
from widgets.patient_panel import eye_choices, sex_choices
from widgets.pdf_preview import PdfPages, PdfPreview, print_pages, print_pdf
from widgets.report_fields import ReportFields
from widgets.screen_room import VerticalScrollArea, open_fitted, opening_size

PREVIEW_DELAY_MS = 500  # rebuild the preview this long after the last keystroke
AI_GUESS_ROLE = Qt.ItemDataRole.UserRole + 1  # marks an eye choice that is the AI's guess
# A template's name in the closed box, at the least: the names say what each template prints (up to 130 characters),
# which would widen the dialog past a 1366-pixel screen; where the box has less room than its name it cuts it short
# with "…" (ElidedComboBox), and the open list (as wide as its longest) and the tooltip show the name whole.
TEMPLATE_SHOWN_CHARACTERS = 40
PREVIEW_WIDTH = 560  # the preview's least width where the screen has the room: a page fitted to it reads well
# ...and on a narrower screen, the preview gives up what the screen lacks, down to this (zoom and scroll show the rest):
# beside the fields the dialog was 1108 px wide, off the edge of a 1366 x 768 laptop at 125 % scaling (1093 px).
LEAST_PREVIEW_WIDTH = 360
# A case's name in its eye's label, at the most, in average characters: a longer one is cut short in its middle (its
# extension, or its B-scan's number, kept), whole in the tooltip. A 120-character name widened the dialog past a
# 1366-pixel screen (1451 px), Close off its edge.
EYE_CASE_SHOWN_CHARACTERS = 40
Built = tuple[bytes | None, str]  # a build's PDF, or None and why it cannot be made


class PreviewRunner(Protocol):
    """Runs ``fn(inputs, state)`` on one worker, cancelling the job before (app.tasks.TaskRunner); the returned
    task's ``finished`` signal carries the result to the GUI thread, ``ended`` follows whatever the outcome."""

    def run(self, fn: Callable[[Any, Any], Any], inputs: Any = None, name: str = "") -> QObject: ...

    def cancel(self) -> None: ...


class ReportDialog(QDialog):
    report_saved = Signal(str)  # the path written (PDF or DICOM)
    printed = Signal()  # a print on the print runner ended (printed, or failed and said)

    def __init__(self, fields: ReportFields, build_pdf: Callable[[ReportFields], bytes], case_labels: Sequence[str],
                 templates: Mapping[str, str], papers: Sequence[str],
                 suggest_recommendation: Callable[[ReportFields], str] | None = None, save_dir: str = "",
                 warnings: Callable[[ReportFields], Sequence[str]] | None = None, parent: QWidget | None = None,
                 to_dicom: Callable[[bytes, ReportFields], bytes] | None = None,
                 originals: Sequence[str | Path] = (), languages: Mapping[str, str] | None = None,
                 runner: PreviewRunner | None = None, prepare: Callable[[], str] | None = None,
                 dates_age: Callable[[ReportFields], int | None] | None = None,
                 print_runner: PreviewRunner | None = None, reading_cases: bool = False) -> None:
        """``case_labels``: each eye's case by its name (annotations.case_names), in the order of ``fields.eyes``;
        ``originals``: the eyes' image files, which saving never replaces (even when the person confirms);
        ``warnings(fields)``: what to warn about in the report the fields describe, shown at the top as the fields
        change (an eye the reader chooses is no longer the AI's guess) and asked about before a report is saved or
        printed, once for each warning;
        ``languages``: the report languages offered (code: name), ``fields.language`` chosen;
        ``suggest_recommendation(fields)``: the follow-up the report prints when the field is left empty (its
        language and eyes as the fields have them);
        ``runner``: builds the preview off the GUI thread (see the module's note); None: on it;
        ``print_runner``: prints off the GUI thread (the print dialog and any question stay on it); None: on it;
        ``prepare()``: what every build needs first, done once where the builds run, before the first (the app: the
        report fonts read, the other eye's photo decoded and its saved mask and AI read; one that raised, shown as the
        build's error, is tried again by the next build); it returns the note on the fonts, shown under the fields with
        the first pages; ``reading_cases``: the warnings wait on what it reads of the cases (the app: in double
        reading, who graded each; a B-scan's volume's other B-scans): "Reading the cases…" is said over them until it
        has run, and they are shown again then;
        ``dates_age(fields)``: the age the report prints where the reader typed none (the app: the fields' birth date's
        on their exam date), shown in the age box as either date changes until the reader types an age there, which
        stays theirs; None: the age prefilled stays.
        The patient fields are the report's: what is typed here corrects the report, not the case (the patient panel
        records the case's)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Report"))
        self._suggest = suggest_recommendation
        self._build_pdf, self._to_dicom = build_pdf, to_dicom
        self._save_dir = save_dir
        self._originals = list(originals)
        self._warnings_for = warnings
        self.warnings: list[str] = []  # for the fields as they are now
        self._accepted_warnings: set[str] = set()  # the reader said to go ahead despite these
        self._typing: QLineEdit | None = None  # the date field being typed in (until left), its date maybe half typed
        self.pages: PdfPages | None = None
        self.error = ""
        self._runner = runner
        self._task: QObject | None = None  # the preview being built on the runner
        self._print_runner = print_runner
        self.printing = False  # pages are being printed on the print runner
        self._build_lock = threading.Lock()  # one build at a time: the builder's panel cache is shared
        self._prepare = prepare
        self._prepared_note: str | None = None  # written on the worker, shown with the next pages
        self._task_fields: ReportFields | None = None  # those of the preview being built on the runner
        self._pages_fields: ReportFields | None = None  # those of the pages shown
        self._waiting: QEventLoop | None = None  # a save or print waiting for the pages of its fields

        self.name = QLineEdit(fields.patient_name)
        self.patient_id = QLineEdit(fields.patient_id)
        self.age = QSpinBox()
        self.age.setRange(-1, MAX_AGE)
        self.age.setSpecialValueText(self.tr("not recorded"))
        self.age.setValue(-1 if fields.age is None else fields.age)
        self._dates_age = dates_age
        self._age_typed = False  # the reader set the age box: it no longer follows the dates
        self.age.valueChanged.connect(self._note_age_typed)  # _follow_dates sets it with its signals blocked
        self.sex = self._combo(sex_choices(), fields.sex)
        self.birth_date = QLineEdit(fields.birth_date)  # one the case lacks (a JPEG's), or a wrong one, for the report
        self.exam_date = QLineEdit(fields.exam_date)
        for line in (self.birth_date, self.exam_date):
            line.setPlaceholderText(self.tr("YYYY-MM-DD"))  # as the patient panel says it
        from_ai = fields.ai_eyes or [False] * len(fields.eyes)
        self.eyes = [self._eye_combo(eye, guessed) for eye, guessed in zip(fields.eyes, from_ai)]
        patient = QGroupBox(self.tr("Patient"))
        patient_form = QFormLayout(patient)
        for label, widget in ((self.tr("&Name"), self.name), (self.tr("Patient &ID"), self.patient_id),
                              (self.tr("&Birth date"), self.birth_date), (self.tr("A&ge"), self.age),
                              (self.tr("Se&x"), self.sex),
                              (self.tr("Exa&m date"), self.exam_date)):
            patient_form.addRow(label, widget)
        for label, combo in zip(case_labels, self.eyes):
            patient_form.addRow(self._eye_label(label, combo), combo)

        self.reader = QLineEdit(fields.reader)
        self.template = self._combo(templates, fields.template, ElidedComboBox())
        self.template.view().setMinimumWidth(self.template.sizeHint().width())  # as wide as its longest name
        self.template.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.template.setMinimumContentsLength(TEMPLATE_SHOWN_CHARACTERS)
        self.paper = self._combo({paper: paper for paper in papers}, fields.paper)
        self.language = self._combo(dict(languages or {fields.language: fields.language}), fields.language)
        self.language.setToolTip(self.tr("The language the report is printed in, whatever the program's"))
        self.diagnosis = QPlainTextEdit(fields.diagnosis)
        self.diagnosis.setPlaceholderText(self.tr("Diagnosis, in any language"))
        self.recommendation = QPlainTextEdit(fields.recommendation)
        for editor in (self.diagnosis, self.recommendation):
            editor.setMaximumHeight(90)
            editor.setTabChangesFocus(True)  # Tab moves on: it typed tab characters into the printed text
        report = QGroupBox(self.tr("Report"))
        report_form = QFormLayout(report)
        for label, widget in ((self.tr("&Reader"), self.reader), (self.tr("&Template"), self.template),
                              (self.tr("P&aper"), self.paper), (self.tr("Report &language"), self.language),
                              (self.tr("&Diagnosis"), self.diagnosis),
                              (self.tr("R&ecommendation"), self.recommendation)):
            report_form.addRow(label, widget)
        self._show_suggestion()
        for combo in (self.language, *self.eyes):
            combo.currentIndexChanged.connect(self._show_suggestion)
        self.font_note = QLabel()  # the fonts embedded: prepare()'s note, with the first pages
        self.font_note.setWordWrap(True)

        self.preview = PdfPreview()
        self.preview.setMinimumWidth(PREVIEW_WIDTH)
        self.update_button = QPushButton(self.tr("&Update preview"))
        self.save_button = QPushButton(self.tr("&Save PDF…"))
        self.dicom_button = QPushButton(self.tr("Save DIC&OM…"))
        self.dicom_button.setToolTip(self.tr("The same PDF as a DICOM Encapsulated PDF object, in the images' study"))
        self.dicom_button.setVisible(to_dicom is not None)
        self.print_button = QPushButton(self.tr("&Print…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.update_button, self.save_button, self.dicom_button, self.print_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        # Enter in a field updates the preview: Close, the default, shut the dialog and lost what was typed
        for button in buttons.buttons():
            button.setAutoDefault(False)
        self.update_button.setDefault(True)
        buttons.rejected.connect(self.reject)
        self.update_button.clicked.connect(self.refresh_preview)
        self.save_button.clicked.connect(lambda: self.save_pdf())
        self.dicom_button.clicked.connect(lambda: self.save_dicom())
        self.print_button.clicked.connect(lambda: self.print_report())

        self.reading_note = QLabel(self.tr("Reading the cases…"))  # until prepare() ran: the warnings wait on it
        self.warning_label = QLabel()
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet("color: #c62828; font-weight: bold;")
        self._show_warnings()
        for combo in self.eyes:
            combo.currentIndexChanged.connect(self._show_warnings)
        self.patient_id.textChanged.connect(self._show_warnings)  # one not the DICOM header's is filed apart
        self.name.textChanged.connect(self._show_warnings)  # corrected: the cases' differing names are no warning
        self.sex.currentIndexChanged.connect(self._show_warnings)
        mark_dates(self.birth_date, self.exam_date)
        for line in (self.birth_date, self.exam_date):
            line.textChanged.connect(self._follow_dates)  # the age first: the warnings and preview read it
            line.textChanged.connect(lambda _text, typed=line: self._typed_date(typed))  # one after the exam warned of
            line.textChanged.connect(lambda _text, typed=line: mark_dates(self.birth_date, self.exam_date, typed))
            line.editingFinished.connect(lambda: mark_dates(self.birth_date, self.exam_date))
            line.editingFinished.connect(lambda: self._typed_date(None))
        # The fields scroll up and down where the screen is shorter than they are (two eyes and their warnings on a
        # 1280 x 720 projector): the buttons stay in reach.
        fields_content = QWidget()
        form = QVBoxLayout(fields_content)
        form.setContentsMargins(0, 0, 0, 0)
        for widget in (self.reading_note, self.warning_label, patient, report, self.font_note):
            form.addWidget(widget)
        self.reading_note.setVisible(reading_cases and prepare is not None)
        form.addStretch(1)
        self.form_scroll = VerticalScrollArea(fields_content)
        body = QHBoxLayout()
        body.addWidget(self.form_scroll, 2)
        body.addWidget(self.preview, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)
        for line in (self.name, self.patient_id, self.birth_date, self.exam_date, self.reader):
            line.textChanged.connect(self._timer.start)
        for editor in (self.diagnosis, self.recommendation):
            editor.textChanged.connect(self._timer.start)
        for combo in (self.sex, self.template, self.paper, self.language, *self.eyes):
            combo.currentIndexChanged.connect(self._timer.start)
        self.age.valueChanged.connect(self._timer.start)
        self.refresh_preview()
        least, room = self.minimumSizeHint().width(), opening_size(self, self.minimumSizeHint()).width()
        if room < least:
            self.preview.setMinimumWidth(max(LEAST_PREVIEW_WIDTH, PREVIEW_WIDTH - (least - room)))
            layout.activate()
        open_fitted(self, self.sizeHint())

    @staticmethod
    def _combo(choices: Mapping[str, str], current: str, combo: QComboBox | None = None) -> QComboBox:
        combo = combo if combo is not None else QComboBox()
        for key, text in choices.items():
            combo.addItem(text, key)
        if current not in choices:
            combo.addItem(current, current)  # keep a value the caller had, even if unusual
        combo.setCurrentIndex(combo.findData(current))
        return combo

    def _eye_label(self, case: str, combo: QComboBox) -> QLabel:
        """"Eye of 'IDRiD_02.jpg'", its case's name no longer than EYE_CASE_SHOWN_CHARACTERS."""
        label = QLabel()
        metrics = label.fontMetrics()
        shown = metrics.elidedText(case, Qt.TextElideMode.ElideMiddle,
                                   metrics.averageCharWidth() * EYE_CASE_SHOWN_CHARACTERS)
        label.setText(self.tr("Eye of {case}").format(case=escape_mnemonic(shown)))
        if shown != case:
            label.setToolTip(self.tr("Eye of {case}").format(case=case))
        label.setBuddy(combo)
        return label

    def _eye_combo(self, eye: str, from_ai: bool) -> QComboBox:
        """The eye choices; an eye the AI guessed (not recorded on the case) is one choice more, shown and chosen
        until the reader chooses an eye, so the warning about it follows (ai_eyes)."""
        combo = self._combo(eye_choices(), "" if from_ai else eye)
        if from_ai:
            combo.addItem(self.tr("AI's guess: {eye}").format(eye=eye_label(eye, QCoreApplication.translate)), eye)
            combo.setItemData(combo.count() - 1, True, AI_GUESS_ROLE)
            combo.setCurrentIndex(combo.count() - 1)
        return combo

    def _note_age_typed(self) -> None:
        self._age_typed = True

    def _follow_dates(self) -> None:
        """The age the birth and exam dates now give (dates_age), unless the reader typed one."""
        if self._dates_age is not None and not self._age_typed:
            age = self._dates_age(self.fields())
            with QSignalBlocker(self.age):  # shown, not typed; the date's change updates the preview
                self.age.setValue(-1 if age is None else age)

    def _typed_date(self, line: QLineEdit | None) -> None:
        """The warnings once a date field changed (``line``: still typed in) or was left (None)."""
        self._typing = line
        self._show_warnings()

    def _show_warnings(self) -> None:
        """The warnings for the fields as they are now, at the top of the dialog; but for an unreadable date in the
        field being typed in: it may be half typed (said once the field is left, as mark_dates marks it), and the
        warnings growing at the top would move the field away under the typing."""
        fields = self.fields()
        typing = {self.birth_date: "birth_date", self.exam_date: "exam_date"}.get(self._typing)
        if typing and read_date(getattr(fields, typing)) is None:
            fields = dataclasses.replace(fields, **{typing: ""})
        self.warnings = list(self._warnings_for(fields)) if self._warnings_for else []
        self.warning_label.setText(breakable("\n".join(f"⚠ {text}" for text in self.warnings)))
        self.warning_label.setVisible(bool(self.warnings))

    def _show_suggestion(self) -> None:
        """The follow-up printed when the field stays empty, in the report's language."""
        suggested = self._suggest(self.fields()) if self._suggest else ""
        self.recommendation.setPlaceholderText(self.tr("Suggested: {text}").format(text=suggested) if suggested
                                               else self.tr("Follow-up; empty: suggested from the grades"))

    def fields(self) -> ReportFields:
        """The values as edited now."""
        return ReportFields(
            patient_name=self.name.text().strip(), patient_id=self.patient_id.text().strip(),
            age=None if self.age.value() < 0 else self.age.value(), birth_date=written_date(self.birth_date.text()),
            sex=self.sex.currentData(), exam_date=written_date(self.exam_date.text()),
            eyes=[combo.currentData() for combo in self.eyes],
            ai_eyes=[bool(combo.currentData(AI_GUESS_ROLE)) for combo in self.eyes],
            reader=self.reader.text().strip(), diagnosis=self.diagnosis.toPlainText().strip(),
            recommendation=self.recommendation.toPlainText().strip(), template=self.template.currentData(),
            paper=self.paper.currentData(), language=self.language.currentData())

    def refresh_preview(self) -> None:
        """Build the PDF from the fields and show its pages; a failure is shown in place of the pages. With a
        runner, built on its worker, the pages shown meanwhile and the dialog in use: a newer request replaces one
        still being built, whose pages are never shown."""
        self._timer.stop()
        fields = self.fields()
        if self._runner is None:
            self._show_built(self._built(fields), fields)
            return
        self._task = task = self._runner.run(self._built, fields, name="report preview")
        self._task_fields = fields
        task.finished.connect(self._show_task_built)  # only the latest: a task replaced is cancelled
        task.ended.connect(self._build_ended)
        self.preview.set_busy(self.tr("Preparing the preview…"))

    def _built(self, fields: ReportFields, _state: object = None) -> Built:
        """The PDF of ``fields``, or None and why it cannot be made; on the runner's worker or the GUI thread."""
        with self._build_lock:
            try:
                if self._prepare is not None:
                    self._prepared_note, self._prepare = self._prepare(), None
                return self._build_pdf(fields), ""
            except Exception as error:  # the builder is the app's: show whatever it reports rather than crash
                return None, str(error) or type(error).__name__

    def _show_task_built(self, built: Built) -> None:
        self._show_built(built, self._task_fields)

    def _show_built(self, built: Built, fields: ReportFields | None) -> None:
        if self._prepared_note is not None:  # prepare() ran for these pages: what it read may add warnings
            self.font_note.setText(self._prepared_note)
            self._prepared_note = None
            self._show_warnings()
        self.reading_note.hide()  # read, or the preview says why not
        self._pages_fields = fields
        data, self.error = built
        try:
            self.pages = None if data is None else PdfPages(data)
        except ValueError as error:  # QtPdf cannot read it back
            self.pages, self.error = None, str(error)
        self.preview.show_pages(self.pages, self.tr("The report cannot be made: {error}").format(error=self.error))
        self._offer_outputs(self.pages is not None)

    def _offer_outputs(self, offered: bool) -> None:
        for button in (self.save_button, self.dicom_button, self.print_button):
            button.setEnabled(offered and (button is not self.print_button or not self.printing))

    def _idle_text(self) -> str:
        """What the preview says once no pages are on their way: that a print is under way, if one is."""
        return self.tr("Printing…") if self.printing else ""

    def _build_ended(self) -> None:
        if self.sender() is self._task:  # not one a newer request replaced
            self._task = None
            self.preview.set_busy(self._idle_text())

    def done(self, result: int) -> None:
        """Closed: no preview is built for it any more (one on its way is dropped, a typing's pause dropped)."""
        self._timer.stop()
        if self._task is not None and self._runner is not None:
            self._runner.cancel()
        if self._waiting is not None:
            self._waiting.quit()  # the save or print waiting for its pages gives up
        super().done(result)

    def _current_pages(self) -> PdfPages | None:
        """The pages of the fields as they are now, what is saved or printed being what the dialog says: those
        shown, else (typed into, or being built) those of the build of these fields on its way, else of one started
        now in place of an older one's. None when they cannot be made, or the dialog closed meanwhile."""
        if not self._timer.isActive() and self._task is None:
            return self.pages
        self._timer.stop()  # its pause running out while the save waits replaced the build waited for
        fields = self.fields()
        if self._task is None or self._task_fields != fields:
            self.refresh_preview()  # without a runner built here; else what an older build makes is dropped
        if self._task is not None and not self._waited_for_build():
            return None
        return self.pages if self._pages_fields == fields else None

    def _waited_for_build(self) -> bool:
        """Wait for the preview's build to end, the dialog responsive, saying so, its fields and actions held (the
        pages saved are those of the fields as they were when asked); False: closed meanwhile, the build dropped."""
        self._waiting = loop = QEventLoop()
        self._task.ended.connect(loop.quit)
        self.preview.set_busy(self.tr("Preparing the report…"))
        self.form_scroll.setEnabled(False)
        self.update_button.setEnabled(False)
        self._offer_outputs(False)
        try:
            loop.exec()
        finally:
            self._waiting = None
            self.form_scroll.setEnabled(True)
            self.update_button.setEnabled(True)
            self._offer_outputs(self.pages is not None)
        return self._task is None  # _build_ended saw it end

    def _warnings_cleared(self) -> bool:
        """True when nothing holds for the report as it stands that the reader has not said to go ahead despite
        (asked once for each warning)."""
        self._typing = None  # a date still typed in (a shortcut pressed there) is the report's now
        self._show_warnings()
        if set(self.warnings) <= self._accepted_warnings:
            return True
        question = breakable("\n".join(self.warnings)) + "\n\n" + self.tr("Make the report anyway?")
        if not ask_yes_no(self, self.tr("Report not finished"), question):
            return False
        self._accepted_warnings.update(self.warnings)
        return True

    def suggested_file_name(self) -> str:
        fields = self.fields()
        stem = "_".join(part for part in ("report", self._whose(fields), *fields.eyes, fields.exam_date) if part)
        return safe_stem(re.sub(r"[^\w.-]+", "_", stem)) + ".pdf"  # bounded: a file name has at most 255 bytes

    def _whose(self, fields: ReportFields) -> str:
        """Whose report the file name says: the patient ID, else the name, else the first image's path in the folder
        without its ending (P001/OS: a folder per patient names every left eye OS.jpg): two patients' reports of one
        day were both report_OS_2026-12-06.pdf."""
        if fields.patient_id or fields.patient_name or not self._originals:
            return fields.patient_id or fields.patient_name
        image = Path(self._originals[0])
        inside = image.is_relative_to(self._save_dir) if self._save_dir else False
        return (image.relative_to(self._save_dir) if inside else Path(image.name)).with_suffix("").as_posix()

    def save_pdf(self, path: str | None = None) -> str | None:
        """Write the previewed PDF to ``path`` (asked for when None); returns the path written, or None."""
        pages = self._current_pages()
        if pages is None or not self._warnings_cleared():
            return None
        return self._save(path, lambda: pages.data, self.tr("PDF (*.pdf)"), ".pdf", PDF_REPORT)

    def save_dicom(self, path: str | None = None) -> str | None:
        """Write the previewed PDF as a DICOM Encapsulated PDF object; returns the path written, or None."""
        pages = self._current_pages()
        if pages is None or self._to_dicom is None or not self._warnings_cleared():
            return None
        return self._save(path, lambda: self._to_dicom(pages.data, self.fields()), self.tr("DICOM (*.dcm)"), ".dcm",
                          DICOM_REPORT)

    def _save(self, path: str | None, data: Callable[[], bytes], file_filter: str, suffix: str, kind: SingleKind
              ) -> str | None:
        try:  # an original image, or any file but a report, is refused; a report replaced once asked (_chosen_path)
            path = self._chosen_path(file_filter, suffix, kind) if path is None else path
            if path is None:
                return None
            write_single_output(path, data(), originals=self._originals, overwrite=True, kind=kind)
        except OutputError as error:
            QMessageBox.warning(self, self.tr("Save report"), shown_message(str(error)))
            return None
        except OSError as error:
            QMessageBox.warning(self, self.tr("Save report"), self.tr(
                "Cannot write {path} ({reason}). Choose another folder or free some disk space.").format(
                path=path, reason=shown_os_reason(error)))
            return None
        self.report_saved.emit(path)
        return path

    def _chosen_path(self, file_filter: str, suffix: str, kind: SingleKind) -> str | None:
        """The file the person names to save into (None: cancelled, or not to replace the one there). Whether to
        replace a file is asked only where it may be replaced (an earlier report), after the refusals no answer
        lifts: the file dialog's own "replace?" was asked of a photo or a person's letter, then refused
        (OutputError)."""
        suggested = Path(self._save_dir) / Path(self.suggested_file_name()).with_suffix(suffix)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save report"), str(suggested), file_filter,
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if not path:
            return None
        refuse_single_output(Path(path), self._originals, overwrite=True, kind=kind)
        if Path(path).exists() and not ask_yes_no(self, self.tr("Save report"), self.tr(
                "{path} already exists: an earlier report. Replace it?").format(path=path)):
            return None
        return path

    def print_report(self, printer: QPrinter | None = None) -> bool:
        """Print the previewed pages; with no ``printer``, ask through the system print dialog. With a print runner
        the pages are printed on its worker, the dialog in use meanwhile, saying so (``printed`` at the end); True
        once they are on their way."""
        pages = self._current_pages()
        if pages is None or self.printing or not self._warnings_cleared():
            return False
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
                return False
        if self._print_runner is None:
            try:
                print_pages(pages, printer)
            except OSError as error:
                self._print_failed(str(error))
                return False
            return True
        self.printing = True
        self.print_button.setEnabled(False)
        self.preview.set_busy(self._idle_text())
        task = self._print_runner.run(print_pdf, (pages.data, printer), name="report print")
        task.failed.connect(self._print_failed)
        task.ended.connect(self._print_ended)
        return True

    def _print_ended(self) -> None:
        self.printing = False
        self.print_button.setEnabled(self.pages is not None and self.save_button.isEnabled())
        if self._task is None:  # else the preview's build says so until it ends
            self.preview.set_busy(self._idle_text())
        self.printed.emit()

    def _print_failed(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Print report"), shown_message(message))
