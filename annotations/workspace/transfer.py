"""Export a workspace's labels, and the summary an export or an import (label_import) gives.

Plain functions over a Workspace so the command line and the GUI's dialogs run the same code.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Callable, Sequence

import numpy as np

from annotations import messages as msg
from annotations.case_names import case_name
from annotations.classes import LESION_CLASSES, LesionClass
from annotations.document import CaseDocument, ReaderGrade
from annotations.formats import CaseSkipped, coco, cvat, dataset, labelme, masks, readable_cases, voc, yolo
from annotations.formats.dataset import EXPORTING, boxed_only_classes, export_dataset
from annotations.formats.grades_csv import grades_csv_text
from annotations.formats.label_map import names_for_export
from annotations.frames import every_address, listed_case_id, split_bscan_case_id
from annotations.image_io import ImageLoadError
from annotations.output_folder import OutputError, OutputFolder
from annotations.output_names import plan_stems
from annotations.progress import NullState, TaskState, check_cancelled
from annotations.wording import join_names
from annotations.workspace import transfer_messages as warning
from annotations.workspace.earlier_names import case_file_names, earlier_names_note
from annotations.workspace.errors import DamagedCaseFile, WorkspaceError
from annotations.workspace.export_source import ExportSource
from annotations.workspace.labelled_cases import labelled_or_done
from annotations.workspace.name_key import dataset_name_key
from annotations.workspace.workspace import Workspace

EXPORT_FORMATS: tuple[str, ...] = ("voc", "masks", "indexed", "coco", "csv", "dataset", "yolo", "cvat", "labelme")
# What an export format holds of a case's labels; its summary counts only that (a VOC export has no pixels to count)
HOLDS_BOXES = frozenset({"voc", "yolo", "coco", "cvat", "labelme", "dataset"})
HOLDS_PIXELS = frozenset({"masks", "indexed", "coco", "cvat", "labelme", "dataset"})
# Formats that write boxes only: the masks painted in a case are not in their files (transfer_texts says so)
BOXES_ONLY = HOLDS_BOXES - HOLDS_PIXELS
# The formats named to keep painted masks in: each keeps every class whole (an indexed PNG writes overlaps as one
# class; a training data set leaves some cases' masks out)
KEEP_PAINTED = ("masks", "coco", "cvat", "labelme")
# Formats whose --overwrite removes what an earlier export of theirs wrote for a case they no longer write: every
# format with a file (set) per case (the dataset export sweeps its own case folders: formats.dataset)
SWEEPS_CASES_REPLACED = frozenset({"voc", "masks", "indexed", "yolo", "labelme"})
# Formats that name a case (a file, a CSV row) by its photo's own name (``sub/x.jpg`` -> ``x.xml``), as labelImg and
# labelme name the labels they save in a folder of their own and look for them there (photos that share a name take
# their paths': output_names.plan_stems); COCO and CVAT name each image by its path inside the one file they write
NAMED_AS_PHOTO = SWEEPS_CASES_REPLACED | {"dataset", "csv"}


@dataclass
class TransferSummary:
    """What an import or export did: cases, boxes and labelled pixels per class, and what it skipped."""

    action: str  # "import" or "export"
    fmt: str
    location: Path
    cases: int = 0
    boxes: Counter = field(default_factory=Counter)  # LesionClass -> count
    pixels: Counter = field(default_factory=Counter)  # LesionClass -> labelled pixels
    warnings: list[str] = field(default_factory=list)
    files: int = 0  # files an export actually wrote
    unlabelled: int = 0  # cases an export left out: nobody labelled them or marked them done (labelled_cases)
    skipped: int = 0  # cases an export could not read, an import could not write (each named in warnings)
    # label files an import left out (each named in warnings): unreadable, not the case's size, its photo damaged, or
    # named as several photos could be; not those naming no photo of the folder
    labels_left_out: int = 0
    boxes_already_there: int = 0  # boxes an import found in the case already (the reader's own), not added twice
    overlap_pixels: int = 0  # pixels of two or more classes an indexed export wrote as one class
    boxed_lesion_cases: int = 0  # cases of a dataset or masks export with a lesion class boxed, none of it painted
    lesions_unknown_cases: int = 0  # reviewed cases a dataset export left without masks (dataset.lesions_labelled)
    # the warnings, among ``warnings``, saying what a dataset export left out of masks/ and masks_indexed/: a retrain
    # says it in its own words (it reads no indexed PNG)
    masks_left_out: list[str] = field(default_factory=list)
    metadata_left_out: int = 0  # a dataset export's images written without their originals' metadata (bare_photos)
    painted_left_out: int = 0  # cases with painted pixels an export of boxes only (BOXES_ONLY) wrote without them
    _counted: set[str] = field(default_factory=set, repr=False)

    def add_case(self, doc: CaseDocument) -> None:
        if doc.case_id in self._counted:
            return
        self._counted.add(doc.case_id)
        self.cases += 1
        exported = self.action == "export"
        if not exported or self.fmt in HOLDS_BOXES:
            self.boxes.update(box.label for box in doc.boxes)
        if exported and self.fmt in BOXES_ONLY:
            self.painted_left_out += bool(doc.mask.any())
        if exported and self.fmt == "indexed":  # one class per pixel: what the file holds, overlaps to one class
            written = masks.indexed_classes(doc.mask)
            self.pixels.update({cls: int(np.count_nonzero(written == cls.value)) for cls in LesionClass})
            self.overlap_pixels += int(np.count_nonzero(masks.overlapping(doc.mask)))
        elif not exported or self.fmt in HOLDS_PIXELS:
            self.pixels.update({cls: n for cls, n in doc.pixel_counts().items() if n})


_LEFT_BEHIND = "retina_review_left_behind"  # the attribute a transfer sets on the exception that stopped it


@dataclass(frozen=True)
class LeftBehind:
    """What an export that stopped part-way (a full disk, a damaged case, Cancel) had written: kept, not rolled
    back, so the person is told how many files are there; the earlier export's shared files a dataset export
    removed first, so that none describes a data set not there; and the edited files it kept aside before writing
    anew. Or the cases an import stopped part-way had saved (``imported``): they stay imported. Carried by the
    exception that stopped it (left_behind)."""

    files: int
    folder: Path
    removed: tuple[str, ...] = ()  # formats.dataset.SHARED_FILES
    kept_aside: tuple[tuple[str, str], ...] = ()  # OutputFolder.kept_aside_names
    imported: int = 0  # cases of ``folder`` an import saved

    def texts(self) -> list[str]:
        """One line each: the files written (or the cases imported), the shared files removed, the edited files kept
        aside."""
        texts = [warning.STOPPED_PART_WAY.format(count=self.files, folder=self.folder)] if self.files else []
        if self.imported:
            texts.append(warning.IMPORTED_PART_WAY.format(count=self.imported, folder=self.folder))
        if self.removed:
            texts.append(warning.SHARED_FILES_REMOVED.format(files=join_names(self.removed)))
        if self.kept_aside:
            texts.append(kept_aside_text(self.kept_aside))
        return texts

    def format_text(self) -> str:
        return "\n".join(self.texts())


def kept_aside_text(kept: Sequence[tuple[str, str]]) -> str:
    """The summary's line naming the edited files kept aside (OutputFolder.kept_aside_names): how many, and the
    first."""
    file, aside = kept[0]
    return warning.EDITED_FILES_KEPT.format(count=len(kept), file=file, kept=aside)


def left_behind(exc: BaseException) -> LeftBehind | None:
    """What an export wrote, or an import saved, before ``exc`` stopped it; None when nothing (or it was neither)."""
    return getattr(exc, _LEFT_BEHIND, None)


def leave_behind(exc: BaseException, left: LeftBehind) -> None:
    """Carry ``left`` on the exception that stopped a transfer, for left_behind to read."""
    setattr(exc, _LEFT_BEHIND, left)


def _loadable(load: Callable[[str], object], case_ids: Sequence[str], summaries: dict, summary: TransferSummary
              ) -> list[str]:
    """The cases that ``load`` (what the export reads of a case: _LazyCases) can load; each one that cannot (an
    unreadable image and nothing saved, damaged saved labels) is skipped with a warning naming its file, so one bad
    file never stops the export of the others. A B-scan has no summary of its own: loading it says what is wrong."""
    kept = []
    for case_id in case_ids:
        listed = summaries.get(case_id)
        if listed is not None and listed.error is not None:
            try:
                load(case_id)  # saved labels of a case whose image is gone are still exported
            except ImageLoadError:
                # what the case list shows
                summary.warnings.append(warning.SKIPPED.format(error=summaries[case_id].error))
                summary.skipped += 1
                continue
            except WorkspaceError as exc:
                summary.warnings.append(warning.SKIPPED.format(error=exc.whole))
                summary.skipped += 1
                continue
        kept.append(case_id)
    return kept


def _with_bscans(case_ids: Sequence[str], volumes: Sequence[str], bscans: dict[str, list[str]]) -> list[str]:
    """The chosen cases, each volume among ``volumes`` followed by its labelled B-scans (which are exported even
    when the volume's own B-scan has no labels); a B-scan chosen itself too is written once."""
    chosen, wanted, result = set(case_ids), set(volumes), []
    for case_id in dict.fromkeys([*case_ids, *volumes]):
        result += ([case_id] if case_id in chosen else []) + (bscans.get(case_id, []) if case_id in wanted else [])
    return list(dict.fromkeys(result))


class _LazyCases(Sequence[CaseDocument]):
    """The exported cases, loaded one at a time on access (a 12 MP mask each: never all in memory).

    Counts each case into the summary once and reports progress, naming each case by ``names`` (as messages name
    it: its image, not its id). A case whose saved file is damaged (DamagedCaseFile) is said once, as skipped, and
    raises CaseSkipped, which the writers take as "leave it out" (readable_cases); one the storage cannot give
    raises WorkspaceError, which stops the export. ``load``: what loads a case (the source's whole document; the
    grades CSV's rows: ExportSource.graded).
    """

    def __init__(self, load: Callable[[str], CaseDocument], case_ids: Sequence[str], names: Sequence[str],
                 summary: TransferSummary, state: TaskState) -> None:
        self._load_case = load
        self._case_ids, self._summary, self._state = list(case_ids), summary, state
        self._names = list(names)
        self.skipped: set[str] = set()  # the ids of the cases said to be skipped

    def __len__(self) -> int:
        return len(self._case_ids)

    def __getitem__(self, index):  # noqa: ANN001, ANN204 - Sequence protocol (int or slice)
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        check_cancelled(self._state)
        case_id = self._case_ids[index]
        self._state.progress(index / max(len(self), 1),
                             EXPORTING.format(name=self._names[index], number=index + 1, count=len(self)))
        doc = self._load(case_id)
        self._summary.add_case(doc)
        return doc

    def peek(self, index: int) -> CaseDocument:
        """Case ``index`` loaded for a check before writing, neither counted nor shown as progress."""
        return self._load(self._case_ids[index])

    def _load(self, case_id: str) -> CaseDocument:
        try:
            return self._load_case(case_id)
        except DamagedCaseFile as exc:
            if case_id not in self.skipped:
                self.skipped.add(case_id)
                self._summary.warnings.append(warning.SKIPPED.format(error=exc.whole))  # each file missing named
                self._summary.skipped += 1
            raise CaseSkipped(case_id, exc.whole) from exc


def export_labels(ws: Workspace, fmt: str, out_dir: Path, state: TaskState = NullState(),
                  case_ids: Sequence[str] | None = None, label_map: dict[str, LesionClass] | None = None,
                  overwrite: bool = False, source: ExportSource | None = None) -> TransferSummary:
    """Write the labels of ``case_ids`` (default: every case with saved labels) to ``out_dir``; of them, only
    those labelled or marked done (labelled_cases), except in the grades CSV. ``source``: where the labels come
    from (export_source; default the workspace's saved labels): a double-read folder's consensus
    (annotations.reading.consensus_export) adds the agreed cases not stored yet and leaves out those not settled.

    voc/masks/indexed/yolo/labelme write one file (set) per case named by the photo (NAMED_AS_PHOTO); coco writes
    ``annotations.json``, cvat ``annotations.xml``, csv ``grades.csv``, dataset the training layout of
    annotations.formats.dataset. ``label_map`` (VOC, YOLO, CVAT, labelme) writes the class names an imported set
    used, so files go back in their own terms; for yolo it also orders ``classes.txt`` (yolo writes
    ``classes.txt`` and one NAME.txt per case).
    Everything goes through one OutputFolder: no original image is ever replaced, nor (unless ``overwrite``)
    any file this export did not write; a refused export writes nothing (OutputError).
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"cannot export {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    source = source or ExportSource(ws)
    summaries = {c.case_id: c for c in ws.cases()}
    volumes = list(summaries) if case_ids is None else list(case_ids)
    if case_ids is None:
        case_ids = [c.case_id for c in summaries.values() if source.by_default(c)]
    out = OutputFolder(out_dir, originals=[ws.folder / c.image_path for c in summaries.values()],
                       overwrite=overwrite, photo_folders=[ws.folder], job=fmt, cases_from=ws.folder,
                       record_key=dataset_name_key(ws.folder, ws.read_only and not ws.held_elsewhere)
                       if fmt == "dataset" else None)
    try:
        with out.claimed():
            summary = _export(ws, fmt, out, state, case_ids, volumes, summaries, label_map, source)
    except BaseException as exc:  # Cancelled and KeyboardInterrupt too: the files written so far are kept
        removed, kept = dataset.earlier_shared_files_removed(out), out.kept_aside_names()
        if out.files_written or removed or kept:
            leave_behind(exc, LeftBehind(out.files_written, out.root, removed, kept))
        raise
    state.progress(1.0, "done")
    return summary


def _export(ws: Workspace, fmt: str, out: OutputFolder, state: TaskState, case_ids: Sequence[str],
            volumes: list[str], summaries: dict, label_map: dict[str, LesionClass] | None, source: ExportSource
            ) -> TransferSummary:
    """export_labels' work once its output folder is set up."""
    summary = TransferSummary("export", fmt, out.root)
    chosen = _with_bscans(case_ids, volumes, source.bscans())
    left_out = [case_id for case_id in chosen if source.leaves_out(case_id)]
    load = source.graded if fmt == "csv" else source.load  # a grades row needs no mask (ExportSource.graded)
    case_ids = _loadable(load, [case_id for case_id in chosen if not source.leaves_out(case_id)], summaries,
                         summary)
    if fmt == "dataset":
        errors = {cid: summaries[split_bscan_case_id(cid)[0]].error for cid in case_ids}  # a B-scan: its volume's
        summary.warnings.extend(dict.fromkeys(warning.SKIPPED_NO_IMAGE.format(error=error)
                                              for error in errors.values() if error is not None))
        summary.skipped += sum(error is not None for error in errors.values())
        case_ids = [cid for cid in case_ids if errors[cid] is None]
    read = case_ids  # written, or left out as unlabelled: an earlier export's files of them go (SWEEPS_CASES_...)
    if fmt != "csv":  # a grades row without a grade says nothing false; an empty label file does
        case_ids, summary.unlabelled = labelled_or_done(case_ids, summaries, source.load)
    export_paths = [ws.export_path(cid) for cid in case_ids]  # B-scans of a volume: vol_b012 (annotations.frames)
    # planned over every image and B-scan of the folder, as import matches them: a name never depends on the cases
    # chosen (the B-scans counted from the index: no header read)
    folder_paths = list(dict.fromkeys([*export_paths, *(address for case in summaries.values() for address in
                                                        every_address(case.image_path, case.frames or 1))]))
    planned, notes = plan_stems(folder_paths, flat=fmt in NAMED_AS_PHOTO, noted=set(export_paths),
                                reserved=[Path(yolo.CLASSES_FILE).stem] if fmt == "yolo" else [],
                                key=out.record_key,  # a data set's (export_labels): its names leave the clinic
                                # a data set's images/ holds every photo
                                mask_files_among=masks.masks_beside_photos if fmt == "dataset" else None)
    name_of = dict(zip(folder_paths, planned))
    names = [name_of[path] for path in export_paths]
    summary.warnings.extend((notes if fmt in NAMED_AS_PHOTO else []) + source.notes(case_ids, left_out))
    cases = _LazyCases(load, case_ids, [case_name(path) for path in export_paths], summary,
                       NullState() if fmt == "dataset" else state)
    if fmt == "dataset":
        if out.overwrite:  # else reserve refuses every mask file there
            _stale_masks(out, cases, names, dataset.mask_files, dataset.mask_files_written)
        written = export_dataset(cases, [ws.folder / path for path in export_paths], out, state=state, names=names)
        summary.boxed_lesion_cases = written["boxed_lesion_cases"]
        summary.lesions_unknown_cases = len(written["lesions_unknown"])
        summary.masks_left_out = _dataset_labels_left_out(written)
        summary.metadata_left_out = written["metadata_left_out"]
        summary.warnings.extend(warning.SKIPPED_NO_IMAGE.format(error=error) for error in written["images_left_out"])
        summary.skipped += len(written["images_left_out"])
        summary.warnings.extend(summary.masks_left_out)
        if written["removed"]:
            summary.warnings.append(warning.DATASET_CASE_FILES_REMOVED.format(count=len(written["removed"]),
                                                                              example=written["removed"][0]))
    elif fmt == "coco":
        out.reserve(["annotations.json"])
        out.write_text("annotations.json", coco.coco_json(cases))
    elif fmt == "cvat":
        out.reserve([cvat.DEFAULT_NAME])
        out.write_bytes(cvat.DEFAULT_NAME, cvat.cvat_xml(cases, names_for_export(label_map)))
    elif fmt == "csv":
        out.reserve(["grades.csv"])
        rows = list(readable_cases(cases))  # GradedCase (ExportSource.graded)
        listed = [summaries[listed_case_id(row.case_id)] for _index, row in rows]  # a B-scan: its volume's patient
        places = [(export_paths[index], case.case_patient_id, case.case_eye)
                  for (index, _row), case in zip(rows, listed)]
        out.write_text("grades.csv", grades_csv_text([row for _index, row in rows],
                                                     [names[index] for index, _row in rows], places))
        ungraded = [names[index] for index, row in rows if row.grade == ReaderGrade()]
        if ungraded:  # a clinic's export of a folder analysed, not yet graded: mostly empty rows, said
            summary.warnings.append(warning.UNGRADED_ROWS.format(count=len(ungraded), total=len(rows),
                                                                 example=ungraded[0]))
    else:
        _export_per_case(out, fmt, cases, names, label_map, summary, ws.folder)
        if fmt in SWEEPS_CASES_REPLACED and out.overwrite:  # a skipped case's earlier files stay: maybe its last copy
            _remove_files_of_cases_replaced(out, fmt, [cid for cid in read if cid not in cases.skipped], summaries,
                                            summary)
        written = [index for index, case_id in enumerate(case_ids) if case_id not in cases.skipped]
        note = earlier_names_note(out, fmt, [export_paths[i] for i in written], [names[i] for i in written])
        summary.warnings.extend([note] if note else [])
    if out.not_removed:
        summary.warnings.append(warning.STALE_FILES_KEPT.format(
            count=len(out.not_removed), example=out.not_removed[0].relative_to(out.root).as_posix()))
    if out.kept_aside:
        summary.warnings.append(kept_aside_text(out.kept_aside_names()))
    summary.files = out.files_written
    return summary


def _export_per_case(out: OutputFolder, fmt: str, cases: Sequence[CaseDocument], names: Sequence[str],
                     label_map: dict[str, LesionClass] | None, summary: TransferSummary, images: Path) -> None:
    """voc, masks, indexed, yolo or labelme: every file name is checked first, then one case at a time is written.
    YOLO lines have no place for VOC's difficult and truncated flags: the summary says how many boxes lost them.
    ``images``: the folder the cases' image paths are relative to (a labelme file points at its image)."""
    shared = [yolo.CLASSES_FILE] if fmt == "yolo" else []
    out.reserve([*shared, *(file for name in names for file in case_file_names(fmt, name))])
    stale = _stale_masks(out, cases, names, masks.all_class_mask_names, _masks_written) if fmt == "masks" else {}
    class_names = names_for_export(label_map) if label_map else None
    order = yolo.class_order(label_map)
    index_of = {cls: index for index, (cls, _name) in enumerate(order)}
    if fmt == "yolo":
        out.write_text(yolo.CLASSES_FILE, yolo.classes_text([name for _cls, name in order]))
    flagged = 0
    boxed_example: tuple[str, str] | None = None  # a masks export's first case with a class boxed, not painted
    for index, doc in readable_cases(cases):
        name = names[index]
        if fmt == "voc":
            annotation = voc.annotation_from_case(doc, PurePosixPath(doc.image_path))
            out.write_bytes(f"{name}.xml", voc.voc_bytes(annotation, class_names), case=doc.case_id)
        elif fmt == "masks":  # a class known only by its boxes gets no file: an empty one would deny them
            boxed_only = _boxed_only(doc)
            written_now = []
            for file_name, data in masks.class_mask_images(name, doc.mask, left_out=boxed_only):
                out.write_bytes(file_name, data, case=doc.case_id)
                written_now.append(file_name)
            for file_name in stale.get(name, ()):
                if file_name not in written_now:
                    out.remove_own(file_name)
            if boxed_only and boxed_example is None:
                boxed_example = (name, ", ".join(cls.name for cls in LESION_CLASSES if cls in boxed_only))
            summary.boxed_lesion_cases += bool(boxed_only)
        elif fmt == "yolo":
            out.write_text(f"{name}.txt", yolo.yolo_text(doc.boxes, doc.width, doc.height, index_of), case=doc.case_id)
            flagged += sum(1 for box in doc.boxes if box.difficult or box.truncated)
        elif fmt == "labelme":
            image = labelme.relative_image_path(images / doc.image_path, out.path(f"{name}.json").parent)
            out.write_text(f"{name}.json", labelme.labelme_json(doc, image, class_names), case=doc.case_id)
        else:
            out.write_bytes(f"{name}.png", masks.indexed_png_bytes(doc.mask), case=doc.case_id)
    if flagged:
        summary.warnings.append(warning.YOLO_FLAGS_LOST.format(count=flagged))
    if out.removed:
        summary.warnings.append(warning.STALE_MASKS_REMOVED.format(count=len(out.removed),
                                                                   example=out.removed[0].name))
    if boxed_example is not None:
        summary.warnings.append(warning.BOXED_NOT_PAINTED.format(count=summary.boxed_lesion_cases,
                                                                 example=boxed_example[0], classes=boxed_example[1]))
    if summary.overlap_pixels:
        summary.warnings.append(warning.OVERLAPS_LOST.format(count=summary.overlap_pixels))


def _dataset_labels_left_out(written: dict) -> list[str]:
    """What a dataset export left out so as not to say "no lesion" where nobody did: a case's masks, its indexed
    PNG (formats.dataset)."""
    warnings = []
    if unknown := written["lesions_unknown"]:
        warnings.append(warning.DATASET_LESIONS_UNKNOWN.format(count=len(unknown), example=unknown[0]))
    if not_indexed := written["not_indexed"]:
        name, classes = not_indexed[0]
        warnings.append(warning.DATASET_NOT_INDEXED.format(count=len(not_indexed), example=name,
                                                           classes=", ".join(classes)))
    return warnings


def _remove_files_of_cases_replaced(out: OutputFolder, fmt: str, read: Sequence[str], summaries: dict,
                                    summary: TransferSummary) -> None:
    """Once every case is written: the files an earlier export of ``fmt`` (SWEEPS_CASES_REPLACED) wrote for a case no
    longer in the workspace, or for one this export ``read`` (named otherwise now, a same-stem photo added; or left
    out, nobody's labels in it any more), where still as written (remove_own), as the data set export sweeps its case
    folders: left there, training would read labels nobody drew any more. The files of the folder's other cases (a
    selection exported, a case whose saved labels cannot be read), those another folder's export wrote there, and
    every file another kind of run wrote stay."""
    replaced, removed_before = set(read), len(out.removed)
    for name, case_id in out.earlier_cases(fmt).items():
        if case_id in replaced or split_bscan_case_id(case_id)[0] not in summaries:  # a B-scan's: its volume's
            out.remove_own(name)
    swept = out.removed[removed_before:]
    if swept:
        summary.warnings.append(warning.STALE_CASE_FILES_REMOVED.format(
            count=len(swept), example=swept[0].relative_to(out.root).as_posix()))


def _boxed_only(doc: CaseDocument) -> set[LesionClass]:
    return boxed_only_classes(doc.mask, doc.boxes) & set(LESION_CLASSES)


def _masks_written(doc: CaseDocument, name: str) -> list[str]:
    """The mask files a masks export writes for ``doc`` as ``name``."""
    return [masks.class_mask_name(name, cls) for cls in masks.written_classes(doc.mask, _boxed_only(doc))]


def _stale_masks(out: OutputFolder, cases: _LazyCases, names: Sequence[str], candidates: Callable[[str], list[str]],
                 written_for: Callable[[CaseDocument, str], list[str]]) -> dict[str, list[str]]:
    """Mask files already in ``out`` under a case's names (``candidates``; only with ``overwrite``: else reserve
    refused them), by case name. One an earlier export wrote (MANIFEST, unchanged) the export removes (remove_own)
    once it has written its case's others, not it (``written_for``); any other this export would not write refuses
    the export before it writes (OutputError naming them): left there, an empty NAME_HE.png from before the
    boxed-only rule says "no haemorrhage" where boxes now say there is one, and the program removes no file it cannot
    prove its own."""
    existing = {name: [file for file in candidates(name)
                       if out.path(file).exists() or out.path(file).is_symlink()] for name in names}
    refused: list[str] = []
    for index, name in enumerate(names):
        unproven = [file for file in existing[name] if not out.is_own(file)]
        if unproven:  # only then is the case read, to learn which of them this export writes anew
            try:
                written = written_for(cases.peek(index), name)
            except CaseSkipped:  # not written: its files stay as they are
                continue
            refused += [file for file in unproven if file not in written]
    if refused:
        raise OutputError(out.path(refused[0]), msg.STALE_MASKS.format(count=len(refused), names=", ".join(refused)),
                          msg.REMOVE_OR_EMPTY)
    return {name: files for name, files in existing.items() if files}
