"""Whether "Go back to NAME" still makes sense once the models folders or the settings changed (a restart between):
the retrained model still installed and in use, the model used before still installed; the classical detector and
the ICDR rules are always there."""
from __future__ import annotations

import shutil
from pathlib import Path

from inference.analysis_settings import AnalysisSettings
from inference.registry import ModelRegistry
from inference.training.retrain_going_back import Replaced, can_go_back
from tests.unit.test_inference_fixtures import saved_model, tiny_segmentation_card


def _installed(tmp_path: Path, *names: str) -> tuple[ModelRegistry, list[Path]]:
    return ModelRegistry([tmp_path]), [saved_model(tmp_path, tiny_segmentation_card(name)) for name in names]


def _in_use(model: str) -> AnalysisSettings:
    return AnalysisSettings(models={"lesion-segmentation": model})


def test_going_back_to_an_installed_model_or_to_no_model_makes_sense(tmp_path: Path) -> None:
    registry, (_, new) = _installed(tmp_path, "tiny-seg", "retrained-seg-1")
    assert can_go_back(Replaced("seg", "", "tiny-seg", new), _in_use("retrained-seg-1"), registry, tmp_path)
    assert can_go_back(Replaced("seg", "tiny-seg", "tiny-seg", new), _in_use("retrained-seg-1"), registry, tmp_path)
    assert can_go_back(Replaced("seg", "", "", new), _in_use("retrained-seg-1"), registry, tmp_path), \
        "the classical detector"


def test_not_once_the_model_used_before_was_removed(tmp_path: Path) -> None:
    registry, (before, new) = _installed(tmp_path, "tiny-seg", "retrained-seg-1")
    shutil.rmtree(before)
    assert not can_go_back(Replaced("seg", "", "tiny-seg", new), _in_use("retrained-seg-1"), registry, tmp_path)
    assert not can_go_back(Replaced("seg", "tiny-seg", "tiny-seg", new), _in_use("retrained-seg-1"), registry,
                           tmp_path)


def test_not_once_the_retrained_model_is_gone_or_no_longer_in_use(tmp_path: Path) -> None:
    registry, (_, new) = _installed(tmp_path, "tiny-seg", "retrained-seg-1")
    gone = Replaced("seg", "", "tiny-seg", new)
    assert not can_go_back(gone, _in_use("tiny-seg"), registry, tmp_path), "another chosen in Settings since"
    assert not can_go_back(gone, _in_use(""), registry, tmp_path)
    shutil.rmtree(new)
    assert not can_go_back(gone, _in_use("retrained-seg-1"), registry, tmp_path)


def test_never_for_a_folder_not_directly_in_the_models_folder(tmp_path: Path, monkeypatch) -> None:
    """The settings file names the folder going back moves into set-aside: a hand-edited or another's --settings
    file, or another RETINA_REVIEW_MODELS, may name one outside the models folder, which must stay where it is."""
    models, elsewhere = tmp_path / "models", tmp_path / "Documents"
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(models))
    registry, _ = _installed(models, "tiny-seg")
    outside = saved_model(elsewhere, tiny_segmentation_card("retrained-seg-1"))
    nested = saved_model(models / "old", tiny_segmentation_card("retrained-seg-1"))
    linked = models / "retrained-seg-1"
    linked.symlink_to(outside, target_is_directory=True)
    inner = saved_model(models, tiny_segmentation_card("retrained-seg-2"))
    (elsewhere / "link-in").symlink_to(inner, target_is_directory=True)  # the move would take the link, not the model
    (models / "set-aside").mkdir()
    for folder in (outside, nested, linked, elsewhere / "link-in", models / "set-aside"):
        gone = Replaced("seg", "", "", folder)  # back to the classical detector: only the folder decides
        assert not can_go_back(gone, _in_use(folder.name), registry), folder
    linked.unlink()
    inside = saved_model(models, tiny_segmentation_card("retrained-seg-1"))
    assert can_go_back(Replaced("seg", "", "", inside), _in_use("retrained-seg-1"), registry)
