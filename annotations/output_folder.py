"""The one writer behind every export and analysis: an output folder that cannot lose a person's files.

- It never replaces an original image (not even with ``overwrite``), nor a file it did not write itself in this
  run unless the person asked for it (``overwrite``); ``overwrite`` never replaces an image it did not write either
  (a copy of the photos given as the output folder), unless the folder is one of outputs (marked: a run killed
  before it listed its last files resumes). Images never go into a folder of photos (one opened or analysed, inside
  one or holding one) unless it is new, empty or marked as outputs, and a marked one only when it holds none (a data
  set's ``images/`` opened as photos). ``reserve`` checks every planned name before the first byte is written, so a
  refused export writes nothing. A removal (``remove_own``) never takes an original image.
- Every path stays inside the folder: names are relative, with no ``..``, and no sub-folder may lead elsewhere
  through a link.
- Nothing goes into a folder's own store (``.retinareview``: its saved labels, index and snapshots) but into a
  folder there that is new, empty or marked as outputs (a retrain's work folder): an export asked to overwrite into
  a case's folder there replaced its case.json, and the person's labels could no longer be read (refuse_store).
- Writes are atomic. Temp files live in the writer's hidden work folder, named by the writing process, so the
  ones a killed run left behind are removed by the next run and never sit beside the outputs.
- One writer at a time: ``claimed()`` holds the folder while a run writes, so a second run or export into it at
  the same time is refused before it writes (both would pass ``reserve`` and replace each other's files).
- It counts the files it wrote, for the summary.
- While claimed, it lists the files it wrote, with their sha256, in its own folder (MANIFEST), read once the claim
  is held so that it is the latest writer's: a later run may remove one of them
  (``remove_own``) only while the file is still what it wrote; a file it cannot prove its own it never removes.
  One it wrote that someone changed since (an annotator's fix in labelImg) and that a run writes anew is renamed
  aside first (annotations.kept_aside: ``NAME.edited-TIME``), never replaced: ``kept_aside`` lists it to be named;
  where the new one is then not written (a full disk, Ctrl-C) it is put back under its name.
  With each it records the kind of run that wrote it (``job``: an export's format) and the case it holds, with the
  folder of that case, where given, so that a later run sweeps only what a run of its kind wrote for a case of its
  own folder (``earlier_cases``): several folders' exports may share an output folder. A run that writes no
  case's files (agreement) sweeps every earlier file of its job it no longer writes (``remove_earlier``). The list
  travels with the folder: where it leaves the clinic (a data set, ``record_key``) case and folder are recorded as
  keyed hashes, as a case's id and a folder's path name the patient where a clinic names folders after them.
- A marker (OUTPUTS_MARKER) tells a workspace scan that a folder holds outputs, not cases, when it lies inside
  an opened folder.
- Another (UNFINISHED_MARKER) is there from a claimed run's first file until the run ends: a folder a run stopped in
  part-way (a power cut, the program killed, Cancel) keeps it, so that what reads the folder (an import) can tell
  a few cases' files from a whole export (``unfinished_output``).
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import tempfile
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator

from annotations.atomic import atomic_write_bytes
from annotations import messages as msg
from annotations.errors import FileProblem
from annotations.folder_claim import FolderBusy, FolderClaim
from annotations.image_io import is_image_file
from annotations.kept_aside import EDITED, aside_path
from annotations.os_reasons import os_reason
from annotations.own_outputs import SingleKind
from annotations.pinned_folder import FolderCheck, rename_in, unlink_in
from annotations.processes import process_alive
from annotations.store_folder import SIDECAR_NAME, in_store

WORK_DIR = ".retinareview-output"  # the writer's own hidden folder: its temp files, and the marker
# Present only in a folder that held nothing else when an output was first written to it: a scan of an opened
# folder skips such a sub-folder (outputs are not cases). A folder of photos the person sent outputs into beside
# them is never marked, so its photos stay listed.
OUTPUTS_MARKER = f"{WORK_DIR}/outputs-only"
_MARKER_TEXT = ("RetinaReview wrote the files in this folder (an export or an analysis); this marker keeps them\n"
                "from being listed as cases when an enclosing folder is opened.\n")
# JSON {name: Written's fields} of the files written here, what remove_own may remove (an earlier version's
# {name: sha256} reads as Written(sha256)); no .json: a labelme import reads those
MANIFEST = f"{WORK_DIR}/written-files"
UNFINISHED_MARKER = f"{WORK_DIR}/unfinished"
_UNFINISHED_TEXT = ("RetinaReview began writing into this folder and did not finish (stopped, or cut off): files\n"
                    "of some cases may be missing. The next run into it that ends removes this marker.\n")
_TEMP_SUFFIX = ".tmp"
# a new output folder named like one of the files outputs are (--out grades.csv): the files would land inside it
FILE_SUFFIXES = frozenset({".csv", ".json", ".xml", ".txt", ".yaml", ".pdf", ".zip"})
MANIFEST_EVERY_S = 10.0  # a long run lists what it wrote this often, so a kill -9 leaves its files provably its own
_STALE_AFTER_S = 24 * 3600  # a temp file this old is stale even if its process id was reused


class OutputError(FileProblem):
    """An output that would replace something the person did not ask to replace, or land outside the folder."""


@dataclass(frozen=True)
class Written:
    """What MANIFEST records of a file the folder's writer wrote."""
    sha256: str
    job: str = ""  # the kind of run that wrote it (OutputFolder's ``job``); "" not recorded
    case: str = ""  # the case whose labels it holds (``write_bytes``' ``case``); "" none, or not recorded
    cases_from: str = ""  # the folder of that case (OutputFolder's ``cases_from``, its real path); "" not recorded


class OutputFolder:
    """Writes files under ``root``; see the module docstring for the rules it keeps."""

    def __init__(self, root: str | os.PathLike, originals: Iterable[str | os.PathLike] = (),
                 overwrite: bool = False, photo_folders: Iterable[str | os.PathLike] = (), job: str = "",
                 cases_from: str | os.PathLike = "", record_key: bytes | None = None) -> None:
        """``originals``: the images the outputs come from, never replaced. ``photo_folders``: the opened folder,
        or the folders analysed; image outputs into one of them or into a sub-folder that already holds other files
        are refused (opening it would list them as cases); a new or empty sub-folder is marked outputs-only.
        ``job``: the kind of run writing (an export's format), recorded with each file (Written); ``cases_from``:
        the folder whose cases it writes (an export's workspace), recorded with each file written for a case.
        ``record_key``: record cases and their folder as hashes keyed with it (``recorded``)."""
        self.root = Path(root)
        self.overwrite = overwrite
        self.job = job
        self.record_key = record_key
        self.cases_from = self.recorded(os.path.normcase(os.path.realpath(cases_from))) if cases_from else ""
        self.written: list[Path] = []
        self.removed: list[Path] = []
        self.not_removed: list[Path] = []  # files remove_own was asked to remove and left: changed since written
        self.kept_aside: list[tuple[Path, Path]] = []  # (file, its new name): changed since written, written anew
        self._written_names: set[str] = set()
        self._originals = file_identities(originals)
        self._approved: set[str] = set()
        self._replaceable: set[str] = set()  # approved to replace without overwrite (allow_replacing)
        if self.root.exists() and not self.root.is_dir():
            raise OutputError(self.root, msg.OUTPUT_IS_FILE, msg.GIVE_FOLDER)
        if not self.root.exists() and _named_like_file(self.root):
            raise OutputError(self.root, msg.NAMED_LIKE_FILE, msg.GIVE_FOLDER)
        self._outputs_only = not self.root.exists() or not any(self.root.iterdir()) or \
            (self.root / OUTPUTS_MARKER).is_file()
        if not self._outputs_only:
            refuse_store(self.root)
        photo_folders = [Path(f) for f in photo_folders]
        _refuse_opened_elsewhere(self.root, photo_folders)
        # images written where the scan of an opened folder, or of one holding it, lists them come back as cases
        self._images_refused = any(_among_photos(self.root, f, self._outputs_only) for f in photo_folders)
        self._remove_stale_temp_files()
        self._own: dict[str, Written] = {}  # MANIFEST's entries, read once the folder is claimed
        self._own_changed = False
        self._held = False  # claimed: MANIFEST is this writer's to save (read first, so nothing listed is lost)
        self._marked = False  # this run wrote UNFINISHED_MARKER (claimed, at its first file)
        self._stopped = False  # the run stopped before its end without an error through claimed(): stays marked
        self._manifest_saved_at = time.monotonic()

    @property
    def files_written(self) -> int:
        return len(self.written)

    @contextmanager
    def claimed(self) -> Iterator["OutputFolder"]:
        """The folder held for the writes inside the block (held_folder): another writer claiming it meanwhile gets
        OutputError, and so does this one when another holds it."""
        with held_folder(self.root):
            self._own = {**self._read_manifest(), **self._own}  # the latest writer's, now none can write meanwhile
            self._held = True
            ended = False
            try:
                yield self
                ended = True
            finally:
                try:
                    self._save_manifest()
                    if ended and not self._stopped:  # after the manifest: a cut between the two leaves it marked
                        self._unmark()
                finally:
                    self._held = False

    def stop(self) -> None:
        """The run stops before its end and says so by its exit code, not by an error through claimed() (Ctrl-C
        caught, its workers lost): the folder keeps UNFINISHED_MARKER, as after a kill."""
        self._stopped = True

    def path(self, name: str) -> Path:
        """``root / name`` for a relative, forward-slash ``name``; refuses anything that would leave the folder."""
        parts = PurePosixPath(name).parts
        if not parts or PurePosixPath(name).is_absolute() or any(p in ("..", ".", "") for p in parts) \
                or "\\" in name or parts[0] == WORK_DIR:
            raise OutputError(self.root / name, msg.NOT_PLAIN_NAME)
        target = self.root.joinpath(*parts)
        parent = target.parent
        while parent != self.root and not parent.exists():
            parent = parent.parent
        if not is_inside(parent, self.root):
            raise OutputError(target, msg.LEADS_OUTSIDE, msg.NO_LINKS)
        return target

    def reserve(self, names: Iterable[str]) -> None:
        """Approve every name about to be written, or raise OutputError naming the files in the way."""
        pending = [name for name in dict.fromkeys(names) if name not in self._approved]
        targets = [self.path(name) for name in pending]
        if not self.overwrite and unfinished_output(self.root):
            self._refuse_unfinished(targets)
        refuse_obstacles(targets, self._originals, self.overwrite)
        if self._images_refused and any(is_image_file(name) for name in pending):
            raise OutputError(self.root, msg.PHOTO_FOLDER, msg.NEW_FOLDER)
        # a folder of outputs (marked) holds the program's images, also those a killed run wrote but never listed
        strangers = [] if self._outputs_only else [self.path(name) for name in pending if is_image_file(name)
                                                   and name not in self._own and os.path.lexists(self.path(name))]
        if strangers:  # reached with overwrite only: refuse_obstacles refuses any file in the way without it
            raise OutputError(strangers[0], msg.NOT_OWN_IMAGE.format(count=len(strangers)), msg.NEW_FOLDER)
        self._approved.update(pending)

    def _refuse_unfinished(self, targets: list[Path]) -> None:
        """refuse_obstacles' refusal of files in the way, said of a run that stopped part-way here: they are not
        a whole export, and replacing them (``overwrite``) finishes it."""
        refuse_obstacles(targets, self._originals, overwrite=True)  # an original in the way is said as such
        in_the_way = [target for target in targets if os.path.lexists(target)]
        if in_the_way:
            raise OutputError(self.root, msg.UNFINISHED_IN_THE_WAY.format(count=len(in_the_way)),
                              msg.EMPTY_OR_OVERWRITE)

    def allow_replacing(self, names: Iterable[str]) -> None:
        """Approve replacing these files without ``overwrite``: outputs of an earlier run of the same job that this
        run writes anew (`analyze --resume` asked for more kinds); an original image is refused all the same."""
        pending = [name for name in dict.fromkeys(names) if name not in self._approved]
        refuse_obstacles([self.path(name) for name in pending], self._originals, overwrite=True)
        self._approved.update(pending)
        self._replaceable.update(pending)

    def recorded(self, value: str) -> str:
        """A case or folder as MANIFEST records it: as it is, or keyed with ``record_key`` (HMAC-SHA256)."""
        if self.record_key is None or not value:
            return value
        return hmac.new(self.record_key, value.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()

    def write_bytes(self, name: str, data: bytes, case: str = "") -> Path:
        """Write one output atomically; a name written before in this run is refused (one file per name).
        ``case``: the case whose labels it holds, recorded (``recorded``) for a later run's sweep
        (``earlier_cases``)."""
        self.reserve([name])
        target = self.path(name)
        key = name.casefold()
        if key in self._written_names:
            raise OutputError(target, msg.WRITTEN_TWICE)
        if not self.overwrite and name not in self._replaceable and os.path.lexists(target):
            # approved while no file was there (reserve refuses one without overwrite): another program saved it
            # since (labelImg into an export's folder while a long export runs); theirs stays, the run stops
            raise OutputError(target, msg.APPEARED_MEANWHILE, msg.OTHER_OUTPUT)
        aside = self._keep_if_changed(name, target)
        try:
            self._mark_unfinished()
            atomic_write_bytes(target, data, temp_dir=self._work_dir(), temp_prefix=f"{os.getpid()}-",
                               check=self._inside(target))
        except OSError as exc:  # a read-only or full disk, a file where a folder should be: named, in words
            self._put_back(target, aside)
            raise OutputError(target, msg.CANNOT_WRITE.format(error=os_reason(exc)), msg.WRITABLE_FOLDER) from exc
        except BaseException:  # Ctrl-C, Cancel
            self._put_back(target, aside)
            raise
        if aside is not None:
            self.kept_aside.append((target, aside))
        self._written_names.add(key)
        self.written.append(target)
        self._own[name], self._own_changed = Written(hashlib.sha256(data).hexdigest(), self.job, self.recorded(case),
                                                          self.cases_from if case else ""), True
        if self._held and time.monotonic() - self._manifest_saved_at > MANIFEST_EVERY_S:
            self._save_manifest()
        return target

    def _mark_unfinished(self) -> None:
        """UNFINISHED_MARKER written before the first file of a claimed run (not one unclaimed: no end removes it)."""
        if self._held and not self._marked:
            marker = self.root / UNFINISHED_MARKER
            atomic_write_bytes(marker, _UNFINISHED_TEXT.encode("utf-8"), temp_dir=self._work_dir(),
                               temp_prefix=f"{os.getpid()}-", check=self._inside(marker))
            self._marked = True

    def _unmark(self) -> None:
        """The run ended: UNFINISHED_MARKER goes where this run wrote it. Best effort: one left says too much, not
        too little."""
        if not self._marked:
            return
        try:
            unlink_in(self.root / WORK_DIR, Path(UNFINISHED_MARKER).name, self._inside(self.root / UNFINISHED_MARKER))
        except (OSError, OutputError):
            return
        self._marked = False

    def _keep_if_changed(self, name: str, target: Path) -> Path | None:
        """Rename ``target`` aside when this folder's writer wrote it and someone changed it since: the run writing it
        anew must not lose that edit. Returns its new name (None: nothing renamed). A file the writer never wrote is
        replaced, as ``overwrite`` asked (reserve refuses it otherwise); a link is replaced itself, never followed."""
        if name not in self._own or target.is_symlink() or not target.is_file() or self.is_own(name):
            return None
        aside = aside_path(target, EDITED)
        try:
            rename_in(target.parent, target.name, aside.name, self._inside(target))
        except OSError as exc:
            raise OutputError(target, msg.CANNOT_WRITE.format(error=os_reason(exc)), msg.WRITABLE_FOLDER) from exc
        return aside

    def _put_back(self, target: Path, aside: Path | None) -> None:
        """The edited file renamed aside goes back under its name when its new version was not written (a full disk,
        Ctrl-C): the folder is left as the run found it. Where it cannot go back it stays aside, listed to be named."""
        if aside is None:
            return
        try:
            if not (target.exists() or target.is_symlink()):
                rename_in(target.parent, aside.name, target.name, self._inside(target))
                return
        except (OSError, OutputError):
            pass
        self.kept_aside.append((target, aside))

    def kept_aside_names(self) -> tuple[tuple[str, str], ...]:
        """Each edited file kept aside (``kept_aside``) and its new name, as paths inside the folder."""
        return tuple((file.relative_to(self.root).as_posix(), aside.relative_to(self.root).as_posix())
                     for file, aside in self.kept_aside)

    def remove_earlier(self) -> None:
        """Once this run has written everything: remove the files an earlier run of its ``job`` wrote that this one
        did not (``earlier_outputs``: a pair of readers no longer compared), where still as written (remove_own), so
        that none is left beside the new ones reading as their results. One changed since stays (``not_removed``),
        as do another kind of run's files and those no run is recorded to have written."""
        for name in self.earlier_outputs():
            if self.job and self._own[name].job == self.job:
                self.remove_own(name)

    def notes(self) -> list[str]:
        """The summary's lines of what this run did to files already there: the edited files kept aside
        (``kept_aside``), and those removed and left (remove_earlier), each naming how many and the first, as a path
        inside the folder."""
        lines: list[str] = []
        if self.kept_aside:
            file, aside = self.kept_aside_names()[0]
            lines.append(msg.EDITED_OUTPUTS_KEPT.format(count=len(self.kept_aside), file=file, kept=aside))
        for template, files in ((msg.EARLIER_OUTPUTS_REMOVED, self.removed),
                                (msg.EARLIER_OUTPUTS_LEFT, self.not_removed)):
            if files:
                lines.append(template.format(count=len(files), example=files[0].relative_to(self.root).as_posix()))
        return lines

    def is_own(self, name: str) -> bool:
        """True when ``name`` is a plain file this folder's writer wrote (MANIFEST) and nobody has changed since."""
        target = self.path(name)
        recorded = self._own.get(name)
        if recorded is None or target.is_symlink() or not target.is_file():
            return False
        try:
            return hashlib.sha256(target.read_bytes()).hexdigest() == recorded.sha256
        except OSError:
            return False

    def remove_own(self, name: str) -> bool:
        """Remove ``name`` if is_own (an output of an earlier run that this run no longer writes); False otherwise:
        a file the program cannot prove its own stays (listed in ``not_removed`` when it is there, for the caller
        to name: it was checked before, and changed since, or someone changed it long ago). An original stays too,
        unnamed: a copy an earlier export wrote (a data set's ``images/``) may since be a photo this run reads; and
        so does an image in a folder someone opened since (_opened_photo), its labels in that folder's store."""
        target = self.path(name)
        if _identity(target) in self._originals or (is_image_file(name) and self._opened_photo(target)):
            return False
        if not self.is_own(name):
            if (target.exists() or target.is_symlink()) and target not in self.not_removed:
                self.not_removed.append(target)
            return False
        try:
            unlink_in(target.parent, target.name, self._inside(target))
        except OSError as exc:
            raise OutputError(target, msg.CANNOT_WRITE.format(error=os_reason(exc)), msg.WRITABLE_FOLDER) from exc
        del self._own[name]
        self._own_changed = True
        self.removed.append(target)
        return True

    def _opened_photo(self, target: Path) -> bool:
        """Whether ``target`` lies in a folder opened as photos (holding a store, SIDECAR_NAME) between its own folder
        and the output folder: a data set's ``images/`` reviewed as a folder of its own lists its images as cases."""
        folder = target.parent
        while True:
            if (folder / SIDECAR_NAME).is_dir():
                return True
            if folder == self.root or folder == folder.parent:
                return False
            folder = folder.parent

    def earlier_outputs(self) -> list[str]:
        """The files MANIFEST lists that this run has not written: an earlier run's outputs, which remove_own may
        remove when this run no longer writes them."""
        return [name for name in sorted(self._own) if name.casefold() not in self._written_names]

    def earlier_cases(self, job: str) -> dict[str, str]:
        """The earlier outputs (``earlier_outputs``) a run of ``job`` wrote for a case of this run's ``cases_from``,
        each with that case as recorded (``recorded``); another folder's cases are not this one's to replace."""
        return {name: self._own[name].case for name in self.earlier_outputs()
                if self._own[name].job == job and self._own[name].case
                and self._own[name].cases_from == self.cases_from}

    def write_text(self, name: str, text: str, case: str = "") -> Path:
        return self.write_bytes(name, text.encode("utf-8"), case)

    def _read_manifest(self) -> dict[str, Written]:
        """The earlier runs' MANIFEST; an unreadable, planted or damaged one proves nothing (empty)."""
        manifest = self.root / MANIFEST
        try:
            if (self.root / WORK_DIR).is_symlink() or manifest.is_symlink() or not manifest.is_file():
                return {}
            entries = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(entries, dict):
            return {}
        recorded = {name: _written(entry) for name, entry in entries.items() if isinstance(name, str)}
        return {name: written for name, written in recorded.items() if written is not None and self._plain(name)}

    def _plain(self, name: str) -> bool:
        try:
            self.path(name)
        except OutputError:
            return False
        return True

    def _save_manifest(self) -> None:
        """Best effort: without it the files are only not provably the program's, so never removed by it."""
        if not self._own_changed:
            return
        entries = {name: asdict(written) for name, written in sorted(self._own.items())
                   if self._plain(name) and self.path(name).is_file()}  # not one a link swapped in since leads to
        try:
            atomic_write_bytes(self.root / MANIFEST, json.dumps(entries, indent=0).encode("utf-8"),
                               temp_dir=self._work_dir(), temp_prefix=f"{os.getpid()}-",
                               check=self._inside(self.root / MANIFEST))
        except (OSError, OutputError):
            return
        self._own_changed, self._manifest_saved_at = False, time.monotonic()

    def _inside(self, target: Path) -> FolderCheck:
        """The check of the folder ``target`` is written, renamed or removed in, as held open for it
        (annotations.pinned_folder): inside this folder, whatever link was swapped in for it since ``path`` looked."""
        def check(real: Path) -> None:
            if not real.is_relative_to(self.root.resolve()):
                raise OutputError(target, msg.LEADS_OUTSIDE, msg.NO_LINKS)
        return check

    def _work_dir(self) -> Path:
        """Created at the first write, so a refused run leaves no trace (not even a marker)."""
        work = self.root / WORK_DIR
        if work.is_symlink():  # planted: the temp files (and their clean-up) would land where it leads
            raise OutputError(work, msg.WORK_DIR_IS_LINK, msg.NO_LINKS)
        if not work.is_dir():
            work.mkdir(parents=True)
        marker = self.root / OUTPUTS_MARKER
        if self._outputs_only and not marker.exists():
            marker.write_text(_MARKER_TEXT, encoding="utf-8")
        return work

    def _remove_stale_temp_files(self) -> None:
        """Temp files of a process that is gone (killed mid-write) or that are older than a day, in the writer's own
        folder only: a link planted in its place leads to someone else's files."""
        work = self.root / WORK_DIR
        if work.is_symlink():
            return
        for temp in work.glob(f"*{_TEMP_SUFFIX}"):
            pid_text = temp.name.split("-", 1)[0]
            try:
                if not (pid_text.isdigit() and _alive(int(pid_text))) or \
                        time.time() - temp.lstat().st_mtime > _STALE_AFTER_S:
                    unlink_in(work, temp.name, self._inside(temp))
            except (OSError, OutputError):
                continue  # another run removed it first, or the folder is read-only: harmless


@contextmanager
def held_folder(root: Path, busy: str = msg.FOLDER_BUSY) -> Iterator[None]:
    """``root`` claimed (annotations.folder_claim; made where missing, removed again if left empty) for the writes
    inside the block: every writer of a folder, an export's, an analysis's or a training run's, takes it, so a second
    one is refused before it writes: OutputError ``busy``."""
    claim = FolderClaim(root)
    try:
        claim.acquire()
    except FolderBusy as exc:
        raise OutputError(root, busy, msg.WAIT_OR_OTHER_FOLDER) from exc
    except OSError as exc:
        raise OutputError(root, msg.CANNOT_WRITE.format(error=os_reason(exc)), msg.WRITABLE_FOLDER) from exc
    try:
        yield
    finally:
        claim.release()


def _among_photos(root: Path, photos: Path, outputs_only: bool) -> bool:
    """Whether images written into ``root`` would be listed as cases of the folder of ``photos``: ``root`` is that
    folder, lies in it or holds it. A folder of outputs (``outputs_only``) may lie in it (an export into the opened
    folder, skipped by its scan), but never holds it: a data set's ``images/`` opened as a folder of photos and
    exported back into its data set got the export's images among its photos."""
    holds = is_inside(photos, root)
    if outputs_only:
        return holds and not is_inside(root, photos)
    return holds or is_inside(root, photos)


def _refuse_opened_elsewhere(root: Path, photo_folders: list[Path]) -> None:
    """OutputError where ``root`` was opened as a folder of photos (it holds a store) other than the run's own
    (``photo_folders``, kept to _among_photos' rule): its images would be listed among that folder's cases, and a
    labelImg file beside one of its photos (an export's ``NAME.xml``) offered as that photo's boxes; remove_own
    leaves such images alone, and so no output may land there either."""
    if (root / SIDECAR_NAME).is_dir() and not any(is_inside(root, f) and is_inside(f, root) for f in photo_folders):
        raise OutputError(root, msg.OPENED_AS_PHOTOS, msg.NEW_FOLDER)


def unfinished_output(folder: Path) -> bool:
    """Whether a run writing into ``folder``, or into a folder holding it (a data set's ``voc/``), stopped before it
    ended (UNFINISHED_MARKER): it may lack some cases' files."""
    folder = Path(folder).absolute()
    return any((place / UNFINISHED_MARKER).is_file() for place in (folder, *folder.parents))


def _named_like_file(path: Path) -> bool:
    return path.suffix.casefold() in FILE_SUFFIXES or is_image_file(path)


def _written(entry: object) -> Written | None:
    """A MANIFEST entry: Written's fields, or an earlier version's sha256 alone; None when damaged (proves nothing)."""
    if isinstance(entry, str):
        return Written(entry)
    if isinstance(entry, dict):
        recorded = {field.name: entry.get(field.name, "") for field in fields(Written)}
        if all(isinstance(value, str) for value in recorded.values()) and recorded["sha256"]:
            return Written(**recorded)
    return None


def file_identities(paths: Iterable[str | os.PathLike]) -> set[tuple[int, int]]:
    """(device, inode) of each existing file: how refuse_obstacles recognises an original under any name."""
    return {identity for identity in (_identity(Path(p)) for p in paths) if identity is not None}


def refuse_store(folder: Path) -> None:
    """OutputError when ``folder`` is a folder's own store or inside it (store_folder.in_store): its files are the
    person's saved labels, which no output may replace."""
    if in_store(folder):
        raise OutputError(folder, msg.IN_STORE, msg.OTHER_OUTPUT)


def refuse_obstacles(targets: Iterable[Path], originals: set[tuple[int, int]], overwrite: bool) -> None:
    """The rule every output obeys: raise OutputError when two targets are one file (a report's --out and --dicom:
    the second replaced the first), a target is an original image (``originals``: their file_identities), or an
    existing file while ``overwrite`` is off."""
    targets = list(targets)
    places = [target.resolve() for target in targets]
    for index, place in enumerate(places):
        if place in places[:index]:
            raise OutputError(targets[index], msg.WRITTEN_TWICE, msg.OTHER_OUTPUT)
    in_the_way = [target for target in targets if target.exists() or target.is_symlink()]
    replaced_originals = [target for target in in_the_way if _identity(target) in originals]
    if replaced_originals:
        raise OutputError(replaced_originals[0], msg.IS_ORIGINAL.format(count=len(replaced_originals)),
                          msg.OTHER_OUTPUT)
    if in_the_way and not overwrite:
        raise OutputError(in_the_way[0], msg.ALREADY_EXISTS.format(count=len(in_the_way)), msg.EMPTY_OR_OVERWRITE)


def refuse_single_outputs(targets: Iterable[tuple[Path, SingleKind | None]], originals: set[tuple[int, int]],
                          overwrite: bool) -> None:
    """The rule single outputs obey (a report's PDF and DICOM file, a screenshot): refuse_obstacles', and with a
    ``kind`` refuse_other_kind's, whose refusals come first: a file in the way is refused as needing ``overwrite``
    only where ``overwrite`` would then replace it (a photo under a screenshot's name was refused as "already exists …
    ask to overwrite", and once asked as not a screenshot of the program's)."""
    targets = list(targets)
    refuse_obstacles([target for target, _ in targets], originals, overwrite=True)  # what no asking lifts
    for target, kind in targets:
        if kind is not None:
            refuse_other_kind(target, kind)
    refuse_obstacles([target for target, _ in targets], originals, overwrite)


def refuse_other_kind(target: Path, kind: SingleKind) -> None:
    """OutputError when ``target`` is an existing file (or a link) that ``kind`` does not replace (an output of ours
    of another kind, or none: annotations.own_outputs)."""
    if target.is_symlink() or target.is_file() and not _holds(kind, target):
        raise OutputError(target, kind.problem, msg.OTHER_OUTPUT)


def _holds(kind: SingleKind, target: Path) -> bool:
    try:
        return kind.holds(target)
    except OSError:
        return False


def write_single_output(path: str | os.PathLike, data: bytes, originals: Iterable[str | os.PathLike] = (),
                        overwrite: bool = False, kind: SingleKind | None = None) -> Path:
    """One output file (a report PDF, a screenshot) under the same rule as an OutputFolder, written atomically beside
    itself; with ``kind``, an existing file is replaced only where it is of that kind (refuse_other_kind)."""
    target = Path(path)
    refuse_single_output(target, originals, overwrite, kind)
    atomic_write_bytes(target, data)
    return target


def refuse_single_output(target: Path, originals: Iterable[str | os.PathLike] = (), overwrite: bool = False,
                         kind: SingleKind | None = None) -> None:
    """What write_single_output refuses: a target in a folder's store, then refuse_single_outputs'. With ``overwrite``,
    a file it would replace passes: a save dialog asks whether to replace it only then."""
    refuse_store(target.parent)
    refuse_single_outputs([(target, kind)], file_identities(originals), overwrite)


def refuse_unwritable(folder: Path) -> None:
    """Raise OutputError where ``folder``, or while it does not exist the nearest folder above it (where it would be
    made), cannot be written: before hours of work are spent on what it would hold (training found a read-only disk
    at its first checkpoint, an epoch in)."""
    try:
        probe_writable(folder)
    except OSError as exc:
        raise OutputError(folder, msg.CANNOT_WRITE.format(error=os_reason(exc)), msg.WRITABLE_FOLDER) from exc


def probe_writable(folder: Path) -> None:
    """refuse_unwritable's probe, raising the system's OSError: for a caller that words the refusal itself (a single
    file's). Nothing is left behind: the probe is an unnamed temporary file."""
    existing = next(path for path in (folder, *folder.absolute().parents) if path.exists())
    with tempfile.TemporaryFile(dir=existing):
        pass


def default_export_folder(opened: Path) -> Path:
    """Where an export goes unless the person says otherwise: beside the opened folder (``NAME-export``), never
    inside it; in the home folder when the opened folder has no writable parent (a drive's root, a read-only
    mount)."""
    opened = Path(opened).absolute()
    parent = opened.parent
    if parent != opened and os.access(parent, os.W_OK):
        return parent / f"{opened.name}-export"
    return Path.home() / f"{opened.name or 'RetinaReview'}-export"


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


def is_inside(path: Path, root: Path) -> bool:
    """Whether ``path`` is ``root`` or lies inside it, links resolved (False where that cannot be told)."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except OSError:
        return False


def _alive(pid: int) -> bool:
    return pid == os.getpid() or process_alive(pid) is not False  # the system cannot tell: keep its files
