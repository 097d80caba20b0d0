"""The photos `evaluate boxes` scores, found without torch: the command refuses a folder with none before a model
loads (box_eval, which scores them, imports the pipeline and torch: some 4 s)."""
from __future__ import annotations

from pathlib import Path

from annotations.image_io import is_image_file
from inference import messages as msg
from inference.dataset import DataError, index_folder, is_held_out, require_data_folder


def held_out_ids(data_dir: Path) -> list[str]:
    """The stems of the held-out split in a VOC folder, for ``list_pairs(..., ids=...)``."""
    return [stem for stem, _, _ in list_pairs(data_dir) if is_held_out(stem)]


def split_ids(data_dir: Path, split: str) -> list[str] | None:
    """The stems `evaluate boxes --split` scores: the held-out split's for "test" (dataset.HELD_OUT_RULE), None
    (every pair) otherwise."""
    return held_out_ids(data_dir) if split == "test" else None


def list_pairs(data_dir: Path, ids: list[str] | None = None) -> list[tuple[str, Path, Path]]:
    """(stem, image, voc) for every image with a VOC file, as the training index finds them, sorted; ``ids`` keeps
    only those. DataError, as the commands say it, when the folder is missing or holds no such pair."""
    data_dir = Path(data_dir)
    require_data_folder(data_dir, msg.NO_BOX_FOLDER)
    try:
        samples = index_folder(data_dir)
    except DataError:
        if any(is_image_file(path) for path in data_dir.rglob("*")):
            raise  # a file the index cannot read: its message names it
        samples = {}  # no image at all: said below
    wanted = set(ids) if ids is not None else None
    pairs = sorted((s.name, s.image, s.voc) for s in samples.values()
                   if s.voc is not None and (wanted is None or s.name in wanted))
    if not pairs:
        raise DataError((msg.NO_VOC_PAIRS if wanted is None else msg.NO_VOC_PAIRS_AMONG_IDS).format(path=data_dir))
    return pairs
