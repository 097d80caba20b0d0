"""The ruler's and area tool's status bar sentence, in English and in Chinese, where one sentence follows
another without the space English puts after its full stop."""
from __future__ import annotations

from annotations.tools.measure import Measurement, Scale
from tests.gui.test_domain_messages import chinese  # noqa: F401 - a fixture
from widgets.tools.measure_view import status_text

LINE = Measurement("length", ((0, 0), (3, 4)), 5.0, Scale())


def test_a_measurement_says_it_is_not_saved_in_english() -> None:
    assert status_text(LINE).endswith("so the figure is in pixels. Not saved; Esc clears it.")
    assert "Not saved" not in status_text(LINE, transient=False)


def test_chinese_writes_no_space_after_the_full_stop(chinese) -> None:
    text = status_text(LINE)
    assert text.endswith("。不保存；按 Esc 清除。") and "。 " not in text
