"""Cancel inside segmentation: a lesion network stops between two of its layers, not at the end of its views (0.8 s
each on a 12 MP photo, two CPU cores), and a member network running beside it stops too; another thread running the
same module is not stopped by this job's Cancel."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import torch
from torch import nn

from annotations.progress import CallbackState, Cancelled
from inference.layer_cancel import cancel_between_layers
from inference.loading import load_model_folder
from inference.segmentation import segment
from tests.unit.test_class_members import composite
from tests.unit.test_inference_fixtures import loaded, synthetic_fundus, tiny_segmentation_card


def _layers(module: nn.Module) -> list[nn.Module]:
    return [layer for layer in module.modules() if not list(layer.children())]


def _cancelled_by_first_layer(module: nn.Module, state: CallbackState) -> list[str]:
    """The first layer cancels ``state`` when it has run; the layers that ran after that, as the list returned says
    ("first" where the first one ran again: a second view)."""
    layers = _layers(module)
    after: list[str] = []

    def ran(layer: nn.Module, _inputs: object, _output: object) -> None:
        if state.is_cancelled():
            after.append("first" if layer is layers[0] else type(layer).__name__)
        elif layer is layers[0]:
            state.cancel()

    for layer in layers:
        layer.register_forward_hook(ran)
    return after


def test_a_cancel_inside_a_view_stops_the_network_before_its_next_layer() -> None:
    card = tiny_segmentation_card()
    card.averaged_views = ["left-right", "up-down"]
    model = loaded(card)
    state = CallbackState()
    after = _cancelled_by_first_layer(model.module, state)
    with pytest.raises(Cancelled):
        segment(model, synthetic_fundus(96, 80), state=state)
    assert after == []  # neither the rest of the first view nor the second ran
    assert not model.module._forward_pre_hooks  # the checks go with the run


def test_a_cancel_stops_a_member_running_beside_the_model(tmp_path: Path) -> None:
    model = load_model_folder(composite(tmp_path), for_inference=True)
    state = CallbackState()
    after = _cancelled_by_first_layer(model.members["exudates"].module, state)
    with ThreadPoolExecutor(1, thread_name_prefix="beside") as beside, pytest.raises(Cancelled):
        segment(model, synthetic_fundus(96, 80), state=state, beside=beside)
    assert after == []


def test_another_thread_running_the_module_is_not_stopped_by_this_ones_cancel() -> None:
    model = loaded(tiny_segmentation_card())
    state = CallbackState()
    state.cancel()
    batch = torch.rand(1, 3, 64, 64)
    answers: list[torch.Tensor] = []
    with torch.inference_mode(), cancel_between_layers(model.module, state):
        worker = threading.Thread(target=lambda: answers.append(model.module(batch)))
        worker.start()
        worker.join()
        with pytest.raises(Cancelled):
            model.module(batch)
    assert len(answers) == 1


def test_a_cancel_while_candidates_are_found_beside_stops_them_before_they_are_scored(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import inference.lesion_candidates.detector as detector
    from inference.loading import ModelSet
    from inference.pipeline import analyze
    from tests.unit.test_lesion_candidates import LARGE, fundus_with_dots, saved_candidates_model

    state = CallbackState()

    def found_then_cancelled(*args: object) -> object:
        found = photo_candidates(*args)
        state.cancel()
        return found

    photo_candidates = detector.photo_candidates
    monkeypatch.setattr(detector, "photo_candidates", found_then_cancelled)
    model = load_model_folder(saved_candidates_model(tmp_path / "m", 5.0), for_inference=True)
    scored: list[int] = []
    model.module.register_forward_hook(lambda *_: scored.append(1))
    with pytest.raises(Cancelled):
        analyze([fundus_with_dots(LARGE)], ModelSet.from_models([model]), state, "cpu")
    assert scored == []


def test_a_cancel_while_one_candidates_model_draws_stops_before_the_next(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from concurrent.futures import wait

    from inference.loading import ModelSet
    from inference.pipeline import _ImageRun, analyze
    from tests.unit.test_dark_regions import saved_region_model
    from tests.unit.test_lesion_candidates import LARGE, fundus_with_dots, saved_candidates_model

    state = CallbackState()
    drawn: list[str] = []
    draw = _ImageRun._draw_candidates

    def drawn_then_cancelled(run: _ImageRun, card: object, *args: object) -> None:
        draw(run, card, *args)
        drawn.append(card.name)
        wait(run._found.values())  # both found beside already: only the check between the two can stop the next
        state.cancel()

    monkeypatch.setattr(_ImageRun, "_draw_candidates", drawn_then_cancelled)
    models = [load_model_folder(saved(tmp_path / name, 5.0), for_inference=True)
              for saved, name in ((saved_candidates_model, "ma"), (saved_region_model, "he"))]
    with pytest.raises(Cancelled):
        analyze([fundus_with_dots(LARGE)], ModelSet.from_models(models), state, "cpu")
    assert len(drawn) == 1
