"""`import --reader` and `export --reader NAME|consensus|all`, and an old folder exporting as before."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from annotations.classes import LesionClass
from annotations.formats import grades_csv
from annotations.reading.consensus import consensus_record
from annotations.reading.grades_by_reader import grades_by_reader_text
from annotations.reading.readers import load_readings, open_reader, reader_id
from annotations.reading.settings import ReadingMode, ReadingSettings, load_settings, save_settings
from annotations.workspace import Workspace
from annotations.store_folder import SIDECAR_NAME
from app.cli import main
from tests.unit.reading_fixtures import case_of, image_folder, read_case


def write_voc(folder: Path, stem: str, label: str, box: tuple[int, int, int, int]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{stem}.xml").write_text(
        f"<annotation><filename>{stem}.png</filename><size><width>32</width><height>24</height><depth>3</depth>"
        f"</size><object><name>{label}</name><bndbox><xmin>{box[0]}</xmin><ymin>{box[1]}</ymin>"
        f"<xmax>{box[2]}</xmax><ymax>{box[3]}</ymax></bndbox></object></annotation>")


def test_import_with_reader_fills_that_readers_store_only(tmp_path: Path, capsys) -> None:
    folder = image_folder(tmp_path / "f")
    write_voc(tmp_path / "anna", "img0", "EX", (1, 1, 8, 8))
    write_voc(tmp_path / "ben", "img0", "EX", (2, 1, 9, 8))
    for reader in ("Anna", "Ben"):
        source = tmp_path / reader.lower()
        assert main(["import", str(folder), "--from", str(source), "--format", "voc", "--reader", reader]) == 0
    readings = {r.reader: r.doc for r in load_readings(folder, case_of(0))}
    assert [b.coords() for b in readings["Anna"].boxes] == [(1, 1, 8, 8)]
    assert [b.coords() for b in readings["Ben"].boxes] == [(2, 1, 9, 8)]
    assert not (folder / SIDECAR_NAME / "cases" / case_of(0)).exists()  # the main labels are untouched
    with open_reader(folder, "Anna") as ws:
        assert {e.actor for e in ws.audit_log()} == {"Anna"}
    capsys.readouterr()
    assert main(["agreement", str(folder), "--readers", "Anna,Ben"]) == 0
    assert "EX Dice   -   F1 1.000" in capsys.readouterr().out  # IoU 56/72 = 0.78: one match


def test_export_per_reader_consensus_and_all(tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=2)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 0, grade=2)
        read_case(anna, 1, grade=1)
    with open_reader(folder, "=Ben") as ben:  # a name a spreadsheet would run as a formula
        read_case(ben, 0, grade=2)  # agrees
        read_case(ben, 1, grade=4)  # needs arbitration: no consensus yet
    out = tmp_path / "out"
    assert main(["export", str(folder), "--format", "csv", "--out", str(out / "ben"), "--reader", "=Ben"]) == 0
    assert {k: v.dr_grade for k, v in grades_csv.read_grades_csv(out / "ben" / "grades.csv").items()} == \
        {"img0": 2, "img1": 4}
    assert main(["export", str(folder), "--format", "csv", "--out", str(out / "c"), "--reader", "consensus"]) == 0
    assert {k: v.dr_grade for k, v in grades_csv.read_grades_csv(out / "c" / "grades.csv").items()} == {"img0": 2}
    assert consensus_record(folder, case_of(0))["method"] == "agreed"
    assert main(["export", str(folder), "--format", "masks", "--out", str(out / "all"), "--reader", "all"]) == 0
    assert sorted(p.name for p in (out / "all").iterdir()) == sorted(["anna", reader_id("=Ben"), "consensus"])
    assert (out / "all" / "anna" / f"img1_{LesionClass.EX.name}.png").is_file()
    assert main(["export", str(folder), "--format", "csv", "--out", str(out / "csv"), "--reader", "all"]) == 0
    with open(out / "csv" / "grades_by_reader.csv", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    notes = out / "mine" / "grades_by_reader.csv"
    notes.parent.mkdir()
    notes.write_text("the person's own notes")  # a file this program did not write
    assert main(["export", str(folder), "--format", "csv", "--out", str(notes.parent), "--reader", "all"]) == 2
    assert notes.read_text() == "the person's own notes" and (notes.parent / "anna" / "grades.csv").is_file()
    assert main(["export", str(folder), "--format", "csv", "--out", str(notes.parent), "--reader", "all",
                 "--overwrite"]) == 0
    assert notes.read_text(encoding="utf-8").startswith("Image path,")
    assert [row[:4] for row in rows] == [["Image path", "'=Ben", "Anna", "consensus"], ["img0.png", "2", "2", "2"],
                                         ["img1.png", "4", "1", ""]]
    assert rows[0][4:] == ["'=Ben DME risk", "Anna DME risk", "consensus DME risk", "consensus source",
                           "consensus arbiter"]


def test_grades_by_reader_leaves_a_draft_out_in_double_reading(tmp_path: Path) -> None:
    """Ben's unsubmitted 2 beside Anna's 2 and an empty consensus read as an agreed case."""
    folder = image_folder(tmp_path / "f", count=1)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 0, grade=2)
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 0, grade=2, submit=False)
    assert main(["export", str(folder), "--format", "csv", "--out", str(tmp_path / "csv"), "--reader", "all"]) == 0
    with open(tmp_path / "csv" / "grades_by_reader.csv", encoding="utf-8") as handle:
        assert [row[:4] for row in csv.reader(handle)] == [["Image path", "Anna", "Ben", "consensus"],
                                                           ["img0.png", "2", "", ""]]


def test_an_export_of_a_reader_the_folder_does_not_have_is_refused(tmp_path: Path, capsys) -> None:
    """A mistyped --reader exported nothing, exited 0, and left a new, empty reader who then showed in every
    agreement and in --reader all."""
    folder = image_folder(tmp_path / "f")
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 0, grade=2)
    capsys.readouterr()
    assert main(["export", str(folder), "--format", "csv", "--out", str(tmp_path / "out"), "--reader", "Ana"]) == 2
    assert "has no reader 'Ana' (its readers: 'Anna'); name one of them, consensus or all" in capsys.readouterr().err
    assert sorted(path.name for path in (folder / SIDECAR_NAME / "readers").iterdir()) == [reader_id("Anna")]
    assert not (tmp_path / "out").exists()
    assert main(["export", str(folder), "--format", "csv", "--out", str(tmp_path / "out"), "--reader", "anna"]) == 0


def test_old_single_reader_workspace_exports_as_before(tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f")
    with Workspace.open(folder, reader="dr-old") as ws:
        read_case(ws, 0, grade=3)
        read_case(ws, 2, grade=0)
    out = tmp_path / "out"
    for reader_args, target in (([], "plain"), (["--reader", "consensus"], "consensus"),
                                (["--reader", "reader 1"], "reader1")):
        assert main(["export", str(folder), "--format", "csv", "--out", str(out / target), *reader_args]) == 0
    texts = {t: (out / t / "grades.csv").read_text(encoding="utf-8") for t in ("plain", "consensus", "reader1")}
    assert texts["plain"] == texts["consensus"] == texts["reader1"]
    assert {k: v.dr_grade for k, v in grades_csv.read_grades_csv(out / "plain" / "grades.csv").items()} == \
        {"img0": 3, "img2": 0}
    assert not (folder / SIDECAR_NAME / "readers").exists() and not (folder / SIDECAR_NAME / "consensus").exists()


def test_reading_command_switches_the_mode_and_lists_cases_needing_arbitration(tmp_path: Path, capsys) -> None:
    folder = image_folder(tmp_path / "f", count=2)
    assert main(["reading", str(folder)]) == 0
    assert "single reading, blind AI off, threshold 0.5" in capsys.readouterr().out
    assert main(["reading", str(folder), "--mode", "double", "--blind-ai", "--threshold", "0.7",
                 "--arbiters", "Dr A, Dr B"]) == 0
    assert "cases read so far: none yet" in capsys.readouterr().out  # not a bare "cases read so far: "
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 0, grade=2)
        read_case(anna, 1, grade=2)
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 0, grade=3)
    capsys.readouterr()
    assert main(["reading", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "double reading, blind AI on, threshold 0.7" in out and "readers: Anna, Ben; arbiters: Dr A, Dr B" in out
    assert "1 needs reader 2, 1 needs arbitration" in out and "  needs arbitration: 'img0.png'\n" in out
    assert case_of(0) not in out  # the case is named by its image, not by its id
    assert main(["reading", str(folder), "--threshold", "2"]) == 2


def test_reading_command_with_a_mode_replaces_damaged_settings_keeping_them_aside(tmp_path: Path, capsys) -> None:
    """The damaged-file message sends people to `reading FOLDER --mode double --arbiters NAMES`, which refused while
    the file was damaged: the only cure was by hand. Now it keeps the damaged file aside, says so, and sets the
    folder anew; the readers' stores are not touched. Without --mode it still refuses (the mode decides whose
    store each person reads in)."""
    folder = image_folder(tmp_path / "f", count=2)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("Chief",)))
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 0, grade=2)
    readers = folder / SIDECAR_NAME / "readers"
    stores_before = {path: path.read_bytes() for path in readers.rglob("*") if path.is_file()}
    settings_file = folder / SIDECAR_NAME / "reading.json"
    settings_file.write_text("{broken", encoding="utf-8")
    capsys.readouterr()
    assert main(["reading", str(folder), "--threshold", "0.6"]) == 2
    assert settings_file.read_text(encoding="utf-8") == "{broken"
    assert "--mode double --arbiters NAMES keeps the damaged file aside" in capsys.readouterr().err
    assert main(["reading", str(folder), "--mode", "double", "--arbiters", "Chief"]) == 0
    out = capsys.readouterr().out
    kept = [path for path in settings_file.parent.iterdir() if path.name.startswith("reading.json.damaged-")]
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == "{broken"
    assert f"{settings_file} could not be read: kept aside as {kept[0].name}" in out
    assert "double reading, blind AI off" in out and "readers: Anna; arbiters: Chief" in out
    assert load_settings(folder) == ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("Chief",))
    assert {path: path.read_bytes() for path in readers.rglob("*") if path.is_file()} == stores_before
    assert main(["reading", str(folder), "--mode", "double"]) == 0  # readable now: nothing more set aside
    assert "kept aside" not in capsys.readouterr().out and len(list(settings_file.parent.glob("*.damaged-*"))) == 1


def test_a_consensus_export_leaves_out_an_agreement_the_readers_dispute_since(tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=2)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    for name in ("Anna", "Ben"):
        with open_reader(folder, name) as reader:
            read_case(reader, 0, grade=2)
            read_case(reader, 1, grade=1)
    out = tmp_path / "out"
    assert main(["export", str(folder), "--format", "csv", "--out", str(out / "first"), "--reader", "consensus"]) == 0
    assert set(grades_csv.read_grades_csv(out / "first" / "grades.csv")) == {"img0", "img1"}  # both stored
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 0, grade=4)  # Ben revises case 0: the stored agreement no longer stands
    assert main(["export", str(folder), "--format", "csv", "--out", str(out / "then"), "--reader", "consensus"]) == 0
    assert set(grades_csv.read_grades_csv(out / "then" / "grades.csv")) == {"img1"}


def test_grades_by_reader_gives_the_grades_first_submitted_and_each_dme_risk(tmp_path: Path) -> None:
    """The file held a grade revised after the readers' agreement was measured (recomputed κ differed from
    `agreement`'s), and no DME risk: a dispute over DME alone, and its arbitration, could not be seen in it."""
    folder = image_folder(tmp_path / "f", count=1)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 0, grade=2, dme=1)
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 0, grade=2, dme=2)
        doc = ben.load_case(case_of(0))
        doc.grade.dr_grade = 3  # revised after submitting
        ben.save_case(doc)
    rows = list(csv.reader(io.StringIO(grades_by_reader_text(folder))))
    assert rows == [["Image path", "Anna", "Ben", "consensus", "Anna DME risk", "Ben DME risk", "consensus DME risk",
                     "consensus source", "consensus arbiter"],
                    ["img0.png", "2", "2", "", "1", "2", "", "none", ""]]


def test_export_of_every_reader_names_the_reader_of_each_folder(tmp_path: Path, capsys) -> None:
    """A Chinese-named reader's labels go to a folder named by an id (reader-87b7ac6f); the summary said only that
    folder, and only the progress on stderr named the reader."""
    folder = image_folder(tmp_path / "f", count=1)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    for name in ("张医生", "Ben"):
        with open_reader(folder, name) as ws:
            read_case(ws, 0, grade=2)
    capsys.readouterr()
    assert main(["export", str(folder), "--format", "masks", "--out", str(tmp_path / "all"), "--reader", "all"]) == 0
    lines = capsys.readouterr().out.splitlines()
    headings = {lines[index - 1]: line.split(" to ")[1].split(";")[0] for index, line in enumerate(lines)
                if line.startswith("Exported ")}
    assert headings == {"Reader Ben:": str(tmp_path / "all" / "ben"),
                        "Reader 张医生:": str(tmp_path / "all" / reader_id("张医生")),
                        "Consensus:": str(tmp_path / "all" / "consensus")}
