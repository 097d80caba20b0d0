"""A folder's first listing (its index lists nothing yet) hands over each photo's row as the walk finds it, a few
times a second, not only after the walk and its reads of the headers of files named as masks (seconds on a share,
while the list stood empty). Each row's case id is the one a whole walk gives it: a name whose id another could take
(Unicode normalisation, undecodable bytes) waits until every name is found. A rescan checks the photos once all are
found, as before (a stop there drops the photos gone since)."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations import image_io
from annotations.formats import masks
from annotations.workspace import Workspace
from annotations.workspace.catalog import sync_batches
from annotations.workspace.scan import case_ids_for, own_case_id
from tests.dicom_files import fundus_rgb, write_dicom

STUDY = ["a/P1.png", "a/P2.png", "histeq/P1_HE.png", "histeq/P2_HE.png"]


def _study(root: Path) -> None:
    """P1 and P2 in a/, and each histogram-equalised in histeq/, named as its haemorrhage mask (a photo all the
    same: its header says colours)."""
    for number, stem in enumerate(("P1", "P2")):
        pixels = np.random.default_rng(number).integers(0, 256, (24, 40, 3), np.uint8)
        for path in (root / "a" / f"{stem}.png", root / "histeq" / f"{stem}_HE.png"):
            path.parent.mkdir(parents=True, exist_ok=True)
            Image.fromarray(pixels).save(path)


def _events(root: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the listing of ``root`` did, in order: each header of a file named as a mask read ("read NAME"), each
    batch handed over with rows ("rows PATH …")."""
    events: list[str] = []
    real = masks._header_mode
    monkeypatch.setattr(masks, "_header_mode", lambda path: events.append(f"read {Path(path).name}") or real(path))
    with Workspace.open(root, scan=False) as ws:
        for batch in sync_batches(ws.index.all_cases(), root, ws.case_files, progress_s=60.0):
            if batch.rows:
                events.append("rows " + " ".join(sorted(row["image_path"] for row in batch.rows)))
    return events


def test_a_first_listing_hands_over_its_first_row_before_the_header_reads(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    _study(tmp_path)
    events = _events(tmp_path, monkeypatch)
    # was: every row after both reads; a/'s with the batch saying they are to be read
    assert events[:3] == ["rows a/P1.png a/P2.png", "read P1_HE.png", "read P2_HE.png"]
    assert sorted(path for event in events if event.startswith("rows ") for path in event.split()[1:]) == STUDY
    with Workspace.open(tmp_path) as ws:
        assert sorted(case.image_path for case in ws.cases()) == STUDY


def test_a_rescan_checks_the_photos_once_all_are_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _study(tmp_path)
    with Workspace.open(tmp_path) as ws:
        assert len(ws.cases()) == len(STUDY)
    for path in STUDY:  # every photo changed since: each row read again
        (tmp_path / path).write_bytes((tmp_path / path).read_bytes() + b"\0")
    events = _events(tmp_path, monkeypatch)
    assert events[:2] == ["read P1_HE.png", "read P2_HE.png"] and len(events) > 2


def test_a_name_whose_id_is_its_own_has_the_id_a_whole_walk_gives_it() -> None:
    composed = unicodedata.normalize("NFC", "é.png")
    undecodable = b"\xff.png".decode("utf-8", "surrogateescape")
    names = [composed, unicodedata.normalize("NFD", composed), undecodable, "\ufffd.png", "a/b.png"]
    whole = case_ids_for(names)
    own = {name: own_case_id(name) for name in names}
    assert {name for name, case_id in own.items() if case_id is not None} == {composed, "a/b.png"}
    assert all(whole[name] == case_id for name, case_id in own.items() if case_id is not None)
    assert whole["\ufffd.png"] != case_ids_for(["\ufffd.png"])["\ufffd.png"]  # the undecodable name took its id


def test_a_folder_of_dicom_files_lists_each_before_the_next_is_read(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Telling a DICOM file a picture reads it (a share: 20 ms each): a folder of 2,000 was read whole before its
    first row. A photo named as no mask is one whatever the folder holds (photo_sorter.photo_by_its_name)."""
    for name in ("a.dcm", "b.dcm", "c.dcm"):
        write_dicom(tmp_path / name, fundus_rgb())
    events: list[str] = []
    real = image_io.is_dicom_document
    monkeypatch.setattr(image_io, "is_dicom_document", lambda path: events.append(f"told {Path(path).name}")
                        or real(path))
    with Workspace.open(tmp_path, scan=False) as ws:
        for batch in sync_batches(ws.index.all_cases(), tmp_path, ws.case_files, progress_s=0.0):
            events.extend(f"rows {row['image_path']}" for row in batch.rows)
    assert events == ["told a.dcm", "rows a.dcm", "told b.dcm", "rows b.dcm", "told c.dcm", "rows c.dcm"]
