"""Labels imported into the open folder, put into the cases the window holds (the open one, those with a kept
history) as one undo step each, "Import labels": Undo takes the import back there, and a save then writes the case
as it was. The import saved them, so a case without unsaved edits stays saved. Cases it did not change keep their
histories and unsaved edits as they are; the changed cases' rows are read again."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from annotations.commands import SetLabels
from annotations.frames import listed_case_id
from annotations.history import History
from annotations.workspace.imported_labels import ImportedLabels

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

    def put_in(self) -> None:
        """On the GUI thread once the import ended (finished, cancelled or failed part-way: what it saved)."""
        heard, self._heard = self._heard, []
        if self.cases.workspace is not self._workspace:
            return  # the folder was closed meanwhile (the window closed): its histories are gone
        for labels in heard:
            history = self._history(labels.case_id)
            if history is None:
                continue
            boxes, mask = labels.put_into(history.doc)
            if boxes != history.doc.boxes or not np.array_equal(mask, history.doc.mask):
                history.execute_saved(SetLabels(boxes, mask, IMPORT_STEP))
            elif not history.is_clean:
                history.forget_clean()  # the state it saved last may be the files as they were before the import
        cases, saved = self.cases, self._saved
        cases.rows.stored_elsewhere({listed_case_id(case_id) for case_id in saved})
        cases.listing.update_reading_states(saved)
        cases.listing.rows_changed.emit()

    def _history(self, case_id: str) -> History | None:
        cases = self.cases
        if case_id == cases.current_id:
            return cases.history
        return cases.histories.get(case_id)
