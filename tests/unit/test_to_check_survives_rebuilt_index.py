"""The cases a crash's recovery saved stay named until a person opens them (Workspace.to_check). The list lived only in
the index: a damaged index, or one a backup's hard link made the program set aside, was rebuilt from the per-case
files and the cases were named no more, though nobody had checked them; so with the index deleted. Each is noted by a
file of its own in the store now (annotations.workspace.to_check), which every index, rebuilt or not, is read with."""
from __future__ import annotations

import os
from pathlib import Path

from annotations.frames import bscan_case_id
from annotations.store_folder import SIDECAR_NAME
from annotations.workspace import Workspace
from annotations.workspace.workspace import INDEX_FILE
from tests.unit.test_commands_say_recovery import crashed_folder
from tests.unit.test_tiff_first_page_labels_moved import label, one_page, written_before
from tests.unit.test_tiff_volume import grey_tiff
from tests.unit.test_workspace_recovery import fake_dead_owner


def recovered_case(root: Path) -> tuple[Path, str]:
    """A crashed folder whose img1.png's edits an opening recovered (closed since, its index in its file); the case."""
    folder = crashed_folder(root)
    with Workspace.open(folder) as ws:
        assert len(ws.recovered) == 1
        return folder, ws.recovered[0]


def named_to_check(folder: Path, case_id: str) -> None:
    with Workspace.open(folder) as ws:
        assert ws.to_check == [case_id]
        assert any(m.startswith("After a crash, unsaved edits of 1 case(s) were recovered") and "'img1.png'" in m
                   for m in ws.messages), ws.messages


def test_a_damaged_index_rebuilt_names_them_still(tmp_path: Path) -> None:
    folder, case_id = recovered_case(tmp_path)
    (folder / SIDECAR_NAME / INDEX_FILE).write_bytes(b"not a database" * 100)
    named_to_check(folder, case_id)


def test_an_index_set_aside_for_a_backup_s_hard_link_names_them_still(tmp_path: Path) -> None:
    folder, case_id = recovered_case(tmp_path)
    os.link(folder / SIDECAR_NAME / INDEX_FILE, tmp_path / "backup.db")
    named_to_check(folder, case_id)


def test_an_index_deleted_by_hand_names_them_still(tmp_path: Path) -> None:
    folder, case_id = recovered_case(tmp_path)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{folder / SIDECAR_NAME / INDEX_FILE}{suffix}").unlink(missing_ok=True)
    named_to_check(folder, case_id)


def test_checked_once_it_stays_checked_after_a_rebuild(tmp_path: Path) -> None:
    folder, case_id = recovered_case(tmp_path)
    with Workspace.open(folder) as ws:
        ws.recovery_checked(case_id)
    (folder / SIDECAR_NAME / INDEX_FILE).write_bytes(b"not a database" * 100)
    with Workspace.open(folder) as ws:
        assert ws.to_check == [] and not any("recovered" in m for m in ws.messages)


def test_a_folder_another_window_holds_names_them_and_leaves_them_to_check(tmp_path: Path) -> None:
    folder, case_id = recovered_case(tmp_path)
    with Workspace.open(folder) as holder, Workspace.open(folder) as ws:
        assert ws.read_only and ws.held_elsewhere and not holder.read_only
        assert ws.to_check == [case_id]
        ws.recovery_checked(case_id)  # opened in the read-only window: it may write nothing
    named_to_check(folder, case_id)


def test_a_case_to_check_moved_to_its_bscan_one_is_named_there(tmp_path: Path) -> None:
    """Recovered while vol.tif opened as its first page, not checked; vol.tif a volume now: its labels move to B-scan
    1, which is named, after a rebuilt index too."""
    one_page(tmp_path)
    crashed = Workspace.open(tmp_path)
    case_id = label(crashed)
    doc = crashed.load_case(case_id)
    doc.findings_text = "fluid under the fovea"
    crashed.autosave(doc)
    crashed._lock.stop()
    fake_dead_owner(crashed.sidecar / "lock")
    with Workspace.open(tmp_path) as ws:
        assert ws.recovered == [case_id]
    written_before(tmp_path / SIDECAR_NAME)
    grey_tiff(tmp_path / "vol.tif")
    target = bscan_case_id(case_id, 1)
    with Workspace.open(tmp_path) as ws:
        assert ws.to_check == [target] and ws.load_case(target).findings_text == "fluid under the fovea"
    with Workspace.open(tmp_path) as ws:
        assert ws.to_check == [target]
    (tmp_path / SIDECAR_NAME / INDEX_FILE).write_bytes(b"not a database" * 100)
    with Workspace.open(tmp_path) as ws:
        assert ws.to_check == [target]
        ws.recovery_checked(target)
    with Workspace.open(tmp_path) as ws:
        assert ws.to_check == []


def test_a_note_cut_short_by_a_crash_leaves_no_temp_file(tmp_path: Path) -> None:
    """A crash while a case was noted left its note's temp file in the store for good (the snapshots' are swept)."""
    folder, case_id = recovered_case(tmp_path)
    notes = folder / SIDECAR_NAME / "to-check"
    cut_short = notes / f".{case_id}.recovered.k3j4.tmp"
    cut_short.write_text("2026-12")
    named_to_check(folder, case_id)
    assert sorted(path.name for path in notes.iterdir()) == [f"{case_id}.recovered"]
