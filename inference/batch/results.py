"""The one writer of a batch: it alone writes the output folder and stores AI results in the workspace, in the
process that started the batch, whichever engine analysed the photos."""
from __future__ import annotations

import errno
import os
import time
from pathlib import Path

from annotations.ai_store import store_ai_result
from annotations.bscan_scope import with_bscans
from annotations.case_scopes import CaseFacts
from annotations.document import AIResult, Modality, ReviewState
from annotations.errors import FileProblem
from annotations.frames import split_frame, with_frame
from annotations.image_io import ImageLoadError
from annotations.output_folder import OutputError, OutputFolder
from annotations.reading.readers import open_consensus
from annotations.wording import join_names
from annotations.workspace import Workspace
from annotations.workspace.recorded_modality import saved_modality
from annotations.workspace.errors import WorkspaceError
from inference.batch import messages as msg
from inference.batch.photo import PhotoReport, source_name


# what a failed write says of the whole output folder, not of one photo's files: the run cannot go on writing there
FOLDER_FULL_OR_READ_ONLY = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS})


class OutputLost(RuntimeError):
    """The output folder or the workspace takes no more files (its disk full or read-only, the workspace taken over
    by another program): the batch stops, as on Ctrl+C, rather than analyse every photo left only to fail it; what
    was written is kept for --resume."""


def _folder_lost(exc: BaseException) -> bool:
    """Whether ``exc``, a failed write of one photo's results, says the folder takes no more of any photo's: its
    system error (an OSError, or the one an OutputError or WorkspaceError was raised from) is one of those."""
    cause = exc if isinstance(exc, OSError) else exc.__cause__
    return isinstance(cause, OSError) and cause.errno in FOLDER_FULL_OR_READ_ONLY


class WorkspaceCases:
    """Stores analysis results as the AI results of a workspace's cases, as the window's analysis does."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        # a case whose image the scan could not read is one all the same: its analysis says what is wrong, as
        # without a workspace, and the other photos are analysed
        listed = workspace.cases()
        self._case_of = {os.path.realpath(workspace.folder / case.image_path): case.case_id for case in listed}
        self._image_path_of = {case.case_id: case.image_path for case in listed}
        self._analysed = {case.case_id for case in listed if case.analysed}  # cases holding an AI result
        self._bscan_of: dict[str, CaseFacts] = {}  # a B-scan's address (as analysed) -> its case

    @classmethod
    def open(cls, folder: str | os.PathLike, photos: list[Path]) -> "WorkspaceCases":
        """The cases of the workspace at ``folder``; raises WorkspaceError when it cannot be written or a photo
        is not among its cases (then nothing is analysed). A photo gone since the command listed it is no case of the
        scan, nor a stranger: its analysis fails, naming it, as one gone mid-run does, and the others go on."""
        workspace = open_consensus(folder, "")
        if workspace.read_only:
            workspace.close()
            raise WorkspaceError(msg.NOT_ANALYSED_READ_ONLY.format(folder=workspace.folder,
                                                                   reason=workspace.read_only_reason))
        cases = cls(workspace)
        strangers = [str(photo) for photo in photos if cases.case_id(photo) is None and os.path.exists(photo)]
        if strangers:
            workspace.close()
            raise WorkspaceError(msg.NOT_AMONG_CASES.format(photos=join_names(strangers, shown=3),
                                                            folder=workspace.folder))
        return cases

    def case_id(self, photo: str | os.PathLike) -> str | None:
        bscan = self._bscan_of.get(os.fspath(photo))
        return bscan.case_id if bscan is not None else self._case_of.get(os.path.realpath(photo))

    def sources(self, photo: Path) -> list[str]:
        """What to analyse for ``photo``, one of the cases: each B-scan of an OCT volume, addressed as its frame of
        ``photo`` and stored in its own case, as "Analyse all" does (annotations.bscan_scope); else the photo."""
        case_id = self.case_id(photo)
        if case_id is None:  # gone since it was listed (open): its analysis says so
            return [str(photo)]
        listed = CaseFacts(case_id, self._image_path_of[case_id], ReviewState.TODO, None, False, None)
        bscans = with_bscans(self.workspace, [listed])
        if len(bscans) == 1:
            return [str(photo)]
        addresses = []
        for bscan in bscans:
            address = with_frame(str(photo), split_frame(bscan.image_path)[1])
            self._bscan_of[address] = bscan
            addresses.append(address)
        return addresses

    def analysed(self, source: str) -> bool:
        """Whether the case of ``source`` (one of ``sources``) holds an AI result: a B-scan's own saved case."""
        bscan = self._bscan_of.get(source)
        return bscan.analysed if bscan is not None else self.case_id(source) in self._analysed

    def recorded_modality(self, source: str) -> Modality | None:
        """The modality saved with the case of ``source`` (one of ``sources``; a B-scan: its own case), which its result
        must fit: what "Analyse all" analyses it as (annotations.saved_modality.case_modality); None: never saved, its
        image decides (a photo gone since it was listed, too)."""
        case_id = self.case_id(source)
        return None if case_id is None else saved_modality(self.workspace.case_files, case_id)

    def image_path(self, source: str) -> str:
        """The image's path in the workspace folder of ``source`` (one of ``sources``; a B-scan: its address)."""
        bscan = self._bscan_of.get(source)
        if bscan is not None:
            return bscan.image_path
        return self._image_path_of.get(self.case_id(source), os.path.basename(source))  # gone: not listed (open)

    def taken_over(self) -> str | None:
        """Why nothing more is stored where another program took the workspace over since it was opened (its lock:
        Workspace.taken_over_by; open refuses one read-only from the start), naming that program; None while none
        has."""
        holder = self.workspace.taken_over_by
        return None if holder is None else msg.TAKEN_OVER.format(holder=holder.describe(), folder=self.workspace.folder)

    def store(self, photo: str, result: AIResult) -> None:
        case_id = self.case_id(photo)
        if case_id is None:
            raise WorkspaceError(msg.NOT_A_CASE.format(photo=photo, folder=self.workspace.folder))
        store_ai_result(self.workspace, case_id, result, self.workspace.reader)


class ResultWriter:
    """Takes each photo's report as it arrives: writes its files (the JSON last), stores its AI result, and keeps
    one line per failed photo; a failure never touches what other photos wrote."""

    def __init__(self, out: OutputFolder | None = None, cases: WorkspaceCases | None = None,
                 files_kept: frozenset[str] = frozenset()) -> None:
        """``files_kept``: sources whose output files an earlier run wrote whole (inference.batch.resume): only
        their results are stored."""
        self.out = out
        self.cases = cases
        self.files_kept = files_kept
        self.failures: list[str] = []
        self.analysed = 0  # images whose results all went where they were asked to
        self.failed = 0  # images that failed, each with one line in ``failures`` or more (a write and a store)
        self.stored = 0
        # time.monotonic() as the first and the latest report arrived: the pace past the start
        self.first_result_at: float | None = None
        self.last_result_at: float | None = None
        self.lost = False  # OutputLost was raised: a report still handed over (a Ray driver's, as it stops) is
        # not reached, neither written nor failed

    def accept(self, report: PhotoReport) -> None:
        if self.lost:
            return
        self.last_result_at = time.monotonic()
        if self.first_result_at is None:
            self.first_result_at = self.last_result_at
        failures_before = len(self.failures)
        try:
            self._deliver(report)
        except OutputLost:
            self.lost = True
            raise
        finally:  # OutputLost too: that photo failed
            if len(self.failures) > failures_before:
                self.failed += 1
            else:
                self.analysed += 1

    def _deliver(self, report: PhotoReport) -> None:
        if report.error:
            self.failures.append(report.error)
            return
        if self.out is not None and report.source not in self.files_kept:
            try:
                for name, data in report.files:
                    self.out.write_bytes(name, data)
            except (OSError, OutputError) as exc:
                self.failures.append(msg.CANNOT_WRITE_RESULT.format(image=source_name(report.source),
                                                                     folder=self.out.root, error=exc))
                if _folder_lost(exc):
                    raise OutputLost(str(exc)) from exc
        if self.cases is not None and report.result is not None:
            try:
                self.cases.store(report.source, report.result)
                self.stored += 1
            except (WorkspaceError, ImageLoadError, FileProblem, OSError, ValueError) as exc:
                taken_over = self.cases.taken_over()
                if taken_over is not None:  # its refusal speaks of the window: the holder said once, as why it stopped
                    self.failures.append(msg.NOT_STORED_TAKEN_OVER.format(image=source_name(report.source)))
                    raise OutputLost(taken_over) from exc
                self.failures.append(msg.CANNOT_STORE_RESULT.format(image=source_name(report.source), error=exc))
                if _folder_lost(exc):
                    raise OutputLost(str(exc)) from exc

