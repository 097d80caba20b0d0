"""Reading training data: the program's own export, IDRiD-style folders, VOC box folders and class-per-folder sets.

One index covers them all, built by walking the folder once:
- images: every image file that is no label image (the masks below);
- per-lesion masks ``NAME_MA|HE|EX|SE|OD.png|tif`` beside their image or in a folder of labels anywhere below (the
  rule the window's folder scan leaves them out of the cases by, photo_sorter: the export's ``masks/``, IDRiD's
  ``2. All Segmentation Groundtruths/.../IDRiD_01_MA.tif``), or named as their image in a folder named for the class
  (mask_folders: DDR's ``label/EX/NAME.tif``, FGADR's ``HardExudate_Masks/NAME.png``, e-ophtha's
  ``Annotation_MA/PATIENT/NAME.png``);
- VOC files ``NAME.xml`` anywhere below (the export's ``voc/``, CODRAS' ``voc/``): boxes, used as weak masks
  (a file with no object at all labels nothing: the export writes one for unreviewed cases too);
- the export's ``hard_negatives.json``: AI candidates a reader rejected, where crops are centred at times;
- grades from any CSV with IDRiD's columns (``grades.csv``, ``IDRiD_Disease Grading_Training Labels.csv``) or a public
  set's own (EyePACS' trainLabels.csv, APTOS 2019's train.csv, Messidor-2's: grades_csv.PUBLIC_GRADE_COLUMNS);
- a class label from the parent folder name when it is one of the task's classes (OCT: ``CNV/``, ``train/DME/``).
Splits come from ``splits/train.txt|val.txt|test.txt`` when present; else images under a folder named like "test"
(IDRiD's "b. Testing Set", Kermany's "test/") are the test split, and with one those under a folder named like
"val" (DDR's "valid") the validation split; else, in a folder of VOC-labelled images (CODRAS),
the test split is HELD_OUT_RULE's, the one `evaluate boxes`, `ship` and `pseudo-masks` hold out; the rest is split
with a seed, keeping one patient's images together (Kermany OCT names carry the patient id: ``CNV-6294785-1``).
"""
from __future__ import annotations

import csv
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotations.classes import LESION_CLASSES, LesionClass
from annotations.decoder_reasons import decoder_reason
from annotations.document import Box, ReaderGrade
from annotations.errors import FileProblem
from annotations.formats import FormatError
from annotations.formats.dataset import SPLIT_NAMES, split_names
from annotations.formats.grades_csv import grades_header, read_grades_csv
from annotations.formats.mask_folders import folder_class
from annotations.formats.masks import class_mask_parts
from annotations.formats.photo_sorter import photos_in
from annotations.formats.voc import read_voc
from annotations.graded_fields import referable_decision
from annotations.image_io import is_image_file
from annotations.regular_files import open_regular, read_regular_bytes
from inference import messages as msg

EOPHTHA_PATIENT = re.compile(r"E\d{7}")  # e-ophtha's patient folders: E0000404/
OCT_PATIENT = re.compile(r"^(?:CNV|DME|DRUSEN|NORMAL)-(?P<patient>\d+)-\d+$", re.IGNORECASE)
TEST_FOLDER = re.compile(r"(^|[^a-z])test(ing)?([^a-z]|$)", re.IGNORECASE)
VAL_FOLDER = re.compile(r"(^|[^a-z])val(id|idation)?([^a-z]|$)", re.IGNORECASE)
DEFAULT_FRACTIONS = (0.7, 0.15, 0.15)
SPLITS_FOLDER = "splits folder"  # how split_source names a split read from split lists
HARD_NEGATIVES_FILE = "hard_negatives.json"
MAX_HARD_NEGATIVES_BYTES = 256 << 20
MAX_SPLIT_LIST_BYTES = 256 << 20  # millions of names
# A Kaggle download's sample_submission.csv / sampleSubmission.csv (APTOS, EyePACS) lists the test photos with grade 0
# for every one: no labels, though its columns are a grading file's
KAGGLE_SUBMISSION = "submission"
TEST_TWIN = "_test"  # the name of a test photo named as a training photo (IDRiD's grading set): _add_test_twin
HELD_OUT_RULE = "images whose number is divisible by 5 (codras_0005, codras_0010, ...)"


def image_number(stem: str) -> int | None:
    digits = re.findall(r"\d+", stem)
    return int(digits[-1]) if digits else None


def is_held_out(stem: str) -> bool:
    """The fixed held-out split of VOC box folders: see HELD_OUT_RULE. Stems without a number are never held out."""
    number = image_number(stem)
    return number is not None and number % 5 == 0


class DataError(Exception):
    """Training data that cannot be used, naming the folder or file and what to do."""


@dataclass
class Sample:
    name: str
    image: Path
    mask_files: dict[LesionClass, Path] = field(default_factory=dict)
    boxes: list[Box] | None = None  # None: no VOC object; []: only objects of classes the label map lacks
    voc: Path | None = None  # the VOC file the boxes came from
    hard_negatives: list[Box] = field(default_factory=list)  # AI candidates a reader rejected (export)
    grade: ReaderGrade | None = None
    folder_label: str | None = None

    @property
    def has_masks(self) -> bool:
        return bool(self.mask_files)


@dataclass
class DatasetIndex:
    root: Path
    samples: dict[str, Sample]
    splits: dict[str, list[str]]  # split name -> sample names
    split_source: str  # SPLITS_FOLDER + " PATH" or "seeded split (seed N)"
    notes: list[str] = field(default_factory=list)
    split_dir: Path | None = None  # the splits folder the split was read from, if any

    def split(self, name: str) -> list[Sample]:
        return [self.samples[n] for n in self.splits.get(name, []) if n in self.samples]


def require_data_folder(root: Path, missing: str = msg.NOT_A_DATA_FOLDER) -> None:
    """DataError saying ``missing`` (naming {path}; box evaluation's words its own) where ``root`` is no folder:
    asked before anything loads (`train`, `evaluate`) as well."""
    if not root.is_dir():
        raise DataError(missing.format(path=root))


def index_folder(root: str | os.PathLike, label_map: dict[str, LesionClass] | None = None,
                 class_names: list[str] | None = None) -> dict[str, Sample]:
    """Every image below ``root`` with whatever labels were found for it; DataError when there are no images."""
    root = Path(root)
    require_data_folder(root)
    files: list[Path] = []
    vocs: dict[tuple[bool, str], Path] = {}  # (in a test folder, stem): see _sided
    csvs: list[Path] = []
    for path in sorted(p for p in root.rglob("*") if p.is_file() and not _hidden(p, root)):
        suffix = path.suffix.lower()
        if suffix == ".xml":
            vocs.setdefault((_tested(path, root), path.stem), path)
        elif suffix == ".csv":
            csvs.append(path)
        elif is_image_file(path):
            files.append(path)
    # NAME.png in a class's folder is a mask when an image NAME exists; NAME_MA.png is one where the window's folder
    # scan leaves it out of the cases (photo_sorter), and the export's masks_indexed/NAME.png repeats masks/ (without
    # overlaps); else each is an image of that name
    in_class_folders = {path: cls for path in files for inside, cls in [folder_class(path.relative_to(root).parent)]
                        if inside}
    stems = {path.stem for path in files if path not in in_class_folders}
    photos = _photos(files, root)
    images: dict[str, Path] = {}
    masks: dict[tuple[bool, str], dict[LesionClass, Path]] = {}
    for path in files:
        parts = class_mask_parts(path.name)
        if path in in_class_folders and path.stem in stems:
            if (cls := in_class_folders[path]) is not None:
                masks.setdefault((_tested(path, root), path.stem), {})[cls] = path
        elif path not in photos:
            if parts is not None:  # a B-scan's (vol_b012_MA.png) names no image here, so pairs with none
                masks.setdefault((_tested(path, root), parts[0]), {})[parts[1]] = path
        elif path.stem in images:
            _add_test_twin(images, path, root)
        else:
            images[path.stem] = path
    if not images:
        raise DataError(msg.NO_IMAGES.format(path=root))
    grades = _read_grades(csvs, root)
    rejected = _read_hard_negatives(root / HARD_NEGATIVES_FILE)
    twinned = {image.stem for name, image in images.items() if name != image.stem}
    samples = {}
    for stem, image in images.items():
        side = (_tested(image, root), image.stem, image.stem in twinned)
        voc = _sided(vocs, *side)
        samples[stem] = Sample(stem, image, mask_files=_sided(masks, *side) or {},
                               boxes=_read_boxes(voc, label_map), voc=voc, grade=_sided(grades, *side),
                               folder_label=_folder_label(image, root, class_names),
                               hard_negatives=rejected.get(stem, []))
    return samples


def load_index(root: str | os.PathLike, label_map: dict[str, LesionClass] | None = None,
               class_names: list[str] | None = None, seed: int = 0,
               fractions: tuple[float, float, float] = DEFAULT_FRACTIONS,
               splits_dir: str | os.PathLike | None = None) -> DatasetIndex:
    """The folder's samples and splits: from ``splits_dir`` (or the folder's own ``splits/``) when it has
    train.txt, val.txt and test.txt, else a published test folder or a seeded split."""
    root = Path(root)
    samples = index_folder(root, label_map, class_names)
    split_dir = Path(splits_dir) if splits_dir is not None else root / "splits"
    notes = []
    if all((split_dir / f"{name}.txt").is_file() for name in SPLIT_NAMES):
        splits = {name: _read_list(split_dir / f"{name}.txt") for name in SPLIT_NAMES}
        unknown = sorted({n for names in splits.values() for n in names} - set(samples))
        if unknown:
            notes.append(msg.NAMES_WITHOUT_IMAGE.format(count=len(unknown), folder=split_dir, first=unknown[0]))
        listed = {n for names in splits.values() for n in names}
        unlisted = sorted(set(samples) - listed)
        if unlisted:
            notes.append(msg.UNLISTED_IMAGES.format(count=len(unlisted), first=unlisted[0]))
        return DatasetIndex(root, samples, splits, f"{SPLITS_FOLDER} {split_dir}", notes, split_dir)
    held_out = {name for name, sample in samples.items() if _tested(sample.image, root)}
    source = "test from folder names"  # a published split (IDRiD "b. Testing Set", Kermany "test/")
    # beside it, a published validation split too (DDR's "valid", Kermany's "val")
    validation = {name for name, sample in samples.items() if name not in held_out
                  and VAL_FOLDER.search(sample.image.relative_to(root).parent.as_posix())} if held_out else set()
    if not held_out and any(sample.voc is not None for sample in samples.values()):
        held_out, source = {name for name in samples if is_held_out(name)}, f"test: {HELD_OUT_RULE}"
    names = sorted(set(samples) - held_out)
    if validation:
        splits = {"train": sorted(set(names) - validation), "val": sorted(validation), "test": sorted(held_out)}
        return DatasetIndex(root, samples, splits, f"{source}, val from folder names", notes)
    if held_out:  # keep the fixed test split, seed the rest into train and val
        train_share = fractions[0] / (fractions[0] + fractions[1]) if fractions[0] + fractions[1] else 1.0
        splits = split_names(names, [_patient_id(samples[n]) for n in names], (train_share, 1.0 - train_share, 0.0),
                             seed)
        splits["test"] = sorted(held_out)
        return DatasetIndex(root, samples, splits, f"{source}, train/val seeded (seed {seed})", notes)
    splits = split_names(names, [_patient_id(samples[n]) for n in names], fractions, seed)
    return DatasetIndex(root, samples, splits, f"seeded split (seed {seed}, fractions {list(fractions)})", notes)


def grade_label(sample: Sample, task: str, classes: list[str]) -> int | None:
    """The class index a classifier should learn for ``sample``, or None when the sample has no such label."""
    if sample.folder_label is not None:
        return classes.index(sample.folder_label)
    if task == "lesions-present":  # image-level label from VOC boxes: any lesion box (an optic-disc box alone: 0)
        return None if sample.boxes is None else int(any(b.label in LESION_CLASSES for b in sample.boxes))
    grade = sample.grade
    if grade is None:
        return None
    if task == "dr-grade":
        return grade.dr_grade
    if task == "referable":
        referable = referable_decision(grade)
        return None if referable is None else int(referable)
    if task == "oct" and grade.oct_class and grade.oct_class in classes:
        return classes.index(grade.oct_class)
    return None


def licence_lines(root: Path) -> list[str]:
    """Lines of the data folder's README that name a licence, so the model card carries them."""
    for name in ("README.md", "README.txt", "README", "LICENSE", "LICENCE"):
        path = root / name
        if path.is_file():
            try:
                with open_regular(path) as handle:
                    text = handle.read(1 << 20).decode("utf-8", errors="replace")  # a README's head is enough
            except FileProblem:
                return []
            keys = ("licen", "cc by", "creative commons")
            return [line.strip(" -*\t") for line in text.splitlines()
                    if any(k in line.lower() for k in keys) and not line.startswith("#")][:6]  # not headings
    return []


def _read_boxes(path: Path | None, label_map: dict[str, LesionClass] | None) -> list[Box] | None:
    """The file's boxes; None when there is no file or it has no object at all, because the export writes a VOC
    file for every case, reviewed or not (an image with only an optic-disc box does say "no lesion here")."""
    if path is None:
        return None
    try:
        annotation = read_voc(path, label_map)
    except FormatError as exc:
        raise DataError(str(exc)) from exc
    return annotation.boxes if annotation.boxes or annotation.unknown_labels else None


def _read_hard_negatives(path: Path) -> dict[str, list[Box]]:
    """The export's ``{NAME: [{label, xmin, ymin, xmax, ymax, score}]}``; absent file: none."""
    if not path.is_file():
        return {}
    try:
        data = json.loads(read_regular_bytes(path, MAX_HARD_NEGATIVES_BYTES, "a hard-negatives file").decode("utf-8"))
        return {name: [Box(LesionClass[r["label"]], int(r["xmin"]), int(r["ymin"]), int(r["xmax"]), int(r["ymax"]),
                           r.get("score"), source="ai") for r in records] for name, records in data.items()}
    except FileProblem as exc:
        raise DataError(str(exc)) from exc
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise DataError(msg.NOT_HARD_NEGATIVES.format(path=path, error=decoder_reason(exc),
                                                      advice=msg.EXPORT_DATASET_AGAIN)) from exc


def _photos(files: list[Path], root: Path) -> set[Path]:
    """The photos among the image ``files`` under ``root``, as the window's folder scan tells them from label
    images."""
    folders: dict[Path, list[str]] = {}
    for path in files:
        folders.setdefault(path.parent.relative_to(root), []).append(path.name)
    return {root / folder / name for folder, names in photos_in(folders, root).items() for name in names}


def _add_test_twin(images: dict[str, Path], path: Path, root: Path) -> None:
    """A second image of a name: where one of the two lies in a test folder (IDRiD's grading set numbers its test
    photos as its training ones, IDRiD_001 in both), that one is named NAME_test, and each takes the labels of its
    own side (_sided); any other twin is refused."""
    first = images[path.stem]
    tested = [image for image in (first, path) if _tested(image, root)]
    twin = f"{path.stem}{TEST_TWIN}"
    if first.stem != path.stem or len(tested) != 1 or twin in images:
        raise DataError(msg.SECOND_IMAGE.format(path=path, name=repr(path.stem), first=first))
    images[path.stem], images[twin] = (first, path) if tested[0] is path else (path, first)


def _sided(found: dict[tuple[bool, str], Any], tested: bool, stem: str, twinned: bool) -> Any:
    """The labels (grades, masks, VOC file) found for the photo ``stem`` on its side of the data set, in a test
    folder or not; else the other side's, unless a photo of the same name lies there (_add_test_twin)."""
    if (tested, stem) in found or twinned:
        return found.get((tested, stem))
    return found.get((not tested, stem))


def _tested(path: Path, root: Path, by_name: bool = False) -> bool:
    """Whether ``path`` lies in a published test folder below ``root`` (TEST_FOLDER: "test", "b. Testing Set"), or,
    ``by_name``, is named for one (IDRiD's "b. IDRiD_Disease Grading_Testing Labels.csv")."""
    relative = path.relative_to(root)
    return TEST_FOLDER.search((relative if by_name else relative.parent).as_posix()) is not None


def _read_grades(csvs: list[Path], root: Path) -> dict[tuple[bool, str], ReaderGrade]:
    """(for the test photos, image stem) -> grade: a CSV named or placed like a test split's (IDRiD's "b. IDRiD_Disease
    Grading_Testing Labels.csv") grades the photos in test folders (_sided)."""
    grades: dict[tuple[bool, str], ReaderGrade] = {}
    for path in csvs:
        if KAGGLE_SUBMISSION in path.stem.lower():
            continue
        try:
            with open_regular(path) as handle:  # only the header line decides
                header = handle.readline(64 << 10).decode("utf-8-sig", errors="replace").splitlines()[:1]
        except FileProblem:
            continue
        if header and grades_header(next(csv.reader(header), [])) is not None:
            try:
                tested = _tested(path, root, by_name=True)
                grades.update({(tested, Path(k).stem): v for k, v in read_grades_csv(path).items()})
            except FormatError as exc:
                raise DataError(str(exc)) from exc
    return grades


def _folder_label(image: Path, root: Path, class_names: list[str] | None) -> str | None:
    if not class_names:
        return None
    lookup = {name.upper(): name for name in class_names}
    for part in reversed(image.relative_to(root).parts[:-1]):
        if part.upper() in lookup:
            return lookup[part.upper()]
    return None


def _patient_id(sample: Sample) -> str:
    """The patient a seeded split keeps together: Kermany's OCT names carry it (``CNV-6294785-1``), e-ophtha keeps
    each patient's photos in a folder of its own (``E0000404/``); "" where neither says."""
    match = OCT_PATIENT.match(sample.name)
    if match:
        return match["patient"]
    folder = sample.image.parent.name
    return folder if EOPHTHA_PATIENT.fullmatch(folder) else ""


def _read_list(path: Path) -> list[str]:
    """A split list's image names, one a line; DataError naming the file when it cannot be read as one."""
    try:
        text = read_regular_bytes(path, MAX_SPLIT_LIST_BYTES, "a split list").decode("utf-8-sig")
    except FileProblem as exc:
        raise DataError(str(exc)) from exc
    except UnicodeDecodeError as exc:
        raise DataError(msg.SPLIT_LIST_NOT_TEXT.format(path=path, error=exc)) from exc
    return [line.strip() for line in text.splitlines() if line.strip()]


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)

