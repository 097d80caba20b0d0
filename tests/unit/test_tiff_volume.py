"""A multi-page TIFF of grey B-scans of one size, as some OCT devices export a volume (vol.tif, one B-scan a page), is
a volume as a multi-frame DICOM file is: one listed case with a case per page, the file itself showing its middle
page, exports naming each page (vol_b003), imports putting labels so named into that page's case and `analyze
--workspace` analysing every page. Was: it opened as its first page, whose grade stood for the file."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, TiffImagePlugin

from annotations import tiff_volume
from annotations.classes import LesionClass
from annotations.document import ReaderGrade
from annotations.formats.masks import read_class_masks
from annotations.frames import with_frame
from annotations.image_io import ImageLoadError, load_image, read_image_info, tiff_pages
from annotations.previews import read_thumbnail
from annotations.store_folder import SIDECAR_NAME
from annotations.workspace import Workspace
from annotations.workspace.label_import import import_labels
from annotations.workspace.transfer import export_labels
from annotations.workspace.workspace import INDEX_FILE
from app.cli import main

SHAPE = (24, 32)
PAGES = 7
SHOWN = 4  # the middle of seven: the volume's own case


def grey_tiff(path: Path, pages: int = PAGES, shapes: list[tuple[int, ...]] | None = None,
              layered: bool = False) -> Path:
    """A TIFF whose page n (1-based) is filled with 30 * n: each page told apart by its value. ``layered``: its lower
    two thirds a bright band over a dark one, rows differing as a B-scan's do, so its pixels are taken for OCT (a flat
    grey page is a photo's, annotations.modality)."""
    shapes = shapes or [SHAPE] * pages
    frames = [Image.fromarray(_layered(page) if layered else page) for page in
              (np.full(shape, 30 * (n + 1), np.uint8) for n, shape in enumerate(shapes))]
    frames[0].save(path, save_all=True, append_images=frames[1:])
    return path


def _layered(page: np.ndarray) -> np.ndarray:
    third = page.shape[0] // 3
    page[third:2 * third], page[2 * third:] = 230, page[0, 0] // 3 + 2
    return page


def volume_id(ws: Workspace) -> str:
    return next(c.case_id for c in ws.cases() if c.image_path == "vol.tif")


def test_each_page_of_a_grey_tiff_is_read_as_a_bscan(tmp_path: Path) -> None:
    path = grey_tiff(tmp_path / "vol.tif")
    for number in (1, 2, PAGES):
        assert (load_image(with_frame(str(path), number)) == 30 * number).all()
    assert (load_image(path) == 30 * SHOWN).all()  # the file itself shows its middle B-scan, as a DICOM volume
    assert (read_thumbnail(path) == 30 * SHOWN).all()  # and so does its row's thumbnail
    info = read_image_info(with_frame(str(path), 2))
    assert (info.width, info.height, info.frames) == (32, 24, PAGES) and read_image_info(path).frames == PAGES
    with pytest.raises(ImageLoadError, match="8 does not exist"):
        load_image(with_frame(str(path), 8))
    assert tiff_pages(path) == 1  # no page left unread


@pytest.mark.parametrize("shapes", [[SHAPE + (3,)] * 3, [SHAPE, (12, 16), SHAPE]], ids=["colour", "sizes"])
def test_a_tiff_of_colour_pages_or_pages_of_other_sizes_stays_its_first_page(tmp_path: Path, shapes) -> None:
    path = grey_tiff(tmp_path / "series.tif", shapes=shapes)
    assert read_image_info(path).frames == 1 and (load_image(path) == 30).all()
    assert tiff_pages(path) == 3  # its analysis and import say so (test_tiff_first_page_analysed)
    with pytest.raises(ImageLoadError, match="so it has no frame 2"):
        load_image(with_frame(str(path), 2))


def test_a_tiff_whose_second_page_lacks_its_width_opens_as_its_first_page(tmp_path: Path) -> None:
    """A damaged page chain (the fuzz test met one: page 2's ImageWidth tag gone) made Pillow's seek raise KeyError
    out of the page count, and the file neither opened nor said why."""
    data = bytearray(grey_tiff(tmp_path / "vol.tif", pages=2).read_bytes())
    assert data[:4] == b"II*\0"
    second = _next_ifd(data, int.from_bytes(data[4:8], "little"))
    entries = int.from_bytes(data[second:second + 2], "little")
    tags = [second + 2 + 12 * n for n in range(entries)]
    width = next(at for at in tags if int.from_bytes(data[at:at + 2], "little") == 256)
    data[width:width + 2] = (0xFFFE).to_bytes(2, "little")  # no ImageWidth: an unknown private tag in its place
    (tmp_path / "vol.tif").write_bytes(bytes(data))
    tiff_volume._told.clear()
    info = read_image_info(tmp_path / "vol.tif")
    assert info.frames == 1 and (info.width, info.height) == SHAPE[::-1]


def _next_ifd(data: bytearray, ifd: int) -> int:
    entries = int.from_bytes(data[ifd:ifd + 2], "little")
    at = ifd + 2 + 12 * entries
    return int.from_bytes(data[at:at + 4], "little")


@pytest.mark.parametrize("name", ["series.tif", "photo.png"])
def test_a_report_of_a_frame_of_a_file_of_none_names_either_kind_of_volume(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    """Was: "it is not a multi-frame DICOM file", as if a TIFF could hold no B-scans."""
    grey_tiff(tmp_path / "series.tif", shapes=[SHAPE + (3,)] * 3)
    Image.new("RGB", (32, 24)).save(tmp_path / "photo.png")
    assert main(["report", f"{tmp_path / name}#frame=2", "--out", str(tmp_path / "r.pdf"), "--no-analysis"]) != 0
    assert (f"{name}: it is neither a multi-frame DICOM file nor a TIFF whose pages are all grey and of one size, so "
            "it has no frame 2") in capsys.readouterr().err
    assert not (tmp_path / "r.pdf").exists()


def test_a_tiff_volume_is_one_case_with_a_case_per_page_exported_by_its_number(tmp_path: Path) -> None:
    grey_tiff(tmp_path / "vol.tif")
    with Workspace.open(tmp_path) as ws:
        assert [(c.image_path, c.frames) for c in ws.cases()] == [("vol.tif", PAGES)]
        volume = volume_id(ws)
        assert ws.bscan_count(volume) == PAGES and ws.bscan_case_id(volume, SHOWN) == volume
        doc = ws.load_case(ws.bscan_case_id(volume, 2))
        assert (load_image(ws.image_file(doc.case_id)) == 60).all()
        doc.grade = ReaderGrade(oct_class="DME")
        doc.mask[2:5, 3:6] = LesionClass.EX.bit
        ws.save_case(doc)
        export_labels(ws, "masks", tmp_path / "masks")
        export_labels(ws, "dataset", tmp_path / "dataset")
    assert read_class_masks(tmp_path / "masks", "vol_b002", SHAPE).any()
    assert sorted(p.name for p in (tmp_path / "dataset" / "images").iterdir()) == ["vol_b002.png"]
    assert (np.asarray(Image.open(tmp_path / "dataset" / "images" / "vol_b002.png")) == 60).all()


def test_labels_named_for_a_page_are_imported_into_that_pages_case(tmp_path: Path) -> None:
    folder, labels = tmp_path / "scans", tmp_path / "labels"
    folder.mkdir()
    labels.mkdir()
    grey_tiff(folder / "vol.tif")
    mask = np.zeros(SHAPE, np.uint8)
    mask[2:6, 3:9] = 255
    Image.fromarray(mask).save(labels / "vol_b003_MA.png")
    with Workspace.open(folder) as ws:
        summary = import_labels(ws, labels, "masks")
        doc = ws.load_case(ws.bscan_case_id(volume_id(ws), 3))
    assert summary.cases == 1 and not summary.warnings
    assert np.argwhere(doc.mask).min(axis=0).tolist() == [2, 3]


def test_analyze_with_a_workspace_analyses_every_page(tmp_path: Path) -> None:
    grey_tiff(tmp_path / "vol.tif", pages=3)
    assert main(["analyze", str(tmp_path / "vol.tif"), "--workspace", str(tmp_path), "--out",
                 str(tmp_path / "out"), "--device", "cpu", "--outputs", "json"]) == 0
    written = sorted(p.name for p in (tmp_path / "out").glob("*.json"))
    assert written == ["vol_b001.json", "vol_b002.json", "vol_b003.json"]
    notes = json.loads((tmp_path / "out" / "vol_b003.json").read_text())["notes"]
    assert not any("TIFF" in note for note in notes)  # no page left unread


def test_an_index_written_before_tiff_volumes_counts_the_pages_when_reopened(tmp_path: Path) -> None:
    grey_tiff(tmp_path / "vol.tif")
    Image.new("RGB", (8, 8)).save(tmp_path / "photo.png")
    Workspace.open(tmp_path).close()
    with sqlite3.connect(tmp_path / SIDECAR_NAME / INDEX_FILE) as db:  # as the release before left it
        db.execute("UPDATE cases SET frames = 1")
        db.execute("PRAGMA user_version = 0")
    with Workspace.open(tmp_path) as ws:
        assert {c.image_path: c.frames for c in ws.cases()} == {"vol.tif": PAGES, "photo.png": 1}


def test_stepping_through_a_tiff_volume_counts_its_pages_once_while_it_is_unchanged(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = grey_tiff(tmp_path / "vol.tif")
    counts: list[int] = []
    real = tiff_volume._counted  # Pillow reads every page's tags to count them: 10 ms of CPU for 128 B-scans
    monkeypatch.setattr(tiff_volume, "_counted", lambda image: counts.append(1) or real(image))
    for number in range(1, PAGES + 1):
        read_image_info(with_frame(str(path), number))
        load_image(with_frame(str(path), number))
    assert len(counts) == 1
    grey_tiff(path, pages=3)  # the file replaced: counted again
    assert read_image_info(path).frames == 3 and len(counts) == 2


@pytest.mark.parametrize(("shapes", "walked"), [([SHAPE] * PAGES, PAGES), ([SHAPE + (3,)] * PAGES, 0)],
                         ids=["volume", "colour series"])
def test_counting_a_tiffs_pages_reads_each_pages_tags_once_and_none_of_a_colour_series(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shapes: list[tuple[int, ...]], walked: int) -> None:
    """A folder's first listing counts every TIFF's pages (a header read each): a screening programme's hundreds of
    128-page volumes took twice the reads, Pillow's count walking the pages before the check walked them again."""
    path = grey_tiff(tmp_path / "vol.tif", shapes=shapes)
    real, sought = TiffImagePlugin.TiffImageFile._seek, []
    monkeypatch.setattr(TiffImagePlugin.TiffImageFile, "_seek",
                        lambda image, frame: sought.append(frame) or real(image, frame))
    with Image.open(path) as image:
        sought.clear()  # the opening's own read of the first page
        assert tiff_volume.volume_pages(image, path) == (PAGES if walked else 1)
        assert image.tell() == 0
    assert sorted(set(sought) - {0}) == list(range(1, walked)) and len(sought) <= walked + 1  # the end, the return
