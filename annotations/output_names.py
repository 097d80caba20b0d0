"""Output names for exports and analyses: one safe, unique file stem per case.

A stem comes from the image's path in its folder (``sub/x.jpg`` -> ``sub__x``). It is sanitised so it is a plain
file name on every platform (no separators, no leading dot, no control or reserved characters, a bounded length)
and can never point outside the output folder, whatever a hand-edited ``case.json`` says (``/etc/x``,
``../../x``). Stems that collide (``x.jpg`` + ``x.png``, ``sub/y.jpg`` + ``sub__y.jpg``, or names that differ only
in letter case or Unicode normalisation, which some file systems treat as one) each get a suffix derived from the
image's own path: deterministic whatever the order or the other cases, so an import finds them again.
"""
from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections import Counter
from pathlib import PurePosixPath
from typing import Callable, Collection, Sequence

from annotations import messages as msg
from annotations.case_names import case_name
from annotations.dicom import probed_suffix
from annotations.frames import name_suffix, split_frame
from annotations.wording import join_items, quote_name

# Path separators, Windows-reserved characters, control characters (C0, DEL, C1), the lone surrogates that stand
# for a file name's bytes that are not UTF-8 (os.fsdecode), which no UTF-8 text can hold, and the bidirectional
# controls that make a file manager or a terminal show a name in another order ("eye\u202egpj.exe" as "eyeexe.jpg").
_UNSAFE_CHARS = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f-\x9f\ud800-\udfff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]')
_WINDOWS_DEVICES = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                              *(f"LPT{i}" for i in range(1, 10))})
# File names are limited to 255 bytes; leave room for suffixes such as "_overlay.png" and a collision tag.
MAX_STEM_BYTES = 160
FALLBACK_STEM = "image"


def export_name(image_path: str) -> str:
    """The case's stem: ``sub/x.jpg`` -> ``sub__x`` (a flat folder keeps ``x``), B-scan 12 of ``sub/vol.dcm``
    (annotations.frames) -> ``sub__vol_b012``; a DICOM file named by its UID keeps its last part (a series' files
    differ there alone); always a safe file name."""
    file, number = split_frame(str(image_path))
    path = PurePosixPath(file.replace("\\", "/"))
    folders = [part for part in path.parent.parts if part not in ("/", ".", "..")]
    own = path.name if probed_suffix(path.suffix.lower()) else path.stem
    return safe_stem("__".join((*folders, own + ("" if number is None else name_suffix(number)))))


def safe_stem(text: str) -> str:
    """``text`` as one file name component: unsafe characters become ``_``, no leading dots or spaces, no trailing
    dots or spaces (Windows drops them), not a Windows device name, at most MAX_STEM_BYTES of UTF-8."""
    stem = _UNSAFE_CHARS.sub("_", unicodedata.normalize("NFC", text)).lstrip(". ").rstrip(". ")
    if len(stem.encode("utf-8")) > MAX_STEM_BYTES:
        tag = _tag(text)
        stem = stem.encode("utf-8")[:MAX_STEM_BYTES - len(tag) - 1].decode("utf-8", "ignore") + "_" + tag
    if stem.split(".")[0].upper() in _WINDOWS_DEVICES:
        stem = "_" + stem
    return stem or FALLBACK_STEM


def plan_stems(image_paths: Sequence[str], flat: bool = False, reserved: Sequence[str] = (),
               noted: Collection[str] | None = None, key: bytes | None = None,
               mask_files_among: Callable[[Collection[str]], set[str]] | None = None) -> tuple[list[str], list[str]]:
    """One unique stem per image path (same order) and a note per name given up; ``flat`` names by the file's own
    stem (``sub/x.jpg`` -> ``x``), as the data set and the per-case label files are named, else by its path
    (``sub__x``). ``reserved``: stems the format's own files take (YOLO's ``classes``), which an image of that name
    gives up the same way. ``noted``: the paths whose renaming the notes name (default all): plan over every photo of
    a folder, so that a name never depends on the cases chosen, and say only what happened to those written.

    Uniqueness is checked case-insensitively and after Unicode normalisation, as the output may land on a file
    system that folds either. A flat name is taken only where no other photo could be meant by it (its own name or
    its path's, which import looks for: label_names.exported_stems); else a photo in a folder takes its path's
    (``P001/OD.jpg`` -> ``P001__OD``: a folder per patient keeps readable names) on the same terms, else ``_`` + a
    hash of its path.

    ``key`` (with ``flat``): names for files that leave the clinic (a data set): a clinic names folders after its
    patients (``Wang Xiaoming 1956-03-02/OD.jpg``), so no folder's name is offered, and the hash is keyed (HMAC): no
    one without the key can tell a photo's folder from its name, not even by hashing names they guess.

    ``mask_files_among`` (masks.masks_beside_photos, passed in: annotations.formats imports this module): the images
    are written into one folder (a data set's ``images/``), where a name that is a lesion mask's of another image's
    (``P1_HE`` beside ``P1``, histogram-equalised copies kept so) would be read as that image's label file (the
    window's scan, training's loader), so it is given up too.
    """
    own = [plain_stem(p, flat) for p in image_paths]
    # a path in a folder offers its path's name too; a file named by its absolute path (analyze) only its own
    options = [[own[i], plain_stem(p)] if flat and key is None and _in_a_folder(p) else [own[i]]
               for i, p in enumerate(image_paths)]
    kept_for_files = {_fold(name) for name in reserved}
    claims = Counter(key for names in options for key in {_fold(name) for name in names})
    claims.update(kept_for_files)
    masks = set() if mask_files_among is None else \
        _named_as_masks({name for names in options for name in names}, mask_files_among)
    stems = [next((name for name in names if claims[_fold(name)] == 1 and _fold(name) not in masks), "")
             for names in options]
    taken = {_fold(stem) for stem in stems if stem}
    renamed: dict[str, list[str]] = {}  # a plain name given up (folded) -> what each noted photo of it became
    spelt: dict[str, str] = {}  # as the first of them spells it
    for index, path in enumerate(image_paths):
        if stems[index] == own[index]:
            continue
        if not stems[index]:
            candidate = base = f"{own[index]}_{_tag(path, key)}"
            counter = 2
            while _fold(candidate) in taken:  # a tag that meets another image's plain name: rare, still unique
                candidate, counter = f"{base}_{counter}", counter + 1
            taken.add(_fold(candidate))
            stems[index] = candidate
        if noted is None or path in noted:
            spelt.setdefault(_fold(own[index]), own[index])
            renamed.setdefault(_fold(own[index]), []).append(msg.RENAMED_AS.format(path=case_name(path),
                                                                                    stem=quote_name(stems[index])))
    notes = []
    for key, members in renamed.items():
        count = claims[key] - (key in kept_for_files)
        note = (msg.SHARED_OUTPUT_NAME if count > 1 else msg.RESERVED_OUTPUT_NAME if key in kept_for_files
                else msg.MASK_OUTPUT_NAME)
        notes.append(note.format(count=count, name=repr(spelt[key]), renamed=join_items(members)))
    return stems, notes


def _named_as_masks(names: Collection[str], mask_files_among: Callable[[Collection[str]], set[str]]) -> set[str]:
    """The ``names`` (folded) that read as another's lesion mask files where they lie side by side as PNGs (the
    names a mask may bear, whatever the image's own ending: a conservative rule)."""
    files = {f"{name}.png": name for name in names}
    return {_fold(files[file]) for file in mask_files_among(files)}


def _in_a_folder(image_path: str) -> bool:
    """Whether ``image_path`` is relative (to the folder of cases), not absolute on this or another system."""
    text = str(image_path).replace("\\", "/")
    return not (text.startswith("/") or re.match(r"^[A-Za-z]:", text))


def collision_stem(image_path: str, flat: bool = False, key: bytes | None = None) -> str:
    """The tagged stem plan_stems gives ``image_path`` when its plain stem collides (and, ``flat``, its path's too),
    keyed as a data set's are (``key``), so an import can look for it."""
    return f"{plain_stem(image_path, flat)}_{_tag(image_path, key)}"


def plain_stem(image_path: str, flat: bool = False) -> str:
    """``sub/x.jpg`` -> ``sub__x``, or ``x`` when ``flat``: before collisions are told apart."""
    return export_name(PurePosixPath(str(image_path).replace("\\", "/")).name if flat else image_path)


def _tag(image_path: str, key: bytes | None = None) -> str:
    """A hash of the path as written (not normalised: two names that differ only in their Unicode form, one photo
    each, need two tags; the order they came in had told them apart, and an import mixed their labels), keyed with
    ``key`` where given (plan_stems)."""
    data = str(image_path).replace("\\", "/").encode("utf-8", "surrogateescape")
    if key is not None:
        return hmac.new(key, data, hashlib.sha256).hexdigest()[:8]
    return hashlib.sha1(data).hexdigest()[:8]


def _fold(stem: str) -> str:
    return unicodedata.normalize("NFC", stem).casefold()
