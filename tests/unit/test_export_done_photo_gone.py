"""`export --done` (the dialog's "Done cases only") takes a done case whose photo is gone since: its saved labels are
exported, as every export of the folder exports them (README); it was left out without a word (retraining probe)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from annotations.classes import LesionClass
from annotations.document import Box, ReviewState
from annotations.workspace import Workspace
from app.cli import main


def test_a_done_case_whose_photo_is_gone_is_exported_with_the_done_cases(tmp_path: Path, capsys) -> None:
    photos = tmp_path / "photos"
    photos.mkdir()
    for name in ("a", "b", "c"):
        Image.fromarray(np.full((40, 60, 3), 90, np.uint8)).save(photos / f"{name}.png")
    with Workspace.open(photos) as ws:
        for summary in ws.cases():
            case = ws.load_case(summary.case_id)
            case.boxes = [Box(LesionClass.HE, 5, 5, 15, 15)]
            case.review_state = ReviewState.DONE if summary.image_path != "c.png" else ReviewState.IN_PROGRESS
            ws.save_case(case)
    (photos / "b.png").rename(tmp_path / "b.png")  # moved away after it was reviewed
    assert main(["export", str(photos), "--format", "voc", "--out", str(tmp_path / "voc"), "--done"]) == 0
    assert sorted(p.name for p in (tmp_path / "voc").glob("*.xml")) == ["a.xml", "b.xml"]
    assert "Exported 2 case(s)" in capsys.readouterr().out
