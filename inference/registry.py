"""Where models live: the user's models folder first (it overrides), then the ones shipped in resources/models/.

Listing and finding models reads their cards only; torch is imported when a model is loaded, so the window lists
the installed models without it."""
from __future__ import annotations

import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import platformdirs

from annotations.wording import join_items, join_names
from inference import messages as msg
from inference.model_card import CARD_FILE, WEIGHTS_FILE, ModelCard, ModelError, load_card, model_files

if TYPE_CHECKING:
    import torch

    from inference.loading import LoadedModel, ModelSet

log = logging.getLogger(__name__)

APP_NAME = "RetinaReview"
MODELS_ENV = "RETINA_REVIEW_MODELS"
BUNDLED_MODELS = Path(__file__).resolve().parents[1] / "resources" / "models"


def user_models_dir() -> Path:
    """$RETINA_REVIEW_MODELS, else the platform's user data folder: ~/.local/share/RetinaReview/models on Linux
    ($XDG_DATA_HOME respected), ~/Library/Application Support/RetinaReview/models on macOS,
    %LOCALAPPDATA%\\RetinaReview\\models on Windows."""
    override = os.environ.get(MODELS_ENV)
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "models"


def install_model(model_dir: Path, name: str, models_dir: Path | None = None) -> Path:
    """Copy a model folder into ``models_dir/name`` (the user models folder by default; a free name): every file of
    it (its members' too: ``model_files``), then one rename, so the registry never sees a half-copied model. OSError
    when it cannot be written; ModelError when its card cannot be read (a model that loaded can be)."""
    files = model_files(model_dir, load_card(model_dir))  # before any folder is made: an unreadable card leaves none
    models_dir = models_dir if models_dir is not None else user_models_dir()
    models_dir.mkdir(parents=True, exist_ok=True)
    target, counter = models_dir / name, 2
    while target.exists():
        target, counter = models_dir / f"{name}-{counter}", counter + 1
    partial = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=models_dir))
    try:
        for source in files:
            copy = partial / source.relative_to(model_dir)
            copy.parent.mkdir(exist_ok=True)
            shutil.copyfile(source, copy)
        os.replace(partial, target)
    except OSError:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return target


def default_model_dirs() -> list[Path]:
    return [user_models_dir(), BUNDLED_MODELS]


@dataclass
class ModelEntry:
    """A model folder found on disk; ``problem`` is why its card is unusable (weights are checked on load)."""

    path: Path
    card: ModelCard | None
    problem: ModelError | None = None

    @property
    def error(self) -> str | None:
        """The problem's message ("PATH: reason — hint"), as shown."""
        return str(self.problem) if self.problem else None

    @property
    def name(self) -> str:
        return self.card.name if self.card else self.path.name


class ModelRegistry:
    def __init__(self, dirs: Sequence[str | os.PathLike] | None = None) -> None:
        self.dirs = [Path(d) for d in (default_model_dirs() if dirs is None else dirs)]

    @classmethod
    def bundled(cls) -> "ModelRegistry":
        """Only the models shipped with the program, as installed."""
        return cls([BUNDLED_MODELS])

    def entries(self) -> list[ModelEntry]:
        """Every model folder (one level below each models folder), in search order."""
        found = []
        for root in self.dirs:
            if not root.is_dir():
                continue
            for folder in sorted(p for p in root.iterdir() if (p / CARD_FILE).is_file()):
                try:
                    found.append(ModelEntry(folder, load_card(folder)))
                except ModelError as exc:
                    found.append(ModelEntry(folder, None, exc))
        return found

    def find(self, name_or_path: str | os.PathLike) -> Path:
        """A model folder or checkpoint file: an existing path as given, else a model's name or folder name."""
        candidate = Path(name_or_path).expanduser()
        if candidate.exists():
            if candidate.is_file() and candidate.name in (WEIGHTS_FILE, CARD_FILE):
                return candidate.parent
            return candidate
        name = str(name_or_path)
        for entry in self.entries():
            if name in (entry.path.name, entry.name):
                if entry.problem:
                    raise entry.problem  # names the card's path once
                return entry.path
        known = join_items(sorted({entry.name for entry in self.entries()})) or msg.NONE_INSTALLED
        searched = join_names([str(d) for d in self.dirs])
        raise ModelError(name, msg.NO_SUCH_MODEL, msg.KNOWN_MODELS.format(known=known, searched=searched))

    def load_model(self, name_or_path: str | os.PathLike, device: torch.device | str = "cpu",
                   checkpoint_architecture: str | None = None) -> LoadedModel:
        """An installed model (or a folder or checkpoint by path) loaded for inference: batch norms folded."""
        from inference.loading import CHECKPOINT_SUFFIXES, load_checkpoint, load_model_folder  # torch: loaded here

        path = self.find(name_or_path)
        if path.is_file():
            if path.suffix.lower() not in CHECKPOINT_SUFFIXES:
                raise ModelError(path, msg.NOT_MODEL_OR_CHECKPOINT, msg.GIVE_FOLDER_OR_CHECKPOINT.format(
                    weights=WEIGHTS_FILE, card=CARD_FILE, suffixes="/".join(CHECKPOINT_SUFFIXES)))
            if not checkpoint_architecture:
                raise ModelError(path, msg.PLAIN_CHECKPOINT, msg.GIVE_ARCH_EXAMPLE)
            return load_checkpoint(path, checkpoint_architecture, device, for_inference=True)
        return load_model_folder(path, device, for_inference=True)

    def load_set(self, names: Sequence[str | os.PathLike] = (), device: torch.device | str = "cpu",
                 checkpoint_architecture: str | None = None) -> ModelSet:
        """The named models, or with no names the first usable model of each task (broken ones are logged)."""
        from inference.loading import ModelSet, load_model_folder  # torch: loaded here

        if names:
            return ModelSet.from_models([self.load_model(n, device, checkpoint_architecture) for n in names])
        chosen: dict[str, LoadedModel] = {}
        for entry in self.entries():
            if entry.card is None or entry.card.task in chosen:
                if entry.error:
                    log.warning("skipping model %s", entry.error)
                continue
            try:
                chosen[entry.card.task] = load_model_folder(entry.path, device, for_inference=True)
            except ModelError as exc:
                log.warning("skipping model: %s", exc)
        return ModelSet(chosen)
