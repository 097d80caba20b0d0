"""A case left while its saved files are read (the reader pressed D past a case on a slow share) is read no further:
before, its read went on through its mask and AI file, and the next case waited on the storage worker for them."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from annotations.workspace import Workspace, sidecar
from app.case_reading import PendingCase, read_unless_cancelled
from tests.unit.test_export_skips_a_missing_mask import MISSING


def _files_read(monkeypatch: pytest.MonkeyPatch, while_mask_read: Callable[[], None]) -> list[str]:
    """The parts of a case read from now on; ``while_mask_read`` runs as the mask is read (a slow share's seconds)."""
    read: list[str] = []
    for name, part in (("decode_mask_png", "mask"), ("decode_ai_npz", "ai")):
        real = getattr(sidecar, name)

        def reading(*args, real=real, part=part):
            read.append(part)
            if part == "mask":
                while_mask_read()
            return real(*args)
        monkeypatch.setattr(sidecar, name, reading)
    return read


@pytest.mark.parametrize("left", [False, True])
def test_a_case_left_while_its_mask_is_read_is_not_read_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          left: bool) -> None:
    photos = tmp_path / "photos"
    MISSING["ai"][0](photos)  # a and c painted and analysed (b's AI file deleted)
    with Workspace.open(photos) as ws:
        case_id = next(case.case_id for case in ws.cases() if case.image_path == "a.png")
        pending = PendingCase(case_id)

        def leave() -> None:
            pending.cancelled = left  # CaseController._close_case: another case opened meanwhile

        read = _files_read(monkeypatch, leave)
        got = read_unless_cancelled(pending, ws)
    if left:
        assert got is None and read == ["mask"]  # its AI file left unread
    else:
        assert got is not None and got.doc is not None and got.doc.mask.any() and got.doc.ai.cam is not None
        assert read == ["mask", "ai"]


def test_a_case_left_while_its_mask_is_read_is_not_read_again_without_its_missing_ai_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One whose AI file is missing was read a second time without it, its mask again, for no one."""
    photos = tmp_path / "photos"
    MISSING["ai"][0](photos)
    with Workspace.open(photos) as ws:
        pending = PendingCase(next(case.case_id for case in ws.cases() if case.image_path == "b.png"))
        read = _files_read(monkeypatch, lambda: setattr(pending, "cancelled", True))
        assert read_unless_cancelled(pending, ws) is None
    assert read == ["mask"]
