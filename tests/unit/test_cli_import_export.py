"""`retina-review import` / `export` end to end, through app.cli.main as a person would run them."""
from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.classes import LesionClass
from annotations.document import ReaderGrade, ReviewState
from annotations.formats import coco, grades_csv, masks, voc
from annotations.formats.label_map import IDRID_CODRAS_LABEL_MAP
from annotations.workspace import Workspace
from annotations.workspace.transfer import EXPORT_FORMATS, HOLDS_BOXES, HOLDS_PIXELS
from annotations.workspace.transfer_texts import format_name
from app.cli import main
from app.progress_bar import TextProgressBar

LABEL_MAP = "hard_exudates=EX,haemorrhage=HE,optic_disc=OD"
BOXES = {  # image -> (name, xmin, ymin, xmax, ymax)
    "p1.png": [("hard_exudates", 2, 3, 10, 12), ("optic_disc", 20, 5, 30, 15)],
    "p2.png": [("haemorrhage", 1, 1, 6, 6), ("cotton_wool", 8, 8, 9, 9)],
}


@pytest.fixture
def labelled(tmp_path: Path) -> tuple[Path, Path]:
    """A folder of three images and a VOC folder (labelImg style) for two of them."""
    images, voc_dir = tmp_path / "images", tmp_path / "voc"
    images.mkdir()
    voc_dir.mkdir()
    for name in ("p1.png", "p2.png", "p3.png"):
        Image.fromarray(np.full((24, 40, 3), 80, np.uint8)).save(images / name)
    for name, objects in BOXES.items():
        xml = "".join(f"<object><name>{label}</name><bndbox><xmin>{x0}</xmin><ymin>{y0}</ymin><xmax>{x1}</xmax>"
                      f"<ymax>{y1}</ymax></bndbox></object>" for label, x0, y0, x1, y1 in objects)
        (voc_dir / name.replace(".png", ".xml")).write_text(
            f"<annotation><filename>{name}</filename><size><width>40</width><height>24</height>"
            f"<depth>3</depth></size>{xml}</annotation>")
    return images, voc_dir


def boxes_by_image(folder: Path) -> dict[str, list[tuple]]:
    with Workspace.open(folder) as ws:
        return {c.image_path: [(b.label, *b.coords()) for b in ws.load_case(c.case_id).boxes]
                for c in ws.cases() if c.saved}


def test_import_voc_with_label_map(labelled, capsys) -> None:
    images, voc_dir = labelled
    assert main(["import", str(images), "--from", str(voc_dir), "--format", "voc", "--label-map", LABEL_MAP]) == 0
    out = capsys.readouterr().out
    assert "Imported 2 case(s)" in out and "cotton_wool" in out
    assert boxes_by_image(images) == {"p1.png": [(LesionClass.EX, 2, 3, 10, 12), (LesionClass.OD, 20, 5, 30, 15)],
                                      "p2.png": [(LesionClass.HE, 1, 1, 6, 6)]}
    # importing again replaces the earlier import instead of doubling it
    assert main(["import", str(images), "--from", str(voc_dir), "--format", "voc", "--label-map", LABEL_MAP]) == 0
    assert len(boxes_by_image(images)["p1.png"]) == 2


def test_export_in_every_format(labelled, tmp_path: Path, capsys) -> None:
    images, voc_dir = labelled
    assert main(["import", str(images), "--from", str(voc_dir), "--format", "voc", "--label-map", LABEL_MAP]) == 0
    with Workspace.open(images) as ws:
        doc = ws.load_case(ws.cases()[0].case_id)
        doc.mask[5:9, 4:8] = LesionClass.EX.bit
        doc.grade = ReaderGrade(dr_grade=2, dme_risk=1)
        ws.save_case(doc)
    capsys.readouterr()
    exports = tmp_path / "exports"  # not exports / "voc": that holds the imported files, which export never replaces
    for fmt in EXPORT_FORMATS:
        assert main(["export", str(images), "--format", fmt, "--out", str(exports / fmt)]) == 0, fmt
        out = capsys.readouterr().out
        assert f"Exported 2 case(s) as {format_name(fmt)} to {exports / fmt}" in out  # as the window says it
        if fmt == "csv":  # grades only: no lesion table (a table counted boxes and pixels no format wrote)
            assert "Lesion" not in out
            continue
        rows = out[out.index("Lesion"):].splitlines()
        assert rows[0].split("   ") == ["Lesion", "Boxes", "Labelled pixels"]  # the columns padded alike
        written = ["1" if fmt in HOLDS_BOXES else "0", "16" if fmt in HOLDS_PIXELS else "0"]
        assert next(row for row in rows if row.startswith("EX")).split() == ["EX", *written], fmt
    exported = voc.read_voc(exports / "voc" / "p1.xml")
    assert [(b.label, *b.coords()) for b in exported.boxes] == [(LesionClass.EX, 2, 3, 10, 12),
                                                                (LesionClass.OD, 20, 5, 30, 15)]
    np.testing.assert_array_equal(masks.read_class_masks(exports / "masks", "p1", (24, 40)), doc.mask)
    np.testing.assert_array_equal(masks.read_indexed_png(exports / "indexed" / "p1.png"), doc.mask)
    from_coco = coco.import_coco(exports / "coco" / "annotations.json")
    assert len(from_coco["p1.png"][0]) == 2 and len(from_coco["p2.png"][0]) == 1
    grades = grades_csv.read_grades_csv(exports / "csv" / "grades.csv")
    assert grades["p1"].dr_grade == 2 and grades["p2"].dr_grade is None
    dataset = exports / "dataset"
    assert sorted(p.name for p in (dataset / "images").iterdir()) == ["p1.png", "p2.png"]
    split_members = [line for f in (dataset / "splits").iterdir() for line in f.read_text().split()]
    assert sorted(split_members) == ["p1", "p2"]


def test_export_voc_can_write_the_imported_names_back(labelled, tmp_path: Path) -> None:
    images, voc_dir = labelled
    main(["import", str(images), "--from", str(voc_dir), "--format", "voc", "--label-map", LABEL_MAP])
    assert main(["export", str(images), "--format", "voc", "--out", str(tmp_path / "out"),
                 "--label-map", LABEL_MAP]) == 0
    assert "<name>hard_exudates</name>" in (tmp_path / "out" / "p1.xml").read_text()


def test_import_per_class_masks(labelled, tmp_path: Path, capsys) -> None:
    images, _ = labelled
    mask_dir = tmp_path / "masks"
    bits = np.zeros((24, 40), np.uint8)
    bits[2:5, 2:5] = LesionClass.MA.bit
    bits[3:10, 3:10] |= LesionClass.HE.bit
    masks.write_class_masks(mask_dir, "p3", bits, ext=".tif")
    assert main(["import", str(images), "--from", str(mask_dir), "--format", "masks"]) == 0
    assert "Imported 1 case(s)" in capsys.readouterr().out
    with Workspace.open(images) as ws:
        case = next(c for c in ws.cases() if c.image_path == "p3.png")
        np.testing.assert_array_equal(ws.load_case(case.case_id).mask, bits)


def test_import_into_a_workspace_open_elsewhere_fails_clearly(labelled, capsys) -> None:
    """Refused in one line naming the folder, with why it is read-only said once (it was printed before the refusal,
    and again inside it)."""
    images, voc_dir = labelled
    with Workspace.open(images):
        assert main(["import", str(images), "--from", str(voc_dir), "--format", "voc"]) == 2
    err = capsys.readouterr().err
    assert f"{images} is open read-only; nothing was imported" in err
    assert err.count("open in another RetinaReview") == 1 and err.count("\n") == 1, err
    assert boxes_by_image(images) == {}


def test_an_export_from_a_workspace_open_elsewhere_goes_through_without_read_only_alarms(labelled, tmp_path: Path,
                                                                                         capsys) -> None:
    """It printed "opened read-only … delete the lock and open the folder again" about a store it only reads."""
    images, voc_dir = labelled
    assert main(["import", str(images), "--from", str(voc_dir), "--format", "voc", "--label-map", LABEL_MAP]) == 0
    capsys.readouterr()
    with Workspace.open(images):
        assert main(["export", str(images), "--format", "voc", "--out", str(tmp_path / "out")]) == 0
    said = capsys.readouterr()
    assert "read-only" not in said.err and "Exported 2 case(s)" in said.out


def test_bad_arguments_give_clear_errors(labelled, tmp_path: Path, capsys) -> None:
    images, voc_dir = labelled
    assert main(["import", str(images), "--from", str(voc_dir), "--format", "voc", "--label-map", "foo"]) == 2
    assert "name=CLASS" in capsys.readouterr().err
    assert main(["import", str(images), "--from", str(tmp_path / "nope"), "--format", "voc"]) == 2
    assert "folder not found" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "missing"), "--format", "voc", "--out", str(tmp_path / "o")]) == 2
    assert "folder not found" in capsys.readouterr().err


@pytest.mark.parametrize("reader", ["", "all"])
def test_exporting_a_folder_never_opened_writes_nothing_into_it(labelled, tmp_path: Path, capsys,
                                                                 reader: str) -> None:
    """Opening the workspace to find it empty made its .retinareview folder: a write into the person's photos."""
    images, _ = labelled
    assert main(["export", str(images), "--format", "voc", "--out", str(tmp_path / "o"), "--reader", reader]) == 2
    assert "never opened in RetinaReview" in capsys.readouterr().err
    assert not (images / ".retinareview").exists() and not (tmp_path / "o").exists()


def test_progress_bar_logs_every_tenth_when_not_a_terminal(tmp_path: Path) -> None:
    with open(tmp_path / "log.txt", "w") as stream:
        bar = TextProgressBar("export", stream=stream, width=10)
        for step in range(101):
            bar.progress(step / 100, f"case {step}")
        bar.finish()
    lines = (tmp_path / "log.txt").read_text().splitlines()
    assert len(lines) == 11
    assert lines[5] == "export [#####-----]  50% case 50"


def test_import_real_codras_voc(shared_data: Path, tmp_path: Path, capsys) -> None:
    source = shared_data / "codras-idrid"
    images = tmp_path / "images"
    images.mkdir()
    picked = sorted((source / "images").glob("*.jpg"))[:5]
    for path in picked:
        shutil.copy(path, images / path.name)
    assert main(["import", str(images), "--from", str(source / "voc"), "--format", "voc",
                 "--label-map", IDRID_CODRAS_LABEL_MAP]) == 0
    out = capsys.readouterr().out
    assert "Imported 5 case(s)" in out and "label map does not name" not in out
    imported = boxes_by_image(images)
    for path in picked:
        xml = (source / "voc" / f"{path.stem}.xml").read_text()
        assert len(imported[path.name]) == xml.count("<object>")
        assert sum(b[0] is LesionClass.EX for b in imported[path.name]) == xml.count("<name>hard_exudates<")
        assert sum(b[0] is LesionClass.OD for b in imported[path.name]) == 1
    assert not (source / "images" / ".retinareview").exists()


@pytest.mark.parametrize("command", ["export", "import"])
def test_the_format_option_names_each_format_as_the_window_does(command: str, capsys) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    help_text = "".join(capsys.readouterr().out.split())  # argparse wraps it anywhere, "per-" included
    assert "--formatFORMATwhat" in help_text and "voc(PascalVOC),masks(per-classmasks)" in help_text
    with pytest.raises(SystemExit):
        main([command, "folder", "--format", "xml", "--out", "o", "--from", "f"])
    assert "invalid choice: 'xml' (choose from" in capsys.readouterr().err


def test_an_indexed_export_counts_what_it_wrote_and_says_what_overlaps_lost(labelled, tmp_path: Path) -> None:
    """Where HE and EX were painted on the same pixels, the indexed PNG holds HE alone: its summary counted both,
    and said nothing of the pixels EX lost."""
    from annotations.workspace.transfer import export_labels

    images, _ = labelled
    with Workspace.open(images) as ws:
        doc = ws.load_case(ws.cases()[0].case_id)
        doc.mask[2:6, 2:6] = LesionClass.HE.bit
        doc.mask[4:8, 4:8] |= LesionClass.EX.bit  # 4 of its 16 pixels over HE
        ws.save_case(doc)
        indexed = export_labels(ws, "indexed", tmp_path / "indexed")
        kept = export_labels(ws, "masks", tmp_path / "masks")
    assert (indexed.pixels[LesionClass.HE], indexed.pixels[LesionClass.EX]) == (16, 12)
    lost = "4 pixel(s) painted with two or more classes were written as one"
    assert any(warning.startswith(lost) for warning in indexed.warnings)
    assert (kept.pixels[LesionClass.HE], kept.pixels[LesionClass.EX]) == (16, 16) and not kept.warnings


def test_a_masks_export_writes_no_mask_for_a_class_known_only_by_its_boxes(labelled, tmp_path: Path,
                                                                             capsys) -> None:
    """p2's haemorrhage is boxed, not painted: the export wrote an empty p2_HE.png, saying "no haemorrhage" where
    the box says there is one. It now writes none for it (as the training data set does, whose reader then learns
    the class from its boxes), says so, and a re-import of the masks with the VOC export gives each case back the
    classes known by boxes alone that it had."""
    from annotations.formats.dataset import boxed_only_classes

    images, voc_dir = labelled
    main(["import", str(images), "--from", str(voc_dir), "--format", "voc", "--label-map", LABEL_MAP])
    with Workspace.open(images) as ws:
        doc = ws.load_case(next(c.case_id for c in ws.cases() if c.image_path == "p1.png"))
        doc.mask[5:9, 4:8] = LesionClass.EX.bit  # p1: EX boxed and painted, OD boxed (not a lesion class)
        ws.save_case(doc)
    capsys.readouterr()
    out = tmp_path / "out"
    for fmt in ("masks", "voc"):
        assert main(["export", str(images), "--format", fmt, "--out", str(out / fmt)]) == 0
        printed = capsys.readouterr().out
        said = "1 case(s) have a lesion class boxed but not painted, e.g. p2 (HE): no mask file was written"
        assert (said in printed) == (fmt == "masks")
    assert sorted(p.name for p in (out / "masks").iterdir() if p.name.startswith("p2")) == [
        "p2_EX.png", "p2_MA.png", "p2_SE.png"]  # the classes neither boxed nor painted: empty files, "none"
    assert sorted(p.name for p in (out / "masks").iterdir() if p.name.startswith("p1")) == [
        "p1_EX.png", "p1_HE.png", "p1_MA.png", "p1_SE.png"]

    again = tmp_path / "again"  # the photos alone, the two exports imported into them
    again.mkdir()
    for name in ("p1.png", "p2.png"):
        shutil.copy(images / name, again / name)
    for fmt in ("masks", "voc"):
        assert main(["import", str(again), "--from", str(out / fmt), "--format", fmt]) == 0

    def by_image(folder: Path) -> dict[str, tuple[frozenset, bytes]]:
        with Workspace.open(folder) as ws:
            docs = [ws.load_case(c.case_id) for c in ws.cases() if c.saved]
            return {d.image_path: (boxed_only_classes(d.mask, d.boxes), d.mask.tobytes()) for d in docs}

    original, imported = by_image(images), by_image(again)
    assert imported == {name: original[name] for name in ("p1.png", "p2.png")}
    assert imported["p2.png"][0] == {LesionClass.HE}


def test_export_done_writes_only_the_cases_marked_done(labelled, tmp_path: Path, capsys) -> None:
    """`export --done`, as the dialog's "Done cases only": a training set of the finished cases, scripted."""
    images, voc_dir = labelled
    assert main(["import", str(images), "--from", str(voc_dir), "--format", "voc", "--label-map", LABEL_MAP]) == 0
    with Workspace.open(images) as ws:
        doc = ws.load_case(next(c.case_id for c in ws.cases() if c.image_path == "p2.png"))
        doc.review_state = ReviewState.DONE
        ws.save_case(doc)
    capsys.readouterr()
    assert main(["export", str(images), "--format", "voc", "--done", "--out", str(tmp_path / "done")]) == 0
    assert "Exported 1 case(s)" in capsys.readouterr().out
    assert sorted(p.name for p in (tmp_path / "done").glob("*.xml")) == ["p2.xml"]
    assert main(["export", str(images), "--format", "voc", "--out", str(tmp_path / "all")]) == 0
    assert sorted(p.name for p in (tmp_path / "all").glob("*.xml")) == ["p1.xml", "p2.xml"]
