"""Files an export of an earlier version left under the names it gave the cases this export writes.

Before per-case label files were named by the photo (``sub/x.jpg`` -> ``x.xml``), exports named them by the photo's
path (``sub__x.xml``), and before exports listed what they wrote (OutputFolder's MANIFEST) nothing proves such a file
the program's own. Exporting into last month's export folder then writes every case's labels a second time beside
the old ones, which stay: the folder holds two labels per photo. The export says so (transfer_messages).
"""
from __future__ import annotations

from typing import Sequence

from annotations.formats import masks
from annotations.output_folder import OutputFolder
from annotations.output_names import plain_stem
from annotations.workspace import transfer_messages as warning

_ONE_FILE = {"voc": ".xml", "indexed": ".png", "yolo": ".txt", "labelme": ".json"}


def case_file_names(fmt: str, stem: str) -> list[str]:
    """Every file a per-case export of ``fmt`` may write for a case named ``stem``."""
    return masks.all_class_mask_names(stem) if fmt == "masks" else [stem + _ONE_FILE[fmt]]


def earlier_names_note(out: OutputFolder, fmt: str, export_paths: Sequence[str], names: Sequence[str]) -> str | None:
    """The warning (EARLIER_NAMES_KEPT) naming the files in ``out`` that name a case of ``export_paths`` by its path,
    as exports before photo-named files did, while this export named it ``names[i]``; None when there are none.
    Files this run wrote itself (another case's name now) are not among them."""
    written = {name.casefold() for stem in names for name in case_file_names(fmt, stem)}
    left: list[tuple[str, str]] = []  # (the earlier file, this export's file of that case and class)
    for path, name in zip(export_paths, names):
        earlier = plain_stem(path)
        if earlier.casefold() == name.casefold():
            continue
        left += [(file, name + file[len(earlier):]) for file in case_file_names(fmt, earlier)
                 if file.casefold() not in written and (out.path(file).is_file() or out.path(file).is_symlink())]
    if not left:
        return None
    return warning.EARLIER_NAMES_KEPT.format(count=len(left), example=left[0][0], now=left[0][1])
