"""The open case's pixels, the modality they decide, and the pixel size their file records.

The photo is decoded off the GUI thread by a CaseImageLoader (a quick preview first, CaseController.preview_ready);
the full pixels arrive here and go out as ``image_loaded`` for the canvas. Fundus or OCT is each case's own: a
saved case keeps the modality recorded with it; a case never saved takes what its pixels look like, set on its
document as they arrive: no edit of the reader's (nothing to undo, nothing unsaved), stored with the case when an
edit or its analysis result saves it, else looked at again when it is next opened. The reader's choice in
View ▸ Modality (``choose``) is an undoable edit of the open case alone; an analysis of any case of the folder
analyses it as chosen or saved (``recorded_modalities``)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

import numpy as np
from PySide6.QtCore import QObject

from annotations.commands import SetModality
from annotations.document import CaseDocument, Modality
from annotations.frames import listed_case_id
from annotations.modality import said_looks_like_oct, said_modality
from annotations.pixel_spacing import PixelSpacing
from annotations.workspace.recorded_modality import saved_modality
from app.image_loader import CaseImageLoader

if TYPE_CHECKING:
    from pydicom import Dataset

    from app.case_controller import CaseController


class CasePixels(QObject):
    def __init__(self, cases: "CaseController") -> None:
        super().__init__(cases)
        self.cases = cases
        self.image: np.ndarray | None = None
        self.pixel_spacing: PixelSpacing | None = None  # as the open image's file records it (a DICOM header)
        self.header: Dataset | None = None  # the open image's DICOM header, as its pixels were decoded by
        self.pending = False  # the open case's pixels are still being decoded
        self._detected_oct = False
        self._failed: tuple[str, Modality] | None = None  # the case that cannot be shown, as what (failed_modality)
        # cases the reader chose a modality for in this folder: their unsaved history says what it is, not the pixels
        # (a case left with a choice and opened again before its save is written is listed unsaved still)
        self._chosen: set[str] = set()
        cases.workspace_closed.connect(self._chosen.clear)
        self._loader = CaseImageLoader(self)
        self._loader.preview.connect(cases.preview_ready)
        self._loader.loaded.connect(self.pixels_loaded)
        self._loader.failed.connect(self.pixels_failed)

    def load(self, doc: CaseDocument, path: Path) -> None:
        """Decode the pixels of the case just opened (``doc``, sized from its image's header); the decode started
        ahead (``decode_ahead``) goes on where it is of that file at that size."""
        self.pending = True
        self._loader.open(doc.case_id, path, (doc.width, doc.height))

    def decode_ahead(self, case_id: str, path: Path, size: tuple[int, int]) -> None:
        """Start decoding the pixels of ``case_id`` while its document is read (at ``size``, as the folder's scan
        listed it: Workspace.listed_size), shown only once ``load`` asks for them at that size."""
        self._loader.decode_ahead(case_id, path, size)

    def forget(self) -> None:
        """The open case closed: its pixels go, a decode still under way is stale."""
        self._loader.cancel()
        self.pending = False
        self.image = None
        self.pixel_spacing = None
        self.header = None

    def shutdown(self) -> None:
        self._loader.shutdown()

    @property
    def modality(self) -> Modality:
        """The open case's recorded modality (what the view, tools and analysis follow)."""
        doc = self.cases.doc
        return doc.modality if doc is not None else Modality.FUNDUS

    def failed_modality(self, case_id: str) -> Modality:
        """What the case ``case_id``, said to fail (case_failed), is shown as: fail decided it."""
        failed = self._failed
        return failed[1] if failed is not None and failed[0] == case_id else Modality.FUNDUS

    def fail(self, case_id: str, error: str) -> None:
        """``case_failed`` for the open case ``case_id`` (``error`` says why), once what it is shown as is known
        (failed_modality): the modality saved with a single picture's case (its pixels failed after it opened), else
        what its file says without its pixels, as a decoded one's is decided (annotations.modality.
        listed_looks_like_oct: its DICOM header, else its name, else whether it is a volume of B-scans). The header
        is read on the storage worker, as the rest of the case's read: on a slow share it froze the window, twice a
        failure. Not said where another case was opened meanwhile."""
        cases = self.cases
        summary = cases.summaries.get(listed_case_id(case_id))
        frames = summary.frames if summary is not None else 1
        if cases.doc is not None and summary is not None and summary.saved and frames == 1:
            self._failed = (case_id, cases.doc.modality)
            cases.case_failed.emit(case_id, error)
            return

        def said(modality: Modality | None) -> None:
            if case_id == cases.current_id:
                self._failed = (case_id, self._modality(said_looks_like_oct(modality, frames)))
                cases.case_failed.emit(case_id, error)
        image = cases.case_image(case_id)
        if cases.workspace is not None:  # the file itself: its header is read, and its folders' names count
            image = str(cases.workspace.folder / image)
        cases.storage.submit(said_modality, image, done=said, failed=lambda _message: said(None))

    def pixels_loaded(self, case_id: str | None, image: np.ndarray, looks_like_oct: bool,
                      pixel_spacing: PixelSpacing | None, header: Dataset | None) -> None:
        """The open case's pixels, decoded at its size (the decode refuses an image of another size, naming the
        file: image_loader.decode_case_image), whether they are an OCT scan, as the decode's worker decided from
        the file (a DICOM header's storage class) or its pixels, the pixel size the file records, and its DICOM
        header as they were decoded by."""
        cases, doc = self.cases, self.cases.doc
        if doc is None or case_id != cases.current_id:
            return  # a stale decode of another case
        self.pending = False
        self.image = image
        self.pixel_spacing = pixel_spacing
        self.header = header
        self._detected_oct = looks_like_oct
        summary = cases.summaries.get(case_id)
        never_saved = summary is not None and not summary.saved
        # also a document still undecided (CaseDocument.modality_decided): a B-scan of a volume (listed by its
        # volume's row), or a case saved before its pixels came (its file then decided from the file alone)
        if (never_saved or not doc.modality_decided) and case_id not in self._chosen:
            doc.modality = self._modality(self._detected_oct)  # what it is, not an edit: the history holds no step
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
        self.fail(case_id, error)
        cases.listing.allow_thumbnails()

    def recorded_modalities(self) -> Callable[[str], Modality | None]:
        """What each case of the open folder is recorded as, for an analysis of it to analyse it as that (Analyse
        all, as Analyse the open case): the reader's choice for a case the window holds (saved or not, as chosen
        now), else the modality saved with the case; None for a case never saved (its image decides). The function
        returned reads a case's file: it is called on the analysis worker, as each case comes up."""
        cases, workspace = self.cases, self.cases.workspace
        held = [cases.histories.get(case_id).doc for case_id in cases.histories.case_ids() & self._chosen]
        if cases.doc is not None and cases.doc.case_id in self._chosen:
            held.append(cases.doc)
        chosen = {doc.case_id: doc.modality for doc in held}
        files = workspace.case_files if workspace is not None else None

        def recorded(case_id: str) -> Modality | None:
            if case_id in chosen:
                return chosen[case_id]
            return saved_modality(files, case_id) if files is not None else None
        return recorded

    def choose(self, modality: Modality | None) -> None:
        """The reader's choice for the open case, None: what its pixels look like; recorded as an undoable step when
        it changes the case. Only while its pixels are shown (ModalityMenu is disabled otherwise): they decide."""
        doc = self.cases.doc
        if doc is None or self.image is None:
            return
        self._chosen.add(doc.case_id)
        modality = self._modality(self._detected_oct) if modality is None else modality
        if doc.modality is not modality:
            self.cases.execute(SetModality(modality))

    @staticmethod
    def _modality(oct_scan: bool) -> Modality:
        return Modality.OCT if oct_scan else Modality.FUNDUS
