"""Guards against Qt binding builds that corrupt the interpreter (PySide6 6.12.0 on Python 3.11 dropped a
reference to None on every void call, so a session aborted with 'deallocating None' within minutes)."""
from __future__ import annotations

import sys

from PySide6.QtCore import QPointF
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsRectItem


def test_void_qt_calls_keep_none_alive(qapp) -> None:  # noqa: ANN001 - pytest-qt fixture
    pen, item = QPen(), QGraphicsRectItem()
    before = sys.getrefcount(None)
    for _ in range(2000):
        pen.setCosmetic(True)
        item.setPos(QPointF(1, 1))
    assert abs(sys.getrefcount(None) - before) < 100
