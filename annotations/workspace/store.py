"""The SQLite index (WAL): one row per case for fast listing, and the append-only audit log.

The index is a cache of the per-case files plus the audit log: when it is damaged it can be rebuilt from
``cases/*/case.json`` (the audit history of the damaged file is then kept only in the renamed copy).
"""
from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from annotations.formats.photo_modes import ModeSeen
from annotations.patients import case_patient_field, patient_key

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS cases (
    case_id TEXT PRIMARY KEY,
    image_path TEXT NOT NULL,
    image_mtime_ns INTEGER,
    image_size INTEGER,
    width INTEGER,
    height INTEGER,
    error TEXT,
    review_state TEXT NOT NULL DEFAULT 'todo',
    ai_grade INTEGER,
    reader_grade INTEGER,
    revision INTEGER NOT NULL DEFAULT 0,
    doc_mtime_ns INTEGER,
    patient_id TEXT,
    patient_name TEXT,
    patient_ideographic_name TEXT,
    eye TEXT,
    reader_lesions TEXT,
    analysed INTEGER,
    patient_key TEXT,
    header_patient_id TEXT,
    header_eye TEXT,
    header_patient_name TEXT,
    header_ideographic_name TEXT,
    frames INTEGER,
    reader_oct_class TEXT,
    ai_oct_class TEXT,
    reader_ungradable INTEGER,
    ai_ungradable INTEGER,
    missing_files TEXT
);
CREATE TABLE IF NOT EXISTS audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    time TEXT NOT NULL,
    actor TEXT NOT NULL,
    case_id TEXT,
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS audit_case ON audit(case_id);
CREATE TABLE IF NOT EXISTS first_page_cases (case_id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS photo_modes (
    path TEXT PRIMARY KEY,
    mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL,
    photo INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS cases_by_path ON cases(image_path COLLATE NOCASE);
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""

CASE_COLUMNS = ("case_id", "image_path", "image_mtime_ns", "image_size", "width", "height", "error",
                "review_state", "ai_grade", "reader_grade", "revision", "doc_mtime_ns", "patient_id", "patient_name",
                "eye", "reader_lesions", "analysed", "patient_key", "header_patient_id", "header_eye", "frames",
                "reader_oct_class", "ai_oct_class", "reader_ungradable", "ai_ungradable", "missing_files",
                "patient_ideographic_name", "header_patient_name", "header_ideographic_name")
# Columns added after the first release (name -> type): an older index gains them and re-reads every case.json to
# fill them. ``analysed``: the case has an AI result (1), whether or not it has a DR grade (an OCT scan's has none).
# ``header_patient_id``, ``header_eye``: the patient ID and eye its image header carries (DICOM); ``patient_id`` and
# ``eye`` are the ones the reader saved. ``frames``: how many B-scans its image holds (a DICOM volume's, else 1).
# ``reader_oct_class``: an OCT scan's class as the reader saved it (graded_fields.listed_oct_class), which the list
# shows for it; NULL for a photo. ``ai_oct_class``: the AI's class of an OCT scan (graded_fields.listed_ai_oct_class),
# its AI column; NULL for a photo. A volume's row holds what its B-scans hold (workspace.volume_rows).
# ``reader_ungradable``: the reader recorded the photo ungradable (1; its ``reader_grade`` is NULL), which the list
# shows as UNGRADABLE (graded_fields.listed_dr_grade_sql). ``ai_ungradable``: the AI's quality check found the image
# not gradable (1; grading.image_gradable), so the AI does not differ from a reader who found it so.
# ``missing_files``: what each mask or AI file its case.json names and that is not there says (CaseFileMissing.listed:
# each file named from the folder, so it stays true once the folder is moved; a JSON list: saved_fields.missing_column);
# NULL: none missing. ``patient_ideographic_name``: the name's ideographic form beside ``patient_name``'s alphabetic
# one (PatientInfo.ideographic_name: 王小明 of a DICOM Wang^Xiaoming=王^小明), which the list shows with it
# (patients.shown_name). ``header_patient_name``, ``header_ideographic_name``: the name its image header carries
# (DICOM), in both forms: the list names the patient of a case nobody saved.
ADDED_COLUMNS = {"patient_id": "TEXT", "patient_name": "TEXT", "eye": "TEXT", "reader_lesions": "TEXT",
                 "analysed": "INTEGER", "patient_key": "TEXT", "header_patient_id": "TEXT", "header_eye": "TEXT",
                 "frames": "INTEGER", "reader_oct_class": "TEXT",
                 "ai_oct_class": "TEXT", "reader_ungradable": "INTEGER", "ai_ungradable": "INTEGER",
                 "missing_files": "TEXT", "patient_ideographic_name": "TEXT",
                 "header_patient_name": "TEXT", "header_ideographic_name": "TEXT"}
# Added columns computed from other columns (name -> SQL): filled in place, no case file read. ``patient_key``
# (annotations.patients.patient_key of the case's patient ID, written with every row) is indexed, so the cases of
# one patient are found without calling the rule on each of 100,000 rows (80 ms on the GUI thread at every case
# opened).
DERIVED_COLUMNS = {"patient_key": "patient_key(case_patient_field(patient_id, header_patient_id))"}
# Columns read from the image header with its size (name -> value when nothing is there): NULL until read (that
# value once read and nothing there, or the image unreadable). The sync reads the header of a row that lacks one
# (annotations.workspace.catalog): a row of an older index, or one an older build rewrote (its INSERT OR REPLACE
# leaves the columns it does not know NULL); a photo's row (annotations.dicom.may_be_dicom_name: no DICOM name, nor a
# TIFF's) gets those values without a read, its header holds none.
HEADER_COLUMNS = {"header_patient_id": "", "header_eye": "", "frames": 1, "header_patient_name": "",
                  "header_ideographic_name": ""}
# Upgrades that no missing column tells, by the index's PRAGMA user_version: 1, a TIFF's ``frames`` read again, as a
# TIFF of grey pages is a volume since (annotations.tiff_volume) and an older index holds 1 for it, unread; and its
# case noted in ``first_page_cases``, as what it holds was labelled on its first page (workspace.first_pages).
# ``photo_modes``, added since (the headers of files named as masks: photo_sorter), needs no upgrade: an index without
# it gains it empty, and the next listing reads those headers once.
INDEX_VERSION = 1
_TIFF_ROWS = "lower(image_path) LIKE '%.tif' OR lower(image_path) LIKE '%.tiff'"
# Added columns of a case file's summary (saved_fields.summary_fields writes each, 0 where nothing is recorded): NULL
# in a row an older build rewrote (its INSERT OR REPLACE leaves them out), which the sync reads again
# (annotations.workspace.catalog) although its case file did not change.
SUMMARY_SINCE_COLUMNS = ("reader_ungradable", "ai_ungradable")
# Those only the row's own case file fills ("" where nothing is recorded), not a volume's B-scans': read again where
# NULL in a row whose own case is saved (a volume whose B-scans alone are saved keeps them NULL).
OWN_SUMMARY_SINCE_COLUMNS = ("patient_ideographic_name",)


@dataclass(frozen=True)
class AuditEntry:
    time: str
    actor: str
    case_id: str | None
    action: str
    detail: str


class IndexStore:
    """Thread-safe wrapper over one SQLite connection (the GUI saves from a background executor).

    An index on disk has a second, read-only connection for the case list's long queries (the order of 100,000
    cases, on a worker: ``worker=True``): WAL lets it read while the first one writes, so the rows the window draws
    never wait behind a sort. An index in memory has one connection for both."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self._lock = threading.Lock()
        self._prepare(self._db)
        with self._lock, self._db:
            self._db.executescript(SCHEMA)
            self._db.execute("BEGIN")  # an upgrade cut short leaves the index as it was: the next open does it again
            self._add_missing_columns()
        self._worker_db, self._worker_lock = self._db, self._lock
        self._file: Path | None = None  # the index file its connections are open on; None: in memory

    @staticmethod
    def _prepare(db: sqlite3.Connection) -> None:
        db.row_factory = sqlite3.Row
        db.create_function("patient_key", 1, patient_key, deterministic=True)  # one rule: fills an older index
        db.create_function("case_patient_field", 2, case_patient_field, deterministic=True)  # and sorts the list
        db.execute("CREATE TEMP TABLE reading_states (case_id TEXT PRIMARY KEY, state TEXT NOT NULL)")

    def _open_worker_connection(self, path: Path) -> None:
        db = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=2.0, check_same_thread=False,
                             isolation_level=None)
        try:
            self._prepare(db)
        except sqlite3.Error as exc:  # the index itself works: its one connection serves the list too
            db.close()
            log.warning("%s: no second connection for the case list (%s)", path, exc)
            return
        self._worker_db, self._worker_lock = db, threading.Lock()

    def _connections(self) -> list[tuple[sqlite3.Connection, threading.Lock]]:
        both = [(self._db, self._lock), (self._worker_db, self._worker_lock)]
        return both[:1] if self._worker_db is self._db else both

    def _add_missing_columns(self) -> None:
        present = {row["name"] for row in self._db.execute("PRAGMA table_info(cases)")}
        missing = [name for name in ADDED_COLUMNS if name not in present]
        for name in missing:
            self._db.execute(f"ALTER TABLE cases ADD COLUMN {name} {ADDED_COLUMNS[name]}")
        for name in DERIVED_COLUMNS.keys() & set(missing):  # once every column they are computed from is there
            self._db.execute(f"UPDATE cases SET {name} = {DERIVED_COLUMNS[name]}")
        if set(missing) - set(DERIVED_COLUMNS) - set(HEADER_COLUMNS):
            self._db.execute("UPDATE cases SET doc_mtime_ns = NULL")  # the next sync re-reads the case files
        if self._db.execute("PRAGMA user_version").fetchone()[0] < INDEX_VERSION:
            self._db.execute(f"UPDATE cases SET frames = NULL WHERE {_TIFF_ROWS}")  # the next sync reads their headers
            self._db.execute(f"INSERT OR IGNORE INTO first_page_cases SELECT case_id FROM cases WHERE {_TIFF_ROWS}")
            self._db.execute(f"PRAGMA user_version = {INDEX_VERSION}")
        self._db.execute("CREATE INDEX IF NOT EXISTS cases_by_patient ON cases(patient_key)")

    @classmethod
    def open_file(cls, path: Path) -> "IndexStore":
        """Open (or create) the index; raises sqlite3.DatabaseError when it is damaged or locked."""
        connection = sqlite3.connect(path, timeout=2.0, check_same_thread=False, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable enough, fsync at checkpoint
            check_integrity(connection)
            store = cls(connection)
            store._file = path
            store._open_worker_connection(path)
        except BaseException:
            connection.close()
            raise
        return store

    @classmethod
    def in_memory(cls, copy_from: Path | None = None) -> "IndexStore":
        """A private index, for read-only workspaces; seeded from ``copy_from`` when it can be read."""
        connection = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        if copy_from is not None and copy_from.is_file():
            try:
                _copy_database(f"{copy_from.as_uri()}?mode=ro", connection)
            except sqlite3.OperationalError:
                # A WAL database on a read-only medium cannot make its -shm file; nothing can change it there
                # either, so SQLite may read it as immutable.
                _copy_database(f"{copy_from.as_uri()}?mode=ro&immutable=1", connection)
        return cls(connection)

    def keep_in_memory(self) -> None:
        """From now on a private copy in memory, as a read-only workspace's: the folder was taken over by another
        program, which writes the file now. The file's connections are closed at once, and with nothing written:
        closing the last connection of a WAL database copies the WAL into the database file and deletes the WAL
        and -shm files (a checkpoint; ``PRAGMA wal_autocheckpoint=0`` does not stop it), unless another connection
        of this process still holds the file (SQLite's own lock between them, whatever the share's locking) or it
        is read-only. So the copy is read through a new read-only connection, which stays open while the others
        close and is closed last (no read keeps a cursor unfinished past its lock: that would keep its closed
        connection open, to checkpoint later). A copy that cannot be made starts empty (the next refresh fills
        it)."""
        if self._file is None:
            return  # in memory already
        memory = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        connections = self._connections()
        for _db, lock in connections:
            lock.acquire()
        try:
            holder = _copy_held(self._file, memory)
            try:
                states = self._db.execute("SELECT case_id, state FROM temp.reading_states").fetchall()
            except sqlite3.Error as exc:
                log.warning("the reading states could not be copied into memory (%s)", exc)
                states = []
            self._prepare(memory)
            memory.executescript(SCHEMA)
            memory.executemany("INSERT INTO temp.reading_states VALUES (?, ?)", [tuple(row) for row in states])
            for db, _lock in connections:  # the writing one first, while read-only ones hold the file
                db.close()
            if holder is not None:
                holder.close()
            self._db = self._worker_db = memory
            self._worker_lock = self._lock
            self._file = None
        finally:
            for _db, lock in reversed(connections):
                lock.release()

    def close(self) -> None:
        for db, lock in reversed(self._connections()):  # the writing one last: it checkpoints and removes the WAL
            with lock:
                db.close()

    # cases ---------------------------------------------------------------------------------------------
    def all_cases(self, worker: bool = False) -> dict[str, dict[str, Any]]:
        """Every row, read a slice at a time: a scan reading 100,000 rows on a worker (``worker``: on the second
        connection) must not hold the lock that the window's list needs for the rows on screen. Rows are read one
        by one as plain tuples (``_plain_rows``) into dicts of plain values, which the garbage collector ignores."""
        found: dict[str, dict[str, Any]] = {}
        last = -1
        while True:
            with self._reading(worker) as db:
                cursor = _plain_rows(db).execute(
                    "SELECT rowid, * FROM cases WHERE rowid > ? ORDER BY rowid LIMIT 2000", (last,))
                names = [column[0] for column in cursor.description[1:]]
                key = names.index("case_id")
                read_any = False
                for rowid, *values in cursor:
                    found[values[key]] = dict(zip(names, values))
                    last, read_any = rowid, True
            if not read_any:  # a page of rows saved again during the read (new rowids, known case ids) goes on
                return found

    def get_case(self, case_id: str) -> dict[str, Any] | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM cases WHERE case_id = ?", (case_id,)).fetchone()
        return None if row is None else dict(row)

    def _reader(self, worker: bool) -> tuple[sqlite3.Connection, threading.Lock]:
        return (self._worker_db, self._worker_lock) if worker else (self._db, self._lock)

    @contextmanager
    def _reading(self, worker: bool) -> Iterator[sqlite3.Connection]:
        """The connection a read runs on (``worker``: the second one), its lock held: one taken before a takeover
        (keep_in_memory) and closed by it meanwhile is never used, the copy in memory is."""
        while True:
            db, lock = self._reader(worker)
            with lock:
                if self._reader(worker) == (db, lock):
                    yield db
                    return

    def case_ids(self, where: str = "1", params: Iterable[Any] = (), order: str = "image_path",
                 worker: bool = False) -> list[str]:
        """Case ids matching an SQL condition over ``cases`` (and ``reading_states`` as ``rs``), in SQL order:
        the case list sorts and filters here, never over every row in Python. ``worker``: on the second
        connection (a worker's long read)."""
        with self._reading(worker) as db:
            return [row[0] for row in _plain_rows(db).execute(
                f"SELECT c.case_id FROM cases c LEFT JOIN temp.reading_states rs USING (case_id) WHERE {where} "
                f"ORDER BY {order}", tuple(params))]

    def case_facts(self, worker: bool = False) -> list[tuple[str, str, str, int | None, int | None, str | None]]:
        """(case_id, image_path, review_state, ai_grade, analysed, error) of every case in path order: what a
        whole-folder action (analyse all, export, retrain) decides on, as plain tuples (a few columns, not 100,000
        rows)."""
        with self._reading(worker) as db:
            cursor = db.cursor()
            cursor.row_factory = None
            return cursor.execute("SELECT case_id, image_path, review_state, ai_grade, analysed, error FROM cases "
                                  "ORDER BY image_path COLLATE NOCASE").fetchall()

    def photo_paths(self, worker: bool = False) -> list[tuple[str, str, int]]:
        """(case_id, image_path, frames) of every case that is one picture or a TIFF volume (labelImg shows its first
        page): a DICOM volume's B-scans are none, as plain tuples."""
        with self._reading(worker) as db:
            cursor = db.cursor()
            cursor.row_factory = None
            return cursor.execute(f"SELECT case_id, image_path, COALESCE(frames, 1) FROM cases "
                                  f"WHERE COALESCE(frames, 1) <= 1 OR ({_TIFF_ROWS})").fetchall()

    def cases_by_id(self, case_ids: Iterable[str], worker: bool = False) -> dict[str, dict[str, Any]]:
        ids = list(case_ids)
        found: dict[str, dict[str, Any]] = {}
        with self._reading(worker) as db:
            for start in range(0, len(ids), 500):  # under SQLite's limit on bound parameters
                part = ids[start:start + 500]
                marks = ", ".join("?" * len(part))
                for row in db.execute(f"SELECT * FROM cases WHERE case_id IN ({marks})", part):
                    found[row["case_id"]] = dict(row)
        return found

    def count_cases(self, where: str = "1", params: Iterable[Any] = (), worker: bool = False) -> int:
        with self._reading(worker) as db:
            return db.execute(f"SELECT COUNT(*) FROM cases c LEFT JOIN temp.reading_states rs USING (case_id) "
                              f"WHERE {where}", tuple(params)).fetchone()[0]

    def set_reading_states(self, states: dict[str, str], replace_all: bool = True) -> None:
        """Cases' double-reading states, for sorting and filtering; kept in memory only (they are derived from
        the readers' files, which may change under another reader's hands), in each connection's own table."""
        for worker in (False, True):
            with self._reading(worker) as db, db:
                if worker and db is self._db:
                    return  # one connection serves both
                db.execute("BEGIN")
                if replace_all:
                    db.execute("DELETE FROM temp.reading_states")
                db.executemany("INSERT OR REPLACE INTO temp.reading_states VALUES (?, ?)", states.items())

    def upsert_cases(self, rows: Iterable[dict[str, Any]]) -> None:
        rows = list(rows)
        if not rows:
            return
        with self._lock, self._db:
            self._db.execute("BEGIN")
            self._db.executemany(_INSERT_CASE, [_case_values(row) for row in rows])

    def remove_cases(self, case_ids: Iterable[str]) -> None:
        with self._lock, self._db:
            self._db.execute("BEGIN")
            self._db.executemany("DELETE FROM cases WHERE case_id = ?", [(c,) for c in case_ids])

    def set_missing_files(self, case_id: str, texts: str | None) -> None:
        """The case's ``missing_files`` as a read of its files found them."""
        with self._lock, self._db:
            self._db.execute("BEGIN")
            self._db.execute("UPDATE cases SET missing_files = ? WHERE case_id = ?", (texts, case_id))

    def record_save(self, row: dict[str, Any], entry: AuditEntry) -> None:
        """Update one case and append its audit entry in one transaction."""
        with self._lock, self._db:
            self._db.execute("BEGIN")
            self._db.execute(_INSERT_CASE, _case_values(row))
            self._append(entry)

    def first_page_cases(self) -> list[str]:
        """The cases of TIFFs an index written before TIFF volumes listed (INDEX_VERSION), not settled yet: what each
        holds was labelled on the file's first page (annotations.workspace.first_pages)."""
        with self._lock:
            return [row[0] for row in self._db.execute("SELECT case_id FROM first_page_cases ORDER BY case_id")]

    def first_page_settled(self, case_id: str, entries: Iterable[AuditEntry] = ()) -> None:
        """``case_id`` is no longer one of first_page_cases; its audit ``entries`` appended in the same transaction."""
        with self._lock, self._db:
            self._db.execute("BEGIN")
            self._db.execute("DELETE FROM first_page_cases WHERE case_id = ?", (case_id,))
            for entry in entries:
                self._append(entry)

    # photo modes -----------------------------------------------------------------------------------------
    def photo_modes(self, worker: bool = False) -> dict[str, ModeSeen]:
        """The header modes of files named as masks, as the last listings read them (photo_modes.PhotoModes), by path
        relative to the folder. ``worker``: on the second connection."""
        with self._reading(worker) as db:
            return {path: ModeSeen(mtime_ns, size, bool(photo)) for path, mtime_ns, size, photo
                    in _plain_rows(db).execute("SELECT path, mtime_ns, size, photo FROM photo_modes")}

    def remember_photo_modes(self, modes: dict[str, ModeSeen], whole: bool) -> None:
        """``modes`` as a listing saw them; ``whole``: every one its walk needs (those of files gone since or
        named otherwise go), else some (a walk stopped part-way). Written only where they differ from what is
        remembered: every open lists the folder, and a write there waits on another program holding the index."""
        known = self.photo_modes()
        if (known == modes) if whole else all(known.get(path) == seen for path, seen in modes.items()):
            return
        with self._lock, self._db:
            self._db.execute("BEGIN")
            if whole:
                self._db.execute("DELETE FROM photo_modes")
            self._db.executemany("INSERT OR REPLACE INTO photo_modes VALUES (?, ?, ?, ?)",
                                 [(path, *seen) for path, seen in modes.items()])

    # audit ---------------------------------------------------------------------------------------------
    def _append(self, entry: AuditEntry) -> None:
        self._db.execute("INSERT INTO audit (time, actor, case_id, action, detail) VALUES (?, ?, ?, ?, ?)",
                         (entry.time, entry.actor, entry.case_id, entry.action, entry.detail))

    def audit_log(self, case_id: str | None = None) -> list[AuditEntry]:
        query = "SELECT time, actor, case_id, action, detail FROM audit"
        params: tuple[Any, ...] = ()
        if case_id is not None:
            query += " WHERE case_id = ?"
            params = (case_id,)
        with self._lock:
            rows = self._db.execute(query + " ORDER BY seq", params).fetchall()
        return [AuditEntry(**dict(row)) for row in rows]


def _plain_rows(db: sqlite3.Connection) -> sqlite3.Cursor:
    """A cursor of plain tuples, to be iterated: each row is freed as soon as it is read. A Row object per case
    costs more than the query, and 100,000 rows held at once by fetchall() set off the garbage collector's full
    passes, which hold the GIL (the window stalled 100-170 ms while a worker read a big folder's order)."""
    cursor = db.cursor()
    cursor.row_factory = None
    return cursor


_INSERT_CASE = (f"INSERT OR REPLACE INTO cases ({', '.join(CASE_COLUMNS)}) "
                f"VALUES ({', '.join(f':{c}' for c in CASE_COLUMNS)})")


def _case_values(row: dict[str, Any]) -> dict[str, Any]:
    """A row as written: every column, the derived ones computed from the row."""
    key = patient_key(case_patient_field(row.get("patient_id"), row.get("header_patient_id")))
    return {c: row.get(c) for c in CASE_COLUMNS} | {"patient_key": key}


def index_version(path: Path) -> int | None:
    """The upgrades (INDEX_VERSION) the index file at ``path`` has been through, read without writing it; None where
    there is none, or it cannot be read (opening it says why). Read as the file itself holds it (immutable): a
    read-only connection to a WAL index still made its -shm file in a reader's store that a status command only
    reads; an upgrade not yet copied from the WAL reads as none, and opening the store finds it done."""
    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro&immutable=1", uri=True, timeout=2.0)
        try:
            return int(db.execute("PRAGMA user_version").fetchone()[0])
        finally:
            db.close()
    except sqlite3.Error:
        return None


def check_integrity(connection: sqlite3.Connection) -> None:
    """Raise sqlite3.DatabaseError unless SQLite's quick check finds the index sound; it runs before anything is
    written to it. It reads the whole file (30-80 ms at 100,000 cases), so the window opens a workspace on its
    storage worker (app.case_controller), never on the GUI thread."""
    if connection.execute("PRAGMA quick_check").fetchone()[0] != "ok":
        raise sqlite3.DatabaseError("quick_check failed")


def _copy_held(path: Path, target: sqlite3.Connection) -> sqlite3.Connection | None:
    """Copy the index at ``path`` into ``target`` through a new read-only connection, returned open to hold the file
    while the others close (keep_in_memory); None when it cannot be opened (the share is away: nothing is written
    there either)."""
    holder = None
    try:
        holder = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=2.0)
        holder.backup(target)
    except sqlite3.Error as exc:
        log.warning("%s: the index could not be copied into memory (%s); it starts empty", path, exc)
    return holder


def _copy_database(uri: str, target: sqlite3.Connection) -> None:
    source = sqlite3.connect(uri, uri=True, timeout=2.0)
    try:
        source.backup(target)
    finally:
        source.close()
