"""Labels imported into the open folder, put into the cases the window holds (the open one, those with a kept
history) as one undo step each, "Import labels": Undo takes the import back there, and a save then writes the case
as it was. The import saved them, so a case without unsaved edits stays saved. Cases it did not change keep their
histories and unsaved edits as they are; the changed cases' rows are read again.

A case the labels cannot be put into (no memory for a 12 MP mask's undo patches) costs the others nothing: without
unsaved edits it is read again from its files, which hold the import, so that no later save of the case as held writes
over it; the import's summary names it and why. A case left saved is written again as held (nothing to write unless a
save of it was queued while the import ran, which wrote it without the import)."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QCoreApplication

from annotations.commands import SetLabels
from annotations.frames import listed_case_id
from annotations.history import History
from annotations.workspace.imported_labels import ImportedLabels
from app.edit_failures import failure_reason

if TYPE_CHECKING:
    from app.case_controller import CaseController

IMPORT_STEP = "Import labels"  # the step's name (widgets.history_panel shows it translated)


class ImportSteps:
    """One import's labels for the cases held when it started, heard on the storage worker, put in after it ended."""

    def __init__(self, cases: "CaseController") -> None:
        self.cases = cases
        self._workspace = cases.workspace
        self._held = cases.histories.case_ids() | ({cases.current_id} if cases.current_id is not None else set())
        self._heard: list[ImportedLabels] = []  # of held cases only: their masks are kept until put in
        self._saved: set[str] = set()

    def heard(self, labels: ImportedLabels) -> None:
        """On the storage worker: the import saved a case with ``labels`` in."""
        self._saved.add(labels.case_id)
        if labels.case_id in self._held:
            self._heard.append(labels)

    def put_in(self) -> list[str]:
        """On the GUI thread once the import ended (finished, cancelled or failed part-way: what it saved). Returns a
        line for each held case the labels could not be put into, in the interface's language."""
        heard, self._heard = self._heard, []
        if self.cases.workspace is not self._workspace:
            return []  # the folder was closed meanwhile (the window closed): its histories are gone
        failed: list[str] = []
        for labels in heard:
            history = self._history(labels.case_id)
            if history is None:
                continue
            try:
                self._put_into(history, labels)
            except Exception as exc:  # noqa: BLE001 - this case alone: read again below, or its edits kept and said
                failed.append(self._not_put_in(labels.case_id, history, exc))
        cases, saved = self.cases, self._saved
        cases.rows.stored_elsewhere({listed_case_id(case_id) for case_id in saved})
        cases.listing.update_reading_states(saved)
        cases.listing.rows_changed.emit()
        for line in failed:  # in the status bar too: over the open case's '"Import labels" failed and changed nothing'
            cases.message.emit(line)
        return failed

    def _put_into(self, history: History, labels: ImportedLabels) -> None:
        boxes, mask = labels.put_into(history.doc)
        if boxes != history.doc.boxes or not np.array_equal(mask, history.doc.mask):
            history.execute_saved(SetLabels(boxes, mask, IMPORT_STEP))
        elif not history.is_clean:
            history.forget_clean()  # the state it saved last may be the files as they were before the import
        if history.is_clean:
            self._write(history)

    def _write(self, history: History) -> None:
        """Save the case as held, import and all: a save of it queued while the import ran (an analysis result for a
        kept case) wrote it without the import. None did: the store finds nothing to write."""
        cases = self.cases
        doc = cases.ai_results.to_store(history.doc)

        def failed(error: str) -> None:
            history.forget_clean()
            cases.message.emit(error)

        cases.storage.submit(self._workspace.save_case, doc, cases.reader, done=lambda _: cases.rows.stored(doc),
                             failed=failed)

    def _not_put_in(self, case_id: str, history: History, error: Exception) -> str:
        """The case's files hold the import, its history does not: read again from them unless it holds unsaved
        edits, which are kept (saving them leaves the import out: the line says to import again)."""
        cases, reason, name = self.cases, failure_reason(error), self.cases.case_name(case_id)
        if not history.is_clean:
            return QCoreApplication.translate(
                "ImportSteps", "{case}: the imported labels are in its files but could not be added to its unsaved "
                "edits ({reason}). Saving it writes those edits without them: save it, then import again.").format(
                case=name, reason=reason)
        cases.stored_elsewhere({case_id})
        return QCoreApplication.translate(
            "ImportSteps", "{case}: the imported labels are in its files but could not be added to the case as the "
            "window held it ({reason}). It was read again from its files; its undo history starts anew.").format(
            case=name, reason=reason)

    def _history(self, case_id: str) -> History | None:
        cases = self.cases
        if case_id == cases.current_id:
            return cases.history
        return cases.histories.get(case_id)
