"""The open folder's case-list rows (CaseSummary, in CaseController.summaries) kept in step with the cases: a row
follows its case's grade, review state, AI result and patient (an OCT volume's row summarises its B-scans,
annotations.volume_summary, the one being edited as it stands), is marked saved once a save is written (the reader's
painted lesions are then read again, a pass over the mask), marked failed when its image cannot be decoded, and
marked with its saved files found missing when opened; ``summary_changed`` tells the list. Also what the rows
answer from the index: a patient's other cases, a row's thumbnail."""
from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from annotations.case_source import CaseSource
from annotations.consistency import reader_lesion_names
from annotations.document import CaseDocument
from annotations.frames import listed_case_id
from annotations.graded_fields import listed_ai_oct_class, listed_oct_class
from annotations.grading import image_gradable
from annotations.reading.disagreement import kinded_grade
from annotations.report_kind import report_kind
from annotations.volume_summary import GradedFields, volume_fields
from annotations.workspace import CaseSummary, Workspace

if TYPE_CHECKING:
    from app.case_controller import CaseController


class CaseRows:
    def __init__(self, cases: "CaseController") -> None:
        self.cases = cases

    def update(self, doc: CaseDocument, saved: bool = False) -> None:
        """The row of ``doc`` (a B-scan's: its volume's, annotations.volume_summary); the reader's lesions are read
        again when it was saved. A save is always told to the list: the index holds it already, so the row read from
        it matches ``doc`` while the list may still show a page it read before (Analyse all's result for a case
        that is not open left its AI column at "–")."""
        cases = self.cases
        listed = listed_case_id(doc.case_id)
        old = cases.summaries.get(listed)
        if old is None:
            return
        fields = self._graded(doc, old, saved)
        # any B-scan's patient is its volume's (annotations.workspace.volume_patient)
        new = dataclasses.replace(old, **dataclasses.asdict(fields), patient_id=doc.patient.patient_id,
                                  patient_name=doc.patient.name,
                                  patient_ideographic_name=doc.patient.ideographic_name, eye=doc.patient.eye)
        if new != old:
            cases.summaries[listed] = new
        if new != old or saved:
            cases.summary_changed.emit(new)

    def _graded(self, doc: CaseDocument, row: CaseSummary, saved: bool) -> GradedFields:
        """What ``doc`` as it stands gives its row: its own fields, or for a volume's B-scan the summary of the
        volume's saved B-scans with ``doc`` in place of its saved self."""
        workspace = self.cases.workspace
        bscans = workspace.volume_bscans(row.case_id) if row.frames > 1 and workspace is not None else None
        if bscans is None:
            lesions = row.reader_lesions
        else:
            lesions = bscans[doc.case_id].reader_lesions if doc.case_id in bscans else ()
        fields = GradedFields(review_state=doc.review_state, reader_grade=doc.grade.dr_grade,
                              ai_grade=doc.ai.dr_grade if doc.ai is not None else None,
                              reader_oct_class=listed_oct_class(kinded_grade(doc)),
                              ai_oct_class=listed_ai_oct_class(doc.ai.oct_probs if doc.ai is not None else None,
                                                               report_kind(doc)),
                              reader_lesions=tuple(reader_lesion_names(doc)) if saved else lesions,
                              analysed=doc.ai is not None, reader_ungradable=doc.grade.ungradable,
                              ai_ungradable=doc.ai is not None and not image_gradable(doc.ai))
        return fields if bscans is None else volume_fields((bscans | {doc.case_id: fields}).values())

    def stored(self, doc: CaseDocument) -> None:
        """``doc`` was written (saved, or its AI result stored): its row is marked saved and updated."""
        summary = self.cases.summaries.get(doc.case_id)
        if summary is not None and not summary.saved:
            self.cases.summaries[doc.case_id] = dataclasses.replace(summary, saved=True)
        self.update(doc, saved=True)

    def stored_elsewhere(self, case_ids: set[str]) -> None:
        """Something else stored these cases (the agreed reading settled): their rows are read from the index again.
        A read-only folder's index is a copy taken when it was opened (a second arbiter's, while the first decides),
        which the other window's saves never reach: its rows are read from the cases' files, on the storage queue."""
        cases, workspace = self.cases, self.cases.workspace
        if isinstance(cases.summaries, CaseSource):
            cases.summaries.reread(case_ids)
        if workspace is None or not workspace.read_only:
            return
        for case_id in case_ids:
            cases.storage.submit(workspace.load_case, case_id,
                                 done=lambda doc, opened=workspace: self._read_again(opened, doc))

    def _read_again(self, workspace: Workspace, doc: CaseDocument) -> None:
        if workspace is self.cases.workspace:  # not a folder closed meanwhile
            self.update(doc, saved=True)

    def failed(self, case_id: str, error: str) -> None:
        """The case's image could not be decoded: its row says why. Not where it is one B-scan of a volume whose
        header still reads (its middle B-scan, the volume's own case): the other B-scans open and are analysed
        (Analyse all left out every B-scan of a volume so marked), and the canvas says why that one cannot be shown.
        Whether the volume still holds several B-scans is known from the folder's scan while the file is as it was
        then, else read from its header on the storage worker (app.bscan_counts), not on the GUI thread."""
        cases = self.cases
        summary = cases.summaries.get(case_id)
        if summary is None or summary.frames <= 1 or cases.workspace is None:
            self._show_error(case_id, error)
            return

        def counted(count: int) -> None:
            if count <= 1:  # the file replaced by a single picture, or unreadable as a whole: the row says so
                self._show_error(case_id, error)
        cases.bscan_counts.count(case_id, counted)

    def readable(self, case_id: str) -> None:
        """The case's image was decoded: a row that said it could not be (its share was away) says so no more."""
        self._show_error(case_id, None)

    def _show_error(self, case_id: str, error: str | None) -> None:
        summaries = self.cases.summaries
        summary = summaries.get(case_id)
        if summary is not None and summary.error != error:
            summaries[case_id] = dataclasses.replace(summary, error=error)
            self.cases.summary_changed.emit(summaries[case_id])

    def files_missing(self, case_id: str, texts: tuple[str, ...]) -> None:
        """Opening the listed case found these saved files of it missing (CaseFileMissing.listed; () none): where its
        row said otherwise (deleted or put back since the folder's scan looked), the index is told, through the
        storage queue, and the row shown again."""
        cases, workspace = self.cases, self.cases.workspace
        summary = cases.summaries.get(case_id) if workspace is not None else None
        if summary is None or summary.missing_files == texts:
            return

        def noted(_: object) -> None:
            shown = cases.summaries.get(case_id) if cases.workspace is workspace else None
            if shown is not None:
                cases.summary_changed.emit(shown)
        cases.storage.submit(workspace.note_missing, case_id, texts, done=noted)

    def same_patient(self, doc: CaseDocument) -> list[CaseSummary]:
        """The other cases of the folder with ``doc``'s patient ID (a query on the index)."""
        summaries = self.cases.summaries
        if not isinstance(summaries, CaseSource):
            return []
        # A B-scan's own volume is not another case of the patient.
        return summaries.same_patient(doc.patient.patient_id, besides=listed_case_id(doc.case_id))

    def request_thumbnail(self, case_id: str) -> None:
        cases = self.cases
        summary = cases.summaries.get(case_id) if cases.workspace is not None else None
        if summary is not None and not summary.error:
            cases.listing.request_thumbnail(case_id, cases.workspace.folder / summary.image_path)
