"""Ctrl+G and a digit (a DR grade), Ctrl+G, U and Ctrl+M and a digit (a DME risk) on an OCT B-scan did nothing at
all, and said nothing: a scan has an OCT class, in the findings, and the status bar now says so."""
from __future__ import annotations

from PySide6.QtCore import Qt

from annotations.document import Modality, ReaderGrade
from tests.gui.test_main_window import _window, settings  # noqa: F401 - fixture
from tests.gui.test_oct_volume_slider import folder  # noqa: F401 - fixture

CTRL = Qt.KeyboardModifier.ControlModifier


def test_a_dr_grade_or_dme_risk_key_on_a_bscan_says_it_takes_an_oct_class(qtbot, settings, folder) -> None:
    window = _window(qtbot, settings, folder)  # the volume, listed first
    qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.doc.modality is Modality.OCT)
    table = window.case_list.table
    for chord in ((Qt.Key.Key_G, Qt.Key.Key_3), (Qt.Key.Key_G, Qt.Key.Key_U), (Qt.Key.Key_M, Qt.Key.Key_1)):
        window.statusBar().clearMessage()
        qtbot.keyClick(table, chord[0], CTRL)
        qtbot.keyClick(table, chord[1])
        assert window.statusBar().currentMessage() == ("An OCT scan has no DR grade or DME risk: choose its OCT "
                                                       "class in the findings")
    assert window.cases.doc.grade == ReaderGrade()
    window.close()
