"""Autosave and recovery: cheap snapshots, and edits surviving `kill -9` of a real process."""
from __future__ import annotations

import errno
import json
import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.classes import LesionClass
from annotations.document import AIResult, Box, ReaderGrade, ReviewState
from annotations.workspace import Workspace, WorkspaceError, recovery

ROOT = Path(__file__).resolve().parents[2]

EDITOR = textwrap.dedent("""
    import sys, time
    import numpy as np
    from annotations.classes import LesionClass
    from annotations.document import AIResult, Box, ReaderGrade
    from annotations.workspace import Workspace

    ws = Workspace.open(sys.argv[1], reader="crashing-editor")
    first, second = [c.case_id for c in ws.cases()][:2]
    saved = ws.load_case(first)
    saved.grade = ReaderGrade(dr_grade=1)
    ws.save_case(saved)                      # committed by an explicit save
    saved.boxes.append(Box(LesionClass.HE, 2, 3, 8, 9))
    saved.mask[4:9, 5:12] = LesionClass.HE.bit
    ws.autosave(saved)                       # edit after the save: only in the autosave
    other = ws.load_case(second)
    other.grade = ReaderGrade(dr_grade=4)
    other.ai = AIResult(dr_grade=3, cam=np.linspace(0, 1, other.width * other.height,
                        dtype=np.float32).reshape(other.height, other.width), warnings=["analysed reduced"])
    ws.autosave(other)                       # never saved: only in the autosave
    other.findings_text = "typed after the last autosave"  # lost with the crash, as promised
    print("ready", flush=True)
    time.sleep(60)
""")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "images"
    root.mkdir()
    for name in ("one.png", "two.png", "three.png"):
        Image.fromarray(np.full((16, 20, 3), 120, np.uint8)).save(root / name)
    return root


def test_kill_9_during_editing_recovers_autosaved_edits(folder: Path) -> None:
    editor = subprocess.Popen([sys.executable, "-c", EDITOR, str(folder)], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        line = editor.stdout.readline()
        assert line.strip() == "ready", editor.stderr.read()
        editor.send_signal(signal.SIGKILL)
    finally:
        editor.kill()
        editor.wait(timeout=10)
    assert (folder / ".retinareview" / "lock").exists()  # the dead editor never released it

    with Workspace.open(folder) as ws:
        assert not ws.read_only
        assert any(m.startswith("After crashing-editor's program crashed, their unsaved edits of 2 case(s)")
                   for m in ws.messages)  # named as it opened the store: whose edits
        first, second = [c.case_id for c in ws.cases()][:2]
        assert sorted(ws.recovered) == sorted([first, second])  # for the window to name until each is looked at
        recovered = ws.load_case(first)
        assert recovered.grade.dr_grade == 1
        assert [b.coords() for b in recovered.boxes] == [(2, 3, 8, 9)]
        assert np.count_nonzero(recovered.mask) == 35
        other = ws.load_case(second)
        assert other.grade.dr_grade == 4 and other.ai.dr_grade == 3
        assert other.ai.warnings == ["analysed reduced"]  # the analysis' warnings are kept with its result
        assert other.ai.cam[-1, -1] == pytest.approx(1.0)
        assert other.findings_text == ""
        assert [e.action for e in ws.audit_log(second)] == ["recover"]
    with Workspace.open(folder) as again:  # recovered once, not checked yet: a clean reopen names them still
        assert again.recovered == [] and sorted(again.to_check) == sorted([first, second])
        assert again.messages == [again.recovered_message] and "of 2 case(s)" in again.recovered_message
        again.recovery_checked(first)  # a person opened it in the window
    with Workspace.open(folder) as later:
        assert later.to_check == [second] and "of 1 case(s)" in later.recovered_message
        later.recovery_checked(second)
    with Workspace.open(folder) as checked:  # each checked: nothing more to say
        assert checked.messages == [] and checked.to_check == []


def test_autosave_is_skipped_when_nothing_changed_and_save_removes_it(folder: Path) -> None:
    with Workspace.open(folder) as ws:
        doc = ws.load_case(ws.cases()[0].case_id)
        assert ws.autosave(doc) is False  # same as loaded: nothing to protect
        doc.review_state = ReviewState.IN_PROGRESS
        assert ws.autosave(doc) is True
        assert ws.autosave(doc) is False  # unchanged since the last snapshot
        doc.mask[0, 0] = LesionClass.MA.bit
        assert ws.autosave(doc) is True
        ws.save_case(doc)
        assert not ws.has_autosave(doc.case_id)
        assert ws.autosave(doc) is False
        doc.mask[0, 0] = 0
        assert ws.autosave(doc) is True
        doc.mask[0, 0] = LesionClass.MA.bit  # undone back to the saved state: the snapshot goes
        assert ws.autosave(doc) is False and not ws.has_autosave(doc.case_id)


def test_snapshot_older_than_a_later_save_is_not_adopted(folder: Path) -> None:
    ws = Workspace.open(folder)
    doc = ws.load_case(ws.cases()[0].case_id)
    doc.grade = ReaderGrade(dr_grade=2)
    ws.autosave(doc)
    snapshot = ws.sidecar / "autosave" / f"{doc.case_id}.snap"
    kept = snapshot.read_bytes()
    doc.grade = ReaderGrade(dr_grade=3)
    ws.save_case(doc)
    snapshot.write_bytes(kept)  # as if the crash came between the save and the snapshot's removal
    fake_dead_owner(ws.sidecar / "lock")
    with Workspace.open(folder) as reopened:
        assert reopened.load_case(doc.case_id).grade.dr_grade == 3
        assert not any("were recovered from autosave and saved" in m for m in reopened.messages)
        assert not reopened.has_autosave(doc.case_id)


def test_damaged_snapshot_is_kept_aside_and_reported(folder: Path) -> None:
    ws = Workspace.open(folder)
    doc = ws.load_case(ws.cases()[0].case_id)
    doc.boxes.append(Box(LesionClass.EX, 1, 1, 4, 4))
    ws.autosave(doc)
    snapshot = ws.sidecar / "autosave" / f"{doc.case_id}.snap"
    snapshot.write_bytes(snapshot.read_bytes()[:-5])
    fake_dead_owner(ws.sidecar / "lock")
    with Workspace.open(folder) as reopened:
        assert any("damaged" in m and snapshot.name in m for m in reopened.messages)
        assert list(snapshot.parent.glob(f"{snapshot.name}.damaged-*"))  # kept, never overwriting an older one
        assert reopened.load_case(doc.case_id).boxes == []


@pytest.mark.parametrize("crafted_id", ["../../sub", "the other case", "another photo"])
def test_a_snapshot_naming_another_case_writes_nothing_and_is_kept_aside(folder: Path, crafted_id: str) -> None:
    """A crafted snapshot whose case id climbs out of cases/ wrote its files over a folder among the photos and
    deleted one there before its id was refused; nor is a snapshot adopted as a case other than its own, or with
    another photo (its labels would then be written beside that one)."""
    (folder / "sub").mkdir()
    (folder / "sub" / "case.json").write_text("a file of the clinic's\n")
    (folder / "sub" / "mask.7.png").write_text("another\n")
    ws = Workspace.open(folder)
    ids = {case.image_path: case.case_id for case in ws.cases()}
    first, second = ids["one.png"], ids["two.png"]
    doc = ws.load_case(first)
    doc.mask[:4, :4] = LesionClass.HE.bit
    ws.autosave(doc)
    snapshot = ws.sidecar / "autosave" / f"{first}.snap"
    if crafted_id == "another photo":
        snapshot.write_bytes(snapshot.read_bytes().replace(b'"image_path": "one.png"', b'"image_path": "two.png"', 1))
    else:
        other = second if crafted_id == "the other case" else crafted_id
        snapshot.write_bytes(snapshot.read_bytes().replace(f'"case_id": "{first}"'.encode(),
                                                           f'"case_id": "{other}"'.encode(), 1))
    fake_dead_owner(ws.sidecar / "lock")
    with Workspace.open(folder) as reopened:
        assert any("does not belong" in m for m in reopened.messages)
        assert list(snapshot.parent.glob(f"{snapshot.name}.damaged-*"))
        assert not reopened.load_case(second).mask.any() and not reopened.load_case(first).mask.any()
    assert sorted(p.name for p in (folder / "sub").iterdir()) == ["case.json", "mask.7.png"]
    assert (folder / "sub" / "case.json").read_text() == "a file of the clinic's\n"


def test_ai_arrays_already_saved_are_not_copied_into_every_snapshot(folder: Path) -> None:
    with Workspace.open(folder) as ws:
        doc = ws.load_case(ws.cases()[0].case_id)
        doc.ai = AIResult(dr_grade=2, cam=np.random.default_rng(0).random((16, 20), dtype=np.float32))
        ws.autosave(doc)
        with_arrays = ws.sidecar / "autosave" / f"{doc.case_id}.snap"
        inline_size = with_arrays.stat().st_size
        ws.save_case(doc)
        doc.grade = ReaderGrade(dr_grade=1)
        ws.autosave(doc)
        assert with_arrays.stat().st_size < inline_size - 500


def fake_dead_owner(lock: Path) -> None:
    """Make the lock look like a crashed process's: a pid that cannot exist on this host."""
    lock.write_text(json.dumps({"pid": 2**22 + 12345, "hostname": socket.gethostname(), "started": "earlier"}))


def test_workspace_held_by_another_live_process_opens_read_only(folder: Path) -> None:
    holder_code = ("import sys, time\nfrom annotations.workspace import Workspace\n"
                   "ws = Workspace.open(sys.argv[1])\nprint('ready', flush=True)\ntime.sleep(60)\n")
    holder = subprocess.Popen([sys.executable, "-c", holder_code, str(folder)], cwd=ROOT, stdout=subprocess.PIPE,
                              text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert holder.stdout.readline().strip() == "ready"
        with Workspace.open(folder) as ws:
            assert ws.read_only and f"process {holder.pid}" in ws.messages[0]
    finally:
        holder.kill()
        holder.wait(timeout=10)
    with Workspace.open(folder) as ws:  # the holder died: the next open takes over
        assert not ws.read_only


def _crash_then_open_on_a_full_disk(folder: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Workspace, str]:
    """A crash leaves a case's grade 3 only in its snapshot; the next open cannot write (a full disk) and keeps it."""
    ws = Workspace.open(folder)
    doc = ws.load_case(ws.cases()[0].case_id)
    doc.grade = ReaderGrade(dr_grade=3)
    ws.autosave(doc)
    fake_dead_owner(ws.sidecar / "lock")

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise WorkspaceError("no space") from OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(Workspace, "_save", disk_full)
        full = Workspace.open(folder)
    assert any(m.startswith(f"Could not recover '{doc.image_path}'") for m in full.messages)  # said, not recovered
    return full, doc.case_id


def _open_at_once(folder: Path, barrier, answers) -> None:  # noqa: ANN001 - multiprocessing's Barrier and Queue
    barrier.wait()
    workspace = Workspace.open(folder, scan=False)
    answers.put(workspace.read_only)
    barrier.wait()  # both have opened before either closes
    workspace.close()


def test_two_programs_opening_a_folder_at_once_get_one_writer(tmp_path: Path) -> None:
    """The lock was created empty and written after: a second program reading it in between took it for a crashed
    session's, replaced it, and both wrote (7 of 40 such opens); the one closing first then deleted the other's
    autosave snapshots."""
    Workspace.open(tmp_path).close()
    context = multiprocessing.get_context("fork")
    for _ in range(30):
        barrier, answers = context.Barrier(2), context.Queue()
        programs = [context.Process(target=_open_at_once, args=(tmp_path, barrier, answers)) for _ in range(2)]
        for program in programs:
            program.start()
        read_only = sorted([answers.get(timeout=60), answers.get(timeout=60)])
        for program in programs:
            program.join(timeout=60)
        assert read_only == [False, True]
    assert sorted(p.name for p in (tmp_path / ".retinareview").iterdir() if p.name.startswith(".lock")) == []


def test_a_stale_lock_replaced_meanwhile_by_a_live_program_stands(tmp_path: Path) -> None:
    """Two programs finding a dead owner's lock at once: the slower one must not remove the lock the faster one
    put in its place."""
    lock = tmp_path / "lock"
    dead = recovery.LockOwner(999_999_999, socket.gethostname(), "then")
    assert recovery.acquire_lock(lock, "now").acquired  # the faster program's lock, written over the dead one's
    recovery._remove_if_still(lock, dead)  # the slower one, still holding what it read
    assert recovery.read_lock(lock).pid == os.getpid() and [p.name for p in tmp_path.iterdir()] == ["lock"]
    recovery._remove_if_still(lock, recovery.read_lock(lock))
    assert not lock.exists()


def test_snapshot_a_full_disk_kept_from_recovery_survives_closing(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    full, case_id = _crash_then_open_on_a_full_disk(folder, monkeypatch)
    full.close()
    with Workspace.open(folder) as reopened:  # space again: closing the full-disk session kept the snapshot
        assert reopened.load_case(case_id).grade.dr_grade == 3


@pytest.mark.parametrize("work", ["autosave", "save"])
def test_work_on_a_case_whose_snapshot_was_not_recovered_sets_the_snapshot_aside(
        folder: Path, monkeypatch: pytest.MonkeyPatch, work: str) -> None:
    full, case_id = _crash_then_open_on_a_full_disk(folder, monkeypatch)
    with full:
        doc = full.load_case(case_id)  # the saved case, without the snapshot's grade
        doc.grade = ReaderGrade(dr_grade=1)
        getattr(full, "autosave" if work == "autosave" else "save_case")(doc)
        kept = list((full.sidecar / "autosave").glob("*.damaged-*"))
        assert len(kept) == 1 and any(kept[0].name in m and "not recovered when the folder opened" in m
                                      for m in full.messages)
    assert kept[0].is_file()  # still there after closing: the crash's grade 3 is in it


def test_a_case_whose_save_failed_keeps_its_snapshot_past_closing(folder: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Its edits were autosaved, then its save failed (a share away, a full disk) and the program closed: closing
    dropped every snapshot, the snapshot of those edits with them. Now the next open recovers them."""
    ws = Workspace.open(folder)
    case_id = ws.cases()[0].case_id
    doc = ws.load_case(case_id)
    doc.findings_text = "typed while the share was away"
    ws.autosave(doc)

    def share_away(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    with monkeypatch.context() as patched:
        patched.setattr("annotations.workspace.sidecar.CaseFiles.save", share_away)
        with pytest.raises(WorkspaceError):
            ws.save_case(doc)
    ws.close()
    with Workspace.open(folder) as reopened:
        assert any("recovered" in m.lower() for m in reopened.messages)
        assert reopened.load_case(case_id).findings_text == "typed while the share was away"
    with Workspace.open(folder) as again:  # saved by the recovery: nothing is kept any more
        doc = again.load_case(case_id)
        doc.findings_text = "a later edit, saved"
        again.autosave(doc)
        again.save_case(doc)
    assert not list((folder / ".retinareview" / "autosave").glob("*.snap"))


def test_the_recovery_message_says_the_edits_are_saved_and_to_look_them_over_naming_a_few_cases(tmp_path) -> None:
    """"Recovered 1 case(s) from autosave after an unclean exit" said neither that the edits were saved already nor
    what to do, and listed every case recovered, however many."""
    root = tmp_path / "many"
    root.mkdir()
    for index in range(7):
        Image.fromarray(np.full((16, 20, 3), 120, np.uint8)).save(root / f"img{index}.png")
    ws = Workspace.open(root)
    for summary in ws.cases():
        doc = ws.load_case(summary.case_id)
        doc.mask[0, 0] = LesionClass.HE.bit
        assert ws.autosave(doc)
    fake_dead_owner(ws.sidecar / "lock")  # the program stopped there
    with Workspace.open(root) as ws:
        said = [m for m in ws.messages if "After a crash" in m]
        assert all(ws.load_case(summary.case_id).mask[0, 0] for summary in ws.cases())
    assert len(said) == 1 and "7 case(s)" in said[0] and "recovered from autosave and saved; check them" in said[0]
    assert said[0].endswith(": 'img0.png', 'img1.png', 'img2.png', 'img3.png', 'img4.png', ... (+2)")
