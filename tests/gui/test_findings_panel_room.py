"""The findings dock's AI section as it is first drawn after a case that cannot be opened, in English and Chinese on
a 1366 x 768 laptop and a 1500 x 950 window: its rows keep their heights, none drawn over another (the lesion table
used to grow at once over the heat map row and the message below it, until a later layout pass moved them)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from tests.gui.test_domain_messages import chinese  # noqa: F401 - fixture
from tests.gui.test_main_window import _window, settings  # noqa: F401 - fixture
from tests.gui.test_oct_volume_slider import _key, folder  # noqa: F401 - fixture


def _crowded(box: QWidget) -> list[str]:
    """The AI section's shown rows drawn over one another, or shorter than they ask to be."""
    rows = [widget for widget in box.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if widget.isVisible()]
    overlapping = [f"{type(a).__name__} over {type(b).__name__}" for i, a in enumerate(rows) for b in rows[i + 1:]
                   if a.geometry().intersects(b.geometry())]
    squeezed = [f"{type(row).__name__} squeezed" for row in rows if row.height() < row.minimumSizeHint().height()]
    return overlapping + squeezed


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("size", [(1366, 768), (1500, 950)])
def test_the_ai_section_of_a_case_that_cannot_be_opened_is_drawn_uncrowded_at_once(
        qtbot, settings, folder, request, language, size) -> None:
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    window = _window(qtbot, settings, folder)
    window.resize(*size)
    qtbot.waitUntil(lambda: not window.cases.busy, timeout=20_000)
    volume = window.cases.current_id
    _key(qtbot, window, Qt.Key.Key_D)  # on to the photo, then back to the volume, deleted meanwhile
    qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.doc.image_path == "b_photo.png",
                    timeout=10_000)
    (folder / "a_volume.dcm").unlink()
    window.cases.select_case(volume)
    qtbot.waitUntil(lambda: window.centre.currentWidget() is window.notice, timeout=10_000)
    assert _crowded(window.findings.ai_box) == []  # as a grab (or the next frame) shows it now
    window.close()
