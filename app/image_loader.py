"""Opening a case's photo: a dark placeholder at once, at its case's size, for a first paint, then on a worker a
reduced JPEG decode (annotations.previews) and the full-resolution decode (100-200 ms; Pillow releases the GIL),
which also tells whether the photo is an OCT scan (annotations.modality: a DICOM file's header says so, read there,
not on the GUI thread) and the size of its pixels where a DICOM header records it.
A newer request cancels an older one, so a stale photo never arrives. A decode may start while the case's files are
still read (decode_ahead), its results held back until the case opens with that photo at that size. The case
controller owns this; the canvas only draws what it is given.
"""
from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING, Any, Callable

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from annotations import messages as file_messages
from annotations.image_io import ImageLoadError, MeasuredImage, load_image_with_header
from annotations.modality import image_looks_like_oct
from annotations.pixel_spacing import PixelSpacing
from annotations.previews import decode_preview
from annotations.progress import check_cancelled
from app.tasks import TaskRunner

if TYPE_CHECKING:
    from pydicom import Dataset

    from annotations.dicom.reader import DicomHeader

log = logging.getLogger(__name__)


def decode_full(path: str | os.PathLike, state: Any = None) -> tuple[MeasuredImage, DicomHeader | None]:
    """The whole photo and the pixel size its file records (load_image_with_header: a DICOM header's, from the read
    that decoded the frame), and that header; any failure becomes an ImageLoadError naming the file."""
    try:
        return load_image_with_header(path)
    except ImageLoadError:
        raise
    except Exception as exc:  # noqa: BLE001 - a decoder defect must not leave the window waiting forever
        log.exception("%s: decoding failed", path)
        raise ImageLoadError(path, file_messages.DECODER_DEFECT.format(error=f"{type(exc).__name__}: {exc}"),
                             file_messages.REPORT_FILE) from exc


def decode_case_image(request: tuple[str | os.PathLike, tuple[int, int]],
                      state: Any = None) -> tuple[MeasuredImage, DicomHeader | None]:
    """decode_full of ``request``'s (path, (width, height) of its case); an ImageLoadError where the image is not
    that size (replaced since the case was saved): the case's labels do not fit it, and the window would wait."""
    path, (width, height) = request
    (rgb, spacing), header = decode_full(path)
    if rgb.shape[:2] != (height, width):
        raise ImageLoadError(path, file_messages.IMAGE_NOT_LABELLED_ONE.format(
            width=rgb.shape[1], height=rgb.shape[0], labelled_width=width, labelled_height=height),
            file_messages.PUT_LABELLED_BACK)
    return MeasuredImage(rgb, spacing), header


def decode_and_classify(request: tuple[str | os.PathLike, tuple[int, int]],
                        state: Any = None) -> tuple[np.ndarray, bool, PixelSpacing | None, Dataset | None]:
    """decode_case_image's pixels, whether the picture is an OCT scan (image_looks_like_oct of the file itself, a
    DICOM file's by the header its pixels were read with: one read of it), the pixel size its file records (that
    header's, for the frame decoded), and that header's data set (None for a photo): a DICOM report takes the
    image's study from it, not from another read. A large JPEG's reduced decode is published first
    (``state.publish``): read here, not on the GUI thread, where each read of a photo on a slow network share froze
    the window at every case switch. Cancelled after it (another case chosen: Page Down held), the full photo is not
    read: the next case's decode waits for this one's to end."""
    if state is not None:
        preview = decode_preview(request[0])
        if preview is not None:
            state.publish(preview)
        check_cancelled(state)
    (rgb, spacing), header = decode_case_image(request)
    return rgb, image_looks_like_oct(request[0], rgb, header), spacing, header.dataset if header is not None else None


class _Decode:
    """One photo's decode: its request (case id, file, size), and what it emitted while held back (decode_ahead)."""

    def __init__(self, request: tuple[str, str, tuple[int, int]], shown: bool) -> None:
        self.request, self.shown = request, shown
        self.kept: list[tuple[Callable[..., None], tuple[Any, ...]]] = []


class CaseImageLoader(QObject):
    """``preview(case_id, None, full_width, full_height)`` within ``open`` (a placeholder); through the event loop
    ``preview(case_id, rgb, ...)`` of a large JPEG, then ``loaded(case_id, rgb, looks_like_oct, pixel_spacing |
    None, DICOM header | None)``, or ``failed(case_id, message)``. ``decode_ahead`` starts a decode whose results
    wait for the ``open`` of the same photo at the same size."""

    preview = Signal(str, object, int, int)
    loaded = Signal(str, object, bool, object, object)
    failed = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = TaskRunner("image-decode", self)
        self._decode: _Decode | None = None

    def open(self, case_id: str, path: str | os.PathLike, size: tuple[int, int]) -> None:
        """``size``: the image's (width, height) as its case's document has it, which was sized from its header: the
        header is not read again here, on the GUI thread (a B-scan of a volume on a share at each slider step); the
        decode reads it with the pixels and says what is wrong with the file (an image not of that size too). The
        decode started ahead for this very request is kept: what it emitted so far follows the placeholder through
        the event loop."""
        decode = self._decode
        if decode is not None and not decode.shown and decode.request == (case_id, str(path), size):
            self.preview.emit(case_id, None, *size)
            QTimer.singleShot(0, self, lambda: self._show(decode))
            return
        self._start(case_id, path, size, shown=True)

    def decode_ahead(self, case_id: str, path: str | os.PathLike, size: tuple[int, int]) -> None:
        """Start decoding the photo while its case's document is read (on a network share, each read takes seconds):
        nothing is emitted until ``open`` asks for it (the document may size it otherwise: decoded again then), and
        nothing ever when another request comes first (a read that failed: its case shows no photo)."""
        self._start(case_id, path, size, shown=False)

    def cancel(self) -> None:
        self._runner.cancel()
        self._decode = None

    def shutdown(self) -> None:
        self._runner.shutdown()

    def _start(self, case_id: str, path: str | os.PathLike, size: tuple[int, int], shown: bool) -> None:
        self._runner.cancel()
        decode = self._decode = _Decode((case_id, str(path), size), shown)
        if shown:
            self.preview.emit(case_id, None, *size)
        task = self._runner.run(decode_and_classify, (path, size), name="decode")
        task.partial.connect(lambda rgb: self._pass(decode, self.preview.emit, case_id, rgb, *size))
        task.finished.connect(lambda result: self._pass(decode, self.loaded.emit, case_id, *result))
        task.failed.connect(lambda message: self._pass(decode, self._fail, case_id, message))

    @staticmethod
    def _pass(decode: _Decode, emit: Callable[..., None], *args: Any) -> None:
        if decode.shown:
            emit(*args)
        else:
            decode.kept.append((emit, args))

    def _show(self, decode: _Decode) -> None:
        """What the decode asked for by ``open`` emitted while held back, in order; from now on at once."""
        if decode is not self._decode:
            return  # another request came first: the runner dropped what this one would emit next
        decode.shown = True
        kept, decode.kept = decode.kept, []
        for emit, args in kept:
            emit(*args)

    def _fail(self, case_id: str, message: str) -> None:
        log.warning("%s", message)
        self.failed.emit(case_id, message)
