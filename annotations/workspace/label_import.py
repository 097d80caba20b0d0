"""Import labels from other tools' files into a workspace: VOC, YOLO, labelme, COCO, CVAT, per-class masks or
indexed PNGs (label_readers reads them, label_matching says which entry goes to which case).

A plain function over a Workspace so the command line and the GUI's import dialog run the same code.
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Callable, Hashable, Iterable, Iterator, NamedTuple, Sequence

import numpy as np
from PIL import Image

from annotations.bounded_cache import BoundedCache
from annotations.case_names import case_name
from annotations.classes import LesionClass
from annotations.dicom import looks_like_dicom
from annotations.document import Box, CaseDocument
from annotations.exif_turns import AXES_SWAPPED, SIZE_KEPT, turned_box, turned_mask
from annotations.formats import FormatError, masks
from annotations.formats.archives import is_zip_file
from annotations.formats.photo_modes import ModeSeen, PhotoModes
from annotations.frames import bscan_case_id, shown_frame, with_frame
from annotations.image_io import ImageLoadError, exif_orientation
from annotations.output_folder import unfinished_output
from annotations.progress import NullState, TaskState, check_cancelled
from annotations.wording import NAMES_SHOWN, join_items, join_names
from annotations.workspace import messages as workspace_messages
from annotations.workspace import scan
from annotations.workspace import transfer_messages as warning
from annotations.workspace.confined import ConfinedFolder, LinkRefused
from annotations.workspace.errors import CaseNotWritten, WorkspaceError
from annotations.workspace.imported_labels import IMPORT_SOURCE, ImportedLabels
from annotations.workspace.label_matching import ImportTarget, LabelMatches, match_labels
from annotations.workspace.label_names import own_stem
from annotations.workspace.label_readers import (SINGLE_FILE_FORMATS, CvatReader, LabelReader,
                                                 SingleFileReader, name_under, open_label_reader)
from annotations.workspace.name_key import existing_name_key
from annotations.workspace.tiff_page_labels import tiff_page_labels
from annotations.workspace.transfer import LeftBehind, TransferSummary, leave_behind
from annotations.workspace.workspace import Workspace

IMPORT_FORMATS: tuple[str, ...] = ("voc", "masks", "indexed", "yolo", "labelme", "coco", "cvat")
IMPORT_ACTOR = "import"

IMPORT_FOLDERS_KEPT = 8  # the folders imported from whose header modes are kept (_label_folders)
# by the folder imported from: its files' header modes, as an import saw them (relative to it)
_modes_imported: BoundedCache[Path, dict[str, ModeSeen]] = BoundedCache(IMPORT_FOLDERS_KEPT)


class Imported(NamedTuple):
    """One case's labels brought in, before it is saved."""
    doc: CaseDocument  # the case with them added
    labels: ImportedLabels  # what was added
    file: str  # how warnings name their label file (_entry_name)
    drawn_on: tuple[int, int] | None = None  # the size they were drawn on, where it is not the case's: scaled to fit
    named_for_file: bool = False  # a TIFF volume's labels of its first page (ImportTarget.first_page)


def import_labels(ws: Workspace, from_dir: Path, fmt: str, label_map: dict[str, LesionClass] | None = None,
                  state: TaskState = NullState(), actor: str = IMPORT_ACTOR,
                  saved: Callable[[ImportedLabels], None] | None = None) -> TransferSummary:
    """Bring boxes and mask regions from ``from_dir`` (VOC, YOLO, labelme, COCO, CVAT, per-class masks or indexed
    PNGs) into every matching case and save it. For COCO and CVAT ``from_dir`` may also be the label file itself.
    ``saved`` hears what went into each case once it is saved (a window puts the same into a case it holds).

    Re-importing replaces the boxes of the earlier import and adds mask pixels; the reader's own boxes stay, and a
    box equal to one of them (the case's own labels exported and read back) is not added twice (ImportedLabels).
    An import that stops part-way keeps the cases it saved; the exception that stopped it says how many (left_behind).
    """
    from_dir = Path(from_dir)
    summary = TransferSummary("import", fmt, from_dir)
    try:
        return _import(ws, from_dir, fmt, label_map, state, actor, saved, summary)
    except BaseException as exc:  # Cancel, Ctrl+C, a full disk: what was saved stays, and is said
        if summary.cases:
            leave_behind(exc, LeftBehind(0, ws.folder, imported=summary.cases))
        raise


def _import(ws: Workspace, from_dir: Path, fmt: str, label_map: dict[str, LesionClass] | None, state: TaskState,
            actor: str, saved: Callable[[ImportedLabels], None] | None, summary: TransferSummary) -> TransferSummary:
    """import_labels' work, each case it saves counted in ``summary`` as it goes."""
    if fmt not in IMPORT_FORMATS:
        raise ValueError(f"cannot import {fmt!r}; choose one of {', '.join(IMPORT_FORMATS)}")
    if ws.read_only:
        raise WorkspaceError(workspace_messages.NOT_IMPORTED_READ_ONLY.format(folder=ws.folder,
                                                                              reason=ws.read_only_reason))
    if not (from_dir.is_dir() or (fmt in SINGLE_FILE_FORMATS and from_dir.is_file())):
        missing = workspace_messages.LABEL_FOLDER_ZIP if is_zip_file(from_dir) else \
            workspace_messages.LABEL_FOLDER_NOT_FOUND
        raise WorkspaceError(missing.format(folder=from_dir))
    # a damaged image's case too (its labels are skipped, naming it: ImageLoadError below); not one whose image is gone
    cases = [c for c in ws.cases() if c.error is None or (ws.folder / c.image_path).is_file()]
    name_key = existing_name_key(ws.folder)
    targets = {case.case_id: _import_targets(ws, case.case_id, case.image_path, name_key) for case in cases}
    reader = None if fmt == "masks" else open_label_reader(fmt, from_dir, label_map)
    matches = LabelMatches({}, [], set())
    if reader is not None:
        matches = match_labels(reader, [target for listed in targets.values() for target in listed], state)
        summary.warnings.extend(matches.warnings)
        summary.labels_left_out += len(matches.warnings)  # an entry whose stem fits several photos goes to none
    matched = matches.cases
    unknown: dict[str, set[str]] = {}  # a label name the map does not name -> the files holding it
    skipped: dict[Hashable, Counter] = {}  # reader's key (a label file, an image's name) -> kind of shape -> count
    # photos among the label files: set aside by their header, a case's own image, or found by reading one
    not_label_images: set[Path] = set() if reader is None else reader.not_label_images | matches.own_files
    without_labels = 0
    used_masks: set[Path] = set()  # the per-class files some case was named for
    # the folders of labels the scan leaves out of the cases: labels/ beside images/, IDRiD's groundtruths' tree …
    label_folders = [] if reader is not None else _label_folders(ws, from_dir, state)
    mask_claims = _mask_claims(from_dir, [t for listed in targets.values() for t in listed], label_folders) \
        if reader is None else {}
    class_folders = masks.class_folders_in(from_dir) if reader is None else {}  # IDRiD's 1. Microaneurysms/ …
    ambiguous_masks: dict[MaskPlace, AmbiguousMasks] = {}  # mask sets named as several photos could be
    read_whole: set[Hashable] = set()  # label files every shape of which was imported
    for number, case in enumerate(cases):
        state.progress(number / max(len(cases), 1), case.image_path)
        answered = False  # some labels were named for the case or one of its B-scans (or a warning says why not)
        for target in targets[case.case_id]:
            check_cancelled(state)
            try:
                if reader is None:
                    imported = _import_mask_case(ws, target, from_dir, class_folders, label_folders,
                                                 not_label_images, used_masks, mask_claims, ambiguous_masks)
                elif target.case_id in matched:
                    imported = _import_labels_case(ws, target, reader, matched[target.case_id], from_dir, unknown,
                                                   skipped, summary, read_whole)
                else:
                    continue
            except masks.NotALabelImage as exc:  # a photo matched by name: said once for all, below
                not_label_images.add(Path(exc.path))
                continue
            except ImageLoadError as exc:  # labels named for a damaged image: named once here, not as unmatched
                summary.warnings.append(warning.SKIPPED.format(error=exc))
                summary.labels_left_out += 1
                answered = True
                continue
            except (FormatError, WorkspaceError) as exc:  # a label file unreadable, or not the case's size
                summary.warnings.append(str(exc))
                summary.labels_left_out += 1
                answered = True
                continue
            if imported is None:
                continue
            doc, labels = imported.doc, imported.labels
            answered = True
            try:
                ws.save_case(doc, actor, action="import")  # the audit says so; a failure says import again
            except (LinkRefused, CaseNotWritten) as exc:  # this case alone (a link, a locked file): the others go on
                summary.warnings.append(str(exc))
                summary.skipped += 1
                continue
            # counted once saved: an import stopped by what follows (Ctrl+C, a share gone) says it kept this case
            summary.add_case(_brought(doc, labels))  # what the files held, not the reader's own labels beside it
            if saved is not None:
                saved(labels)
            if fmt == "voc" and matched.get(target.case_id) in read_whole:  # labelImg's file, all of it in the case
                ws.adopt_voc_beside_image(doc, Path(matched[target.case_id]), imported.named_for_file)
            size_warning = _size_warning(imported, case_name(target.exported_as), case.error)
            if size_warning is not None:
                summary.warnings.append(size_warning)
            if imported.named_for_file:
                pages = len(targets[case.case_id])
                summary.warnings.append(warning.FIRST_PAGE_LABELS.format(
                    file=imported.file, image=case_name(case.image_path), pages=pages, shown=shown_frame(pages)))
        without_labels += not answered
    state.progress(1.0, "done")
    folder = from_dir if from_dir.is_dir() else from_dir.parent  # COCO's or CVAT's file: the folder it was exported to
    if unfinished_output(folder):  # first: the cases "without labels" below may be those it never reached
        summary.warnings.insert(0, warning.UNFINISHED_EXPORT.format(folder=folder))
    if reader is not None:
        # names met outside any image's labels (COCO's categories): in the one label file
        _count_names(unknown, reader.unknown_labels, str(reader.path if isinstance(reader, SingleFileReader) else
                                                         from_dir))
        summary.warnings.extend(reader.notes)
    if unknown:
        summary.warnings.append(_unknown_labels_warning(unknown))
    if skipped:
        summary.warnings.append(_skipped_shapes_warning(skipped, reader))
    if without_labels:
        summary.warnings.append(warning.WITHOUT_LABELS.format(count=without_labels, folder=from_dir))
    if summary.boxes_already_there:
        summary.warnings.append(warning.BOXES_ALREADY_THERE.format(count=summary.boxes_already_there))
    if not_label_images:
        summary.warnings.append(_not_label_images_warning(not_label_images, from_dir))
    jpeg_masks = sorted(name_under(path, from_dir) for path in used_masks - not_label_images
                        if masks.is_jpeg_mask(path))  # read, approximately: said
    if jpeg_masks:
        summary.warnings.append(warning.JPEG_MASKS.format(count=len(jpeg_masks),
                                                          files=join_names(jpeg_masks, NAMES_SHOWN)))
    used = {*matched.values(), *matches.own_files}
    # a photo of the folder named like a class mask (eye_OD.png) is no label file
    photos = {ws.folder / case.image_path for case in cases}
    ambiguous = _ambiguous_masks_warnings(ambiguous_masks, from_dir, used_masks)
    summary.warnings += ambiguous
    summary.labels_left_out += len(ambiguous)
    named_ambiguously = {path for mask_set in ambiguous_masks.values() for path in mask_set.files}  # said above
    used_masks |= photos | named_ambiguously
    paged, paged_warnings = _tiff_page_labels(ws, from_dir, reader, used if reader is not None else used_masks,
                                              class_folders, [case.image_path for case in cases])
    summary.warnings += paged_warnings
    unmatched = reader.unmatched_warning(used | paged) if reader is not None else \
        _unmatched_masks_warning(from_dir, class_folders, used_masks | paged)
    if unmatched:
        summary.warnings.append(unmatched)
    if isinstance(reader, CvatReader):
        unlabelled = {target.image_path for listed in targets.values() for target in listed
                      if target.case_id not in matched}
        in_subsets = reader.subsets_warning(used, unlabelled)
        if in_subsets:
            summary.warnings.append(in_subsets)
    return summary


def _label_folders(ws: Workspace, from_dir: Path, state: TaskState) -> list[PurePosixPath]:
    """scan.label_folders of ``from_dir``, reading only the headers of files named as masks not known already
    (_known_modes); those it saw known to the next import from there, this run."""
    modes = _known_modes(ws, from_dir)
    try:
        return [PurePosixPath(folder) for folder in scan.label_folders(from_dir, state, modes)]
    finally:  # a cancelled walk's reads too
        _modes_imported.put(from_dir.absolute(), modes.seen)


def _known_modes(ws: Workspace, from_dir: Path) -> PhotoModes:
    """The header modes of the files named as masks under ``from_dir`` known already: those the folder's listing
    remembers (IndexStore.photo_modes), where it lies in the folder (the opened folder's own masks), else those an
    import from there saw before, this run. Only those changed since are read again (a share's 412 took 8 s at each
    import)."""
    try:
        inside = from_dir.resolve().relative_to(ws.folder.resolve()).as_posix()
    except (OSError, ValueError):  # elsewhere: no listing remembers them
        return PhotoModes(from_dir, _modes_imported.get(from_dir.absolute()))
    prefix = "" if inside == "." else f"{inside}/"
    return PhotoModes(from_dir, {path.removeprefix(prefix): seen for path, seen in ws.index.photo_modes().items()
                                 if path.startswith(prefix)})


def _count_names(unknown: dict[str, set[str]], names: Iterable[str], file: str) -> None:
    """``file`` holds ``names``. Blank names ("", " ") are one: shapes without a label, said once with all their
    files."""
    for name in names:
        unknown.setdefault(name if name.strip() else "", set()).add(file)


def _unknown_labels_warning(unknown: dict[str, set[str]]) -> str:
    """The labels the map does not name, those in most files first, each with the files that hold it (the first
    few, then how many more), so that an annotator finds them among hundreds."""
    said = []
    for name, files in sorted(unknown.items(), key=lambda item: -len(item[1])):
        listed = join_names(sorted(files), NAMES_SHOWN)
        said.append(warning.UNKNOWN_LABEL.format(name=name, count=len(files), files=listed) if name
                    else warning.UNLABELLED_SHAPES.format(count=len(files), files=listed))
    return warning.UNKNOWN_LABELS.format(names=join_items(said))


def _import_targets(ws: Workspace, case_id: str, image_path: str, name_key: bytes | None) -> list[ImportTarget]:
    """Each case the labels named for a listed case may go to: the case itself, or every B-scan of an OCT volume
    (annotations.frames), the shown one being the volume's own case; ``name_key`` finds a data set's names."""
    try:
        count = ws.bscan_count(case_id)
    except (ImageLoadError, WorkspaceError):
        count = 1  # loading the case says what is wrong with its file, if any labels are named for it
    image_file = ws.folder / image_path
    if count == 1:
        return [ImportTarget(case_id, image_path, ws.export_path(case_id), image_file, name_key)]
    shown = shown_frame(count)
    tiff = not looks_like_dicom(image_file)  # labels named for a TIFF's file were drawn on its first page
    named = 1 if tiff else shown  # the B-scan that takes the labels named for the file
    return [ImportTarget(case_id if number == shown else bscan_case_id(case_id, number),
                         image_path if number == named else with_frame(image_path, number),
                         with_frame(image_path, number), image_file, name_key, tiff and number == 1)
            for number in range(1, count + 1)]


def _import_labels_case(ws: Workspace, target: ImportTarget, reader: LabelReader, key: Hashable, from_dir: Path,
                        unknown: dict[str, set[str]], skipped: dict[Hashable, Counter], summary: TransferSummary,
                        read_whole: set[Hashable]) -> Imported | None:
    """The case with the labels of ``key`` added, scaled to the case's size where they were drawn on another; None
    when it holds none."""
    doc = ws.load_case(target.case_id)
    # the one label file of all images was read whole before (its errors name it in full); a per-image one now
    with nullcontext() if isinstance(reader, SingleFileReader) else _label_file_named_under(from_dir):
        labels = reader.read(key, doc.width, doc.height)
    name = _entry_name(reader, key)
    _count_names(unknown, labels.unknown_labels, name)
    if getattr(labels, "skipped", None):
        skipped.setdefault(key, Counter()).update(labels.skipped)
    elif not labels.unknown_labels:
        read_whole.add(key)
    # swapped, clamped or skipped boxes
    summary.warnings.extend(warning.FILE_NOTE.format(file=name, note=note) for note in labels.notes)
    mask = getattr(labels, "mask", None)
    if not labels.boxes and mask is None:
        return None
    boxes = [replace(b, source=IMPORT_SOURCE) for b in labels.boxes]
    drawn_on = (labels.width, labels.height)
    orientation = _stored_orientation(drawn_on, doc, target.image_file)
    if orientation is not None:  # drawn on the pixels as stored: turned as the photo is shown, not scaled
        boxes = [turned_box(box, orientation, *drawn_on) for box in boxes]
        mask = None if mask is None else turned_mask(mask, orientation)
        summary.warnings.append(warning.EXIF_TURNED.format(file=name, width=drawn_on[0], height=drawn_on[1],
                                                           image=case_name(target.exported_as)))
    elif drawn_on == (doc.width, doc.height) and exif_orientation(target.image_file) in SIZE_KEPT:
        summary.warnings.append(warning.EXIF_SIZE_KEPT.format(file=name, image=case_name(target.exported_as)))
    scaled = orientation is None and drawn_on != (doc.width, doc.height)
    if scaled:
        boxes = _scaled(boxes, doc.width / labels.width, doc.height / labels.height)
        mask = None if mask is None else np.asarray(Image.fromarray(mask).resize((doc.width, doc.height),
                                                                                  Image.Resampling.NEAREST))
    labels_in = ImportedLabels(doc.case_id, boxes, mask)
    doc.boxes, doc.mask = labels_in.put_into(doc)
    summary.boxes_already_there += len(boxes) - len(_imported_boxes(doc))  # its own, exported and read back
    return Imported(doc, labels_in, name, drawn_on if scaled else None, target.entry_named_for_file(reader, key))


def _stored_orientation(drawn_on: tuple[int, int], doc: CaseDocument, image_file: Path) -> int | None:
    """The EXIF orientation that shows the photo as ``doc``'s size turned, where labels were drawn on its stored size
    (labelImg ignores the orientation: its VOC file records the stored size); None otherwise. A photo turned half
    round or mirrored keeps its size, so labels drawn on it as stored cannot be told from others (EXIF_SIZE_KEPT says
    to check them)."""
    if drawn_on != (doc.height, doc.width) or doc.width == doc.height:
        return None
    orientation = exif_orientation(image_file)
    return orientation if orientation in AXES_SWAPPED else None


def _size_warning(imported: Imported, image: str, photo_error: str | None) -> str | None:
    """The one line about the size a case's labels were fitted to, or None: drawn on another size, scaled to the
    photo's (SIZE_MISMATCH); the photo unreadable (a saved case, damaged since), checked against the size saved with
    the case (PHOTO_UNREADABLE), or scaled to it where drawn on another (PHOTO_UNREADABLE_SCALED: no photo size to
    name, so one line says both)."""
    doc, drawn_on = imported.doc, imported.drawn_on
    if photo_error is not None and drawn_on is not None:
        return warning.PHOTO_UNREADABLE_SCALED.format(file=imported.file, label_width=drawn_on[0],
                                                      label_height=drawn_on[1], image=image, width=doc.width,
                                                      height=doc.height, error=photo_error)
    if photo_error is not None:
        return warning.PHOTO_UNREADABLE.format(file=imported.file, image=image, width=doc.width, height=doc.height,
                                               error=photo_error)
    if drawn_on is not None:
        return warning.SIZE_MISMATCH.format(file=imported.file, width=drawn_on[0], height=drawn_on[1], image=image,
                                            image_width=doc.width, image_height=doc.height)
    return None


def _imported_boxes(doc: CaseDocument) -> list[Box]:
    return [b for b in doc.boxes if b.source == IMPORT_SOURCE]


def _brought(doc: CaseDocument, labels: ImportedLabels) -> CaseDocument:
    """What an import added to ``doc``, as a document of its own for the summary to count."""
    boxes = [] if labels.boxes is None else _imported_boxes(doc)
    return CaseDocument(doc.case_id, doc.image_path, doc.width, doc.height, mask=labels.mask, boxes=boxes)


def _scaled(boxes: list[Box], sx: float, sy: float) -> list[Box]:
    return [replace(b, xmin=round(b.xmin * sx), ymin=round(b.ymin * sy), xmax=round(b.xmax * sx),
                    ymax=round(b.ymax * sy)) for b in boxes]


def _skipped_shapes_warning(skipped: dict[Hashable, Counter], reader: LabelReader) -> str:
    """The shapes without an area left behind: how many of each kind, and where (the first few, ``_entry_name``);
    the one label file of all images is named once, before the images in it."""
    kinds = sum(skipped.values(), Counter())
    count, listed = sum(kinds.values()), join_items(f"{n} {kind}" for kind, n in kinds.most_common())
    names = join_names(sorted(_entry_name(reader, key) for key in skipped), NAMES_SHOWN)
    if isinstance(reader, SingleFileReader):
        return warning.SHAPES_WITHOUT_AREA_IN_FILE.format(count=count, kinds=listed, file=reader.path, files=names)
    return warning.SHAPES_WITHOUT_AREA.format(count=count, kinds=listed, files=names)


def _entry_name(reader: LabelReader, key: Hashable) -> str:
    """How the warnings about one image's labels name them: a label file as its reader names it (under the import
    folder, as the warning about photos among them), an image in the one label file of all images by its name there
    (the warning names that file once)."""
    return str(key) if isinstance(reader, SingleFileReader) else reader.label_name(key)


@contextmanager
def _label_file_named_under(from_dir: Path) -> Iterator[None]:
    """A label file that cannot be read is named as the import's other warnings name it (name_under), here only:
    the error's text elsewhere (opening a case) keeps its full path."""
    try:
        yield
    except masks.NotALabelImage:  # said once for all the photos, by their names under from_dir
        raise
    except FormatError as exc:
        raise FormatError(name_under(Path(exc.path), from_dir), exc.reason, exc.hint) from exc


def _not_label_images_warning(paths: set[Path], from_dir: Path) -> str:
    """The images skipped as no label images, by their names under ``from_dir``: the first few, then how many more."""
    names = sorted(name_under(path, from_dir) for path in paths)
    return warning.NOT_LABEL_IMAGES.format(count=len(names), files=join_names(names, NAMES_SHOWN))


def _tiff_page_labels(ws: Workspace, from_dir: Path, reader: LabelReader | None, used: set,
                      class_folders: Iterable[Path], image_paths: list[str]) -> tuple[set, list[str]]:
    """The label files (or a COCO or CVAT file's image names) no case used that are named for a page of a multi-page
    TIFF among ``image_paths``, and what to say of them (tiff_page_labels)."""
    if reader is None:
        stems = {path: parts[0] for folder in (from_dir, *class_folders) for path in masks.class_mask_files_in(folder)
                 if path not in used and (parts := masks.class_mask_parts(path.name)) is not None}
        return tiff_page_labels(stems, lambda path: name_under(path, from_dir), ws.folder, image_paths)
    stems = {key: own_stem(key if isinstance(key, str) else key.name) for key in reader.keys() - used}
    return tiff_page_labels(stems, reader.label_name, ws.folder, image_paths)


def _unmatched_masks_warning(from_dir: Path, class_folders: Iterable[Path], used: set[Path]) -> str | None:
    """The per-class files in ``from_dir`` and its ``class_folders`` named for no case, as the other formats' readers
    say of theirs."""
    unused = [path for folder in (from_dir, *class_folders) for path in masks.class_mask_files_in(folder)
              if path not in used]
    if not unused:
        return None
    return warning.FILES_UNMATCHED.format(count=len(unused), example=name_under(unused[0], from_dir))


class MaskPlace(NamedTuple):
    """Where a per-class mask set may be: the files named ``stem`` in ``folder``, or, given ``label_folders``, in those
    folders of labels under it alone (class_mask_files)."""
    folder: Path
    stem: str
    label_folders: tuple[Path, ...] | None = None


def _mask_places(target: ImportTarget, from_dir: Path, label_folders: Sequence[PurePosixPath]) -> list[MaskPlace]:
    """Where a per-class mask set of ``target`` may be, in order: its own folder's mirror first, then a masks folder
    in it or beside it (masks.MASKS_FOLDER: ``masks/`` beside a data set's ``images/``), ``from_dir`` itself, then the
    ``label_folders`` (scan.label_folders, under ``from_dir``) nearest the mirror: those under its folder, under the
    folder above, … (a subset's ``labels/`` beside its ``images/`` before another subset's; IDRiD's groundtruths
    under the folder that holds its photos' folder too)."""
    stems = dict.fromkeys((own_stem(target.image_path), *target.stems()))
    mirror = PurePosixPath(target.image_path).parent
    beside = [mirror / masks.MASKS_FOLDER, *([mirror.parent / masks.MASKS_FOLDER] if mirror.parts else [])]
    folders = dict.fromkeys(from_dir / folder for folder in (mirror, *beside, PurePosixPath()))
    places = [MaskPlace(folder, stem) for folder in folders for stem in stems]
    for level in (mirror, *mirror.parents):
        under = tuple(from_dir / folder for folder in label_folders if folder == level or level in folder.parents)
        places += [MaskPlace(from_dir / level, stem, under) for stem in stems] if under else []
    return places


def _mask_claims(from_dir: Path, targets: Sequence[ImportTarget], label_folders: Sequence[PurePosixPath]
                 ) -> dict[MaskPlace, list[ImportTarget]]:
    """Which targets may be meant by a mask set at each place (its stem as file systems may fold it): a set more than
    one could be meant by goes to none of them, as a label file of the other formats does (label_matching)."""
    claims: dict[MaskPlace, list[ImportTarget]] = {}
    for target in targets:
        for place in dict.fromkeys(_folded(place) for place in _mask_places(target, from_dir, label_folders)):
            claims.setdefault(place, []).append(target)
    return claims


def _folded(place: MaskPlace) -> MaskPlace:
    return place._replace(stem=unicodedata.normalize("NFC", place.stem).casefold())


class AmbiguousMasks(NamedTuple):
    """A per-class mask set named as several photos could be: its files, and those photos."""
    files: list[Path]
    fits: list[ImportTarget]


def _ambiguous_masks_warnings(ambiguous: dict[MaskPlace, AmbiguousMasks], from_dir: Path,
                              used: set[Path]) -> list[str]:
    """One STEM_FITS_SEVERAL a mask set no case took, naming its first file and the photos it could be of."""
    return [warning.STEM_FITS_SEVERAL.format(label=name_under(min(files), from_dir),
                                             images=join_items(case_name(fit.exported_as) for fit in fits))
            for files, fits in ambiguous.values() if not used.intersection(files)]


def _import_mask_case(ws: Workspace, target: ImportTarget, from_dir: Path,
                      class_folders: dict[Path, LesionClass], label_folders: Sequence[PurePosixPath],
                      not_label_images: set[Path], used: set[Path], claims: dict[MaskPlace, list[ImportTarget]],
                      ambiguous: dict[MaskPlace, AmbiguousMasks]) -> Imported | None:
    """The case with its per-class files' pixels added, those pixels, and the name under ``from_dir`` of the first
    class's file (the warnings' name for them); ``used`` gathers the files found, ``ambiguous`` the sets named as
    several photos could be (``claims``: _mask_claims), which go to none. ``from_dir``'s files are those in it and
    in its ``class_folders`` (masks.class_folders_in), then those in its ``label_folders`` (_mask_places)."""
    confined = ConfinedFolder(from_dir)  # masks are read from --from only, never through a link out of it
    for place in _mask_places(target, from_dir, label_folders):
        with _label_file_named_under(from_dir):  # a class found twice: both named under from_dir
            try:
                own_classes = class_folders if place.folder == from_dir and place.label_folders is None else None
                found = masks.class_mask_files(place.folder, place.stem, own_classes, place.label_folders)
            except masks.MaskTwice as exc:
                used.update(exc.files)  # named for this photo, said: no unmatched files
                raise
        if not found:
            continue
        fits = claims.get(_folded(place), [target])
        if len(fits) > 1:
            ambiguous[place] = AmbiguousMasks(list(found.values()), fits)
            continue
        if all(confined.contains(path) for path in found.values()):
            used.update(found.values())
            doc = ws.load_case(target.case_id)
            with _label_file_named_under(from_dir):
                imported = masks.read_mask_files(found, doc.mask.shape, not_label_images)
            if not imported.any():
                return None
            labels = ImportedLabels(doc.case_id, None, imported)
            doc.boxes, doc.mask = labels.put_into(doc)
            return Imported(doc, labels, name_under(next(iter(found.values())), from_dir), None,
                            target.named_for_file(place.stem))
    return None
