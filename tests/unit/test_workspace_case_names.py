"""The workspace's messages name a B-scan of an OCT volume as every message does (annotations.case_names):
``'scans/vol.dcm', B-scan 3``, never by its address ``vol.dcm#frame=3``; a photo by its quoted path."""
from __future__ import annotations

import errno
import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.document import Modality, ReaderGrade
from annotations.frames import with_frame
from annotations.image_io import ImageLoadError, load_image
from annotations.workspace import Workspace, WorkspaceError
from annotations.workspace import workspace as workspace_module
from annotations.workspace.recorded_modality import saved_modality
from annotations.workspace.sidecar import CaseFiles
from tests.dicom_files import write_dicom
from tests.unit.test_oct_volume import SHOWN, crash_after_autosaving_bscan_3, make_folder, volume_id
from tests.unit.test_workspace_recovery import fake_dead_owner


def _disk_full(*_args: object, **_kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_failed_save_of_a_bscan_names_the_volume_and_its_number(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    make_folder(tmp_path)
    with Workspace.open(tmp_path) as ws:
        doc = ws.load_case(ws.bscan_case_id(volume_id(ws), 3))
        doc.grade = ReaderGrade(oct_class="DME")
        monkeypatch.setattr(CaseFiles, "save", _disk_full)
        with pytest.raises(WorkspaceError) as raised:
            ws.save_case(doc)
    assert "saving 'scans/vol.dcm', B-scan 3 failed (the disk is full)" in str(raised.value)
    assert "#frame=" not in str(raised.value)


def test_a_b_scan_past_the_volumes_end_names_the_volume_by_its_path_in_the_folder(tmp_path: Path) -> None:
    make_folder(tmp_path)
    with Workspace.open(tmp_path) as ws:
        with pytest.raises(WorkspaceError) as raised:
            ws.bscan_case_id(volume_id(ws), 8)
    assert str(raised.value) == "'scans/vol.dcm' has 7 B-scan(s), not 8"  # as the other messages, not its full path


def _photo_series(folder: Path) -> None:
    """Three frames of one eye in a DICOM photo file (Ophthalmic Photography, not OCT)."""
    grey = np.full((24, 32), 90, np.uint8)
    write_dicom(folder / "series.dcm", np.stack([grey, grey // 2, grey // 3]), frames=True)


def test_a_photo_series_frame_past_its_end_is_called_a_frame_not_a_b_scan(tmp_path: Path) -> None:
    """A multi-frame fundus photo's frames are frames (case_names.called_bscans), as its slider and title say."""
    _photo_series(tmp_path)
    with Workspace.open(tmp_path) as ws:
        (case,) = ws.cases()
        with pytest.raises(WorkspaceError) as raised:
            ws.bscan_case_id(case.case_id, 9)
        assert str(raised.value) == "'series.dcm' has 3 frame(s), not 9"
        doc = ws.load_case(ws.bscan_case_id(case.case_id, 1))
        doc.image_path = "series.dcm#frame=3"  # stored under another frame's case
        with pytest.raises(WorkspaceError) as raised:
            ws.save_case(doc)
        assert f"case {doc.case_id!r} (series.dcm#frame=3) is no frame of a file in" in str(raised.value)
    with pytest.raises(ImageLoadError, match="frame 9 does not exist — the labels of that frame are kept; open the "
                                             "file it was labelled on$"):  # the reader knows no kind: neutral words
        load_image(with_frame(str(tmp_path / "series.dcm"), 9))


def test_frames_of_a_file_whose_kind_is_not_known_are_called_frames(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Its header says no kind and its case was never saved: the neutral word, not "B-scan" (called_bscans' guess)."""
    _photo_series(tmp_path)
    monkeypatch.setattr(workspace_module, "said_modality", lambda _path: None)
    with Workspace.open(tmp_path) as ws:
        with pytest.raises(WorkspaceError, match="^'series.dcm' has 3 frame\\(s\\), not 9$"):
            ws.bscan_case_id(ws.cases()[0].case_id, 9)


UNREADABLE = "a later release's modality"


@pytest.mark.parametrize(("image", "recorded", "word"), [
    ("scans/vol.dcm", None, "B-scan"), ("scans/vol.dcm", Modality.OCT, "B-scan"),
    ("scans/vol.dcm", Modality.FUNDUS, "frame"),  # an OCT volume a reader set to fundus: its frames are frames
    ("scans/vol.dcm", UNREADABLE, "B-scan"),  # its header decides, as it does what the case is analysed as
    ("series.dcm", None, "frame"), ("series.dcm", Modality.FUNDUS, "frame"), ("series.dcm", UNREADABLE, "frame"),
    ("series.dcm", Modality.OCT, "B-scan"),  # a photo series set to OCT
    ("photo.png", None, "frame"), ("photo.png", Modality.OCT, "B-scan"),  # one frame, saved as an OCT B-scan
])
def test_a_files_frames_are_named_by_the_modality_its_case_is_analysed_as(tmp_path: Path, image: str,
                                                                       recorded: Modality | str | None,
                                                                       word: str) -> None:
    """The workspace's message reads the recorded modality by the one rule (recorded_modality.saved_modality) that
    decides what the case is analysed as: a second copy of it could call a volume set to fundus a volume of B-scans."""
    make_folder(tmp_path)
    _photo_series(tmp_path)
    Image.fromarray(np.full((24, 32, 3), (90, 40, 20), np.uint8)).save(tmp_path / "photo.png")
    with Workspace.open(tmp_path) as ws:
        case_id = next(c.case_id for c in ws.cases() if c.image_path == image)
        if recorded is not None:
            doc = ws.load_case(case_id)
            doc.modality = recorded if isinstance(recorded, Modality) else Modality.OCT
            ws.save_case(doc)
        if recorded == UNREADABLE:
            path = ws.case_files.case_file(case_id)
            path.write_text(path.read_text("utf-8").replace('"modality": "oct"', '"modality": "angiography"'), "utf-8")
        assert saved_modality(ws.case_files, case_id) == (recorded if isinstance(recorded, Modality) else None)
        count = ws.bscan_count(case_id)
        with pytest.raises(WorkspaceError) as raised:
            ws.bscan_case_id(case_id, count + 1)
    assert str(raised.value) == f"'{image}' has {count} {word}(s), not {count + 1}"


def test_a_failed_autosave_of_a_volumes_own_case_names_its_shown_bscan(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    make_folder(tmp_path)
    with Workspace.open(tmp_path) as ws:
        doc = ws.load_case(volume_id(ws))
        doc.grade = ReaderGrade(oct_class="DME")
        monkeypatch.setattr(ws._snapshots, "write", _disk_full)
        with pytest.raises(WorkspaceError, match=f"autosave of 'scans/vol.dcm', B-scan {SHOWN} failed"):
            ws.autosave(doc)


def test_a_recovery_that_cannot_save_names_the_bscan_not_its_case_id(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    case_id = crash_after_autosaving_bscan_3(tmp_path)
    monkeypatch.setattr(CaseFiles, "save", _disk_full)
    with Workspace.open(tmp_path) as reopened:
        note = next(m for m in reopened.messages if m.startswith("Could not recover"))
    assert note.startswith("Could not recover 'scans/vol.dcm', B-scan 3 from autosave: ")
    assert case_id not in note.split(": ")[0] and "#frame=" not in note


def test_a_photos_messages_quote_its_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_folder(tmp_path)
    with Workspace.open(tmp_path) as ws:
        doc = ws.load_case(next(c.case_id for c in ws.cases() if c.image_path == "photo.dcm"))
        doc.findings_text = "changed"
        monkeypatch.setattr(CaseFiles, "save", _disk_full)
        with pytest.raises(WorkspaceError, match="saving 'photo.dcm' failed"):
            ws.save_case(doc)


def test_a_document_stored_under_another_bscans_case_shows_its_stored_address(tmp_path: Path) -> None:
    """What does not fit is the address the document holds: named as a B-scan, the message would contradict itself
    ("case x ('scans/vol.dcm', B-scan 5) is no B-scan")."""
    make_folder(tmp_path)
    with Workspace.open(tmp_path) as ws:
        doc = ws.load_case(ws.bscan_case_id(volume_id(ws), 3))
        doc.image_path = "scans/vol.dcm#frame=5"
        with pytest.raises(WorkspaceError) as raised:
            ws.save_case(doc)
    assert f"case {doc.case_id!r} (scans/vol.dcm#frame=5) is no B-scan of a volume in" in str(raised.value)


def test_a_stale_snapshot_is_dropped_without_naming_its_case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A snapshot older than the case's last save is only dropped: its case is not named (a volume's header read),
    so naming it cannot fail and set it aside as damaged."""
    make_folder(tmp_path)
    ws = Workspace.open(tmp_path)
    doc = ws.load_case(ws.bscan_case_id(volume_id(ws), 3))
    doc.grade = ReaderGrade(oct_class="DME")
    assert ws.autosave(doc)
    snapshot = ws.sidecar / "autosave" / f"{doc.case_id}.snap"
    kept = snapshot.read_bytes()
    ws.save_case(doc)
    snapshot.write_bytes(kept)  # as if the crash came between the save and the snapshot's removal
    fake_dead_owner(ws.sidecar / "lock")

    def unnamed(*_args: object, **_kwargs: object) -> str:
        raise AssertionError("a stale snapshot's case was named")

    monkeypatch.setattr("annotations.workspace.workspace.case_name", unnamed)
    with Workspace.open(tmp_path) as reopened:
        assert reopened.messages == [] and not reopened.has_autosave(doc.case_id)
    assert not list(snapshot.parent.glob(f"{snapshot.name}.*"))  # not kept aside as damaged
