"""A folder of photos with their lesion masks beside them (IDRiD_01.jpg, IDRiD_01_MA.tif, …) lists its photos alone,
and the import dialog pointed at that folder brings each photo its masks, in Chinese too, without saying that the
masks "had no labels" (they were listed as cases: 12 for 2 photos)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.gui.test_domain_messages import chinese  # noqa: F401 - a fixture
from tests.gui.windows import reviewer_window
from tests.unit.test_masks_beside_photos import _idrid_folder


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_photos_alone_are_cases_and_the_import_finds_their_masks(qtbot, tmp_path: Path, monkeypatch,
                                                                     request, language) -> None:
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "no-user-models"))
    written = _idrid_folder(tmp_path / "idrid")
    window = reviewer_window(qtbot, tmp_path, tmp_path / "idrid")
    qtbot.waitUntil(lambda: window.cases.doc is not None and not window.cases.busy, timeout=20_000)
    model = window.case_list.model
    assert [model.index(row, 0).data() for row in range(model.rowCount())] == ["IDRiD_01.jpg", "IDRiD_02.jpg"]
    dialog = window.annotation.show_import()
    qtbot.addWidget(dialog)
    dialog.choose_format("masks")
    dialog.source_edit.setText(str(tmp_path / "idrid"))
    with qtbot.waitSignal(dialog.finished_import, timeout=30_000) as finished:
        dialog.import_button.click()
    summary = finished.args[0]
    assert ("2 case(s)" if language == "en" else "2 个病例") in summary, summary
    assert "IDRiD_01_MA" not in summary and "warning" not in summary.lower() and "警告" not in summary, summary
    window.cases.flush()
    ws = window.cases.workspace
    for case in ws.cases():
        np.testing.assert_array_equal(ws.load_case(case.case_id).mask, written[case.image_path])
