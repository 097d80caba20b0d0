"""The main window's status bar beyond its messages: the folder's listing progress with its Stop, the models loading
in the background, the analysis progress with its Cancel, the pixel under the cursor, the zoom, and what produced the
open case's AI result (stored or new: annotations.result_sources) and on which device (as stored with it; else the
device this session's analysis runs on)."""
from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton

from annotations.commands import Change
from annotations.document import CaseDocument
from annotations.result_sources import result_sources
from app.analysis_controller import ModelInfo
from widgets.clinical_terms import result_source_label
from widgets.elided_label import ElidedLabel
from widgets.shown_lists import shown_items

if TYPE_CHECKING:
    from app.main_window import MainWindow

UNLIMITED = 16777215  # Qt's QWIDGETSIZE_MAX, which PySide6 does not export


def shown_percent(fraction: float) -> str:
    """The analysis's progress as its bar says it: two decimals under 1 %, one under 10 %, whole percents above, each
    cut, not rounded (never 100 % before the end). Qt's whole "%p%" said 0 % until a 1,591-case Analyse all had done
    16 cases, minutes with no sign of life; one case of it is 0.06 %."""
    percent = 100 * min(max(fraction, 0.0), 1.0)
    places = 2 if percent < 1 else 1 if percent < 10 else 0
    steps = math.floor(round(percent * 10 ** places, 6))  # 0.29 % is 28.999… hundredths in binary
    return f"{steps / 10 ** places:.{places}f}%"


class WindowStatusBar(QObject):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.cases = window.cases
        self.bar = bar = window.statusBar()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setFixedWidth(180)  # it would grow to any maximum: a fixed one is counted by _make_room
        self.progress_text = QLabel()
        self.scan_label = QLabel()  # a folder's listing in progress; its own place, so messages stay readable
        self.scan_label.hide()
        self.stop_scan_button = QPushButton(self.tr("Stop"))  # the listing's: the cases listed so far stay
        self.stop_scan_button.setToolTip(self.tr("Stop listing the folder (Esc): the photos listed so far stay "
                                                 "listed"))
        self.stop_scan_button.clicked.connect(self.stop_scan)
        self.stop_scan_button.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(window.analysis.cancel)
        self.zoom_label, self.pixel_label = QLabel(), QLabel()
        self.analysis_device = "–"  # where this session's analysis runs, once its models are loaded
        self.device_label = QLabel()
        self.model_label = ElidedLabel()  # five models' names fill a 1366 px window's bar: it gives way to messages
        self.loading_label = QLabel(self.tr("Loading the AI models…"))  # while they load in the background
        self.loading_label.hide()
        self._preloading = self._busy = False
        self.permanent = (self.scan_label, self.stop_scan_button, self.loading_label, self.progress_text, self.progress,
                          self.cancel_button, self.pixel_label, self.zoom_label, self.device_label, self.model_label)
        for widget in self.permanent:
            bar.addPermanentWidget(widget)
        bar.messageChanged.connect(self._make_room)
        bar.installEventFilter(self)  # and again as the bar's width or its other widgets change: eventFilter
        self._show_busy(False)
        self._show_nothing()
        self.cases.opening.connect(self._on_opening)
        self.cases.scan_progress.connect(self._on_scan_progress)
        self.cases.listing.found.connect(self._on_found)
        self.cases.listing.checking_headers.connect(self._on_checking_headers)
        self.cases.scan_finished.connect(self._on_scan_finished)
        window.analysis.progress.connect(self._on_progress)
        window.analysis.cancelling.connect(self._on_cancelling)
        window.analysis.job_started.connect(self._on_job_started)
        window.analysis.busy_changed.connect(self._show_busy)
        window.analysis.models_ready.connect(self._on_models)
        window.preload.loading.connect(self._on_preloading)
        window.preload.loaded.connect(lambda info, seconds: window.show_message(
            self.tr("AI models ready on {device} (loaded in {seconds} s)").format(device=info.device,
                                                                               seconds=round(seconds))))
        self.cases.case_opened.connect(lambda doc, _history: self._show_sources(doc))
        self.cases.case_failed.connect(lambda _case, _message: self._show_nothing())
        self.cases.workspace_closed.connect(self._show_nothing)
        self.cases.document_changed.connect(self._on_document_changed)
        window.canvas.zoom_changed.connect(self._show_zoom)
        # a photo after a case that could not be shown may keep the zoom of the one before, unannounced
        window.canvas.image_changed.connect(lambda: self._show_zoom(window.canvas.zoom_level()))
        window.canvas.cursor_moved.connect(self._on_cursor)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The room also changes with the bar's width and with its other widgets shown, hidden or given new text (an
        analysis's progress, a folder's listing): each asks the bar for a new layout, and the room is made first."""
        if watched is self.bar and event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self._make_room(self.bar.currentMessage())
        return False

    def _make_room(self, message: str) -> None:
        """A message is drawn left of the permanent widgets, and cut off where they begin: while one is shown, the
        models' names are shortened so that it is read whole (a failed analysis, a recovered case, a saved report)."""
        bar = self.bar
        others = [w for w in self.permanent if w is not self.model_label and w.isVisible()]
        spacing = max(bar.layout().spacing(), 0) + 2  # between permanent widgets, as QStatusBar lays them out
        used = sum(w.sizeHint().expandedTo(w.minimumSize()).width() + spacing for w in others) + spacing  # as laid out
        room = bar.width() - (bar.fontMetrics().horizontalAdvance(message) + 6 + 12) - used  # Qt's message margins
        self.model_label.setMaximumWidth(max(room, self.model_label.minimumSizeHint().width()) if message
                                         else UNLIMITED)

    def _on_opening(self, folder: Path | None) -> None:
        """While a folder's store is opened (its index checked) on the storage worker; its scan follows."""
        if folder is not None:
            self.scan_label.setText(self.tr("Opening {folder}…").format(folder=folder.name or folder))
        self.scan_label.setVisible(folder is not None)
        self.stop_scan_button.hide()  # the store's opening is not stopped: opening another folder cancels it

    def _on_found(self, found: int) -> None:
        self._show_scan(self.tr("Listing the folder: {0} photos found so far").format(found), True)

    def _on_checking_headers(self, found: int, done: int, total: int) -> None:
        self._show_scan(self.tr("Listing the folder: {0} photos found so far; checking whether files named as masks "
                                "are photos: {1} of {2}").format(found, done, total), True)

    def _on_scan_progress(self, done: int, total: int) -> None:
        self._show_scan(self.tr("Listing the folder: {0} of {1} photos").format(done, total),
                        done < total or self.cases.listing.reads_states)

    def _show_scan(self, text: str, shown: bool) -> None:
        self.scan_label.setText(text)
        self.scan_label.setVisible(shown)
        self.stop_scan_button.setVisible(shown)
        # the listing's own: one stopped and then left unfinished (another folder opened) ends with no ``finished``
        self.stop_scan_button.setEnabled(not self.cases.listing.stopping)

    def _on_scan_finished(self) -> None:
        self.scan_label.hide()
        self.stop_scan_button.hide()

    def stop_scan(self) -> None:
        """Stop, or Esc that nothing else used (MainWindow.escape_unused), while the listing offers it: it stops before
        its next file (a header being read is read first), the photos listed so far kept listed."""
        if self.stop_scan_button.isHidden() or self.cases.listing.stopping:
            return
        self.cases.listing.stop_listing()
        self.stop_scan_button.setEnabled(False)

    def _on_progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 1000))
        self.progress.setFormat(shown_percent(fraction))
        self.progress_text.setText(message)

    def _on_cancelling(self) -> None:
        """Said at once, from the button or the menu: the job ends at its next check (within a tenth of a second
        inside a network, after the photo's file is read while it is)."""
        self.progress_text.setText(self.tr("Cancelling…"))
        self.cancel_button.setEnabled(False)

    def _on_job_started(self) -> None:
        self.progress_text.clear()  # not the cancelled job's "Cancelling…" while the next one starts
        self.cancel_button.setEnabled(True)

    def _show_busy(self, busy: bool) -> None:
        for widget in (self.progress, self.progress_text, self.cancel_button):
            widget.setVisible(busy)
        if busy:
            self.progress.setValue(0)
            self.progress.setFormat(shown_percent(0.0))
        self._busy = busy
        self._show_loading()

    def _on_preloading(self, loading: bool) -> None:
        self._preloading = loading
        self._show_loading()

    def _show_loading(self) -> None:
        """An analysis waiting for the models says so in its progress: the bar does not say it twice."""
        self.loading_label.setVisible(self._preloading and not self._busy)

    def _on_models(self, info: ModelInfo) -> None:
        self.analysis_device = info.device
        self._show_sources(self.cases.doc)

    def _on_document_changed(self, change: Change) -> None:
        if change.kind == "ai":
            self._show_sources(self.cases.doc)

    def _show_sources(self, doc: CaseDocument | None) -> None:
        """The models that produced the open case's result, each with what it drew on this photo ("–" without), and
        the device it ran on."""
        sources = result_sources(doc.ai) if doc is not None and doc.ai is not None else []
        self.model_label.setText(self.tr("model: {models}").format(
            models=shown_items(map(result_source_label, sources)) or "–"))
        stored = doc.ai.device if doc is not None and doc.ai is not None else ""
        self.device_label.setText(self.tr("device: {device}").format(device=stored or self.analysis_device))

    def _show_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(f"{zoom * 100:.0f}%")

    def _show_nothing(self) -> None:
        """No case shown (one that cannot be, or the folder closed): no models, zoom or pixel of the one before."""
        self._show_sources(None)
        self.zoom_label.setText("–")
        self.pixel_label.setText("")

    def _on_cursor(self, x: int, y: int) -> None:
        image = self.cases.image
        if image is None or not (0 <= y < image.shape[0] and 0 <= x < image.shape[1]):
            self.pixel_label.setText("")
            return
        r, g, b = (int(v) for v in image[y, x])
        self.pixel_label.setText(self.tr("x {x} y {y}  RGB {r} {g} {b}").format(x=x, y=y, r=r, g=g, b=b))
