"""Ctrl+G and a digit (a DR grade), Ctrl+G, U and Ctrl+M and a digit (a DME risk) on an OCT B-scan did nothing at
all, and said nothing: a scan has an OCT class, in the findings, and the status bar now says so; G, which takes
the AI's class, waited for "its grade"."""
from __future__ import annotations

from PIL import Image
from PySide6.QtCore import Qt

from annotations.document import Modality, ReaderGrade
from app.actions import READER_GRADE_ACTIONS
from tests.gui.test_main_window import _fundus, _window, settings  # noqa: F401 - fixture
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


def test_the_dr_grade_and_dme_risk_menu_items_are_greyed_on_a_bscan_alone(qtbot, settings, folder) -> None:
    """Case ▸ DR grade 3 and DME risk 1 stayed enabled on a B-scan, as the lesion layers did not: chosen, they
    only said a scan takes an OCT class. Their keys still say so (above)."""
    Image.fromarray(_fundus(0)).save(folder / "b_photo.png")  # a fundus photo's pixels: the fixture's is grey
    window = _window(qtbot, settings, folder)  # the volume, listed first
    qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.doc.modality is Modality.OCT)
    grade_items = [window.actions[name] for name in READER_GRADE_ACTIONS]
    assert len(grade_items) == 9 and not any(action.isEnabled() for action in grade_items)
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_D)  # the photo after it
    qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.doc.image_path == "b_photo.png"
                    and not window.findings.oct_mode)  # told a photo by its pixels
    assert all(action.isEnabled() for action in grade_items)
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_G, CTRL)
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_3)
    assert window.cases.doc.grade.dr_grade == 3  # a photo's keys grade it, not refuse
    window.close()


def test_g_during_the_analysis_of_a_bscan_waits_for_its_class(qtbot, settings, folder) -> None:
    """G on a B-scan whose analysis is under way said "G takes its grade": a scan's AI gives a class."""
    window = _window(qtbot, settings, folder)
    qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.doc.modality is Modality.OCT)
    # an "Analyse all" under way, which has not come to this B-scan yet (as test_reader_workflow fakes it)
    window.analysis.runner._current = object()
    window.analysis._batch_waiting = {window.cases.current_id}
    try:
        qtbot.keyClick(window.case_list.table, Qt.Key.Key_G)
    finally:
        window.analysis.runner._current, window.analysis._batch_waiting = None, set()
    assert window.statusBar().currentMessage() == ("The AI is still analysing this scan: G takes its class once it is "
                                                   "shown")
    window.close()
