"""A lesion model folder whose card gives some classes to member networks in sub-folders (``class_members``): the
card's rules, the load's checks, the member's channel in place of the model's, and what else sees the folder."""
from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
from safetensors.torch import save_file

from annotations.classes import LesionClass
from annotations.progress import CallbackState
from inference.loading import load_model_folder
from inference.model_card import (BACKGROUND, CARD_FILE, WEIGHTS_FILE, ModelCard, ModelError, file_sha256, load_card,
                                  model_files, save_model_folder)
from inference.models import build_model
from inference.registry import ModelRegistry, install_model
from inference.segmentation import onto_threshold, segment
from inference.training import ship_member
from tests.unit.test_inference_fixtures import synthetic_fundus, tiny_segmentation_card

PARENT_BIAS = [0.0, 0.0, 0.0, 0.0, 0.0]  # softmax: 0.2 for every class everywhere
MEMBER_BIAS = [0.0, 3.0]  # background, EX: EX 0.953 everywhere
MEMBER_EX = float(np.exp(3.0) / (1 + np.exp(3.0)))


def _constant_state(card: ModelCard, biases: list[float]) -> dict[str, torch.Tensor]:
    """Weights whose every output pixel is softmax(``biases``): the head's weights zero."""
    torch.manual_seed(0)
    state = build_model(card).state_dict()
    weight = next(key for key in state if key.startswith("segmentation_head.") and key.endswith("weight"))
    state[weight] = torch.zeros_like(state[weight])
    state[weight.replace("weight", "bias")] = torch.tensor(biases)
    return state


def member_card(size: int = 64) -> ModelCard:
    card = tiny_segmentation_card("exudates", classes=[BACKGROUND, "EX"], size=size)
    card.preprocessing.clahe, card.averaged_views = True, ["left-right"]  # its own preprocessing and views
    card.thresholds = {"EX": 0.9}
    return card


def composite(root: Path, member: ModelCard | None = None, classes: dict[str, str] | None = None) -> Path:
    """A parent drawing 0.2 everywhere with a member ``exudates`` drawing EX at 0.953."""
    member = member or member_card()
    save_model_folder(root / "parent" / "exudates", _constant_state(member, MEMBER_BIAS), member)
    card = tiny_segmentation_card("parent")
    card.class_members, card.member_sha256 = classes or {"EX": "exudates"}, {"exudates": member.sha256}
    card.thresholds = {"EX": 0.9, "HE": 0.15}
    return save_model_folder(root / "parent", _constant_state(card, PARENT_BIAS), card)


def _card_data(**changes: Any) -> dict[str, Any]:
    data = {"name": "m", "task": "lesion-segmentation", "architecture": "unet", "encoder": "resnet18",
            "classes": [BACKGROUND, "MA", "HE", "EX", "SE"], "class_members": {"EX": "exudates"},
            "member_sha256": {"exudates": "ab" * 32}}
    return {**data, **changes}


def test_a_card_gives_only_its_own_pixel_classes_to_pinned_plain_sub_folders() -> None:
    assert ModelCard.from_dict(_card_data()).class_members == {"EX": "exudates"}
    assert ModelCard.from_dict(_card_data(member_levels={"EX": [0.1, 0.3]}, thresholds={"EX": 0.3})).member_levels
    for changes, problem in (({"classes": [BACKGROUND, "EX", "OD"], "class_members": {"OD": "exudates"}},
                              "class_members"),  # the disc is not a lesion class a member may draw
                             ({"class_members": {"background": "exudates"}}, "class_members"),
                             ({"classical_classes": ["EX"]}, "class_members"),
                             ({"mask_mode": "gate-classical"}, "class_members"),
                             ({"task": "optic-disc", "classes": [BACKGROUND, "EX", "OD"]}, "class_members"),
                             ({"class_members": {"EX": "../elsewhere"}, "member_sha256": {"../elsewhere": "ab"}},
                              "class_members"),
                             ({"member_sha256": {}}, "member_sha256"),
                             ({"member_sha256": {"exudates": "ab", "other": "cd"}}, "member_sha256"),
                             ({"class_members": ["EX"]}, "class_members must map"),
                             ({"member_sha256": {"exudates": 1}}, "member_sha256 must map"),
                             ({"class_members": {}, "member_sha256": {}, "member_min_field": 1202},
                              "member_min_field and members_averaged need"),
                             ({"class_members": {}, "member_sha256": {}, "members_averaged": True},
                              "member_min_field and members_averaged need"),
                             ({"member_levels": {"EX": [0.1, 0.3]}, "thresholds": {"EX": 0.4}}, "member_levels"),
                             ({"member_levels": {"EX": [1.0, 0.3]}, "thresholds": {"EX": 0.3}}, "member_levels")):
        with pytest.raises(ModelError, match=problem):
            ModelCard.from_dict(_card_data(**changes))


def test_segment_takes_the_members_channel_for_its_class_and_the_models_for_the_rest(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import inference.segmentation
    from inference.segmentation import predict_probabilities, prepare

    model = load_model_folder(composite(tmp_path), for_inference=True)
    assert list(model.members) == ["exudates"] and model.members["exudates"].card.preprocessing.clahe
    seen: list[tuple[str, ModelCard]] = []  # each network's input prepared and run by its own card
    monkeypatch.setattr(inference.segmentation, "prepare",
                        lambda image, card, *a, **k: seen.append(("prepare", card)) or prepare(image, card, *a, **k))
    monkeypatch.setattr(inference.segmentation, "predict_probabilities", lambda module, batch, card: seen.append(
        ("predict", card)) or predict_probabilities(module, batch, card))
    result = segment(model, synthetic_fundus(96, 80))
    assert [(step, card.name) for step, card in seen] == [("prepare", "parent"), ("predict", "parent"),
                                                          ("prepare", "exudates"), ("predict", "exudates")]
    inside = result.prepared.transform
    (ox, oy), (width, height) = inside.offset, inside.resized
    content = result.probabilities[:, oy:oy + height, ox:ox + width]
    ex, he = result.card.classes.index("EX"), result.card.classes.index("HE")
    assert np.allclose(content[ex], MEMBER_EX, atol=1e-4) and np.allclose(content[he], 0.2, atol=1e-4)
    bits = result.mask_bits()  # the parent card's thresholds: EX 0.9 (met), HE 0.15 (met), MA 0.5 (not)
    fov = result.prepared.fov.mask
    assert (bits[fov] & LesionClass.EX.bit).all() and (bits[fov] & LesionClass.HE.bit).all()
    assert not (bits & LesionClass.MA.bit).any()


def test_members_run_on_the_executor_beside_the_model_with_the_same_result(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The analysis runs a member's network on a second thread while the model's runs (docs/models.md, "Speed"):
    the member's pass is made there, the model's here, and the probabilities are those of a run in turn."""
    import threading

    import inference.segmentation
    from inference.segmentation import predict_probabilities

    model = load_model_folder(composite(tmp_path), for_inference=True)
    image = synthetic_fundus(96, 80)
    in_turn = segment(model, image)
    threads: dict[str, str] = {}
    monkeypatch.setattr(inference.segmentation, "predict_probabilities", lambda module, batch, card: threads.update(
        {card.name: threading.current_thread().name}) or predict_probabilities(module, batch, card))
    with ThreadPoolExecutor(1, thread_name_prefix="beside") as beside:
        together = segment(model, image, beside=beside)
    assert threads == {"parent": threading.current_thread().name, "exudates": threads["exudates"]}
    assert threads["exudates"].startswith("beside")
    assert np.array_equal(together.probabilities, in_turn.probabilities)
    assert np.array_equal(together.members["exudates"].probabilities, in_turn.members["exudates"].probabilities)


def test_members_keep_off_photos_whose_field_is_smaller_than_the_card_asks(tmp_path: Path) -> None:
    """A member measured to misdraw on small photos (the CLAHE network's exudates on CODRAS's 1024 px photos) leaves
    them to the model's own channel; on photos as large as the card asks it draws."""
    folder = composite(tmp_path)
    card = load_card(folder)
    card.member_min_field = 97  # the synthetic photo's field is under 96 px across
    (folder / CARD_FILE).write_text(card.to_json())
    ex = card.classes.index("EX")
    small = segment(load_model_folder(folder), synthetic_fundus(96, 80))
    assert np.isclose(small.probabilities[ex].max(), 0.2, atol=1e-4)
    larger = segment(load_model_folder(folder), synthetic_fundus(160, 140))
    assert np.isclose(larger.probabilities[ex].max(), MEMBER_EX, atol=1e-4)
    with pytest.raises(ModelError, match="member_min_field"):
        ModelCard.from_dict(_card_data(member_min_field=-1))


def test_a_members_map_is_moved_so_that_its_own_cut_falls_on_the_cards(tmp_path: Path) -> None:
    """The member's EX 0.953 everywhere, its own cut 0.99 (so nothing), the card's 0.9: mapped, still below the cut;
    with its own cut 0.5, mapped above. AUPR is kept: the mapping keeps the pixels' order."""
    folder = composite(tmp_path)
    card = load_card(folder)
    ex = card.classes.index("EX")
    for own, expected, drawn in ((0.99, 0.9 * MEMBER_EX / 0.99, False),
                                 (0.5, 0.9 + (MEMBER_EX - 0.5) * 0.1 / 0.5, True)):
        card.member_levels = {"EX": [own, 0.9]}
        (folder / CARD_FILE).write_text(card.to_json())
        result = segment(load_model_folder(folder), synthetic_fundus(96, 80))
        assert np.isclose(result.probabilities[ex].max(), expected, atol=1e-4)
        assert bool((result.mask_bits() & LesionClass.EX.bit).any()) == drawn
    assert np.array_equal(onto_threshold(np.array([0.0, 0.05, 0.1, 0.55, 1.0]), 0.1, 0.3),
                          np.array([0.0, 0.15, 0.3, 0.65, 1.0], np.float32))
    with pytest.raises(ModelError, match="member_levels"):
        ModelCard.from_dict(_card_data(member_levels={"EX": [0.1, 1.0]}))


def test_an_averaging_card_draws_the_mean_of_the_members_map_and_its_own(tmp_path: Path) -> None:
    folder = composite(tmp_path)
    card = load_card(folder)
    card.members_averaged = True
    (folder / CARD_FILE).write_text(card.to_json())
    result = segment(load_model_folder(folder), synthetic_fundus(96, 80))
    ex, he = result.card.classes.index("EX"), result.card.classes.index("HE")
    assert np.isclose(result.probabilities[ex].max(), (MEMBER_EX + 0.2) / 2, atol=1e-4)
    assert np.isclose(result.probabilities[he].max(), 0.2, atol=1e-4)  # a class the member does not draw
    with pytest.raises(ModelError, match="members_averaged"):
        ModelCard.from_dict(_card_data(members_averaged="yes"))


def test_segment_tiles_the_member_too(tmp_path: Path) -> None:
    """Each network's tiles move the progress bar over its share, never back."""
    model = load_model_folder(composite(tmp_path))
    seen: list[float] = []
    result = segment(model, synthetic_fundus(96, 80), tiled=True,
                     state=CallbackState(lambda fraction, _: seen.append(fraction)))
    assert seen == sorted(seen) and seen[-1] == pytest.approx(1.0) and any(0.4 < f < 0.6 for f in seen)
    ex = result.card.classes.index("EX")
    assert np.isclose(result.probabilities[ex].max(), MEMBER_EX, atol=1e-4)


def test_loading_moves_members_with_the_model(tmp_path: Path) -> None:
    """LoadedModel.to moves the members too (here: into the channels_last layout every load asks for)."""
    model = load_model_folder(composite(tmp_path))
    head = model.members["exudates"].module.segmentation_head[0].weight
    assert head.is_contiguous(memory_format=torch.channels_last) and not head.is_contiguous()


def test_loading_refuses_a_swapped_member(tmp_path: Path) -> None:
    folder = composite(tmp_path)
    other = member_card()
    save_model_folder(folder / "exudates", _constant_state(other, [0.0, -3.0]), other)  # a sound folder, not pinned
    with pytest.raises(ModelError, match="not the member") as refused:
        load_model_folder(folder)
    assert str(folder / "exudates" / WEIGHTS_FILE) in str(refused.value)


@pytest.mark.parametrize("unfit", ["size", "class", "crop", "members"])
def test_loading_refuses_a_member_that_cannot_draw_its_class_in_place(tmp_path: Path, unfit: str) -> None:
    member = member_card(size=96 if unfit == "size" else 64)
    if unfit == "class":
        member.classes, member.thresholds = [BACKGROUND, "HE"], {}
    if unfit == "crop":
        member.preprocessing.crop_fov = False
    folder = composite(tmp_path, member)
    if unfit == "members":  # a member of a member
        card = load_card(folder / "exudates")
        card.class_members, card.member_sha256 = {"EX": "inner"}, {"inner": card.sha256}
        (folder / "exudates" / CARD_FILE).write_text(card.to_json())
    with pytest.raises(ModelError, match="cannot draw EX") as refused:
        load_model_folder(folder)
    assert str(folder / "exudates" / CARD_FILE) in str(refused.value)


def test_a_member_is_not_listed_as_a_model_and_its_files_count_for_the_model(tmp_path: Path) -> None:
    folder = composite(tmp_path)
    assert [entry.path for entry in ModelRegistry([tmp_path]).entries()] == [folder]
    files = model_files(folder, load_card(folder))
    assert folder / "exudates" / WEIGHTS_FILE in files and folder / "exudates" / CARD_FILE in files


def test_installing_a_composite_copies_its_members_too(tmp_path: Path) -> None:
    installed = install_model(composite(tmp_path / "work"), "parent", tmp_path / "models")
    loaded = ModelRegistry([tmp_path / "models"]).load_model("parent")
    assert loaded.path == installed and list(loaded.members) == ["exudates"]
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / CARD_FILE).write_text("not json")
    with pytest.raises(ModelError):
        install_model(damaged, "damaged", tmp_path / "models")
    assert sorted(path.name for path in (tmp_path / "models").iterdir()) == ["parent"]  # no half-made folder left


def test_a_stored_result_is_stale_once_the_models_members_change(tmp_path: Path) -> None:
    from inference.model_plan import made_by_planned_models

    card = load_card(composite(tmp_path))
    swapped = ModelCard.from_dict({**json.loads(card.to_json()), "member_sha256": {"exudates": "cd" * 32}})
    smaller = ModelCard.from_dict({**json.loads(card.to_json()), "member_min_field": 1000})
    leveled = ModelCard.from_dict({**json.loads(card.to_json()), "member_levels": {"EX": [0.1, 0.9]}})
    averaged = ModelCard.from_dict({**json.loads(card.to_json()), "members_averaged": True})
    alone = ModelCard.from_dict({**json.loads(card.to_json()), "class_members": {}, "member_sha256": {}})

    def current(stored: ModelCard, planned: ModelCard) -> bool:
        return made_by_planned_models([stored.summary()], {"lesion-segmentation": planned.summary()}, False,
                                      lambda: 1000.0)

    assert current(card, card) and current(alone, alone)
    assert not current(card, swapped) and not current(alone, card) and not current(card, alone)
    assert not current(card, smaller) and not current(card, leveled) and not current(smaller, leveled)
    assert not current(card, averaged)


def _figures(dice: dict[str, float], precision: float = 0.5) -> dict[str, Any]:
    return {"per_class": {name: {"dice": value, "precision": precision} for name, value in dice.items()}}


def test_ship_member_gives_the_member_the_classes_it_wins_by_the_one_rule(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    base_card = tiny_segmentation_card("base")
    base_card.classical_classes, base_card.min_component_pixels = ["MA"], {"EX": 8}
    base_card.metrics = {"per_class": {"EX": {"dice": 0.6}}}  # the base's held-out figures, as its trainer wrote
    base = save_model_folder(tmp_path / "base", _constant_state(base_card, PARENT_BIAS), base_card)
    # weights another tool wrote: saving their tensors again gives other bytes, a blend_sha256 pinning them would break
    save_file(_constant_state(base_card, PARENT_BIAS), base / WEIGHTS_FILE, metadata={"format": "pt"})
    base_card.sha256 = file_sha256(base / WEIGHTS_FILE)
    (base / CARD_FILE).write_text(base_card.to_json())
    member = member_card()
    member.classes, member.min_component_pixels = [BACKGROUND, "MA", "HE", "EX", "SE"], {"EX": 4}
    member.thresholds = {"EX": 0.35, "SE": 0.6}
    member_folder = save_model_folder(tmp_path / "clahe", _constant_state(member, [0.0] * 5), member)
    evaluated: list[Path] = []

    def evaluate(task: str, model: Path, *args: Any, **kwargs: Any) -> dict[str, Any]:
        evaluated.append(Path(model))
        if Path(model) == base:
            return _figures({"MA": 0.1, "HE": 0.5, "EX": 0.6, "SE": 0.4})
        # the member: MA better but the classical detector's, HE worse, EX and SE better; then the composite
        return _figures({"MA": 0.3, "HE": 0.2, "EX": 0.7, "SE": 0.5}, precision=0.5) if Path(model) == member_folder \
            else _figures({"EX": 0.71, "SE": 0.55})

    monkeypatch.setattr(ship_member, "evaluate", evaluate)
    calls: list[list[str]] = []
    monkeypatch.setattr(ship_member, "classes_won", _spy(ship_member.classes_won, calls))
    out = tmp_path / "shipped"
    assert ship_member.main([str(base), str(member_folder), str(out), "--data", "d", "--splits", "s",
                             "--version", "7", "--min-field", "900", "--average"]) == 0
    assert calls == [["HE", "EX", "SE"], ["EX", "SE"]]  # MA is the classical detector's: not offered; then as shipped
    card = load_card(out)
    assert card.class_members == {"EX": "clahe", "SE": "clahe"} and card.version == "7" and card.members_averaged
    assert card.member_min_field == 900
    assert card.sha256 == base_card.sha256  # the base's weights as they were
    # the base's cuts stay, on every photo; the member's map is moved so that its own cuts fall on them
    assert card.thresholds == base_card.thresholds and card.min_component_pixels == {"EX": 8}
    assert card.member_levels == {"EX": [0.35, base_card.threshold("EX")], "SE": [0.6, base_card.threshold("SE")]}
    assert card.metrics["validation_members"]["composite"]["EX"]["dice"] == 0.71
    assert card.metrics["per_class"]["EX"] == {"dice": 0.71, "precision": 0.5}  # the shipped model's figures
    assert len(evaluated) == 3 and evaluated[2] != out  # the composite measured before it is moved into place
    loaded = load_model_folder(out)
    assert list(loaded.members) == ["clahe"] and loaded.card.training["members"]["classes"] == ["EX", "SE"]
    assert json.loads((out / "clahe" / CARD_FILE).read_text())["name"] == "exudates"


def test_ship_member_writes_nothing_when_the_member_wins_nothing(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    base_card, member = tiny_segmentation_card("base"), member_card()
    base = save_model_folder(tmp_path / "base", _constant_state(base_card, PARENT_BIAS), base_card)
    member_folder = save_model_folder(tmp_path / "clahe", _constant_state(member, MEMBER_BIAS), member)
    monkeypatch.setattr(ship_member, "evaluate", lambda task, model, *a, **k: _figures(
        {"EX": 0.7} if Path(model) == base else {"EX": 0.8}, precision=0.05))  # better, but below the floor
    assert ship_member.main([str(base), str(member_folder), str(tmp_path / "out"), "--data", "d",
                             "--splits", "s"]) == 1
    assert sorted(path.name for path in tmp_path.iterdir()) == ["base", "clahe"]


def test_ship_member_writes_nothing_when_the_composite_loses_what_the_member_won_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The member wins EX alone, but averaged in (as it would ship) the composite draws EX worse than the base."""
    base_card, member = tiny_segmentation_card("base"), member_card()
    base = save_model_folder(tmp_path / "base", _constant_state(base_card, PARENT_BIAS), base_card)
    member_folder = save_model_folder(tmp_path / "clahe", _constant_state(member, MEMBER_BIAS), member)
    dice = {base: 0.6, member_folder: 0.7}
    monkeypatch.setattr(ship_member, "evaluate", lambda task, model, *a, **k: _figures({"EX": dice.get(Path(model),
                                                                                                      0.5)}))
    assert ship_member.main([str(base), str(member_folder), str(tmp_path / "out"), "--data", "d", "--splits", "s",
                             "--average"]) == 1
    assert sorted(path.name for path in tmp_path.iterdir()) == ["base", "clahe"]


@pytest.mark.parametrize("wrong", ["--as", "--min-field", "member's members", "base's members"])
def test_ship_member_refuses_what_it_cannot_ship_before_evaluating(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                    wrong: str) -> None:
    base_card, member = tiny_segmentation_card("base"), member_card()
    base = save_model_folder(tmp_path / "base", _constant_state(base_card, PARENT_BIAS), base_card)
    member_folder = save_model_folder(tmp_path / "clahe", _constant_state(member, MEMBER_BIAS), member)
    options = {"--as": ["--as", "../elsewhere"], "--min-field": ["--min-field", "-1"]}.get(wrong, [])
    if wrong == "member's members":
        member_folder = composite(tmp_path / "composite")
    if wrong == "base's members":
        base = composite(tmp_path / "composite")
    evaluated: list[Path] = []
    monkeypatch.setattr(ship_member, "evaluate", lambda task, model, *a, **k: evaluated.append(model))
    with pytest.raises(SystemExit) as refused:
        ship_member.main([str(base), str(member_folder), str(tmp_path / "out"), "--data", "d", "--splits", "s",
                          *options])
    assert refused.value.code == 2 and evaluated == [] and not (tmp_path / "out").exists()


def _spy(function: Any, calls: list[Any]) -> Any:
    def spied(challenger: Any, incumbent: Any, lesion_classes: list[str]) -> list[str]:
        calls.append(list(lesion_classes))
        return function(challenger, incumbent, lesion_classes)
    return spied


def test_ship_pixels_refuses_a_composite_before_evaluating(tmp_path: Path) -> None:
    from inference.training import ship_pixels

    with pytest.raises(ValueError, match=r"holds member networks \(exudates\)"):
        ship_pixels.ship(composite(tmp_path), tmp_path / "out", tmp_path / "data", tmp_path / "splits")
