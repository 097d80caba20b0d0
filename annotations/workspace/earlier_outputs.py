"""Output folders that versions before the outputs marker (output_folder.OUTPUTS_MARKER) wrote, told by their names
alone (no picture is read), for scan.skipped_folder to skip as it skips a marked one: a clinic's month-old
``analysis/`` or ``export/`` inside its folder of photos had its overlays, heat maps and masks (or its data set's
copies of the photos) listed as cases.

What those versions always wrote beside their images says whose they are:
- ``analyze --out``: ``STEM.json`` with ``STEM_mask.png``, ``STEM_overlay.png``/``.jpg``, ``STEM_cam.png``/``.jpg``,
  ``STEM_prob_CLASS.png``; ``evaluate --out``: ``evaluation.json`` with its plots. Such a folder is skipped only
  where every image in it is one of those, with its JSON beside it: a photo among them keeps it listed.
- ``export --format dataset``: ``images/`` beside the data set's shared files (dataset.SHARED_FILES: grades, splits
  and hard negatives, written last), so a cancelled export, whose copies are not yet a data set, is not one.
"""
from __future__ import annotations

import os

from annotations.formats.dataset import SHARED_FILES
from annotations.image_io import IMAGE_EXTENSIONS, is_case_image

ANALYSIS_KINDS = ("mask", "overlay", "cam")  # STEM_KIND.EXT; and STEM_prob_CLASS.png
PROBABILITY = "_prob_"
EVALUATION_FILE = "evaluation.json"
EVALUATION_PLOTS = frozenset({"precision_recall.png", "roc.png", "confusion_matrix.png"})
DATASET_IMAGES = "images"  # the data set's copies of the photos (dataset.CASE_FOLDERS)


def earlier_outputs(folder: str | os.PathLike) -> bool:
    """Whether ``folder`` holds what an analysis, evaluation or data set export wrote before outputs were marked."""
    if os.path.isdir(os.path.join(folder, DATASET_IMAGES)) and \
            all(os.path.isfile(os.path.join(folder, name)) for name in SHARED_FILES):
        return True
    try:
        names = set(os.listdir(folder))
    except OSError:  # the scan's walk says what it cannot read
        return False
    if not any(name.endswith(".json") for name in names):  # a folder of photos: none of its files' headers read
        return False
    outputs = {name for name in names if _written_beside(name, names)}
    # any other file is looked at as the walk looks at it (an extensionless DICOM by its header): a photo keeps it
    return bool(outputs) and not any(is_case_image(os.path.join(folder, name)) for name in names - outputs
                                     if not name.startswith("."))


def _written_beside(image: str, names: set[str]) -> bool:
    """Whether ``image`` is named as an analysis or evaluation output whose JSON is among ``names``."""
    stem, suffix = os.path.splitext(image)
    if suffix.lower() not in IMAGE_EXTENSIONS:
        return False
    if image in EVALUATION_PLOTS:
        return EVALUATION_FILE in names
    for kind in ANALYSIS_KINDS:
        if stem.endswith(f"_{kind}") and f"{stem[:-len(kind) - 1]}.json" in names:
            return True
    return PROBABILITY in stem and f"{stem.rsplit(PROBABILITY, 1)[0]}.json" in names
