"""Label files beside a TIFF written while a multi-page TIFF opened as one picture, its first page: labelImg's
``vol.xml`` (labelImg shows a TIFF's first page too), "Save VOC next to images" or an export naming the file itself
(``vol_MA.png``). Now that a TIFF of grey B-scans is a volume (annotations.tiff_volume) whose own case is its middle
B-scan, an import put them there, on the wrong picture, without a word. They go to B-scan 1, as the labels saved in
its case move (annotations.workspace.first_pages), and the import says so once; a DICOM volume's file name still
stands for its shown B-scan."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from annotations.classes import LesionClass
from annotations.document import Box
from annotations.store_folder import SIDECAR_NAME
from annotations.workspace import Workspace
from annotations.workspace.label_import import import_labels
from annotations.workspace.labelimg_files import unimported_labelimg_files
from annotations.workspace.transfer import export_labels

from tests.unit.test_tiff_first_page_labels_moved import one_page, written_before
from tests.unit.test_tiff_volume import PAGES, SHAPE, SHOWN, grey_tiff, volume_id


def boxed_before(folder: Path) -> None:
    """vol.tif as one picture, a box drawn on it and saved as labelImg's vol.xml beside it; vol.tif a volume now."""
    one_page(folder)
    with Workspace.open(folder) as ws:
        doc = ws.load_case(volume_id(ws))
        doc.boxes.append(Box(LesionClass.HE, 2, 3, 10, 12))
        ws.write_voc_beside_image(doc)
    grey_tiff(folder / "vol.tif")


def test_labelimgs_file_of_the_first_page_goes_to_bscan_1_said_once(tmp_path: Path) -> None:
    boxed_before(tmp_path)
    with Workspace.open(tmp_path) as ws:
        summary = import_labels(ws, tmp_path, "voc")
        volume = volume_id(ws)
        first, shown = ws.load_case(ws.bscan_case_id(volume, 1)), ws.load_case(volume)
    assert [(b.label, b.xmin, b.ymin, b.xmax, b.ymax) for b in first.boxes] == [(LesionClass.HE, 2, 3, 10, 12)]
    assert not shown.boxes
    said = [w for w in summary.warnings if "vol.xml" in w]
    assert len(said) == 1 and "B-scan 1 " in said[0] and f"{PAGES}" in said[0], summary.warnings


def test_b_scan_1s_own_file_comes_before_the_first_pages(tmp_path: Path) -> None:
    boxed_before(tmp_path)
    own = (tmp_path / "vol.xml").read_text().replace("<xmin>2</xmin>", "<xmin>5</xmin>")
    (tmp_path / "vol_b001.xml").write_text(own)
    with Workspace.open(tmp_path) as ws:
        summary = import_labels(ws, tmp_path, "voc")
        first = ws.load_case(ws.bscan_case_id(volume_id(ws), 1))
    assert [box.xmin for box in first.boxes] == [5]
    assert summary.warnings == ["1 label file(s) matched no image, e.g. vol.xml"]


def test_masks_exported_for_the_tiff_itself_go_to_bscan_1(tmp_path: Path) -> None:
    before, folder, labels = tmp_path / "before", tmp_path / "scans", tmp_path / "labels"
    before.mkdir()
    folder.mkdir()
    one_page(before)
    with Workspace.open(before) as ws:
        doc = ws.load_case(volume_id(ws))
        doc.mask[2:6, 3:9] = LesionClass.MA.bit
        ws.save_case(doc)
        export_labels(ws, "masks", labels)
    assert (labels / "vol_MA.png").is_file()
    grey_tiff(folder / "vol.tif")
    with Workspace.open(folder) as ws:
        summary = import_labels(ws, labels, "masks")
        volume = volume_id(ws)
        first, shown = ws.load_case(ws.bscan_case_id(volume, 1)), ws.load_case(volume)
    assert np.argwhere(first.mask).min(axis=0).tolist() == [2, 3] and not shown.mask.any()
    assert len([w for w in summary.warnings if "vol_MA.png" in w]) == 1, summary.warnings


def test_labels_named_for_a_bscan_go_to_it_without_a_word(tmp_path: Path) -> None:
    grey_tiff(tmp_path / "vol.tif")
    labels = tmp_path / "labels"
    labels.mkdir()
    mask = np.zeros(SHAPE, np.uint8)
    mask[2:6, 3:9] = 255
    for number in (1, SHOWN):
        Image.fromarray(mask).save(labels / f"vol_b00{number}_EX.png")
    with Workspace.open(tmp_path) as ws:
        summary = import_labels(ws, labels, "masks")
        volume = volume_id(ws)
        assert all(ws.load_case(ws.bscan_case_id(volume, n)).mask.any() for n in (1, SHOWN))
    assert summary.cases == 2 and not summary.warnings


def test_the_window_names_the_first_pages_labelimg_file_until_it_is_imported(tmp_path: Path) -> None:
    boxed_before(tmp_path)
    with Workspace.open(tmp_path) as ws:
        assert unimported_labelimg_files(ws, worker=False) == ["vol.xml"]  # was: none, as of a DICOM volume
        import_labels(ws, tmp_path, "voc")
        assert unimported_labelimg_files(ws, worker=False) == []


def test_the_file_save_voc_wrote_for_the_first_page_moves_with_its_case(tmp_path: Path) -> None:
    """Saved and written beside before, the case moves to B-scan 1 at the open, and its record of vol.xml with it."""
    one_page(tmp_path)
    with Workspace.open(tmp_path) as ws:
        doc = ws.load_case(volume_id(ws))
        doc.boxes.append(Box(LesionClass.HE, 2, 3, 10, 12))
        ws.save_case(doc)
        ws.write_voc_beside_image(doc)
    written_before(tmp_path / SIDECAR_NAME)
    grey_tiff(tmp_path / "vol.tif")
    with Workspace.open(tmp_path) as ws:
        assert ws.load_case(ws.bscan_case_id(volume_id(ws), 1)).boxes
        assert unimported_labelimg_files(ws, worker=False) == []
