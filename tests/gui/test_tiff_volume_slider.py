"""A multi-page TIFF of grey B-scans opens in the window as a volume, as a multi-frame DICOM file does: one row, the
slider under the canvas on its middle B-scan, Shift+PgDown stepping to the next page. Was: its first page alone, and
nothing said of the others until it was analysed."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.gui.test_main_window import _window, settings  # noqa: F401 - fixture
from tests.gui.test_oct_volume_slider import _key, _shown_bscan
from tests.unit.test_tiff_volume import grey_tiff


def test_a_grey_multi_page_tiff_opens_on_its_middle_bscan_with_the_slider(
        qtbot, settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811 - the fixture
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "no-user-models"))
    (tmp_path / "scans").mkdir()
    grey_tiff(tmp_path / "scans" / "vol.tif", layered=True)  # its pixels a B-scan's
    window = _window(qtbot, settings, tmp_path / "scans")
    bar = window.bscans.bar
    assert window.case_list.model.rowCount() == 1 and bar.isVisible()
    _shown_bscan(qtbot, window, 4)
    assert bar.label.text() == "B-scan 4 / 7"
    _key(qtbot, window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ShiftModifier)
    _shown_bscan(qtbot, window, 5)
    assert bar.label.text() == "B-scan 5 / 7" and window.cases.current_id != window.case_list.current_case_id()
    window.close()
