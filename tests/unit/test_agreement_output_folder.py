"""`agreement --out DIR` claims DIR as the exports and analyze claim theirs (annotations.output_folder): a person's
file is replaced only when asked, an earlier run's file edited since is kept beside and named, and the confusion
pictures never land among the compared folder's photos, where they would be listed as cases."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotations.output_folder import MANIFEST, OUTPUTS_MARKER
from annotations.reading.grades_by_reader import write_grades_by_reader
from annotations.reading.readers import open_reader
from annotations.workspace import Workspace
from app.cli import main
from tests.unit.reading_fixtures import image_folder, read_case
from tests.unit.test_kept_aside_write_fails import fail_writing

PICTURES = ["dme_anna_vs_ben.png", "grades_anna_vs_ben.png"]


def _two_readers(root: Path) -> Path:
    folder = image_folder(root / "photos", count=2)
    for name, grades in (("Anna", (2, 0)), ("Ben", (2, 1))):
        with open_reader(folder, name) as ws:
            for index, grade in enumerate(grades):
                read_case(ws, index, grade=grade)
    return folder


def _agreement(folder: Path, out: Path, *more: str) -> int:
    return main(["agreement", str(folder), "--readers", "Anna,Ben", "--out", str(out), *more])


def _listed(folder: Path) -> list[str]:
    with Workspace.open(folder) as ws:
        return sorted(case.image_path for case in ws.cases())


def test_an_earlier_runs_file_edited_since_is_kept_beside_and_named(tmp_path: Path, capsys) -> None:
    folder, out = _two_readers(tmp_path), tmp_path / "out"
    assert _agreement(folder, out) == 0
    (out / "agreement.json").write_text('{"note": "the audit committee\'s remarks"}', encoding="utf-8")
    assert _agreement(folder, out, "--overwrite") == 0
    (kept,) = out.glob("agreement.json.edited-*")
    assert kept.read_text(encoding="utf-8") == '{"note": "the audit committee\'s remarks"}'
    assert json.loads((out / "agreement.json").read_text(encoding="utf-8"))["readers"] == ["Anna", "Ben"]
    assert f"kept 1 file(s) changed since an earlier run wrote them, renamed beside the ones written now, e.g. " \
           f"agreement.json as {kept.name}" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["agreement.json", "grades_anna_vs_ben.png"])
def test_a_file_no_run_wrote_is_refused_unasked_and_replaced_when_asked(tmp_path: Path, name: str) -> None:
    folder, out = _two_readers(tmp_path), tmp_path / "out"
    out.mkdir()
    (out / name).write_bytes(b"the person's own")
    assert _agreement(folder, out) == 2
    assert sorted(p.name for p in out.iterdir()) == [name] and (out / name).read_bytes() == b"the person's own"
    if name.endswith(".png"):  # a picture the program did not write is a person's: never replaced, even asked
        assert _agreement(folder, out, "--overwrite") == 2 and (out / name).read_bytes() == b"the person's own"
        return
    assert _agreement(folder, out, "--overwrite") == 0  # asked: replaced, as an export's --overwrite does
    assert not list(out.glob("*.edited-*")) and (out / name).read_bytes() != b"the person's own"


@pytest.mark.parametrize("inside", ["", "notes"])
def test_pictures_are_refused_in_the_compared_folder_or_a_folder_of_it_holding_files(
        tmp_path: Path, inside: str, capsys) -> None:
    folder = _two_readers(tmp_path)
    out = folder / inside
    (out / "own.txt").parent.mkdir(exist_ok=True)
    (out / "own.txt").write_text("a person's file")
    before = sorted(p.name for p in out.iterdir())
    assert _agreement(folder, out, "--overwrite") == 2
    assert "images written here would be listed as cases" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == before  # nothing written, not even agreement.json
    assert _listed(folder) == ["img0.png", "img1.png"]


def test_a_new_folder_inside_the_compared_folder_holds_the_outputs_and_lists_no_case(tmp_path: Path) -> None:
    folder = _two_readers(tmp_path)
    out = folder / "agreement"
    assert _agreement(folder, out) == 0
    assert (out / OUTPUTS_MARKER).is_file() and sorted(p.name for p in out.glob("*.png")) == PICTURES
    assert _listed(folder) == ["img0.png", "img1.png"]


def _three_readers(root: Path) -> Path:
    folder = _two_readers(root)
    with open_reader(folder, "Cara") as ws:
        for index, grade in enumerate((3, 0)):
            read_case(ws, index, grade=grade)
    return folder


def test_an_earlier_runs_pictures_of_pairs_no_longer_compared_are_removed_an_edited_one_kept_and_named(
        tmp_path: Path, capsys) -> None:
    folder, out = _three_readers(tmp_path), tmp_path / "out"
    assert main(["agreement", str(folder), "--readers", "Anna,Ben,Cara", "--out", str(out)]) == 0
    assert write_grades_by_reader(folder, out).written  # another kind of run's file in the same folder
    (out / "notes.txt").write_text("a person's file")
    (out / "dme_ben_vs_cara.png").write_bytes(b"circled by the audit committee")
    capsys.readouterr()
    assert _agreement(folder, out, "--overwrite") == 0  # Cara's pairs are no longer compared
    assert sorted(p.name for p in out.glob("*.png")) == sorted(["dme_ben_vs_cara.png", *PICTURES])
    assert (out / "dme_ben_vs_cara.png").read_bytes() == b"circled by the audit committee"
    assert (out / "grades_by_reader.csv").is_file() and (out / "notes.txt").read_text() == "a person's file"
    err = capsys.readouterr().err
    assert "removed 3 file(s) an earlier run wrote that this one no longer writes, e.g. dme_anna_vs_cara.png" in err
    assert "kept 1 file(s) an earlier run wrote that this one no longer writes, e.g. dme_ben_vs_cara.png" in err


def test_a_sweep_is_only_of_a_run_asked_to_replace(tmp_path: Path) -> None:
    folder, out = _three_readers(tmp_path), tmp_path / "out"
    assert main(["agreement", str(folder), "--readers", "Anna,Ben,Cara", "--out", str(out)]) == 0
    for name in ["agreement.json", *PICTURES]:  # nothing in the way of a run not asked to replace
        (out / name).unlink()
    assert _agreement(folder, out) == 0
    assert len(list(out.glob("*.png"))) == 6  # it removes nothing either


def test_pictures_an_earlier_version_listed_without_the_run_that_wrote_them_stay(tmp_path: Path) -> None:
    folder, out = _three_readers(tmp_path), tmp_path / "out"
    assert main(["agreement", str(folder), "--readers", "Anna,Ben,Cara", "--out", str(out)]) == 0
    manifest = out / MANIFEST  # as a version before jobs were recorded wrote it: {name: sha256}
    manifest.write_text(json.dumps({name: entry["sha256"] for name, entry in json.loads(manifest.read_text()).items()}))
    assert _agreement(folder, out, "--overwrite") == 0
    assert len(list(out.glob("*.png"))) == 6  # not provably an agreement run's: another command may have written them


@pytest.mark.parametrize("stop", [OSError(28, "No space left on device"), KeyboardInterrupt()],
                         ids=["full disk", "Ctrl-C"])
def test_a_run_stopped_after_keeping_an_edited_file_aside_still_names_it(tmp_path: Path, stop: BaseException,
                                                                         capsys, monkeypatch: pytest.MonkeyPatch
                                                                         ) -> None:
    """agreement.json, annotated since, is kept aside and written anew; then a picture cannot be written (a full
    disk) or the run is stopped: the error alone left the kept file unsaid (write_report's folder, built inside it,
    never reached the command)."""
    folder, out = _two_readers(tmp_path), tmp_path / "out"
    assert _agreement(folder, out) == 0
    (out / "agreement.json").write_text('{"note": "the audit committee\'s remarks"}', encoding="utf-8")
    fail_writing(monkeypatch, PICTURES[0], stop)
    capsys.readouterr()
    assert _agreement(folder, out, "--overwrite") == (2 if isinstance(stop, OSError) else 130)
    (kept,) = out.glob("agreement.json.edited-*")
    said = capsys.readouterr().err
    assert (f"{PICTURES[0]}: cannot be written (the disk is full)" if isinstance(stop, OSError) else "interrupted") \
        in said
    assert f"e.g. agreement.json as {kept.name}" in said
