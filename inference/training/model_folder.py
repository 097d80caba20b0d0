"""Where a training run may write its model (``--out``): never among files that are not a model's.

The model's files (card, weights, checkpoint) went into whatever folder was given: beside a clinic's photos, or into
the training data itself, where the next export or training run reads them as data. Evaluate keeps its plots out of
the data folder the same way (annotations.output_folder: ``photo_folders``)."""
from __future__ import annotations

from pathlib import Path

from annotations.atomic import is_temp_file_of
from annotations.file_manager_files import is_file_managers
from annotations.output_folder import OutputError, is_inside
from inference.model_card import CARD_FILE, WEIGHTS_FILE, ModelError, load_card
from inference.training import messages as msg
from inference.training.checkpoint import CHECKPOINT_DIR


def refuse_foreign_folder(out: Path, data: Path) -> None:
    """OutputError when ``out`` is the data folder or inside it, or an existing folder holding anything but a model's
    files: its card and weights, its members' folders, an unfinished run's checkpoint, a killed write's temp file (a
    file manager's .DS_Store or Thumbs.db beside them is no person's either). A new or empty folder passes, as does
    an earlier model's (replaced or continued as refuse_early allows)."""
    if is_inside(out, data):
        raise OutputError(out, msg.OUT_IN_DATA.format(data=data), msg.MODEL_FOLDER)
    if not out.is_dir():
        return
    own = {CARD_FILE, WEIGHTS_FILE, CHECKPOINT_DIR, *_member_folders(out)}
    others = sorted(entry.name for entry in out.iterdir() if entry.name not in own and not is_file_managers(entry.name)
                    and not any(is_temp_file_of(entry.name, name) for name in (CARD_FILE, WEIGHTS_FILE)))
    if others:
        raise OutputError(out, msg.OUT_HOLDS_OTHERS.format(count=len(others), first=others[0]), msg.MODEL_FOLDER)


def _member_folders(folder: Path) -> list[str]:
    """The member networks' sub-folders of the model in ``folder`` (none when it holds no readable card)."""
    try:
        return load_card(folder).member_folders if (folder / CARD_FILE).is_file() else []
    except ModelError:
        return []
