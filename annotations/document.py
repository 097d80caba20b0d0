"""The case document: everything a person records about one image. Plain data; edits go through history."""
from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field, fields
from enum import Enum
from typing import Any, Mapping

import numpy as np

from annotations.classes import LesionClass
from annotations.findings import Findings, findings_from_json, findings_to_json


class ReviewState(str, Enum):
    TODO = "todo"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class Modality(str, Enum):
    FUNDUS = "fundus"
    OCT = "oct"


def new_uid() -> str:
    return uuid.uuid4().hex[:12]


READER_SOURCE, IMPORT_SOURCE = "reader", "import"  # Box.source of the reader's own boxes and of imported ones


@dataclass
class Box:
    """A Pascal VOC box in pixel coordinates of the source image (xmax/ymax inclusive, as labelImg writes)."""

    label: LesionClass
    xmin: int
    ymin: int
    xmax: int
    ymax: int
    score: float | None = None
    difficult: bool = False
    truncated: bool = False
    pose: str = "Unspecified"
    source: str = READER_SOURCE  # READER_SOURCE, "ai" or IMPORT_SOURCE
    uid: str = field(default_factory=new_uid)
    # an imported box the reader corrected (now theirs): its label's name and corners as imported, so that importing
    # the file again does not bring it back beside the correction (annotations.workspace.imported_labels)
    imported_as: tuple[str, int, int, int, int] | None = None

    @property
    def width(self) -> int:
        return self.xmax - self.xmin

    @property
    def height(self) -> int:
        return self.ymax - self.ymin

    def coords(self) -> tuple[int, int, int, int]:
        return self.xmin, self.ymin, self.xmax, self.ymax

    def labelled_corners(self) -> tuple[str, int, int, int, int]:
        """Its label's name and corners: what an import's box is known by (imported_as, dismissed_imports)."""
        return (self.label.name, *self.coords())

    def import_origin(self) -> tuple[str, int, int, int, int] | None:
        """The box as an import gave it (labelled_corners): itself while it is the import's, what it was imported as
        once the reader corrected it; None for a box no import gave."""
        return self.labelled_corners() if self.source == IMPORT_SOURCE else self.imported_as


UNGRADABLE = "U"  # how a DR grade's place names a reading of an ungradable photo: compared, recorded, in a CSV cell


@dataclass
class ReaderGrade:
    """The human reader's judgement. None means not recorded yet; ``ungradable``: the reader recorded that the photo
    cannot be graded (an outcome of its own, as screening programmes record "U": re-photograph or refer), with no
    DR grade nor DME risk beside it."""

    dr_grade: int | None = None  # ICDR 0-4
    dme_risk: int | None = None  # 0-2
    referable: bool | None = None
    oct_class: str | None = None  # CNV / DME / DRUSEN / NORMAL for OCT cases
    ungradable: bool = False

    def to_json(self) -> dict[str, Any]:
        """The grade as a case file stores it; ``ungradable`` only when set, so a grade's JSON (and what digests it)
        is as it was before the outcome existed."""
        data = asdict(self)
        if not self.ungradable:
            del data["ungradable"]
        return data


@dataclass
class PatientInfo:
    patient_id: str = ""
    name: str = ""
    age: int | None = None
    birth_date: str = ""  # ISO date; DICOM (0010,0030)
    sex: str = ""  # "F", "M", "X" or ""
    eye: str = ""  # "OD" (right) or "OS" (left) or ""
    exam_date: str = ""  # ISO date
    # the name's ideographic form (王小明) where a DICOM header writes it beside the alphabetic one in ``name``;
    # patients.shown_name shows the two
    ideographic_name: str = ""


@dataclass
class AIResult:
    """What the models said about a case; filled by inference, shown by the GUI and the report.

    ``mask`` is a bit-per-class uint8 array the size of the image (like CaseDocument.mask);
    ``cam`` is a float32 heat map in [0, 1] stretched over the image: kept reduced and quantised
    (annotations.probability_maps.compact_cam), or the size of the image in results saved before. Both may be
    None. ``probabilities`` are the per-class maps the mask was thresholded from, reduced
    (annotations.probability_maps), with the threshold each class was cut at where the analysis knew it.
    """

    models: list[dict[str, Any]] = field(default_factory=list)  # name, version, sha256, task
    dr_grade: int | None = None
    grade_probs: list[float] | None = None
    grade_source: str = ""  # "model" or "icdr-rules"
    referable: bool | None = None
    referable_prob: float | None = None
    oct_probs: dict[str, float] | None = None
    modality: str = ""  # what the analysis took the image for (Modality's value); "" in results stored before
    quality: dict[str, Any] = field(default_factory=dict)  # gradable: bool, reason: str, ...
    findings: Findings | None = None  # fundus lesions, disc, scale, ICDR reading; None for an OCT scan
    mask: np.ndarray | None = None
    cam: np.ndarray | None = None
    probabilities: dict[str, np.ndarray] = field(default_factory=dict)  # class name -> uint8 round(255 x p)
    probability_thresholds: dict[str, float] = field(default_factory=dict)  # class name -> where the mask was cut
    # lesion class name -> the threshold that cut its mask (the reader's or the model card's), whether or not its
    # map is kept: what decides whether the result still stands after the reader changes a threshold
    # (inference.model_plan.cut_at_planned_thresholds). None: stored before they were recorded.
    mask_thresholds: dict[str, float] | None = None
    created_at: str = ""
    device: str = ""  # where it ran ("cpu", "cuda:0", "mps"; the CPU after running out of GPU memory); "" before kept
    # what the analysis warned about (a photo analysed reduced, a job moved to the CPU): English, formatted from
    # inference/messages.py's templates and translated where shown; kept so a reopened case still says them
    warnings: list[str] = field(default_factory=list)

    def scalars_to_json(self) -> dict[str, Any]:
        """Every field except the arrays (``mask``, ``cam``, ``probabilities``), as plain JSON data."""
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ARRAY_FIELDS}
        data["findings"] = findings_to_json(self.findings)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any], mask: np.ndarray | None = None, cam: np.ndarray | None = None,
                  probabilities: dict[str, np.ndarray] | None = None) -> "AIResult":
        values = {f.name: data[f.name] for f in fields(cls) if f.name in data and f.name not in ARRAY_FIELDS}
        values["findings"] = findings_from_json(data.get("findings"))
        return cls(**values, mask=mask, cam=cam, probabilities=dict(probabilities or {}))

    def arrays(self) -> dict[str, np.ndarray]:
        """The arrays by their stored names (mask, cam, prob_MA ...); those the result lacks are left out."""
        arrays = {"mask": self.mask, "cam": self.cam} | {ARRAY_PREFIX + name: levels
                                                          for name, levels in sorted(self.probabilities.items())}
        return {name: array for name, array in arrays.items() if array is not None}

    @classmethod
    def from_arrays(cls, data: dict[str, Any], arrays: Mapping[str, np.ndarray]) -> "AIResult":
        """The result of ``data`` with its arrays as ``arrays()`` names them (a result stored before probabilities
        were kept has none)."""
        probabilities = {name[len(ARRAY_PREFIX):]: array for name, array in arrays.items()
                         if name.startswith(ARRAY_PREFIX)}
        return cls.from_json(data, arrays.get("mask"), arrays.get("cam"), probabilities)


ARRAY_FIELDS = ("mask", "cam", "probabilities")  # stored in their own file, not in the case's JSON
ARRAY_PREFIX = "prob_"  # a probability map's stored name: prob_MA, prob_HE ...


def image_file_name(image_path: str) -> str:
    """The name a case is shown by (the case list, the title): its image's workspace-relative, forward-slash path, so
    that photos filed one folder per patient, named alike (P001/OD.jpg, P002/OD.jpg), are told apart."""
    return image_path


@dataclass
class CaseDocument:
    """One image and its labels. ``mask`` has one bit per class (LesionClass.bit), so classes may overlap."""

    case_id: str
    image_path: str  # relative to the workspace folder, forward slashes
    width: int
    height: int
    mask: np.ndarray = field(default=None)  # type: ignore[assignment]
    boxes: list[Box] = field(default_factory=list)
    ai: AIResult | None = None
    grade: ReaderGrade = field(default_factory=ReaderGrade)
    findings_text: str = ""
    review_state: ReviewState = ReviewState.TODO
    patient: PatientInfo = field(default_factory=PatientInfo)
    modality: Modality = Modality.FUNDUS
    rejected_candidates: list[Box] = field(default_factory=list)  # AI false positives kept for retraining
    # imported boxes the reader deleted, as imported (label's name, corners: Box.imported_as): importing the file
    # again does not bring them back (annotations.workspace.imported_labels)
    dismissed_imports: list[tuple[str, int, int, int, int]] = field(default_factory=list)
    # False while ``modality`` is the default of a case never saved that nobody has examined (new_case): saving it
    # decides it from its file first (Workspace), so no path stores the default as what the image is. Setting
    # ``modality`` (the window from its pixels, the reader's choice, an analysis) decides it.
    modality_decided: bool = field(default=True, compare=False, repr=False)
    # the saved mask file this document was loaded without, missing then (Workspace.load_case's without_missing):
    # named again by each save while the document has no painted pixels, even once the file is put back, so that the
    # file put back is the case's mask again, never one to sweep; painting anew replaces it
    mask_left_out: str | None = field(default=None, compare=False, repr=False)
    # read by Workspace.load_case_fields: its painted mask and its AI result's arrays are still only in its saved
    # files (``mask`` is blank), read where they are needed (Workspace.read_case); never saved (it would blank them)
    fields_only: bool = field(default=False, compare=False, repr=False)

    def __setattr__(self, name: str, value: Any) -> None:
        super().__setattr__(name, value)
        if name == "modality":
            super().__setattr__("modality_decided", True)

    def __post_init__(self) -> None:
        if self.mask is None:
            self.mask = np.zeros((self.height, self.width), dtype=np.uint8)
        if self.mask.shape != (self.height, self.width) or self.mask.dtype != np.uint8:
            raise ValueError(
                f"mask for {self.image_path} is {self.mask.shape} {self.mask.dtype}, "
                f"expected ({self.height}, {self.width}) uint8"
            )

    @property
    def file_name(self) -> str:
        return image_file_name(self.image_path)

    def class_mask(self, cls: LesionClass) -> np.ndarray:
        """Binary (bool) mask of one class."""
        return (self.mask & cls.bit) != 0

    def pixel_counts(self) -> dict[LesionClass, int]:
        return {cls: int(np.count_nonzero(self.mask & cls.bit)) for cls in LesionClass}

    def box_by_uid(self, uid: str) -> Box:
        for box in self.boxes:
            if box.uid == uid:
                return box
        raise KeyError(f"no box {uid} in case {self.case_id}")
