"""How a double-read case's state is named, in one place: `retina-review reading FOLDER` prints these words, the case
list's Reading column and filter show them translated (widgets.case_list.reading_text). One rule: each says what the
case needs next or what became of it, and reads after a count ("3 needs reader 2")."""
from __future__ import annotations

from annotations.reading.disagreement import CaseState
from annotations.wording import QT_TRANSLATE_NOOP

STATE_NAMES: dict[CaseState, str] = {
    CaseState.NEEDS_READER_1: QT_TRANSLATE_NOOP("CaseTableModel", "needs reader 1"),
    CaseState.NEEDS_READER_2: QT_TRANSLATE_NOOP("CaseTableModel", "needs reader 2"),
    CaseState.AGREED: QT_TRANSLATE_NOOP("CaseTableModel", "agreed"),
    CaseState.NEEDS_ARBITRATION: QT_TRANSLATE_NOOP("CaseTableModel", "needs arbitration"),
    CaseState.ARBITRATED: QT_TRANSLATE_NOOP("CaseTableModel", "arbitrated"),
    CaseState.REVISED_SINCE_ARBITRATION: QT_TRANSLATE_NOOP("CaseTableModel", "revised since arbitration"),
}
