"""An OCT B-scan's report: titled, graded and recommended by its OCT class, with the scan and its Grad-CAM and none
of a fundus photo's lesion sections; in a two-eye report each eye's column follows its own case's modality."""
from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.classes import OCT_CLASSES, OCT_CNV, OCT_DME, OCT_DRUSEN, OCT_NORMAL, LesionClass
from annotations.document import AIResult, CaseDocument, Modality, PatientInfo, ReaderGrade
from annotations.pixel_spacing import PixelSpacing
from annotations.report_kind import ReportKind, report_kind, shows_lesions
from annotations.wording import english
from app.report import EyeInput, build_report_pdf
from app.report.model import TEMPLATES, template_names
from app.report.panels import make_panels
from app.report.recommendation import suggest
from tests.unit.test_report_line_widths import assert_every_line_fits, drawn_lines
from tests.unit.test_report_pdf import extract_text, make_eye, make_report
from widgets.clinical_terms import oct_class_name, oct_class_short_name

OCT_PROBS = {"CNV": 0.81, "DME": 0.12, "DRUSEN": 0.05, "NORMAL": 0.02}
LESION_WORDS = ("MA microaneurysm", "Lesions", "ICDR", "Reader's DR grade", "AI lesion overlay", "Referable DR")
# The names a patient file reads, written out: the test checks the names against clinical wording, not themselves.
OCT_NAMES = {"CNV": "CNV — choroidal neovascularisation", "DME": "DME — diabetic macular oedema", "DRUSEN": "Drusen",
             "NORMAL": "Normal"}
BARE_CODES = re.compile(r"\b(DRUSEN|NORMAL)\b|\b(CNV|DME)\b(?! —)")  # a code not followed by its name


def oct_eye(eye: str = "OS", oct_class: str | None = "CNV", with_ai: bool = True) -> EyeInput:
    height, width = 200, 400
    image = np.tile(np.linspace(0, 220, height, dtype=np.uint8)[:, None, None], (1, width, 3))
    ai = AIResult(models=[{"name": "oct-classifier", "version": "1", "sha256": "cd" * 32, "task": "oct"}],
                  oct_probs=dict(OCT_PROBS), cam=np.linspace(0, 1, height * width, dtype=np.float32).reshape(
                      height, width), quality={"gradable": True}) if with_ai else None
    doc = CaseDocument(case_id=f"oct-{eye}", image_path=f"oct/CNV-{eye}.jpeg", width=width, height=height, ai=ai,
                       grade=ReaderGrade(oct_class=oct_class), modality=Modality.OCT,
                       patient=PatientInfo(patient_id="P-001", name="Ann Lee", age=61, sex="F", eye=eye))
    return EyeInput(doc, image)


def text_of(data: bytes, tmp_path: Path) -> str:
    return " ".join(extract_text(data, tmp_path).split())


# --- the rule -------------------------------------------------------------------------------------------------------
def test_the_cases_modality_decides_its_kind_of_report() -> None:
    scan, photo = oct_eye().doc, make_eye().doc
    assert (report_kind(scan), report_kind(photo)) == (ReportKind.OCT, ReportKind.DR)
    assert not shows_lesions(scan) and shows_lesions(photo)
    scan.mask[5, 5] = LesionClass.HE.bit  # painted before the case was marked OCT: the report keeps it
    assert shows_lesions(scan)


def test_a_b_scan_whose_pixels_are_not_square_is_printed_at_its_true_shape_when_asked() -> None:
    """400 columns by 200 rows, each pixel 8 µm across and 4 µm deep: at its true shape printed 4:1, not 2:1."""
    eye = oct_eye()
    eye.pixel_spacing, eye.true_shape = PixelSpacing(row_mm=0.004, column_mm=0.008), True
    panels = make_panels(eye, "clinical", 200)
    assert [panel.aspect for panel in panels] == [4.0, 4.0]
    assert {Image.open(io.BytesIO(panel.jpeg)).size for panel in panels} == {(200, 50)}
    assert {panel.aspect for panel in make_panels(oct_eye(), "clinical", 200)} == {2.0}  # no spacing: as its pixels


def test_a_b_scan_is_printed_with_square_pixels_by_default_whatever_its_spacing() -> None:
    """One dot per image pixel, as OCT devices print a B-scan (and as the canvas draws it by default): 2:1."""
    eye = oct_eye()
    eye.pixel_spacing = PixelSpacing(row_mm=0.004, column_mm=0.008)
    panels = make_panels(eye, "clinical", 200)
    assert [panel.aspect for panel in panels] == [2.0, 2.0]
    assert {Image.open(io.BytesIO(panel.jpeg)).size for panel in panels} == {(200, 100)}


def test_a_report_of_a_b_scan_file_takes_the_pixel_size_its_header_records(tmp_path: Path) -> None:
    from contextlib import ExitStack

    from pydicom import uid

    from app.report.sources import ReportSources
    from tests.dicom_files import per_frame_groups, write_dicom

    volume = write_dicom(tmp_path / "macula.dcm", np.zeros((3, 40, 60), np.uint8), uid.OphthalmicTomographyImageStorage,
                         frames=True, header={"PerFrameFunctionalGroupsSequence": per_frame_groups(3)})
    with ExitStack() as stack:
        eye = ReportSources(stack).load(str(volume))
    assert eye.pixel_spacing == PixelSpacing(0.0039, 0.0117) and not eye.true_shape
    assert make_panels(eye, "summary", 180)[0].aspect == pytest.approx(1.5)  # 60 x 40 pixels, square
    eye.true_shape = True
    assert make_panels(eye, "summary", 180)[0].aspect == pytest.approx(4.5)  # 60 x 11.7 µm across, 40 x 3.9 µm down


def test_a_b_scans_panels_are_the_scan_and_its_grad_cam() -> None:
    assert [panel.kind for panel in make_panels(oct_eye(), "clinical", 200)] == ["original", "cam"]
    assert [panel.kind for panel in make_panels(oct_eye(), "summary", 200)] == ["original"]
    assert [panel.kind for panel in make_panels(make_eye(), "clinical", 200)] == ["original", "ai", "reader", "cam"]


def test_each_oct_class_has_a_clinical_name_and_an_unknown_code_shows_as_stored() -> None:
    assert {code: oct_class_name(code, english) for code in OCT_CLASSES} == OCT_NAMES
    assert [oct_class_short_name(code, english) for code in OCT_CLASSES] == ["CNV", "DME", "Drusen", "Normal"]
    assert oct_class_name("GA", english) == oct_class_short_name("GA", english) == "GA"


def test_each_template_is_named_by_what_it_gives_for_the_reports_cases() -> None:
    """The dialog offers the templates by these names: an OCT scan's report holds no lesion overlays or table."""
    scan, photo = oct_eye().doc, make_eye().doc
    names = {kinds: template_names(docs) for kinds, docs in (("scan", [scan]), ("scans", [scan, scan]),
                                                             ("photo", [photo]), ("both", [photo, scan]))}
    assert all(list(offered) == list(TEMPLATES) for offered in names.values())
    assert names["scans"] == names["scan"]
    assert names["scan"]["clinical"].startswith("Clinical: B-scan and its Grad-CAM")
    assert not any(word in text for text in names["scan"].values() for word in ("overlay", "lesion", "original"))
    assert "AI overlay, reader overlay" in names["photo"]["clinical"] and "B-scan" not in str(names["photo"])
    assert all("photo" in text and "B-scan" in text for text in names["both"].values())



def test_the_templates_of_an_oct_scan_with_lesion_marks_name_the_lesion_panels_it_gets() -> None:
    """A scan the reader painted lesions on gets overlays and a lesion table as a photo does: named as a plain scan's
    templates ("B-scan and its Grad-CAM"), they were not offered for what they print."""
    marked = oct_eye()
    marked.doc.mask = np.zeros((marked.doc.height, marked.doc.width), np.uint8)
    marked.doc.mask[80:110, 100:160] = LesionClass.HE.bit
    assert [panel.kind for panel in make_panels(marked, "clinical", 200)] == ["original", "ai", "reader", "cam"]
    assert [panel.kind for panel in make_panels(marked, "summary", 200)] == ["original", "reader"]
    for docs in ([marked.doc], [marked.doc, oct_eye("OD").doc], [make_eye().doc, marked.doc]):
        names = template_names(docs)
        assert list(names) == list(TEMPLATES)
        assert "AI overlay, reader overlay" in names["clinical"] and "lesion table with quadrants" in names["clinical"]
        assert "reader overlay and lesion counts" in names["summary"] and "B-scan" in str(names)

# --- the suggested follow-up ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("oct_class, expected, refer", [
    ("CNV", "Refer urgently to a retina specialist (choroidal neovascularisation", True),
    ("DME", "Refer to an ophthalmologist (macular oedema on OCT)", True),
    ("DRUSEN", "Drusen on OCT: re-examine in 12 months", False),
    ("NORMAL", "No abnormality on OCT", False),
])
def test_an_oct_cases_follow_up_follows_the_readers_oct_class(oct_class: str, expected: str, refer: bool) -> None:
    suggestion = suggest([oct_eye(oct_class=oct_class).doc])
    assert expected in suggestion.text and suggestion.refer is refer


def test_two_eyes_referred_for_different_reasons_each_have_theirs_named() -> None:
    """One eye's CNV and the other's macular oedema read as the CNV alone, naming no eye (OCT probe); the worse eye
    first, whichever the order the report lists them in."""
    docs = [oct_eye("OS", "DME").doc, oct_eye("OD", "CNV").doc]
    suggestion = suggest(docs, eyes=["OS", "OD"])
    assert suggestion.text == ("OD (right eye): Refer urgently to a retina specialist (choroidal neovascularisation "
                               "on OCT). OS (left eye): Refer to an ophthalmologist (macular oedema on OCT).")
    assert suggestion.refer is True
    alike = suggest([oct_eye("OD", "CNV").doc, oct_eye("OS", "CNV").doc], eyes=["OD", "OS"]).text
    assert alike == "Refer urgently to a retina specialist (choroidal neovascularisation on OCT)."  # one, for both
    followed = suggest([oct_eye("OD", "CNV").doc, oct_eye("OS", "DRUSEN").doc], eyes=["OD", "OS"]).text
    assert followed.startswith("Refer urgently") and "Drusen" not in followed  # the referral sees to the other eye
    assert suggest(docs).text.startswith("Refer urgently")  # eyes not known: the worse eye's alone, as before


def test_each_oct_class_is_named_from_the_one_list_of_them() -> None:
    """The follow-up rule picks the classes by name from annotations.classes, so a renamed class cannot fall through
    to "No OCT class recorded"."""
    assert (OCT_CNV, OCT_DME, OCT_DRUSEN, OCT_NORMAL) == OCT_CLASSES
    follow_ups = [suggest([oct_eye(oct_class=name).doc]).text for name in OCT_CLASSES]
    assert len(set(follow_ups)) == len(OCT_CLASSES) and not any(text.startswith("No OCT class") for text in follow_ups)


def test_an_oct_case_without_a_class_asks_for_one_and_the_ais_class_stands_in() -> None:
    assert suggest([oct_eye(oct_class=None, with_ai=False).doc]).text.startswith("No OCT class recorded: a qualified "
                                                                                  "reader must classify the scan")
    assert "choroidal neovascularisation" in suggest([oct_eye(oct_class=None).doc]).text  # the AI's CNV
    unreadable = oct_eye(oct_class=None).doc
    unreadable.ai.quality = {"gradable": False}
    assert "Scan not gradable" in suggest([unreadable]).text


def test_the_worse_eye_decides_across_a_photo_and_a_scan() -> None:
    photo = make_eye().doc  # reader's grade 2: refer
    assert "retina specialist" in suggest([photo, oct_eye(oct_class="CNV").doc]).text
    assert "Refer to an ophthalmologist (Moderate" in suggest([photo, oct_eye(oct_class="NORMAL").doc]).text


# --- the PDF ----------------------------------------------------------------------------------------------------------
def test_an_oct_report_shows_the_oct_class_and_no_fundus_sections(tmp_path: Path) -> None:
    text = text_of(build_report_pdf(make_report(oct_eye(oct_class="DME"), diagnosis="")), tmp_path)
    assert "OCT report" in text and "Diabetic retinopathy" not in text
    assert "Reader's OCT class DME — diabetic macular oedema" in text
    assert "Compared with AI differs (AI: CNV — choroidal neovascularisation)" in text
    assert "OCT class CNV — choroidal neovascularisation (81%)" in text
    assert ("Probabilities CNV — choroidal neovascularisation 81% · DME — diabetic macular oedema 12% · Drusen 5% · "
            "Normal 2%") in text
    assert BARE_CODES.findall(text.replace("CNV-OS", "")) == []  # the image's file name may hold a code
    assert "Original" in text and "Grad-CAM" in text
    assert "Refer to an ophthalmologist (macular oedema on OCT)." in text
    assert [word for word in LESION_WORDS if word in text] == []


@pytest.mark.parametrize("eyes", [("OS",), ("OD", "OS")])
def test_the_oct_class_names_wrap_within_their_cells_and_no_line_starts_with_a_separator(eyes: tuple[str, ...]
                                                                                        ) -> None:
    """The names are long for a narrow AI column: a wrapped probability line keeps each "·" at the end of a line,
    after the class it follows."""
    lines = drawn_lines(make_report(*(oct_eye(eye, "DRUSEN") for eye in eyes)))
    assert_every_line_fits(lines, "CNV — choroidal", "Drusen")
    assert [line.text for line in lines if line.text.startswith("·")] == []


def test_an_oct_case_shows_a_dr_grade_only_where_one_was_recorded(tmp_path: Path) -> None:
    eye = oct_eye()
    eye.doc.grade = ReaderGrade(oct_class="CNV", dr_grade=1)
    text = text_of(build_report_pdf(make_report(eye)), tmp_path)
    assert "Reader's OCT class CNV — choroidal neovascularisation" in text and "Compared with AI agrees" in text
    assert "Reader's DR grade 1 — Mild NPDR" in text


def test_a_two_eye_report_of_a_photo_and_a_scan_follows_each_cases_modality(tmp_path: Path) -> None:
    text = text_of(build_report_pdf(make_report(make_eye("OD"), oct_eye("OS"))), tmp_path)
    assert "Retinal report: fundus photograph and OCT scan — both eyes" in text
    assert "Reader's DR grade 2 — Moderate NPDR" in text and "Reader's OCT class CNV — choroidal" in text
    assert "AI lesion overlay" in text and "MA microaneurysm" in text  # the photo's column and the colour key
    panel_titles = text.replace("Grad-CAM, weak to strong", "")  # the colour key's words name the heat map too
    assert text.count("AI lesion overlay") == 1 and panel_titles.count("Grad-CAM") == 2  # the scan's: scan and CAM
    assert "OCT class CNV — choroidal neovascularisation (81%)" in text and "DR grade (ICDR) 2 — Moderate NPDR" in text


def test_a_photo_and_a_scan_of_one_eye_make_a_report_of_that_eye_not_of_both(tmp_path: Path) -> None:
    """A fundus photo and an OCT scan of the right eye, a common pair, were titled "— both eyes", their Eye field
    "OD (right eye) and OD (right eye)"."""
    text = text_of(build_report_pdf(make_report(make_eye("OD"), oct_eye("OD"))), tmp_path)
    assert "Retinal report: fundus photograph and OCT scan" in text and "both eyes" not in text
    assert "Eye OD (right eye) Exam date" in " ".join(text.split())
    text = text_of(build_report_pdf(make_report(make_eye("OD"), oct_eye("OS"))), tmp_path)  # two eyes: as before
    assert "Eye OD (right eye) and OS (left eye)" in " ".join(text.split()) and "— both eyes" in text


def test_two_oct_scans_make_an_oct_report_of_both_eyes(tmp_path: Path) -> None:
    text = text_of(build_report_pdf(make_report(oct_eye("OD", "NORMAL"), oct_eye("OS", "DRUSEN"))), tmp_path)
    assert "OCT report — both eyes" in text
    assert [word for word in LESION_WORDS if word in text] == []
    assert "Drusen on OCT: re-examine in 12 months" in text  # the worse eye
    assert "Reader's OCT class Normal" in text and "Reader's OCT class Drusen" in text


def test_a_class_from_an_ungradable_scan_is_flagged_as_a_grade_from_an_ungradable_photo_is(tmp_path: Path) -> None:
    """The models classify an ungradable scan all the same: the AI's class stays in the report, as a photo's AI
    grade does, but says plainly that it does not count (the follow-up ignores it: "Scan not gradable")."""
    scan, photo = oct_eye(oct_class=None), make_eye()
    reason = {"reason": "OCT scan too dark (mean level 5, needs 20)"}
    scan.doc.ai.quality, photo.doc.ai.quality = {"gradable": False, **reason}, {"gradable": False}
    text = text_of(build_report_pdf(make_report(scan)), tmp_path)
    assert "OCT class CNV — choroidal neovascularisation (81%); not reliable: the scan is not gradable" in text
    assert "Image quality NOT gradable: OCT scan too dark" in text and "Scan not gradable" in text
    text = text_of(build_report_pdf(make_report(photo)), tmp_path)
    assert "2 — Moderate NPDR, from the grading model; not reliable: the photo is not gradable" in text
    gradable = text_of(build_report_pdf(make_report(oct_eye(), make_eye())), tmp_path)
    assert "not reliable" not in gradable


# --- a scan the reader painted lesions on ----------------------------------------------------------------------------
SCAN_SENTENCE = ("the ICDR lesion rules apply to fundus photographs; this OCT scan is graded by its OCT class.")


def painted_eye(eye: str = "OS") -> EyeInput:
    """An OCT scan the reader painted a haemorrhage and an exudate on; its AI (an OCT classifier) drew no lesions."""
    scan = oct_eye(eye)
    scan.doc.mask = np.zeros((scan.doc.height, scan.doc.width), np.uint8)
    scan.doc.mask[80:110, 100:160] = LesionClass.HE.bit
    scan.doc.mask[120:140, 250:280] = LesionClass.EX.bit
    return scan


def test_a_painted_scans_lesion_table_shows_the_readers_marks_and_says_they_give_no_icdr_grade(tmp_path: Path
                                                                                              ) -> None:
    """The table printed "—" in every AI column with no word under it on what the marks mean (a photo's table is
    followed by its ICDR sentence)."""
    text = text_of(build_report_pdf(make_report(painted_eye())), tmp_path)
    table = text[text.index("Lesions"):text.index("No ICDR grade: " + SCAN_SENTENCE)]
    assert table.startswith("Lesions Class Reader MA microaneurysm 0 HE haemorrhage 1 EX hard exudate 1")
    assert "—" not in table and "Count" not in table and "Quadrants" not in text  # nor the quadrant key
    assert "ICDR:" not in text


def test_a_painted_scan_beside_a_photo_gets_its_own_sentence_and_a_scan_the_ai_counted_keeps_its_columns(
        tmp_path: Path) -> None:
    text = text_of(build_report_pdf(make_report(make_eye("OD"), painted_eye("OS"))), tmp_path)
    assert "No ICDR grade — OS (left eye): " + SCAN_SENTENCE in text
    assert "AI, by the ICDR rules — OD (right eye):" in text
    assert "Lesions — OS (left eye) Class Reader MA 0 HE 1 EX 1 SE 0" in text  # no AI columns of "—"
    counted = make_eye("OS")  # analysed as a photo before it was marked OCT: the AI's counts stay in its table
    counted.doc.modality = Modality.OCT
    text = text_of(build_report_pdf(make_report(counted)), tmp_path)
    assert "Class Count Area ST SN IT IN Reader" in text and "Quadrants: ST superotemporal" in text
    assert "No ICDR grade: " + SCAN_SENTENCE in text and "ICDR:" not in text



def b_scan_headings(language: str, tmp_path: Path) -> list[str]:
    """The text of a one-eye and a two-eye report of B-scan 5 of 'scans/vol.dcm', spaces left out (a heading may
    wrap)."""
    scan = oct_eye()
    scan.image_address = "scans/vol.dcm#frame=5"
    return [text_of(build_report_pdf(make_report(*eyes, language=language)), tmp_path).replace(" ", "")
            for eyes in ([scan], [make_eye("OD"), scan])]


def test_a_b_scan_of_a_volume_is_named_by_its_volume_and_number(tmp_path: Path) -> None:
    """A volume holds up to 128 B-scans: the report printed one without saying which (the dialog named it as its
    case, the PDF did not), in a one-eye and a two-eye report alike; a photo's heading names its eye alone."""
    for text in b_scan_headings("en", tmp_path):
        assert "Images—OS(lefteye):'scans/vol.dcm',B-scan5" in text
    photo = text_of(build_report_pdf(make_report(make_eye("OD"))), tmp_path)
    assert "Images — OD (right eye) Original" in photo


def test_a_scan_analysed_without_an_oct_model_is_not_said_to_have_no_ai_result(tmp_path: Path) -> None:
    """No OCT model ships: the analysis checks the scan's quality alone. The report showed that result ("AI result:
    not classified by the AI; Image quality gradable") over a footer saying "Models: none (no AI result in this
    report)", and without when and where it was made."""
    scan = oct_eye()
    scan.doc.ai = AIResult(quality={"gradable": True}, created_at="2026-11-20T10:00:00", device="cpu")
    text = text_of(build_report_pdf(make_report(scan)), tmp_path)
    assert "no AI result" not in text and "Image quality gradable" in text
    assert "Models: none (no model ran: the image quality was checked alone)" in text
    assert "AI analysis: 20 Nov 2026, device: CPU" in text
    unanalysed = text_of(build_report_pdf(make_report(oct_eye(with_ai=False))), tmp_path)
    assert "Models: none (no AI result in this report)" in unanalysed and "AI analysis" not in unanalysed
