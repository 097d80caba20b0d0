"""A candidates model that blends with a member network of the lesion model (card ``blend_member``; `train candidates
--blend-with M --blend-member SUB`): ma-candidates averaging with idrid-lesions' CLAHE member, whose MA the model
itself keeps classical. The card's rules, which source draws, the pipeline's map and a stored result's currency."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pytest
import torch
from PIL import Image

from annotations.classes import LesionClass
from annotations.formats.masks import write_class_masks
from annotations.probability_maps import probability_levels
from app.cli import main
from inference.lesion_candidates.detector import find_candidate_lesions
from inference.analysis_models import AnalysisModels, evaluation_models, with_reader_thresholds
from inference.analysis_settings import AnalysisSettings
from inference.device import torch_threads
from inference.lesion_sources import LesionSource, drawing_card, lesion_sources
from inference.loading import LoadedModel, ModelSet, load_model_folder
from inference.model_card import BACKGROUND, CARD_FILE, ModelCard, ModelError, load_card, save_model_folder
from inference.model_plan import made_by_planned_models, planned_lesion_sources, planned_models, stopping_blends
from inference.registry import ModelRegistry
from inference.pipeline import CLASSICAL_DETECTOR, PipelineOptions, analyze
from inference.preprocess import find_fov
from inference.segmentation import onto_threshold, segment
from tests.unit.test_class_members import _constant_state
from tests.unit.test_inference_fixtures import loaded, saved_model, tiny_segmentation_card
from tests.unit.test_lesion_candidates import (LARGE, candidates_card, dots_at, fundus_with_dots,
                                               saved_candidates_model)

MA = LesionClass.MA
MEMBER_BIAS = [0.0, 1.0, 0.0]  # background, MA, EX: MA e/(2+e) = 0.576 everywhere
MEMBER_MA = float(np.e / (2 + np.e))
LEVELS = [0.3, 0.9]  # the member's MA threshold, the classifier's own


def composite(root: Path, min_field: int = 0) -> Path:
    """A lesion model keeping MA classical, with a member ``clahe`` that draws EX and has an MA channel."""
    member = tiny_segmentation_card("clahe", classes=[BACKGROUND, "MA", "EX"])
    member.thresholds = {"MA": LEVELS[0], "EX": 0.5}
    save_model_folder(root / "parent" / "clahe", _constant_state(member, MEMBER_BIAS), member)
    card = tiny_segmentation_card("parent")
    card.classical_classes, card.class_members, card.member_sha256 = ["MA"], {"EX": "clahe"}, {"clahe": member.sha256}
    card.member_min_field = min_field
    return save_model_folder(root / "parent", _constant_state(card, [0.0] * 5), card)


def blending(member_sha256: str, member: str = "clahe", threshold: float = 0.5) -> ModelCard:
    return replace(candidates_card(), blend_with="parent", blend_member=member, blend_sha256=member_sha256,
                   blend_levels=list(LEVELS), thresholds={"MA": threshold})


def _recard(folder: Path, card: ModelCard) -> LoadedModel:
    """The candidates model in ``folder`` with ``card`` (its weights' checksum kept), loaded."""
    (folder / CARD_FILE).write_text(replace(card, sha256=load_card(folder).sha256).to_json())
    return load_model_folder(folder, for_inference=True)


def test_the_card_names_a_member_and_levels_only_beside_a_partner() -> None:
    card = blending("ab" * 32)
    card.validate()
    assert ModelCard.from_dict(json.loads(card.to_json())).blend_levels == LEVELS
    for changes, problem in (({"blend_with": "", "blend_sha256": ""}, "blend_member and blend_levels need"),
                             ({"blend_member": "../elsewhere"}, "blend_member names"),
                             ({"blend_levels": [0.3]}, "blend_levels must be two"),
                             ({"blend_levels": [0.3, 1.0]}, "blend_levels must be two"),
                             ({"blend_levels": ["a", 0.9]}, "blend_levels must be two")):
        with pytest.raises(ModelError, match=problem):
            ModelCard.from_dict({**json.loads(card.to_json()), **changes})


def test_it_draws_the_class_the_model_keeps_classical_beside_that_pinned_member(tmp_path: Path) -> None:
    parent = load_card(composite(tmp_path))
    pinned = parent.member_sha256["clahe"]
    drawn = LesionSource("tiny-candidates", None, 0.5, partner="parent")
    assert lesion_sources(parent)[MA] == LesionSource(None), "without it the classical detector draws MA"
    assert lesion_sources(parent, [blending(pinned.upper())])[MA] == drawn
    assert lesion_sources(parent, [blending("")])[MA] == drawn, "unpinned: any weights of that member"
    for other in (blending("cd" * 32), blending(pinned, member="other"),
                  replace(blending(pinned), blend_with="elsewhere")):
        assert lesion_sources(parent, [other])[MA] == LesionSource(None)
    late = replace(parent, member_min_field=1500)  # the member would skip photos the candidates model draws on
    assert lesion_sources(late, [blending(pinned)])[MA] == LesionSource(None)
    assert lesion_sources(replace(parent, member_min_field=1202), [blending(pinned)])[MA] == drawn


def test_the_pipeline_cuts_the_mean_of_its_map_and_the_members_levelled_one(tmp_path: Path) -> None:
    image = fundus_with_dots(LARGE)
    parent = load_model_folder(composite(tmp_path), for_inference=True)
    folder = saved_candidates_model(tmp_path / "candidates", 3.0)  # every candidate 0.953
    fov = find_fov(image)
    found = find_candidate_lesions(load_model_folder(folder).module, candidates_card(), image, fov)
    member = segment(parent, image, fov).members["clahe"]
    expected = (found.probability(image.shape[:2]) + onto_threshold(member.probability("MA"), *LEVELS)) / 2
    threshold = 0.8  # the dots (0.953 and the member's 0.576 levelled to 0.934) pass, the member alone (0.467) not
    card = blending(parent.card.member_sha256["clahe"], threshold=threshold)
    models = ModelSet.from_models([parent, _recard(folder, card)])
    outcome = analyze([image], models, device="cpu", options=PipelineOptions(keep_probabilities=True))[0]
    result = outcome.result
    assert result.findings.lesion_sources["MA"] == "tiny-candidates averaged with parent"
    ma = (result.mask & MA.bit) != 0
    assert np.array_equal(ma, expected >= threshold) and 0 < ma.sum() < (expected > 0).sum()
    assert np.array_equal(outcome.probabilities["MA"], probability_levels(expected))
    plain = replace(card, blend_levels=[])  # without the levels the member's 0.576 pulls the dots under 0.8
    models = ModelSet.from_models([parent, _recard(folder, plain)])
    assert not (analyze([image], models, device="cpu")[0].result.mask & MA.bit).any()


def test_without_its_member_on_the_photo_it_leaves_the_class_to_the_classical_detector(tmp_path: Path) -> None:
    image = fundus_with_dots(LARGE)
    parent = load_model_folder(composite(tmp_path), for_inference=True)
    folder = saved_candidates_model(tmp_path / "candidates", 3.0)
    parent.members["clahe"].card.classes = [BACKGROUND, "EX", "HE"]  # a member without MA (a hand-made folder)
    models = ModelSet.from_models([parent, _recard(folder, blending(parent.card.member_sha256["clahe"]))])
    result = analyze([image], models, device="cpu")[0].result
    assert result.findings.lesion_sources["MA"] == CLASSICAL_DETECTOR["name"]


def test_beside_another_lesion_model_it_draws_alone_at_its_own_cut_and_the_readers_cuts_it(tmp_path: Path) -> None:
    """A retrained or another lesion model has no such member: the classifier then draws MA alone, at the cut it had
    before blending (``blend_levels``' second), not leaving MA to the classical detector (Dice 0.434 against 0.085 on
    the validation photos); one that does not know its own cut (he-candidates) stops, as before."""
    other = tiny_segmentation_card("other")
    other.classical_classes = ["MA"]
    card = blending("ab" * 32)
    alone = drawing_card(card, other)
    assert (alone.blend_with, alone.blend_member, alone.blend_levels, alone.threshold("MA")) == ("", "", [], LEVELS[1])
    assert lesion_sources(other, [alone])[MA] == LesionSource("tiny-candidates", None, LEVELS[1])
    assert drawing_card(card, None).threshold("MA") == LEVELS[1]
    parent = load_card(composite(tmp_path))
    assert drawing_card(replace(card, blend_sha256=parent.member_sha256["clahe"]), parent).blend_member == "clahe"
    unlevelled = replace(card, blend_levels=[])
    assert drawing_card(unlevelled, other) is unlevelled
    assert lesion_sources(other, [unlevelled])[MA] == LesionSource(None)

    models = ModelSet.from_models([loaded(other), load_model_folder(saved_candidates_model(tmp_path / "c", 3.0))])
    models.models["lesion-candidates"].card = card
    for reader, cut in ((AnalysisSettings(), LEVELS[1]), (AnalysisSettings(thresholds={"MA": 0.7}), 0.7)):
        applied = with_reader_thresholds(AnalysisModels(models, torch.device("cpu")), reader)
        assert applied.models.models["lesion-candidates"].card.threshold("MA") == cut
        assert not applied.models.models["lesion-candidates"].card.blend_with
    assert models.models["lesion-candidates"].card is card and card.blend_with, "the loaded card is left as it is"


def test_evaluating_it_alone_scores_it_alone_and_one_that_cannot_is_refused(tmp_path: Path) -> None:
    """`evaluate --model ma-candidates` scores what the program draws with it beside no lesion model: the dots alone
    at their own cut; a blending model without levels (he-candidates) draws nothing alone, so it is refused."""
    folder = saved_candidates_model(tmp_path / "c", 3.0)
    _recard(folder, blending("ab" * 32))
    alone = evaluation_models(str(folder))
    assert alone.models["lesion-candidates"].card.threshold("MA") == LEVELS[1]
    _recard(folder, replace(blending("ab" * 32), blend_levels=[]))
    with pytest.raises(ValueError, match="draws MA only averaged with parent"):
        evaluation_models(str(folder))


def test_the_plan_and_the_retrain_dialog_know_it_draws_alone_beside_another_lesion_model(tmp_path: Path) -> None:
    composite(tmp_path)
    save_model_folder(tmp_path / "dots", {}, blending(load_card(tmp_path / "parent").member_sha256["clahe"]))
    registry = ModelRegistry([tmp_path])
    assert stopping_blends(AnalysisSettings(), registry) == [], "it does not stop beside a retrained model"
    assert planned_models(AnalysisSettings(), registry)["lesion-candidates"]["blend"].startswith("parent/clahe")
    other = tiny_segmentation_card("other")
    saved_model(tmp_path, other)
    chosen = AnalysisSettings(models={"lesion-segmentation": "other"})
    assert "blend" not in planned_models(chosen, registry)["lesion-candidates"], "recorded as it runs: alone"
    _, large = planned_lesion_sources(chosen, registry)
    assert large[MA] == LesionSource("tiny-candidates", None, LEVELS[1])
    (tmp_path / "dots" / CARD_FILE).write_text(replace(load_card(tmp_path / "dots"), blend_levels=[]).to_json())
    in_use = AnalysisSettings(models={"lesion-segmentation": "parent"})
    assert stopping_blends(in_use, ModelRegistry([tmp_path])) == [("tiny-candidates", "MA", "parent")]


def test_a_stored_result_is_stale_once_the_blend_changes() -> None:
    card = replace(blending("ab" * 32), sha256="ee" * 32)  # the candidates model's own weights
    plain = replace(card, blend_member="", blend_levels=[])
    assert "blend" not in plain.summary(), "a blend with the lesion model's own map records what it did before"

    def current(stored: ModelCard, planned: ModelCard) -> bool:
        return made_by_planned_models([stored.summary()], {"lesion-candidates": planned.summary()}, False,
                                      lambda: 2000.0)

    assert current(card, card) and current(plain, plain)
    assert not current(plain, card) and not current(card, replace(card, blend_levels=[0.3, 0.8]))
    assert not current(card, replace(card, blend_member="other"))


def test_the_command_line_asks_for_the_partner_of_a_member(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["train", "candidates", "--data", str(tmp_path), "--out", str(tmp_path / "out"),
                 "--blend-member", "clahe"]) == 2
    assert "--blend-member needs --blend-with" in capsys.readouterr().err


def dots_set(root: Path, sizes: dict[str, int]) -> Path:
    """A data set of ``fundus_with_dots`` photos (name -> px across), MA masked on the dots; the first photo trains,
    the others validate."""
    for name, size in sizes.items():
        (root / "images").mkdir(parents=True, exist_ok=True)
        Image.fromarray(fundus_with_dots(size)).save(root / "images" / f"{name}.png")
        bits = np.zeros((size, size), np.uint8)
        for x, y in dots_at(size):
            cv2.circle(bits, (x, y), round(size / 200), MA.bit, -1)
        write_class_masks(root / "masks", name, bits)
    (root / "splits").mkdir()
    names = list(sizes)
    for split, listed in (("train", names[:1]), ("val", names[1:]), ("test", [])):
        (root / "splits" / f"{split}.txt").write_text("".join(f"{name}\n" for name in listed))
    return root


def test_training_names_the_photo_its_member_does_not_run_on(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """A validation photo whose field is under the lesion model's member_min_field: the member draws nothing there
    for the blend, and the error says which photo and why, not that the lesion model cannot be blended with."""
    data = dots_set(tmp_path / "data", {"large": LARGE, "small": 800})
    parent = composite(tmp_path / "models", min_field=1202)
    assert main(["train", "candidates", "--data", str(data), "--out", str(tmp_path / "out"), "--steps", "2",
                 "--blend-with", str(parent), "--blend-member", "clahe"]) == 2
    error = capsys.readouterr().err
    assert f"{data / 'images' / 'small.png'}: its field of view is 7" in error, error
    assert "under the member_min_field of parent's member clahe (1202 px)" in error, error


def test_training_leaves_the_process_on_its_own_torch_threads(tmp_path: Path) -> None:
    """Training runs on one thread so that it repeats; the caller's process (a test session, the window's) keeps its
    count after, whatever the run ends with: here the member's refusal."""
    data = dots_set(tmp_path / "data", {"large": LARGE, "small": 800})
    parent = composite(tmp_path / "models", min_field=1202)
    before = torch.get_num_threads()
    with torch_threads(2):
        assert main(["train", "candidates", "--data", str(data), "--out", str(tmp_path / "out"), "--steps", "2",
                     "--blend-with", str(parent), "--blend-member", "clahe"]) == 2
        assert torch.get_num_threads() == 2
    assert torch.get_num_threads() == before
