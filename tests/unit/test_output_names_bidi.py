"""A photo named with a bidirectional control (``eye\u202egpj.exe.png``, which a file manager shows as
"eyegnp.exe.jpg") gave its exports the same control: a data set leaving the clinic carried names shown in an order
that lies about them. Exports name such a photo without the control, and import finds their files again."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.classes import LesionClass
from annotations.document import Box
from annotations.workspace import Workspace
from annotations.workspace.label_import import import_labels
from annotations.workspace.transfer import export_labels

BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@pytest.mark.parametrize("fmt", ["voc", "masks", "labelme", "dataset"])
def test_exports_name_a_photo_without_its_bidirectional_controls(tmp_path: Path, fmt: str) -> None:
    photos, out = tmp_path / "photos", tmp_path / "out"
    photos.mkdir()
    Image.fromarray(np.full((24, 32, 3), 90, np.uint8)).save(photos / "eye\u202egpj.exe.png", format="PNG")
    with Workspace.open(photos) as ws:
        doc = ws.load_case(ws.cases()[0].case_id)
        doc.mask[2:6, 2:6] = LesionClass.HE.bit
        doc.boxes = [Box(LesionClass.HE, 2, 2, 6, 6)]
        ws.save_case(doc)
        export_labels(ws, fmt, out)
    written = [p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()]
    assert written and not [name for name in written if any(char in BIDI for char in name)]
    if fmt in ("voc", "masks"):
        with Workspace.open(photos) as ws:
            doc = ws.load_case(ws.cases()[0].case_id)
            doc.boxes, doc.mask[:] = [], 0
            ws.save_case(doc)
            import_labels(ws, out, fmt)
            doc = ws.load_case(doc.case_id)
            assert doc.mask.any() if fmt == "masks" else [b.coords() for b in doc.boxes] == [(2, 2, 6, 6)]
