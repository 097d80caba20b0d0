"""The consensus of a double-read case: the arbiter's choice, or the agreed reading, kept in the main sidecar.

Besides the case's files in the main sidecar, ``.retinareview/consensus/<case_id>.json`` records how the consensus
came about (arbitrated or agreed, by whom, its grade and each reader's: a photo's DR grade, an OCT scan's class; a
digest of the consensus labels, and the arbiter's corrections). It is written after the case is saved; a crash in
between leaves the case needing arbitration again, never a consensus without its case files.
"""
from __future__ import annotations

import copy
import hashlib
import json
import os
from dataclasses import asdict
from enum import Enum
from itertools import combinations, groupby
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, NamedTuple, Sequence

from annotations.case_names import case_name
from annotations.document import AIResult, CaseDocument, PatientInfo, ReaderGrade, ReviewState
from annotations.errors import FileProblem
from annotations.frames import listed_case_id
from annotations.graded_fields import NAMING_FIELD, named_grade, settled_grade
from annotations.progress import NullState, TaskState, until_cancelled
from annotations.reading import messages as msg
from annotations.reading.disagreement import CaseState, case_state, first_submitted_differences, reading_state
from annotations.reading.readers import (Reading, ReaderStore, case_files, has_reading, holds_consensus,
                                         load_readings, main_sidecar, read_case_ids, read_case_name, readers_of,
                                         saved_json)
from annotations.reading.settings import ReadingSettings, load_settings
from annotations.regular_files import read_regular_bytes
from annotations.report_kind import ReportKind, report_kind
from annotations.workspace import codec
from annotations.workspace.confined import ConfinedFolder
from annotations.workspace.errors import DamagedCaseFile, WorkspaceError
from annotations.workspace.sidecar import now_iso
from annotations.workspace.workspace import Workspace

CONSENSUS_DIR = "consensus"
ARBITRATED = "arbitrated"
AGREED = "agreed"
MAX_RECORD_BYTES = 1 << 20  # a record names a few readers and grades
CaseFileRead = Callable[[ReaderStore, str], "dict[str, Any] | None"]  # a reader's case file of a case (saved_json)


def record_path(folder: Path, case_id: str) -> Path:
    return main_sidecar(folder) / CONSENSUS_DIR / f"{case_id}.json"


def consensus_record(folder: Path, case_id: str) -> dict[str, Any] | None:
    try:
        return json.loads(read_regular_bytes(record_path(folder, case_id), MAX_RECORD_BYTES, "a consensus record"))
    except (FileProblem, ValueError):
        return None  # absent, or damaged: the case goes back to arbitration, and no reading is lost


def draft_from(reading: Reading) -> CaseDocument:
    """The arbiter starts from one reader's reading and edits it; the reader's own files stay untouched."""
    doc = copy.deepcopy(reading.doc)
    doc.review_state = ReviewState.IN_PROGRESS
    return doc


def arbitrate(consensus: Workspace, doc: CaseDocument, arbiter: str, readings: list[Reading], kept: str = "") -> None:
    """The arbiter's grade and labels become the case's consensus (audit action "arbitrate", naming them); ``kept``:
    the reader whose labels they chose, recorded (two readings of like labels, none painted, told it apart no more)."""
    _settle(consensus, doc, arbiter, readings, ARBITRATED, action="arbitrate", kept=kept)


class ArbiterSave(str, Enum):
    """What an arbiter's save through the consensus store made of the case's consensus (note_arbiter_save)."""
    NO_CORRECTION = "no correction"
    CORRECTED = "corrected"  # their grade, masks or boxes are the consensus, noted in its record
    SETTLED_AGAIN = "settled again"  # the agreed reading is stored again (the open case is to be shown anew)
    NOT_CONSENSUS = "not the consensus"  # labels changed on a case the readers do not agree on: to arbitrate


def note_arbiter_save(consensus: Workspace, case_id: str, actor: str, opened: str) -> ArbiterSave:
    """What ``actor``'s save of a case through the consensus store, just written, makes of its consensus.
    ``opened``: the labels_digest of the case as they opened it (stored_labels: the store's then, which the arbiter's
    window settles first when the readers agree; else maybe a bare document).

    Corrected: the save changed its grade, masks or boxes from those and from those recorded, so they are the
    consensus now and stay it, noted in its record (arbiter_decided). An agreed case not settled yet (no record: e.g.
    opened while a reader had not submitted it, agreed since) gets its agreed record with the correction, so that
    settling never replaces the arbiter's labels. No correction: a save that changed no grade, mask or box (an analysis
    result, the detected modality: labels stored before, even a bare document's, are still replaced by settling), or a
    case with no agreement to correct that changed no labels. Not the consensus: labels changed on a case with no
    agreement to correct (readings that disagree, an agreement the readers dispute since, a reading still missing):
    saved, yet the case is to arbitrate. Settled again: a save that changed no labels but put back those of the case
    as it was opened, over the agreed reading settled meanwhile: the agreed reading is stored again, with the save's
    analysis result and modality."""
    folder = consensus.folder
    files = case_files(main_sidecar(folder))
    if not files.exists(case_id):
        return ArbiterSave.NO_CORRECTION
    doc = files.load(case_id)[0]
    labels = labels_digest(doc)
    record = consensus_record(folder, case_id)
    if record is not None and labels == record.get("labels"):
        return ArbiterSave.NO_CORRECTION  # the consensus as settled, decided or corrected before
    if not arbiter_decided(record):  # the arbiter's decision is theirs to change; an agreement only while it stands
        if labels == opened and record is None:
            return ArbiterSave.NO_CORRECTION  # settled from the readers later
        settings = load_settings(folder)
        agreeing = _agreeing(folder, case_id, readers_of(folder, settings), settings) if settings.double else []
        if not agreeing:
            return ArbiterSave.NO_CORRECTION if labels == opened else ArbiterSave.NOT_CONSENSUS
        if labels == opened:  # yet the labels the case had when opened replaced the agreed reading settled since
            record_agreed(consensus, agreeing, actor, analysed=doc)
            return ArbiterSave.SETTLED_AGAIN
        record = record or _new_record(AGREED, actor, doc, agreeing)
    for field in NAMING_FIELD.values():  # the grade of the case's kind now, no other kind's left behind
        record.pop(field.name.lower(), None)
    record.update(labels=labels, **_named_grade(doc))
    record.setdefault("corrections", []).append({"by": actor, "time": now_iso()})
    _write_record(folder, case_id, record)
    return ArbiterSave.CORRECTED


def recovered_save(consensus: Workspace, doc: CaseDocument) -> Callable[[], None]:
    """Crash recovery is about to save ``doc``, edits autosaved in the consensus store (Workspace.open's
    recovery_note): once saved, it is noted as an ordinary save of the arbiter's is (note_arbiter_save), against the
    labels the store holds now, those the edits started from; so a recovered correction stands, never replaced by
    settling. It is noted as the correction of the arbiter whose program crashed (Workspace.crashed_reader), not of a
    second arbiter or a command that opened the store first. In single reading, or a reader's store, nothing is noted.
    Labels changed on a case to arbitrate are said in the store's messages, as the window says them after a save; so
    is a note that fails. The recovery stands."""
    try:
        if not holds_consensus(consensus):
            return lambda: None
        opened = stored_labels(consensus, doc.case_id, (doc.width, doc.height))
    except Exception as exc:  # noqa: BLE001 - whatever it is, the recovery goes on, and the person is told
        return lambda: _not_noted(consensus, doc, exc)

    def note() -> None:
        try:
            arbiter = consensus.crashed_reader or consensus.reader or "arbiter"
            if note_arbiter_save(consensus, doc.case_id, arbiter, opened) is ArbiterSave.NOT_CONSENSUS:
                consensus.messages.append(msg.SAVED_NOT_CONSENSUS.format(image=_image(consensus, doc)))
        except Exception as exc:  # noqa: BLE001 - as above
            _not_noted(consensus, doc, exc)

    return note


def _not_noted(consensus: Workspace, doc: CaseDocument, error: Exception) -> None:
    image = _image(consensus, doc)
    consensus.messages.append(msg.RECOVERY_NOT_NOTED.format(image=image, error=str(error) or type(error).__name__))


def _image(consensus: Workspace, doc: CaseDocument) -> str:
    return case_name(doc.image_path, folder=consensus.folder)


def record_agreed(consensus: Workspace, readings: list[Reading], actor: str,
                  analysed: CaseDocument | None = None) -> CaseDocument:
    """Store agreeing readings' consensus: the reading saved first (the others matched it within the
    folder's threshold); with ``analysed``, the analysis result and modality that document holds (the store's own,
    just saved). Returns the document saved."""
    doc = copy.deepcopy(agreed_reading(readings).doc)
    if analysed is not None:
        doc.ai, doc.modality = analysed.ai, analysed.modality
    _settle(consensus, doc, actor, readings, AGREED, action="agree")
    return doc


def settle_agreed(consensus: Workspace, actor: str, only: Iterable[str] | None = None,
                  failures: dict[str, str] | None = None, state: TaskState | None = None) -> int:
    """Store the consensus of every agreed case that has none yet, or whose agreed consensus came from readings
    revised since: before a consensus export or retraining, and in the arbiter's window as soon as the case list
    knows the case agreed (``only``: just these cases). Returns how many were stored. Single reading has nothing to
    settle: its labels are the consensus; a read-only store (open elsewhere) stores nothing, and its agreed cases
    are read from the agreeing readings (consensus_document). With ``failures``, a case whose readings cannot be
    read is put there (case id: error) and the others are settled still. Without, one whose file is damaged or a
    later release's (DamagedCaseFile) is left unsettled, as it is that case's alone: the export or retrain that
    settles first names it as it skips it (consensus_export.consensus_scope); any other error is raised. Writing
    the consensus store failing (a full disk, no permission) fails all, raised: it is the store's, not a case's, and
    would be the same for every case. So do the folder's settings or readers failing. Each case is reported to
    ``state`` by its image (its masks are compared: a second or so for a 12-megapixel photo); cancelling it stops
    between cases, raising Cancelled: each case stored until then is a whole consensus, as an arbiter's would be, and
    stays stored. Without ``state`` (the arbiter's window, which shows no progress of it) no case is named: naming
    one reads a reader's case file, a second in all at every opening of 2,000 photos."""
    settings = load_settings(consensus.folder)
    if not settings.double or consensus.read_only:
        return 0
    readers = readers_of(consensus.folder, settings)
    stored = 0
    case_ids = read_case_ids(readers) if only is None else sorted(only)
    for index, case_id in enumerate(until_cancelled(case_ids, state or NullState())):
        try:  # naming the case reads its readings' files too: what fails there is this case's alone as well
            if state is not None:
                state.progress(index / len(case_ids), msg.SETTLING.format(
                    name=read_case_name(consensus.folder, case_id, readers), number=index + 1, count=len(case_ids)))
            agreeing = _unsettled_agreement(consensus, case_id, readers, settings)
        except Exception as exc:  # noqa: BLE001 - whatever it is, it is this case's alone, and said with its name
            if failures is not None:
                failures[case_id] = str(exc) or type(exc).__name__
            elif not isinstance(exc, DamagedCaseFile):
                raise
            continue
        if agreeing:
            record_agreed(consensus, agreeing, actor)
            stored += 1
    return stored


def _unsettled_agreement(consensus: Workspace, case_id: str, readers: list[ReaderStore],
                         settings: ReadingSettings) -> list[Reading]:
    """The agreeing readings of a case to store as its consensus; nothing when it has none, or when the store holds
    the arbiter's decision or the agreed readings as they are now."""
    record = consensus_record(consensus.folder, case_id)
    if record is not None and (arbiter_decided(record) or _as_recorded(record, case_id, readers)):
        return []
    return _agreeing(consensus.folder, case_id, readers, settings)


def arbiter_decided(record: dict[str, Any] | None) -> bool:
    """Whether the arbiter decided a stored consensus: arbitrated it, or corrected an agreed one. Such a consensus
    stands whatever the readers do later (a revision is shown, not undone) and is never settled again from the
    readings: only the arbiter replaces their grade and labels."""
    return record is not None and (record.get("method") == ARBITRATED or bool(record.get("corrections")))


def consensus_stands(record: dict[str, Any] | None, state: CaseState) -> bool:
    """Whether a stored consensus still counts (for the arbiter's list, training and export): the arbiter's
    decision always (arbiter_decided); one settled automatically from an agreement only while the readers still
    agree, else the case is the arbiter's to do again."""
    if record is None:
        return False
    return arbiter_decided(record) or state is CaseState.AGREED


def _as_recorded(record: dict[str, Any], case_id: str, readers: list[ReaderStore],
                 read: CaseFileRead = saved_json) -> bool:
    """Whether a consensus was stored from the submitted readings as they are now (a reader who revised their
    reading since saved it again), compared by when each was saved, without reading their masks. Only the readers
    the record names count: an arbitration decides between two readings, and a third reader's is not one of them.
    ``read``: how a reader's case file is read (saved_json; those of a case read already, _ReadOnce)."""
    recorded = {name: entry.get("saved_at") for name, entry in (record.get("readings") or {}).items()}
    current = {store.name: data.get("saved_at") for store in readers if store.name in recorded
               and (data := read(store, case_id)) is not None and data.get("review_state") == "done"}
    return current == recorded


def stored_labels(consensus: Workspace, case_id: str, size: tuple[int, int]) -> str:
    """The labels_digest of the case as the store holds it, or when it holds none of a fresh document of ``size``
    (width, height: no grade, mask or box): what the arbiter opened, when read right after the case was opened,
    before any save of theirs (note_arbiter_save)."""
    files = case_files(main_sidecar(consensus.folder))
    doc = files.load(case_id)[0] if files.exists(case_id) else CaseDocument(case_id, "", *size)
    return labels_digest(doc)


def labels_digest(doc: CaseDocument) -> str:
    """A digest of what a consensus decides (grade, mask, boxes), to tell the arbiter's correction from a save
    that changed something else."""
    digest = hashlib.sha256(repr((doc.grade.to_json(), [asdict(box) for box in doc.boxes], doc.mask.shape)).encode())
    digest.update(doc.mask.tobytes())
    return digest.hexdigest()


def _agreeing(folder: Path, case_id: str, readers: list[ReaderStore], settings: ReadingSettings) -> list[Reading]:
    """The submitted readings of a case when they agree, else nothing (a case whose grades differ is told from the
    readers' small case files: the arbiter's window asks as it opens each case)."""
    state, compared = _submitted_state(folder, case_id, settings, readers)
    return compared if state is CaseState.AGREED else []


def _submitted_state(folder: Path, case_id: str, settings: ReadingSettings, readers: list[ReaderStore],
                     loaded: Sequence[Reading] = (), read: CaseFileRead = saved_json
                     ) -> tuple[CaseState, list[Reading]]:
    """Where a case's submitted readings stand (reading_state), and those readings when their masks and boxes were
    compared: only when every grade agrees, the grades read from the readers' small case files first (``read``, as
    _as_recorded's); the readings in ``loaded`` (read already) are not read again."""
    submitted = [(store, data) for store in readers
                 if (data := read(store, case_id)) is not None and data.get("review_state") == "done"]
    grades = [codec.saved_grade(data) for _, data in submitted]
    firsts = [codec.submitted_grade(data) for _, data in submitted]
    if any(first_submitted_differences(a, b) for a, b in combinations(firsts, 2)):
        return CaseState.NEEDS_ARBITRATION, []
    compared: list[Reading] = []

    def labels_agree() -> bool:  # each case file read above is not read again for its masks
        compared.extend(r for r in _readings(folder, case_id, [store for store, _ in submitted], loaded,
                                             {store.name: data for store, data in submitted}) if r.submitted)
        return case_state([r.doc for r in compared], False, settings.dice_threshold) is CaseState.AGREED

    return reading_state(grades, False, labels_agree), compared


def _readings(folder: Path, case_id: str, stores: list[ReaderStore], loaded: Sequence[Reading],
              saved: Mapping[str, dict[str, Any]]) -> list[Reading]:
    """The saved readings of ``stores`` (load_readings, their case files in ``saved`` not read again), those in
    ``loaded`` taken as they were read."""
    have = {r.reader: r for r in loaded}
    fresh = {r.reader: r for r in load_readings(folder, case_id, [s for s in stores if s.name not in have], saved)}
    return [reading for s in stores if (reading := have.get(s.name) or fresh.get(s.name)) is not None]


def agreed_reading(readings: list[Reading]) -> Reading:
    """Which of several agreeing readings stands for them: the one saved first."""
    by_reader = {r.reader: r for r in readings}
    return by_reader[first_saved({r.reader: r.saved_at for r in readings})]


def first_saved(saved_at: dict[str, str]) -> str:
    """Of readers and when each saved (reader: saved_at), whose reading stands for agreeing ones: the one saved
    first, the reader's name breaking a tie (agreed_reading)."""
    return min(saved_at, key=lambda reader: (saved_at[reader], reader))


def _settle(consensus: Workspace, doc: CaseDocument, actor: str, readings: list[Reading], method: str,
            action: str, kept: str = "") -> None:
    _keep_what_no_reading_decides(consensus, doc)
    doc.review_state = ReviewState.DONE
    consensus.save_case(doc, actor, action=action)
    record = _new_record(method, actor, doc, readings)
    if kept:
        record[KEPT_READER] = kept
    _write_record(consensus.folder, doc.case_id, record)


def _keep_what_no_reading_decides(consensus: Workspace, doc: CaseDocument) -> None:
    """The patient details, findings text and analysis the consensus store holds for the case stay when a reading
    is stored over it (the arbiter typed them there before deciding; an arbitration stored the chosen reading whole
    and they were gone); where the store has none, the reading's are kept."""
    files = consensus.case_files
    if not files.exists(doc.case_id):
        return
    try:
        stored = files.load(doc.case_id)[0]
    except (WorkspaceError, FileProblem, OSError, ValueError):  # unreadable: the save replaces it, as before
        return
    if stored.patient != PatientInfo():
        doc.patient = stored.patient
    if stored.findings_text.strip():
        doc.findings_text = stored.findings_text
    if stored.ai is not None:
        doc.ai, doc.modality = stored.ai, stored.modality


KEPT_READER = "kept"  # a record's reader whose labels the arbiter kept


def _new_record(method: str, actor: str, doc: CaseDocument, readings: list[Reading]) -> dict[str, Any]:
    """The record names the consensus's grade by the field of its kind (graded_fields.named_grade): a photo's DR
    grade, an OCT scan's class; each reading's by the fields an arbiter settles (settled_grade: a photo's DME risk
    too, which a dispute may be about alone), as first submitted: what was disputed (Reading.independent)."""
    return {"method": method, "by": actor, "time": now_iso(), **_named_grade(doc), "labels": labels_digest(doc),
            "readings": {r.reader: {**settled_grade(r.independent.grade, report_kind(r.doc)), "saved_at": r.saved_at}
                         for r in readings}}


def _named_grade(doc: CaseDocument) -> dict[str, Any]:
    return named_grade(doc.grade, report_kind(doc))


def move_record(consensus: Workspace, source: str, target: str) -> None:
    """The record of case ``source`` as ``target``'s, where the opening of the consensus store moved the case there
    (Workspace.open's move_note: labels saved on a TIFF's first page, now its B-scan 1's); once, whatever the calls."""
    old, new = record_path(consensus.folder, source), record_path(consensus.folder, target)
    if os.path.lexists(old) and not os.path.lexists(new):
        ConfinedFolder(consensus.folder).replace(old, new)


def _write_record(folder: Path, case_id: str, record: dict[str, Any]) -> None:
    path = record_path(folder, case_id)
    confined = ConfinedFolder(folder)
    confined.mkdir(path.parent)
    confined.write_text(path, json.dumps(record, indent=1, ensure_ascii=False))


def put_back(consensus: Workspace, doc: CaseDocument, record: dict[str, Any] | None, actor: str,
             action: str) -> None:
    """Store ``doc`` with ``record`` (None: no record) as the case's consensus, as they were stored before (an
    arbitration undone or redone; audit ``action``). The record goes first and comes back last: a crash in between
    leaves the case needing arbitration, never a record over labels it does not describe. Labels that cannot be
    written leave the labels stored before, so their record is put back too: the store holds the case as it did."""
    earlier = consensus_record(consensus.folder, doc.case_id)
    ConfinedFolder(consensus.folder).unlink(record_path(consensus.folder, doc.case_id))
    try:
        consensus.save_case(doc, actor, action=action)
    except Exception:
        if earlier is not None:
            _write_record(consensus.folder, doc.case_id, earlier)
        raise
    if record is not None:
        _write_record(consensus.folder, doc.case_id, record)


def state_of(folder: Path, case_id: str, settings: ReadingSettings | None = None,
             readers: list[ReaderStore] | None = None, read: CaseFileRead = saved_json) -> CaseState:
    """Where a double-read case stands (needs reader 1 / 2, agreed, needs arbitration, arbitrated, revised since
    arbitration). Reads the readers' small case files first (``read``, as _as_recorded's); masks and boxes are
    compared only when every grade agrees. An agreed consensus stored earlier does not make the case agreed: the
    readings as they are now do."""
    settings = settings or load_settings(folder)
    readers = readers if readers is not None else readers_of(folder, settings)
    return _state(folder, case_id, settings, readers, consensus_record(folder, case_id), read=read)[0]


def _state(folder: Path, case_id: str, settings: ReadingSettings, readers: list[ReaderStore],
           record: dict[str, Any] | None, loaded: Sequence[Reading] = (), read: CaseFileRead = saved_json
           ) -> tuple[CaseState, list[Reading] | None]:
    """state_of, given the case's consensus record, with the submitted readings compared for it (_submitted_state;
    None: the arbiter decided the case, no reading was compared); ``read`` as _as_recorded's."""
    if arbiter_decided(record):
        revised = not _as_recorded(record, case_id, readers, read)
        return (CaseState.REVISED_SINCE_ARBITRATION if revised else CaseState.ARBITRATED), None
    return _submitted_state(folder, case_id, settings, readers, loaded, read)


def folder_states(folder: Path, unreadable: dict[str, str] | None = None, state: TaskState = NullState()
                  ) -> dict[str, CaseState]:
    """The state of every case any reader read (readers.has_reading; the others need reader 1), for the case
    list; ``unreadable`` as states_of's. Once ``state`` is cancelled (a listing stopped) no more is read: the states
    of the list's rows read so far, each whole (checked before each row: a volume's folds those of its B-scans)."""
    settings = load_settings(folder)
    readers = readers_of(folder, settings)
    states: dict[str, CaseState] = {}
    saved = {case_id for store in readers for case_id in store.files.saved_case_ids()}
    in_rows = sorted(saved, key=lambda case_id: (listed_case_id(case_id), case_id))
    for _row, case_ids in groupby(in_rows, key=listed_case_id):
        if state.is_cancelled():
            break
        states.update(states_of(folder, case_ids, settings, readers, unreadable, read_only=True))
    return states


def states_of(folder: Path, case_ids: Iterable[str], settings: ReadingSettings, readers: list[ReaderStore],
              unreadable: dict[str, str] | None = None, read_only: bool = False) -> dict[str, CaseState]:
    """state_of each case of ``case_ids``; ``read_only``: of those a reader read (readers.has_reading), told from the
    case files their state is read from, each read once (a share's round trip each; 2,000 cases' states read 4.7 a
    case for two readers). A case whose saved file cannot be read (DamagedCaseFile: damaged, or of a
    later release) raises, unless ``unreadable`` is given: its message is then put there (case id: message), the
    case left out, and the others' states read on, so one such case does not keep the folder's from the case list.
    A file the storage cannot give (WorkspaceError) raises: it is no case's alone."""
    states: dict[str, CaseState] = {}
    for case_id in case_ids:
        read = _ReadOnce()
        try:
            if read_only and not any((data := read(store, case_id)) is not None and has_reading(data)
                                     for store in readers):
                continue
            states[case_id] = state_of(folder, case_id, settings, readers, read)
        except DamagedCaseFile as exc:
            if unreadable is None:
                raise
            unreadable[case_id] = exc.whole
    return states


class _ReadOnce:
    """saved_json of one case, each reader's case file read once: its state reads the grades of one, the masks of the
    same version (load_reading), and whether any reader read the case, from the same files."""

    def __init__(self) -> None:
        self._read: dict[str, dict[str, Any] | None] = {}

    def __call__(self, store: ReaderStore, case_id: str) -> dict[str, Any] | None:
        if store.name not in self._read:
            self._read[store.name] = saved_json(store, case_id)
        return self._read[store.name]


def stored_consensus_current(folder: Path, case_id: str, state: CaseState, readers: list[ReaderStore]) -> bool:
    """Whether the consensus store holds the case's consensus as it is now (``state``: state_of): stored, standing
    (consensus_stands), and the arbiter's decision or stored from the readings as they are now. Otherwise an agreed
    case's consensus is its agreeing reading (consensus_document) until settle_agreed stores it."""
    return _stored_current(folder, case_id, state, readers, consensus_record(folder, case_id))


def _stored_current(folder: Path, case_id: str, state: CaseState, readers: list[ReaderStore],
                    record: dict[str, Any] | None) -> bool:
    # the record first: a case with none (not settled yet) needs no look at the store (each resolves its path)
    return (consensus_stands(record, state) and case_files(main_sidecar(folder)).exists(case_id)
            and (arbiter_decided(record) or _as_recorded(record, case_id, readers)))


def consensus_document(folder: Path, case_id: str, settings: ReadingSettings | None = None) -> CaseDocument | None:
    """What retraining and a consensus export use: single reading's labels; in double reading the stored
    consensus while it is current (stored_consensus_current), else the first agreeing reading; None while the case
    is not settled."""
    settings = settings or load_settings(folder)
    files = case_files(main_sidecar(folder))
    if not settings.double:
        return files.load(case_id)[0] if files.exists(case_id) else None
    stored, agreed = _settled(folder, case_id, settings, readers_of(folder, settings))
    if stored:
        return files.load(case_id)[0]
    return copy.deepcopy(agreed.doc) if agreed is not None else None


class ConsensusGrade(NamedTuple):
    """A settled consensus's grade, its kind and its analysis, without its labels: what comparing it with the AI
    needs (the analysis without its arrays where the consensus is stored)."""

    grade: ReaderGrade
    kind: ReportKind
    ai: AIResult | None
    stored: bool = False  # read from the consensus store's case file (not the agreeing reading's)


def consensus_grade(folder: Path, case_id: str, settings: ReadingSettings, readers: list[ReaderStore],
                    loaded: Sequence[Reading] = ()) -> ConsensusGrade | None:
    """The grade of the consensus that consensus_document gives a double-read case (``readers``: the folder's), or
    None while the case is not settled; a stored consensus's from its case file alone, and the readings in
    ``loaded`` (read already: the agreement's) not read again."""
    stored, agreed = _settled(folder, case_id, settings, readers, loaded)
    if stored:  # checked as every read of a case file (a later version's says to update; a damaged one, why)
        return case_files(main_sidecar(folder)).read_checked(case_id, _stored_grade)
    return ConsensusGrade(agreed.doc.grade, report_kind(agreed.doc), agreed.doc.ai) if agreed is not None else None


def _stored_grade(data: dict[str, Any]) -> ConsensusGrade:
    saved = codec.saved_grade(data)
    return ConsensusGrade(saved.grade, saved.kind, codec.saved_ai(data), stored=True)


def _settled(folder: Path, case_id: str, settings: ReadingSettings, readers: list[ReaderStore],
             loaded: Sequence[Reading] = ()) -> tuple[bool, Reading | None]:
    """Whether the store holds the double-read case's consensus as it is now (stored_consensus_current), else the
    agreeing reading that stands for it (agreed_reading; None: not settled). Each reading is read once at most, those
    in ``loaded`` not again."""
    record = consensus_record(folder, case_id)
    state, compared = _state(folder, case_id, settings, readers, record, loaded)
    if _stored_current(folder, case_id, state, readers, record):
        return True, None
    if compared is None:  # the arbiter's decision, not stored: the readings may agree since
        state, compared = _submitted_state(folder, case_id, settings, readers, loaded)
    return False, agreed_reading(compared) if state is CaseState.AGREED else None
