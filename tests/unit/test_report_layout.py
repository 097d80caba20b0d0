"""How the report's sections fall on its pages: a typical one-eye report on one page, each eye's evidence with its
grade in a two-eye report, the reader's findings printed once."""
from __future__ import annotations

import dataclasses
import io
import re
from typing import Any

import numpy as np
import pytest
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from annotations.findings import DISC_SCALE_SOURCE
from annotations.pixel_spacing import RECORDED_SCALE_SOURCE
from annotations.reading.report_grading import DoubleReading
from app.report import ClinicSettings, EyeInput, build_report_pdf
from app.report.bridge import fields_from_eyes, report_from_fields
from tests.unit.test_report_line_widths import LONG_ENGLISH, drawn_lines
from tests.unit.test_report_oct import oct_eye, painted_eye
from tests.unit.test_report_pdf import make_eye, make_report

pypdf = pytest.importorskip("pypdf")
FOUR_LINE_ADDRESS = ClinicSettings(name="Test Eye Clinic", address="Eye Department\n1 Road\nTown\n+1 555 0100")
TWO_LINE_CLINIC = "St. Bartholomew's Community Diabetic Eye Screening Programme and Regional Retina Service"

AI_ICDR = "AI, by the ICDR rules"  # what names the ICDR sentence under a lesion table as the AI's


def page_texts(data: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def pages_with(texts: list[str], words: str) -> list[int]:
    return [number for number, text in enumerate(texts) if words in text]


def square_photo(eye: EyeInput, side: int = 360) -> EyeInput:
    """The eye photographed by a camera that takes square pictures (taller panels than the usual 3:2)."""
    doc = dataclasses.replace(eye.doc, width=side, height=side, mask=np.zeros((side, side), np.uint8))
    doc.ai.mask, doc.ai.cam = np.zeros((side, side), np.uint8), np.zeros((side, side), np.float32)
    return EyeInput(doc, np.full((side, side, 3), 100, np.uint8))


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("template", ["clinical", "summary"])
def test_a_typical_one_eye_report_fits_on_one_page(paper: str, template: str) -> None:
    """Grade, images, lesions, the reader's assessment and findings, diagnosis, recommendation and signature."""
    texts = page_texts(build_report_pdf(make_report(make_eye(), paper=paper, template=template,
                                                    clinic=FOUR_LINE_ADDRESS)))
    assert len(texts) == 1
    for words in ("AI result", "Reader's assessment", "Blot haemorrhages", "Recommendation", "Signature"):
        assert words in texts[0]


def calibrated(eye: EyeInput, source: str = RECORDED_SCALE_SOURCE) -> EyeInput:
    """``eye`` with its areas in mm² at 6.5 µm per pixel from ``source``, and the thresholds its masks were cut at."""
    findings = eye.doc.ai.findings
    findings.mm_per_px, findings.scale_source = 0.0065, source
    for entry in findings.classes.values():
        entry.area_mm2 = round(entry.area_px * 0.0065 ** 2, 4)
    eye.doc.ai.mask_thresholds = {"MA": 0.5, "HE": 0.45, "EX": 0.5, "SE": 0.55}
    return eye


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_calibrated_photos_report_names_the_scale_of_its_areas_under_its_table_and_fits_one_page(paper: str) -> None:
    """The areas in mm² of a photo whose DICOM header records 6.5 µm per pixel rest on it, and the report says so
    under the lesion table, as the findings panel does, on the line of its thresholds: a typical report (under a
    four-line address, on Letter paper too) still fits one page, which a line of its own had pushed onto two."""
    texts = page_texts(build_report_pdf(make_report(calibrated(make_eye()), paper=paper, clinic=FOUR_LINE_ADDRESS)))
    assert len(texts) == 1
    assert "0.152 mm²" in texts[0]  # 3600 pixels of 6.5 µm
    assert ("AI masks cut at probability: MA 0.5, HE 0.45, EX 0.5, SE 0.55; Areas in mm² from the DICOM header's "
            "Pixel Spacing") in texts[0]


def test_a_one_eye_report_too_long_for_one_page_keeps_every_section() -> None:
    long_diagnosis = "\n".join(f"Line {n} of a long diagnosis written by the reader." for n in range(40))
    texts = page_texts(build_report_pdf(make_report(make_eye(), diagnosis=long_diagnosis)))
    assert len(texts) == 2
    assert pages_with(texts, "AI result") == pages_with(texts, "Original") == [0]  # the grade beside its images
    assert "Line 39 of a long diagnosis" in texts[-1] and "Signature" in texts[-1]


def test_a_two_eye_report_keeps_each_eyes_images_with_its_grade_and_its_lesion_table() -> None:
    """Square photos under a four-line address: all of it does not fit the first page, so the images and grades
    stay there (the lesion tables, their quadrant key and ICDR sentences had all gone to the next page, leaving the
    first page with the patient's details alone), and so do the lesion tables with their key where smaller images
    make room for them (they had gone with the sentences, leaving the last fifth of the first page empty); the
    sentences, each naming its eye, start the next page."""
    report = make_report(square_photo(make_eye("OD")), square_photo(make_eye("OS")), clinic=FOUR_LINE_ADDRESS)
    texts = page_texts(build_report_pdf(report))
    assert pages_with(texts, "Images — OD") == pages_with(texts, "Images — OS") == pages_with(
        texts, "AI result") == [0]
    tables = ("Lesions — OD (right eye)", "Lesions — OS (left eye)", "Quadrants:")
    assert [pages_with(texts, words) for words in tables] == [[0]] * len(tables)
    assert [pages_with(texts, f"{AI_ICDR} — {eye}") for eye in ("OD", "OS")] == [[1], [1]]


def test_a_two_eye_reports_lesion_tables_fill_the_first_page_where_their_sentences_do_not_fit_there() -> None:
    """Letter paper under a four-line address: the lesion tables, their key and the ICDR sentences do not all fit
    under the readers' grades, the tables with their key do. They had all gone to page 2 together, leaving the last
    fifth of page 1 empty; the tables now end page 1 and the sentences, each naming its eye, start page 2."""
    report = make_report(make_eye("OD"), make_eye("OS"), paper="Letter", clinic=FOUR_LINE_ADDRESS)
    texts = page_texts(build_report_pdf(report))
    for words in ("Reader's assessment — OS", "Lesions — OD (right eye)", "Lesions — OS (left eye)", "Quadrants:"):
        assert pages_with(texts, words) == [0], words
    assert pages_with(texts, f"{AI_ICDR} — OD (right eye)") == pages_with(texts, f"{AI_ICDR} — OS (left eye)") == [1]


def test_a_two_eye_reports_lesion_tables_stay_on_the_first_page_where_smaller_images_make_room_for_them() -> None:
    """Letter paper, each eye's header against its recorded eye (two lines of eye disagreement under the patient's
    details): beside the largest images the tables did not fit under the readers' grades and went to page 2 with the
    ICDR sentences, leaving the last fifth of page 1 empty; the images are now a little smaller and the tables end
    page 1."""
    eyes = [dataclasses.replace(make_eye(eye), header_eye=header) for eye, header in (("OD", "OS"), ("OS", "OD"))]
    texts = page_texts(build_report_pdf(make_report(*eyes, paper="Letter")))
    assert pages_with(texts, "Eye disagreement") == [0]
    for words in ("Images — OD", "Reader's assessment — OS", "Lesions — OD (right eye)", "Lesions — OS (left eye)",
                  "Quadrants:"):
        assert pages_with(texts, words) == [0], words
    assert pages_with(texts, f"{AI_ICDR} — OD (right eye)") == [1]


def test_a_two_eye_report_says_the_scale_both_eyes_share_once_and_keeps_its_tables_on_the_first_page() -> None:
    """As the test above, with areas in mm² from the optic disc's size: said in each narrow column, the scale wrapped
    each table's notes onto more lines and the tables left page 1; said once across both, beside the quadrant key,
    they stay. Two scales that differ are each said under their own eye's table."""
    eyes = [calibrated(make_eye(eye), DISC_SCALE_SOURCE.format(mm=1.8)) for eye in ("OD", "OS")]
    texts = page_texts(build_report_pdf(make_report(*eyes, paper="Letter", clinic=FOUR_LINE_ADDRESS)))
    for words in ("Lesions — OD (right eye)", "Lesions — OS (left eye)", "Quadrants:"):
        assert pages_with(texts, words) == [0], words
    whole = re.sub(r"\s+", " ", " ".join(texts))
    assert whole.count("Areas in mm² from optic disc diameter taken as 1.8 mm") == 1
    eyes[1] = calibrated(make_eye("OS"))
    whole = re.sub(r"\s+", " ", " ".join(page_texts(build_report_pdf(make_report(*eyes, clinic=FOUR_LINE_ADDRESS)))))
    for source in ("optic disc diameter taken as 1.8 mm", "the DICOM header's Pixel Spacing"):
        assert whole.count(f"Areas in mm² from {source}") == 1, source


def test_a_long_two_eye_report_on_letter_paper_starts_the_findings_on_its_first_page() -> None:
    """Long texts and a clinic name on two lines: the images, AI results and lesions, kept together, had gone to the
    second page, leaving the first one with the patient's details only."""
    eyes = [make_eye(eye, name=LONG_ENGLISH["patient"]) for eye in ("OD", "OS")]
    for eye in eyes:
        eye.doc.findings_text = LONG_ENGLISH["findings"]
    report = make_report(*eyes, paper="Letter", diagnosis=LONG_ENGLISH["diagnosis"], reader=LONG_ENGLISH["reader"],
                         recommendation=LONG_ENGLISH["recommendation"],
                         clinic=ClinicSettings(name=TWO_LINE_CLINIC, address=LONG_ENGLISH["address"]))
    texts = page_texts(build_report_pdf(report))
    assert pages_with(texts, "Images — OD") == pages_with(texts, "Images — OS") == [0]
    assert "AI result" in texts[0]
    assert len(texts) == 2 and "Signature" in texts[1]


def test_each_icdr_sentence_of_a_two_eye_report_names_its_eye() -> None:
    """Side by side under one quadrant key, and where they start a page, away from the images' columns, the two
    sentences read alike; a one-eye report's sentence has only its eye."""
    report = make_report(square_photo(make_eye("OD")), square_photo(make_eye("OS")), paper="Letter",
                         clinic=FOUR_LINE_ADDRESS)
    text = " ".join(page_texts(build_report_pdf(report)))
    assert text.count(f"{AI_ICDR} — OD (right eye): More than MA only") == text.count(
        f"{AI_ICDR} — OS (left eye): More than MA only") == 1
    assert "ICDR:" not in text
    one_eye = " ".join(page_texts(build_report_pdf(make_report(make_eye("OD")))))
    assert f"{AI_ICDR}: More than MA only" in one_eye and f"{AI_ICDR} —" not in one_eye and "Lesions —" not in one_eye


def test_two_eyes_neither_recorded_are_told_apart_by_their_images_wherever_the_report_names_them() -> None:
    """Two photos of eyes not recorded (a command-line report without --eye): every heading and the recommendation's
    basis read "eye not recorded" twice, over columns no one could tell apart."""
    first, second = make_eye(""), make_eye("")
    first.doc.image_path, second.doc.image_path = "visit/IDRiD_03.jpg", "visit/IDRiD_05.jpg"
    text = " ".join(" ".join(page_texts(build_report_pdf(make_report(first, second)))).split())
    for image in ("'visit/IDRiD_03.jpg'", "'visit/IDRiD_05.jpg'"):
        for heading in ("Images", "Lesions", f"{AI_ICDR}", "Reader's assessment"):
            assert text.count(f"{heading} — eye not recorded ({image})") == 1, (heading, image)
        assert f"eye not recorded ({image}): 2 — Moderate NPDR (reader)" in text  # the recommendation's basis
    one_recorded = " ".join(page_texts(build_report_pdf(make_report(make_eye("OD"), make_eye("")))))
    assert "Lesions — OD (right eye)" in one_recorded and "Lesions — eye not recorded" in one_recorded
    assert "jpg'" not in one_recorded  # told apart by their eyes already


def test_each_eyes_reader_assessment_names_its_eye_also_on_a_page_of_its_own() -> None:
    """In a two-eye report the readers' grades follow the images' columns, and may start the next page (full-size
    photos: the grades of both eyes alone on page 2, under two identical headings)."""
    report = make_report(square_photo(make_eye("OD")), square_photo(make_eye("OS")), clinic=FOUR_LINE_ADDRESS)
    texts = page_texts(build_report_pdf(report))
    assert len(pages_with(texts, "Reader's assessment — OD (right eye)")) == 1
    assert pages_with(texts, "Reader's assessment — OD (right eye)") == pages_with(
        texts, "Reader's assessment — OS (left eye)")
    one_eye = page_texts(build_report_pdf(make_report(make_eye("OD"))))
    assert "Reader's assessment" in one_eye[0] and "Reader's assessment —" not in one_eye[0]  # its only eye above


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_typical_two_eye_report_shows_its_images_on_the_first_page(paper: str) -> None:
    """Under the patient's details, as large as fits there: under a four-line address on Letter paper, the images,
    AI results and lesions (kept together) had gone to the second page, leaving the first one empty. There, the
    ICDR sentences now follow on the second page, below the readers' grades and lesion tables kept with the
    images."""
    report = make_report(make_eye("OD"), make_eye("OS"), paper=paper, clinic=FOUR_LINE_ADDRESS)
    texts = page_texts(build_report_pdf(report))
    assert pages_with(texts, "Images — OD") == [0]
    assert pages_with(texts, f"{AI_ICDR} — OS") == ([0] if paper == "A4" else [1])


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_typical_two_eye_report_prints_the_readers_grades_on_the_first_page_with_the_images(paper: str) -> None:
    """The reader's grade is the report's: it followed the lesion tables and went to page 2 where they left no room
    (the AI's grade alone beside the images on page 1). It now follows the AI results, the images a little smaller
    where that keeps it on page 1, and the lesions follow it."""
    report = make_report(make_eye("OD"), make_eye("OS"), paper=paper, clinic=FOUR_LINE_ADDRESS)
    texts = page_texts(build_report_pdf(report))
    for words in ("Images — OD", "AI result", "Reader's assessment — OD (right eye)",
                  "Reader's assessment — OS (left eye)"):
        assert pages_with(texts, words) == [0], words
    text = " ".join(texts)
    assert text.index("AI result") < text.index("Reader's assessment — OD") < text.index("Lesions — OD")


@pytest.mark.parametrize("eyes", [["OD"], ["OD", "OS"]])
def test_the_quadrant_codes_are_explained_once_under_the_lesion_tables(eyes: list[str]) -> None:
    """Both eyes' tables use the same codes: a two-eye report explains them once, under the two tables."""
    text = " ".join(page_texts(build_report_pdf(make_report(*[make_eye(eye) for eye in eyes]))))
    assert text.count("superotemporal") == 1
    legend = text.index("Quadrants: ST superotemporal")
    assert "px" not in text[legend:]  # under every lesion table (their areas), and above the ICDR sentences
    assert legend < re.search("ICDR rules(:| —)", text).start()


@pytest.mark.parametrize("second, across", [("photo", True), ("scan", False), ("painted scan", False)])
def test_the_quadrant_key_is_as_wide_as_the_lesion_tables_that_use_its_codes(second: str, across: bool) -> None:
    """Beside an OCT scan (no lesion table, or a table of the reader's marks without quadrants) the photo's key ran
    the page's width under its one column-wide table; under two photos' tables it spans both."""
    other = {"photo": make_eye("OS"), "scan": oct_eye("OS"), "painted scan": painted_eye("OS")}[second]
    lines = drawn_lines(make_report(make_eye("OD"), other))
    table_width = next(line.width for line in lines if line.text == "Lesions — OD (right eye)")
    key_widths = {line.width for line in lines if line.text.startswith("Quadrants: ST")}
    assert len(key_widths) == 1  # one key
    expected = 2 * table_width + 6 * mm if across else table_width  # across both columns and the gap between
    assert key_widths.pop() == pytest.approx(expected)


@pytest.mark.parametrize("eyes", [["OD"], ["OD", "OS"]])
def test_the_readers_findings_print_once_before_the_diagnosis(eyes: list[str]) -> None:
    """As the report dialog prefills it: the findings were printed in the reader's table and again as the
    diagnosis."""
    cases = [make_eye(eye) for eye in eyes]
    fields = fields_from_eyes(cases, reader="Dr. Chen")
    fields.diagnosis = fields.diagnosis or "Moderate NPDR with macular oedema."  # what the reader types
    text = " ".join(page_texts(build_report_pdf(report_from_fields(fields, cases, ClinicSettings(), "9.9.9"))))
    findings = "Blot haemorrhages temporal to the macula."
    assert text.count(findings) == len(eyes)  # once per eye that has them
    assert text.index("Findings") < text.index(findings) < text.index("Diagnosis")
    if len(eyes) == 2:
        assert f"OD (right eye): {findings}" in text and f"OS (left eye): {findings}" in text


def test_a_wrapped_quadrant_cell_keeps_each_code_with_its_count() -> None:
    """A two-eye report's joined quadrant cell wrapped as "ST 104 SN 70 IT 48 IN" over "31": IN seemed to have
    no lesions and the 31 to belong to no quadrant."""
    from annotations.icdr import QUADRANTS

    eyes = [make_eye(eye) for eye in ("OD", "OS")]
    for eye in eyes:
        for entry in eye.doc.ai.findings.classes.values():
            entry.quadrants = {"ST": 104, "SN": 70, "IT": 48, "IN": 31}
    pages = pypdf.PdfReader(io.BytesIO(build_report_pdf(make_report(*eyes)))).pages
    lines = [line.split() for page in pages for line in page.extract_text().splitlines() if line.strip()]
    assert any("104" in words for words in lines)
    assert not [words for words in lines if words[-1] in QUADRANTS]


@pytest.mark.parametrize("eyes", [["OS"], ["OD", "OS"]])
def test_a_long_findings_text_prints_whole_on_the_pages_it_needs(eyes: list[str]) -> None:
    """2,000 characters of findings, English and Chinese: the report cut them at 800 width units with an ellipsis,
    a limit kept from when they were printed in a table cell; they run on to the next page as the diagnosis does."""
    sentences = ["Dot and blot haemorrhages in the superotemporal arcade, hard exudates temporal to the fovea.",
                 "颞上血管弓见多处点状及斑片状出血，黄斑颞侧散在硬性渗出，未见新生血管。"]
    numbered = [f"({n:02d}) {sentences[n % 2]}" for n in range(30)]
    findings = " ".join(numbered)
    cases = [make_eye(eye) for eye in eyes]
    for case in cases:
        case.doc.findings_text = findings
    texts = page_texts(build_report_pdf(make_report(*cases)))
    assert len(findings) > 2000 and len(texts) >= 2
    text = "".join("".join(page.split()) for page in texts)
    assert "…" not in text and text.count("".join(numbered[-1].split())) == len(eyes)
    assert all(text.count(f"({n:02d})") == len(eyes) for n in range(len(numbered)))  # a page break may part one


def test_a_later_page_repeats_whose_report_it_is_above_its_text() -> None:
    """A second page showed the clinic's name and its findings, diagnosis and signature, the patient named only in
    the footer's small print, and not which eye or exam: it now repeats the patient's line under the header, its
    text starting below it."""
    long_diagnosis = "\n".join(f"Line {n} of a long diagnosis written by the reader." for n in range(40))
    report = make_report(make_eye(), diagnosis=long_diagnosis)
    texts = page_texts(build_report_pdf(report))
    line = "Patient: 王小明 · Patient ID: P-001 · Eye: OD (right eye) · Exam date: 20 Nov 2026 (continued)"
    assert len(texts) == 2 and line in texts[1] and "(continued)" not in texts[0]
    drawn: list[tuple[int, float, float, str]] = []  # page, bottom, top, text of each paragraph drawn
    draw_on = Paragraph.drawOn

    def spy(self: Paragraph, canvas: Any, x: float, y: float, *args: Any, **kwargs: Any) -> None:
        drawn.append((canvas.getPageNumber(), y, y + self.height, " ".join(self.getPlainText().split())))
        draw_on(self, canvas, x, y, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Paragraph, "drawOn", spy)
        build_report_pdf(report)
    header = next(bottom for page, bottom, _, text in drawn if page == 2 and text == line)
    body = [top for page, _, top, text in drawn if page == 2 and text.startswith(("Line ", "Diagnosis"))]
    assert body and max(body) < header


@pytest.mark.parametrize("template, keyed", [("clinical", True), ("summary", False)])
@pytest.mark.parametrize("eyes", [1, 2])
def test_the_grad_cam_ramp_is_keyed_once_where_its_panel_prints(template: str, keyed: bool, eyes: int) -> None:
    """The heat map's colours had no key: a reader could not tell which end of the ramp meant more."""
    text = " ".join(page_texts(build_report_pdf(make_report(*[make_eye()] * eyes, template=template))))
    assert text.count("Grad-CAM, weak to strong") == (1 if keyed else 0)
    assert text.count("MA microaneurysm") >= 1


def test_the_overlay_key_packs_its_keys_into_as_few_rows_as_the_width_allows() -> None:
    from app.report.fonts import resolve_fonts
    from app.report.layout import legend, make_styles

    s = make_styles(resolve_fonts())
    assert [len(legend(s, width, heat=True)._cellvalues) for width in (2000, 200, 10)] == [1, 3, 5]


@pytest.mark.parametrize("eyes", [1, 2])
def test_the_overlay_key_lists_the_lesion_classes_the_overlays_draw(eyes: int) -> None:
    """The key listed all four lesion classes wherever a photo's report printed overlays, even where no overlay drew
    any: a reader looked on the images for microaneurysms the key promised."""
    from annotations.classes import LesionClass

    def painted(*classes: LesionClass) -> EyeInput:
        eye = make_eye(with_ai=False)
        eye.doc.mask[:] = 0
        for number, cls in enumerate(classes):
            eye.doc.mask[10 + 40 * number:30 + 40 * number, 10:30] |= cls.bit
        return eye

    from app.report import layout

    def keyed(*eye_inputs: EyeInput) -> list[list[str]]:  # the words of each key printed
        keys: list[list[str]] = []
        make_legend, make_key = layout.legend, layout._Key

        def legend_spy(*args: Any, **kwargs: Any) -> Any:
            keys.append([])
            return make_legend(*args, **kwargs)

        def key_spy(text: str, *args: Any) -> Any:
            keys[-1].append(text)
            return make_key(text, *args)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(layout, "legend", legend_spy)
            patch.setattr(layout, "_Key", key_spy)
            build_report_pdf(make_report(*eye_inputs))
        return [list(words) for words in dict.fromkeys(map(tuple, keys))]  # one report's key made at each size tried

    assert keyed(*[painted()] * eyes) == []  # nothing drawn: no key
    assert keyed(*[painted(LesionClass.EX)] * eyes) == [["EX hard exudate"]]
    if eyes == 2:  # each eye's images their own key where they draw other classes, each in their order
        assert keyed(painted(LesionClass.HE), painted(LesionClass.SE, LesionClass.MA)) == [
            ["HE haemorrhage"], ["MA microaneurysm", "SE soft exudate"]]
    assert keyed(*[make_eye()] * eyes)[0][:4] == [  # the AI's overlay draws every class
        "MA microaneurysm", "HE haemorrhage", "EX hard exudate", "SE soft exudate"]


def drawn_paragraphs(report: Any) -> list[tuple[int, float, float, str, float]]:
    """(page, bottom, top, text, left) of every paragraph the report draws, on the page (a table's cells are drawn in
    coordinates moved to the cell)."""
    drawn: list[tuple[int, float, float, str, float]] = []
    draw_on = Paragraph.drawOn

    def spy(self: Paragraph, canvas: Any, x: float, y: float, *args: Any, **kwargs: Any) -> None:
        left, bottom = x + canvas._currentMatrix[4], y + canvas._currentMatrix[5]  # moved, never scaled
        drawn.append((canvas.getPageNumber(), bottom, bottom + self.height, " ".join(self.getPlainText().split()),
                      left))
        draw_on(self, canvas, x, y, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Paragraph, "drawOn", spy)
        build_report_pdf(report)
    return drawn


@pytest.mark.parametrize("template", ["clinical", "summary"])
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_one_eye_reports_colour_key_stands_under_its_images(template: str, paper: str) -> None:
    """The key ran across the page under both columns: where the AI result and the reader's assessment beside the
    images were taller (an arbitrated case's "Graded by" row, the summary's two panels), it stood a good way under the
    images it explains (12 mm in an arbitrated case's clinical report, 30 mm in its summary), nearer the tables."""
    eye = make_eye()
    eye = EyeInput(eye.doc, eye.image, double_reading=DoubleReading(
        settled=True, arbiter="Dr Wang", readings=(("Anna", 1), ("Ben", 3)), dme_risks=(("Anna", 0), ("Ben", 2))))
    drawn = drawn_paragraphs(make_report(eye, template=template, paper=paper))
    captions = [bottom for page, bottom, _, text, _ in drawn
                if page == 1 and text.startswith(("Original", "Arbitrated consensus"))]
    key = next(top for page, _, top, text, _ in drawn if page == 1 and text == "MA microaneurysm")
    assert captions and 0 < min(captions) - key < 4 * mm


def test_the_areas_scale_of_a_photo_beside_an_oct_scan_is_said_under_the_photos_table() -> None:
    """A photo beside an OCT scan (which has no lesion table): the scale of the photo's areas, said once "under both
    tables" where both eyes share it, was printed across the page under the row of tables, its words under the
    scan's empty column, as if of the scan; it is the photo's table's, said under it with its thresholds."""
    report = make_report(oct_eye("OD"), calibrated(make_eye("OS")))
    drawn = drawn_paragraphs(report)
    table = next(left for _, _, _, text, left in drawn if text.startswith("Lesions — OS"))
    (scale,) = [(text, left) for _, _, _, text, left in drawn if "Areas in mm²" in text]
    assert scale[0].startswith("AI masks cut at probability") and scale[1] == pytest.approx(table)



ARBITRATED = DoubleReading(settled=True, arbiter="王建国", readings=(("Bartholomew Fitzgerald-Montgomery", 3),
                                                                 ("李明华", 1)))


def double_read(eye: EyeInput, grading: DoubleReading | None) -> EyeInput:
    return EyeInput(eye.doc, eye.image, double_reading=grading)


def assert_captioned(grading: DoubleReading, caption: str, eyes: int, language: str = "en") -> None:
    """Each eye's reader's panel captioned ``caption``, under its second row of images."""
    report = make_report(*[double_read(make_eye(eye), grading) for eye in ("OD", "OS")[:eyes]], language=language)
    drawn = drawn_paragraphs(report)
    images = [top for _, _, top, text, _ in drawn if text in ("Original", "原图")]
    captions = [bottom for _, bottom, _, text, _ in drawn if text.replace(" ", "") == caption.replace(" ", "")]
    assert len(images) == len(captions) == eyes, (grading, captions)
    assert max(captions) < min(images)


@pytest.mark.parametrize("eyes", [1, 2])
def test_a_settled_double_readings_overlay_is_captioned_the_consensus(eyes: int) -> None:
    """A two-eye report captioned an arbitrated consensus's masks "Reader-corrected overlay" (zh_CN 阅片医师修正叠加图),
    as if one reader's, beside a "Graded by" row naming the arbiter; the one-eye report did too. Both say now that
    they are the consensus, arbitrated or agreed; a reading not settled keeps its reader's caption."""
    assert_captioned(ARBITRATED, "Arbitrated consensus overlay", eyes)
    assert_captioned(DoubleReading(settled=True, readings=(("Anna", 1), ("Ben", 1))), "Agreed consensus overlay", eyes)
    assert_captioned(DoubleReading(settled=False), "Reader-corrected overlay", eyes)


def assert_names_whole(language: str = "en") -> None:
    """ARBITRATED's names each on one line of its "Graded by" cell, in a one-eye and a two-eye report."""
    for eyes in (["OD"], ["OD", "OS"]):
        report = make_report(*[double_read(make_eye(eye), ARBITRATED) for eye in eyes], language=language)
        lines = [line.text for line in drawn_lines(report)]
        start = next(number for number, text in enumerate(lines) if text.startswith(("double reading", "双人阅片")))
        cell = lines[start:start + 8]
        for name in ("李明华", "王建国", "Fitzgerald-Montgomery", "Bartholomew"):
            assert any(name in text for text in cell), (eyes, name, cell)


def test_a_readers_name_is_never_broken_across_lines_of_the_graded_by_cell() -> None:
    """The "Graded by" cell broke a Chinese reader's name between its characters ("李明" over "华") and a long Latin
    one inside a word ("Fitzger" over "ald-Montgomery"): lines break between the names, the cell's text set smaller
    where a name needs it (Chinese: tests/gui/test_report_language.py)."""
    assert_names_whole()


@pytest.mark.parametrize("template", ["clinical", "summary"])
def test_a_photos_colour_key_beside_an_oct_scan_stands_under_the_photo(template: str) -> None:
    """A two-eye report's key ran across the page from its left margin: beside an OCT scan of the right eye, the
    photo's lesion colours stood under the scan's column, where they do not apply. Each eye's images keep their own
    key where the two eyes' differ (the scan's Grad-CAM ramp under the scan's, clinical), one across both where they
    are the same."""
    def keys(report: Any) -> tuple[dict[str, float], list[tuple[str, float]]]:
        drawn = drawn_paragraphs(report)
        columns = {text: left for page, _, _, text, left in drawn if text.startswith("Images — ")}
        results = max(bottom for _, bottom, _, text, _ in drawn if text == "AI result")  # the keys are above
        return columns, [(text, left) for _, bottom, _, text, left in drawn
                         if text in ("MA microaneurysm", "Grad-CAM, weak to strong") and bottom > results]

    columns, drawn = keys(make_report(oct_eye("OD"), make_eye("OS"), template=template))
    scan, photo = columns["Images — OD (right eye)"], columns["Images — OS (left eye)"]

    under_scan = sorted(text for text, left in drawn if scan < left < photo)
    under_photo = sorted(text for text, left in drawn if photo < left)
    assert under_photo == ["Grad-CAM, weak to strong", "MA microaneurysm"][template == "summary":]
    assert under_scan == ["Grad-CAM, weak to strong"][:template == "clinical"]
    columns, drawn = keys(make_report(make_eye("OD"), make_eye("OS"), template=template))
    assert [text for text, _ in drawn].count("MA microaneurysm") == 1  # once, across both photos


def test_a_two_eye_report_prints_where_a_photos_ai_result_holds_no_findings() -> None:
    """A photo's AI result whose findings are None (AIResult allows it): the one-eye report reads it as no findings;
    the two-eye report's shared area scale raised AttributeError and no report printed."""
    eyes = [make_eye("OD"), make_eye("OS")]
    eyes[1].doc.ai = dataclasses.replace(eyes[1].doc.ai, findings=None)
    texts = page_texts(build_report_pdf(make_report(*eyes)))
    assert pages_with(texts, "Lesions — OD (right eye)") == [0]
