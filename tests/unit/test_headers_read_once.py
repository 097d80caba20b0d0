"""A command reads the header of each file named as a mask once (``histeq/P1_HE.png``, P1 histogram-equalised beside
``orig/P1.png``: photo_sorter reads it to tell a photo from a mask), however many times it sorts the tree: `analyze`
sorts the folders named, then each among those beside it, and lists what their sub-folders hold. On a share a read
takes 20 ms: a screening folder's 412 were read twice (824, 16 s), and naming one of them read them all. An import
of masks reads none the folder's listing remembers, and its progress moves while it reads the others (it stood
still, seconds on a share)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from annotations.workspace import Workspace, scan
from annotations.workspace.label_import import import_labels
from app.command_words import CommandWords
from app.commands.analyze import collect_images
from tests.photos_named_as_masks import headers_read, photo_study  # noqa: F401 - fixture
from tests.unit.test_import_label_folder_walk import Heard

STEMS = ("P1", "P2", "P3")


@pytest.mark.parametrize("inputs", [["orig", "histeq"], ["."]], ids=["folders named", "the folder above"])
def test_analyze_reads_each_header_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, headers_read: list[str],
                                        inputs: list[str]) -> None:
    written = photo_study(tmp_path, STEMS)
    monkeypatch.chdir(tmp_path)
    images, _, _ = collect_images([Path(item) for item in inputs], CommandWords(english=True))
    if inputs != ["."]:  # the folder above holds none itself: its sub-folders' are said, not analysed
        assert sorted(path.as_posix() for path in images) == written
    assert sorted(headers_read) == [f"{stem}_HE.png" for stem in STEMS]  # was: each twice


def test_analyze_of_a_photo_named_as_a_mask_reads_its_header_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                    headers_read: list[str]) -> None:
    photo_study(tmp_path, STEMS)
    monkeypatch.chdir(tmp_path)
    images, problems, _ = collect_images([Path("histeq", "P2_HE.png")], CommandWords(english=True))
    assert images == [Path("histeq", "P2_HE.png")] and problems == []
    assert headers_read == ["P2_HE.png"]  # was: every one of its folder, twice


@pytest.mark.parametrize("inside", [".", "study"], ids=["the folder's own", "a sub-folder's"])
def test_an_import_of_masks_reads_no_header_the_listing_remembers(tmp_path: Path, headers_read: list[str],
                                                                   inside: str) -> None:
    photo_study(tmp_path / inside, STEMS)
    with Workspace.open(tmp_path) as ws:
        assert sorted(headers_read) == [f"{stem}_HE.png" for stem in STEMS]  # the listing's reads
        headers_read.clear()
        import_labels(ws, tmp_path / inside, "masks")
    assert headers_read == []  # was: each read again


def test_an_import_of_masks_from_elsewhere_reads_each_header_once_while_it_stays(tmp_path: Path,
                                                                                headers_read: list[str]) -> None:
    """From a folder outside the opened one, which no listing remembers: each import read every header again."""
    photo_study(tmp_path / "elsewhere", STEMS)
    shutil.copytree(tmp_path / "elsewhere" / "orig", tmp_path / "opened")
    with Workspace.open(tmp_path / "opened") as ws:
        import_labels(ws, tmp_path / "elsewhere", "masks")
        assert sorted(headers_read) == [f"{stem}_HE.png" for stem in STEMS]
        headers_read.clear()
        import_labels(ws, tmp_path / "elsewhere", "masks")
        assert headers_read == []  # was: each read again
        changed = tmp_path / "elsewhere" / "histeq" / "P2_HE.png"
        changed.write_bytes(changed.read_bytes() + b"\0")
        import_labels(ws, tmp_path / "elsewhere", "masks")
    assert headers_read == ["P2_HE.png"]


def test_the_walk_for_folders_of_labels_says_how_far_its_header_reads_got(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    photo_study(tmp_path, STEMS)
    monkeypatch.setattr(scan, "SAID_EVERY_S", 0.0)
    heard = Heard()
    assert scan.label_folders(tmp_path, heard) == []
    checked = [scan.CHECKING_FOR_LABEL_FOLDERS.format(done=done, count=len(STEMS)) for done in range(len(STEMS) + 1)]
    assert [text for _, text in heard.messages if text in checked] == checked  # was: none, after the folders walked
