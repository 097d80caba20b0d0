"""The open case's pixels and the modality they decide.

The photo is decoded off the GUI thread by a CaseImageLoader (a quick preview first, CaseController.preview_ready);
the full pixels arrive here and go out as ``image_loaded`` for the canvas. Fundus or OCT: the reader's menu
choice (``oct_override``) holds for every case opened under it; without one an unsaved case takes what its pixels
look like, and a saved case keeps the modality recorded with it. The choice is recorded on the open case as an
undoable step."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QObject

from annotations.commands import SetModality
from annotations.document import CaseDocument, Modality
from annotations.frames import listed_case_id
from annotations.modality import image_looks_like_oct, listed_looks_like_oct
from app.image_loader import CaseImageLoader

if TYPE_CHECKING:
    from app.case_controller import CaseController


class CasePixels(QObject):
    def __init__(self, cases: "CaseController") -> None:
        super().__init__(cases)
        self.cases = cases
        self.image: np.ndarray | None = None
        self.pending = False  # the open case's pixels are still being decoded
        self.oct_override: bool | None = None  # the user's menu choice; None = detect per unsaved image
        self._detected_oct = False
        self._loader = CaseImageLoader(self)
        self._loader.preview.connect(cases.preview_ready)
        self._loader.loaded.connect(self.pixels_loaded)
        self._loader.failed.connect(self.pixels_failed)

    def load(self, doc: CaseDocument, path: Path) -> None:
        """Decode the pixels of the case just opened (``doc``, sized from its image's header)."""
        self.pending = True
        self._loader.open(doc.case_id, path, (doc.width, doc.height))

    def forget(self) -> None:
        """The open case closed: its pixels go, a decode still under way is stale."""
        self.pending = False
        self.image = None

    def shutdown(self) -> None:
        self._loader.shutdown()

    @property
    def modality(self) -> Modality:
        """The open case's recorded modality (what the view, tools and analysis follow)."""
        doc = self.cases.doc
        if doc is not None:
            return doc.modality
        return Modality.OCT if self.oct_override else Modality.FUNDUS

    def failed_modality(self, case_id: str) -> Modality:
        """What a case that cannot be shown is shown as: the reader's menu choice, else a volume of B-scans is an OCT
        case, else the modality saved with it (its pixels failed after it opened), else what its name says."""
        if self.oct_override is not None:
            return Modality.OCT if self.oct_override else Modality.FUNDUS
        cases = self.cases
        summary = cases.summaries.get(listed_case_id(case_id))
        frames = summary.frames if summary is not None else 1
        if cases.doc is not None and summary is not None and summary.saved and frames == 1:
            return cases.doc.modality
        return Modality.OCT if listed_looks_like_oct(cases.case_image(case_id), frames) else Modality.FUNDUS

    def pixels_loaded(self, case_id: str | None, image: np.ndarray) -> None:
        """The open case's pixels, decoded at its size (the decode refuses an image of another size, naming the
        file: image_loader.decode_case_image); decides fundus or OCT from them."""
        cases, doc = self.cases, self.cases.doc
        if doc is None or case_id != cases.current_id:
            return  # a stale decode of another case
        self.pending = False
        self.image = image
        self._detected_oct = image_looks_like_oct(doc.image_path, image)
        summary = cases.summaries.get(case_id)
        if self.oct_override is not None:  # the reader's menu choice holds for every case opened under it
            self._record_modality(self.oct_override)
        elif summary is not None and not summary.saved:  # a saved case keeps the modality recorded with it
            self._record_modality(self._detected_oct)
        cases.rows.readable(case_id)
        cases.image_loaded.emit(doc.case_id, image)
        cases.modality_changed.emit(self.modality)
        cases.listing.allow_thumbnails()

    def pixels_failed(self, case_id: str | None, error: str) -> None:
        """The open case's image could not be decoded: mark that case only."""
        cases = self.cases
        if case_id is None or case_id != cases.current_id:
            return
        self.pending = False
        cases.rows.failed(case_id, error)
        cases.case_failed.emit(case_id, error)
        cases.listing.allow_thumbnails()

    def set_oct_override(self, value: bool | None) -> None:
        """The reader's menu choice: OCT (True), fundus (False) or detect from the image (None); recorded on the
        open case as an undoable step."""
        self.oct_override = value
        if self.image is not None:
            self._record_modality(self._detected_oct if value is None else value)
        self.cases.modality_changed.emit(self.modality)

    def _record_modality(self, oct_scan: bool) -> None:
        modality = Modality.OCT if oct_scan else Modality.FUNDUS
        doc = self.cases.doc
        if doc is not None and doc.modality is not modality:
            self.cases.execute(SetModality(modality))
