"""Going back after "Use the new model" in "Retrain from reviewed cases": what was in use before (the settings'
choice for the task, as it was, and the model that choice loaded), and setting the retrained model aside; a new model
the person did not use ("Keep the current one") is set aside there too (``keep_aside``), not discarded.

Installing never replaces a model (registry.install_model picks a free name), so the model used before is still
installed; going back restores the settings' choice. The retrained model is then moved into the models folder's
``set-aside`` folder rather than deleted: listed nowhere (the registry reads one level below a models folder), so
"first installed" finds the model used before again, and kept, so the person can move it back by hand. What was
replaced is kept in the settings (app.settings), so going back outlives the program; ``can_go_back`` says whether it
still makes sense then. Qt-free and torch-free (cards only)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from annotations.workspace.confined import ConfinedFolder
from inference.analysis_settings import AnalysisSettings
from inference.model_card import ModelError
from inference.model_plan import chosen_card
from inference.registry import ModelRegistry, install_model, user_models_dir
from inference.training.config import TASKS

SET_ASIDE = "set-aside"  # below the user models folder


@dataclass(frozen=True)
class Replaced:
    task: str  # seg | grade | referable
    choice: str  # the settings' model for the task before, as it was ("": the first installed)
    model: str  # the name of the model that choice loaded; "": none (the classical detector, the ICDR rules)
    installed: Path  # the retrained model's folder in the user models folder


def replaced(task: str, settings: AnalysisSettings, installed: Path) -> Replaced:
    """What ``installed`` replaces for ``task``, read before the settings name it."""
    card = chosen_card(TASKS[task], settings)
    return Replaced(task, settings.models.get(TASKS[task], ""), card.name if card is not None else "", installed)


def can_go_back(gone: Replaced, settings: AnalysisSettings, registry: ModelRegistry | None = None,
                models_dir: Path | None = None) -> bool:
    """Whether going back to what ``gone`` replaced still makes sense with ``settings`` (perhaps after a restart, the
    models folders changed by hand since): the retrained model is still installed in the models folder
    (installed_here) and still the settings' model for its task (set aside, it would be one not in use), and the
    model used before, if any, is still installed."""
    in_use = settings.models.get(TASKS[gone.task], "")
    if not installed_here(gone.installed, models_dir) or in_use != gone.installed.name:
        return False
    if not gone.model:  # the classical detector, the ICDR rules: always there
        return True
    try:
        return (registry or ModelRegistry()).find(gone.choice or gone.model) != gone.installed
    except ModelError:
        return False


def installed_here(folder: Path, models_dir: Path | None = None) -> bool:
    """Whether ``folder`` is a folder directly inside the models folder (not a link, whose name the move would take
    and not its model; not its set-aside folder): the only kind going back moves into set-aside. The settings file
    names the folder, and a hand-edited or another person's --settings file, or another RETINA_REVIEW_MODELS since,
    may name any folder on the disk."""
    try:
        parent = folder.parent.resolve(strict=True)
        models = (models_dir if models_dir is not None else user_models_dir()).resolve(strict=True)
    except (OSError, RuntimeError):  # gone, or a loop of links
        return False
    return (not folder.is_symlink() and folder.is_dir() and parent == models and folder.name != SET_ASIDE)


def set_aside(folder: Path, models_dir: Path | None = None) -> Path:
    """Move the installed model ``folder`` into the models folder's set-aside folder (a free name: one rename,
    nothing copied); where it went. OSError when it cannot be moved; annotations.workspace.confined.LinkRefused
    where the set-aside folder is a link (``aside_folder``)."""
    aside = aside_folder(models_dir)
    target, counter = aside / folder.name, 2
    while target.exists():
        target, counter = aside / f"{folder.name}-{counter}", counter + 1
    os.replace(folder, target)
    return target


def keep_aside(model_dir: Path, name: str, models_dir: Path | None = None) -> Path:
    """Copy the new model in ``model_dir`` (a retrain's work folder, perhaps on another disk) into the models folder's
    set-aside folder as ``name`` (a free name), its card, weights and members' files whole before one rename
    (registry.install_model); where it went, a model folder as any other: ``train --init-from`` and ``analyze
    --model`` take its path, and moved into the models folder it is listed in Settings. OSError when it cannot be
    written; LinkRefused where the set-aside folder is a link (``aside_folder``)."""
    return install_model(model_dir, name, aside_folder(models_dir))


def aside_path(models_dir: Path | None = None) -> Path:
    """Where the models folder's SET_ASIDE folder is (aside_folder makes it), as a question says it beforehand."""
    return (models_dir if models_dir is not None else user_models_dir()) / SET_ASIDE


def aside_folder(models_dir: Path | None = None) -> Path:
    """The models folder's SET_ASIDE folder, made where missing: a real folder inside the models folder, never a link
    (annotations.workspace.confined), which would take the models written there elsewhere."""
    folder = aside_path(models_dir)
    folder.parent.mkdir(parents=True, exist_ok=True)
    confined = ConfinedFolder(folder.parent)
    confined.mkdir(folder)
    return confined.check_own_folder(folder)
