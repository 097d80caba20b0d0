"""The names an imported label file may carry for an image: the one place import matches names, so every format
finds a B-scan of an OCT volume (``scans/vol.dcm#frame=12``, annotations.frames) by the name export gave it
(``vol_b012``), and never takes a label named for the volume (``vol.xml``) as every B-scan's.
"""
from __future__ import annotations

from pathlib import PurePosixPath

from annotations.frames import name_suffix, split_frame
from annotations.output_names import collision_stem, plain_stem


def own_stem(image_path: str) -> str:
    """The image file's own stem, a B-scan's with its number: ``scans/vol.dcm#frame=12`` -> ``vol_b012``
    (the data set's flat name), ``scans/a.jpg`` -> ``a``."""
    file, number = split_frame(image_path.replace("\\", "/"))
    return PurePosixPath(file).stem + ("" if number is None else name_suffix(number))


def beside_image(image_path: str, extension: str) -> PurePosixPath:
    """The label file at the image's own relative place: ``scans/a.jpg`` -> ``scans/a.xml``, B-scan 12 of
    ``scans/vol.dcm`` -> ``scans/vol_b012.xml``."""
    file, _number = split_frame(image_path.replace("\\", "/"))
    return PurePosixPath(file).parent / f"{own_stem(image_path)}{extension}"


def exported_stems(image_path: str, exported_as: str, name_key: bytes | None = None) -> list[str]:
    """The names an export may have given the image, or, for a volume's shown B-scan, the B-scan it is exported as
    (``vol_b004``, Workspace.export_path): the photo's own (``a``: per-case files and the data set) and its path's
    (``sub__a``: per-case files before they were named as the photo), each plain or with the tag of a collision
    (plan_stems), and a data set's keyed tag where the folder has its ``name_key`` (name_key.existing_name_key)."""
    keyed = [collision_stem(path, True, name_key) for path in (image_path, exported_as)] if name_key else []
    return list(dict.fromkeys([*(stem for path in (image_path, exported_as) for flat in (True, False)
                                 for stem in (plain_stem(path, flat), collision_stem(path, flat))), *keyed]))
