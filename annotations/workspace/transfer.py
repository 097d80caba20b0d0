"""Import labels from other tools' files into a workspace, and export a workspace's labels.

Plain functions over a Workspace so the command line and the GUI's dialogs run the same code.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Hashable, Sequence

import numpy as np
from PIL import Image

from annotations.classes import ALL_CLASSES, LesionClass
from annotations.document import Box, CaseDocument
from annotations.formats import FormatError, coco, cvat, labelme, masks, voc, yolo
from annotations.formats.dataset import export_dataset
from annotations.formats.grades_csv import grades_csv_text
from annotations.formats.label_map import names_for_export
from annotations.frames import bscan_case_id, shown_frame, split_bscan_case_id, with_frame
from annotations.image_io import ImageLoadError
from annotations.output_folder import OutputFolder
from annotations.output_names import plan_stems
from annotations.progress import NullState, TaskState, check_cancelled
from annotations.wording import join_items
from annotations.workspace.confined import ConfinedFolder, LinkRefused
from annotations.workspace import messages as workspace_messages
from annotations.workspace import transfer_messages as warning
from annotations.workspace.errors import WorkspaceError
from annotations.workspace.label_names import exported_stems, own_stem
from annotations.workspace.labelled_cases import labelled_or_done
from annotations.workspace.label_matching import ImportTarget, LabelMatches, match_labels
from annotations.workspace.label_readers import SINGLE_FILE_FORMATS, LabelReader, open_label_reader
from annotations.workspace.workspace import Workspace

IMPORT_FORMATS: tuple[str, ...] = ("voc", "masks", "indexed", "yolo", "labelme", "coco", "cvat")
EXPORT_FORMATS: tuple[str, ...] = ("voc", "masks", "indexed", "coco", "csv", "dataset", "yolo", "cvat", "labelme")
IMPORT_SOURCE = "import"
IMPORT_ACTOR = "import"
NAMES_SHOWN = 5  # file names a warning lists before it says how many more
UNLABELLED_SKIPPED = ("  skipped {count} case(s) nobody labelled or marked done (their empty label files would read "
                      "as 'no lesions')")


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
    _counted: set[str] = field(default_factory=set, repr=False)

    def add_case(self, doc: CaseDocument) -> None:
        if doc.case_id in self._counted:
            return
        self._counted.add(doc.case_id)
        self.cases += 1
        self.boxes.update(box.label for box in doc.boxes)
        self.pixels.update({cls: n for cls, n in doc.pixel_counts().items() if n})

    def format_text(self) -> str:
        direction = "from" if self.action == "import" else "to"
        lines = [f"{self.action.capitalize()}ed {self.cases} case(s) as {self.fmt} {direction} {self.location}"
                 + (f"; {self.files} file(s) written" if self.action == "export" else "")]
        for cls in ALL_CLASSES:
            if self.boxes[cls] or self.pixels[cls]:
                lines.append(f"  {cls.name:<3} {self.boxes[cls]:6d} boxes {self.pixels[cls]:12d} labelled pixels")
        if self.unlabelled:
            lines.append(UNLABELLED_SKIPPED.format(count=self.unlabelled))
        lines.extend(f"  warning: {w}" for w in self.warnings)
        return "\n".join(lines)


# import ----------------------------------------------------------------------------------------------------
def import_labels(ws: Workspace, from_dir: Path, fmt: str, label_map: dict[str, LesionClass] | None = None,
                  state: TaskState = NullState(), actor: str = IMPORT_ACTOR) -> TransferSummary:
    """Bring boxes and mask regions from ``from_dir`` (VOC, YOLO, labelme, COCO, CVAT, per-class masks or indexed
    PNGs) into every matching case and save it. For COCO and CVAT ``from_dir`` may also be the label file itself.

    Re-importing replaces the boxes of the earlier import and adds mask pixels; the reader's own boxes stay.
    """
    if fmt not in IMPORT_FORMATS:
        raise ValueError(f"cannot import {fmt!r}; choose one of {', '.join(IMPORT_FORMATS)}")
    if ws.read_only:
        raise WorkspaceError(workspace_messages.NOT_IMPORTED_READ_ONLY.format(folder=ws.folder,
                                                                              reason=" ".join(ws.messages)))
    from_dir = Path(from_dir)
    if not (from_dir.is_dir() or (fmt in SINGLE_FILE_FORMATS and from_dir.is_file())):
        raise WorkspaceError(workspace_messages.LABEL_FOLDER_NOT_FOUND.format(folder=from_dir))
    summary = TransferSummary("import", fmt, from_dir)
    cases = [c for c in ws.cases() if c.error is None]
    targets = {case.case_id: _import_targets(ws, case.case_id, case.image_path) for case in cases}
    reader = None if fmt == "masks" else open_label_reader(fmt, from_dir, label_map)
    matches = LabelMatches({}, [], set())
    if reader is not None:
        matches = match_labels(reader, [target for listed in targets.values() for target in listed])
        summary.warnings.extend(matches.warnings)
    matched = matches.cases
    unknown: Counter = Counter()
    skipped: Counter = Counter()
    # photos among the label files: set aside by their header, a case's own image, or found by reading one
    not_label_images: set[Path] = set() if reader is None else reader.not_label_images | matches.own_files
    without_labels = 0
    for number, case in enumerate(cases):
        state.progress(number / max(len(cases), 1), case.image_path)
        answered = False  # some labels were named for the case or one of its B-scans (or a warning says why not)
        for target in targets[case.case_id]:
            check_cancelled(state)
            try:
                if reader is None:
                    doc = _import_mask_case(ws, target, from_dir, not_label_images)
                elif target.case_id in matched:
                    doc = _import_labels_case(ws, target, reader, matched[target.case_id], unknown, skipped, summary)
                else:
                    continue
            except masks.NotALabelImage as exc:  # a photo matched by name: said once for all, below
                not_label_images.add(Path(exc.path))
                continue
            except (FormatError, ImageLoadError, WorkspaceError) as exc:
                summary.warnings.append(str(exc))
                answered = True
                continue
            if doc is None:
                continue
            answered = True
            try:
                ws.save_case(doc, actor)
            except LinkRefused as exc:  # this case's folder is a link: skip it, import the others
                summary.warnings.append(str(exc))
                continue
            summary.add_case(doc)
        without_labels += not answered
    state.progress(1.0, "done")
    if reader is not None:
        unknown.update(reader.unknown_labels)
        summary.warnings.extend(reader.notes)
    if unknown:
        names = join_items(warning.UNKNOWN_LABEL.format(name=name, count=n) for name, n in unknown.most_common())
        summary.warnings.append(warning.UNKNOWN_LABELS.format(names=names))
    if skipped:
        kinds = ", ".join(f"{n} {kind}" for kind, n in skipped.most_common())
        summary.warnings.append(warning.SHAPES_WITHOUT_AREA.format(count=sum(skipped.values()), kinds=kinds))
    if without_labels:
        summary.warnings.append(warning.WITHOUT_LABELS.format(count=without_labels, folder=from_dir))
    if not_label_images:
        summary.warnings.append(_not_label_images_warning(not_label_images, from_dir))
    unmatched = reader.unmatched_warning({*matched.values(), *matches.own_files}) if reader is not None else None
    if unmatched:
        summary.warnings.append(unmatched)
    return summary


def _import_targets(ws: Workspace, case_id: str, image_path: str) -> list[ImportTarget]:
    """Each case the labels named for a listed case may go to: the case itself, or every B-scan of an OCT volume
    (annotations.frames), the shown one being the volume's own case."""
    try:
        count = ws.bscan_count(case_id)
    except (ImageLoadError, WorkspaceError):
        count = 1  # loading the case says what is wrong with its file, if any labels are named for it
    image_file = ws.folder / image_path
    if count == 1:
        return [ImportTarget(case_id, image_path, ws.export_path(case_id), image_file)]
    shown = shown_frame(count)
    return [ImportTarget(case_id, image_path, with_frame(image_path, number), image_file) if number == shown
            else ImportTarget(bscan_case_id(case_id, number), with_frame(image_path, number),
                              with_frame(image_path, number), image_file) for number in range(1, count + 1)]


def _import_labels_case(ws: Workspace, target: ImportTarget, reader: LabelReader, key: Hashable, unknown: Counter,
                        skipped: Counter, summary: TransferSummary) -> CaseDocument | None:
    doc = ws.load_case(target.case_id)
    labels = reader.read(key, doc.width, doc.height)
    unknown.update(labels.unknown_labels)
    skipped.update(getattr(labels, "skipped", {}))
    # swapped, clamped or skipped boxes
    summary.warnings.extend(warning.FILE_NOTE.format(file=key, note=note) for note in labels.notes)
    mask = getattr(labels, "mask", None)
    if not labels.boxes and mask is None:
        return None
    boxes = [replace(b, source=IMPORT_SOURCE) for b in labels.boxes]
    if (labels.width, labels.height) != (doc.width, doc.height):
        boxes = _scaled(boxes, doc.width / labels.width, doc.height / labels.height)
        mask = None if mask is None else np.asarray(Image.fromarray(mask).resize((doc.width, doc.height),
                                                                                  Image.Resampling.NEAREST))
        summary.warnings.append(warning.SIZE_MISMATCH.format(file=key, width=labels.width, height=labels.height,
                                                         image=target.image_path, image_width=doc.width,
                                                         image_height=doc.height))
    earlier = [b for b in doc.boxes if b.source == IMPORT_SOURCE]
    doc.boxes = [b for b in doc.boxes if b.source != IMPORT_SOURCE] + _keep_identities(boxes, earlier)
    if mask is not None:
        doc.mask |= mask
    return doc


def _keep_identities(imported: list[Box], earlier: list[Box]) -> list[Box]:
    """Each imported box that equals one of the earlier import takes over its uid, so importing the same file
    again leaves the case unchanged (not saved, nothing in the audit log)."""
    free = list(earlier)
    kept = []
    for box in imported:
        same = next((old for old in free if replace(old, uid=box.uid) == box), None)
        if same is not None:
            free.remove(same)
        kept.append(box if same is None else same)
    return kept


def _scaled(boxes: list[Box], sx: float, sy: float) -> list[Box]:
    return [replace(b, xmin=round(b.xmin * sx), ymin=round(b.ymin * sy), xmax=round(b.xmax * sx),
                    ymax=round(b.ymax * sy)) for b in boxes]


def _not_label_images_warning(paths: set[Path], from_dir: Path) -> str:
    """The images skipped as no label images, by their names under ``from_dir``: the first few, then how many more."""
    names = sorted(_relative_name(path, from_dir) for path in paths)
    shown = names[:NAMES_SHOWN] + ([f"... (+{len(names) - NAMES_SHOWN})"] if len(names) > NAMES_SHOWN else [])
    return warning.NOT_LABEL_IMAGES.format(count=len(names), files=", ".join(shown))


def _relative_name(path: Path, folder: Path) -> str:
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return str(path)


def _import_mask_case(ws: Workspace, target: ImportTarget, from_dir: Path,
                      not_label_images: set[Path]) -> CaseDocument | None:
    confined = ConfinedFolder(from_dir)  # masks are read from --from only, never through a link out of it
    for folder in (from_dir / PurePosixPath(target.image_path).parent, from_dir):
        for stem in (own_stem(target.image_path), *exported_stems(target.image_path, target.exported_as)):
            found = masks.class_mask_files(folder, stem)
            if found and all(confined.contains(path) for path in found.values()):
                doc = ws.load_case(target.case_id)
                imported = masks.read_class_masks(folder, stem, doc.mask.shape, not_label_images)
                if not imported.any():
                    return None
                doc.mask |= imported
                return doc
    return None


# export ----------------------------------------------------------------------------------------------------
def _loadable(ws: Workspace, case_ids: Sequence[str], summaries: dict, summary: TransferSummary) -> list[str]:
    """The cases that can be loaded; each one that cannot (an unreadable image and nothing saved, damaged saved
    labels) is skipped with a warning naming its file, so one bad file never stops the export of the others."""
    kept = []
    for case_id in case_ids:
        if summaries[case_id].error is not None:
            try:
                ws.load_case(case_id)  # saved labels of a case whose image is gone are still exported
            except ImageLoadError:
                # what the case list shows
                summary.warnings.append(warning.SKIPPED.format(error=summaries[case_id].error))
                continue
            except WorkspaceError as exc:
                summary.warnings.append(warning.SKIPPED.format(error=exc))
                continue
        kept.append(case_id)
    return kept


def _with_bscans(case_ids: Sequence[str], volumes: Sequence[str], bscans: dict[str, list[str]]) -> list[str]:
    """The chosen cases, each volume among ``volumes`` followed by its labelled B-scans (which are exported even
    when the volume's own B-scan has no labels)."""
    chosen, wanted, result = set(case_ids), set(volumes), []
    for case_id in dict.fromkeys([*case_ids, *volumes]):
        result += ([case_id] if case_id in chosen else []) + (bscans.get(case_id, []) if case_id in wanted else [])
    return result


class _LazyCases(Sequence[CaseDocument]):
    """The exported cases, loaded one at a time on access (a 12 MP mask each: never all in memory).

    Counts each case into the summary once and reports progress; a damaged case raises WorkspaceError.
    """

    def __init__(self, ws: Workspace, case_ids: Sequence[str], summary: TransferSummary, state: TaskState) -> None:
        self._ws, self._case_ids, self._summary, self._state = ws, list(case_ids), summary, state

    def __len__(self) -> int:
        return len(self._case_ids)

    def __getitem__(self, index):  # noqa: ANN001, ANN204 - Sequence protocol (int or slice)
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        check_cancelled(self._state)
        case_id = self._case_ids[index]
        self._state.progress(index / max(len(self), 1), case_id)
        doc = self._ws.load_case(case_id)
        self._summary.add_case(doc)
        return doc


def export_labels(ws: Workspace, fmt: str, out_dir: Path, state: TaskState = NullState(),
                  case_ids: Sequence[str] | None = None, label_map: dict[str, LesionClass] | None = None,
                  overwrite: bool = False) -> TransferSummary:
    """Write the labels of ``case_ids`` (default: every case with saved labels) to ``out_dir``; of them, only
    those labelled or marked done (labelled_cases), except in the grades CSV.

    voc/masks/indexed/yolo/labelme write one file (set) per case named by output_names.plan_stems; coco writes
    ``annotations.json``, cvat ``annotations.xml``, csv ``grades.csv``, dataset the training layout of
    annotations.formats.dataset. ``label_map`` (VOC, YOLO, CVAT, labelme) writes the class names an imported set
    used, so files go back in their own terms; for yolo it also orders ``classes.txt`` (yolo writes
    ``classes.txt`` and one NAME.txt per case).
    Everything goes through one OutputFolder: no original image is ever replaced, nor (unless ``overwrite``)
    any file this export did not write; a refused export writes nothing (OutputError).
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"cannot export {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    summaries = {c.case_id: c for c in ws.cases()}
    volumes = list(summaries) if case_ids is None else list(case_ids)
    if case_ids is None:
        case_ids = [c.case_id for c in summaries.values() if c.saved]
    out = OutputFolder(out_dir, originals=[ws.folder / c.image_path for c in summaries.values()],
                       overwrite=overwrite, photo_folders=[ws.folder])
    summary = TransferSummary("export", fmt, out.root)
    case_ids = _with_bscans(_loadable(ws, case_ids, summaries, summary), volumes, ws.saved_bscans())
    if fmt == "dataset":
        errors = {cid: summaries[split_bscan_case_id(cid)[0]].error for cid in case_ids}  # a B-scan: its volume's
        summary.warnings.extend(dict.fromkeys(warning.SKIPPED_NO_IMAGE.format(error=error)
                                              for error in errors.values() if error is not None))
        case_ids = [cid for cid in case_ids if errors[cid] is None]
    if fmt != "csv":  # a grades row without a grade says nothing false; an empty label file does
        case_ids, summary.unlabelled = labelled_or_done(case_ids, summaries, ws.load_case)
    export_paths = [ws.export_path(cid) for cid in case_ids]  # B-scans of a volume: vol_b012 (annotations.frames)
    names, notes = plan_stems(export_paths, flat=fmt == "dataset")
    summary.warnings.extend(notes)
    cases = _LazyCases(ws, case_ids, summary, NullState() if fmt == "dataset" else state)
    if fmt == "dataset":
        export_dataset(cases, [ws.folder / path for path in export_paths], out, state=state, names=names)
    elif fmt == "coco":
        out.reserve(["annotations.json"])
        out.write_text("annotations.json", coco.coco_json(cases))
    elif fmt == "cvat":
        out.reserve([cvat.DEFAULT_NAME])
        out.write_bytes(cvat.DEFAULT_NAME, cvat.cvat_xml(cases, names_for_export(label_map)))
    elif fmt == "csv":
        out.reserve(["grades.csv"])
        out.write_text("grades.csv", grades_csv_text(cases, names))
    else:
        _export_per_case(out, fmt, cases, names, label_map, summary, ws.folder)
    summary.files = out.files_written
    state.progress(1.0, "done")
    return summary


def _export_per_case(out: OutputFolder, fmt: str, cases: Sequence[CaseDocument], names: Sequence[str],
                     label_map: dict[str, LesionClass] | None, summary: TransferSummary, images: Path) -> None:
    """voc, masks, indexed, yolo or labelme: every file name is checked first, then one case at a time is written.
    YOLO lines have no place for VOC's difficult and truncated flags: the summary says how many boxes lost them.
    ``images``: the folder the cases' image paths are relative to (a labelme file points at its image)."""
    planned = {"voc": lambda name: [f"{name}.xml"], "masks": masks.all_class_mask_names,
               "indexed": lambda name: [f"{name}.png"], "yolo": lambda name: [f"{name}.txt"],
               "labelme": lambda name: [f"{name}.json"]}[fmt]
    shared = [yolo.CLASSES_FILE] if fmt == "yolo" else []
    out.reserve([*shared, *(file for name in names for file in planned(name))])
    class_names = names_for_export(label_map) if label_map else None
    order = yolo.class_order(label_map)
    index_of = {cls: index for index, (cls, _name) in enumerate(order)}
    if fmt == "yolo":
        out.write_text(yolo.CLASSES_FILE, yolo.classes_text([name for _cls, name in order]))
    flagged = 0
    for doc, name in zip(cases, names):
        if fmt == "voc":
            annotation = voc.annotation_from_case(doc, PurePosixPath(doc.image_path))
            out.write_bytes(f"{name}.xml", voc.voc_bytes(annotation, class_names))
        elif fmt == "masks":
            for file_name, data in masks.class_mask_images(name, doc.mask):
                out.write_bytes(file_name, data)
        elif fmt == "yolo":
            out.write_text(f"{name}.txt", yolo.yolo_text(doc.boxes, doc.width, doc.height, index_of))
            flagged += sum(1 for box in doc.boxes if box.difficult or box.truncated)
        elif fmt == "labelme":
            image = labelme.relative_image_path(images / doc.image_path, out.path(f"{name}.json").parent)
            out.write_text(f"{name}.json", labelme.labelme_json(doc, image, class_names))
        else:
            out.write_bytes(f"{name}.png", masks.indexed_png_bytes(doc.mask))
    if flagged:
        summary.warnings.append(warning.YOLO_FLAGS_LOST.format(count=flagged))
