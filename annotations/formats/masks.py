"""Label masks as files: per-class binary images in IDRiD naming (``NAME_MA.png`` / ``NAME_MA.tif`` ...) and one
indexed PNG per case (pixel value = LesionClass value, palette from annotations.render).

The indexed PNG holds one class per pixel, so overlaps are lost: the smaller lesion wins, MA > HE > EX > SE > OD
(a microaneurysm inside a haemorrhage stays visible; the optic disc only shows where no lesion lies). The
per-class files keep overlaps; use them when overlaps matter. `analyze` writes the lossless variant
(``keep_overlaps``): a pixel where classes overlap holds OVERLAP_BASE + its bit-per-class value (33..63), drawn in
the winning class's colour; read_indexed_png reads both variants back.
"""
from __future__ import annotations

import io
import os
from pathlib import Path, PurePosixPath
from typing import Callable, Collection, Iterator, Mapping, TypeVar

import numpy as np
from PIL import Image, UnidentifiedImageError

from annotations.atomic import atomic_write_bytes
from annotations.classes import ALL_CLASSES, LESION_CLASSES, LesionClass
from annotations.decoder_reasons import decoder_reason
from annotations.formats import FormatError
from annotations.formats import messages as msg
from annotations.formats.mask_folders import folder_class
from annotations.frames import split_name_suffix
from annotations.render import indexed_from_bits, palette
from annotations.regular_files import open_regular

T = TypeVar("T")

# Later classes overwrite earlier ones in indexed_from_bits, so the last one here wins an overlap.
INDEXED_OVERLAP_ORDER: tuple[LesionClass, ...] = (
    LesionClass.OD, LesionClass.SE, LesionClass.EX, LesionClass.HE, LesionClass.MA)
MASK_EXTENSIONS: tuple[str, ...] = (".png", ".tif", ".tiff", ".PNG", ".TIF", ".TIFF")
# A folder named for its class may hold JPEG masks named as their photos (photo_sorter leaves them out of the cases):
# read as the class where brighter than mid-grey (JPEG_LEVEL), its blurred edges and ringing none
JPEG_MASK_EXTENSIONS: tuple[str, ...] = (".jpg", ".jpeg", ".JPG", ".JPEG")
JPEG_LEVEL = 128
# A JPEG whose pixels are this share or more of mid-tones (JPEG_MID_TONES) is a photo: a mask's are its edges only
JPEG_PHOTO_SHARE = 0.2
JPEG_MID_TONES = (48, 208)
OVERLAP_BASE = 32  # indexed value of an overlap pixel = OVERLAP_BASE + bits; above every class number
MAX_MASK_PIXELS = 120_000_000  # same ceiling as image_io: refuse decompression bombs
INDEXED_MODES: tuple[str, ...] = ("P", "L")  # palette or greyscale: one class number per pixel
PHOTO_MODES: tuple[str, ...] = ("RGB", "CMYK", "YCbCr")  # a colour photo's, no alpha: the header's word
_CLASS_COLOURS = palette()[:3 * (1 + len(LESION_CLASSES))]  # background and each lesion: has_class_palette
# More distinct levels than this is a photo; fewer may be a label image with anti-aliased edges, 0/1/2 grader marks
# or an "ignore" value, which must still come in (masks) or be named (indexed).
PHOTO_MIN_LEVELS = 16
# The folders the dataset export (and training's pseudo-masks) keep masks in beside images/: per-class files in
# masks/, the indexed PNGs (NAME.png) in masks_indexed/
MASKS_FOLDER = "masks"
INDEXED_FOLDER = "masks_indexed"
INDEXED_SUFFIX = ".png"  # an indexed label's (indexed_png_bytes): what photo_sorter reads the header of


class MaskTwice(FormatError):
    """Two files of one class for one photo (class_mask_files): ``files`` are all that photo's, none read."""

    def __init__(self, path: Path, reason: str, files: list[Path]) -> None:
        super().__init__(path, reason)
        self.files = files


class NotALabelImage(FormatError):
    """An image where a label image was expected that is none (a photo beside the labels, or the photo itself
    when the labels' folder is the photos' folder): an import skips it by name instead of reading it as labels."""


def class_mask_name(stem: str, cls: LesionClass, ext: str = ".png") -> str:
    return f"{stem}_{cls.name}{ext}"


def write_class_masks(folder: str | os.PathLike, stem: str, mask_bits: np.ndarray, ext: str = ".png") -> list[Path]:
    """One 0/255 greyscale file per class (see class_mask_images), written atomically. Returns the paths written."""
    written = []
    for name, data in class_mask_images(stem, mask_bits, ext):
        path = Path(folder) / name
        atomic_write_bytes(path, data)
        written.append(path)
    return written


def class_mask_images(stem: str, mask_bits: np.ndarray, ext: str = ".png", left_out: Collection[LesionClass] = ()
                      ) -> Iterator[tuple[str, bytes]]:
    """(file name, encoded file) per class of written_classes. Each file is encoded only when asked for: one 12 MP
    mask at a time."""
    if ext.lower() not in (".png", ".tif", ".tiff"):
        raise ValueError(f"mask extension {ext!r} is not supported; use .png or .tif")
    for cls in written_classes(mask_bits, left_out):
        binary = (mask_bits & cls.bit) != 0
        yield class_mask_name(stem, cls, ext), _encode(binary.view(np.uint8) * np.uint8(255), ext)


def written_classes(mask_bits: np.ndarray, left_out: Collection[LesionClass] = ()) -> list[LesionClass]:
    """The classes that get a file: the four lesion classes always (an empty file says "none present"); OD only when
    painted; no class of ``left_out``."""
    return [cls for cls in ALL_CLASSES
            if cls not in left_out and (cls in LESION_CLASSES or bool((mask_bits & cls.bit).any()))]


def all_class_mask_names(stem: str, ext: str = ".png") -> list[str]:
    """Every name class_mask_images may write for ``stem`` (to check them all before writing any)."""
    return [class_mask_name(stem, cls, ext) for cls in ALL_CLASSES]


def class_mask_parts(name: str) -> tuple[str, LesionClass] | None:
    """The stem and class a per-class file's name gives, as class_mask_name spells it with an ending of
    MASK_EXTENSIONS (``IDRiD_01_MA.tif`` -> ``IDRiD_01``, MA); None for any other name."""
    base, dot, ext = name.rpartition(".")
    stem, underscore, cls = base.rpartition("_")
    if not (dot and underscore and stem) or f".{ext}" not in MASK_EXTENSIONS or cls not in LesionClass.__members__:
        return None
    return stem, LesionClass[cls]


def masks_beside_photos(names: Collection[str], photo_stems: Collection[str] = (),
                        lesion_stems: Collection[str] = ()) -> set[str]:
    """The names among one folder's images that are per-class files of another image there, kept beside it
    (``IDRiD_01_MA.tif`` beside ``IDRiD_01.jpg``, as data sets and annotators keep them; ``vol_b012_MA.png``, B-scan
    12's as exports name it, beside ``vol.dcm``), or of a photo of ``photo_stems`` (photo_sorter: a folder of labels
    elsewhere): label files, not photos. By the names alone: ``x_EX.png`` with no ``x.*`` beside it is a photo.
    ``_OD`` also names a right eye, so an optic disc file counts only beside a lesion class's file of the same image,
    or where ``lesion_stems`` has one elsewhere (``eye_OD.png`` beside ``eye.png`` alone is a photo)."""
    stems = {PurePosixPath(name).stem for name in names} | set(photo_stems)
    beside = {name: parts for name in names
              if (parts := class_mask_parts(name)) is not None and _names_a_photo(parts[0], stems)}
    with_lesions = set(lesion_stems) | {stem for stem, cls in beside.values() if cls in LESION_CLASSES}
    return {name for name, (stem, cls) in beside.items() if cls in LESION_CLASSES or stem in with_lesions}


def _names_a_photo(stem: str, photo_stems: Collection[str]) -> bool:
    """Whether a mask's stem is a photo's, or one of its B-scans' (frames.name_suffix: ``vol_b012`` of ``vol``)."""
    return stem in photo_stems or split_name_suffix(stem)[0] in photo_stems


def read_class_masks(folder: str | os.PathLike, stem: str, shape: tuple[int, int],
                     not_label_images: set[Path] | None = None) -> np.ndarray:
    """Combine ``stem_MA.png|tif`` ... into a bit-per-class mask of ``shape`` (H, W); absent files mean empty.
    With ``not_label_images`` a file that is no binary mask (a photo) is left out and added to it, else it raises
    NotALabelImage."""
    return read_mask_files(class_mask_files(folder, stem), shape, not_label_images)


def read_mask_files(files: dict[LesionClass, Path], shape: tuple[int, int],
                    not_label_images: set[Path] | None = None) -> np.ndarray:
    """read_class_masks of the per-class ``files`` found (class_mask_files)."""
    mask_bits = np.zeros(shape, dtype=np.uint8)
    for cls, path in files.items():
        try:
            mask_bits[read_class_mask(path, shape)] |= np.uint8(cls.bit)
        except NotALabelImage:
            if not_label_images is None:
                raise
            not_label_images.add(path)
    return mask_bits


def class_mask_files(folder: str | os.PathLike, stem: str, class_folders: Mapping[Path, LesionClass] | None = None,
                     label_folders: Collection[Path] | None = None) -> dict[LesionClass, Path]:
    """Which per-class files exist for ``stem`` (so callers can tell "no masks" from "empty masks"): in ``folder``,
    and in its ``class_folders`` (class_folders_in(folder)); or, given ``label_folders`` (folders of labels under
    ``folder``, of any class each, or one class's named as their photos, DDR's ``label/EX/007.tif``: photo_sorter),
    in those alone. A class found twice raises MaskTwice naming both files."""
    own = Path(folder) if label_folders is None else None  # the photo's folder mirrored: no class's, by its name
    places = [*((place, cls) for place in ([own] if own else label_folders or []) for cls in ALL_CLASSES),
              *(class_folders or {}).items()]
    found: dict[LesionClass, list[Path]] = {}
    for place, cls in places:
        named_as_photo = place != own and folder_class(place.absolute()) == (True, cls)
        if (path := _find_class_file(place, stem, cls, named_as_photo)) is not None:
            found.setdefault(cls, []).append(path)
    for cls, (first, *others) in found.items():
        if others:
            raise MaskTwice(others[0], msg.MASK_TWICE.format(cls=cls.name, other=first.relative_to(folder).as_posix()),
                            [path for paths in found.values() for path in paths])
    return {cls: paths[0] for cls, paths in sorted(found.items())}


def class_folders_in(folder: str | os.PathLike) -> dict[Path, LesionClass]:
    """The sub-folders of ``folder`` whose per-class files are all of one class, with that class: the official IDRiD
    download keeps each class's masks in a folder of its own (``1. Microaneurysms/IDRiD_01_MA.tif`` …
    ``5. Optic Disc/IDRiD_01_OD.tif``); a folder holding a photo's several classes (the photos' folders mirrored)
    is none. One named for its class counts too, its masks named as their photos (mask_folders: DDR's
    ``label/EX/007.tif``).
    Hidden folders, and those that cannot be listed, are left out."""
    found = {}
    for sub in sorted(path for path in Path(folder).iterdir() if not path.name.startswith(".") and path.is_dir()):
        if (named := folder_class(sub.absolute()))[0]:
            if named[1] is not None:  # FGADR's IRMA_Masks/: a class we do not segment
                found[sub] = named[1]
            continue
        try:
            classes = {parts[1] for path in sub.iterdir() if (parts := class_mask_parts(path.name)) is not None}
        except OSError:  # no masks of the import's there
            continue
        if len(classes) == 1:
            found[sub] = classes.pop()
    return found


def class_mask_files_in(folder: str | os.PathLike) -> list[Path]:
    """Every per-class file directly in ``folder`` (``STEM_MA.png`` …), whatever its stem; in one named for its
    class (mask_folders), every file with a mask's ending, a JPEG's too (DDR's ``label/EX/007.tif``)."""
    named = folder_class(Path(folder).absolute())[0]
    return sorted(path for path in Path(folder).iterdir() if class_mask_parts(path.name) is not None
                  or (named and path.suffix in MASK_EXTENSIONS + JPEG_MASK_EXTENSIONS))


def write_indexed_png(path: str | os.PathLike, mask_bits: np.ndarray) -> None:
    """A palette PNG, pixel value = class value; overlaps resolved by INDEXED_OVERLAP_ORDER (MA wins)."""
    atomic_write_bytes(path, indexed_png_bytes(mask_bits))


def indexed_classes(mask_bits: np.ndarray) -> np.ndarray:
    """One class number per pixel, as an indexed PNG holds it: an overlap goes to INDEXED_OVERLAP_ORDER's winner."""
    return indexed_from_bits(mask_bits, INDEXED_OVERLAP_ORDER)


def overlapping(mask_bits: np.ndarray) -> np.ndarray:
    """Where two or more classes are painted (more than one bit set)."""
    return (mask_bits & (mask_bits - np.uint8(1))) != 0


def indexed_png_bytes(mask_bits: np.ndarray, keep_overlaps: bool = False) -> bytes:
    """Class numbers per pixel; with ``keep_overlaps`` a pixel of two or more classes holds OVERLAP_BASE + its
    bits instead of the winner's number, so the file gives back the bit-per-class mask exactly."""
    index = indexed_classes(mask_bits)
    if keep_overlaps:
        several = overlapping(mask_bits)
        index[several] = OVERLAP_BASE + mask_bits[several]
    image = Image.fromarray(index)
    image.putpalette(_overlap_palette())  # turns the L image into a P image with the class colours
    return _encode_image(image, ".png")


def read_indexed_png(path: str | os.PathLike, shape: tuple[int, int] | None = None) -> np.ndarray:
    """Back to a bit-per-class mask (overlaps too, when written with ``keep_overlaps``); values that are neither
    0, a class number nor an overlap value are refused: a photo (many levels) as NotALabelImage, a few stray values
    (an "ignore" 255) as a FormatError naming them."""
    path = Path(path)
    with _open_mask(path, shape) as image:
        if image.mode not in INDEXED_MODES:
            raise NotALabelImage(path, msg.INDEXED_MODE.format(mode=image.mode))
        index = np.asarray(image, dtype=np.uint8)
    lookup = np.zeros(256, dtype=np.uint8)
    for cls in ALL_CLASSES:
        lookup[cls.value] = cls.bit
    every_bit = sum(cls.bit for cls in ALL_CLASSES)
    lookup[OVERLAP_BASE + 1:OVERLAP_BASE + every_bit + 1] = np.arange(1, every_bit + 1, dtype=np.uint8)
    valid = np.flatnonzero(lookup)
    levels = np.unique(index)
    unexpected = np.setdiff1d(levels, np.append(valid, 0))
    if unexpected.size:
        refused = NotALabelImage if levels.size > PHOTO_MIN_LEVELS else FormatError  # few stray values: name them
        raise refused(path, msg.INDEXED_VALUES.format(values=unexpected[:8].tolist(),
                                                          classes=[cls.value for cls in ALL_CLASSES],
                                                          overlaps=f"{OVERLAP_BASE + 1}..{OVERLAP_BASE + every_bit}"))
    return lookup[index]


def _overlap_palette() -> list[int]:
    """The class palette, plus each overlap value in the colour of the class that wins it in plain indexed PNGs."""
    flat = palette()
    for bits in range(1, sum(cls.bit for cls in ALL_CLASSES) + 1):
        winner = [cls for cls in INDEXED_OVERLAP_ORDER if bits & cls.bit][-1]
        flat[3 * (OVERLAP_BASE + bits):3 * (OVERLAP_BASE + bits) + 3] = flat[3 * winner.value:3 * winner.value + 3]
    return flat


def _find_class_file(folder: Path, stem: str, cls: LesionClass, named_as_photo: bool = False) -> Path | None:
    """``stem``'s ``cls`` file in ``folder``: ``STEM_MA.png`` …, or ``STEM.png`` … too (a JPEG's too) where
    ``named_as_photo``."""
    names = [class_mask_name(stem, cls, ext) for ext in MASK_EXTENSIONS]
    if named_as_photo:
        names += [f"{stem}{ext}" for ext in MASK_EXTENSIONS + JPEG_MASK_EXTENSIONS]
    for name in names:
        path = folder / name
        if path.exists():  # not only regular files: a FIFO or device there is refused by name, not skipped
            return path
    return None


def has_indexed_mode(path: str | os.PathLike) -> bool:
    """Whether ``path``'s header allows an indexed label image (palette or greyscale), from the header alone. A
    file that cannot be opened counts as one, so that reading it names what is wrong."""
    mode = _header_mode(path)
    return mode is None or mode in INDEXED_MODES


def has_photo_mode(path: str | os.PathLike) -> bool:
    """Whether ``path``'s header says a photo's colours (PHOTO_MODES), from the header alone: a mask is binary,
    greyscale or a palette, or drawn in colour (IDRiD's red TIFFs: only where its folder says labels, photo_sorter).
    A file that cannot be opened counts as none."""
    return _header_mode(path) in PHOTO_MODES


def has_class_palette(path: str | os.PathLike) -> bool:
    """Whether ``path``'s header is an indexed PNG's as the export writes it (indexed_png_bytes): palette mode, its
    background and classes in the class colours, which no photo's palette holds. A file that cannot be opened counts
    as none."""
    found = _header_palette(path)
    return found is not None and found[:len(_CLASS_COLOURS)] == _CLASS_COLOURS


def _header_palette(path: str | os.PathLike) -> list[int] | None:
    """The palette of a palette image's header (a PNG's PLTE comes before its pixels); None for another image or a
    file that cannot be opened as one."""
    return _from_header(path, lambda image: image.getpalette() if image.mode == "P" else None)


def _header_mode(path: str | os.PathLike) -> str | None:
    """The image mode ``path``'s header gives; None for a file that cannot be opened as an image."""
    return _from_header(path, lambda image: image.mode)


def _from_header(path: str | os.PathLike, answer: Callable[[Image.Image], T]) -> T | None:
    """``answer`` of ``path`` opened as an image, its pixels not decoded; None for a file that cannot be opened as
    one."""
    try:
        handle = open_regular(path, None, "a mask", FormatError)
    except FormatError:
        return None
    with handle:
        try:
            with Image.open(handle) as image:
                return answer(image)
        except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
            return None


def read_class_mask(path: str | os.PathLike, shape: tuple[int, int]) -> np.ndarray:
    """One class's binary mask: every non-black pixel is the class (IDRiD's TIFFs are red on black RGB; others 0/1
    or 0/255 greyscale, some anti-aliased or 0/1/2; a JPEG's thresholded, _read_jpeg_mask). A photo is refused as
    NotALabelImage (_looks_like_photo)."""
    path = Path(path)
    if is_jpeg_mask(path):
        return _read_jpeg_mask(path, shape)
    with _open_mask(path, shape) as image:
        if image.mode in ("RGBA", "LA", "PA"):  # an alpha band says where it is drawn, never what: a transparent
            rgba = np.asarray(image.convert("RGBA"))  # pixel is not the class, an opaque one marks no pixel by itself
            data = np.where(rgba[:, :, 3:] > 0, rgba[:, :, :3], 0).astype(np.uint8)
        else:
            data = np.asarray(image)
    labelled = data.any(axis=2) if data.ndim == 3 else data != 0
    if _looks_like_photo(data[labelled]):
        raise NotALabelImage(path, msg.MASK_COLOURS)
    return labelled


def is_jpeg_mask(path: str | os.PathLike) -> bool:
    """Whether the mask at ``path`` is a JPEG's (JPEG_MASK_EXTENSIONS): read thresholded, its edges approximate."""
    return Path(path).suffix in JPEG_MASK_EXTENSIONS


def _read_jpeg_mask(path: Path, shape: tuple[int, int]) -> np.ndarray:
    """A JPEG mask's class pixels: its brightest channel at JPEG_LEVEL or above (a red mask's too); a photo (many
    mid-tones, JPEG_PHOTO_SHARE) is refused as NotALabelImage."""
    with _open_mask(path, shape) as image:
        brightest = np.asarray(image.convert("RGB")).max(axis=2)
    low, high = JPEG_MID_TONES
    if np.mean((brightest >= low) & (brightest < high)) >= JPEG_PHOTO_SHARE:
        raise NotALabelImage(path, msg.MASK_COLOURS)
    return brightest >= JPEG_LEVEL


def check_class_mask(path: str | os.PathLike, shape: tuple[int, int]) -> None:
    """Raises the FormatError that reading the mask meets before it looks at the pixels (not an image, too large,
    not ``shape``, damaged or truncated), at a decode's cost: training checks every mask before its first step."""
    _open_mask(Path(path), shape).close()


def _looks_like_photo(colours: np.ndarray) -> bool:
    """Whether the non-black pixels (N values, or N x 3 colours) are a photo's: many distinct levels, or colours of
    more than one hue (which channels are lit). Shades of one hue (anti-aliased red, greys 1/2/128/255) are a mask."""
    if not colours.size or not (colours != colours[0]).any():
        return False
    if colours.ndim == 2:
        if np.unique(colours != 0, axis=0).shape[0] > 1:
            return True
        colours = colours.astype(np.uint32) @ np.array([1 << 16, 1 << 8, 1], dtype=np.uint32)  # one value per colour
    return np.unique(colours).size > PHOTO_MIN_LEVELS


def _open_mask(path: Path, shape: tuple[int, int] | None) -> Image.Image:
    handle = open_regular(path, None, "a mask", FormatError)  # the image closes it
    try:
        image = Image.open(handle)
    except Image.DecompressionBombError as exc:  # Pillow's own ceiling (2x ours) fires before our check below
        handle.close()
        raise FormatError(path, msg.MASK_TOO_LARGE.format(error=decoder_reason(exc))) from exc
    except UnidentifiedImageError as exc:
        handle.close()
        raise FormatError(path, msg.UNKNOWN_MASK) from exc
    except (OSError, ValueError) as exc:  # ValueError: an oversized metadata chunk
        handle.close()
        raise FormatError(path, msg.NOT_A_MASK.format(error=decoder_reason(exc))) from exc
    width, height = image.size
    if width * height > MAX_MASK_PIXELS:
        image.close()
        raise FormatError(path, msg.MASK_TOO_MANY_PIXELS.format(width=width, height=height))
    if shape is not None and (height, width) != tuple(shape):
        image.close()
        raise FormatError(path, msg.MASK_SIZE.format(width=width, height=height, image_width=shape[1],
                                                     image_height=shape[0]))
    try:
        image.load()
    except (OSError, SyntaxError, ValueError) as exc:
        image.close()
        raise FormatError(path, msg.MASK_DAMAGED.format(error=decoder_reason(exc))) from exc
    return image


def _encode(binary_255: np.ndarray, ext: str) -> bytes:
    return _encode_image(Image.fromarray(binary_255), ext)


def _encode_image(image: Image.Image, ext: str) -> bytes:
    buffer = io.BytesIO()
    if ext.lower() == ".png":
        # Binary masks are long runs; level 1 is several times faster than 6 and barely larger.
        image.save(buffer, format="PNG", compress_level=1)
    else:
        image.save(buffer, format="TIFF", compression="tiff_deflate")
    return buffer.getvalue()
