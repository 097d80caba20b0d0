"""Output folders an earlier version wrote inside a folder of photos, before outputs were marked (commit 874b7784):
a clinic opening a month-old folder had its `analyze` overlays, heat maps and masks, its `evaluate` plots and its
data set export's copies of the photos listed as cases to review. The folders below are written as those versions
wrote them (inference/outputs.py, inference/evaluation.py, annotations/formats/dataset.py of 874b7784^)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from PIL import Image

from annotations.workspace import Workspace
from annotations.workspace.scan import scan_images
from tests.dicom_files import fundus_rgb, write_dicom

PHOTOS = ["eye1.jpg", "eye2.jpg"]


def _picture(path: Path, mode: str = "RGB") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    channels = (24, 40, 3) if mode == "RGB" else (24, 40)
    Image.fromarray(np.full(channels, 90, np.uint8)).convert(mode).save(path)


def _photos(folder: Path) -> None:
    for name in PHOTOS:
        _picture(folder / name)


def _old_analysis(folder: Path) -> None:
    """`analyze photos --out photos/analysis --probabilities` as 874b7784^ wrote it: no marker, no summary."""
    for stem in ("eye1", "eye2"):
        _picture(folder / f"{stem}_mask.png", "P")
        _picture(folder / f"{stem}_overlay.png")
        _picture(folder / f"{stem}_cam.png")
        _picture(folder / f"{stem}_prob_MA.png", "L")
        files = {"mask": f"{stem}_mask.png", "overlay": f"{stem}_overlay.png", "cam": f"{stem}_cam.png",
                 "prob_MA": f"{stem}_prob_MA.png"}
        (folder / f"{stem}.json").write_text(json.dumps({
            "image": f"photos/{stem}.jpg", "image_size": {"width": 40, "height": 24}, "dr_grade": 0,
            "dr_grade_name": "No DR", "grade_probs": None, "grade_source": "rules", "referable": False,
            "referable_prob": None, "oct_probs": None, "quality": {}, "findings": [], "models": [],
            "learned_models_used": False, "notes": [], "timings_s": {}, "files": files,
            "created_at": "2026-11-25T09:12:00"}, indent=2) + "\n")


def _old_evaluation(folder: Path) -> None:
    for name in ("roc.png", "confusion_matrix.png"):
        _picture(folder / name)
    (folder / "evaluation.json").write_text(json.dumps({"task": "referable", "plots": ["roc.png",
                                                                                       "confusion_matrix.png"]}))


def _old_dataset(folder: Path) -> None:
    for stem in ("eye1", "eye2"):
        _picture(folder / "images" / f"{stem}.jpg")
        _picture(folder / "masks" / f"{stem}_HE.png", "L")
        _picture(folder / "masks_indexed" / f"{stem}.png", "P")
        (folder / "voc").mkdir(exist_ok=True)
        (folder / "voc" / f"{stem}.xml").write_text("<annotation/>")
    (folder / "grades.csv").write_text("Image name,Retinopathy grade,Risk of macular edema \neye1,0,0\neye2,1,0\n")
    (folder / "splits").mkdir()
    for split in ("train", "val", "test"):
        (folder / "splits" / f"{split}.txt").write_text("eye1\n" if split == "train" else "")
    (folder / "hard_negatives.json").write_text("{}")


def test_an_earlier_versions_analysis_evaluation_and_data_set_inside_the_photos_are_not_cases(tmp_path: Path) -> None:
    photos = tmp_path / "photos"
    _photos(photos)
    _old_analysis(photos / "analysis")
    _old_evaluation(photos / "evaluation")
    _old_dataset(photos / "export")
    assert scan_images(photos) == PHOTOS
    with Workspace.open(photos) as ws:  # as the window and the commands open it
        assert sorted(case.image_path for case in ws.cases()) == PHOTOS


def test_a_folder_with_a_photo_among_analysis_outputs_stays_listed(tmp_path: Path) -> None:
    """`analyze --out .` beside the photos, or a photo named like an output without its JSON: photos are not
    hidden on a guess."""
    photos = tmp_path / "photos"
    _photos(photos)
    _old_analysis(photos / "mixed")
    _picture(photos / "mixed" / "eye3.jpg")
    _old_analysis(photos / "camera")
    write_dicom(photos / "camera" / "IM0001", fundus_rgb())  # a camera's photo named without an extension
    _picture(photos / "named" / "left_cam.png")
    _picture(photos / "named" / "right_overlay.png")
    (photos / "named" / "left_cam.json").write_text("{}")  # labelme's file of left_cam.png: not an analysis
    listed = scan_images(photos)
    assert "mixed/eye3.jpg" in listed and "mixed/eye1_overlay.png" in listed and "camera/IM0001" in listed
    assert {"named/left_cam.png", "named/right_overlay.png"} <= set(listed)


def test_an_unfinished_data_set_export_is_not_taken_for_one(tmp_path: Path) -> None:
    """A data set export stopped before its shared files (written last) is not yet a data set: its images stay."""
    photos = tmp_path / "photos"
    _old_dataset(photos / "export")
    (photos / "export" / "hard_negatives.json").unlink()
    assert "export/images/eye1.jpg" in scan_images(photos)


def test_a_screenshot_is_not_written_into_an_earlier_versions_analysis(tmp_path: Path) -> None:
    """Skipped only while it holds outputs alone: `open --screenshot photos/analysis/w.png` was let through as
    into a marked folder, and the screenshot among the overlays had the scan list every one of them again."""
    from app.commands.open import photo_folder_holding

    photos = tmp_path / "photos"
    _photos(photos)
    _old_analysis(photos / "analysis")
    assert photo_folder_holding(photos / "analysis" / "w.png", [photos]) == photos.resolve()
