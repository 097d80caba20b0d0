"""Which images an earlier run of the same batch finished (`analyze --resume`), so a run stopped half-way (Ctrl+C,
SIGTERM, a killed process, a power cut) goes on where it stopped instead of starting again.

An image is finished in an output folder when its JSON is there and whole, names that image, and every file it lists
is there too: the JSON is written last and atomically, so a run killed between an image's files leaves no JSON and
the image counts as not finished. In a workspace an image is finished when its case holds an AI result (the
window's "Only the N new" rule)."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from inference.batch.photo import PhotoTask

NEEDS_JSON = ("--resume tells a finished image by its JSON, which is written last: add json to --outputs, or "
              "analyse into a new --out folder")


class AnalysedCases(Protocol):
    def analysed(self, source: str) -> bool: ...


def finished_in_folder(folder: Path, task: PhotoTask) -> bool:
    """Whether ``folder`` holds a whole set of ``task``'s outputs, its JSON last (inference.outputs)."""
    marker = folder / f"{task.stem}.json"
    try:
        written = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(written, dict) or not _same_image(str(written.get("image", "")), task.source):
        return False
    files = written.get("files")
    return isinstance(files, dict) and all(isinstance(name, str) and (folder / name).is_file()
                                           for name in files.values())


@dataclass(frozen=True)
class ResumePlan:
    finished: frozenset[str]  # sources finished everywhere the run sends results: skipped
    files_kept: frozenset[str]  # sources whose output files are whole though their workspace case lacks the result


def resume_plan(tasks: list[PhotoTask], out: Path | None, cases: AnalysedCases | None) -> ResumePlan:
    """What an earlier run finished of ``tasks``, in ``out`` and in the workspace ``cases``. An image whose files
    were written and whose result was not yet stored (the run was killed between the two) is analysed again for the
    workspace, its files kept as they are."""
    in_folder = {task.source for task in tasks if out is None or finished_in_folder(out, task)}
    stored = {task.source for task in tasks if cases is None or cases.analysed(task.source)}
    return ResumePlan(frozenset(in_folder & stored), frozenset(in_folder - stored if out is not None else ()))


def _same_image(recorded: str, source: str) -> bool:
    return recorded == source or os.path.realpath(recorded) == os.path.realpath(source)
