"""PDF pages for preview and printing, both drawn from the same bytes by QtPdf, so paper matches the screen."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import (QBuffer, QByteArray, QCoreApplication, QEvent, QIODevice, QRectF, QSize, QSizeF, Qt,
                            QTimer)
from PySide6.QtGui import QAction, QImage, QKeySequence, QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QToolButton, QVBoxLayout, QWidget

POINTS_PER_INCH = 72.0
MAX_PRINT_DPI = 300  # enough for photos and 6.5 pt text; keeps one page's raster under ~40 MB
PRINT_BAND_ROWS = 256  # a page is drawn on the printer in bands of this many rows of its raster
SCREEN_DPI = 96  # a preview at "100 %": a page about as large as on paper
LEAST_DPI, MOST_DPI = 30, 240  # the preview's zoom: a whole page on a small pane; its 6.5 pt print 22 px high
ZOOM_STEP = 1.25
PAGE_BORDER = 1  # px, each side of a previewed page
REFIT_DELAY_MS = 100


class PdfPages:
    """A PDF held in memory (QPdfDocument reads from a QBuffer that must outlive it)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._buffer = QBuffer()
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument()
        self.document.load(self._buffer)
        if self.document.status() != QPdfDocument.Status.Ready:
            text = QCoreApplication.translate("PdfPreview", "the report PDF cannot be read back ({error})")
            raise ValueError(text.format(error=self.document.error().name))

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def page_size_points(self, page: int) -> tuple[float, float]:
        size = self.document.pagePointSize(page)
        return size.width(), size.height()

    def render(self, page: int, dpi: float) -> QImage:
        width, height = self.page_size_points(page)
        pixels = QSize(max(1, round(width / POINTS_PER_INCH * dpi)), max(1, round(height / POINTS_PER_INCH * dpi)))
        image = self.document.render(page, pixels)
        white = QImage(image.size(), QImage.Format.Format_RGB32)  # pages are transparent where nothing is drawn
        white.fill(Qt.GlobalColor.white)
        painter = QPainter(white)
        painter.drawImage(0, 0, image)
        painter.end()
        return white


def print_pages(pages: PdfPages, printer: QPrinter) -> int:
    """Print every page on ``printer`` (its paper set to the PDF's page size); returns the number printed."""
    width, height = pages.page_size_points(0)
    # A4/Letter by fuzzy match
    printer.setPageSize(QPageSize(QSizeF(width, height), QPageSize.Unit.Point, name="report"))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)  # the PDF carries its own margins
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(QCoreApplication.translate("PdfPreview", "the printer cannot be opened; check it is connected "
                                                               "and try again"))
    try:
        for page in range(pages.page_count):
            if page:
                printer.newPage()
            target = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
            image = pages.render(page, dpi)
            scale = target.height() / image.height()
            # in bands: each call holds the GIL (PySide does not let it go), so a page drawn whole froze the window
            # 0.5 s while a worker printed it
            for top in range(0, image.height(), PRINT_BAND_ROWS):
                rows = min(PRINT_BAND_ROWS, image.height() - top)
                painter.drawImage(QRectF(target.x(), target.y() + top * scale, target.width(), rows * scale), image,
                                  QRectF(0, top, image.width(), rows))
    finally:
        painter.end()
    return pages.page_count


def print_pdf(job: tuple[bytes, QPrinter], _state: object = None) -> int:
    """print_pages of the PDF bytes on the printer of ``job``, on a worker (0.2-1.4 s of rendering pages at the
    printer's resolution froze the report dialog): the worker reads the PDF into its own pages, as a QPdfDocument is
    used by the thread that made it (QtPdf takes PDFium's one lock for each call, so the preview draws meanwhile)."""
    data, printer = job
    return print_pages(PdfPages(data), printer)


class PdfPreview(QWidget):
    """The pages one under another, as wide as the pane (the default) or zoomed in and out to proofread the small
    print: the buttons over the pages, Ctrl+wheel on them, Ctrl++ and Ctrl+- in the window; "Fit width" or Ctrl+0
    fits them again. Drawn at the screen's own pixel density, so they are sharp at 125 % display scaling."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pages: PdfPages | None = None
        self._zoomed_dpi: float | None = None  # None: the pages fit the pane's width
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        # always there, so that fitting the width never makes it appear and the pages fit again, narrower
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._content = QWidget()
        self._layout = QVBoxLayout(self._content)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll.setWidget(self._content)
        self.scroll.viewport().installEventFilter(self)  # Ctrl+wheel zooms instead of scrolling
        self.page_labels: list[QLabel] = []

        self.zoom_label = QLabel()
        self.zoom_out_button, self.zoom_in_button = QToolButton(), QToolButton()
        self.fit_button = QToolButton()
        self.busy_label = QLabel()  # what is being done to the pages (set_busy), beside the zoom: the pages stay put
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.busy_label)
        bar.addStretch(1)
        for widget in (self.zoom_out_button, self.zoom_label, self.zoom_in_button, self.fit_button):
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.scroll)
        self.zoom_out_action = self._zoom_action(self.zoom_out_button, self.tr("Zoom out"), "−", ("Ctrl+-",),
                                                 lambda: self.zoom(1 / ZOOM_STEP))
        self.zoom_in_action = self._zoom_action(self.zoom_in_button, self.tr("Zoom in"), "+", ("Ctrl++", "Ctrl+="),
                                                lambda: self.zoom(ZOOM_STEP))
        self._zoom_action(self.fit_button, self.tr("Fit width"), self.tr("Fit width"), ("Ctrl+0",), self.fit_width)
        self._refit = QTimer(self)  # a resize redraws the fitted pages once it has settled
        self._refit.setSingleShot(True)
        self._refit.setInterval(REFIT_DELAY_MS)
        self._refit.timeout.connect(self._draw)

    def _zoom_action(self, button: QToolButton, text: str, shown: str, keys: tuple[str, ...],
                     slot: Callable[[], None]) -> QAction:
        """The action ``button`` shows as ``shown``, its ``keys`` working anywhere in the window."""
        action = QAction(text, self)
        action.setIconText(shown)
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.setToolTip(f"{text} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")
        action.triggered.connect(slot)
        self.addAction(action)
        button.setDefaultAction(action)
        return action

    def show_pages(self, pages: PdfPages | None, message: str = "") -> None:
        """Show the pages, or ``message`` in their place (when the report cannot be built)."""
        self._pages = pages
        for label in self.page_labels:
            self._layout.removeWidget(label)
            label.deleteLater()
        self.page_labels = []
        if pages is None:
            label = QLabel(message)
            label.setWordWrap(True)
            self.page_labels.append(label)
        else:
            for _page in range(pages.page_count):  # drawn by _draw at the zoom in effect
                label = QLabel()
                label.setStyleSheet("border: 1px solid #999; background: white;")
                self.page_labels.append(label)
        for label in self.page_labels:
            self._layout.addWidget(label)
        self._draw()

    def set_busy(self, text: str) -> None:
        """Say that new pages are on their way (``text``), the pages shown meanwhile; "": they came."""
        self.busy_label.setText(text)

    def dpi(self) -> float:
        """The pages' scale in screen (device-independent) pixels per inch of paper."""
        if self._zoomed_dpi is not None:
            return self._zoomed_dpi
        if self._pages is None or not self._pages.page_count:
            return LEAST_DPI
        widest = max(self._pages.page_size_points(page)[0] for page in range(self._pages.page_count))
        margins = self._layout.contentsMargins()
        room = self.scroll.viewport().width() - margins.left() - margins.right() - 2 * PAGE_BORDER
        return min(max(room / (widest / POINTS_PER_INCH), LEAST_DPI), MOST_DPI)

    def zoom(self, factor: float) -> None:
        """Scale the pages by ``factor`` (within LEAST_DPI..MOST_DPI), keeping the same part of them in view."""
        self._zoomed_dpi = min(max(self.dpi() * factor, LEAST_DPI), MOST_DPI)
        bar = self.scroll.verticalScrollBar()
        share = bar.value() / max(1, bar.maximum())
        self._draw()
        QTimer.singleShot(0, lambda: bar.setValue(round(share * bar.maximum())))  # once the pages are laid out

    def fit_width(self) -> None:
        """The pages as wide as the pane again, and so while it is resized."""
        self._zoomed_dpi = None
        self._draw()

    def _draw(self) -> None:
        dpi = self.dpi()
        self.zoom_label.setText(f"{round(100 * dpi / SCREEN_DPI)} %")
        self.zoom_out_action.setEnabled(dpi > LEAST_DPI)
        self.zoom_in_action.setEnabled(dpi < MOST_DPI)
        if self._pages is None:
            return
        device_dpi = min(dpi * self.devicePixelRatioF(), MAX_PRINT_DPI)  # one page's raster stays under ~40 MB
        for page, label in enumerate(self.page_labels):
            pixmap = QPixmap.fromImage(self._pages.render(page, device_dpi))
            pixmap.setDevicePixelRatio(device_dpi / dpi)
            label.setPixmap(pixmap)

    def resizeEvent(self, event) -> None:  # noqa: ANN001 - QResizeEvent
        super().resizeEvent(event)
        if self._zoomed_dpi is None:
            self._refit.start()

    def eventFilter(self, watched, event) -> bool:  # noqa: ANN001 - QObject, QEvent
        if (event.type() == QEvent.Type.Wheel and event.modifiers() & Qt.KeyboardModifier.ControlModifier
                and event.angleDelta().y()):
            self.zoom(ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP)
            return True
        return super().eventFilter(watched, event)
