"""The report of one B-scan of an OCT volume warns when another B-scan of the volume records a more severe class:
the reader who classed B-scan 6 CNV and prints the normal middle B-scan is not left with "routine follow-up"."""
from __future__ import annotations

import pytest

from annotations.document import ReaderGrade
from app.main_window import MainWindow
from tests.gui.test_domain_messages import chinese  # noqa: F401 - fixture
from tests.gui.test_main_window import _window, settings  # noqa: F401 - fixture
from tests.gui.test_oct_volume_slider import _shown_bscan, folder  # noqa: F401 - fixture
from widgets.report_dialog import ReportDialog


@pytest.fixture(autouse=True)
def dialog_not_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ReportDialog, "exec", lambda self: 0)  # built and kept, not run modally


def _classed(qtbot, window: MainWindow, number: int, oct_class: str) -> None:
    window.bscans.bar.slider.setValue(number)
    _shown_bscan(qtbot, window, number)
    window.cases.edits.set_grade(ReaderGrade(oct_class=oct_class))


def _severer(qtbot, window: MainWindow) -> list[str]:
    window.actions["report"].trigger()
    dialog = window.reports.dialog
    qtbot.waitUntil(lambda: dialog.pages is not None, timeout=20_000)  # the volume's B-scans read by then
    dialog.close()
    return [text for text in dialog.warnings if "more severe" in text or "更严重" in text]


def test_a_report_of_a_normal_bscan_names_the_cnv_bscan_of_its_volume(qtbot, settings, folder) -> None:
    window = _window(qtbot, settings, folder)
    _classed(qtbot, window, 6, "CNV")
    _classed(qtbot, window, 2, "DRUSEN")
    _classed(qtbot, window, 4, "NORMAL")  # B-scan 6 saved as the slider moved on: printed now, B-scan 4
    assert _severer(qtbot, window) == ["'a_volume.dcm', B-scan 4: B-scan(s) 6 of the same volume record CNV — "
                                       "choroidal neovascularisation, more severe than the class this report "
                                       "prints; it shows this B-scan alone"]
    _classed(qtbot, window, 6, "CNV")  # the most severe B-scan printed: nothing left out
    assert _severer(qtbot, window) == []
    window.close()


def test_the_warning_is_said_in_chinese(qtbot, settings, folder, chinese) -> None:
    window = _window(qtbot, settings, folder)
    _classed(qtbot, window, 6, "DME")
    _classed(qtbot, window, 4, "NORMAL")
    assert _severer(qtbot, window) == ["'a_volume.dcm'，B 扫描 4：同一容积的 B 扫描 6 记录为 DME — 糖尿病黄斑水肿，"
                                       "比本报告所印的类别更严重；本报告仅显示此 B 扫描"]
    window.close()
