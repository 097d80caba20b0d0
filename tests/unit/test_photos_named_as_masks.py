"""Photos named as masks of others (``histeq/P1_HE.png``: P1 histogram-equalised, beside ``orig/P1.png``) are photos
where their headers say colour and their folder's path does not say labels: cases in the window, photos `analyze`
runs on, images training reads (photo_sorter). Masks stay labels: greyscale ones wherever they are, coloured ones
(IDRiD's red TIFFs) under a folder that says labels."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.document import ReviewState
from annotations.formats.masks import read_mask_files
from annotations.progress import Cancelled
from annotations.workspace import Workspace
from annotations.workspace.scan import find_images, label_folders, scan_images
from annotations.workspace.transfer import export_labels
from app.command_words import CommandWords
from app.commands.analyze import collect_images
from inference.dataset import index_folder
from tests.photos_named_as_masks import headers_read, photo_study  # noqa: F401 - fixture

SHAPE = (24, 40)


def _photo(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(np.random.default_rng(len(path.name)).integers(0, 256, SHAPE + (3,), np.uint8)).save(path)


def _mask(path: Path, mode: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    mask = np.zeros(SHAPE, np.uint8)
    mask[3:6, 4:9] = 255
    Image.fromarray(mask).convert(mode).save(path)


def test_photos_named_as_masks_in_a_folder_of_their_own_are_cases(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    listed = photo_study(tmp_path / "study")
    assert scan_images(tmp_path / "study") == listed  # was: orig/ alone, the equalised photos held as its labels
    assert label_folders(tmp_path / "study") == []
    assert sorted(sample.image.relative_to(tmp_path / "study").as_posix()
                  for sample in index_folder(tmp_path / "study").values()) == listed
    monkeypatch.chdir(tmp_path / "study")  # the folder named as typed: the names above it do not count
    images, problems, _ = collect_images([Path("histeq")], CommandWords(english=True))
    assert [path.name for path in images] == ["P1_HE.png", "P2_HE.png"] and problems == []


def test_masks_stay_labels_greyscale_anywhere_and_coloured_under_a_folder_saying_labels(tmp_path: Path) -> None:
    for stem in ("P1", "P2"):
        _photo(tmp_path / "study" / "orig" / f"{stem}.png")
        _mask(tmp_path / "study" / "drawn" / f"{stem}_EX.png", "L")
        _mask(tmp_path / "study" / "Groundtruths" / "1. Microaneurysms" / f"{stem}_MA.tif", "RGB")
    assert scan_images(tmp_path / "study") == ["orig/P1.png", "orig/P2.png"]
    assert label_folders(tmp_path / "study") == ["Groundtruths/1. Microaneurysms", "drawn"]


class _StoppedAfterOneRead:
    """A listing's state whose person presses Stop (or closes the folder) once one header was read."""

    def __init__(self, read: list[str]) -> None:
        self._read = read

    def progress(self, fraction: float, message: str = "") -> None:
        pass

    def is_cancelled(self) -> bool:
        return bool(self._read)


@pytest.mark.parametrize("walk", [lambda folder, state: list(find_images(folder, state)), label_folders],
                         ids=["listing", "label folders"])
def test_a_scan_stopped_while_reading_the_headers_of_photos_named_as_masks_stops_before_the_next(
        tmp_path: Path, headers_read: list[str], walk) -> None:
    """A screening folder on a slow share: each header read takes a while, and Stop, another folder opened or the
    window closed waits for the scan (the window's for up to 5 s on the GUI thread). Was: every header was read
    before the stop was heeded, as no file of the walk is."""
    photo_study(tmp_path / "study")
    with pytest.raises(Cancelled):
        walk(tmp_path / "study", _StoppedAfterOneRead(headers_read))
    assert len(headers_read) == 1


def test_a_photo_named_as_anothers_mask_keeps_its_own_name_apart_in_the_data_set_training_reads(
        tmp_path: Path) -> None:
    """The data set (a retrain's) writes every photo into images/: histeq/P1_HE.png beside orig/P1.png as P1_HE.png
    was read back as P1's haemorrhage mask, and its indexed mask masks_indexed/P1_HE.png as the photo it trained on."""
    for seed, name in enumerate(("orig/P1.png", "orig/P2.png", "histeq/P1_HE.png", "histeq/P2_HE.png")):
        (tmp_path / "study" / name).parent.mkdir(parents=True, exist_ok=True)
        Image.fromarray(np.random.default_rng(seed).integers(0, 256, SHAPE + (3,), np.uint8)).save(
            tmp_path / "study" / name)
    ws = Workspace.open(tmp_path / "study")
    for bit, summary in enumerate(ws.cases()):  # each case its own painted class
        doc = ws.load_case(summary.case_id)
        doc.mask = np.zeros(SHAPE, np.uint8)
        doc.mask[2:5, 2 + 6 * bit:6 + 6 * bit] = 1 << bit
        doc.review_state = ReviewState.DONE
        ws.save_case(doc)
    painted = {summary.image_path: ws.load_case(summary.case_id).mask for summary in ws.cases()}
    summary = export_labels(ws, "dataset", tmp_path / "data")
    ws.close()
    samples = index_folder(tmp_path / "data").values()
    assert len(samples) == 4 and all(sample.image.parent.name == "images" for sample in samples)
    for sample in samples:
        original = next(path for path in painted if np.array_equal(
            np.asarray(Image.open(tmp_path / "study" / path)), np.asarray(Image.open(sample.image))))
        trained = read_mask_files(sample.mask_files, SHAPE)
        assert np.array_equal(trained, painted[original]), original
    assert any("P1_HE" in note for note in summary.warnings)
