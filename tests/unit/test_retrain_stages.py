"""What the retrain run does between training and the comparison: a Cancel pressed while training ended or the new
model was checked stops it there (loading the current models and scoring both take minutes), and loading the
current models has its own stage text."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from annotations.progress import CallbackState, Cancelled
from inference.training import retrain
from inference.training.retrain_export import Exported
from inference.training.retrain_results import LOADING_CURRENT, ModelScore, RetrainRequest


def request(tmp_path: Path) -> RetrainRequest:
    return RetrainRequest(workspace=SimpleNamespace(folder=tmp_path), case_ids=[],  # type: ignore[arg-type]
                          task="grade", work_dir=tmp_path,
                          epochs=1, size=64, training={"encoder": "resnet18"})


def test_a_cancel_during_the_new_models_check_stops_before_the_comparison(tmp_path: Path, monkeypatch) -> None:
    state = CallbackState()
    monkeypatch.setattr(retrain, "train_in_subprocess", lambda *_, **__: SimpleNamespace())

    def checked(folder: Path) -> tuple[Any, str]:
        state.cancel()  # pressed while the model loads: the check itself does not look
        return None, ""

    monkeypatch.setattr(retrain, "checked_new_model", checked)
    monkeypatch.setattr(retrain, "load_index", lambda *_: pytest.fail("the comparison started after Cancel"))
    with pytest.raises(Cancelled):
        retrain.train_and_score(request(tmp_path), Exported(tmp_path / "data", []), state)


def test_loading_the_current_models_for_the_comparison_is_its_own_stage(tmp_path: Path, monkeypatch) -> None:
    said: list[str] = []
    card = SimpleNamespace(name="new", metrics={"accuracy": 0.7}, classes=["0", "1"],
                           training={"history": [], "notes": [],
                                     "split": {"sizes": {"train": 50}, "learned_from": 50, "held_out": "test",
                                               "held_out_names": []}})
    monkeypatch.setattr(retrain, "train_in_subprocess", lambda *_, **__: card)
    monkeypatch.setattr(retrain, "checked_new_model", lambda folder: (None, ""))
    monkeypatch.setattr(retrain, "load_index", lambda *_: SimpleNamespace(notes=[]))
    monkeypatch.setattr(retrain, "held_out", lambda index, split: (split, []))

    def score_current(*_: Any) -> ModelScore:
        said.append("scored")
        return ModelScore("current", {"accuracy": 0.6})

    monkeypatch.setattr(retrain, "score_current", score_current)
    retrain.train_and_score(request(tmp_path), Exported(tmp_path / "data", []),
                            CallbackState(lambda fraction, message: said.append(message)))
    assert said[-3:] == [LOADING_CURRENT, "scored", "retraining done"]


def test_one_image_prepared_is_said_in_the_singular() -> None:
    from inference.training.prepared_items import prepared_words

    assert prepared_words(1, 0) == "1 image prepared (0 from the cache)"
    assert prepared_words(4, 1) == "4 images prepared (1 from the cache)"


def test_the_run_prepares_its_images_in_its_work_folder(tmp_path: Path, monkeypatch) -> None:
    """The prepared images go with the work folder, not into the user's cache, where copies of a clinic's photos
    stayed, keyed by paths no later run has."""
    configs: list[Any] = []

    def train(config: Any, *_: Any, **__: Any) -> None:
        configs.append(config)
        raise Cancelled()  # enough: the configuration is what is looked at

    monkeypatch.setattr(retrain, "train_in_subprocess", train)
    with pytest.raises(Cancelled):
        retrain.train_and_score(request(tmp_path / "work"), Exported(tmp_path / "data", []), CallbackState())
    assert configs[0].cache_dir == tmp_path / "work" / "cache"


def test_the_new_models_limits_name_the_folder_of_the_cases_it_learned_from(tmp_path: Path, monkeypatch) -> None:
    """The About dialog shows a model's limits: a retrained one's said "Trained on data only", its work folder's
    export, deleted once the person chose; its card's licence asked for a --licence the window has not."""
    from inference.training.card import data_limits

    configs: list[Any] = []

    def train(config: Any, *_: Any, **__: Any) -> None:
        configs.append(config)
        raise Cancelled()

    monkeypatch.setattr(retrain, "train_in_subprocess", train)
    with pytest.raises(Cancelled):
        retrain.train_and_score(request(tmp_path / "clinic photos"), Exported(tmp_path / "work" / "data", []),
                                CallbackState())
    assert data_limits(configs[0]).startswith("Trained on the reviewed cases of clinic photos only; check the ")
    assert configs[0].licence == retrain.CLINIC_DATA_LICENCE  # not "unknown: pass --licence when training"
    assert configs[0].data_origin == str(tmp_path / "clinic photos")  # the card's training.data, not the export
