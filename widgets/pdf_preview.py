"""PDF pages for preview and printing, both drawn from the same bytes by QtPdf, so paper matches the screen."""
from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

POINTS_PER_INCH = 72.0
MAX_PRINT_DPI = 300  # enough for photos and 6.5 pt text; keeps one page's raster under ~40 MB


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
            target = printer.pageLayout().fullRectPixels(printer.resolution())
            painter.drawImage(target, pages.render(page, dpi))
    finally:
        painter.end()
    return pages.page_count


class PdfPreview(QScrollArea):
    """The pages one under another, scaled to ``dpi`` screen pixels per inch."""

    def __init__(self, dpi: float = 60, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dpi = dpi
        self.setWidgetResizable(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._content = QWidget()
        self._layout = QVBoxLayout(self._content)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setWidget(self._content)
        self.page_labels: list[QLabel] = []

    def show_pages(self, pages: PdfPages | None, message: str = "") -> None:
        """Show the pages, or ``message`` in their place (when the report cannot be built)."""
        for label in self.page_labels:
            self._layout.removeWidget(label)
            label.deleteLater()
        self.page_labels = []
        if pages is None:
            label = QLabel(message)
            label.setWordWrap(True)
            self.page_labels.append(label)
        else:
            for page in range(pages.page_count):
                label = QLabel()
                label.setPixmap(QPixmap.fromImage(pages.render(page, self.dpi)))
                label.setStyleSheet("border: 1px solid #999; background: white;")
                self.page_labels.append(label)
        for label in self.page_labels:
            self._layout.addWidget(label)
