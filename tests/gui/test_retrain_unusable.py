"""A retrained model that does not load is never offered for use: the dialog says why, naming its file, and only
keeping the current model is left (end to end on tiny generated cases, a DR grade model trained in seconds)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from app.settings import Settings
from inference.model_card import WEIGHTS_FILE
from tests.gui.test_retrain import TINY_CLS, run_through_dialog, setup  # noqa: F401  (setup: a fixture)


def test_a_new_model_that_does_not_load_is_not_offered(qtbot, setup, tmp_path: Path, monkeypatch) -> None:  # noqa: F811
    from inference.training import retrain

    trained = retrain.train_in_subprocess

    def train_then_damage(config: Any, *args: Any, **kwargs: Any) -> Any:
        card = trained(config, *args, **kwargs)
        (config.out / WEIGHTS_FILE).write_bytes(b"not weights")  # e.g. a disk that filled while it was saved
        return card

    monkeypatch.setattr(retrain, "train_in_subprocess", train_then_damage)
    controller = setup(6, dict(TINY_CLS, steps_per_epoch=2))
    dialog = run_through_dialog(qtbot, controller, 1, epochs=1)
    assert controller.outcome is not None, dialog.status_label.text()
    weights = controller.outcome.model_dir / WEIGHTS_FILE
    assert dialog.status_label.text().startswith("The training produced a model that cannot be loaded, so it cannot be "
                                                 "used: ")
    assert str(weights) in dialog.status_label.text()
    assert not dialog.use_button.isVisibleTo(dialog) and dialog.keep_button.isVisibleTo(dialog)
    assert controller.use_new_model() is None
    assert not any((tmp_path / "models").glob("*/model.json"))
    assert Settings.from_file(tmp_path / "settings.ini").load().models["dr-grade"] == ""
    dialog.keep_button.click()
    assert "Kept the current model" in dialog.status_label.text()
