"""`retina-review report`: from plain images, from a workspace case, with analysis, and its error messages."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.document import PatientInfo, ReaderGrade, ReviewState
from annotations.workspace import CaseSummary, Workspace
from app.cli import main
from tests.unit.test_report_pdf import extract_text, font_report


def photo_of(folder: Path, patient: PatientInfo) -> Path:
    """``folder``'s one photo, its case recording ``patient``."""
    image = _image(folder / "eye.png")
    with Workspace.open(folder) as ws:
        (case,) = ws.cases()
        doc = ws.load_case(case.case_id)
        doc.patient = patient
        ws.save_case(doc)
    return image


def _image(path: Path, seed: int = 0) -> Path:
    rng = np.random.default_rng(seed)
    pixels = np.zeros((96, 128, 3), np.uint8)
    yy, xx = np.mgrid[0:96, 0:128]
    inside = (yy - 48) ** 2 + (xx - 64) ** 2 < 44**2  # a fundus-like disc on black
    pixels[inside] = (170, 80, 40)
    pixels[inside] += rng.integers(0, 20, (int(inside.sum()), 3), dtype=np.uint8)
    Image.fromarray(pixels).save(path)
    return path


def test_report_from_two_plain_images(tmp_path: Path) -> None:
    right, left = _image(tmp_path / "r.png"), _image(tmp_path / "l.png", 1)
    out = tmp_path / "report.pdf"
    code = main(["report", str(right), str(left), "--out", str(out), "--no-analysis", "--eye", "OD", "--eye", "OS",
                 "--patient-name", "李华", "--patient-id", "P9", "--age", "47", "--sex", "f", "--paper", "Letter",
                 "--diagnosis", "No retinopathy seen", "--clinic-name", "CLI Clinic"])
    assert code == 0
    data = out.read_bytes()
    assert all(embedded for _, embedded in font_report(data))
    text = extract_text(data, tmp_path)
    for expected in ("李华", "P9", "47", "female", "OD (right eye)", "OS (left eye)", "No retinopathy seen",
                     "CLI Clinic", "No AI result"):
        assert expected in text


def test_two_images_of_one_eye_are_said_a_report_of_that_eye(tmp_path: Path, capsys) -> None:
    """A photo and an OCT scan of the right eye: not "OD (right eye) and OD (right eye)"."""
    photo, scan = _image(tmp_path / "photo.png"), _image(tmp_path / "scan.png", 1)
    out = tmp_path / "report.pdf"
    assert main(["report", str(photo), str(scan), "--out", str(out), "--no-analysis", "--eye", "OD", "--eye",
                 "OD"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == f"report for OD (right eye) written to {out}"


def test_two_images_without_their_eyes_are_said_by_their_files_and_warned_of(tmp_path: Path, capsys) -> None:
    """Without --eye a script's log said "report for eye not recorded and eye not recorded", and nothing else."""
    first, second = _image(tmp_path / "a.png"), _image(tmp_path / "b.png", 1)
    out = tmp_path / "report.pdf"
    assert main(["report", str(first), str(second), "--out", str(out), "--no-analysis"]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0] == (f"report for eye not recorded ('a.png') and eye not recorded ('b.png') "
                                            f"written to {out}")
    assert [line for line in captured.err.splitlines() if line.startswith("warning: ")] == [
        warning for name in ("a.png", "b.png") for warning in (
            f"warning: '{name}' has no reader grade and no AI result (the report shows no grade)",  # --no-analysis
            f"warning: '{name}' is not marked done",
            f"warning: '{name}': no eye is recorded for it, and the report prints it as not recorded; give --eye OD or "
            "OS, once per input")]


def _graded_case(folder: Path, patient: PatientInfo) -> CaseSummary:
    """The folder's one photo saved as ``patient``'s, graded mild NPDR (1) by the reader."""
    with Workspace.open(folder) as ws:
        (case,) = ws.cases()
        doc = ws.load_case(case.case_id)
        doc.patient, doc.grade = patient, ReaderGrade(dr_grade=1)
        ws.save_case(doc)
    return case


def test_a_case_not_marked_done_is_warned_of_as_the_report_dialog_warns(tmp_path: Path, capsys) -> None:
    """The dialog warned that a case is not marked done (annotations.unfinished_reading); the command said nothing."""
    image = _image(tmp_path / "eye.png")
    case = _graded_case(tmp_path, PatientInfo(patient_id="W-7", eye="OS"))
    out = tmp_path / "r.pdf"
    assert main(["report", str(image), "--out", str(out), "--no-analysis"]) == 0
    assert [line for line in capsys.readouterr().err.splitlines() if line.startswith("warning: ")] == [
        "warning: 'eye.png' is not marked done"]
    with Workspace.open(tmp_path) as ws:
        doc = ws.load_case(case.case_id)
        doc.review_state = ReviewState.DONE
        ws.save_case(doc)
    assert main(["report", str(image), "--out", str(out), "--overwrite", "--no-analysis"]) == 0
    assert "warning: " not in capsys.readouterr().err


def test_report_reads_the_workspace_case(tmp_path: Path) -> None:
    image = _image(tmp_path / "eye.png")
    case = _graded_case(tmp_path, PatientInfo(patient_id="W-7", name="Saved Name", eye="OS"))
    out = tmp_path / "ws.pdf"
    assert main(["report", str(image), "--out", str(out), "--no-analysis"]) == 0
    text = extract_text(out.read_bytes(), tmp_path)
    assert "Saved Name" in text and "W-7" in text and "OS (left eye)" in text
    assert "1 — Mild NPDR" in text and "Re-screen in 6 to 12 months" in text
    by_id = tmp_path / "by_id.pdf"
    assert main(["report", case.case_id, "--workspace", str(tmp_path), "--out", str(by_id), "--no-analysis"]) == 0
    assert "Saved Name" in extract_text(by_id.read_bytes(), tmp_path)
    by_path = tmp_path / "by_path.pdf"  # by its image's path in the folder: no command lists the ids' hashes
    assert main(["report", "eye.png", "--workspace", str(tmp_path), "--out", str(by_path), "--no-analysis"]) == 0
    assert "Saved Name" in extract_text(by_path.read_bytes(), tmp_path)


def test_a_photo_in_a_patients_folder_is_reported_with_the_clinic_folders_case(tmp_path: Path, monkeypatch) -> None:
    """The clinic's folder was opened, its photos filed one folder per patient: the report of P001/OD.jpg looked only
    in P001/ for a workspace, and printed no patient, no eye and no reader's grade (and analysed it again)."""
    clinic = tmp_path / "clinic"
    (clinic / "P001").mkdir(parents=True)
    image = _image(clinic / "P001" / "OD.jpg")
    _graded_case(clinic, PatientInfo(patient_id="P001", name="Saved Name", eye="OD"))
    out = tmp_path / "p001.pdf"
    assert main(["report", str(image), "--out", str(out), "--no-analysis"]) == 0
    assert "Saved Name" in extract_text(out.read_bytes(), tmp_path)
    monkeypatch.chdir(clinic)  # the image given by its path in the folder, and --workspace as "."
    here = tmp_path / "here.pdf"
    assert main(["report", "P001/OD.jpg", "--workspace", ".", "--out", str(here), "--no-analysis"]) == 0
    text = extract_text(here.read_bytes(), tmp_path)
    assert "Saved Name" in text and "OD (right eye)" in text and "1 — Mild NPDR" in text


def test_a_store_above_that_cannot_be_read_is_passed_over(tmp_path: Path, monkeypatch, capsys) -> None:
    """A colleague opened P001/ alone, their store there mode 700: the report of P001/OD.jpg stopped on its
    PermissionError with a traceback, where the window passes over such a folder to the clinic's, as here."""
    clinic = tmp_path / "clinic"
    (clinic / "P001").mkdir(parents=True)
    image = _image(clinic / "P001" / "OD.jpg")
    _graded_case(clinic, PatientInfo(patient_id="P001", name="Saved Name", eye="OD"))
    from annotations.reading.readers import holds_case_of

    def unreadable_in_p001(folder: Path, image_path: str) -> bool:
        if folder == clinic / "P001":
            raise PermissionError(13, "Permission denied", str(folder / ".retinareview" / "readers"))
        return holds_case_of(folder, image_path)

    monkeypatch.setattr("app.report.sources.holds_case_of", unreadable_in_p001)
    out = tmp_path / "p001.pdf"
    assert main(["report", str(image), "--out", str(out), "--no-analysis"]) == 0, capsys.readouterr().err
    assert "Saved Name" in extract_text(out.read_bytes(), tmp_path)


def test_a_folder_above_that_holds_no_case_of_the_photo_is_neither_scanned_nor_locked(tmp_path: Path) -> None:
    """Home was opened once: reporting a downloaded photo scanned all of it and listed the photo in its index."""
    home = tmp_path / "home"
    home.mkdir()
    Workspace.open(home).close()
    (home / "Downloads").mkdir()
    image = _image(home / "Downloads" / "x.png")
    assert main(["report", str(image), "--out", str(tmp_path / "x.pdf"), "--no-analysis"]) == 0
    with Workspace.open(home, scan=False) as ws:
        assert ws.cases() == []


def test_a_case_the_workspace_does_not_have_is_named_with_an_example(tmp_path: Path, capsys) -> None:
    _image(tmp_path / "eye.png")
    with Workspace.open(tmp_path):
        pass
    assert main(["report", "eye", "--workspace", str(tmp_path), "--out", str(tmp_path / "x.pdf"),
                 "--no-analysis"]) == 2
    assert f"eye: no case of {tmp_path} has this id or image path; give an image's path in the folder (e.g. " \
        "'eye.png')" in capsys.readouterr().err


def test_a_folder_never_opened_is_read_not_made_a_workspace(tmp_path: Path, capsys) -> None:
    """`report --workspace FOLDER` opened the folder's store to look the case up, and so made .retinareview."""
    _image(tmp_path / "eye.png")
    out = tmp_path / "r.pdf"
    assert main(["report", "eye.png", "--workspace", str(tmp_path), "--out", str(out), "--no-analysis"]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert main(["report", "eye", "--workspace", str(tmp_path), "--out", str(tmp_path / "x.pdf"),
                 "--no-analysis"]) == 2
    assert f"eye: no such case: {tmp_path} was never opened in RetinaReview" in capsys.readouterr().err
    assert not (tmp_path / ".retinareview").exists()


def test_the_command_line_prints_the_age_a_birth_date_gives_as_the_dialog_does(tmp_path: Path) -> None:
    """A case with a birth and an exam date but no age recorded (a DICOM header without PatientAge): the dialog
    printed "65 years (born 4 Mar 1961)", the command line "born 4 Mar 1961" alone; --exam-date moves the age."""
    image = photo_of(tmp_path, PatientInfo(patient_id="W-8", birth_date="1961-03-04", exam_date="2026-05-10"))
    out = tmp_path / "age.pdf"
    for options, age in (([], "65 years"), (["--exam-date", "2026-03-03"], "64 years"),
                         (["--exam-date", "2026年3月3日"], "64 years")):  # year first, as a Chinese clinic writes it
        assert main(["report", str(image), "--out", str(out), "--no-analysis", "--overwrite", *options]) == 0
        assert f"Age {age} (born 4 Mar 1961)" in " ".join(extract_text(out.read_bytes(), tmp_path).split())


def test_sex_and_eye_are_taken_as_a_chinese_clinic_writes_them(tmp_path: Path) -> None:
    out = tmp_path / "zh.pdf"
    assert main(["report", str(_image(tmp_path / "eye.png")), "--out", str(out), "--no-analysis", "--sex", "女",
                 "--eye", "右眼", "--lang", "en"]) == 0
    text = " ".join(extract_text(out.read_bytes(), tmp_path).split())
    assert "Sex female" in text and "Eye OD (right eye)" in text


def test_report_analyzes_an_image_without_a_result(tmp_path: Path) -> None:
    out = tmp_path / "analysed.pdf"
    assert main(["report", str(_image(tmp_path / "a.png")), "--out", str(out), "--device", "cpu"]) == 0
    text = extract_text(out.read_bytes(), tmp_path)
    assert "No AI result" not in text and "Image quality" in text


def test_report_errors_name_the_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    images = [str(_image(tmp_path / f"{i}.png")) for i in range(3)]
    assert main(["report", *images, "--out", str(tmp_path / "x.pdf")]) == 2
    assert "one patient" in capsys.readouterr().err
    assert main(["report", str(tmp_path / "missing.png"), "--out", str(tmp_path / "x.pdf")]) == 2
    assert "missing.png" in capsys.readouterr().err
    assert main(["report", images[0], "--out", str(tmp_path / "x.pdf"), "--eye", "OD", "--eye", "OS"]) == 2
    assert "--eye once per input" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize(("option", "value", "said"), [
    ("--exam-date", "2024-13-45", "'2024-13-45' is not a date: write it YYYY-MM-DD"),
    ("--birth-date", "12/03/1958", "'12/03/1958' is not a date"),  # the 12th of March, or the 3rd of December?
    ("--age", "-5", "'-5' is not an age: give whole years, 0-130"),
    ("--age", "61.5", "'61.5' is not an age")])
def test_a_patient_field_no_patient_has_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str,
                                                   value: str, said: str) -> None:
    """The PDF printed "2024-13-45" and "-5 years" as typed."""
    with pytest.raises(SystemExit) as ended:
        main(["report", str(_image(tmp_path / "a.png")), "--out", str(tmp_path / "x.pdf"), option, value])
    assert ended.value.code == 2 and said in capsys.readouterr().err and not (tmp_path / "x.pdf").exists()


def test_the_report_commands_choices_are_the_reports_own_lists() -> None:
    """Written out in the command, a template added to the report would not be offered (nor a paper size, nor a
    language); each option's default is the report's (the language's: the report_language rule, below)."""
    from app.cli import build_parser
    from app.report.model import PAPER_SIZES, TEMPLATES, ReportInput
    from app.report.text import REPORT_LANGUAGES

    report = build_parser()._subparsers._group_actions[0].choices["report"]  # noqa: SLF001 - argparse keeps them
    options = {action.dest: action for action in report._actions}  # noqa: SLF001
    assert options["template"].choices is TEMPLATES and options["paper"].choices is PAPER_SIZES
    assert options["lang"].choices is REPORT_LANGUAGES
    defaults = ReportInput.__dataclass_fields__
    assert [options[name].default for name in ("template", "paper")] == [
        defaults[name].default for name in ("template", "paper")]
    assert options["lang"].default is None


def test_a_report_is_written_in_the_language_last_chosen_else_the_interfaces_else_english() -> None:
    """The window's report dialog offers it first; ``report`` without --lang writes it (a Chinese clinic's scripted
    reports came out in English)."""
    from app.report.text import report_language

    assert report_language("en", "zh_CN") == "en"
    assert report_language("", "zh_CN") == report_language("xx", "zh_CN") == "zh_CN"
    assert report_language("", "fr_FR") == "en"


def test_the_command_line_is_parsed_without_reportlab() -> None:
    """Every command is registered before any runs: the report's lists are read without loading reportlab (about
    half a second) for each command."""
    code = "import sys, app.cli; app.cli.build_parser(); print('reportlab' in sys.modules)"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           cwd=Path(__file__).resolve().parents[2])
    assert found.stdout.strip() == "False"


@pytest.mark.parametrize("existing, overwrite", [(b"a letter", True), (b"%PDF-1.4 an earlier one", False)])
def test_an_output_that_may_not_be_written_is_refused_before_any_analysis(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        existing: bytes, overwrite: bool) -> None:
    """The check came after the models loaded and every eye was analysed: minutes, then "already exists"."""
    from app.report import sources

    def no_analysis(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("analysed before the output was checked")

    monkeypatch.setattr(sources.Analyzer, "__init__", no_analysis)
    image = _image(tmp_path / "eye.png")
    out = tmp_path / "r.pdf"
    out.write_bytes(existing)
    assert main(["report", str(image), "--out", str(out), *(["--overwrite"] if overwrite else [])]) == 2
    assert str(out) in capsys.readouterr().err and out.read_bytes() == existing


@pytest.mark.parametrize("option, name", [("--out", "r.pdf"), ("--dicom", "r.dcm")])
def test_an_output_on_a_read_only_disk_is_refused_before_any_analysis(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], option: str,
        name: str) -> None:
    """It was refused, in these words, once every eye was analysed and the report built (23 s)."""
    from app.report import sources
    from tests.hostile_fs_corpus import read_only

    def no_analysis(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("analysed before the output was checked")

    monkeypatch.setattr(sources.Analyzer, "__init__", no_analysis)
    image = _image(tmp_path / "eye.png")
    folder = tmp_path / "reports"
    folder.mkdir()
    read_only(folder, monkeypatch)
    assert main(["report", str(image), option, str(folder / name)]) == 2
    assert capsys.readouterr().err == (f"error: cannot write {folder / name} (the disk or folder is read-only); "
                                       "choose another file\n")
    assert list(folder.iterdir()) == []


def test_a_report_of_a_volume_whose_shown_bscan_was_never_saved_reads_its_folder(tmp_path: Path, capsys) -> None:
    """The reader classed B-scan 2 DME in the window and reported the volume file: its shown (middle) B-scan's own
    case was never saved, so the folder was not opened and the report warned of nothing."""
    from pydicom import uid

    from tests.dicom_files import write_dicom

    volume = write_dicom(tmp_path / "vol.dcm", np.full((5, 32, 48), 90, np.uint8),
                         uid.OphthalmicTomographyImageStorage, frames=True)
    with Workspace.open(tmp_path) as ws:
        (case,) = ws.cases()
        doc = ws.load_case(ws.bscan_case_id(case.case_id, 2))
        doc.grade = ReaderGrade(oct_class="DME")
        ws.save_case(doc)
    for given in (str(volume), f"{volume}#frame=4"):
        assert main(["report", given, "--out", str(tmp_path / "vol.pdf"), "--overwrite", "--no-analysis"]) == 0
        assert "B-scan(s) 2 of the same volume record DME" in capsys.readouterr().err
