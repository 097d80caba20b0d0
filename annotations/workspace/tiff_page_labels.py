"""Labels named for a page of a multi-page TIFF as export names a volume's B-scan (``vol_b003_MA.png``,
``vol_b003.xml``, COCO's ``vol.tif#frame=3``): a TIFF that is no volume (annotations.tiff_volume) opens as one
picture, its first page (image_io.tiff_pages), so no case takes them; the import says so, naming the TIFF, instead of
counting them among labels of no image."""
from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Callable, Hashable, Iterable, Mapping

from annotations.case_names import case_name
from annotations.frames import split_name_suffix
from annotations.image_io import tiff_pages
from annotations.workspace import transfer_messages as warning


def tiff_page_labels(stems: Mapping[Hashable, str], name: Callable[[Hashable], str], folder: Path,
                     image_paths: Iterable[str]) -> tuple[set[Hashable], list[str]]:
    """The unmatched label keys among ``stems`` (key -> the stem it is named for: ``vol_b003``) that name a page of a
    multi-page TIFF among ``image_paths`` (relative to ``folder``), and a warning for each such TIFF, naming a key by
    ``name``."""
    by_volume: dict[str, list[Hashable]] = {}
    for key, stem in stems.items():
        volume, number = split_name_suffix(stem)
        if number is not None:
            by_volume.setdefault(volume, []).append(key)
    said: set[Hashable] = set()
    warnings: list[str] = []
    for image_path in image_paths if by_volume else ():
        keys = sorted((key for key in by_volume.get(PurePosixPath(image_path).stem, []) if key not in said), key=name)
        pages = tiff_pages(folder / image_path) if keys else 1
        if pages > 1:
            said.update(keys)
            warnings.append(warning.TIFF_PAGE_LABELS.format(count=len(keys), image=case_name(image_path),
                                                            example=name(keys[0]), pages=pages))
    return said, warnings
