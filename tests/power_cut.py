"""Power cuts while a person works in the window: run tests/power_cut_driver.py, let it die at a chosen step of
writing to disk, open the folder again and check what is there (tests/unit/test_power_cut.py runs a few;
``python tests/power_cut.py SEED [SEED ...]`` tries every step of those seeds' runs).
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
DRIVER = ROOT / "tests" / "power_cut_driver.py"
DIALOGS = ROOT / "tests" / "power_cut_dialogs.py"


def make_folder(base: Path) -> tuple[Path, Path]:
    """Four small photos and the window's settings (a 1 s autosave, no analysis on open)."""
    from app.settings import Settings, SettingsValues

    folder = base / "clinic"
    folder.mkdir(parents=True)
    rng = np.random.default_rng(0)
    for name in ("a.png", "b.png", "c.png", "d.png"):
        Image.fromarray(rng.integers(0, 255, (24, 32, 3), dtype=np.uint8)).save(folder / name)
    settings = base / "settings.ini"
    Settings.from_file(settings).save(SettingsValues(analyze_on_open=False, autosave_s=1, reader="tester"))
    return folder, settings


def drive(base: Path, folder: Path, settings: Path, seed: int, cut: int | str = 0) -> tuple[int, Path]:
    """Run the driver (dying at step ``cut``, where not 0; as command_cut's); its exit status and journal."""
    journal = base / f"journal-{seed}-{str(cut).replace(':', '-')}.jsonl"
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", OMP_NUM_THREADS="1",
               RETINA_REVIEW_PRELOAD="0", RETINA_REVIEW_MODELS=str(base / "no-models"))
    done = subprocess.run([sys.executable, str(DRIVER), str(folder), str(settings), str(journal), str(seed),
                           str(cut)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    if done.returncode not in (0, -9):
        raise AssertionError(f"the driver failed ({done.returncode}):\n{done.stderr[-3000:]}")
    if not cut:
        journal.with_suffix(".steps").write_text(done.stdout.split()[-1])
    return done.returncode, journal


def allowed_states(journal: Path) -> dict[str, set[str]]:
    """Each case's states the folder may hold after the cut: the last one saved and any shown after it (an
    autosave of them recovered); any shown for a case never saved (or none: its fresh state)."""
    states: dict[str, list[str]] = {}
    for line in journal.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if entry["kind"] == "saved":
            states[entry["case"]] = [entry["fp"]]
        else:
            states.setdefault(entry["case"], []).append(entry["fp"])
    return {case: set(fps) for case, fps in states.items()}


def check_files(folder: Path, temps: bool = True) -> list[str]:
    """Every file the program keeps is whole; with ``temps``, no temp file is left where a person sees it."""
    problems = []
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        name = path.name
        if name.endswith(".tmp"):
            if not temps:
                continue
            # hidden, and swept: a case's by its next save (CaseFiles._remove_unreferenced), an export's by the next
            # export (OutputFolder._remove_stale_temp_files)
            where = path.relative_to(folder).parts
            if where[:2] != (".retinareview", "cases") and where[0] != ".retinareview-output":
                problems.append(f"temp file left: {path.relative_to(folder)}")
            continue
        try:
            if name.endswith(".json"):
                json.loads(path.read_text(encoding="utf-8"))
            elif name.endswith(".png"):
                with Image.open(path) as image:
                    image.load()
            elif name.endswith(".npz"):
                with np.load(path) as arrays:
                    [arrays[key] for key in arrays.files]
            elif name.endswith((".db", ".sqlite")):
                with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
                    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        except Exception as exc:  # noqa: BLE001 - any damage is the finding
            problems.append(f"unreadable {path.relative_to(folder)}: {exc!r}")
    return problems


def check_reopened(folder: Path, journal: Path) -> list[str]:
    """Open the folder as the next session would and compare each case with what the journal allows."""
    from annotations.workspace import Workspace
    from annotations.workspace.recovery import doc_fingerprint

    problems = check_files(folder, temps=False)  # the opening sweeps the snapshots' temp files
    allowed = allowed_states(journal)
    with Workspace.open(folder, reader="tester") as ws:
        if ws.read_only:
            problems.append(f"lock not taken over: {ws.read_only_reason}")
        for summary in ws.cases():
            try:
                fp = doc_fingerprint(ws.load_case(summary.case_id))
            except Exception as exc:  # noqa: BLE001
                problems.append(f"{summary.case_id} does not load: {exc!r}")
                continue
            if summary.case_id in allowed and fp not in allowed[summary.case_id]:
                problems.append(f"{summary.case_id}: state {fp} is not the last saved one or one after it")
        problems += [f"message: {m}" for m in ws.messages if "cannot be recovered" in m or "kept" in m]
    problems += check_files(folder)  # recovery's own writes, and temp files it should have swept
    return problems


COMMAND = """
import sys
from tests.power_cut_hook import install, steps
cut, _, only = sys.argv[1].partition(":")
install(int(cut), only)
from app.cli import main
code = main(sys.argv[2:])
print("steps", steps(), flush=True)
sys.exit(code)
"""


def command_cut(args: list[str], cut: int | str) -> tuple[int, str]:
    """``retina-review ARGS``, cut at step ``cut`` (0: never; "N:NAME": the N-th step on a path ending with NAME);
    its exit status and output."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), OMP_NUM_THREADS="1", RETINA_REVIEW_MODELS=str(ROOT / "no-models"))
    done = subprocess.run([sys.executable, "-c", COMMAND, str(cut), *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    return done.returncode, done.stdout + done.stderr


def export_cut(folder: Path, out: Path, cut: int | str) -> tuple[int, str]:
    """``export --format dataset --overwrite`` of ``folder`` to ``out``, cut at step ``cut`` (0: never)."""
    return command_cut(["export", str(folder), "--format", "dataset", "--out", str(out), "--overwrite"], cut)


def import_cut(folder: Path, labels: Path, cut: int) -> tuple[int, str]:
    """``import --format voc`` of ``labels`` into ``folder``, cut at step ``cut`` (0: never)."""
    return command_cut(["import", str(folder), "--from", str(labels), "--format", "voc"], cut)


def dialog_cut(folder: Path, settings: Path, mode: str, target: Path, formats: str, cut: int | str,
               replace: bool = False) -> tuple[int, str]:
    """The window's own Export (``mode`` "export": ``formats`` comma-separated, into ``target``, ``replace`` ticked)
    or Import dialog ("import": of ``target`` in the format ``formats``) on ``folder``, cut at step ``cut`` (0:
    never, as command_cut's); its exit status, and the dialog's summary where it lived to the end."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", OMP_NUM_THREADS="1",
               RETINA_REVIEW_PRELOAD="0", RETINA_REVIEW_MODELS=str(ROOT / "no-models"))
    done = subprocess.run([sys.executable, str(DIALOGS), str(folder), str(settings), mode, str(target), formats,
                           "1" if replace else "0", str(cut)], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    if done.returncode not in (0, -9):
        raise AssertionError(f"the dialog driver failed ({done.returncode}):\n{done.stderr[-3000:]}")
    summary = re.search(r"^SUMMARY<<(.*)>>$", done.stdout, re.M | re.S)
    return done.returncode, summary.group(1) if summary else ""


def digests(folder: Path) -> dict[str, str]:
    """Each file under ``folder`` (its path inside it) and its sha256: what a cut must leave as it was."""
    import hashlib

    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def check_imported(folder: Path, labels: Path) -> list[str]:
    """Each case holds all its imported boxes or none (a case is saved whole), and the folder opens writable."""
    from annotations.formats.voc import read_voc
    from annotations.workspace import Workspace

    problems = check_files(folder)
    with Workspace.open(folder, reader="tester") as ws:
        if ws.read_only:
            problems.append(f"lock not taken over: {ws.read_only_reason}")
        for summary in ws.cases():
            label_file = labels / f"{Path(summary.image_path).stem}.xml"
            boxes = [b.coords() for b in ws.load_case(summary.case_id).boxes]
            whole = [b.coords() for b in read_voc(label_file).boxes] if label_file.is_file() else []
            if boxes and sorted(boxes) != sorted(whole):
                problems.append(f"{summary.case_id}: {len(boxes)} of {len(whole)} boxes imported")
    return problems + check_files(folder)


def check_dataset(out: Path) -> list[str]:
    """A data set the export left is whole, or plainly unfinished: training takes one with its split lists for
    whole (inference.dataset.load_index), so those must come with every file they need."""
    from annotations.formats.dataset import SHARED_FILES

    problems = check_files(out)
    splits = [out / "splits" / f"{name}.txt" for name in ("train", "val", "test")]
    if all(path.is_file() for path in splits):
        problems += [f"listed as whole without {name}" for name in SHARED_FILES if not (out / name).is_file()]
        for path in splits:
            for name in path.read_text(encoding="utf-8").split():
                if not list((out / "images").glob(f"{name}.*")):
                    problems.append(f"{path.name} lists {name}, whose image is not there")
    return problems


def try_every_step(base: Path, seed: int, every: int = 1) -> tuple[int, list[str]]:
    """Cut the seed's run at every ``every``-th step of writing; the number of cuts and what went wrong."""
    import shutil

    folder, settings = make_folder(base / "clean")
    _, journal = drive(base, folder, settings, seed)
    problems = [f"no cut: {p}" for p in check_reopened(folder, journal)]
    steps = int(journal.with_suffix(".steps").read_text())
    tried = 0
    for cut in range(1, steps + 1, every):
        work = base / f"cut-{cut}"
        folder, settings = make_folder(work)
        code, journal = drive(work, folder, settings, seed, cut)
        tried += 1
        problems += [f"cut {cut}/{steps}: {p}" for p in check_reopened(folder, journal)]
        shutil.rmtree(work)
    return tried, problems


def try_every_export_step(folder: Path, base: Path, every: int = 1) -> tuple[int, list[str]]:
    """Export ``folder``'s data set, fresh and over an earlier export, cut at every ``every``-th step."""
    import shutil

    code, said = export_cut(folder, base / "whole", 0)
    assert code == 0, said
    steps = int(re.search(r"^steps (\d+)$", said, re.M).group(1))
    problems = [f"no cut: {p}" for p in check_dataset(base / "whole")]
    tried = 0
    for cut in range(1, steps + 1, every):
        for over_earlier in (True, False):  # an earlier export there (overwritten), or none
            out = base / f"export-{cut}"
            if over_earlier:
                shutil.copytree(base / "whole", out)
            export_cut(folder, out, cut)
            tried += 1
            problems += [f"export cut {cut}/{steps}{' over earlier' if over_earlier else ''}: {p}"
                         for p in check_dataset(out)]
            shutil.rmtree(out, ignore_errors=True)
    return tried, problems


def make_labels(folder: Path) -> Path:
    """labelImg files of two boxes for each photo in ``folder``, beside it."""
    from annotations.classes import LesionClass
    from annotations.document import Box
    from annotations.formats.voc import VocAnnotation, write_voc

    labels = folder.parent / "labels"
    for number, photo in enumerate(sorted(folder.glob("*.png"))):
        boxes = [Box(LesionClass.HE, 1 + number, 2, 9, 9), Box(LesionClass.EX, 10, 3 + number, 20, 12)]
        write_voc(labels / f"{photo.stem}.xml", VocAnnotation(photo.name, 32, 24, boxes=boxes))
    return labels


def try_every_import_step(base: Path, every: int = 1) -> tuple[int, list[str]]:
    """Import labelImg files into a fresh folder of the photos, cut at every ``every``-th step."""
    import shutil

    folder, _ = make_folder(base / "whole-import")
    labels = make_labels(folder)
    code, said = import_cut(folder, labels, 0)
    assert code == 0, said
    steps = int(re.search(r"^steps (\d+)$", said, re.M).group(1))
    problems = [f"no cut: {p}" for p in check_imported(folder, labels)]
    tried = 0
    for cut in range(1, steps + 1, every):
        folder, _ = make_folder(base / f"import-{cut}")  # the same photos
        import_cut(folder, labels, cut)
        tried += 1
        problems += [f"import cut {cut}/{steps}: {p}" for p in check_imported(folder, labels)]
        shutil.rmtree(base / f"import-{cut}")
    return tried, problems


def _main(seeds: list[int], every: int) -> None:
    import tempfile

    total = 0
    for seed in seeds:
        with tempfile.TemporaryDirectory() as tmp:
            base = Path(tmp)
            runs = [("window", lambda: try_every_step(base, seed, every))]
            if seed == seeds[0]:  # the commands on the folder its first run left
                runs += [("export", lambda: try_every_export_step(base / "clean" / "clinic", base, every)),
                         ("import", lambda: try_every_import_step(base, every))]
            for what, run in runs:
                tried, found = run()
                total += tried
                print(f"seed {seed}, {what}: {tried} cuts, {len(found)} problems", flush=True)
                for problem in found:
                    print("  ", problem, flush=True)
    print(f"{total} cut points tried")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    _main([int(arg) for arg in sys.argv[1:]], int(os.environ.get("EVERY", "1")))
