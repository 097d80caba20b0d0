"""Hostile and unlucky outputs (issue 13): an export or analysis never replaces an original or a file it did not
write unless asked, gives every case its own name, stays inside --out, counts what it wrote, leaves no temp
files after a kill -9, writes no absolute paths into VOC files and no live formulas into CSV cells."""
from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import inference.registry
from annotations.classes import LesionClass
from annotations.document import Box, ReaderGrade
from annotations.formats import grades_csv, masks, voc
from annotations import messages as msg
from annotations.output_folder import WORK_DIR, OutputError, OutputFolder, default_export_folder
from annotations.output_names import plan_stems, safe_stem
from annotations.workspace import Workspace
from annotations.workspace.label_import import import_labels
from annotations.workspace.transfer import export_labels
from app.cli import main
from inference.registry import MODELS_ENV

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def _photo(path: Path, value: int = 80) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(np.full((24, 40, 3), value, np.uint8)).save(path)


def _labelled_folder(folder: Path, names: list[str]) -> dict[str, np.ndarray]:
    """Photos with one distinct painted square each; returns their masks by image path."""
    for index, name in enumerate(names):
        _photo(folder / name, 40 + index)
    painted = {}
    with Workspace.open(folder) as ws:
        for index, case in enumerate(ws.cases()):
            doc = ws.load_case(case.case_id)
            doc.mask[index:index + 3, 2:5] = LesionClass.EX.bit
            doc.grade = ReaderGrade(dr_grade=index % 5)
            ws.save_case(doc)
            painted[case.image_path] = doc.mask.copy()
    return painted


def _snapshot(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file() and ".retinareview" not in p.parts}


def _temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


# overwriting --------------------------------------------------------------------------------------------
def test_indexed_export_into_the_photo_folder_replaces_no_photo(tmp_path: Path, capsys) -> None:
    photos = tmp_path / "photos"
    _labelled_folder(photos, ["a.png", "b.png"])
    before = _snapshot(photos)
    for extra in ([], ["--overwrite"]):
        assert main(["export", str(photos), "--format", "indexed", "--out", str(photos), *extra]) == 2
        assert "nothing was written" in capsys.readouterr().err
    assert _snapshot(photos) == before


def test_voc_export_into_the_import_folder_keeps_the_source_files_unless_asked(tmp_path: Path, capsys) -> None:
    photos, labels = tmp_path / "photos", tmp_path / "labels"
    _photo(photos / "a.png")
    labels.mkdir()
    source = ("<annotation><filename>a.png</filename><size><width>40</width><height>24</height></size>"
              "<object><name>EX</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>5</xmax><ymax>5</ymax></bndbox>"
              "</object><object><name>drusen</name><bndbox><xmin>9</xmin><ymin>9</ymin><xmax>12</xmax>"
              "<ymax>12</ymax></bndbox></object></annotation>")
    (labels / "a.xml").write_text(source)
    assert main(["import", str(photos), "--from", str(labels), "--format", "voc"]) == 0
    assert main(["export", str(photos), "--format", "voc", "--out", str(labels)]) == 2
    err = capsys.readouterr().err
    assert "a.xml: already exists" in err and "--overwrite" in err
    assert (labels / "a.xml").read_text() == source  # the drusen box the import skipped is still there
    assert main(["export", str(photos), "--format", "voc", "--out", str(labels), "--overwrite"]) == 0
    assert [b.label for b in voc.read_voc(labels / "a.xml").boxes] == [LesionClass.EX]


def test_a_second_export_into_the_same_folder_needs_overwrite(tmp_path: Path) -> None:
    photos, out = tmp_path / "photos", tmp_path / "out"
    _labelled_folder(photos, ["a.png"])
    with Workspace.open(photos) as ws:
        export_labels(ws, "masks", out)
        with pytest.raises(OutputError, match="already exists"):
            export_labels(ws, "masks", out)
        assert export_labels(ws, "masks", out, overwrite=True).files == 4


@pytest.mark.parametrize("fmt", ["voc", "masks", "indexed", "csv", "dataset", "yolo"])
def test_same_stem_photos_each_get_their_own_files_and_the_summary_counts_files(tmp_path: Path, fmt: str) -> None:
    photos, out = tmp_path / "photos", tmp_path / "out"
    painted = _labelled_folder(photos, ["x.jpg", "x.png", "X.bmp", "sub/y.jpg", "sub__y.jpg"])
    with Workspace.open(photos) as ws:
        summary = export_labels(ws, fmt, out)
    written = sorted(p for p in out.rglob("*") if p.is_file() and WORK_DIR not in p.parts)
    assert summary.cases == 5 and summary.files == len(written)
    # named as the photo: sub/y.jpg is y; x.jpg, x.png and X.bmp share x, and sub__y.jpg sub/y.jpg's path name (a
    # data set's names never take a folder's: output_names.plan_stems' key)
    assert sum("share the output name" in w for w in summary.warnings) == (1 if fmt == "dataset" else 2)
    if fmt == "voc":
        assert len(written) == 5
    elif fmt == "yolo":
        assert len(written) == 5 + 1  # one NAME.txt each, and classes.txt
    elif fmt == "masks":
        assert len(written) == 5 * 4
    elif fmt == "indexed":
        assert sorted(masks.read_indexed_png(p).tobytes() for p in written) == sorted(
            m.tobytes() for m in painted.values())
    elif fmt == "csv":
        assert len(grades_csv.read_grades_csv(out / "grades.csv")) == 5
    else:
        assert len(list((out / "images").iterdir())) == 5 and len(list((out / "voc").iterdir())) == 5


def test_collision_names_round_trip_through_import(tmp_path: Path) -> None:
    photos, out = tmp_path / "photos", tmp_path / "out"
    painted = _labelled_folder(photos, ["x.jpg", "x.png", "sub/y.jpg", "sub__y.jpg"])
    with Workspace.open(photos) as ws:
        export_labels(ws, "masks", out)
        for case in ws.cases():
            doc = ws.load_case(case.case_id)
            doc.mask[:] = 0
            ws.save_case(doc)
        assert import_labels(ws, out, "masks").cases == 4
        assert {c.image_path: ws.load_case(c.case_id).mask.tobytes() for c in ws.cases()} == {
            path: mask.tobytes() for path, mask in painted.items()}


def test_a_photo_named_like_yolos_class_list_gets_its_own_label_file(tmp_path: Path) -> None:
    """classes.jpg's labels and YOLO's class list were both planned as classes.txt: the export stopped."""
    photos, out = tmp_path / "photos", tmp_path / "out"
    _labelled_folder(photos, ["classes.jpg", "eye.jpg"])
    with Workspace.open(photos) as ws:
        for case in ws.cases():
            doc = ws.load_case(case.case_id)
            doc.boxes = [Box(LesionClass.HE, 3, 3, 12, 12)]
            ws.save_case(doc)
        summary = export_labels(ws, "yolo", out)
        assert summary.files == 3 and any("is the format's own file" in w for w in summary.warnings)
        assert (out / "classes.txt").read_text().split()[0] == "MA"  # the class list, not a photo's boxes
        for case in ws.cases():
            doc = ws.load_case(case.case_id)
            doc.boxes = []
            ws.save_case(doc)
        assert import_labels(ws, out, "yolo").cases == 2
        assert all(len(ws.load_case(case.case_id).boxes) == 1 for case in ws.cases())


def test_names_are_sanitised_and_stay_inside_the_output_folder(tmp_path: Path) -> None:
    stems, _ = plan_stems(["/etc/passwd.png", "../../up.png", "a/../../b.png", ".hidden.png", "con.png",
                           "x" * 300 + ".png", "tab\there.png"])
    assert all("/" not in s and "\\" not in s and not s.startswith(".") and len(s.encode()) <= 200 for s in stems)
    assert stems[:3] == ["etc__passwd", "up", "a__b"] and stems[4] == "_con" and "\t" not in stems[6]
    assert safe_stem("") == "image"
    out = OutputFolder(tmp_path / "out")
    for name in ("../escape.xml", "/abs.xml", "sub/../../x.xml", f"{WORK_DIR}/x.xml"):
        with pytest.raises(OutputError):
            out.write_text(name, "x")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "voc").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(OutputError, match="outside the output folder"):
        out.write_text("voc/a.xml", "x")
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_an_absolute_image_path_in_case_json_writes_nothing_outside_out(tmp_path: Path) -> None:
    photos, out, outside = tmp_path / "photos", tmp_path / "out", tmp_path / "outside"
    _labelled_folder(photos, ["a.png"])
    outside.mkdir()
    case_file = next((photos / ".retinareview" / "cases").glob("*/case.json"))
    data = json.loads(case_file.read_text())
    data["image_path"] = str(outside / "evil.png")
    case_file.write_text(json.dumps(data))
    with Workspace.open(photos) as ws:
        for fmt in ("voc", "masks", "indexed", "csv", "coco"):
            try:
                export_labels(ws, fmt, out / fmt)
            except Exception:  # noqa: BLE001 - refusing the damaged case is fine; writing outside is not
                pass
    assert list(outside.iterdir()) == []
    assert all(out in p.parents for p in tmp_path.rglob("*.xml"))


# exports never become cases --------------------------------------------------------------------------------
def test_an_export_or_analysis_folder_inside_the_opened_folder_is_not_listed_as_cases(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MODELS_ENV, str(tmp_path / "no-models"))
    monkeypatch.setattr(inference.registry, "BUNDLED_MODELS", tmp_path / "no-bundled")
    photos = tmp_path / "photos"
    _labelled_folder(photos, ["a.png", "b.png"])
    with Workspace.open(photos) as ws:
        before = sorted(c.image_path for c in ws.cases())
        for fmt in ("indexed", "masks", "dataset"):
            export_labels(ws, fmt, photos / "exports" / fmt)
    assert main(["analyze", str(photos / "a.png"), "--out", str(photos / "analysis"), "--device", "cpu"]) == 0
    with Workspace.open(photos) as ws:
        assert sorted(c.image_path for c in ws.cases()) == before


def test_image_outputs_into_a_photo_sub_folder_are_refused(tmp_path: Path) -> None:
    photos = tmp_path / "photos"
    _labelled_folder(photos, ["a.png", "more/deeper/b.png"])  # no output (a.png, b.png) is named as a photo there
    with Workspace.open(photos) as ws, pytest.raises(OutputError, match="listed as cases"):
        export_labels(ws, "indexed", photos / "more")
    assert sorted(p.name for p in (photos / "more").iterdir()) == ["deeper"]


def test_default_export_folder_is_beside_the_opened_folder(tmp_path: Path) -> None:
    opened = tmp_path / "clinic"
    opened.mkdir()
    default = default_export_folder(opened)
    assert opened not in default.parents and default != opened and default.parent == tmp_path


# analyze ---------------------------------------------------------------------------------------------------
@pytest.fixture
def no_models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MODELS_ENV, str(tmp_path / "no-models"))
    monkeypatch.setattr(inference.registry, "BUNDLED_MODELS", tmp_path / "no-bundled")


def test_analyze_never_replaces_an_input_image_and_needs_overwrite_for_its_old_outputs(
        tmp_path: Path, no_models: None, capsys) -> None:
    photos = tmp_path / "photos"
    _photo(photos / "x.png")
    _photo(photos / "x_mask.png", 120)  # a photo whose name is x.png's mask output
    before = _snapshot(photos)
    for extra in ([], ["--overwrite"]):
        assert main(["analyze", str(photos), "--out", str(photos), "--device", "cpu", *extra]) == 2
        assert "original image" in capsys.readouterr().err
    assert _snapshot(photos) == before
    (photos / "x_mask.png").unlink()
    assert main(["analyze", str(photos), "--out", str(photos), "--device", "cpu"]) == 2
    assert "listed as cases" in capsys.readouterr().err  # overlays beside the photos would become cases
    assert sorted(p.name for p in photos.iterdir()) == ["x.png"]
    out = tmp_path / "out"
    assert main(["analyze", str(photos), "--out", str(out), "--device", "cpu"]) == 0
    assert main(["analyze", str(photos), "--out", str(out), "--device", "cpu"]) == 2
    assert "--overwrite" in capsys.readouterr().err
    assert main(["analyze", str(photos), "--out", str(out), "--device", "cpu", "--overwrite"]) == 0


def test_analyze_writes_no_images_into_a_folder_it_analysed_whose_photo_was_taken_once_through_a_link(
        tmp_path: Path, no_models: None, capsys) -> None:
    _photo(tmp_path / "photos" / "x.png")
    linked = tmp_path / "linked"
    linked.mkdir()
    (linked / "x.png").symlink_to(tmp_path / "photos" / "x.png")  # analysed once, as photos/x.png
    (linked / "notes.txt").write_text("not an output")
    assert main(["analyze", str(tmp_path / "photos"), str(linked), "--out", str(linked), "--device", "cpu"]) == 2
    assert "listed as cases" in capsys.readouterr().err  # its masks would be cases of the folder it names
    assert sorted(p.name for p in linked.iterdir()) == ["notes.txt", "x.png"]


def test_analyze_gives_same_stem_images_their_own_outputs(tmp_path: Path, no_models: None, capsys) -> None:
    photos, out = tmp_path / "photos", tmp_path / "out"
    _photo(photos / "x.jpg")
    _photo(photos / "x.png", 120)
    assert main(["analyze", str(photos), "--out", str(out), "--device", "cpu"]) == 0
    results = sorted(out.glob("*.json"))
    assert len(results) == 2 and {json.loads(p.read_text())["image"] for p in results} == {
        str(photos / "x.jpg"), str(photos / "x.png")}
    written = [p for p in out.iterdir() if p.is_file()]
    assert f"{len(written)} file(s) written" in capsys.readouterr().out


# kill -9, VOC paths, CSV formulas -----------------------------------------------------------------------
EXPORT_THAT_HANGS_MID_WRITE = """
import os, sys, time
import annotations.atomic
from annotations.workspace import Workspace
from annotations.workspace.transfer import export_labels
real_fsync = annotations.atomic.os.fsync
def fsync_then_hang(fd):  # hang once an export's temp file is complete, before it is renamed into place
    real_fsync(fd)
    if os.readlink(f"/proc/self/fd/{fd}").endswith(".tmp") and sys.argv[2] in os.readlink(f"/proc/self/fd/{fd}"):
        print("writing", flush=True)
        time.sleep(600)
annotations.atomic.os.fsync = fsync_then_hang
with Workspace.open(sys.argv[1], reader="child") as ws:
    export_labels(ws, "indexed", sys.argv[2])
"""


def test_kill_9_during_export_leaves_no_temp_files_after_the_next_run(tmp_path: Path) -> None:
    photos, out = tmp_path / "photos", tmp_path / "out"
    _labelled_folder(photos, ["a.png", "b.png"])
    env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT))
    child = subprocess.Popen([sys.executable, "-c", EXPORT_THAT_HANGS_MID_WRITE, str(photos), str(out)],
                             cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "writing", child.stderr.read()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        child.stdout.close()
        child.stderr.close()
    left = _temp_files(out)
    assert left and all(p.parent.name == WORK_DIR for p in left)  # never beside the outputs
    with Workspace.open(photos) as ws:
        summary = export_labels(ws, "indexed", out)
    assert _temp_files(out) == [] and summary.files == 2


def test_a_link_planted_as_the_writers_own_folder_is_not_followed(tmp_path: Path) -> None:
    """A link in the output folder where the writer keeps its temp files (and cleans up stale ones) deleted the .tmp
    files of the folder it led to, even when nothing was exported."""
    photos, out, victim = tmp_path / "photos", tmp_path / "out", tmp_path / "victim"
    _labelled_folder(photos, ["a.png"])
    victim.mkdir()
    (victim / "thesis.tmp").write_text("keep\n")
    out.mkdir()
    os.symlink(victim, out / WORK_DIR)
    with Workspace.open(photos) as ws:
        with pytest.raises(OutputError, match="is a link, not the program's own folder"):
            export_labels(ws, "voc", out)
    assert [p.name for p in victim.iterdir()] == ["thesis.tmp"]


def test_a_screenshot_never_replaces_an_opened_photo(tmp_path: Path, capsys) -> None:
    """`open FOLDER --screenshot FOLDER/a.png` replaced the photo with the window's picture."""
    photos = tmp_path / "photos"
    _labelled_folder(photos, ["a.png", "sub/b.png"])
    before = _snapshot(photos)
    for target, opened in ((photos / "a.png", photos), (photos / "sub" / "b.png", photos),
                           (photos / "a.png", photos / "a.png")):
        assert main(["open", str(opened), "--screenshot", str(target)]) == 2
        assert "is an original image" in capsys.readouterr().err
    assert _snapshot(photos) == before


@pytest.mark.parametrize("shot", ["window.png", "a_copy.png", "shots/window.png"])
def test_a_screenshot_is_not_written_among_the_opened_photos(tmp_path: Path, capsys, shot: str) -> None:
    """Another photo of the folder was replaced with --overwrite, and a new screenshot there came back as a case."""
    photos = tmp_path / "photos"
    _labelled_folder(photos, ["a.png", "a_copy.png"])
    before = _snapshot(photos)
    for opened in (photos, photos / "a.png"):
        assert main(["open", str(opened), "--screenshot", str(photos / shot), "--overwrite"]) == 2
        error = capsys.readouterr().err  # a photo of the folder opened is an original of the run, said so first
        assert f"{photos}: {msg.PHOTO_FOLDER} — {msg.NEW_FOLDER}" in error or \
            (opened, shot) == (photos, "a_copy.png") and "is an original image" in error
    assert _snapshot(photos) == before and not (photos / "shots").exists()


def test_a_screenshot_may_go_where_the_opened_folders_scan_does_not_look(tmp_path: Path) -> None:
    from annotations.output_folder import OUTPUTS_MARKER
    from app.commands.open import photo_folder_holding

    photos = tmp_path / "photos"
    _labelled_folder(photos, ["a.png"])
    (photos / "exports" / OUTPUTS_MARKER).parent.mkdir(parents=True)
    (photos / "exports" / OUTPUTS_MARKER).write_text("outputs")
    for shot in (photos / ".shots" / "w.png", photos / "exports" / "w.png", tmp_path / "w.png"):
        assert photo_folder_holding(shot, [photos]) is None, shot
    assert photo_folder_holding(photos / "sub" / "w.png", [photos]) == photos.resolve()


def test_a_screenshot_never_replaces_a_persons_file_unasked(tmp_path: Path, capsys) -> None:
    """`open --screenshot ~/Pictures/clinic.png` replaced the person's picture with the window's, unasked; then it
    was refused as "already exists … ask to overwrite (--overwrite)", which --overwrite never lifts for a picture
    that is not a screenshot of the program's: that is what it is refused as, asked or not."""
    picture = tmp_path / "Pictures" / "clinic.png"
    _photo(picture)
    before = picture.read_bytes()
    for extra in ([], ["--overwrite"]):
        assert main(["open", "--screenshot", str(picture), *extra]) == 2  # before a window opens
        error = capsys.readouterr().err
        assert f"{picture}: {msg.NOT_OWN_SCREENSHOT}" in error and "already exists" not in error
    assert picture.read_bytes() == before


def test_voc_export_carries_no_absolute_workspace_path(tmp_path: Path) -> None:
    photos, out = tmp_path / "photos", tmp_path / "out"
    _labelled_folder(photos, ["a.png", "sub/b.png"])
    with Workspace.open(photos) as ws:
        export_labels(ws, "voc", out)
        export_labels(ws, "dataset", tmp_path / "dataset")
    for xml in [*out.glob("*.xml"), *(tmp_path / "dataset" / "voc").glob("*.xml")]:
        text = xml.read_text()
        assert str(tmp_path) not in text
    assert voc.read_voc(out / "b.xml").path == "sub/b.png"  # named as labelImg names it


FORMULAS = ["=HYPERLINK(\"http://x\")", "+1+2", "-3+4", "@SUM(A1)", "\tcmd", "\rcmd", "'=quoted", "''+two", "plain",
            "'plain"]


def test_csv_cells_that_a_spreadsheet_would_run_are_escaped_and_read_back(tmp_path: Path) -> None:
    for text in FORMULAS:
        safe = grades_csv.spreadsheet_safe(text)
        assert safe[:1] not in grades_csv.FORMULA_STARTS
        assert grades_csv.spreadsheet_unescape(safe) == text
    photos, out = tmp_path / "photos", tmp_path / "out"
    names = ["=cmd.png", "+x.png", "-y.png", "@z.png", "plain.png"]
    _labelled_folder(photos, names)
    with Workspace.open(photos) as ws:
        export_labels(ws, "csv", out)
        export_labels(ws, "dataset", tmp_path / "dataset")
    for csv_file in (out / "grades.csv", tmp_path / "dataset" / "grades.csv"):
        cells = [line.split(",")[0] for line in csv_file.read_text().splitlines()[1:]]
        assert cells and not any(cell[:1] in grades_csv.FORMULA_STARTS for cell in cells)
        assert sorted(grades_csv.read_grades_csv(csv_file)) == sorted(Path(n).stem for n in names)


def test_training_never_replaces_an_installed_model_unless_asked(tmp_path: Path, capsys) -> None:
    from inference.model_card import CARD_FILE as MODEL_CARD
    from tests.unit.test_inference_fixtures import saved_model, tiny_classifier_card

    installed = saved_model(tmp_path / "models", tiny_classifier_card())
    before = (installed / MODEL_CARD).read_bytes()
    (tmp_path / "data").mkdir()  # a folder (a missing one is refused first, as a typo)
    assert main(["train", "grade", "--data", str(tmp_path / "data"), "--out", str(installed)]) == 2
    assert "already exists" in capsys.readouterr().err  # refused at once, before any data is read
    assert (installed / MODEL_CARD).read_bytes() == before


HOSTILE_NAMES = ["=cmd.png", "+x.png", "-y.png", "@z.png", "x.jpg", "x.png", "X.bmp", "sub/y.jpg", "sub__y.jpg",
                 "王小明.png", "a" * 248 + ".png", " lead.png", "trail..png"]


def test_every_hostile_name_at_once_exports_one_file_set_per_photo(tmp_path: Path, no_models: None) -> None:
    photos = tmp_path / "photos"
    _labelled_folder(photos, HOSTILE_NAMES)
    with Workspace.open(photos) as ws:
        assert len(ws.cases()) == len(HOSTILE_NAMES)
        for fmt, per_photo in (("voc", 1), ("masks", 4), ("indexed", 1), ("dataset", None), ("csv", None),
                               ("coco", None), ("yolo", None)):
            out = tmp_path / "exports" / fmt
            summary = export_labels(ws, fmt, out)
            written = [p for p in out.rglob("*") if p.is_file() and WORK_DIR not in p.parts]
            assert summary.cases == len(HOSTILE_NAMES) and summary.files == len(written), fmt
            if per_photo:
                assert len(written) == per_photo * len(HOSTILE_NAMES), fmt
    assert len(grades_csv.read_grades_csv(tmp_path / "exports" / "csv" / "grades.csv")) == len(HOSTILE_NAMES)
    assert len(list((tmp_path / "exports" / "dataset" / "images").iterdir())) == len(HOSTILE_NAMES)
    out = tmp_path / "analysis"
    assert main(["analyze", str(photos), "--out", str(out), "--device", "cpu"]) == 0
    assert len(list(out.glob("*.json"))) == len([n for n in HOSTILE_NAMES if "/" not in n])


@pytest.mark.parametrize("error, reason", [(errno.EROFS, msg.READ_ONLY_DISK), (errno.ENOSPC, msg.DISK_FULL),
                                           (errno.EACCES, msg.NO_PERMISSION)])
def test_a_write_the_system_refuses_says_why_in_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      error: int, reason: str) -> None:
    def refused(*_args, **_kwargs) -> None:
        raise OSError(error, os.strerror(error))

    monkeypatch.setattr("annotations.output_folder.atomic_write_bytes", refused)
    with pytest.raises(OutputError) as raised:
        OutputFolder(tmp_path / "out").write_text("a.xml", "<x/>")
    assert str(raised.value) == (f"{tmp_path / 'out' / 'a.xml'}: {msg.CANNOT_WRITE.format(error=reason)} — "
                                 f"{msg.WRITABLE_FOLDER}")


def test_an_output_folder_under_a_file_is_refused_in_words(tmp_path: Path) -> None:
    photo = tmp_path / "img0.jpg"
    photo.write_bytes(b"photo")
    with pytest.raises(OutputError) as raised:  # several formats: one sub-folder each, under what is a file
        OutputFolder(photo / "masks").write_text("a.png", "x")
    assert msg.CANNOT_WRITE.format(error=msg.PATH_THROUGH_FILE) in str(raised.value)
    assert photo.read_bytes() == b"photo"


@pytest.mark.parametrize("name", ["grades.csv", "annotations.JSON", "shot.png"])
def test_a_new_output_folder_named_like_a_file_is_refused_before_anything_is_made(
        tmp_path: Path, name: str, capsys) -> None:
    """`export --format csv --out x/grades.csv` made a folder grades.csv holding grades.csv."""
    photos = tmp_path / "photos"
    _labelled_folder(photos, ["a.png"])
    assert main(["export", str(photos), "--format", "csv", "--out", str(tmp_path / name)]) == 2
    assert f"{tmp_path / name}: {msg.NAMED_LIKE_FILE} — {msg.GIVE_FOLDER}" in capsys.readouterr().err
    assert not (tmp_path / name).exists()
    (tmp_path / name).mkdir()  # a folder that exists is the person's choice, whatever its name
    assert main(["export", str(photos), "--format", "csv", "--out", str(tmp_path / name)]) == 0


def test_names_differing_only_in_their_unicode_form_keep_their_own_labels_through_export_and_import(
        tmp_path: Path) -> None:
    """é as one character and as e + accent: the collision tag hashed the normalised path, so both got one tag, told
    apart by a counter that followed their order, and a masks import put one photo's labels on both."""
    import unicodedata

    composed, decomposed = (unicodedata.normalize(form, "é.png") for form in ("NFC", "NFD"))
    assert plan_stems([composed, decomposed])[0] == plan_stems([decomposed, composed])[0][::-1]
    assert len(set(plan_stems([composed, decomposed])[0])) == 2
    photos = tmp_path / "photos"
    painted = _labelled_folder(photos, [composed, decomposed])
    with Workspace.open(photos) as ws:
        export_labels(ws, "masks", tmp_path / "masks")
    copy = tmp_path / "copy"
    _labelled_folder(copy, [composed, decomposed])
    with Workspace.open(copy) as ws:
        for case in ws.cases():  # emptied: the import alone gives them labels
            doc = ws.load_case(case.case_id)
            doc.mask[:] = 0
            ws.save_case(doc)
        import_labels(ws, tmp_path / "masks", "masks")
        masks = {c.image_path: ws.load_case(c.case_id).mask for c in ws.cases()}
    assert all(np.array_equal(masks[name], painted[name]) for name in painted)


def test_a_file_name_that_is_not_utf_8_is_analysed_under_a_safe_name(tmp_path: Path, no_models: None,
                                                                     capsys) -> None:
    """`bad\\xffname.jpg` ended analyze with a UnicodeEncodeError traceback (exit 70), nothing analysed."""
    photos = tmp_path / "photos"
    _photo(photos / os.fsdecode(b"bad\xffname.png"))
    _photo(photos / "bad_name.png")
    assert main(["analyze", str(photos), "--out", str(tmp_path / "out"), "--outputs", "json"]) == 0
    written = sorted(p.name for p in (tmp_path / "out").iterdir() if p.is_file())
    assert len(written) == 2 and all(name.startswith("bad_name_") and name.isascii() for name in written)
    assert "bad\\udcffname.png" in capsys.readouterr().err  # said, escaped, in the collision note


def test_overwrite_never_replaces_an_image_no_run_wrote_nor_writes_images_beside_the_analysed_folder(
        tmp_path: Path, no_models: None, capsys) -> None:
    """`export --out COPY --overwrite` replaced a copy of the photos with masks, and `analyze f8/sub/a.jpg --out f8`
    wrote its overlays among f8's photos, where opening f8 listed them as cases."""
    photos, copy = tmp_path / "photos", tmp_path / "copy"
    _labelled_folder(photos, ["a.png"])
    _photo(copy / "a.png")
    kept = (copy / "a.png").read_bytes()
    with Workspace.open(photos) as ws:
        with pytest.raises(OutputError) as raised:
            export_labels(ws, "indexed", copy, overwrite=True)
    assert str(raised.value).startswith(f"{copy / 'a.png'}: {msg.NOT_OWN_IMAGE.format(count=1)}")
    assert (copy / "a.png").read_bytes() == kept
    parent = tmp_path / "f8"
    _photo(parent / "sub" / "a.png")
    _photo(parent / "a_overlay.jpg")
    before = _snapshot(parent)
    assert main(["analyze", str(parent / "sub" / "a.png"), "--out", str(parent), "--outputs", "overlay",
                 "--overwrite"]) == 2
    assert f"{parent}: {msg.PHOTO_FOLDER}" in capsys.readouterr().err and _snapshot(parent) == before


def test_a_long_run_lists_what_it_wrote_while_it_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The list of a run's own files was written at its end only: after a kill -9 a later run could prove none of
    them its own."""
    import annotations.output_folder as output_folder

    monkeypatch.setattr(output_folder, "MANIFEST_EVERY_S", 0.0)
    out = OutputFolder(tmp_path / "out")
    with out.claimed():
        out.write_text("a.json", "{}")
        listed = json.loads((tmp_path / "out" / output_folder.MANIFEST).read_text(encoding="utf-8"))
        assert list(listed) == ["a.json"]  # on disk while the run still holds the folder
        assert OutputFolder(tmp_path / "out")._read_manifest().keys() == {"a.json"}


def test_a_run_killed_before_it_listed_its_last_files_resumes_in_its_own_folder(tmp_path: Path, no_models: None,
                                                                                capsys) -> None:
    """The image in progress at a kill -9 is never listed: --resume asked for --overwrite, which then refused it as
    an image the program had not written, and the person had to delete files by hand."""
    from annotations.output_folder import MANIFEST

    photos, out = tmp_path / "photos", tmp_path / "out"
    _photo(photos / "a.png")
    _photo(photos / "b.png", 60)
    assert main(["analyze", str(photos), "--out", str(out)]) == 0
    (out / MANIFEST).unlink()  # as a kill -9 leaves it: the files written, none listed
    (out / "b.json").unlink()  # b was in progress: its mask written, its JSON (written last) not
    assert main(["analyze", str(photos), "--out", str(out), "--resume", "--overwrite"]) == 0
    assert (out / "b.json").is_file()


def test_a_file_another_program_saves_where_an_output_is_about_to_go_is_not_replaced(tmp_path: Path) -> None:
    """An export approves its names first and writes them one by one: labelImg saving `b.xml` into the folder
    meanwhile had its file replaced, without --overwrite and without a word (file-safety probe)."""
    out = OutputFolder(tmp_path / "voc")
    with out.claimed():
        out.reserve(["a.xml", "b.xml"])
        out.write_bytes("a.xml", b"<annotation>a</annotation>")
        (tmp_path / "voc" / "b.xml").write_bytes(b"<annotation><!-- saved in labelImg --></annotation>")
        with pytest.raises(OutputError, match="b.xml: was saved here by another program while this run wrote"):
            out.write_bytes("b.xml", b"<annotation>b</annotation>")
    assert (tmp_path / "voc" / "b.xml").read_bytes() == b"<annotation><!-- saved in labelImg --></annotation>"
    replacing = OutputFolder(tmp_path / "voc", overwrite=True)  # as asked: the earlier rules, unchanged
    with replacing.claimed():
        replacing.write_bytes("b.xml", b"<annotation>b</annotation>")
    assert (tmp_path / "voc" / "b.xml").read_bytes() == b"<annotation>b</annotation>"
