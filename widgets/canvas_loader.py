"""Opening an image file for the canvas quickly: a reduced JPEG decode first (annotations.previews), full
resolution in the background: the full decode (100-200 ms) runs on a worker thread (Pillow releases the GIL)
and replaces the preview when done. Results of an older request are dropped when a newer one was made.
"""
from __future__ import annotations

import logging
import os
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QObject, Qt, Signal

from annotations.image_io import ImageLoadError, load_image, read_image_info
from annotations.previews import decode_preview

log = logging.getLogger(__name__)


class ImageFileLoader(QObject):
    """Emits ``preview(rgb | None, full_width, full_height)`` at once (None: no quick preview, the size is from
    the header), then ``loaded(rgb)`` with the full image, or ``failed(message)``; all on the loader's thread."""

    preview = Signal(object, int, int)
    loaded = Signal(object)
    failed = Signal(str)
    _finished = Signal(int, object)  # from the worker thread; Qt queues it to ours

    _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="image-decode")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._request = 0
        self._path: str | os.PathLike = ""
        # Always queued: a decode that is already done when its callback is added would otherwise deliver inside
        # open(), before the slots that asked for it (e.g. every case_opened listener) have all run.
        self._finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)

    def open(self, path: str | os.PathLike) -> None:
        self._request += 1
        self._path = path
        request = self._request
        try:
            info = read_image_info(path)
        except ImageLoadError as exc:
            self._fail(str(exc))
            return
        self.preview.emit(decode_preview(path), info.width, info.height)
        future = self._executor.submit(load_image, path)
        future.add_done_callback(lambda done: self._hand_over(request, done))

    def _hand_over(self, request: int, future: Future) -> None:
        try:
            self._finished.emit(request, future)
        except RuntimeError:  # the loader (its canvas) was closed while decoding: nobody wants the image
            pass

    def _on_finished(self, request: int, future: Future) -> None:
        if request != self._request:
            return  # a newer image was asked for meanwhile
        try:
            rgb = future.result()
        except ImageLoadError as exc:
            self._fail(str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - a decoder defect must not leave the canvas waiting forever
            log.exception("%s: decoding failed", self._path)
            self._fail(self.tr("{file}: cannot be decoded ({error}) — please report this file").format(
                file=self._path, error=f"{type(exc).__name__}: {exc}"))
            return
        self.loaded.emit(rgb)

    def _fail(self, message: str) -> None:
        log.warning("%s", message)
        self.failed.emit(message)
