"""Photos with a labelImg file beside them (Pascal VOC ``NAME.xml`` next to ``NAME.jpg``) that were never imported:
a person coming from labelImg opens the folder and sees none of their boxes until Annotate ▸ Import labels (VOC)
brings them in, so the window tells them (app.labelimg_note). Never imported automatically: the case's own boxes
and the file's may differ.

Cheap on a folder of thousands of photos: one listing of each folder that holds photos, and for each file found
there a look for the record an import or "Save VOC next to images" leaves (CaseFiles.beside_record_time). A file
changed since that record was written (edited in labelImg after its import) is read and compared with the record:
its edits are not shown either.
"""
from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path

from annotations.frames import bscan_case_id
from annotations.workspace.workspace import Workspace

VOC_EXTENSION = ".xml"


def unimported_labelimg_files(ws: Workspace, only: set[str] | None = None, worker: bool = True) -> list[str]:
    """The labelImg files (relative paths, as ``a/b.xml``, sorted) beside the photos of ``ws`` (``only``: of these
    image paths) for which no photo of theirs (a.jpg and a.png share a.xml) has the record of an import that read
    the whole file or of a write, or whose content changed since: each one a photo whose boxes the window does not
    show. A DICOM volume's B-scans are left out (labelImg opens none); a TIFF volume's file is its first page's, whose
    case is its B-scan 1's now (workspace.first_pages). ``worker``: the index read on its second connection."""
    photos_of: dict[str, list[tuple[str, str]]] = defaultdict(list)  # a file's relative path -> its photos
    for case_id, image_path, frames in ws.index.photo_paths(worker):
        if only is None or image_path in only:
            folder, _slash, name = image_path.rpartition("/")
            case = case_id if frames <= 1 else bscan_case_id(case_id, 1)
            photos_of[f"{folder}/{_xml_name(name)}" if folder else _xml_name(name)].append((case, name))
    listed: dict[str, set[str]] = {}  # folder (relative) -> the names of the files in it
    found = []
    for xml, photos in sorted(photos_of.items()):
        folder, _slash, name = xml.rpartition("/")
        if folder not in listed:
            listed[folder] = _names_in(ws.folder / folder)
        names = listed[folder]
        present = name in names and any(photo in names for _case, photo in photos)
        if present and not any(_known(ws, case_id, ws.folder / xml) for case_id, _photo in photos):
            found.append(xml)
    return found


def _known(ws: Workspace, case_id: str, xml: Path) -> bool:
    """Whether ``xml`` is as the case last wrote or imported it: read only where it changed after that."""
    recorded = ws.case_files.beside_record_time(case_id)
    if recorded is None:
        return False
    try:
        changed = os.stat(xml).st_mtime_ns > recorded
    except OSError:  # gone since the listing: nothing to say about it
        return True
    return not changed or ws.case_files.beside_known(case_id, xml)


def _xml_name(photo: str) -> str:
    """label_names.beside_image's name for a photo (no B-scan number: ``a.jpg`` -> ``a.xml``), without a path object
    for each of a folder's thousands of photos."""
    return os.path.splitext(photo)[0] + VOC_EXTENSION


def _names_in(folder: os.PathLike) -> set[str]:
    try:
        with os.scandir(folder) as entries:
            return {entry.name for entry in entries if entry.is_file()}
    except OSError:  # a folder gone or away since the listing: nothing to say about it
        return set()
