"""`train --init-from MODEL`: an installed model's name is looked up as `analyze --model` and `evaluate --model` look
it up (it exited 2 with "MODEL/model.json: model card not found"), and a member network the base drew a class with
(card ``class_members``), which the fine-tuned model does without, is said by the run and recorded in its card."""
from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from inference.model_card import load_card
from inference.registry import MODELS_ENV
from tests.unit.test_class_members import composite
from tests.unit.test_training_fixtures import write_mask_set
from tests.unit.test_training_out_folder import QUICK


def test_an_installed_models_name_is_fine_tuned_and_its_dropped_member_is_said(tmp_path: Path, capsys,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    installed = composite(tmp_path / "models")  # "parent": EX drawn by its member network "exudates"
    monkeypatch.setenv(MODELS_ENV, str(tmp_path / "models"))
    data, out = write_mask_set(tmp_path / "data"), tmp_path / "tuned"
    assert main(["train", "seg", "--data", str(data), "--out", str(out), "--init-from", "parent", "--cache-dir",
                 str(tmp_path / "c"), *QUICK]) == 0
    note = ("The new model draws EX with its own network alone: parent drew them with the help of its member network "
            "(exudates), chosen for that model's network and not carried over")
    assert f"note: {note}" in capsys.readouterr().out
    card = load_card(out)
    assert card.class_members == {} and card.training["init_from"]["folder"] == str(installed.resolve())
    assert card.training["init_from"]["members_dropped"] == {"EX": "exudates"}


def test_a_name_no_model_has_is_refused_naming_the_installed_ones(tmp_path: Path, capsys,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    composite(tmp_path / "models")
    monkeypatch.setenv(MODELS_ENV, str(tmp_path / "models"))
    data = write_mask_set(tmp_path / "data")
    assert main(["train", "seg", "--data", str(data), "--out", str(tmp_path / "m"), "--init-from", "idrid-lesion",
                 *QUICK]) == 2
    said = capsys.readouterr().err
    assert "error: idrid-lesion: no such model — known models: " in said and "parent" in said
