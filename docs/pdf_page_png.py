"""Page 1 of a PDF as a PNG on white, at a given resolution, with QtPdf (PySide6 ships it): the README's example
report pages, made where poppler's pdftoppm is not installed.

    python docs/pdf_page_png.py REPORT.pdf DPI OUT.png
"""
from __future__ import annotations

import sys

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtPdf import QPdfDocument


def page_png(pdf: str, dpi: float, out: str) -> None:
    document = QPdfDocument()
    document.load(pdf)
    points = document.pagePointSize(0)
    page = document.render(0, QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72)))
    flat = QImage(page.size(), QImage.Format.Format_RGB32)
    flat.fill(0xFFFFFF)  # the page is rendered transparent where nothing is drawn
    painter = QPainter(flat)
    painter.drawImage(0, 0, page)
    painter.end()
    if not flat.save(out):
        raise SystemExit(f"cannot write {out}")


if __name__ == "__main__":
    app = QGuiApplication(sys.argv[:1])
    page_png(sys.argv[1], float(sys.argv[2]), sys.argv[3])
