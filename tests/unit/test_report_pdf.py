"""The PDF report: embedded fonts (Chinese included), text that extracts back, lesion colours, missing AI results."""
from __future__ import annotations

import base64
import io
import re
import shutil
import subprocess
import unicodedata
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.classes import LesionClass
from annotations.document import AIResult, CaseDocument, Modality, PatientInfo, ReaderGrade
from annotations.findings import BLENDED_SOURCE, CLASSICAL_SOURCE, GATED_SOURCE, Findings
from app.report import ClinicSettings, EyeInput, ReportError, ReportInput, build_report_pdf, write_report_pdf

# DESIGN.md display colours, written out here so the test checks the document, not the code's own table.
DESIGN_COLOURS = {LesionClass.MA: (0xFF, 0xD4, 0x00), LesionClass.HE: (0x00, 0xC8, 0x53),
                  LesionClass.EX: (0x29, 0x79, 0xFF), LesionClass.SE: (0xFF, 0x40, 0xC0)}
GREY = 100
CHINESE_NAME = "王小明"


# --- a minimal reader for the PDFs reportlab writes (object dictionaries are never compressed) -------------------
def pdf_objects(data: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    """Object number -> (dictionary, raw stream bytes or None)."""
    objects = {}
    for match in re.finditer(rb"(\d+) 0 obj\s*(<<.*?>>)\s*(stream\r?\n|endobj)", data, re.S):
        stream = None
        if match.group(3).startswith(b"stream"):
            length = int(re.search(rb"/Length (\d+)", match.group(2)).group(1))
            stream = data[match.end():match.end() + length]
        objects[int(match.group(1))] = (match.group(2), stream)
    return objects


def ref(dictionary: bytes, key: bytes) -> int | None:
    found = re.search(rb"/" + key + rb" (\d+) 0 R", dictionary)
    return int(found.group(1)) if found else None


def font_report(data: bytes) -> list[tuple[str, bool]]:
    """(BaseFont, embedded) for every font object in the file."""
    objects = pdf_objects(data)
    fonts = []
    for dictionary, _ in objects.values():
        if not re.search(rb"/Type /Font\b", dictionary):
            continue
        name = re.search(rb"/BaseFont /(\S+)", dictionary).group(1).decode()
        if b"/Subtype /Type0" in dictionary:
            descendant = int(re.search(rb"/DescendantFonts \[ ?(\d+) 0 R", dictionary).group(1))
            dictionary = objects[descendant][0]
        descriptor = ref(dictionary, b"FontDescriptor")
        embedded = descriptor is not None and re.search(rb"/FontFile[23]? \d+ 0 R", objects[descriptor][0]) is not None
        fonts.append((name, embedded))
    return fonts


def pdf_images(data: bytes, jpeg_only: bool = False) -> list[np.ndarray]:
    """The image XObjects, decoded to RGB arrays (JPEG panels, and raw pictures such as a PNG logo)."""
    images = []
    for dictionary, stream in pdf_objects(data).values():
        if b"/Subtype /Image" not in dictionary or stream is None:
            continue
        if b"/ASCII85Decode" in dictionary:
            stream = base64.a85decode(stream.strip().removesuffix(b"~>"))
        if b"/DCTDecode" in dictionary:
            images.append(np.asarray(Image.open(io.BytesIO(stream)).convert("RGB")))
        elif not jpeg_only and b"/FlateDecode" in dictionary and b"/DeviceRGB" in dictionary:
            width, height = (int(re.search(rb"/" + key + rb" (\d+)", dictionary).group(1))
                             for key in (b"Width", b"Height"))
            images.append(np.frombuffer(zlib.decompress(stream), np.uint8).reshape(height, width, 3))
    return images


def extract_text(data: bytes, tmp_path: Path) -> str:
    """pypdf when installed (dev dependency), else poppler's pdftotext, else skip."""
    try:
        import pypdf
    except ImportError:
        if shutil.which("pdftotext") is None:
            pytest.skip("neither pypdf nor pdftotext is available to extract text")
        source = tmp_path / "report.pdf"
        source.write_bytes(data)
        return subprocess.run(["pdftotext", "-enc", "UTF-8", str(source), "-"], capture_output=True, check=True,
                              text=True, encoding="utf-8").stdout
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


# --- cases ------------------------------------------------------------------------------------------------------
def lesion_mask(height: int = 240, width: int = 360) -> np.ndarray:
    """One 60x60 block per lesion class, large enough to survive scaling to print size."""
    mask = np.zeros((height, width), np.uint8)
    for i, cls in enumerate(DESIGN_COLOURS):
        y, x = 30 + (i // 2) * 110, 30 + (i % 2) * 180
        mask[y:y + 60, x:x + 60] = cls.bit
    return mask


def make_eye(eye: str = "OD", with_ai: bool = True, name: str = CHINESE_NAME, grey: int = GREY) -> EyeInput:
    mask = lesion_mask()
    height, width = mask.shape
    image = np.full((height, width, 3), grey, np.uint8)
    reader_mask = mask.copy()
    reader_mask[200:230, 300:330] |= LesionClass.MA.bit  # the reader added a lesion the AI missed
    ai = None
    if with_ai:
        findings = {cls.name: {"count": 1, "area_px": 3600, "area_mm2": None, "quadrants": {"ST": 1}}
                    for cls in DESIGN_COLOURS}
        findings["summary"] = "Haemorrhages and exudates in fewer than 4 quadrants: moderate NPDR (ICDR 2)."
        ai = AIResult(models=[{"name": "unit-grader", "version": "3.1", "sha256": "ab" * 32, "task": "grading"}],
                      dr_grade=2, grade_probs=[0.05, 0.1, 0.7, 0.1, 0.05], grade_source="model", referable=True,
                      referable_prob=0.8, quality={"gradable": True, "reason": "sharp"},
                      findings=Findings.from_json(findings),
                      mask=mask.copy(), cam=np.linspace(0, 1, height * width, dtype=np.float32).reshape(height, width))
    doc = CaseDocument(case_id=f"case-{eye}", image_path=f"images/{eye}.jpg", width=width, height=height,
                       mask=reader_mask,
                       ai=ai, grade=ReaderGrade(dr_grade=2), findings_text="Blot haemorrhages temporal to the macula.",
                       patient=PatientInfo(patient_id="P-001", name=name, age=61, sex="F", eye=eye,
                                           exam_date="2026-11-20"))
    return EyeInput(doc, image)


def make_report(*eyes: EyeInput, **options) -> ReportInput:
    defaults = dict(patient=eyes[0].doc.patient, reader="Dr. Chen 陈医生", diagnosis="Moderate NPDR, 中度非增殖期",
                    clinic=ClinicSettings(name="Test Eye Clinic", address="1 Road\nTown"), program_version="9.9.9",
                    report_date="2026-11-21")
    return ReportInput(eyes=list(eyes), **{**defaults, **options})


@pytest.fixture(scope="module")
def one_eye_pdf() -> bytes:
    return build_report_pdf(make_report(make_eye()))


# --- tests --------------------------------------------------------------------------------------------------------
def test_chinese_report_embeds_every_font(one_eye_pdf: bytes) -> None:
    fonts = font_report(one_eye_pdf)
    assert fonts, "the report has text, so it has fonts"
    assert all(embedded for _, embedded in fonts), f"fonts not embedded: {fonts}"
    assert not any(name in {"Helvetica", "Times-Roman", "Courier"} for name, _ in fonts)
    assert len(fonts) >= 2  # the Latin font and the CJK font both appear


def test_font_check_catches_a_standard_font() -> None:
    """The checker itself: a plain reportlab canvas uses Helvetica, which is not embedded."""
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(10, 10, "plain")
    canvas.save()
    assert ("Helvetica", False) in font_report(buffer.getvalue())


def test_text_extracts_back_including_chinese(one_eye_pdf: bytes, tmp_path: Path) -> None:
    text = extract_text(one_eye_pdf, tmp_path)
    for expected in (CHINESE_NAME, "陈医生", "P-001", "Test Eye Clinic", "Moderate NPDR", "unit-grader", "ab" * 32,
                     "9.9.9", "aid to a qualified reader", "moderate NPDR (ICDR 2", "Refer to an ophthalmologist"):
        assert expected in text, f"{expected!r} not found in the extracted text"


def test_panels_show_design_lesion_colours(one_eye_pdf: bytes) -> None:
    images = pdf_images(one_eye_pdf, jpeg_only=True)
    assert len(images) == 4  # original, AI, reader overlays, Grad-CAM: all JPEG
    assert len(pdf_images(one_eye_pdf)) == 5  # and the colour key's Grad-CAM ramp
    original, ai_overlay, reader_overlay, _ = images  # drawn in this order
    assert np.abs(original.astype(int) - GREY).max() <= 3
    for cls, colour in DESIGN_COLOURS.items():
        blended = np.array(colour) * 0.55 + GREY * 0.45  # annotations.render.overlay_mask, alpha 0.55
        for image in (ai_overlay, reader_overlay):
            distance = np.abs(image.astype(int) - blended).max(axis=2)
            assert (distance <= 12).mean() > 0.02, f"{cls.name} colour {colour} missing from an overlay panel"


def eye_with_classical_sources() -> EyeInput:
    """An AI result that a grading model, the classical detector and a lesion-region model that gated it made."""
    eye = make_eye()
    ai = eye.doc.ai
    ai.models = [*ai.models, {"name": CLASSICAL_SOURCE, "version": "1", "sha256": "", "task": "lesion-segmentation"},
                 {"name": "ma-candidates", "version": "2", "sha256": "cd" * 32, "task": "lesion-candidates"}]
    ai.findings.lesion_sources = {"MA": GATED_SOURCE.format(model="ma-candidates"), "HE": CLASSICAL_SOURCE,
                                  "EX": CLASSICAL_SOURCE, "SE": "ma-candidates"}
    return eye


def test_footer_names_the_models_as_the_window_does_with_their_sha256(tmp_path: Path) -> None:
    text = " ".join(extract_text(build_report_pdf(make_report(eye_with_classical_sources())), tmp_path).split())
    for expected in ("unit-grader 3.1 · sha256 " + "ab" * 32, "classical lesion detector (HE, EX) · v1",
                     "classical lesion detector gated by ma-candidates (MA) · v1",
                     "ma-candidates 2 (SE) · sha256 " + "cd" * 32):
        assert expected in text, f"{expected!r} not in the footer"
    assert "classical-detector" not in text and "(grading)" not in text


def test_footer_credits_a_class_two_models_averaged_to_both(tmp_path: Path) -> None:
    eye = make_eye()
    ai = eye.doc.ai
    ai.models = [{"name": "idrid-lesions", "version": "4", "sha256": "ef" * 32, "task": "lesion-segmentation"},
                 {"name": "he-candidates", "version": "1", "sha256": "cd" * 32, "task": "region-candidates"}]
    ai.findings.lesion_sources = {"HE": BLENDED_SOURCE.format(model="he-candidates", partner="idrid-lesions"),
                                  "EX": "idrid-lesions"}
    text = " ".join(extract_text(build_report_pdf(make_report(eye)), tmp_path).split())
    for expected in ("idrid-lesions 4 (HE, EX) · sha256 " + "ef" * 32, "he-candidates 1 (HE) · sha256 " + "cd" * 32):
        assert expected in text, f"{expected!r} not in the footer"


def test_report_without_ai_result_says_so(tmp_path: Path) -> None:
    data = build_report_pdf(make_report(make_eye(with_ai=False)))
    text = extract_text(data, tmp_path)
    assert "No AI result" in text
    assert "none (no AI result in this report)" in text
    assert all(embedded for _, embedded in font_report(data))


def test_a_case_neither_analysed_nor_graded_is_not_said_to_rest_on_the_readers_assessment(tmp_path: Path) -> None:
    """`report --no-analysis` of a photo no one graded: "This report rests on the reader's assessment alone" stood
    above a reader's grade that read "not recorded"."""
    eye = make_eye(with_ai=False)
    graded = " ".join(extract_text(build_report_pdf(make_report(eye)), tmp_path).split())
    assert "This report rests on the reader's assessment alone." in graded
    eye.doc.grade = ReaderGrade()
    text = " ".join(extract_text(build_report_pdf(make_report(eye)), tmp_path).split())
    assert "No AI result: the analysis has not been run for this case, and no reader has graded it yet." in text
    assert "rests on the reader's assessment" not in text


def test_a_photo_without_an_ai_result_gets_the_readers_column_alone(tmp_path: Path) -> None:
    """Its table printed "—" in the count, area and quadrant columns of every class beside the reader's counts."""
    text = " ".join(extract_text(build_report_pdf(make_report(make_eye(with_ai=False))), tmp_path).split())
    table = text[text.index("No AI findings"):]
    assert table.startswith("No AI findings; only the lesions the reader marked are counted. Class Reader "
                            "MA microaneurysm 2 HE haemorrhage 1")
    assert "Count" not in table and "Quadrants" not in text and "—" not in table[:table.index("SE")]


def test_a_reader_who_marked_no_lesion_is_shown_so_not_as_counting_none(tmp_path: Path) -> None:
    """"0" in every row of the Reader column beside the AI's counts read as the reader's count of none, where they
    only graded; a reader who marked lesions gets their counts, 0 where a class has none."""
    eye = make_eye()
    eye.doc.mask[:] = 0
    text = " ".join(extract_text(build_report_pdf(make_report(eye)), tmp_path).split())
    assert "MA microaneurysm 1 3600 px 1 — — — — HE haemorrhage 1 3600 px 1 — — — —" in text
    marked = " ".join(extract_text(build_report_pdf(make_report(make_eye())), tmp_path).split())
    assert "MA microaneurysm 1 3600 px 1 — — — 2 HE haemorrhage 1 3600 px 1 — — — 1" in marked


def missing_bscan_report_text(tmp_path: Path, language: str) -> str:
    """The text of a report on B-scan 3 of scans/vol.dcm, whose image cannot be read, without white space (a
    caption may wrap anywhere)."""
    eye = make_eye()
    eye.doc.image_path, eye.doc.modality = "scans/vol.dcm#frame=3", Modality.OCT  # an OCT volume's: B-scans
    data = build_report_pdf(make_report(EyeInput(eye.doc, None), language=language))
    return "".join(extract_text(data, tmp_path).split())


def test_a_b_scan_whose_image_is_missing_is_named_by_its_volume_and_number(tmp_path: Path) -> None:
    text = missing_bscan_report_text(tmp_path, "en")
    assert "Imagenotavailable:'scans/vol.dcm',B-scan3" in text and "#frame=" not in text, text


def test_two_eye_report_has_both_eyes_right_eye_first(tmp_path: Path) -> None:
    data = build_report_pdf(make_report(make_eye("OS", grey=90), make_eye("OD"), paper="Letter"))
    text = extract_text(data, tmp_path)
    assert text.index("OD (right eye)") < text.index("OS (left eye)")
    assert len(pdf_images(data, jpeg_only=True)) == 8 and len(pdf_images(data)) == 9  # and the key's ramp, once
    assert b"/MediaBox [ 0 0 612 792 ]" in data  # Letter


def test_a4_and_summary_template(tmp_path: Path) -> None:
    data = build_report_pdf(make_report(make_eye(), template="summary"))
    assert b"/MediaBox [ 0 0 595.2756 841.8898 ]" in data
    assert len(pdf_images(data)) == 2  # original and reader overlay
    assert "Grad-CAM" not in extract_text(data, tmp_path)


def test_write_report_pdf_writes_the_file(tmp_path: Path) -> None:
    target = write_report_pdf(make_report(make_eye(name="Ann Lee")), tmp_path / "out" / "report.pdf")
    assert target.read_bytes().startswith(b"%PDF")


def test_unreadable_logo_is_a_clear_error(tmp_path: Path) -> None:
    """In one line, naming the file and why: reportlab's own message dumped its reader's and a buffer's reprs."""
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"not an image")
    for path, why in ((logo, "not an image file this program reads"),
                      (tmp_path / "gone.png", "the file or folder does not exist")):
        with pytest.raises(ReportError) as raised:
            build_report_pdf(make_report(make_eye(), clinic=ClinicSettings(name="X", logo_path=str(path))))
        said = str(raised.value)
        assert said.startswith(f"clinic logo {path} cannot be read ({why}); choose a PNG or JPEG file")
        assert "\n" not in said and "0x" not in said


def test_clinic_logo_is_drawn_in_the_header(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 40), (10, 90, 200)).save(logo)
    clinic = ClinicSettings(name="A clinic with a rather long name " * 3, address="Street 1", logo_path=str(logo))
    data = build_report_pdf(make_report(make_eye(), clinic=clinic))
    flat = [image for image in pdf_images(data) if image.shape[:2] == (40, 120)]
    assert flat and (np.abs(flat[0].astype(int) - (10, 90, 200)).max() <= 3)


def test_report_input_rejects_bad_options() -> None:
    with pytest.raises(ValueError, match="one or two eyes"):
        ReportInput(eyes=[])
    with pytest.raises(ValueError, match="paper"):
        make_report(make_eye(), paper="A5")


@pytest.mark.parametrize("two_eyes", [False, True])
def test_the_referable_flag_and_icdr_sentence_of_an_ungradable_photo_say_they_do_not_count(two_eyes: bool,
                                                                                          tmp_path: Path) -> None:
    """A dark, blurred photo the quality check rejected: the AI grade said "not reliable", while "Referable DR yes"
    and the ICDR sentence ("… moderate NPDR (ICDR 2)"), read from the same lesion masks, passed for findings."""
    eye = make_eye("OD")
    eye.doc.ai.quality = {"gradable": False, "reason": "too dark (mean level 17, needs 25)"}
    eyes = [eye] + ([make_eye("OS")] if two_eyes else [])
    text = " ".join(extract_text(build_report_pdf(make_report(*eyes)), tmp_path).split())
    assert "Referable DR yes (probability 80%); not reliable: the photo is not gradable" in text
    sentence = "cannot be seen in these lesion masks. Not reliable: the photo is not gradable."
    assert text.count(sentence) == 1 and text.count("not reliable: the photo is not gradable") == 2


@pytest.mark.parametrize("two_eyes", [False, True])
def test_the_lesion_table_says_where_the_ais_masks_were_cut(two_eyes: bool, tmp_path: Path) -> None:
    """The counts and the AI overlay depend on the probability each class's mask was cut at (a site's reader
    thresholds: EX at 0.3 counts many more exudates than at 0.5); the report printed them without it."""
    eyes = [make_eye("OD")] + ([make_eye("OS")] if two_eyes else [])
    eyes[0].doc.ai.mask_thresholds = {"MA": 0.499, "HE": 0.48, "EX": 0.3, "SE": 0.9}
    eyes[0].doc.ai.probability_thresholds = {"OD": 0.3, "MA": 0.499, "HE": 0.48, "EX": 0.3, "SE": 0.9}
    text = " ".join(extract_text(build_report_pdf(make_report(*eyes)), tmp_path).split())
    assert text.count("AI masks cut at probability: MA 0.499, HE 0.48, EX 0.3, SE 0.9") == 1
    assert "OD 0.3" not in text  # the optic disc is no lesion of the table


def test_the_photos_are_carried_as_jpeg_bytes_not_ascii85_text(one_eye_pdf: bytes) -> None:
    """reportlab's ASCII85 filter (in pure Python here) took 0.2 s of each preview rebuild of a 12 MP photo's
    report, on the GUI thread, and made every image a quarter larger; PDF streams are binary anyway."""
    images = [dictionary for dictionary, _ in pdf_objects(one_eye_pdf).values() if b"/Subtype /Image" in dictionary]
    assert images and not [dictionary for dictionary in images if b"/ASCII85Decode" in dictionary]
    assert not [stream for dictionary, stream in pdf_objects(one_eye_pdf).values()
                if stream is not None and b"/ASCII85Decode" in dictionary]  # the page contents neither


def test_a_name_written_decomposed_prints_with_its_letters_composed(tmp_path: Path) -> None:
    """A name typed on macOS or read from some archives comes decomposed ("A" + combining acute): its marks were drawn
    as glyphs of their own at a small letter's height, across the capitals (Á, Å, Ñ read crossed out) and stacked
    into one another (ễ). The fonts hold the composed letters, which print as the name is meant."""
    composed = "Ánh Nguyễn Åsa Ñúñez"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    eye = make_eye(name=decomposed)
    eye.doc.findings_text = f"Seen with {decomposed}"
    text = extract_text(build_report_pdf(make_report(eye, reader=decomposed, diagnosis=decomposed)), tmp_path)
    assert text.count(composed) >= 5 and not any(unicodedata.combining(char) for char in text)
