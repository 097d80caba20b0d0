"""Export reviewed cases as a training data set (the layout training reads, see notes/contracts):

    images/NAME.ext             copies of the originals (never moved or changed) with their pixels and EXIF
                                orientation alone (bare_photos: a photo's metadata may name the patient); a DICOM
                                file's picture (its header names the patient) and a B-scan of a volume as a PNG
    masks/NAME_MA.png ...       per-class 0/255 masks, IDRiD naming (cases whose lesions are labelled, see below)
    masks_indexed/NAME.png      one class value per pixel (see masks.INDEXED_OVERLAP_ORDER for overlaps); only for a
                                case with masks and no class labelled by its boxes alone
    voc/NAME.xml                boxes, labelImg style
    grades.csv                  IDRiD columns
    splits/train.txt val.txt test.txt   one NAME per line; cases of one patient share a split, and a case keeps
                                its split when the folder is exported again with more cases (stable_split_names)
    hard_negatives.json         {NAME: [{label, xmin, ymin, xmax, ymax, score}]} AI candidates a reader rejected

An empty mask of a case nobody painted or finished would teach a model "no lesions here", so masks are written
only for cases with painted pixels or marked done whose lesions are labelled (``lesions_labelled``): a lesion painted
or boxed, or the reader's grade No DR. A case graded 1 or more with no lesion marked was graded, not annotated, and
one marked done without a grade is read the same (nobody said it has none): it gets no mask at all, its disc's
neither (a lone NAME_OD.png makes a reader take every lesion class as absent), and keeps its grade for the grade
tasks. A class boxed with none of it painted (``boxed_only_classes``) gets no mask: its empty mask would say "no
lesion" inside its own boxes, which label it instead (training reads them as rough masks: inference.targets); the
other classes' masks, the optic disc's among them, are written. The indexed PNG has no place for a class known only
by its boxes (it would show it absent inside them), so such a case gets none. The summary names the cases of both.

Shared files (grades, hard negatives, then splits) are written last, and with ``overwrite`` an earlier export's are
removed before the first case when the program can prove it wrote them (OutputFolder.remove_own), the split lists
first: an export stopped part-way (or cut off by a power cut) has no split lists, not even ones describing the
earlier data set beside a mix of its and this export's case files, and is visibly incomplete.

With ``overwrite``, an earlier export's files in the case folders that this export no longer writes (a case since
removed, renamed or unlabelled, or left out of the cases chosen; a class since erased or known by its boxes alone)
are removed when the program can prove it wrote them (OutputFolder.remove_own): a data set is one export's cases,
and left there, training would read cases or labels this export leaves out. Any other file stays.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import random
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Sequence

import numpy as np
from PIL import Image

from annotations import messages as file_msg
from annotations.classes import ALL_CLASSES, LESION_CLASSES, LesionClass
from annotations.consistency import reader_lesion_names
from annotations.dicom import looks_like_dicom
from annotations.document import Box, CaseDocument, ReaderGrade, ReviewState
from annotations.errors import FileProblem
from annotations.formats import CaseSkipped, FormatError
from annotations.formats import messages as msg
from annotations.formats.bare_photos import bare_photo
from annotations.formats.grades_csv import grades_csv_text
from annotations.formats.masks import (INDEXED_FOLDER, MASKS_FOLDER, all_class_mask_names, class_mask_images,
                                       class_mask_name, indexed_png_bytes, masks_beside_photos, written_classes)
from annotations.formats.voc import annotation_from_case, voc_bytes
from annotations.frames import split_frame
from annotations.image_io import ImageLoadError, load_image
from annotations.output_folder import OutputFolder
from annotations.output_names import plan_stems
from annotations.progress import NullState, TaskState, check_cancelled
from annotations.regular_files import open_regular, refused_by_the_system, unreadable

SPLIT_NAMES = ("train", "val", "test")
# in the order written; the split lists last, and removed first: training takes a folder with all three for a whole
# data set (inference.dataset.load_index), so a power cut never leaves them beside a set lacking the others
SHARED_FILES = ("grades.csv", "hard_negatives.json", *(f"splits/{split}.txt" for split in SPLIT_NAMES))
CASE_FOLDERS = ("images", "voc", MASKS_FOLDER, INDEXED_FOLDER)  # one file (set) per case in each; the rest is shared
# an export's progress at each case, translated where shown (widgets.transfer_progress.EXPORT_PROGRESS)
EXPORTING = "Exporting {name} ({number} of {count})"


def export_dataset(cases: Sequence[CaseDocument], image_files: Sequence[str | os.PathLike],
                   out_dir: str | os.PathLike | OutputFolder, splits: tuple[float, float, float] = (0.7, 0.15, 0.15),
                   seed: int = 0, state: TaskState = NullState(), names: Sequence[str] | None = None
                   ) -> dict[str, Any]:
    """Write the data set; returns a summary: cases, those with masks and those with a lesion class labelled by
    its boxes alone, those left without masks as their lesions are not labelled, those left without an indexed
    PNG, boxes and labelled pixels per class, split sizes, how many images left metadata of their originals out.

    ``names`` (default: output_names.plan_stems of the cases' images, flat) are the unique file stems. Every file
    is checked before the first is written (OutputFolder.reserve). A case that raises CaseSkipped when read is left
    out (its files of an earlier export stay), and so is one whose image is gone since the export began (deleted or
    moved), as the case of an image gone before it is, one whose image is no file any more (a named pipe put in its
    place) and one whose image cannot be copied bare of its metadata (a WebP under a photo's name, a file cut
    short: bare_photos): the summary's ``images_left_out`` says why. Raises
    Cancelled (between cases) when ``state`` is cancelled, FormatError when an image file cannot be read (a
    permission, a share failing), OutputError when a file is in the way.
    """
    if len(cases) != len(image_files):
        raise ValueError(f"{len(cases)} cases but {len(image_files)} image files")
    _check_fractions(splits)
    out = out_dir if isinstance(out_dir, OutputFolder) else OutputFolder(out_dir, originals=image_files)
    sources = [Path(p) for p in image_files]
    names = list(names) if names is not None else plan_stems([doc.image_path for doc in cases], flat=True,
                                                             mask_files_among=masks_beside_photos)[0]
    out.reserve(_planned_files(names, sources))
    if out.overwrite:
        _remove_earlier_shared_files(out)
    boxes = {cls.name: 0 for cls in ALL_CLASSES}
    pixels = {cls.name: 0 for cls in ALL_CLASSES}
    hard_negatives: dict[str, list[dict[str, Any]]] = {}
    masked_cases = boxed_lesions = metadata_left_out = 0
    lesions_unknown: list[str] = []  # reviewed cases left without masks: lesions_labelled
    not_indexed: list[tuple[str, list[str]]] = []  # cases with masks but no indexed PNG, with their boxed classes
    written: list[_Written] = []  # what the shared files need, so that no case is loaded twice (a 12 MP mask each)
    skipped: list[str] = []  # the files of cases that cannot be read: an earlier export's stay (maybe the last copy)
    skipped_cases: set[str] = set()  # and those an earlier export wrote of them under other names
    images_left_out: list[str] = []
    for index, (source, name) in enumerate(zip(sources, names)):
        check_cancelled(state)
        state.progress(index / max(len(cases), 1), EXPORTING.format(name=name, number=index + 1, count=len(cases)))
        image_file = split_frame(source)[0]
        if _gone(image_file):  # before its case is read; its files of an earlier export stay, as a skipped case's
            skipped += _case_files(name, source)
            images_left_out.append(str(FileProblem(image_file, file_msg.NOT_FOUND, file_msg.NOT_MOVED)))
            continue
        try:
            image, bared = _read_image(source)
        except ImageLoadError as exc:  # one photo the data set cannot take stops none of the others; not loaded
            skipped += _case_files(name, source)
            images_left_out.append(str(exc))
            continue
        try:
            doc = cases[index]
        except CaseSkipped as exc:
            skipped += _case_files(name, source)
            skipped_cases.add(exc.case_id)
            continue
        image_name = name + _image_suffix(source)
        out.write_bytes(f"images/{image_name}", image, case=doc.case_id)
        metadata_left_out += bared
        out.write_bytes(f"voc/{name}.xml", voc_bytes(annotation_from_case(doc, Path("images") / image_name)),
                        case=doc.case_id)
        boxed_only = boxed_only_classes(doc.mask, doc.boxes)
        boxed_lesions += not boxed_only.isdisjoint(LESION_CLASSES)
        if writes_masks(doc):
            for mask_name, data in class_mask_images(name, doc.mask, left_out=boxed_only):
                out.write_bytes(f"{MASKS_FOLDER}/{mask_name}", data, case=doc.case_id)
            if boxed_only:
                not_indexed.append((name, [cls.name for cls in ALL_CLASSES if cls in boxed_only]))
            else:
                out.write_bytes(f"{INDEXED_FOLDER}/{name}.png", indexed_png_bytes(doc.mask), case=doc.case_id)
            masked_cases += 1
        elif _reviewed(doc):
            lesions_unknown.append(name)
        for box in doc.boxes:
            boxes[box.label.name] += 1
        for cls, count in doc.pixel_counts().items():
            pixels[cls.name] += count
        if doc.rejected_candidates:
            hard_negatives[name] = [_box_record(box) for box in doc.rejected_candidates]
        written.append(_Written(name, doc.image_path, doc.grade, doc.patient.patient_id))
    check_cancelled(state)
    skipped_recorded = {out.recorded(case) for case in skipped_cases}  # as the earlier export's list names them
    kept = {*skipped, *(file for file, case in out.earlier_cases(out.job).items() if case in skipped_recorded)}
    removed = _remove_earlier_case_files(out, kept) if out.overwrite else []
    out.write_text("grades.csv", grades_csv_text(written, image_names=[case.name for case in written]))
    out.write_text("hard_negatives.json", json.dumps(hard_negatives, indent=1))
    split_lists = stable_split_names([case.name for case in written], [case.image_path for case in written],
                                     [case.patient_id for case in written], splits, seed)
    for split, members in split_lists.items():  # last (SHARED_FILES): with them, training takes the set for whole
        out.write_text(f"splits/{split}.txt", "".join(f"{m}\n" for m in sorted(members)))
    state.progress(1.0, f"Exported {len(written)} cases to {out.root}")
    return {
        "out_dir": str(out.root),
        "cases": len(written),
        "masked_cases": masked_cases,
        "boxed_lesion_cases": boxed_lesions,  # cases with a lesion class boxed, none of it painted
        "lesions_unknown": lesions_unknown,  # names of the reviewed cases whose lesions nobody labelled: no masks
        "not_indexed": not_indexed,  # (name, classes boxed, none painted) of the cases with masks, no indexed PNG
        "boxes": boxes,
        "pixels": pixels,
        "splits": {split: len(members) for split, members in split_lists.items()},
        "hard_negatives": sum(len(v) for v in hard_negatives.values()),
        "removed": removed,  # an earlier export's case files, stale
        "images_left_out": images_left_out,  # why each case whose image is gone or cannot be copied is left out
        "metadata_left_out": metadata_left_out,  # images written without some of their original's metadata
    }


@dataclass(frozen=True)
class _Written:
    """A case whose files are written, as the shared files (grades, splits) need it: without its mask."""
    name: str
    image_path: str
    grade: ReaderGrade
    patient_id: str


def writes_masks(doc: CaseDocument) -> bool:
    """Whether a case gets masks: painted pixels, or marked done, and its lesions labelled (see the module
    docstring)."""
    return _reviewed(doc) and lesions_labelled(doc)


def lesions_labelled(doc: CaseDocument) -> bool:
    """Whether ``doc`` says where its lesions are and are not (lesions_labelled_by), by the lesions the reader painted
    or boxed as the case index records them (consistency.reader_lesion_names): the retrain counts by the same."""
    return lesions_labelled_by(bool(reader_lesion_names(doc)), doc.grade.dr_grade)


def lesions_labelled_by(marked: bool, dr_grade: int | None) -> bool:
    """Whether a reviewed case with a lesion painted or boxed (``marked``) or not, and the reader's ``dr_grade``,
    says where its lesions are and are not: one marked does, and one graded No DR (nothing to mark); one graded 1 or
    more, or not graded, with none marked was graded, not annotated: nobody said it has none. Retraining counts
    the cases it leaves out of lesion learning by this rule too (inference.training.retrain_labels)."""
    return marked or dr_grade == 0


def _reviewed(doc: CaseDocument) -> bool:
    """A case whose masks would be read as its labels: painted pixels, or marked done."""
    return bool(doc.mask.any()) or doc.review_state is ReviewState.DONE


def mask_files(name: str) -> list[str]:
    """Every masks/ file the export may write for a case named ``name``."""
    return [f"{MASKS_FOLDER}/{mask_name}" for mask_name in all_class_mask_names(name)]


def mask_files_written(doc: CaseDocument, name: str) -> list[str]:
    """The masks/ files the export writes for ``doc`` as ``name``."""
    if not writes_masks(doc):
        return []
    left_out = boxed_only_classes(doc.mask, doc.boxes)
    return [f"{MASKS_FOLDER}/{class_mask_name(name, cls)}" for cls in written_classes(doc.mask, left_out)]


def boxed_only_classes(mask_bits: np.ndarray, boxes: Sequence[Box]) -> frozenset[LesionClass]:
    """The classes ``boxes`` name with no pixel of them painted in ``mask_bits``: each box says "this class is
    somewhere in here", and only the boxes label such a class (an empty mask of it would say "none anywhere").
    Training and evaluation read a data set's classes by this rule too (inference.targets)."""
    painted = int(np.bitwise_or.reduce(mask_bits, axis=None)) if mask_bits.size else 0
    return frozenset(box.label for box in boxes if not painted & box.label.bit)


def split_names(names: Sequence[str], patient_ids: Sequence[str], fractions: tuple[float, float, float],
                seed: int) -> dict[str, list[str]]:
    """Deterministic for a seed whatever the input order; all cases of one patient id land in the same split."""
    groups: dict[str, list[str]] = {}
    for name, patient_id in sorted(zip(names, patient_ids)):
        groups.setdefault(_split_group(name, patient_id), []).append(name)
    keys = sorted(groups)
    random.Random(seed).shuffle(keys)
    total = len(names)
    bounds = (round(total * fractions[0]), round(total * (fractions[0] + fractions[1])), total)
    result: dict[str, list[str]] = {split: [] for split in SPLIT_NAMES}
    assigned = 0
    for key in keys:
        split = next(s for s, bound in zip(SPLIT_NAMES, bounds) if assigned < bound)
        result[split].extend(groups[key])
        assigned += len(groups[key])
    return result


def stable_split_names(names: Sequence[str], identities: Sequence[str], patient_ids: Sequence[str],
                       fractions: tuple[float, float, float], seed: int) -> dict[str, list[str]]:
    """Splits in which each case's side is fixed by a hash of its patient id, else of its identity (the image's path
    in the folder): an export made again with more cases keeps every earlier case where it was, so a model retrained
    on the earlier export is not scored on a photo it learned from, and successive retrains are scored on the same
    photos and more. The shares are the fractions' on average, not exactly. In a small set whose draws left the last
    split with a share (the one a retrain is scored on) empty, it takes the group drawn nearest its bound, unless
    that would leave nothing to train on; once a case added later is drawn to that split itself, the group goes
    back to its own draw's side (validation, or training where every draw was a training one), so a later retrain
    is not scored on it: not the same photos and more, then, though still none an earlier model trained on. And a
    set whose every group was drawn out (one patient's cases, or under one in a hundred of four) trains on the
    lowest draw, which goes back out once another case is drawn in. A patient ID typed in later changes a case's
    key, and may move it.
    """
    groups: dict[str, list[str]] = {}
    for name, identity, patient_id in zip(names, identities, patient_ids):
        groups.setdefault(_split_group(identity, patient_id), []).append(name)
    draws = {key: _uniform_draw(seed, key) for key in groups}
    bounds = (fractions[0], fractions[0] + fractions[1])
    sides = {key: SPLIT_NAMES[sum(draw >= bound for bound in bounds)] for key, draw in draws.items()}
    scored_on = next((split for split, share in zip(SPLIT_NAMES[:0:-1], fractions[:0:-1]) if share > 0), None)
    ordered = sorted(draws, key=draws.__getitem__)
    if ordered and fractions[0] > 0 and "train" not in sides.values():
        sides[ordered[0]] = "train"
    if ordered and scored_on is not None and scored_on not in sides.values():  # none: every case was skipped
        if sides[ordered[-1]] != "train" or list(sides.values()).count("train") > 1:
            sides[ordered[-1]] = scored_on
    result: dict[str, list[str]] = {split: [] for split in SPLIT_NAMES}
    for key, side in sides.items():
        result[side].extend(groups[key])
    return {split: sorted(members) for split, members in result.items()}


def _split_group(identity: str, patient_id: str) -> str:
    """The group a case goes to a split with: its patient's cases, else itself alone."""
    return f"patient:{patient_id}" if patient_id else f"case:{identity}"


def _uniform_draw(seed: int, key: str) -> float:
    """A number in [0, 1) fixed by the seed and the key alone (not by the other cases, nor by Python's hash seed)."""
    digest = hashlib.sha256(f"{seed}\0{key}".encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:8], "big") / 2 ** 64


def _check_fractions(splits: tuple[float, float, float]) -> None:
    if len(splits) != 3 or any(f < 0 for f in splits) or abs(sum(splits) - 1.0) > 1e-6:
        raise ValueError(f"splits {tuple(splits)} must be three non-negative fractions (train, val, test) "
                         "that add up to 1")


def _planned_files(names: Sequence[str], sources: Sequence[Path]) -> list[str]:
    """Every file the export may write, so all of them are checked before the first is written."""
    return [*SHARED_FILES, *(file for name, source in zip(names, sources) for file in _case_files(name, source))]


def _gone(image_file: str | os.PathLike) -> bool:
    """Whether the photo is no longer there (deleted, moved away). One the system fails to look at (a share lost, a
    folder's permission) is not gone: its read says why, and the export stops there, rather than leave it and every
    photo after it on that share out as deleted."""
    try:
        os.stat(image_file)
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        return False
    return False


def _case_files(name: str, source: Path) -> list[str]:
    """Every file the export may write for the case named ``name``."""
    return [f"images/{name}{_image_suffix(source)}", f"voc/{name}.xml", f"{INDEXED_FOLDER}/{name}.png",
            *mask_files(name)]


def _remove_earlier_shared_files(out: OutputFolder) -> None:
    """An earlier export's shared files, where still as written: until this export writes its own, none describes
    a data set that is not there. One changed since is not the program's: it stays (and is replaced at the end)."""
    for name in reversed(SHARED_FILES):
        if out.is_own(name):
            out.remove_own(name)


def earlier_shared_files_removed(out: OutputFolder) -> tuple[str, ...]:
    """The shared files of an earlier export that this one removed (``_remove_earlier_shared_files``) and has not
    written anew (an export stopped while it wrote them)."""
    removed = {path.relative_to(out.root).as_posix() for path in out.removed} - \
        {path.relative_to(out.root).as_posix() for path in out.written}
    return tuple(name for name in SHARED_FILES if name in removed)


def _remove_earlier_case_files(out: OutputFolder, kept: set[str]) -> list[str]:
    """The case folders' files an earlier export wrote and this one did not, but ``kept``, where still as written
    (remove_own): those removed."""
    return [name for name in out.earlier_outputs()
            if PurePosixPath(name).parts[0] in CASE_FOLDERS and name not in kept and out.remove_own(name)]


def _image_suffix(source: Path) -> str:
    """The copied file's own suffix; a picture written as a PNG (_decoded_to_png) gets ".png"."""
    return ".png" if _decoded_to_png(source) else source.suffix.lower()


def _decoded_to_png(source: Path) -> bool:
    """A B-scan of a volume (annotations.frames), written as a PNG of that frame alone, and a DICOM file, written as
    a PNG of its picture: its header names the patient (name, ID, birth date), which a training set, made to be
    shared and learned from, must not carry (the copies had)."""
    file, number = split_frame(source)
    return number is not None or looks_like_dicom(file)


def _read_image(source: Path) -> tuple[bytes, bool]:
    """The original's pixels and orientation (bare_photos), or its picture as a PNG (_decoded_to_png); and whether
    any of the original's metadata was left out."""
    if _decoded_to_png(source):
        buffer = io.BytesIO()
        Image.fromarray(load_image(source)).save(buffer, format="PNG")  # ImageLoadError names the file
        return buffer.getvalue(), True
    try:
        with open_regular(source, error=ImageLoadError) as handle:  # a named pipe swapped in is never waited on
            data = handle.read()
    except ImageLoadError as exc:  # not a file (left out, as a photo gone meanwhile), or the system's refusal
        if refused_by_the_system(exc):
            raise unreadable(source, exc.__cause__, FormatError) from exc.__cause__
        raise
    except OSError as exc:  # what to do fits the cause: a permission, a share lost
        raise unreadable(source, exc, FormatError) from exc
    bare = bare_photo(source, data)
    return bare, bare != data


def _box_record(box: Box) -> dict[str, Any]:
    return {"label": box.label.name, "xmin": box.xmin, "ymin": box.ymin, "xmax": box.xmax, "ymax": box.ymax,
            "score": box.score}
