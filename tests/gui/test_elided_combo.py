"""The elided combo box: a chosen text too long for the closed box is cut short with "…" (a plain QComboBox clipped
the report dialog's template name mid-word), the tooltip keeps it whole."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from widgets.elided_combo import ElidedComboBox

LONG = "Clinical: original, AI overlay, reader overlay and Grad-CAM, lesion table with quadrants"


def boxes(qtbot, width: int) -> tuple[ElidedComboBox, QComboBox]:
    elided, plain = ElidedComboBox(), QComboBox()
    elided.addItems([LONG, "Summary"])
    for box in (elided, plain):
        qtbot.addWidget(box)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(10)
        box.resize(width, box.sizeHint().height())
        box.show()
    return elided, plain


def test_a_name_too_long_for_the_box_is_cut_short_with_an_ellipsis_and_whole_in_the_tooltip(qtbot) -> None:
    elided, plain = boxes(qtbot, 250)
    shown = elided.shown_text()
    assert shown.endswith("…") and LONG.startswith(shown[:-1]) and len(shown) > 10
    assert elided.toolTip() == elided.currentText() == LONG
    plain.addItem(shown)  # the box paints the cut name as a plain box would paint that text
    assert elided.grab().toImage() == plain.grab().toImage()


def test_a_name_that_fits_is_shown_whole(qtbot) -> None:
    elided, _ = boxes(qtbot, 900)
    assert elided.shown_text() == LONG
    elided.setCurrentIndex(1)
    assert elided.shown_text() == elided.toolTip() == "Summary"


def test_a_hint_stands_in_the_tooltip_under_the_chosen_text(qtbot) -> None:
    elided, _ = boxes(qtbot, 250)
    elided.set_hint("Keys: Ctrl+T")
    assert elided.toolTip() == f"{LONG}\nKeys: Ctrl+T"
    elided.setCurrentIndex(1)
    assert elided.toolTip() == "Summary\nKeys: Ctrl+T"
