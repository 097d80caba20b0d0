"""Per-case label files in the sidecar: ``cases/<case_id>/case.json`` plus versioned array and XML files.

Save order makes a crash at any point harmless: the new mask/VOC/AI files get fresh names (``mask.7.png``),
``case.json`` is replaced last and is the only file that says which versions are current, and old versions
are deleted only after it. A crash before the replace leaves the previous ``case.json`` pointing at the
previous files, which are still there; stray new files are removed by the next save. Only files named the way
a save names them are ever removed, and every write goes through the workspace's ConfinedFolder.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

import numpy as np
from PIL import Image

from annotations.case_names import case_name
from annotations.decoder_reasons import decoder_reason
from annotations.document import Box, CaseDocument, ReaderGrade
from annotations.errors import FileProblem
from annotations.image_io import MAX_PIXELS
from annotations.kept_aside import DAMAGED, aside_path
from annotations.progress import NullState, TaskState, check_cancelled
from annotations.regular_files import open_regular, read_regular_bytes
from annotations.workspace import codec
from annotations.workspace.case_values import damaged, image_shape
from annotations.workspace.confined import ConfinedFolder
from annotations.workspace import messages as msg
from annotations.workspace.errors import CaseFileMissing, DamagedCaseFile, WorkspaceError

CASE_FILE = "case.json"
PNG_COMPRESS_LEVEL = 3  # level 3 compresses label masks as well as 6 in about half the time
MAX_CASE_JSON_BYTES = 64 << 20  # a case.json is a few kB; boxes by the ten thousand stay far below this
MAX_AI_FILE_BYTES = 1 << 30  # compressed AI arrays of a 120-megapixel image stay below this
# The sha256 of the labelImg file beside the image as this case last wrote or imported it: only that file is replaced
BESIDE_RECORD = "voc-beside.sha256"
MAX_BESIDE_BYTES = 64 << 20  # a labelImg file beside the image, read to compare it with the record
# The versioned files a save writes, and the temp files of an interrupted atomic write of any of them.
_SAVED_NAME = re.compile(r"^(mask\.\d+\.png|voc\.\d+\.xml|ai\.\d+\.npz)$")
_TEMP_NAME = re.compile(r"^\.(case\.json|mask\.\d+\.png|voc\.\d+\.xml|ai\.\d+\.npz)\.[A-Za-z0-9_]+\.tmp$")

_MISSING = {"mask": msg.MASK_MISSING, "ai": msg.AI_MISSING}  # what a case's file gone (CaseFileMissing) says

VocEncoder = Callable[[CaseDocument], bytes]
T = TypeVar("T")


def encode_mask_png(mask: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(mask, mode="L").save(buffer, format="PNG", compress_level=PNG_COMPRESS_LEVEL)
    return buffer.getvalue()


def _in_case_folder(name: object) -> bool:
    """Whether ``name`` names a file in a case's folder (or none, ""), on any system: no folder, no ``..``."""
    return isinstance(name, str) and name not in (".", "..") and not any(sep in name for sep in "/\\:")


def is_saved_mask_name(name: object) -> bool:
    """Whether ``name`` is a mask file's name as a save writes it (mask.REVISION.png), in the case's folder."""
    return isinstance(name, str) and _SAVED_NAME.match(name) is not None and name.startswith("mask.")


def decode_mask_png(path: Path, shape: tuple[int, int]) -> np.ndarray:
    try:
        with open_regular(path) as handle, Image.open(handle) as image:
            image.load()
            if image.mode != "L" or image.size != (shape[1], shape[0]):
                raise DamagedCaseFile(msg.MASK_CHANGED.format(path=path, mode=image.mode, width=image.size[0],
                                                             height=image.size[1], image_width=shape[1],
                                                             image_height=shape[0]))
            return np.asarray(image, dtype=np.uint8).copy()
    except (OSError, SyntaxError, ValueError, FileProblem) as exc:
        raise _unreadable(msg.MASK_UNREADABLE, path, exc) from exc


def decode_ai_npz(path: Path) -> dict[str, np.ndarray]:
    try:
        return codec.arrays_from_npz(read_regular_bytes(path, MAX_AI_FILE_BYTES, "saved AI arrays"),
                                     max_elements=MAX_PIXELS)
    except (FileProblem, OSError, ValueError) as exc:
        raise _unreadable(msg.AI_UNREADABLE, path, exc) from exc


def _unreadable(template: str, path: Path, exc: Exception) -> WorkspaceError:
    """The error for a saved file that could not be read: DamagedCaseFile when its content is at fault (a parser's
    error, or Pillow's OSError without an errno: "image file is truncated"), else the storage's (a file missing, a
    disk or share error: FileProblem, an OSError with an errno); a decoder's common reasons worded."""
    storage = isinstance(exc, FileProblem) or isinstance(exc, OSError) and exc.errno is not None
    return (WorkspaceError if storage else DamagedCaseFile)(template.format(path=path, error=decoder_reason(exc)))


def _why(exc: Exception) -> str:
    """Why a case file's content is not read: a field missing (a KeyError names it), else the error's own words."""
    if isinstance(exc, KeyError) and len(exc.args) == 1 and isinstance(exc.args[0], str):
        return msg.FIELD_MISSING.format(field=exc.args[0])
    return str(exc)


_ONE_NAME = re.compile(r"[^/\\:\x00]+")  # a case id is one file name on every platform (no separator, drive or NUL)


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


class CaseFiles:
    """Reads and writes the sidecar files of every case under ``cases_dir``."""

    def __init__(self, cases_dir: Path, confined: ConfinedFolder) -> None:
        self.cases_dir = cases_dir
        self._confined = confined

    def case_dir(self, case_id: str) -> Path:
        """The folder of ``case_id``'s files: one entry of cases_dir. An id that would name another place (a
        crafted snapshot's or index's "../../x") is refused before anything there is read or written."""
        if not _ONE_NAME.fullmatch(case_id) or case_id in (".", ".."):
            raise WorkspaceError(msg.NOT_OURS.format(case=repr(case_id), folder=self.cases_dir))
        return self.cases_dir / case_id

    def case_file(self, case_id: str) -> Path:
        return self.case_dir(case_id) / CASE_FILE

    def exists(self, case_id: str) -> bool:
        """Anything at the case file's path counts: a FIFO or device there is refused when read, never taken for
        "no labels yet" (a save would then replace what is there)."""
        return os.path.lexists(self.case_file(case_id))

    def saved_case_ids(self) -> dict[str, int]:
        """case_id -> mtime_ns of its case.json, for every case with saved labels."""
        return {case_id: stat.st_mtime_ns for case_id, stat in self._saved_case_stats()}

    def saved_case_versions(self) -> dict[str, tuple[int, int, int]]:
        """case_id -> (mtime_ns, inode, size) of its case.json, for every case with saved labels: tells two saves
        apart where the clock alone cannot (FAT, exFAT and some SMB shares keep 1-2 s timestamps), as every save
        replaces case.json by a new file."""
        return {case_id: (stat.st_mtime_ns, stat.st_ino, stat.st_size) for case_id, stat in self._saved_case_stats()}

    def _saved_case_stats(self) -> Iterator[tuple[str, os.stat_result]]:
        if not self.cases_dir.is_dir():
            return
        with os.scandir(self.cases_dir) as entries:
            for entry in entries:
                try:
                    yield entry.name, os.stat(os.path.join(entry.path, CASE_FILE))
                except OSError:
                    continue

    def files_time(self, case_id: str, case_file_time: int | None = None) -> int:
        """When the case's saved files last changed, as the index stamps a row (catalog): its case.json's mtime
        (``case_file_time`` where known), or its folder's where later: a mask or AI file deleted or put back changes
        the folder, not case.json. A file system that keeps no folder times (FAT) shows it at the case's next open."""
        folder = self.case_dir(case_id)
        if case_file_time is None:
            case_file_time = os.stat(folder / CASE_FILE).st_mtime_ns
        try:
            return max(case_file_time, os.stat(folder).st_mtime_ns)
        except OSError:
            return case_file_time

    def beside_known(self, case_id: str, beside: Path) -> bool:
        """Whether the labelImg file ``beside`` is, byte for byte, the one this case last wrote or imported there."""
        record = self.case_dir(case_id) / BESIDE_RECORD
        try:
            known = read_regular_bytes(record, 1024, "a record").decode("ascii").strip()
            found = hashlib.sha256(read_regular_bytes(beside, MAX_BESIDE_BYTES, "a labelImg file")).hexdigest()
        except (FileProblem, OSError, UnicodeDecodeError):  # no record yet, or a file that is no labelImg file
            return False
        return known == found

    def beside_record_time(self, case_id: str) -> int | None:
        """When this case last wrote or imported the labelImg file beside its image (mtime_ns of its record; None:
        never), without reading either file: one look, for a folder's thousands of photos."""
        try:
            return os.stat(os.path.join(self.case_dir(case_id), BESIDE_RECORD)).st_mtime_ns
        except OSError:
            return None

    def note_beside(self, case_id: str, data: bytes) -> None:
        """``data`` is now the labelImg file beside the case's image (written or imported by this case)."""
        folder = self.case_dir(case_id)
        self._confined.mkdir(folder)  # a case whose labels were never saved has none yet
        self._confined.write_text(folder / BESIDE_RECORD, hashlib.sha256(data).hexdigest() + "\n")

    def read_json(self, case_id: str) -> dict[str, Any]:
        path = self.case_file(case_id)
        if not os.path.lexists(path):
            raise FileNotFoundError(path)
        try:
            data = json.loads(read_regular_bytes(path, MAX_CASE_JSON_BYTES, "a case file").decode("utf-8"))
        except (FileProblem, ValueError, RecursionError) as exc:  # RecursionError: JSON nested past Python's limit
            raise _unreadable(msg.LABELS_UNREADABLE, path, exc) from exc
        if not isinstance(data, dict):
            raise DamagedCaseFile(msg.LABELS_INVALID.format(path=path, error=msg.NO_FIELDS))
        if data.get("case_id", case_id) != case_id:
            raise DamagedCaseFile(msg.OTHER_CASE.format(path=path, other=repr(data["case_id"]), case=repr(case_id)))
        return data

    def read_checked(self, case_id: str, read: Callable[[dict[str, Any]], T]) -> T:
        """``read`` of the case's case.json (read_json) without its arrays, checked as load checks it
        (codec.check_case_file, which doc_from_json asks itself) and refused as load refuses it (_valid)."""
        def checked_read(data: dict[str, Any]) -> T:
            codec.check_case_file(data)
            return read(data)
        return self._valid(case_id, checked_read, self.read_json(case_id))

    def _valid(self, case_id: str, read: Callable[[dict[str, Any]], T], data: dict[str, Any]) -> T:
        """``read(data)``, which checks that this version reads the file; one it cannot read (a later version's, or a
        value damaged) raises DamagedCaseFile naming the file and why (update RetinaReview)."""
        try:
            return read(data)
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise DamagedCaseFile(msg.LABELS_INVALID.format(path=self.case_file(case_id), error=_why(exc))) from exc

    def load(self, case_id: str, without_missing: bool = False, state: TaskState = NullState(),
             data: dict[str, Any] | None = None) -> tuple[CaseDocument, dict[str, Any]]:
        """The saved document and its case.json content (revision, file names, who saved it and when). A mask or AI
        file that cannot be read raises DamagedCaseFile with its ``part`` (without_damaged); one missing,
        CaseFileMissing (the mask's, naming the AI file too where both are gone: ``also``), unless
        ``without_missing``: the document then has no painted pixels, or no AI result. Raises Cancelled before the
        next file once ``state`` is cancelled. ``data``: its case.json as just read (read_json), not read again."""
        data = self.read_json(case_id) if data is None else data
        doc, missing = self._document_less(case_id, data, CaseFileMissing, state)
        if missing and not without_missing:
            first = missing[0]
            raise CaseFileMissing(str(first), first.part, tuple(str(exc) for exc in missing[1:]),
                                  tuple(text for exc in missing for text in exc.listed)) from first
        return doc, data

    def load_fields(self, case_id: str) -> CaseDocument:
        """The saved document as ``load`` gives it, less its painted mask and its AI result's arrays, left unread in
        their files: its case.json read alone. A mask or AI file missing raises CaseFileMissing (the first one's) as
        load does, from one look at each; one that cannot be decoded is found by ``load`` alone."""
        data = self.read_json(case_id)
        for part, path in self._gone(case_id, data).items():
            raise CaseFileMissing(self._missing_text(case_id, data, part, path), part)
        doc = self._document(case_id, data, None, {})
        doc.fields_only = True
        return doc

    def without_damaged(self, case_id: str, stamp: str) -> tuple[CaseDocument, list[Path]]:
        """The saved document less its mask or AI file that cannot be read (DamagedCaseFile: no painted pixels, or no
        AI result), each such file copied first as ``NAME.damaged-STAMP`` beside it (never swept by a save: a person
        may mend it); returns the document and the copies ([] when nothing was damaged). A case.json that cannot be
        read raises as load does."""
        data = self.read_json(case_id)
        doc, left_out = self._document_less(case_id, data, DamagedCaseFile)
        return doc, [self._copy_aside(case_id, data["files"][exc.part], stamp) for exc in left_out
                     if not isinstance(exc, CaseFileMissing)]  # a missing one has nothing to keep

    def _document_less(self, case_id: str, data: dict[str, Any], left_out: type[DamagedCaseFile],
                       state: TaskState = NullState()) -> tuple[CaseDocument, list[DamagedCaseFile]]:
        """The document of ``data`` less its mask or AI file whose read raised ``left_out`` (no painted pixels; no AI
        result: its findings without their arrays would be half a result), and those errors. Any other error, and
        one of its case.json (no ``part``), raises; Cancelled before the next file once ``state`` is cancelled."""
        dropped: list[DamagedCaseFile] = []

        def read(reader: Callable[[str, dict[str, Any]], T], empty: T) -> T:
            # on a slow share each file takes seconds: a case the reader has left is read no further
            check_cancelled(state)
            try:
                return reader(case_id, data)
            except DamagedCaseFile as exc:
                if not isinstance(exc, left_out) or exc.part is None:
                    raise
                dropped.append(exc)
                return empty

        mask = read(self._mask, None)
        ai_arrays = read(self._ai_arrays, {})
        if any(exc.part == "ai" for exc in dropped):
            data = {**data, "ai": None}
        doc = self._document(case_id, data, mask, ai_arrays)
        name = self._saved_files(case_id, data).get("mask")
        if is_saved_mask_name(name) and any(isinstance(exc, CaseFileMissing) and exc.part == "mask" for exc in dropped):
            doc.mask_left_out = name
        return doc, dropped

    def _mask(self, case_id: str, data: dict[str, Any]) -> np.ndarray | None:
        if not self._saved_files(case_id, data).get("mask"):
            return None
        try:
            shape = image_shape(data)
        except (KeyError, TypeError, ValueError) as exc:
            raise DamagedCaseFile(msg.LABELS_INVALID.format(path=self.case_file(case_id), error=_why(exc))) from exc
        return self._read_part(case_id, data, "mask", lambda path: decode_mask_png(path, shape))

    def _ai_arrays(self, case_id: str, data: dict[str, Any]) -> dict[str, np.ndarray]:
        return self._read_part(case_id, data, "ai", decode_ai_npz) or {}

    def _read_part(self, case_id: str, data: dict[str, Any], part: str, read: Callable[[Path], T]) -> T | None:
        """``read`` of the file case.json names as the case's ``part`` ("mask" or "ai"; None where it names none).
        Its content at fault raises DamagedCaseFile with that ``part``; the file gone while its case.json, just read,
        is still there, CaseFileMissing: that case's alone. A share gone takes both: the storage's WorkspaceError."""
        name = self._saved_files(case_id, data).get(part)
        if not name:
            return None
        path = self.case_dir(case_id) / name
        try:
            return read(path)
        except DamagedCaseFile as exc:
            exc.part = part
            raise
        except WorkspaceError as exc:
            if os.path.lexists(path) or not os.path.lexists(self.case_file(case_id)):
                raise
            raise CaseFileMissing(self._missing_text(case_id, data, part, path), part,
                                  listed=(self._missing_text(case_id, data, part, self._in_folder(path)),)) from exc

    def missing_texts(self, case_id: str, data: dict[str, Any] | None = None, listed: bool = False) -> list[str]:
        """What each mask or AI file that the case's case.json (``data``, else read) names and that is not there says
        (as CaseFileMissing says it; ``listed``: as its ``listed``, for the index), from one look each: no file is
        read. [] when none is missing."""
        data = self.read_json(case_id) if data is None else data
        return [self._missing_text(case_id, data, part, self._in_folder(path) if listed else path)
                for part, path in self._gone(case_id, data).items()]

    def _gone(self, case_id: str, data: dict[str, Any]) -> dict[str, Path]:
        """The mask and AI files (by part) that ``data``, the case's case.json, names and that are not there."""
        names = self._saved_files(case_id, data)
        paths = {part: self.case_dir(case_id) / names[part] for part in _MISSING if names.get(part)}
        return {part: path for part, path in paths.items() if not os.path.lexists(path)}

    @staticmethod
    def _missing_text(case_id: str, data: dict[str, Any], part: str, path: Path | str) -> str:
        image = data.get("image_path")
        named = case_name(image) if isinstance(image, str) else repr(case_id)
        return _MISSING[part].format(path=path, case=named)

    def _in_folder(self, path: Path) -> str:
        """``path`` from the opened folder, with forward slashes as the index's image paths: still true once the
        folder is moved or renamed."""
        try:
            return path.relative_to(self._confined.root).as_posix()
        except ValueError:  # not under it: named whole
            return str(path)

    def _saved_files(self, case_id: str, data: dict[str, Any]) -> dict[str, Any]:
        """case.json's names of the case's mask, VOC and AI files: names in the case's folder. One edited to lead out
        of it (``../../../b.png``) had a photo read as the case's mask, and its copy "set aside" among the photos."""
        files = data.get("files", {})
        if not isinstance(files, dict) or not all(name is None or _in_case_folder(name) for name in files.values()):
            raise DamagedCaseFile(msg.LABELS_INVALID.format(path=self.case_file(case_id),
                                                            error=damaged("files", files)))
        return files

    def _document(self, case_id: str, data: dict[str, Any], mask: np.ndarray | None,
                  ai_arrays: dict[str, np.ndarray]) -> CaseDocument:
        return self._valid(case_id, lambda checked: codec.doc_from_json(checked, mask, ai_arrays), data)

    def _copy_aside(self, case_id: str, name: str, stamp: str) -> Path:
        path = self.case_dir(case_id) / name
        kept = aside_path(path, DAMAGED, stamp)
        self._confined.write_bytes(kept, read_regular_bytes(path, MAX_AI_FILE_BYTES, "a damaged saved file"))
        return kept

    def saved_boxes(self, case_id: str) -> list[Box]:
        """The boxes saved for ``case_id`` ([] when nothing is saved), from its case.json alone: no mask or AI
        arrays are decoded (Ctrl+V copies the previous case's boxes)."""
        if not self.exists(case_id):
            return []
        return self.read_checked(case_id, lambda data: [codec.box_from_json(box) for box in data.get("boxes", [])])

    def saved_grade(self, case_id: str) -> ReaderGrade:
        """The grade saved for ``case_id`` (an empty one when nothing is saved), from its case.json alone: the grades
        CSV keeps the row of a case whose mask or AI file is damaged."""
        if not self.exists(case_id):
            return ReaderGrade()
        return self.read_checked(case_id, lambda data: codec.saved_grade(data).grade)

    def read_ai_arrays(self, case_id: str, name: str | None) -> dict[str, np.ndarray]:
        return decode_ai_npz(self.case_dir(case_id) / name) if name else {}

    def save(self, doc: CaseDocument, meta: dict[str, Any], voc_encoder: VocEncoder | None,
             reuse_ai_file: str | None = None, missing_mask: str | None = None) -> dict[str, Any]:
        """Write every file of ``doc``; ``meta`` (revision, saved_by ...) goes into case.json. Returns it.
        ``missing_mask``: the name of the saved mask file that is missing (Workspace._missing_mask_kept), named again
        where ``doc`` has no painted pixels, so that the file put back from a backup is the case's mask again.

        Raises LinkRefused (a WorkspaceError) when the case folder is a link."""
        folder = self.case_dir(doc.case_id)
        self._confined.mkdir(folder)
        self._confined.check_own_folder(folder)
        revision = int(meta["revision"])
        files: dict[str, str | None] = {"mask": None, "voc": None, "ai": None}
        if doc.mask.any():
            files["mask"] = f"mask.{revision}.png"
            self._confined.write_bytes(folder / files["mask"], encode_mask_png(doc.mask))
        elif missing_mask is not None:
            files["mask"] = missing_mask
        if doc.boxes and voc_encoder is not None:
            files["voc"] = f"voc.{revision}.xml"
            self._confined.write_bytes(folder / files["voc"], voc_encoder(doc))
        ai_arrays = codec.ai_arrays(doc.ai)
        if ai_arrays:
            if reuse_ai_file and (folder / reuse_ai_file).is_file():
                files["ai"] = reuse_ai_file
            else:
                files["ai"] = f"ai.{revision}.npz"
                self._confined.write_bytes(folder / files["ai"], codec.arrays_to_npz(**ai_arrays))
        data = codec.doc_to_json(doc) | meta | {"files": files}
        data["version"] = codec.version_for(data)  # meta may hold the first submitted grade
        self._confined.write_text(folder / CASE_FILE, codec.dumps(data))
        self._remove_unreferenced(folder, {CASE_FILE, *(n for n in files.values() if n)})
        return data

    def _remove_unreferenced(self, folder: Path, keep: set[str]) -> None:
        """Older versions and temp files of crashed saves: only names a save writes, only plain files (saves of
        one case never overlap; the workspace serialises them). Anything else here is someone else's."""
        for entry in os.scandir(folder):
            ours = _SAVED_NAME.match(entry.name) or _TEMP_NAME.match(entry.name)
            if entry.name not in keep and ours and entry.is_file(follow_symlinks=False):
                self._remove_leftover(entry)

    def remove_interrupted_writes(self, written_before_ns: int) -> None:
        """Remove the temp files of saves cut short (a kill, a power cut) from every case's folder: its next save
        would, but a case never saved again kept them, hidden, for good. Only names a save gives them, only plain
        files in real case folders, only those last written before ``written_before_ns`` (a live save's is written
        to now)."""
        try:
            with os.scandir(self.cases_dir) as cases:
                folders = [case.path for case in cases if case.is_dir(follow_symlinks=False)]
        except OSError:
            return  # no case saved yet, or a store that cannot be read: the saves say so
        for folder in folders:
            try:
                with os.scandir(folder) as entries:
                    stale = [entry for entry in entries if _TEMP_NAME.match(entry.name)
                             and entry.is_file(follow_symlinks=False)
                             and entry.stat(follow_symlinks=False).st_mtime_ns < written_before_ns]
            except OSError:
                continue
            for entry in stale:
                self._remove_leftover(entry)

    def _remove_leftover(self, entry: os.DirEntry) -> None:
        try:
            self._confined.unlink(Path(entry.path))
        except (OSError, WorkspaceError):  # a leftover is harmless, and one a link swapped in leads to is not ours
            pass  # the next save tries again
