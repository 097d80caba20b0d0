"""One patient per OCT volume: the patient's details (name, ID, birth date, sex, eye, exam date) belong to the exam,
not to one of its B-scans, though each B-scan is a case of its own (annotations.frames).

The volume's own case (its middle B-scan) holds them, as it did for the case list, the links between a patient's
cases and the volume's report before; where it was never saved, the DICOM header's are the volume's. Every other
B-scan is given them when loaded (Workspace.load_case), and a B-scan saved with details other than those it held
(the reader corrected them there, an autosave snapshot of such a correction recovered) writes them into the volume's
own case first (Workspace._save), so the volume's row, its report, every B-scan and exports all read one patient.
In the window the B-scans whose histories are kept take a correction, or its undo, at once (app.case_controller),
so none shows or saves back the details before; Ctrl+Z on the B-scan where a correction was made takes it back for
the volume, the details it changed as they were before (one corrected since on another B-scan stays: SetPatient).

A folder saved before, with a B-scan corrected on its own, shows the volume's own case's details on that B-scan too:
they are the ones its row, its links and its report showed. Where the volume's own case cannot be read, each B-scan
keeps its own (opening the own case says what is wrong with it), as where its header cannot be read.
"""
from __future__ import annotations

import os
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Mapping

from annotations.document import CaseDocument, PatientInfo
from annotations.image_io import ImageLoadError
from annotations.workspace.codec import patient_from_json
from annotations.workspace.errors import WorkspaceError
from annotations.workspace.sidecar import CaseFiles


class VolumePatients:
    """The patient of each OCT volume of a workspace. Its DICOM header's is read once per version of its file: a
    saved B-scan of a volume whose own case was never saved opens on the GUI thread without reading the header once
    one of its B-scans was made from it (new_case reads it for each never saved). Thread-safe: the storage worker
    saves while the window opens B-scans."""

    def __init__(self, files: CaseFiles) -> None:
        self._files = files
        self._headers: dict[str, tuple[tuple[int, int], PatientInfo]] = {}  # volume id -> (file stamp, patient)
        self._lock = threading.Lock()

    def of(self, volume_id: str, image_file: Path, read_header: Callable[[], PatientInfo]) -> PatientInfo | None:
        """The patient of the volume listed as ``volume_id`` (its image ``image_file``): as its own case records it,
        else as its header gives it (``read_header`` reads it when not known); None where that cannot be read."""
        try:
            if self._files.exists(volume_id):
                return patient_from_json(self._files.read_json(volume_id))
            stamp = _stamp(image_file)
            with self._lock:
                known = self._headers.get(volume_id)
            if known is not None and known[0] == stamp:
                return replace(known[1])  # each document its own copy
            patient = read_header()
        except (ImageLoadError, OSError, TypeError, ValueError, WorkspaceError):
            return None
        self.note_header(volume_id, image_file, patient, stamp)
        return patient

    def note_header(self, volume_id: str, image_file: Path, patient: PatientInfo,
                    stamp: tuple[int, int] | None = None) -> None:
        """A B-scan of the volume was made from its header, which gave ``patient``."""
        try:
            stamp = stamp or _stamp(image_file)
        except OSError:
            return
        with self._lock:
            self._headers[volume_id] = stamp, replace(patient)


def _stamp(image_file: Path) -> tuple[int, int]:
    stat = os.stat(image_file)
    return stat.st_mtime_ns, stat.st_size


def carried_patient(doc: CaseDocument, previous: Mapping[str, Any] | None,
                    volume: PatientInfo | None) -> PatientInfo | None:
    """The patient a save of B-scan ``doc`` writes into its volume's own case: the B-scan's, where it is not what the
    B-scan held (``previous``, its saved case.json; never saved: the volume's) and the volume (``volume``, as
    VolumePatients.of gives it) holds another; None otherwise. A B-scan saved with the details it was loaded with writes
    nothing, though its file holds older ones of its own (a folder saved before), so no stale copy comes back."""
    if volume is None:
        return None
    held = patient_from_json(previous) if previous is not None else volume
    return None if doc.patient in (held, volume) else doc.patient
