"""What a training run is asked to do (TrainConfig) and what it produced (TrainResult)."""
from __future__ import annotations

from dataclasses import MISSING, asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from annotations.wording import join_clauses, join_items
from inference.model_card import SEGMENTATION_TASKS, ModelCard
from inference.training import messages as msg

# command-line task words -> model card tasks
TASKS: dict[str, str] = {"seg": "lesion-segmentation", "grade": "dr-grade", "referable": "referable", "oct": "oct",
                       "present": "lesions-present", "disc": "optic-disc"}
SEGMENTATION_ARCHITECTURES = ("unet", "unetplusplus", "manet")
PIXEL_LOSSES = ("ce", "focal")
REGION_LOSSES = ("dice", "lovasz")  # segmentation's per-class overlap term: soft Dice or Lovász-softmax
# what the other tasks' runs ignore, so neither their cards' hyper-parameters nor their recorded commands name them
SEGMENTATION_ONLY = ("arch", "crop", "region_loss", "dice_weights", "dice_factor", "box_mode", "box_factor",
                     "weak_share", "tiled", "decoder_channels", "keep_classes", "keep_factor")
DEFAULT_KEEP_FACTOR = 1.0  # --keep-classes' term as heavy as the loss it joins, unless --keep-factor says otherwise
GRADE_ONLY = ("ordinal",)  # the cumulative loss term needs ordered classes: the DR grades


def ignored_fields(task: str) -> tuple[str, ...]:
    """The TrainConfig fields (and command-line options) that a run of ``task`` (a command-line word or a card
    task) ignores."""
    card_task = TASKS.get(task, task)
    return ((() if card_task in SEGMENTATION_TASKS else SEGMENTATION_ONLY)
            + (() if card_task == "dr-grade" else GRADE_ONLY))


@dataclass
class TrainConfig:
    task: str  # seg | grade | referable | oct | present | disc (or the card task name)
    data: Path
    out: Path
    arch: str = "unet"  # segmentation only; classifiers are always "classifier"
    encoder: str | None = None  # None: the shipped models' encoder for the task
    epochs: int = 20
    size: int | None = None  # model input side (square); None: the task's default
    crop: int | None = None  # segmentation training crop side; None: the input side (tiled: not the whole image)
    batch_size: int = 4
    lr: float = 1e-3
    weight_decay: float = 1e-4
    seed: int = 0
    device: str = "auto"
    loss: str = "ce"  # pixel/label loss: ce or focal (segmentation adds a weighted region term)
    focal_gamma: float = 2.0
    region_loss: str = "dice"  # segmentation's region term, one of REGION_LOSSES
    dice_weights: dict[str, float] = field(default_factory=dict)  # region term per class: losses.PUBLISHED_DICE_WEIGHTS
    dice_factor: float = 1.0  # weight of the region term
    box_mode: str = "weak"  # VOC boxes as weak masks (weak) or as filled masks (fill)
    box_factor: float = 0.5  # weight of the "each box holds its class" term
    label_map: str = ""  # VOC names -> classes, e.g. hard_exudates=EX,haemorrhage=HE,optic_disc=OD
    ordinal: bool = False  # grade: add the cumulative (ordinal) loss term
    balance_power: float = 0.5  # class-balanced sampling strength: 0 uniform .. 1 fully balanced
    weak_share: float | None = None  # share of draws from images labelled by boxes alone, painted ones mixed in
    steps_per_epoch: int | None = None  # None: one pass over the training split
    augment: bool = True
    tiled: bool = False  # segmentation: train at the resolution of tiled inference (TILE_SCALE x input size)
    amp: bool = True  # mixed precision on CUDA
    resume: bool = False
    finish: bool = False  # with resume: write the model from the last checkpoint now, training no further epoch
    overwrite: bool = False  # replace a model already in ``out`` (otherwise refused before training starts)
    decoder_channels: list[int] | None = None
    ben_graham: bool = False  # preprocessing: subtract the local average colour (lesions stand out; small data)
    clahe: bool = False  # preprocessing: contrast-limited equalisation of lightness (preprocess.apply_clahe)
    splits: Path | None = None  # folder with train/val/test.txt when the data folder has no splits/ of its own
    workers: int | None = None  # DataLoader worker processes per rank; None: loader.default_workers()
    cache_dir: Path | None = None  # prepared images; None: prepared_cache.default_cache_dir()
    cache_limit: int | None = None  # bytes the cache keeps between runs; None: prepared_cache.DEFAULT_LIMIT_BYTES
    # a model to fine-tune: its network, preprocessing, weights and lesion sources (init_from.py; training.init_from)
    init_from: Path | None = None
    # segmentation from init_from: classes whose outputs that model's stay the target of (losses.kept_output_loss)
    keep_classes: list[str] = field(default_factory=list)
    keep_factor: float = DEFAULT_KEEP_FACTOR  # weight of that term
    name: str = ""
    licence: str = ""  # of the training data; else read from the data folder's README
    data_name: str = ""  # the data as the card's limits name it; "": the data folder's name
    data_origin: str = ""  # the card's training.data where `data` is a scratch copy (retraining's export); "": data
    command: str = ""  # the command line, recorded in the card

    def __post_init__(self) -> None:
        self.data, self.out = Path(self.data), Path(self.out)
        self.cache_dir = Path(self.cache_dir) if self.cache_dir is not None else None
        self.init_from = Path(self.init_from) if self.init_from is not None else None
        problems = []
        if self.card_task not in TASKS.values():
            problems.append(msg.UNKNOWN_TASK.format(task=repr(self.task), choices=join_items(TASKS)))
        if self.arch not in SEGMENTATION_ARCHITECTURES:
            problems.append(msg.UNKNOWN_ARCHITECTURE.format(name=repr(self.arch), option="--arch",
                                                            choices=join_items(SEGMENTATION_ARCHITECTURES)))
        for option, name, choices in (("--loss", self.loss, PIXEL_LOSSES),
                                      ("--region-loss", self.region_loss, REGION_LOSSES)):
            if name not in choices:  # the command line's choices catch these; a config from elsewhere says which
                problems.append(msg.UNKNOWN_LOSS.format(name=repr(name), option=option, choices=join_items(choices)))
        if self.box_mode not in ("weak", "fill"):
            problems.append(msg.UNKNOWN_BOX_MODE.format(name=repr(self.box_mode)))
        if self.weak_share is not None and not 0.0 < self.weak_share < 1.0:
            problems.append(msg.WEAK_SHARE.format(value=self.weak_share))
        if self.box_factor < 0:
            problems.append(msg.BOX_FACTOR.format(value=self.box_factor))
        if self.workers is not None and self.workers < 0:
            problems.append(msg.WORKERS)
        if self.cache_limit is not None and self.cache_limit < 0:
            problems.append(msg.CACHE_LIMIT)
        if self.finish and not self.resume:
            problems.append(msg.FINISH_NEEDS_RESUME)
        if self.keep_classes and self.card_task != "lesion-segmentation":
            problems.append(msg.KEEP_LESIONS_ONLY)
        elif self.keep_classes and self.init_from is None:
            problems.append(msg.KEEP_NEEDS_INIT_FROM)
        if self.keep_factor < 0:
            problems.append(msg.KEEP_FACTOR.format(value=self.keep_factor))
        elif self.keep_factor != DEFAULT_KEEP_FACTOR and not self.keep_classes:  # it would weigh nothing
            problems.append(msg.KEEP_FACTOR_ALONE)
        if self.epochs < 1 or self.batch_size < 1:
            problems.append(msg.EPOCHS)
        for option, value in (("--size", self.size), ("--crop", self.crop)):
            if value is not None and (value < 32 or value % 32):
                problems.append(msg.MULTIPLE_OF_32.format(option=option, value=value))
        if problems:
            raise ValueError(join_clauses(problems))

    @property
    def card_task(self) -> str:
        return TASKS.get(self.task, self.task)

    @property
    def is_segmentation(self) -> bool:
        return self.card_task in SEGMENTATION_TASKS

    def hyper_parameters(self) -> dict[str, Any]:
        """What the card records: everything that shapes the weights (not paths or resume, nor what the task
        ignores)."""
        skip = {"data", "out", "resume", "finish", "overwrite", "command", "name", "licence", "data_name",
                "data_origin", "device", "splits", "workers", "cache_dir", "cache_limit", "init_from",
                *ignored_fields(self.task)}
        return {key: value for key, value in asdict(self).items() if key not in skip}

    @classmethod
    def hyper_parameter_defaults(cls) -> dict[str, Any]:
        """Each hyper-parameter's default: what a checkpoint written before the option existed was trained with."""
        return {f.name: f.default if f.default is not MISSING else f.default_factory()
                for f in fields(cls) if f.default is not MISSING or f.default_factory is not MISSING}


@dataclass
class TrainResult:
    model_dir: Path
    card: ModelCard
    history: list[dict[str, Any]]  # one entry per epoch: epoch, train_loss, val_loss, ...
    metrics: dict[str, Any]  # on the held-out split (see metrics["split"])
    steps: int
    seconds: float  # training time, every stretch of a resumed run together
    images_per_second: float  # optimisation steps only (batches, forward, backward, update)
    resumed_from_epoch: int = 0
