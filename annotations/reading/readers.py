"""Who reads a folder and where each reader's readings live.

In double reading every reader has a sidecar of their own, ``.retinareview/readers/<reader-id>/`` (its own lock,
index and audit log), so two programs reading the same folder as two readers never block each other nor write
the same file. In single reading the main sidecar holds the one reader's readings, as it always did; another
reader's labels (an import) still go to their own sidecar, so they can be compared.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from annotations.case_names import case_name
from annotations.document import CaseDocument, ReaderGrade, ReviewState
from annotations.errors import FileProblem
from annotations.progress import NullState, TaskState
from annotations.reading import messages as msg
from annotations.reading.settings import ReadingSettings, load_settings
from annotations.regular_files import read_regular_bytes
from annotations.workspace import codec
from annotations.workspace.confined import ConfinedFolder
from annotations.workspace.errors import CaseFileMissing, DamagedCaseFile, WorkspaceError
from annotations.workspace.recovery import holds_snapshots
from annotations.store_folder import SIDECAR_NAME
from annotations.workspace.sidecar import CaseFiles
from annotations.workspace.store import INDEX_VERSION, index_version
from annotations.workspace.workspace import INDEX_FILE, Workspace, has_saved_case

READERS_DIR = "readers"
READER_FILE = "reader.json"
CONSENSUS = "consensus"  # where a reader is named (import, export), this names the main sidecar
ALL = "all"  # and this (export) every reader and the consensus
_UNSAFE = re.compile(r"[^a-z0-9._-]+")
_MAX_ID = 40
_LOAD_ATTEMPTS = 3
MAX_READER_FILE_BYTES = 64 << 10
# Names Windows reserves for devices, whatever the extension: a folder so named cannot be created there.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def reader_id(name: str) -> str:
    """A folder name for a reader: lower-case ASCII letters, digits, ``._-``; never a path, ``.`` or ``..``.

    Case-folded, so "Anna" and "anna" are one reader on every file system (macOS and Windows ignore case); a
    name that had to be changed to fit gets a hash of the full name, so "王芳" and "李娜" stay apart, and so do
    names the command line gives a meaning (a reader called "consensus" is not the consensus's export folder).
    """
    folded = unicodedata.normalize("NFC", name.strip()).casefold()
    if not folded:
        raise ValueError(msg.NAME_NEEDED)
    slug = _UNSAFE.sub("_", folded).strip("._-")[:_MAX_ID]
    if slug == folded and slug not in _RESERVED and slug not in (CONSENSUS, ALL):
        return slug
    digest = hashlib.sha1(folded.encode("utf-8")).hexdigest()[:8]
    return f"{slug or 'reader'}-{digest}"


@dataclass(frozen=True)
class ReaderStore:
    """One reader of a folder: their name as typed, and the sidecar that holds their readings."""

    name: str
    reader_id: str
    sidecar: Path

    @cached_property
    def files(self) -> CaseFiles:
        """case_files of its sidecar, made once: each resolves the folder's real path, a stat of each part of it
        (round trips on a share), which reading the states of 2,000 double-read cases did 7,500 times."""
        return case_files(self.sidecar)


def main_sidecar(folder: Path) -> Path:
    return Path(folder).absolute() / SIDECAR_NAME


def readers_dir(folder: Path) -> Path:
    return main_sidecar(folder) / READERS_DIR


def holds_case_of(folder: Path, image_path: str) -> bool:
    """Whether ``folder``'s main store or a reader's holds a saved case of the image at ``image_path`` in it, from
    files' existence alone (a report asks it of each folder above a photo: one that holds none is not opened)."""
    readers = readers_dir(folder)
    stores = [main_sidecar(folder), *(readers.iterdir() if readers.is_dir() else ())]
    return any(has_saved_case(store, image_path) for store in stores)


def store_for(folder: Path, reader: str, settings: ReadingSettings | None = None) -> ReaderStore:
    """Where ``reader``'s readings live: the main sidecar for single reading's own reader, else their own."""
    settings = settings or load_settings(folder)
    rid = reader_id(reader)
    if not settings.double and rid == reader_id(settings.single_reader):
        return ReaderStore(reader.strip(), rid, main_sidecar(folder))
    return ReaderStore(reader.strip(), rid, readers_dir(folder) / rid)


def open_reader(folder: str | os.PathLike, reader: str, scan: bool = True) -> Workspace:
    """Open ``folder`` as ``reader``: their own store in double reading (created on first use), the main one
    for single reading's reader. The audit log names ``reader``. The other readers' stores are brought up to date
    first, as the consensus's opening does: a reader is shown the others' readings once submitted (blind)."""
    folder = Path(folder).absolute()
    store = store_for(folder, reader)
    if store.sidecar != main_sidecar(folder) and folder.is_dir():
        _make_reader_sidecar(folder, store)
    said = settle_readers_first_pages(folder)
    ws = Workspace.open(folder, reader=store.name, sidecar=store.sidecar, scan=scan)
    ws.messages.extend(m for m in said if m not in ws.messages)  # the same images' move said once
    return ws


def open_consensus(folder: str | os.PathLike, actor: str, scan: bool = True) -> Workspace:
    """The main sidecar: the consensus in double reading (the arbiter writes it), the reading in single mode. Edits
    recovered from autosave there are noted as an arbiter's save is (consensus.recovered_save). Each reader's store
    of an index written before TIFF volumes is brought up to date first (settle_readers_first_pages)."""
    from annotations.reading.consensus import move_record, recovered_save  # consensus imports this module
    said = settle_readers_first_pages(Path(folder).absolute())
    ws = Workspace.open(folder, reader=actor, scan=scan, recovery_note=recovered_save, move_note=move_record)
    ws.messages.extend(m for m in said if m not in ws.messages)  # the same images' move said once
    return ws


def settle_readers_first_pages(folder: Path, recover: bool = False) -> list[str]:
    """Each reader's store whose index was written before TIFF volumes (store.INDEX_VERSION) opened once, so that
    the labels saved there on a TIFF's first page move to its B-scan 1 (workspace.first_pages) before they are read as
    its middle B-scan's: the consensus, the agreement and the blind rule read readers' files without opening their
    stores, and a reader may never open the folder again. Whoever reads them so calls this first. A store opened
    read-only (its reader has it open in an older release, a read-only medium) moves nothing: what its opening says
    of where they show is passed on. ``recover``: each store holding autosave snapshots is opened too, so that a
    crash's edits are recovered there before its readings are read (settle_folder_stores). Returns what those
    openings said."""
    try:
        stores = readers_of(folder) if folder.is_dir() else []
    except WorkspaceError:
        return []  # the settings cannot be read: opening the folder says so
    said: list[str] = []
    for store in stores:
        if store.sidecar == main_sidecar(folder) or not (_outdated(store.sidecar) or
                                                         recover and holds_snapshots(store.sidecar)):
            continue
        try:
            with Workspace.open(folder, reader=store.name, sidecar=store.sidecar, scan=False) as ws:
                # each once (the readers' stores name the same images), and not why each opened read-only
                said.extend(m for m in ws.messages if m != ws.read_only_reason and m not in said)
        except WorkspaceError:
            continue  # its reader's own opening says what is wrong with it
    return said


def settle_folder_stores(folder: Path) -> list[str]:
    """settle_readers_first_pages, and the main store's too (the consensus, with its records; single reading's
    reading): what a command that reads the folder's stores without opening them (agreement, reading) calls first.
    A store holding autosave snapshots is opened too: a crash's edits are recovered there before its readings are
    read, whatever state its index was left in, as any opening of it does (where its program edits it now, it opens
    read-only and nothing changes). Returns what those openings said, each once."""
    said: list[str] = []
    if _outdated(main_sidecar(folder)) or holds_snapshots(main_sidecar(folder)):  # none: nothing is made
        try:
            with open_consensus(folder, "", scan=False) as ws:
                said = [m for m in ws.messages if m != ws.read_only_reason]
        except WorkspaceError:
            pass  # its opening in the window says what is wrong with it
    said.extend(m for m in settle_readers_first_pages(folder, recover=True) if m not in said)
    return said


def _outdated(sidecar: Path) -> bool:
    """The store's index was written before TIFF volumes; False where there is none."""
    version = index_version(sidecar / INDEX_FILE)
    return version is not None and version < INDEX_VERSION


def open_store(folder: str | os.PathLike, who: str, actor: str = "") -> Workspace:
    """What import and export name with ``--reader``: "" or "consensus" the main sidecar (as before double
    reading), any other name that reader's store."""
    return open_consensus(folder, actor) if names_consensus(who) else open_reader(folder, who)


def open_as(folder: str | os.PathLike, person: str, scan: bool = True) -> Workspace:
    """The store a person works in when they open the folder in the window: in single reading the main one, as
    always; in double reading the consensus for one of the folder's arbiters, else their own reader store."""
    settings = load_settings(Path(folder))
    if not settings.double or is_arbiter(settings, person):
        return open_consensus(folder, person, scan)
    return open_reader(folder, person.strip() or settings.single_reader, scan)


def is_arbiter(settings: ReadingSettings, person: str) -> bool:
    return bool(person.strip()) and reader_id(person) in {reader_id(name) for name in settings.arbiters}


def reading_role(workspace: Workspace, double: bool | None = None) -> str:
    """For the title bar: "reader" or "arbiter" when the folder is read twice, "" for single reading. ``double``:
    whether the folder is read twice, where the caller knows (the window, since opening it: the title is made at
    every case switch, and reading the settings there froze it on a network share); else its settings are read."""
    if double is None:
        try:
            double = load_settings(workspace.folder).double
        except WorkspaceError:
            double = False
    if not double:
        return ""
    return "arbiter" if holds_consensus(workspace, double) else "reader"


def holds_consensus(workspace: Workspace, double: bool | None = None) -> bool:
    """Whether ``workspace`` is a double-read folder's consensus store, as the arbiter's window holds it: the main
    store of a folder read twice (a reader works in their own; single reading's main store holds its reader's
    labels). ``double``: whether the folder is read twice, where the caller knows (the window, since opening it);
    else its settings are read (WorkspaceError when they cannot be)."""
    if workspace.sidecar != main_sidecar(workspace.folder):
        return False
    return load_settings(workspace.folder).double if double is None else double


def names_consensus(who: str) -> bool:
    return not who.strip() or who.strip().casefold() == CONSENSUS


def _make_reader_sidecar(folder: Path, store: ReaderStore) -> None:
    confined = ConfinedFolder(folder)
    try:
        for path in (main_sidecar(folder), readers_dir(folder), store.sidecar):
            if path.is_symlink():
                raise WorkspaceError(msg.READER_SIDECAR_LINK.format(path=path, folder=folder))
            confined.mkdir(path)
        marker = store.sidecar / READER_FILE
        if not marker.is_file():
            confined.write_text(marker, json.dumps({"name": store.name}, ensure_ascii=False))
    except OSError:
        return  # a read-only medium: Workspace.open says so and opens read-only


def readers_of(folder: Path, settings: ReadingSettings | None = None) -> list[ReaderStore]:
    """Every reader of the folder, by name: each reader sidecar, and in single mode the main sidecar's reader."""
    folder = Path(folder).absolute()
    settings = settings or load_settings(folder)
    found: dict[str, ReaderStore] = {}
    if not settings.double:
        single = store_for(folder, settings.single_reader, settings)
        found[single.reader_id] = single
    root = readers_dir(folder)
    if root.is_dir() and not root.is_symlink():
        for entry in sorted(os.scandir(root), key=lambda e: e.name):
            if entry.is_dir(follow_symlinks=False) and entry.name not in found:
                found[entry.name] = ReaderStore(_reader_name(Path(entry.path)), entry.name, Path(entry.path))
    return sorted(found.values(), key=lambda s: s.name.casefold())


def _reader_name(sidecar: Path) -> str:
    try:
        data = read_regular_bytes(sidecar / READER_FILE, MAX_READER_FILE_BYTES, "a reader file")
        return str(json.loads(data)["name"])
    except (FileProblem, ValueError, KeyError, TypeError):
        return sidecar.name


def case_files(sidecar: Path) -> CaseFiles:
    """The per-case files of a sidecar, for reading without opening its workspace (no lock, no index); every
    sidecar lies in its folder's ``.retinareview``, which bounds where it may lead."""
    folder = next(p.parent for p in (sidecar, *sidecar.parents) if p.name == SIDECAR_NAME)
    return CaseFiles(sidecar / "cases", ConfinedFolder(folder))


@dataclass
class Reading:
    """One reader's saved reading of one case; ``submitted`` once they marked it done."""

    reader: str
    doc: CaseDocument
    saved_at: str = ""
    first_grade: ReaderGrade | None = None  # as first submitted (codec.first_submitted_grade); None: not known

    @property
    def submitted(self) -> bool:
        return self.doc.review_state is ReviewState.DONE

    @property
    def independent(self) -> CaseDocument:
        """The reading as first submitted, before the reader saw the other reading or the AI it hid: its grade as
        then (its labels as now: only the grade is kept); the reading as it is where that is not known."""
        return replace(self.doc, grade=self.first_grade) if self.first_grade is not None else self.doc


def load_reading(store: ReaderStore, case_id: str, saved: dict[str, Any] | None = None) -> Reading | None:
    """The reader's saved reading of a case, read without taking their lock (they may be reading now: every
    save replaces case.json atomically, so this sees one whole version); None when they have not saved it. A
    reading whose AI file alone is missing is read without it: readings are compared by what the readers drew and
    graded, never by the AI's result (its reader's window says the file is missing). ``saved``: its case file as
    just read (saved_json), tried first, not read again: should a save since have taken its mask away, the case file
    is read again as often as without it."""
    files = store.files
    tries = [None] * _LOAD_ATTEMPTS if saved is None else [saved, *[None] * _LOAD_ATTEMPTS]
    for attempt, read in enumerate(tries):
        if read is None and not files.exists(case_id):
            return None
        try:
            doc, data = files.load(case_id, data=read)
        except CaseFileMissing as exc:
            if attempt < len(tries) - 1:
                continue  # as below: a save meanwhile took the version read away
            if exc.part != "ai":
                raise
            doc, data = files.load(case_id, without_missing=True)
        except WorkspaceError:
            # The reader may have saved between our reading case.json and its mask: that save deletes the
            # version we were reading. Read the new version; a file damaged for good fails every time.
            if attempt == len(tries) - 1:
                raise
            continue
        return Reading(store.name, doc, str(data.get("saved_at", "")), codec.first_submitted_grade(data))
    return None


def saved_json(store: ReaderStore, case_id: str) -> dict[str, Any] | None:
    """A reader's case file without its arrays (review state, grade, boxes), or None when not saved. Checked as
    every read of a case file (CaseFiles.read_checked), its grades decoded first (_grades_decode): one of a later
    release raises DamagedCaseFile saying to update RetinaReview, a damaged one naming the file, never a bare
    TypeError where double reading's states or the grades by reader read it."""
    try:
        return store.files.read_checked(case_id, _grades_decode)
    except FileNotFoundError:
        return None


def _grades_decode(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` once its grades decode (codec.submitted_grade reads the saved and the first submitted one): what
    reads them from saved_json's need not ask again."""
    codec.submitted_grade(data)
    return data


def submitted_by(readers: Sequence[ReaderStore], case_id: str) -> list[str]:
    """The readers of ``readers`` who submitted the case (marked it done), from their small case files."""
    return [store.name for store in readers
            if (saved_json(store, case_id) or {}).get("review_state") == ReviewState.DONE.value]


def read_case_name(folder: Path, case_id: str, readers: Sequence[ReaderStore]) -> str:
    """A case of ``folder`` that ``readers`` read, named as every message names a case (case_name) by the image path
    their saved readings hold; its id where none holds one (a reading deleted since it was listed)."""
    for store in readers:
        try:
            image_path = (saved_json(store, case_id) or {}).get("image_path")
        except DamagedCaseFile:
            continue  # a name is asked to report on the case: another reader's file may give it, else its id
        if image_path:
            return case_name(str(image_path), folder=folder)
    return case_id


def load_readings(folder: Path, case_id: str, readers: list[ReaderStore] | None = None,
                  saved: Mapping[str, dict[str, Any]] | None = None) -> list[Reading]:
    """Every saved reading of a case, one per reader (in reader-name order); ``saved``: readers' case files as just
    read (reader name: saved_json), as load_reading's."""
    readings = []
    for store in readers if readers is not None else readers_of(folder):
        reading = load_reading(store, case_id, (saved or {}).get(store.name))
        if reading is not None:
            readings.append(reading)
    return readings


def read_case_ids(stores: list[ReaderStore], only: Callable[[str], bool] | None = None,
                  state: TaskState = NullState()) -> list[str]:
    """Every case that at least one of ``stores`` read (has_reading), sorted; with ``only``, of the saved cases
    it accepts alone (one volume's B-scans), so no other case file is opened. Once ``state`` is cancelled (checked
    before each case file) those found so far."""
    found: set[str] = set()
    for store in stores:
        files = store.files
        for case_id in files.saved_case_ids():
            if state.is_cancelled():
                return sorted(found)
            if case_id not in found and (only is None or only(case_id)) and _read(files, case_id):
                found.add(case_id)
    return sorted(found)


def has_reading(data: dict[str, Any]) -> bool:
    """Whether a reader's case file (its case.json) holds a reading: a grade, labels (boxes or a painted mask) or a
    review state other than to do. An analysis result alone is none: Analyse all stores one in every case, read or
    not, and an unread B-scan of a volume must not make its volume wait on a reader."""
    grade = data.get("grade") or {}
    return (any(value is not None for value in grade.values()) or bool(data.get("boxes"))
            or (data.get("files") or {}).get("mask") is not None
            or data.get("review_state", ReviewState.TODO.value) != ReviewState.TODO.value)


def _read(files: CaseFiles, case_id: str) -> bool:
    try:
        return files.read_checked(case_id, has_reading)
    except FileNotFoundError:
        return False  # removed since it was listed
    except WorkspaceError:
        return True  # damaged, or a later release's: listed, so reading it says what is wrong
