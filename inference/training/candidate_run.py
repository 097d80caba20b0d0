"""`retina-review train candidates`: a candidates model for one lesion class, trained, chosen and compared.

MA, on the training photos: dark-dot candidates (their recall of the true lesions is reported), patches labelled by
the masks, the patch classifier trained; on the validation photos: the threshold with the best pixel Dice. HE: dark
regions and a region classifier, the threshold chosen on the training photos alone (``region_run``). Either may blend
with a lesion model (``blend_with``) or one of its member networks (``blend_member``): the mean of the two maps is
what the threshold cuts, chosen on the validation photos (inference.candidate_blend); a dot classifier's scores crowd
near 1, so the partner's map is first levelled onto the classifier's own cut (``blend_levels``).
Then the figures of `evaluate seg` at it, and the same figures for what the shipped models draw for the class now.
The model folder is written only when it beats that (``ship_pixels.classes_won``, the rule every per-class source
follows), so installing it can only improve the class on these photos (they chose it: the figures are optimistic).
"""
from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

import numpy as np
import torch

from annotations.classes import LesionClass
from annotations.image_io import load_image
from inference.candidate_blend import blend_partner, blended, partner_probability
from inference.dataset import DatasetIndex, Sample, licence_lines, load_index
from inference.device import torch_threads
from inference.lesion_candidates.dark_dots import BLOB_SIGMA, MAX_CANDIDATES
from inference.lesion_candidates.dark_regions import MIN_AREA, PATCH_SIDE, REGION_LEVEL, find_dark_regions
from inference.lesion_candidates.detector import CandidateLesions
from inference.lesion_candidates.labels import TOLERANCE, candidate_labels, component_recall
from inference.lesion_candidates.network import classify
from inference.lesion_candidates.painting import DEPTH_FRACTION, DOT_GROWTH, WINDOW_HALF
from inference.lesion_candidates.patches import PATCH_SIZE
from inference.lesion_candidates.photo import PhotoCandidates, photo_candidates
from inference.lesion_candidates.region_network import classify_regions
from inference.lesion_candidates.region_painting import CandidateRegions
from inference.lesion_sources import candidates_draw
from inference.loading import LoadedModel
from inference.metrics import ScoreHistogram
from inference.model_card import REGION_ENCODER, ModelCard, Preprocessing, candidate_task, save_model_folder
from inference.pixel_eval import PhotoNotAnalysed, PixelPrediction, Predictor, models_predictor
from inference.preprocess import FieldOfView, field_diameter, find_fov
from inference.segmentation import segment
from inference.registry import ModelRegistry
from inference.evaluation import score_segmentation
from inference.targets import read_mask_bits
from inference.training import candidate_messages as said
from inference.training import messages as msg
from inference.training.candidate_trainer import TrainingSettings, train_patch_classifier
from inference.training.model_folder import refuse_foreign_folder
from inference.training.region_run import (REGION_FOLDS, best_threshold, candidate_recall, out_of_fold,
                                           region_photo, round_robin_folds, train_on)
from inference.training.region_trainer import (AREA_POWER, POSITIVE_OVERLAP, RegionTrainingSettings,
                                               region_labels)
from inference.training.ship_pixels import classes_won

THRESHOLDS = np.round(np.arange(0.5, 0.9995, 0.0025), 4)  # balanced training puts lesions' scores near 1
COMPARED = ("aupr", "dice", "iou", "precision", "recall", "lesion_recall")
DOT_ENCODER = "tiny-cnn-8-16-32"  # the dark-dot patch classifier (lesion_candidates.network)
DATA_CITATION = ("IDRiD: Porwal P. et al. (2018), Indian Diabetic Retinopathy Image Dataset, IEEE DataPort, "
                 "doi:10.21227/H25W98, CC BY 4.0")


@dataclass
class CandidateRun:
    data: Path
    splits: Path | None
    out: Path
    class_name: str = "MA"
    settings: TrainingSettings = field(default_factory=TrainingSettings)
    name: str = ""
    command: str = ""
    blend_with: str = ""  # the lesion model (name or folder) whose probability is averaged in
    blend_member: str = ""  # that model's member network (sub-folder) whose probability is averaged in instead
    blend_sha256: str = ""  # the weights' checksum of that network, recorded on the card
    blend_levels: list[float] = field(default_factory=list)  # [the partner's threshold, the classifier's]


def _photo(sample: Sample, cls: LesionClass) -> tuple[PhotoCandidates, np.ndarray]:
    image = load_image(sample.image)
    truth = (read_mask_bits(sample, image.shape[:2]) & cls.bit) != 0
    return photo_candidates(image, find_fov(image)), truth


def _candidate_recall(photos: list[tuple[PhotoCandidates, np.ndarray]]) -> dict[str, Any]:
    hit = total = 0
    for photo, truth in photos:
        found, count = component_recall(truth, *photo.original_points())
        hit, total = hit + found, total + count
    return {"lesions": total, "hit": hit, "recall": hit / total if total else None,
            "candidates_per_photo": float(np.mean([len(p.candidates) for p, _ in photos]))}


def _best_threshold(model: torch.nn.Module, photos: list[tuple[PhotoCandidates, np.ndarray]], name: str) -> float:
    """The threshold of THRESHOLDS with the best pooled pixel Dice on ``photos``."""
    tp, predicted, truth_total = np.zeros(len(THRESHOLDS)), np.zeros(len(THRESHOLDS)), 0
    for photo, truth in photos:
        found = CandidateLesions(name, photo, classify(model, photo.patches), 0.5)
        probability = found.probability(truth.shape)
        on_truth, painted = np.sort(probability[truth]), np.sort(probability[probability > 0])
        truth_total += len(on_truth)
        tp += len(on_truth) - np.searchsorted(on_truth, THRESHOLDS, side="left")  # truth pixels reaching each
        predicted += len(painted) - np.searchsorted(painted, THRESHOLDS, side="left")
    dice = 2 * tp / np.maximum(predicted + truth_total, 1)
    return float(THRESHOLDS[int(np.argmax(dice))])


def _predictor(model: torch.nn.Module, name: str, threshold: float) -> Predictor:
    def predict(image: np.ndarray) -> PixelPrediction:
        photo = photo_candidates(image, find_fov(image))
        found = CandidateLesions(name, photo, classify(model, photo.patches), threshold)
        return PixelPrediction({name: found.probability(image.shape[:2])}, {name: found.mask(image.shape[:2])},
                               None, {name: threshold})
    return predict


def _incumbent_figures(samples: list[Sample], name: str, replaced: str) -> dict[str, Any]:
    """What the shipped models draw for the class on ``samples``, but for one named ``replaced`` (the model this run
    would replace: training it again measures it against the rest, as it was measured when it shipped)."""
    models = ModelRegistry.bundled().load_set((), "cpu")
    models.models = {task: model for task, model in models.models.items() if model.card.name != replaced}
    metrics, _ = score_segmentation(models_predictor(models, "cpu"), samples)
    return metrics["per_class"][name]


def train_candidates(run: CandidateRun, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Train, choose the threshold, compare; writes ``run.out`` when the model wins. Returns the card's metrics.
    On one torch thread, so that a run repeats exactly."""
    with torch_threads(1):
        return _train_candidates(run, log)


def _train_candidates(run: CandidateRun, log: Callable[[str], None]) -> dict[str, Any]:
    refuse_foreign_folder(run.out, run.data)  # before minutes of training, as a network's run does
    cls = LesionClass[run.class_name]
    index = load_index(run.data, splits_dir=run.splits)
    train_samples, val_samples = index.split("train"), index.split("val")
    if not train_samples or not val_samples:
        raise ValueError(msg.NEEDS_TRAIN_AND_VAL.format(data=run.data))
    partner = _blend_partner(run) if run.blend_with else None
    # the card names the model, not its folder, and the weights its threshold was chosen with
    run = replace(run, blend_with=partner.card.name if partner else "",
                  blend_sha256=_partner_network(partner, run.blend_member).card.sha256 if partner else "")
    if cls is LesionClass.HE:
        return _train_regions(run, index, partner, log)
    started = time.perf_counter()
    train = [_photo(sample, cls) for sample in train_samples]
    labels = [candidate_labels(truth, *photo.original_points()) for photo, truth in train]
    recall = {"train": _candidate_recall(train)}
    log(said.CANDIDATES_FOUND.format(recall=recall["train"]))
    model = train_patch_classifier(np.concatenate([photo.patches for photo, _ in train]), np.concatenate(labels),
                                   run.settings, log)
    train_seconds = time.perf_counter() - started
    val = [_photo(sample, cls) for sample in val_samples]
    recall["val"] = _candidate_recall(val)
    threshold = _best_threshold(model, val, run.class_name)
    chosen_on = "val (best pixel Dice): the figures are optimistic"
    predict = _predictor(model, run.class_name, threshold)
    if partner is not None:
        own = _partner_network(partner, run.blend_member).card.threshold(run.class_name)
        run = replace(run, blend_levels=[own, threshold])
        log(said.LEVELLED.format(own=own, threshold=threshold))

        def probability(image: np.ndarray) -> np.ndarray:
            photo = photo_candidates(image, fov := find_fov(image))
            found = CandidateLesions(run.class_name, photo, classify(model, photo.patches), 0.5)
            return _with_partner(run, partner, image, fov, found.probability(image.shape[:2]))

        threshold = _best_dice_threshold(probability, val_samples, cls)
        chosen_on = f"val (best pixel Dice of the mean with {_partner_name(run)}): the figures are optimistic"
        log(said.BLEND_THRESHOLD.format(threshold=threshold))
        predict = _map_predictor(probability, run.class_name, threshold)
    metrics = {"candidate_recall": recall, "threshold_chosen_on": chosen_on,
               "positive_candidates": int(sum(label.sum() for label in labels))}
    hyper_parameters = {**asdict(run.settings), "patch_size": PATCH_SIZE, "max_candidates": MAX_CANDIDATES,
                        "blob_sigma": BLOB_SIGMA, "label_tolerance_px": TOLERANCE, "region_half": WINDOW_HALF,
                        "depth_fraction": DEPTH_FRACTION, "dot_growth": DOT_GROWTH}
    return _compare_and_save(run, index, model, predict, threshold, metrics, DOT_ENCODER,
                             (PATCH_SIZE, PATCH_SIZE), hyper_parameters, train_seconds, log)


def _train_regions(run: CandidateRun, index: DatasetIndex, partner: LoadedModel | None, log: Callable[[str], None]
                   ) -> dict[str, Any]:
    """HE: dark-region candidates; the threshold from out-of-fold scores of the training photos (region_run), or
    blending with ``partner`` the best Dice of the blend on the validation photos."""
    cls, settings = LesionClass.HE, run.settings
    regions_settings = RegionTrainingSettings(steps=settings.steps, seed=settings.seed)
    started = time.perf_counter()
    train = {sample.name: region_photo(sample, cls) for sample in index.split("train")}
    recall = {"train": candidate_recall(list(train.values()))}
    log(said.CANDIDATES_FOUND.format(recall=recall["train"]))
    model = train_on(list(train.values()), regions_settings, log)
    train_seconds = time.perf_counter() - started
    val = [region_photo(sample, cls) for sample in index.split("val")]
    recall["val"] = candidate_recall(val)

    def probability(image: np.ndarray) -> np.ndarray:
        fov = find_fov(image)
        regions = find_dark_regions(image, fov)
        found = CandidateRegions(run.class_name, regions, classify_regions(model, regions.patches, regions.features),
                                 0.5).probability(image.shape[:2])
        return found if partner is None else _with_partner(run, partner, image, fov, found)

    if partner is None:  # each training seeds itself: the folds' models do not change the final one
        scores = out_of_fold(train, round_robin_folds(list(train)), regions_settings, log)
        threshold = best_threshold(list(train.values()), scores)
        chosen_on = f"the training photos' out-of-fold scores ({REGION_FOLDS} folds)"
        log(said.FOLDS_THRESHOLD.format(threshold=threshold))
    else:
        threshold = _best_dice_threshold(probability, index.split("val"), cls)
        chosen_on = f"val (best pixel Dice of the mean with {_partner_name(run)}): the figures are optimistic"
        log(said.BLEND_THRESHOLD.format(threshold=threshold))
    positives = sum(int(region_labels(photo.overlap, photo.regions.areas).sum()) for photo in train.values())
    metrics = {"candidate_recall": recall, "positive_candidates": positives, "threshold_chosen_on": chosen_on}
    hyper_parameters = {**asdict(regions_settings), "patch_size": PATCH_SIDE, "region_level": REGION_LEVEL,
                        "min_area_working_px": MIN_AREA, "positive_overlap": POSITIVE_OVERLAP,
                        "area_power": AREA_POWER, "threshold_folds": REGION_FOLDS}

    return _compare_and_save(run, index, model, _map_predictor(probability, run.class_name, threshold), threshold,
                             metrics, REGION_ENCODER, (PATCH_SIDE, PATCH_SIDE), hyper_parameters, train_seconds, log)


def _map_predictor(probability: Callable[[np.ndarray], np.ndarray], name: str, threshold: float) -> Predictor:
    def predict(image: np.ndarray) -> PixelPrediction:
        found = probability(image)
        return PixelPrediction({name: found}, {name: found >= threshold}, None, {name: threshold})
    return predict


def _blend_partner(run: CandidateRun) -> LoadedModel:
    """The lesion model ``run`` blends with, refused unless it may (candidates_draw): drawing the class from its own
    pixels, or holding the member ``run.blend_member`` with the class."""
    models = ModelRegistry().load_set([run.blend_with], "cpu")
    partner = models.get("lesion-segmentation")
    if partner is not None and (not run.blend_member or run.blend_member in partner.members):
        network = _partner_network(partner, run.blend_member)
        if run.class_name in network.card.classes and candidates_draw(_blending_draft(run, partner), partner.card):
            return partner
    raise ValueError(msg.BLEND_PARTNER.format(name=run.blend_with, cls=run.class_name))


def _partner_network(partner: LoadedModel, member: str) -> LoadedModel:
    """The network whose map is averaged in: the lesion model's own, or its ``member``."""
    return partner.members[member] if member else partner


def _partner_name(run: CandidateRun) -> str:
    return f"{run.blend_with}'s member {run.blend_member}" if run.blend_member else run.blend_with


def _blending_draft(run: CandidateRun, partner: LoadedModel) -> ModelCard:
    """The card of a model of ``run``'s class averaging with ``partner``: what the one rule (candidates_draw) is
    asked about."""
    encoder = REGION_ENCODER if run.class_name == "HE" else DOT_ENCODER
    return ModelCard(name="draft", task=candidate_task(encoder), architecture="patch-classifier", encoder=encoder,
                     classes=[run.class_name], blend_with=partner.card.name, blend_member=run.blend_member,
                     blend_sha256=_partner_network(partner, run.blend_member).card.sha256)


def _with_partner(run: CandidateRun, partner: LoadedModel, image: np.ndarray, fov: FieldOfView, found: np.ndarray
                  ) -> np.ndarray:
    """The blend of the classifier's map ``found`` with ``partner``'s on ``image``, as the pipeline makes it."""
    card = replace(_blending_draft(run, partner), blend_levels=run.blend_levels)
    network = blend_partner(card, segment(partner, image, fov))
    if network is None:  # _blend_partner checked the member has the class: it did not run, the field is too small
        raise PhotoNotAnalysed(msg.MEMBER_NOT_ON_PHOTO.format(
            field=round(field_diameter(image, fov)), member=_partner_name(run),
            min_field=partner.card.member_min_field))
    return blended(found, partner_probability(card, network))


def _best_dice_threshold(probability: Callable[[np.ndarray], np.ndarray], samples: list[Sample],
                         cls: LesionClass) -> float:
    """The score bin edge where the pooled pixel Dice of ``probability``'s maps on ``samples`` is best."""
    histogram = ScoreHistogram()
    for sample in samples:
        image = load_image(sample.image)
        try:
            found = probability(image)
        except PhotoNotAnalysed as exc:  # the map sees only pixels
            raise exc.naming(sample.image) from exc
        histogram.add(found, (read_mask_bits(sample, image.shape[:2]) & cls.bit) != 0)
    precision, recall, thresholds = histogram.curve()
    dice = 2 * precision * recall / np.maximum(precision + recall, 1e-12)
    return float(round(thresholds[int(np.argmax(dice))], 4))


def _compare_and_save(run: CandidateRun, index: DatasetIndex, model: torch.nn.Module, predict: Predictor,
                      threshold: float, metrics: dict[str, Any], encoder: str, input_size: tuple[int, int],
                      hyper_parameters: dict[str, Any], train_seconds: float, log: Callable[[str], None]
                      ) -> dict[str, Any]:
    """The validation figures of the model and of what the shipped models draw for the class; the folder written
    only when the model wins (``classes_won``). Returns the card's metrics."""
    train_samples, val_samples = index.split("train"), index.split("val")
    model_figures, _ = score_segmentation(predict, val_samples)
    task = candidate_task(encoder)
    shipped = _incumbent_figures(val_samples, run.class_name, run.name or run.out.name)
    figures = {"model": {run.class_name: {k: model_figures["per_class"][run.class_name].get(k) for k in COMPARED}},
               "shipped": {run.class_name: {k: v for k, v in shipped.items() if k in COMPARED}}}
    log(said.VALIDATION.format(cls=run.class_name, model=figures["model"], shipped=figures["shipped"]))
    metrics = {"split": "val", "validation_per_class": figures, **metrics,
               "source_rule": "the model draws the class when its validation Dice beats what the shipped models "
                              "draw for it (inference.training.ship_pixels.classes_won)"}
    won = classes_won(figures["model"], figures["shipped"], [run.class_name])
    metrics["wins"] = bool(won)
    if not won:
        log(said.NOT_WRITTEN.format(cls=run.class_name))
        return metrics
    card = ModelCard(name=run.name or run.out.name, task=task, architecture="patch-classifier",
                     encoder=encoder, classes=[run.class_name], input_size=input_size, blend_with=run.blend_with,
                     blend_sha256=run.blend_sha256, blend_member=run.blend_member, blend_levels=run.blend_levels,
                     activation="sigmoid", preprocessing=Preprocessing(crop_fov=True),
                     thresholds={run.class_name: threshold}, metrics=metrics,
                     limits="trained on 13 IDRiD photos (4288x2848, one camera); "
                            + ("the threshold and " if metrics["threshold_chosen_on"].startswith("val") else "")
                            + "the decision to ship were made on 4 validation photos, no independent test set")
    card.training = {"data": str(run.data), "data_citation": DATA_CITATION,
                     "licence": licence_lines(index.root) or ["CC BY 4.0"],
                     "split": {"train_names": [s.name for s in train_samples],
                               "held_out_names": [s.name for s in val_samples], "source": index.split_source},
                     "hyper_parameters": hyper_parameters,
                     "seed": run.settings.seed, "seconds": round(train_seconds), "command": run.command}
    save_model_folder(run.out, model.state_dict(), card)
    log(said.WRITTEN.format(folder=run.out))
    return metrics
