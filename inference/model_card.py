"""The model card (model.json) and the model folder format: ``model.safetensors`` + ``model.json``.

A card says everything needed to rebuild the network and use its outputs: task, architecture, encoder,
classes, input size, normalisation, preprocessing, thresholds, temperature, Grad-CAM layer, and where the
weights came from (training data, licence, split, metrics). ``sha256`` pins the weights file.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Mapping

from annotations.atomic import atomic_write_bytes, atomic_write_text
from annotations.classes import LESION_CLASSES, OCT_CLASSES
from annotations.decoder_reasons import decoder_reason
from annotations.errors import FileProblem
from annotations.regular_files import open_regular, read_regular_bytes
from annotations.wording import join_clauses, join_items
from inference import messages as msg
from inference.card_schema import BACKGROUND, MIRROR_VIEWS, field_type_problems, value_problems

WEIGHTS_FILE = "model.safetensors"
CARD_FILE = "model.json"
MAX_CARD_BYTES = 1 << 20  # a card is a few kB; anything near this is not a card

TASKS: tuple[str, ...] = ("lesion-segmentation", "dr-grade", "referable", "oct", "optic-disc", "lesions-present",
                          "lesion-candidates", "region-candidates")
SEGMENTATION_TASKS: frozenset[str] = frozenset({"lesion-segmentation", "optic-disc"})
ARCHITECTURES: tuple[str, ...] = ("unet", "unetplusplus", "manet", "classifier", "patch-classifier")
# lesion-candidates: a patch classifier rescoring dark-dot candidates (inference/lesion_candidates), region-candidates:
# one rescoring dark regions; each draws the class it names in place of the lesion layer's source for that class
CANDIDATE_TASK = "lesion-candidates"
REGION_CANDIDATE_TASK = "region-candidates"
CANDIDATE_TASKS: tuple[str, ...] = (CANDIDATE_TASK, REGION_CANDIDATE_TASK)  # the order the pipeline runs them in
REGION_ENCODER = "region-cnn-16-32-64"  # the region classifier (lesion_candidates.region_network): region-candidates'
ACTIVATIONS: tuple[str, ...] = ("softmax", "sigmoid")
# how a lesion-segmentation model's output becomes the mask: its own thresholded pixels, or (a model of lesion
# regions trained on boxes) a filter on the classical detector's candidates (inference/candidate_gate.py)
MASK_MODES: tuple[str, ...] = ("pixels", "gate-classical")

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


class ModelError(FileProblem):
    """A model that cannot be used, naming the file and what to do about it."""


@dataclass
class Preprocessing:
    crop_fov: bool = True  # crop to the circular field of view's bounding square
    clahe: bool = False  # contrast-limited histogram equalisation on the L channel
    ben_graham: bool = False  # subtract the local average colour (Kaggle 2015 winner's trick)
    keep_aspect_pad: bool = True  # resize keeping aspect, pad to input_size; False stretches


@dataclass
class ModelCard:
    name: str
    task: str
    architecture: str
    encoder: str
    classes: list[str]
    input_size: tuple[int, int] = (512, 512)  # (h, w)
    activation: str = "softmax"
    version: str = "1"
    normalisation: dict[str, list[float]] = field(
        default_factory=lambda: {"mean": list(IMAGENET_MEAN), "std": list(IMAGENET_STD)})
    preprocessing: Preprocessing = field(default_factory=Preprocessing)
    thresholds: dict[str, float] = field(default_factory=dict)  # per class name; 0.5 when absent
    temperature: float = 1.0  # logits are divided by this before softmax (calibration)
    cam_layer: str = ""  # dotted module name; "" picks the architecture's default
    decoder_channels: list[int] | None = None  # smp decoder widths (5 values); None keeps smp's default
    training: dict[str, Any] = field(default_factory=dict)  # data, licence, split, hyper_parameters, seed, command
    metrics: dict[str, Any] = field(default_factory=dict)  # {"split": "test", ...}
    sha256: str = ""  # of model.safetensors
    created: str = ""
    limits: str = ""  # free text: what the model was not trained or tested for
    mask_mode: str = "pixels"  # lesion-segmentation: see MASK_MODES; thresholds then apply to candidate means
    # lesion-segmentation in pixels mode: classes the classical detector draws instead of this model (the model did
    # not beat it on validation photos); the model's other classes are its own thresholded pixels
    classical_classes: list[str] = field(default_factory=list)
    # per class, connected regions smaller than this many model-input pixels are dropped from the mask (specks)
    min_component_pixels: dict[str, int] = field(default_factory=dict)
    # segmentation: the views of the input (card_schema.VIEW_FLIPS) whose probabilities, flipped back, are averaged
    # (test-time augmentation: one network pass each, chosen on validation photos); empty: the input as it is, once
    averaged_views: list[str] = field(default_factory=list)
    # a candidates model: the lesion model (its name) whose probability of the class is averaged with this model's
    # before the threshold; the model then draws only beside that lesion model drawing the class from its pixels
    blend_with: str = ""
    blend_sha256: str = ""  # the weights' checksum of blend_with's model the threshold was chosen with; "": any
    # a blending candidates model: the member network of blend_with's model (a sub-folder its class_members names)
    # whose map of the class is averaged instead of the lesion model's own; blend_sha256 then pins the member's weights
    # (ma-candidates: idrid-lesions keeps MA classical, its CLAHE member draws MA well: docs/models.md)
    blend_member: str = ""
    # [the partner map's own threshold, this model's own threshold]: the partner's map is mapped so that its cut falls
    # on this classifier's before the two are averaged (segmentation.onto_threshold); empty: averaged as they are
    blend_levels: list[float] = field(default_factory=list)
    # lesion-segmentation in pixels mode: classes another network draws (alone or averaged with this one's: below),
    # class name -> the sub-folder of this model's folder holding that member (a complete lesion model folder, run on
    # the photo with its own preprocessing and views; inference.training.ship_member assembles such a folder)
    class_members: dict[str, str] = field(default_factory=dict)
    member_sha256: dict[str, str] = field(default_factory=dict)  # member sub-folder -> its weights' sha256
    # members draw only on photos whose field of view is at least this many px across (smaller photos keep this
    # network's channels): a member measured to misdraw at a scale it did not learn; 0: on every photo
    member_min_field: int = 0
    # class -> [the member's own threshold, this card's threshold of the class]: the member's probability is mapped
    # (piecewise linearly, monotonically) so that its own cut falls on this card's, so one threshold per class, a
    # reader's too, cuts either network's map, on every photo (inference.segmentation.onto_threshold); the second
    # must equal the card's threshold, so a threshold edited by hand cannot silently move the member's cut
    member_levels: dict[str, list[float]] = field(default_factory=dict)
    # the member's (mapped) map is averaged with this network's instead of taking its place (why for idrid-lesions:
    # docs/models.md, "Hard exudates from the CLAHE network")
    members_averaged: bool = False

    @property
    def is_segmentation(self) -> bool:
        return self.task in SEGMENTATION_TASKS

    @property
    def trained_tiled(self) -> bool:
        """Trained at the resolution of a tiled analysis (`train seg --tiled`), so that is how it is evaluated."""
        hyper = self.training.get("hyper_parameters")
        return isinstance(hyper, dict) and bool(hyper.get("tiled", False))

    @property
    def output_channels(self) -> int:
        return len(self.classes)

    @property
    def lesion_classes(self) -> list[str]:
        """The lesion classes (MA, HE, EX, SE) among ``classes``, in their order: not the background, nor the disc."""
        lesions = {cls.name for cls in LESION_CLASSES}
        return [name for name in self.classes if name in lesions]

    def threshold(self, class_name: str) -> float:
        return float(self.thresholds.get(class_name, 0.5))

    @property
    def member_folders(self) -> list[str]:
        """The sub-folders holding member networks (``class_members``), each once: one may draw several classes."""
        return sorted(set(self.class_members.values()))

    def member_classes(self, member: str) -> list[str]:
        """The classes the member network in sub-folder ``member`` draws."""
        return sorted(name for name, chosen in self.class_members.items() if chosen == member)

    def summary(self) -> dict[str, str]:
        """What AIResult.models records about the model that produced a result; with members, which network draws
        which class, how its map is leveled, averaged or not and on which photos (a member swapped, re-leveled or given
        other photos under the same name, version and weights answers otherwise)."""
        summary = {"name": self.name, "version": self.version, "sha256": self.sha256, "task": self.task}
        if self.class_members:
            drawn = " ".join(f"{name}={member}:{self.member_sha256.get(member, '')}:"
                             + ",".join(str(level) for level in self.member_levels.get(name, []))
                             for name, member in sorted(self.class_members.items()))
            summary["members"] = f"{drawn} min_field={self.member_min_field} averaged={self.members_averaged}"
        if self.blend_member or self.blend_levels:  # another partner map or levels under the same weights
            summary["blend"] = f"{self.blend_with}/{self.blend_member}:{self.blend_sha256}:" + ",".join(
                str(level) for level in self.blend_levels)
        return summary

    def to_json(self) -> str:
        data = asdict(self)
        data["input_size"] = list(self.input_size)
        return json.dumps(data, indent=2, sort_keys=False) + "\n"

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str | os.PathLike = CARD_FILE) -> "ModelCard":
        """A card from parsed JSON, every field checked (card_schema): a wrong type or value raises ModelError
        naming the field, never anything else, so one bad card cannot stop the models beside it."""
        known = {f.name for f in fields(cls)}
        missing = [name for name in ("name", "task", "architecture", "encoder", "classes") if name not in data]
        if missing:
            raise ModelError(source, msg.CARD_LACKS.format(fields=join_items(missing)), msg.CARD_NEEDS)
        problems = field_type_problems(data)
        if problems:
            raise ModelError(source, msg.INVALID_CARD.format(problems=join_clauses(problems)), msg.COMPARE_WITH_TRAINED)
        values = {key: value for key, value in data.items() if key in known}
        try:
            values["preprocessing"] = Preprocessing(**dict(data.get("preprocessing") or {}))
            values["input_size"] = tuple(data.get("input_size", (512, 512)))
            values["classes"] = list(data["classes"])
            values["temperature"] = float(data.get("temperature", 1.0))
            values["thresholds"] = {str(k): float(v) for k, v in (data.get("thresholds") or {}).items()}
            if "mirror_average" in data:  # a card written before averaged_views (idrid-lesions 4, copies tuned from it)
                values["averaged_views"] = list(MIRROR_VIEWS) if data["mirror_average"] else []
            card = cls(**values)
        except (TypeError, ValueError, OverflowError) as exc:
            raise ModelError(source, msg.CARD_MALFORMED.format(error=exc), msg.COMPARE_WITH_TRAINED) from exc
        card.validate(source)
        return card

    def validate(self, source: str | os.PathLike = CARD_FILE) -> None:
        """Refuse cards that cannot describe a usable network; messages name the field and the accepted values."""
        problems = []
        if self.task not in TASKS:
            problems.append(msg.UNKNOWN_TASK.format(task=repr(self.task), known=join_items(TASKS)))
        if self.architecture not in ARCHITECTURES:
            problems.append(msg.UNKNOWN_ARCHITECTURE.format(name=repr(self.architecture),
                                                            known=join_items(ARCHITECTURES)))
        if self.activation not in ACTIVATIONS:
            problems.append(msg.UNKNOWN_ACTIVATION.format(name=repr(self.activation), known=join_items(ACTIVATIONS)))
        problems += value_problems(self)
        if self.is_segmentation and any(side % 32 for side in self.input_size):
            problems.append(msg.SIZE_MULTIPLE_OF_32.format(size=list(self.input_size)))
        if self.classical_classes and (self.mask_mode != "pixels" or self.task != "lesion-segmentation"
                                       or not set(self.classical_classes) <= set(self.classes[1:])):
            problems.append(msg.CLASSICAL_CLASSES.format(classes=self.classical_classes))
        if self.mask_mode not in MASK_MODES or (self.mask_mode != "pixels" and self.task != "lesion-segmentation"):
            problems.append(msg.MASK_MODE.format(mode=repr(self.mask_mode), modes=join_items(MASK_MODES)))
        if self.averaged_views and not self.is_segmentation:
            problems.append(msg.VIEWS_NEED_SEGMENTATION)
        if self.is_segmentation and self.architecture in ("classifier", "patch-classifier"):
            problems.append(msg.NEEDS_SEGMENTATION_ARCH.format(task=self.task))
        if (self.task in CANDIDATE_TASKS) != (self.architecture == "patch-classifier"):
            problems.append(msg.CANDIDATE_ARCH.format(tasks=join_items(CANDIDATE_TASKS)))
        elif not self.is_segmentation and self.task in TASKS and self.task not in CANDIDATE_TASKS \
                and self.architecture != "classifier":
            problems.append(msg.NEEDS_CLASSIFIER.format(task=self.task))
        if self.task in CANDIDATE_TASKS and self.task != candidate_task(self.encoder):
            problems.append(msg.CANDIDATE_KIND.format(task=REGION_CANDIDATE_TASK, encoder=repr(REGION_ENCODER),
                                                      dots=CANDIDATE_TASK))
        if self.blend_with and self.task not in CANDIDATE_TASKS:
            problems.append(msg.BLEND_WITH.format(tasks=join_items(CANDIDATE_TASKS)))
        if self.blend_sha256 and not self.blend_with:  # else it would be silently ignored (candidates_draw)
            problems.append(msg.BLEND_SHA256)
        if (self.blend_member or self.blend_levels) and not self.blend_with or self.blend_member and not plain_name(
                self.blend_member):
            problems.append(msg.BLEND_MEMBER)
        if self.blend_levels and not (len(self.blend_levels) == 2 and all(0 < v < 1 for v in self.blend_levels)):
            problems.append(msg.BLEND_LEVELS)
        if self.class_members and (self.mask_mode != "pixels" or self.task != "lesion-segmentation"
                                   or not set(self.class_members) <= set(self.classes) - {BACKGROUND, "OD"}
                                   - set(self.classical_classes)
                                   or not all(plain_name(member) for member in self.class_members.values())):
            problems.append(msg.CLASS_MEMBERS.format(members=self.class_members))
        if set(self.member_sha256) != set(self.member_folders):  # a member unpinned could be swapped
            problems.append(msg.MEMBER_SHA256)
        if not set(self.member_levels) <= set(self.class_members) or not all(
                len(pair) == 2 and 0 < pair[0] < 1 and pair[1] == self.threshold(name)
                for name, pair in self.member_levels.items()):
            problems.append(msg.MEMBER_LEVELS)
        if (self.member_min_field or self.members_averaged) and not self.class_members:  # else silently ignored
            problems.append(msg.MEMBERS_WITHOUT_MEMBERS)
        if problems:
            raise ModelError(source, msg.INVALID_CARD.format(problems=join_clauses(problems)), msg.FIX_CARD)


def plain_name(name: str) -> bool:
    """A member's folder name: one inside the model folder, never a path that leads elsewhere."""
    return name not in ("", ".", "..") and not any(sep in name for sep in "/\\:")


def candidate_task(encoder: str) -> str:
    """The candidates slot a candidates network belongs in: dark regions (the region classifier) or dark dots."""
    return REGION_CANDIDATE_TASK if encoder == REGION_ENCODER else CANDIDATE_TASK


def default_card(task: str, name: str = "") -> ModelCard:
    """The configuration shipped models use: light encoders at moderate resolution, fast on a 2-core CPU."""
    lesion_classes = [BACKGROUND, "MA", "HE", "EX", "SE"]
    configs: dict[str, dict[str, Any]] = {
        "lesion-segmentation": dict(architecture="unet", encoder="resnet18", classes=lesion_classes,
                                    input_size=(640, 640), decoder_channels=[128, 64, 32, 16, 8]),
        "optic-disc": dict(architecture="unet", encoder="resnet18", classes=[BACKGROUND, "OD"],
                           input_size=(384, 384), decoder_channels=[128, 64, 32, 16, 8]),
        "dr-grade": dict(architecture="classifier", encoder="timm:efficientnet_lite0",
                         classes=["0", "1", "2", "3", "4"], input_size=(512, 512)),
        "referable": dict(architecture="classifier", encoder="timm:efficientnet_lite0",
                          classes=["non-referable", "referable"], input_size=(512, 512)),
        "oct": dict(architecture="classifier", encoder="timm:efficientnet_lite0",
                    classes=list(OCT_CLASSES), input_size=(384, 384),
                    preprocessing=Preprocessing(crop_fov=False)),
        "lesions-present": dict(architecture="classifier", encoder="timm:efficientnet_lite0",
                                classes=["absent", "present"], input_size=(512, 512)),
    }
    if task not in configs:
        raise ValueError(f"unknown task {task!r}; known: {', '.join(TASKS)}")
    return ModelCard(name=name or f"default-{task}", task=task, **configs[task])


def file_sha256(path: str | os.PathLike) -> str:
    digest = hashlib.sha256()
    with open_regular(path, error=ModelError) as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def checked_card(folder: str | os.PathLike) -> ModelCard:
    """A model folder's card once its weights (and its members', ``checked_cards``) are there and match the card's
    checksum: every check a load makes before reading tensors, without torch (the settings dialog and the analysis
    plan read the models this way)."""
    return checked_cards(folder)[0]


def checked_cards(folder: str | os.PathLike) -> tuple[ModelCard, dict[str, ModelCard]]:
    """``checked_card`` and the cards of its members (sub-folder -> card, card ``class_members``), each checked as
    a model folder and as able to draw its classes in place of the model's: the same model input (so the two
    networks' pixels coincide), the weights the model's card pins."""
    folder = Path(folder)
    card = _checked_alone(folder)
    members = {}
    for member in card.member_folders:
        member_card = _checked_alone(folder / member)
        drawn = card.member_classes(member)
        mine, its = card.preprocessing, member_card.preprocessing
        if (member_card.task != "lesion-segmentation" or member_card.mask_mode != "pixels"
                or not set(drawn) <= set(member_card.classes) or member_card.class_members
                or tuple(member_card.input_size) != tuple(card.input_size)
                or (its.crop_fov, its.keep_aspect_pad) != (mine.crop_fov, mine.keep_aspect_pad)):
            raise ModelError(folder / member / CARD_FILE, msg.MEMBER_UNFIT.format(
                classes=join_items(drawn), size=list(card.input_size)), msg.ASSEMBLE_AGAIN)
        if member_card.sha256.lower() != card.member_sha256[member].lower():
            raise ModelError(folder / member / WEIGHTS_FILE, msg.MEMBER_CHECKSUM.format(
                expected=card.member_sha256[member][:12], actual=member_card.sha256[:12]), msg.ASSEMBLE_AGAIN)
        members[member] = member_card
    return card, members


def model_files(folder: str | os.PathLike, card: ModelCard) -> list[Path]:
    """The files a model folder's answers depend on: its card and weights, and its members'."""
    folders = [Path(folder)] + [Path(folder, member) for member in card.member_folders]
    return [place / name for place in folders for name in (CARD_FILE, WEIGHTS_FILE)]


def _checked_alone(folder: Path) -> ModelCard:
    card = load_card(folder)
    weights = folder / WEIGHTS_FILE
    if not weights.is_file():
        raise ModelError(weights, msg.WEIGHTS_MISSING, msg.COPY_WEIGHTS.format(weights=WEIGHTS_FILE, card=CARD_FILE))
    if not card.sha256:
        raise ModelError(folder / CARD_FILE, msg.NO_SHA, msg.RESAVE)
    actual = file_sha256(weights)
    if actual != card.sha256.lower():
        raise ModelError(weights, msg.CHECKSUM.format(expected=card.sha256[:12], actual=actual[:12]),
                         msg.WEIGHTS_DAMAGED)
    return card


def save_model_folder(folder: str | os.PathLike, state_dict: Mapping[str, Any], card: ModelCard) -> Path:
    """Write weights then card (both atomically); fills ``card.sha256`` and ``card.created``. Returns the folder."""
    from safetensors.torch import save as safetensors_bytes  # torch is heavy; only needed here

    card.validate(folder)
    folder = Path(folder)
    tensors = {key: value.detach().cpu().contiguous() for key, value in state_dict.items()}
    payload = safetensors_bytes(tensors, metadata={"name": card.name, "task": card.task})
    atomic_write_bytes(folder / WEIGHTS_FILE, payload)
    card.sha256 = hashlib.sha256(payload).hexdigest()
    card.created = card.created or datetime.now(timezone.utc).isoformat(timespec="seconds")
    atomic_write_text(folder / CARD_FILE, card.to_json())
    return folder


def load_card(folder: str | os.PathLike) -> ModelCard:
    """Read and validate ``folder/model.json`` (the weights are checked by inference.loading)."""
    path = Path(folder) / CARD_FILE
    if not path.exists():  # anything else there (a FIFO, a device) is refused by the reader, naming it
        raise ModelError(path, msg.CARD_NOT_FOUND, msg.MODEL_IS_FOLDER.format(weights=WEIGHTS_FILE, card=CARD_FILE))
    try:
        data = json.loads(read_regular_bytes(path, MAX_CARD_BYTES, "a model card", ModelError).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(path, msg.CANNOT_READ_CARD.format(error=decoder_reason(exc)), msg.RESTORE_CARD) from exc
    if not isinstance(data, dict):
        raise ModelError(path, msg.CARD_NOT_OBJECT, msg.RESTORE_CARD)
    return ModelCard.from_dict(data, path)
