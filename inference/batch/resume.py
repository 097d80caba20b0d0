"""Which images an earlier run of the same batch finished (`analyze --resume`), so a run stopped half-way (Ctrl+C,
SIGTERM, a killed process, a power cut) goes on where it stopped instead of starting again.

An image is finished in an output folder when its JSON is there and whole, names that image, and every file it lists
is there too: the JSON is written last and atomically, so a run killed between an image's files leaves no JSON and
the image counts as not finished; and one whose JSON says its run asked for fewer kinds of output than this one is
analysed again, its earlier files replaced by the whole new set. In a workspace an image is finished when its case
holds an AI result (the window's "Only the N new" rule)."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, Sequence

from inference.batch.photo import PhotoTask


class AnalysedCases(Protocol):
    def analysed(self, source: str) -> bool: ...


def earlier_outputs(folder: Path, task: PhotoTask) -> tuple[list[str], set[str] | None] | None:
    """What a whole earlier set of ``task``'s outputs in ``folder`` holds, its JSON last (inference.outputs): its
    file names (the JSON's among them) and the kinds that run asked for (None from a run before they were kept);
    None when there is no whole set naming this image."""
    marker = folder / f"{task.stem}.json"
    try:
        written = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(written, dict) or not _same_image(str(written.get("image", "")), task.source):
        return None
    files, asked = written.get("files"), written.get("outputs")
    if not (isinstance(files, dict) and all(isinstance(name, str) and (folder / name).is_file()
                                            for name in files.values())):
        return None
    return [*files.values(), marker.name], set(asked) if isinstance(asked, list) else None


def finished_in_folder(folder: Path, task: PhotoTask) -> bool:
    """Whether ``folder`` holds a whole set of ``task``'s outputs, whatever kinds its run asked for."""
    return earlier_outputs(folder, task) is not None


@dataclass(frozen=True)
class ResumePlan:
    finished: frozenset[str]  # sources finished everywhere the run sends results: skipped
    files_kept: frozenset[str]  # sources whose output files are whole though their workspace case lacks the result
    # sources whose whole earlier outputs lack kinds asked for now: analysed again, and the files of that earlier set
    # (``replaceable``, names in the folder) replaced by this run's, as its own
    extended: frozenset[str] = frozenset()
    replaceable: frozenset[str] = frozenset()


def resume_plan(tasks: list[PhotoTask], out: Path | None, cases: AnalysedCases | None,
                outputs: Sequence[str] = ()) -> ResumePlan:
    """What an earlier run finished of ``tasks``, in ``out`` and in the workspace ``cases``. An image whose files
    were written and whose result was not yet stored (the run was killed between the two) is analysed again for the
    workspace, its files kept as they are; one whose files lack a kind of ``outputs`` is analysed again and its
    earlier files replaced."""
    in_folder, extended, replaceable = set(), set(), set()
    for task in tasks:
        earlier = earlier_outputs(out, task) if out is not None else ([], None)
        if earlier is None:
            continue
        names, asked = earlier
        if asked is None or set(outputs) <= asked:
            in_folder.add(task.source)
        else:
            extended.add(task.source)
            replaceable.update(names)
    stored = {task.source for task in tasks if cases is None or cases.analysed(task.source)}
    return ResumePlan(frozenset(in_folder & stored), frozenset(in_folder - stored if out is not None else ()),
                      frozenset(extended), frozenset(replaceable))


def _same_image(recorded: str, source: str) -> bool:
    return recorded == source or os.path.realpath(recorded) == os.path.realpath(source)
