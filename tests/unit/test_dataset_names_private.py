"""A data set's names never carry a folder's: a clinic names folders after its patients ("Wang Xiaoming
1956-03-02/OD.jpg"), and photos that share their own name took their path's ("Wang Xiaoming 1956-03-02__OD"), in the
file names, grades.csv, the split lists and the VOC files of a data set made to leave the clinic."""
from __future__ import annotations

import os
import threading
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.classes import LesionClass
from annotations.document import Box, ReviewState
from annotations.output_names import collision_stem
from annotations.workspace import Workspace
from app.cli import main

PATIENTS = ("Wang Xiaoming 1956-03-02", "Li Hua 1960-01-01")


def clinic_folder(tmp_path: Path) -> Path:
    photos = tmp_path / "photos"
    for patient in PATIENTS:
        (photos / patient).mkdir(parents=True)
        for eye in ("OD", "OS"):
            Image.fromarray(np.full((20, 30, 3), 90, np.uint8)).save(photos / patient / f"{eye}.png")
    Image.fromarray(np.full((20, 30, 3), 90, np.uint8)).save(photos / PATIENTS[0] / "IMG_0001.png")
    with Workspace.open(photos) as ws:
        for summary in ws.cases():
            case = ws.load_case(summary.case_id)
            case.review_state = ReviewState.DONE
            ws.save_case(case)
    return photos


def exported_names(photos: Path, out: Path) -> list[str]:
    assert main(["export", str(photos), "--format", "dataset", "--out", str(out), "--overwrite"]) == 0
    return sorted(path.stem for path in (out / "images").iterdir())


def test_a_data_set_names_no_folder(tmp_path: Path) -> None:
    photos = clinic_folder(tmp_path)
    out = tmp_path / "out"
    names = exported_names(photos, out)

    assert len(names) == 5 and "IMG_0001" in names  # a name no other photo shares is kept
    for path in out.rglob("*"):
        text = path.relative_to(out).as_posix()
        if path.is_file() and not text.startswith(".retinareview-output/"):
            text += path.read_bytes().decode("latin-1")
        assert not [word for patient in PATIENTS for word in patient.split() if word in text], path
    # the tag of a shared name is keyed: not the hash of the path anyone can compute from a guessed name
    shared = [f"{patient}/{eye}.png" for patient in PATIENTS for eye in ("OD", "OS")]
    assert {name for name in names if name != "IMG_0001"}.isdisjoint(collision_stem(p, flat=True) for p in shared)
    assert exported_names(photos, out) == names  # each export of the folder names its cases alike


def test_label_files_still_name_a_photo_by_its_folder(tmp_path: Path) -> None:
    """VOC, YOLO, masks … go back into the folder (import finds each file's photo by its name): they keep it."""
    photos = clinic_folder(tmp_path)
    assert main(["export", str(photos), "--format", "voc", "--out", str(tmp_path / "voc")]) == 0
    assert (tmp_path / "voc" / f"{PATIENTS[0]}__OD.xml").is_file()


def test_the_key_is_kept_in_the_folder_s_store_and_none_is_written_read_only(tmp_path: Path) -> None:
    from annotations.store_folder import SIDECAR_NAME
    from annotations.workspace.name_key import KEY_FILE, dataset_name_key

    (tmp_path / SIDECAR_NAME).mkdir()
    assert dataset_name_key(tmp_path, read_only=True) != dataset_name_key(tmp_path, read_only=True)
    assert not (tmp_path / SIDECAR_NAME / KEY_FILE).exists()
    key = dataset_name_key(tmp_path, read_only=False)
    assert (tmp_path / SIDECAR_NAME / KEY_FILE).read_bytes() == key == dataset_name_key(tmp_path, read_only=True)


def test_the_list_of_files_written_that_travels_with_a_data_set_names_no_case_nor_folder(tmp_path: Path) -> None:
    """.retinareview-output/written-files recorded each file's case id (its path: 'Wang_Xiaoming_1956-03-02__OD.png-…')
    and the photos' folder, and goes wherever the data set's folder is copied."""
    photos = clinic_folder(tmp_path)
    out = tmp_path / "out"
    exported_names(photos, out)
    listed = "".join(path.read_text(encoding="utf-8") for path in (out / ".retinareview-output").iterdir())
    assert "images/IMG_0001.png" in listed
    assert not [word for word in (*PATIENTS[0].split(), *PATIENTS[1].split(), str(photos)) if word in listed]


def test_a_data_sets_labels_go_back_to_their_photos(tmp_path: Path) -> None:
    """Corrected elsewhere, a data set's labels are imported back: its keyed names (``OD_1a2b3c4d``) find their photos
    through the folder's key, as the names of a path's hash did."""
    photos = clinic_folder(tmp_path)
    with Workspace.open(photos) as ws:
        for number, summary in enumerate(ws.cases()):
            case = ws.load_case(summary.case_id)
            case.boxes.append(Box(LesionClass.HE, number, 1, number + 5, 8))
            ws.save_case(case)
        drawn = _boxes(ws)
    exported_names(photos, tmp_path / "out")
    with Workspace.open(photos) as ws:
        for summary in ws.cases():
            case = ws.load_case(summary.case_id)
            case.boxes.clear()
            ws.save_case(case)

    assert main(["import", str(photos), "--format", "voc", "--from", str(tmp_path / "out" / "voc")]) == 0
    with Workspace.open(photos) as ws:
        assert _boxes(ws) == drawn


def _boxes(ws: Workspace) -> dict[str, list[tuple[int, ...]]]:
    return {summary.image_path: [(box.label, box.xmin, box.ymin, box.xmax, box.ymax)
                                 for box in ws.load_case(summary.case_id).boxes] for summary in ws.cases()}


def test_a_data_set_exported_while_the_window_holds_the_folder_is_named_by_the_folders_key(tmp_path: Path) -> None:
    """`export` on the command line while the window has the folder open (its store read-only for the export) drew a
    key of its own each time: its shared names changed from export to export, and an import of its labels found none
    of those photos. The key is the folder's, made by whichever program exports first."""
    from annotations.workspace.name_key import existing_name_key

    photos = clinic_folder(tmp_path)
    with Workspace.open(photos):  # the window's hold: the export opens the folder read-only
        names = exported_names(photos, tmp_path / "out")
        assert exported_names(photos, tmp_path / "again") == names
    key = existing_name_key(photos)
    assert key is not None
    assert {collision_stem(f"{patient}/OD.png", True, key) for patient in PATIENTS} <= set(names)


def test_a_damaged_key_is_made_again_and_kept(tmp_path: Path) -> None:
    """A key cut short names nothing an import could find: the next export makes one that lasts."""
    from annotations.store_folder import SIDECAR_NAME
    from annotations.workspace.name_key import KEY_BYTES, KEY_FILE, dataset_name_key

    (tmp_path / SIDECAR_NAME).mkdir()
    (tmp_path / SIDECAR_NAME / KEY_FILE).write_bytes(b"short")
    key = dataset_name_key(tmp_path, read_only=False)
    assert len(key) == KEY_BYTES and dataset_name_key(tmp_path, read_only=False) == key


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_in_the_key_s_place_does_not_hold_the_export(tmp_path: Path) -> None:
    """The key was read with a plain open(): a named pipe put in its place blocked the export forever (and a link to
    /dev/zero read until memory ran out). A key is read only from a regular file, and made again in its place."""
    from annotations.store_folder import SIDECAR_NAME
    from annotations.workspace.name_key import KEY_BYTES, KEY_FILE, dataset_name_key

    (tmp_path / SIDECAR_NAME).mkdir()
    pipe = tmp_path / SIDECAR_NAME / KEY_FILE
    os.mkfifo(pipe)
    keys: list[bytes] = []
    export = threading.Thread(target=lambda: keys.append(dataset_name_key(tmp_path, read_only=False)), daemon=True)
    export.start()
    export.join(timeout=10)
    blocked = export.is_alive()
    if blocked:  # let the blocked open go (a writer opening the pipe), so the test ends
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
    assert not blocked and len(keys[0]) == KEY_BYTES
    assert pipe.is_file() and dataset_name_key(tmp_path, read_only=False) == keys[0]


def test_a_key_this_user_may_not_read_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a folder shared by several users, the key another user's export made (their umask 077) could not be read,
    and was replaced: the names of every data set exported before found their photos no more. The export's names are
    then its own, and the key stays."""
    from annotations.store_folder import SIDECAR_NAME
    from annotations.workspace.name_key import KEY_BYTES, KEY_FILE, dataset_name_key, existing_name_key

    (tmp_path / SIDECAR_NAME).mkdir()
    theirs = tmp_path / SIDECAR_NAME / KEY_FILE
    theirs.write_bytes(b"k" * KEY_BYTES)
    system_open = os.open

    def refused(path: str, flags: int, *args: int) -> int:  # chmod 000 does not stop root, who runs some tests
        if Path(path) == theirs:
            raise PermissionError(13, "Permission denied", str(path))
        return system_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refused)
    assert existing_name_key(tmp_path) is None
    assert len(dataset_name_key(tmp_path, read_only=False)) == KEY_BYTES
    monkeypatch.undo()
    assert theirs.read_bytes() == b"k" * KEY_BYTES
