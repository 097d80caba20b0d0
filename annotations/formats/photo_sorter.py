"""Telling a folder tree's photos from the label images kept among them, by their names alone: the one rule the
window's folder scan, `analyze`'s listing, training's loader and the import of per-class masks share.

An image named as a per-class mask of a photo (masks.class_mask_parts: ``IDRiD_01_MA.tif``, or a B-scan's as exports
name it: ``vol_b012_MA.png`` of ``vol.dcm``) is that photo's label file, not a photo:
- beside the photo in its folder (masks.masks_beside_photos);
- in a folder of labels, one whose every image is named as a per-class mask, when the photo is anywhere in the tree:
  ``masks/``, ``Masks/``, ``labels/`` or ``groundtruths/`` beside ``images/``, and IDRiD's official download, whose
  ``2. All Segmentation Groundtruths/a. Training Set/1. Microaneurysms/`` lies far from its ``1. Original Images/``.
The dataset export's indexed PNGs in ``masks_indexed/`` (INDEXED_FOLDER) are named as their photo, and so are the masks
in a folder named for one class (mask_folders: DDR's ``label/EX/007.tif`` of ``image/007.jpg``). A file named as
the mask of no photo stays a photo; a folder of photos and mask-named files is told apart by what is beside them only.
Where a folder of labels' path in the tree does not say so (LABEL_FOLDER, in its name or the two above it), its files
whose headers say colour photos are photos named as masks (masks.has_photo_mode: ``histeq/P1_HE.png``, P1 histogram-
equalised, beside ``orig/P1.png``): only the files the names alone would hide are read, their header alone, and only
where a walk before did not read the same file (photo_modes: a folder's listing remembers them in its index).
An indexed export's PNGs named as their photos in a folder that says labels (``masks/P1.png`` of ``images/P1.jpg``,
written before exports left their manifest) are told by their header's class palette (masks.has_class_palette), read
for those PNGs alone, and remembered alike.
"""
from __future__ import annotations

import os
from pathlib import PurePath, PurePosixPath
from typing import Generic, Iterator, Mapping, Sequence, TypeVar

from annotations.classes import LESION_CLASSES
from annotations.formats.mask_folders import LABEL_FOLDER, folder_class
from annotations.formats.masks import INDEXED_FOLDER, INDEXED_SUFFIX, class_mask_parts, masks_beside_photos
from annotations.formats.photo_modes import PhotoModes
from annotations.progress import NullState, TaskState, check_cancelled, until_cancelled

Folder = TypeVar("Folder", bound=str | os.PathLike)
LABEL_PATH_DEPTH = 3  # IDRiD's 2. All Segmentation Groundtruths/a. Training Set/1. Microaneurysms/


class PhotoSorter(Generic[Folder]):
    """Sorts a walk's folders one by one: the photos of a folder of photos at once (a scan shows them as it goes), a
    folder of labels held until every other folder's photos are known (held_photos)."""

    def __init__(self, root: str | os.PathLike = "", state: TaskState = NullState(),
                 modes: PhotoModes | None = None) -> None:
        """``root``: where the folders sorted lie, for reading a header: a walk's are relative to it, so that only the
        names met inside the tree may say labels (_says_labels), not those of the folders it lies in. ``state``: its
        cancel raises Cancelled before the next header read, as the walk's before its next file (a slow share).
        ``modes``: the headers read, and those a walk before read (default: none), relative to ``root``."""
        self._root, self._state = root, state
        self._modes = PhotoModes(root) if modes is None else modes
        self._photo_stems: set[str] = set()
        self._held: dict[Folder, Sequence[str]] = {}

    def photos(self, folder: Folder, names: Sequence[str]) -> list[str]:
        """The photos among ``names``, the images of ``folder`` (its path: its name decides INDEXED_FOLDER); none
        yet for a folder of labels, which held_photos decides."""
        if is_label_folder(folder, names):
            self._held[folder] = names
            return []
        labels = masks_beside_photos(names)
        photos = [name for name in names if name not in labels and not self._indexed_label(folder, name)]
        self._photo_stems.update(_stem(name) for name in photos)
        return photos

    def held_photos(self) -> dict[Folder, list[str]]:
        """The photos of the folders of labels, once every other folder is sorted: an image there named as a mask of
        a photo anywhere in the tree is its label file. An optic disc file counts where its image has a lesion file
        in any of them (IDRiD keeps ``5. Optic Disc/`` apart from its lesions' folders)."""
        stems = self._photo_stems
        coloured = {folder: {name for name in until_cancelled(names, self._state) if self._modes.photo(folder, name)}
                    for folder, names in self._headers_told().items()}
        lesion_stems = {parts[0] for folder, photos_as_masks in coloured.items()
                        for name in masks_beside_photos(self._held[folder], stems) - photos_as_masks
                        if (parts := class_mask_parts(name)) is not None and parts[1] in LESION_CLASSES}
        photos: dict[Folder, list[str]] = {}
        for folder, names in self._held.items():
            if _named_as_photos(folder):
                labels = {name for name in names if _stem(name) in stems}
            else:
                labels = masks_beside_photos(names, stems, lesion_stems) - coloured[folder]
            photos[folder] = [name for name in names if name not in labels]
        return photos

    def _indexed_label(self, folder: Folder, name: str) -> bool:
        """Whether ``name`` of ``folder`` is an indexed label named as its photo, by its header (_header_told)."""
        return _header_told(folder, name) and not self._modes.photo(folder, name)

    def header_reads(self) -> Iterator[tuple[int, int]]:
        """Looks at the headers held_photos needs, once every other folder is sorted, one by one: (looked at, to
        look at) before each and after the last, for a listing's progress (a share's 400 reads take seconds);
        held_photos then reads none again."""
        wanted = [(folder, name) for folder, names in self._headers_told().items() for name in names]
        for done, (folder, name) in enumerate(wanted):
            yield done, len(wanted)
            check_cancelled(self._state)
            self._modes.photo(folder, name)
        yield len(wanted), len(wanted)

    def _headers_told(self) -> dict[Folder, list[str]]:
        """The files of each folder of labels whose header tells a photo named as a mask from a mask (a colour
        photo's), once every other folder is sorted: those named as masks of photos, where its path does not say
        labels; none where they are named as photos."""
        stems = self._photo_stems
        return {folder: [] if _says_labels(folder) else sorted(masks_beside_photos(names, stems, stems))
                for folder, names in self._held.items() if not _named_as_photos(folder)}

    def label_folders(self) -> list[Folder]:
        """The folders of labels holding some photo's label file, once every other folder is sorted (held_photos):
        where an import of per-class masks looks for a photo's."""
        return [folder for folder, photos in self.held_photos().items() if len(photos) < len(self._held[folder])]


def photos_in(folders: Mapping[Folder, Sequence[str]], root: str | os.PathLike = "",
              modes: PhotoModes | None = None) -> dict[Folder, list[str]]:
    """The photos among the images of each folder of a tree (folder -> its images' names; relative to ``root``, as
    PhotoSorter takes them), as PhotoSorter sorts them: for those who have the whole tree at hand (training's loader,
    `analyze`'s inputs). ``modes``: the headers a sorting before read, of any tree (PhotoModes.within)."""
    sorter: PhotoSorter[Folder] = PhotoSorter(root, modes=None if modes is None else modes.within(root))
    photos = {folder: sorter.photos(folder, names) for folder, names in folders.items()}
    for folder, names in sorter.held_photos().items():
        photos[folder] = names
    return photos


def is_label_folder(folder: str | os.PathLike, names: Sequence[str]) -> bool:
    """Whether ``folder`` (its images' ``names``) is one of labels: one whose images are named as their photos
    (_named_as_photos), or one whose every image is named as a per-class mask. Its images are label files where they
    name photos elsewhere (held_photos)."""
    return bool(names) and (_named_as_photos(folder) or all(class_mask_parts(name) for name in names))


def photo_by_its_name(folder: str | os.PathLike, name: str) -> bool:
    """Whether ``name``, an image of ``folder``, is a photo whatever else the tree holds (PhotoSorter.photos): one
    named as no per-class mask, in a folder whose images are not named as their photos, is no label file (a walk
    lists it before the folder's other files are looked at: a share's DICOM files are read to tell them images); a
    PNG in a folder that says labels waits for its header (_header_told)."""
    return class_mask_parts(name) is None and not _named_as_photos(folder) and not _header_told(folder, name)


def _header_told(folder: str | os.PathLike, name: str) -> bool:
    """Whether ``name``, a PNG named as no per-class mask, is a photo or an indexed export's label by its header
    alone: where ``folder``'s path says labels (an export's ``masks/``). JPEGs there are photos, their headers
    unread (a clinic's ``Labelled/OD/``)."""
    return name.lower().endswith(INDEXED_SUFFIX) and class_mask_parts(name) is None and _says_labels(folder)


def photo_folders_of(folder: Folder, names: Sequence[str], beside: Mapping[Folder, Sequence[str]],
                     root: str | os.PathLike = "", modes: PhotoModes | None = None,
                     named: Sequence[str] = ()) -> list[Folder]:
    """The folders of ``beside`` (the others near ``folder``, their images' names; all relative to ``root``) holding
    the photos every image of ``folder`` is a label file of, as PhotoSorter sorts a tree of them all (``analyze
    DATA/masks``: DATA/images); none where one of ``names`` stays a photo. ``modes``: as photos_in's, shared by the
    sortings of each folder beside (each header read once). ``named``: those of ``names`` looked at first (``analyze
    histeq/P1_HE.png``): one whose header says a photo stays one however the tree sorts, and no other is read."""
    modes = PhotoModes() if modes is None else modes
    if not is_label_folder(folder, names) or any(_photo_by_header(folder, name, modes.within(root)) for name in named) \
            or photos_in({**beside, folder: names}, root, modes)[folder]:
        return []
    return [other for other, images in beside.items()
            if other != folder and len(photos_in({other: images, folder: names}, root, modes)[folder]) < len(names)]


def _photo_by_header(folder: str | os.PathLike, name: str, modes: PhotoModes) -> bool:
    """Whether ``name``, of a folder of labels, is a photo by its header alone (held_photos: a colour one where the
    folder's path says no labels, whatever photos it is named as a mask of)."""
    return not _named_as_photos(folder) and not _says_labels(folder) and modes.photo(folder, name)


def _named_as_photos(folder: str | os.PathLike) -> bool:
    """A folder of labels each named as its photo: the export's INDEXED_FOLDER, or one class's (DDR's label/EX/)."""
    return os.path.basename(os.path.normpath(folder)) == INDEXED_FOLDER or folder_class(folder)[0]


def _says_labels(folder: str | os.PathLike) -> bool:
    """Whether ``folder``'s name, or one of the two above it, says labels (LABEL_FOLDER: masks/, IDRiD's
    groundtruths)."""
    return any(LABEL_FOLDER.search(name) for name in PurePath(folder).parts[-LABEL_PATH_DEPTH:])


def _stem(name: str) -> str:
    return PurePosixPath(name).stem
