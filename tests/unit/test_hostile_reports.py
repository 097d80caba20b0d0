"""Reports on hostile input (issue 13): any field of any length gives a PDF, its text wrapped or shortened with a
visible ellipsis, and `report --out` never replaces an input image or, unless asked, an existing file."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.document import PatientInfo
from app.cli import main
from app.report import ClinicSettings, build_report_pdf
from app.report.limits import ELLIPSIS, fit
from tests.unit.test_report_pdf import extract_text, make_eye, make_report

LONG = {"words": "lorem ipsum " * 2000, "one word": "Ab" * 12000, "chinese": "王小明" * 8000,
        "lines": "line\n" * 4000}


def _report(field: str, text: str, two_eyes: bool, template: str):  # noqa: ANN202 - ReportInput
    eyes = [make_eye("OD")] + ([make_eye("OS")] if two_eyes else [])
    for eye in eyes:
        eye.doc.findings_text = text if field == "findings" else eye.doc.findings_text
        eye.doc.ai.models = [{"name": text, "version": text, "sha256": text, "task": text}] * 20 \
            if field == "model card" else eye.doc.ai.models
    options = {"template": template}
    patient = eyes[0].doc.patient
    if field in ("name", "patient_id", "exam_date", "sex"):
        options["patient"] = dataclasses.replace(patient, **{field: text})
    elif field in ("reader", "diagnosis", "recommendation"):
        options[field] = text
    elif field == "clinic":
        options["clinic"] = ClinicSettings(name=text, address=text)
    return make_report(*eyes, **options)


@pytest.mark.parametrize("two_eyes, template", [(False, "clinical"), (True, "clinical")])
@pytest.mark.parametrize("kind", list(LONG))
@pytest.mark.parametrize("field", ["name", "patient_id", "exam_date", "sex", "reader", "diagnosis", "recommendation",
                                   "clinic", "findings", "model card"])
def test_any_field_of_any_length_gives_a_pdf(field: str, kind: str, two_eyes: bool, template: str) -> None:
    data = build_report_pdf(_report(field, LONG[kind], two_eyes, template))
    assert data.startswith(b"%PDF")


def test_a_shortened_field_shows_an_ellipsis_on_the_page(tmp_path: Path) -> None:
    name = "Maria " + "Anna " * 600
    data = build_report_pdf(make_report(make_eye(), patient=PatientInfo(name=name, patient_id="P-7"),
                                        recommendation="Refer within 4 weeks. " * 300))
    text = extract_text(data, tmp_path)
    assert "Maria Anna" in text and "P-7" in text and text.count(ELLIPSIS) >= 2


def test_fit_keeps_short_text_and_marks_what_it_cuts() -> None:
    assert fit("Ann Lee", 120) == "Ann Lee"
    assert fit("a" * 200, 120).endswith(ELLIPSIS) and len(fit("a" * 200, 120)) == 120
    assert fit("王" * 200, 120) == "王" * 59 + ELLIPSIS  # wide characters take two units
    assert fit("one\ntwo", 120) == "one two" and fit("1\n2\n3", 100, 2) == "1\n2 " + ELLIPSIS


def _image(path: Path) -> Path:
    Image.fromarray(np.full((64, 64, 3), 90, np.uint8)).save(path)
    return path


def test_report_out_never_replaces_an_input_image_and_needs_overwrite_for_a_file(tmp_path: Path, capsys) -> None:
    image = _image(tmp_path / "eye.png")
    before = image.read_bytes()
    for extra in ([], ["--overwrite"]):
        assert main(["report", str(image), "--out", str(image), "--no-analysis", *extra]) == 2
        assert "original image" in capsys.readouterr().err
    assert image.read_bytes() == before
    existing = tmp_path / "letter.pdf"
    earlier_report = b"%PDF-1.4 /Creator (RetinaReview 0.1) an earlier report"
    existing.write_bytes(earlier_report)
    assert main(["report", str(image), "--out", str(existing), "--no-analysis"]) == 2
    assert "--overwrite" in capsys.readouterr().err and existing.read_bytes() == earlier_report
    assert main(["report", str(image), "--out", str(existing), "--no-analysis", "--overwrite"]) == 0
    assert existing.read_bytes().startswith(b"%PDF")
    fresh = tmp_path / "fresh.pdf"
    assert main(["report", str(image), "--out", str(fresh), "--dicom", str(image), "--no-analysis"]) == 2
    assert not fresh.exists() and image.read_bytes() == before  # both targets checked before either is written


def test_report_out_and_dicom_must_be_two_files(tmp_path: Path, capsys) -> None:
    """With --overwrite the DICOM was written over the PDF just written under the same name."""
    image = _image(tmp_path / "eye.png")
    (tmp_path / "sub").mkdir()
    for dicom in (tmp_path / "r.pdf", tmp_path / "sub" / ".." / "r.pdf"):
        assert main(["report", str(image), "--out", str(tmp_path / "r.pdf"), "--dicom", str(dicom), "--no-analysis",
                     "--overwrite"]) == 2
        assert "would be written twice in one run" in capsys.readouterr().err
        assert not (tmp_path / "r.pdf").exists()


def test_a_report_replaces_only_an_earlier_report_whatever_it_is_asked(tmp_path: Path, capsys) -> None:
    """Only the report's own eyes counted as originals: --overwrite put a PDF over a sibling photo, and a DICOM
    report over a DICOM image; --out r.jpg put a PDF among the photos, where the folder's scan listed it."""
    from annotations.dicom.report_object import report_dicom_bytes
    from tests.dicom_files import fundus_rgb, write_dicom

    image, sibling = _image(tmp_path / "eye.png"), _image(tmp_path / "other_eye.png")
    notes, scan = tmp_path / "notes.pdf", write_dicom(tmp_path / "scan.dcm", fundus_rgb())
    notes.write_bytes(b"%PDF-1.4 a referral letter, Dear colleague ...")  # a PDF, but no report of the program's
    kept = {path: path.read_bytes() for path in (sibling, notes, scan)}
    for option, target, why in (("--out", sibling, "is not a report this program wrote"),
                                ("--out", tmp_path / "new.jpg", "a report is a PDF: name it .pdf"),
                                ("--out", notes, "is not a report this program wrote"),
                                ("--dicom", scan, "is not a DICOM report this program wrote")):
        assert main(["report", str(image), option, str(target), "--no-analysis", "--overwrite"]) == 2
        assert why in capsys.readouterr().err
    assert {path: path.read_bytes() for path in kept} == kept and not (tmp_path / "new.jpg").exists()
    earlier = tmp_path / "earlier.dcm"
    earlier.write_bytes(report_dicom_bytes(b"%PDF-1.4 /Creator (RetinaReview 0.1)", make_eye().doc.patient, [],
                                         "Report"))
    assert main(["report", str(image), "--dicom", str(earlier), "--no-analysis", "--overwrite"]) == 0


def test_a_file_no_report_replaces_is_refused_as_such_without_overwrite(tmp_path: Path, capsys) -> None:
    """Refused first as "already exists … ask to overwrite (--overwrite)", and once asked as no report of the
    program's: a refusal never offers --overwrite for a file it would not replace."""
    from tests.dicom_files import fundus_rgb, write_dicom

    image, sibling = _image(tmp_path / "eye.png"), _image(tmp_path / "scanned_letter.pdf")  # PIL's PDF
    notes, scan = tmp_path / "notes.pdf", write_dicom(tmp_path / "scan.dcm", fundus_rgb())
    notes.write_bytes(b"%PDF-1.4 a referral letter, Dear colleague ...")
    kept = {path: path.read_bytes() for path in (sibling, notes, scan)}
    for option, target, why in (("--out", sibling, "is not a report this program wrote"),
                                ("--out", notes, "is not a report this program wrote"),
                                ("--dicom", scan, "is not a DICOM report this program wrote")):
        assert main(["report", str(image), option, str(target), "--no-analysis"]) == 2
        error = capsys.readouterr().err
        assert f"{target}: {why}" in error and "--overwrite" not in error and "already exists" not in error
    assert {path: path.read_bytes() for path in kept} == kept


@pytest.mark.parametrize("option", ["--out", "--dicom"])
@pytest.mark.parametrize("folder", ["new/", "existing", "existing/"])
def test_a_report_output_naming_a_folder_is_refused_before_anything_is_done(tmp_path: Path, capsys, monkeypatch,
                                                                            option: str, folder: str) -> None:
    """`--out new/`, a folder meant, wrote a file named `new`; an existing folder was refused once the report was
    built, as "1 file(s) in the way … ask to overwrite"."""
    image = _image(tmp_path / "eye.png")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "existing").mkdir()
    with pytest.raises(SystemExit) as ended:
        main(["report", str(image), option, folder, "--no-analysis"])
    example = Path(folder) / ("report.pdf" if option == "--out" else "report.dcm")
    assert ended.value.code == 2
    assert f"{option}: {folder!r} names a folder: give the file's own name, e.g. {example}" in capsys.readouterr().err
    assert sorted(path.name for path in tmp_path.iterdir()) == ["existing", "eye.png"]
    assert not any((tmp_path / "existing").iterdir())
