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
    assert can_go_back(Replaced("seg", "", "tiny-seg", new), _in_use("retrained-seg-1"), registry)
    assert can_go_back(Replaced("seg", "tiny-seg", "tiny-seg", new), _in_use("retrained-seg-1"), registry)
    assert can_go_back(Replaced("seg", "", "", new), _in_use("retrained-seg-1"), registry), "the classical detector"


def test_not_once_the_model_used_before_was_removed(tmp_path: Path) -> None:
    registry, (before, new) = _installed(tmp_path, "tiny-seg", "retrained-seg-1")
    shutil.rmtree(before)
    assert not can_go_back(Replaced("seg", "", "tiny-seg", new), _in_use("retrained-seg-1"), registry)
    assert not can_go_back(Replaced("seg", "tiny-seg", "tiny-seg", new), _in_use("retrained-seg-1"), registry)


def test_not_once_the_retrained_model_is_gone_or_no_longer_in_use(tmp_path: Path) -> None:
    registry, (_, new) = _installed(tmp_path, "tiny-seg", "retrained-seg-1")
    gone = Replaced("seg", "", "tiny-seg", new)
    assert not can_go_back(gone, _in_use("tiny-seg"), registry), "another chosen in Settings since"
    assert not can_go_back(gone, _in_use(""), registry)
    shutil.rmtree(new)
    assert not can_go_back(gone, _in_use("retrained-seg-1"), registry)
