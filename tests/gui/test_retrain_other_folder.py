"""A new model waiting for "Use the new model / Keep the current one" outlives the folder it learned from (it can
still be used: a model is not the folder's): once another folder, or none, is open, its comparison names the folder
whose cases it learned from and was scored on; back on that folder it says nothing more."""
from __future__ import annotations

from pathlib import Path

from PIL import Image

from annotations.workspace import Workspace
from inference.training.retrain_results import ModelScore, RetrainOutcome
from tests.gui.retrain_controllers import retrain_controller


def folder_of_photos(folder: Path) -> Path:
    folder.mkdir()
    Image.new("RGB", (32, 32)).save(folder / "eye.png")
    Workspace.open(folder).close()
    return folder


def test_a_waiting_comparison_names_its_folder_once_another_is_open(qtbot, tmp_path: Path) -> None:
    first, second = folder_of_photos(tmp_path / "clinic A"), folder_of_photos(tmp_path / "clinic B")
    with retrain_controller(tmp_path) as controller:
        cases = controller.cases
        assert cases.open_workspace(first)
        cases.flush()
        dialog = controller.open_dialog()
        qtbot.addWidget(dialog)
        controller._on_finished(RetrainOutcome("grade", tmp_path / "work", "test", ["eye"],
                                               ModelScore("grader 1", {"accuracy": 0.6, "images": 1}),
                                               ModelScore("new", {"accuracy": 0.7, "images": 1}), [], folder=first))
        assert not dialog.folder_label.isVisibleTo(dialog)  # the open folder's own comparison
        assert cases.open_workspace(second)
        cases.flush()
        qtbot.waitUntil(lambda: cases.workspace is not None and cases.workspace.folder == second)
        assert controller.outcome is not None and dialog.use_button.isVisibleTo(dialog)
        assert dialog.folder_label.isVisibleTo(dialog)
        assert dialog.folder_label.text() == (f"This comparison comes from the cases of {first}, not from the folder "
                                              f"open now: the new model learned from them.")
        assert cases.open_workspace(first)
        cases.flush()
        qtbot.waitUntil(lambda: cases.workspace is not None and cases.workspace.folder == first)
        assert not dialog.folder_label.isVisibleTo(dialog)
