"""Two people who type one reader name share one reader store: the second window opens it read-only, and its
message named a process and a host ("process 4242 on ward-pc"), never the reader name in use, so the second person
could not tell that their name was taken. The lock now records the reader, and the message names them and tells
whoever it is not to give a name of their own."""
from __future__ import annotations

import json
import socket
from pathlib import Path

from annotations.reading.readers import open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from annotations.workspace import Workspace
from annotations.workspace import messages as msg
from annotations.workspace.recovery import LockOwner, read_lock
from annotations.workspace.workspace import LOCK_FILE
from tests.unit.reading_fixtures import image_folder


def test_a_reader_name_in_use_is_named_with_the_computer_it_is_used_on(tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "photos", count=1)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    with open_reader(folder, "Dr Wang") as first, open_reader(folder, "dr wang") as second:
        assert not first.read_only and second.sidecar == first.sidecar and second.read_only
        assert f"reader Dr Wang on {socket.gethostname()}, process " in second.read_only_reason
        holder = read_lock(first.sidecar / LOCK_FILE).describe()
        assert second.read_only_reason == msg.READER_IN_USE.format(holder=holder, lock=first.sidecar / LOCK_FILE)


def test_the_folders_own_store_open_elsewhere_gives_no_reader_name_advice(tmp_path: Path) -> None:
    """In single reading everyone shares the folder's store, whatever their name: a name of one's own is no remedy."""
    folder = image_folder(tmp_path / "photos", count=1)
    with Workspace.open(folder, reader="Dr Wang") as first, Workspace.open(folder, reader="Dr Li") as second:
        holder = read_lock(first.sidecar / LOCK_FILE).describe()
        assert second.read_only_reason == msg.OPEN_ELSEWHERE.format(holder=holder, lock=first.sidecar / LOCK_FILE)


def test_the_lock_records_the_reader_and_a_lock_of_an_earlier_release_names_none(tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "photos", count=1)
    with Workspace.open(folder, reader="王芳") as ws:
        assert read_lock(ws.sidecar / LOCK_FILE).reader == "王芳"
    earlier = tmp_path / "earlier.lock"
    earlier.write_text(json.dumps({"pid": 4242, "hostname": "ward-pc", "started": "yesterday"}), "utf-8")
    assert read_lock(earlier) == LockOwner(4242, "ward-pc", "yesterday")
    assert read_lock(earlier).describe() == "process 4242 on ward-pc (since yesterday)"
    assert LockOwner(4242, "ward-pc", "yesterday", reader="王芳").describe() == \
        "reader 王芳 on ward-pc, process 4242 (since yesterday)"
