"""Report building blocks: font discovery and mixed-script markup, image panels, the suggested follow-up."""
from __future__ import annotations

import io
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.acted_grade import effective_grade
from annotations.classes import LesionClass
from annotations.document import AIResult, CaseDocument, ReaderGrade
from app.report import fonts as report_fonts
from app.report.model import EyeInput
from app.report.panels import make_panels, shrink_mask
from app.report.recommendation import suggest


# --- fonts ----------------------------------------------------------------------------------------------------------
def test_markup_switches_to_the_cjk_font_only_for_cjk_runs() -> None:
    fonts = report_fonts.resolve_fonts()
    markup = fonts.markup("Wang 王小明 <b>&")
    assert f'<font name="{fonts.cjk}">王小明</font>' in markup
    assert markup.startswith("Wang ")
    assert "&lt;b&gt;&amp;" in markup  # user text is escaped, never read as Paragraph markup
    assert fonts.markup("a\nb") == "a<br/>b"


def test_discovery_skips_unusable_candidates_and_falls_back_to_the_shipped_font(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttc"
    broken.write_bytes(b"\0" * 64)
    latin_only = report_fonts.SHIPPED_REGULAR  # a real TrueType font without Chinese characters
    font, path = report_fonts.find_cjk_font("", [(tmp_path / "missing.ttf", 0), (broken, 0), (latin_only, 0)])
    assert path == report_fonts.SHIPPED_CJK
    assert ord("中") in font.face.charToGlyph


def test_discovery_takes_the_first_usable_system_font(tmp_path: Path) -> None:
    system_copy = tmp_path / "SystemCJK.ttf"
    system_copy.symlink_to(report_fonts.SHIPPED_CJK)
    _, path = report_fonts.find_cjk_font("", [(tmp_path / "missing.ttc", 0), (system_copy, 0)])
    assert path == system_copy
    described = report_fonts.resolve_fonts(str(system_copy)).describe()
    assert f"SystemCJK.ttf (system, {system_copy})" in described  # which file on this computer


def test_the_shipped_font_is_named_without_the_programs_own_folder() -> None:
    described = report_fonts.resolve_fonts(str(report_fonts.SHIPPED_CJK)).describe()
    assert "DroidSansFallback.ttf (shipped)" in described and str(report_fonts.FONT_DIR) not in described


def test_configured_font_without_chinese_is_a_clear_error() -> None:
    with pytest.raises(report_fonts.FontError, match="no Chinese characters"):
        report_fonts.find_cjk_font(str(report_fonts.SHIPPED_REGULAR))
    with pytest.raises(report_fonts.FontError, match="nowhere.ttf"):
        report_fonts.find_cjk_font("/nowhere.ttf")


def test_a_configured_font_that_gives_no_fonts_is_read_once_a_session(tmp_path: Path, monkeypatch) -> None:
    """Its FontError was not kept: every report built (each preview as the reader types) read the file again."""
    bad, other = tmp_path / "latin.ttf", tmp_path / "other.ttf"
    for path in (bad, other):
        shutil.copy(report_fonts.SHIPPED_REGULAR, path)  # TrueType, without Chinese
    real, read = report_fonts.TTFont, []
    monkeypatch.setattr(report_fonts, "TTFont", lambda name, path, **kwargs: read.append(path) or real(
        name, path, **kwargs))
    for _ in range(3):
        with pytest.raises(report_fonts.FontError, match="no Chinese characters"):
            report_fonts.resolve_fonts(str(bad))
    assert [path for path in read if path.startswith(str(tmp_path))] == [str(bad)]
    with pytest.raises(report_fonts.FontError, match="other.ttf"):  # another path: tried anew
        report_fonts.resolve_fonts(str(other))
    assert [path for path in read if path.startswith(str(tmp_path))] == [str(bad), str(other)]


def test_a_font_put_where_the_setting_named_none_is_read_then(tmp_path: Path) -> None:
    """The FontError kept for the session said the font was missing after the person copied it there (the settings
    dialog's note, and every report, until the program was started again)."""
    path = tmp_path / "cjk.ttf"
    with pytest.raises(report_fonts.FontError, match="is missing"):
        report_fonts.resolve_fonts(str(path))
    shutil.copy(report_fonts.SHIPPED_CJK, path)
    assert report_fonts.resolve_fonts(str(path)).cjk_path == path


def test_platform_candidate_lists_are_not_empty() -> None:
    assert report_fonts.system_cjk_candidates()


# --- panels ---------------------------------------------------------------------------------------------------------
def test_shrink_mask_keeps_a_single_pixel_lesion() -> None:
    mask = np.zeros((1000, 1500), np.uint8)
    mask[501, 733] = LesionClass.MA.bit
    mask[10:20, 10:20] = LesionClass.EX.bit | LesionClass.SE.bit
    small = shrink_mask(mask, (150, 100))
    assert small.shape == (100, 150)
    assert small[50, 73] == LesionClass.MA.bit
    assert small[1, 1] == LesionClass.EX.bit | LesionClass.SE.bit
    assert np.count_nonzero(small) == 2


def _doc(ai: AIResult | None) -> CaseDocument:
    return CaseDocument(case_id="c", image_path="images/c.png", width=90, height=60, ai=ai)


def test_panels_without_ai_say_so() -> None:
    image = np.full((60, 90, 3), 80, np.uint8)
    panels = make_panels(EyeInput(_doc(None), image), "clinical", 400)
    notes = {panel.kind: panel.note_in() for panel in panels}
    assert [panel.kind for panel in panels] == ["original", "ai", "reader", "cam"]
    assert notes["ai"] == notes["cam"] == "No AI result for this case"
    assert panels[0].jpeg is not None and panels[1].jpeg is None


def test_panels_for_a_missing_image_and_a_result_without_maps() -> None:
    missing = make_panels(EyeInput(_doc(AIResult()), None), "summary", 400)
    assert all(p.jpeg is None and p.note_in() == "Image not available: 'images/c.png'" for p in missing)  # quoted
    image = np.full((60, 90, 3), 80, np.uint8)
    panels = {p.kind: p for p in make_panels(EyeInput(_doc(AIResult()), image), "clinical", 45)}
    assert "no lesion mask" in panels["ai"].note_in() and "no Grad-CAM" in panels["cam"].note_in()
    assert Image.open(io.BytesIO(panels["original"].jpeg)).size == (45, 30)


def test_a_grad_cam_kept_smaller_than_the_photo_is_stretched_over_the_whole_panel() -> None:
    image = np.full((60, 90, 3), 80, np.uint8)
    cam = np.zeros((20, 30), np.float32)
    cam[:, 15:] = 1.0  # the right half is hot
    panels = {p.kind: p for p in make_panels(EyeInput(_doc(AIResult(cam=cam)), image), "clinical", 90)}
    assert panels["cam"].jpeg is not None and panels["cam"].note_in() == ""
    picture = np.asarray(Image.open(io.BytesIO(panels["cam"].jpeg)), np.int16)
    original = np.asarray(Image.open(io.BytesIO(panels["original"].jpeg)), np.int16)
    assert picture.shape == original.shape == (60, 90, 3)
    change = np.abs(picture - original).sum(axis=2)
    assert change[:, :40].max() < 12 and change[:, 50:].min() > 60  # drawn where hot, over the photo's full width


def test_reader_boxes_are_outlined_in_their_class_colour() -> None:
    from annotations.document import Box

    doc = _doc(None)
    doc.boxes.append(Box(LesionClass.HE, 10, 10, 70, 50))
    panels = make_panels(EyeInput(doc, np.zeros((60, 90, 3), np.uint8)), "summary", 400)
    reader = np.asarray(Image.open(io.BytesIO(panels[1].jpeg)).convert("RGB")).astype(int)
    green = np.abs(reader - (0x00, 0xC8, 0x53)).max(axis=2) < 40
    assert green.sum() > 50


# --- recommendation ---------------------------------------------------------------------------------------------------
def _graded(reader: int | None = None, ai: int | None = None, gradable: bool = True, dme: int | None = None,
            referable: bool | None = None):
    result = None if ai is None and gradable else AIResult(dr_grade=ai, quality={"gradable": gradable})
    doc = _doc(result)
    doc.grade = ReaderGrade(dr_grade=reader, dme_risk=dme, referable=referable)
    return doc


@pytest.mark.parametrize("docs, expected, refer", [
    ([_graded(reader=0)], "Re-screen in 12 months", False),
    ([_graded(ai=1)], "Re-screen in 6 to 12 months", False),
    ([_graded(reader=0, ai=3)], "Re-screen in 12 months", False),  # the reader's grade wins
    ([_graded(reader=0), _graded(reader=2)], "Refer to an ophthalmologist", True),  # the worse eye decides
    ([_graded(reader=1, dme=1)], "macular oedema", True),
    ([_graded(ai=4)], "Refer urgently", True),
    ([_graded(gradable=False)], "not gradable", None),
    ([_graded()], "No grade recorded", None),
    # marked referable below moderate NPDR: the reason was made up as "Moderate NPDR" (grade 0 read as missing)
    ([_graded(reader=0, referable=True)], "Refer to an ophthalmologist (referable signs recorded)", True),
    ([_graded(reader=1, referable=True)], "Refer to an ophthalmologist (referable signs recorded)", True),
    ([_graded(reader=2)], "Refer to an ophthalmologist (Moderate NPDR)", True),
])
def test_suggested_follow_up(docs: list[CaseDocument], expected: str, refer: bool | None) -> None:
    suggestion = suggest(docs)
    assert expected in suggestion.text
    assert suggestion.refer is refer


def test_an_eye_not_gradable_beside_one_not_referred_is_named_with_the_others_follow_up() -> None:
    """"Image not gradable: repeat the photograph or examine in clinic." named no eye, and dropped the other's."""
    ungradable = _doc(None)
    ungradable.grade = ReaderGrade(ungradable=True)
    for other, follow_up in ((_graded(reader=1), "Re-screen in 6 to 12 months."),
                             (_graded(gradable=False), None)):  # both not gradable: one sentence for both, as before
        suggestion = suggest([other, ungradable], eyes=["OD", "OS"])
        shown = "Image not gradable: repeat the photograph or examine in clinic."
        assert suggestion.text == (f"OS (left eye): {shown} OD (right eye): {follow_up}" if follow_up else shown)
        assert suggestion.refer is None
    assert suggest([_graded(reader=2), ungradable], eyes=["OD", "OS"]).text == \
        "Refer to an ophthalmologist (Moderate NPDR)."  # a referral sees both eyes


def test_effective_grade_source() -> None:
    assert effective_grade(_graded(reader=1, ai=2)).source == "reader"
    assert effective_grade(_graded(ai=2)).source == "AI"
    assert not effective_grade(_graded(ai=2, gradable=False)).gradable


# --- dialog fields <-> report -------------------------------------------------------------------------------------
def test_dialog_fields_round_trip_into_a_report() -> None:
    from annotations.document import PatientInfo
    from app.report.bridge import clinic_from_settings, fields_from_eyes, report_from_fields

    left, right = _doc(None), _doc(None)
    left.patient = PatientInfo(patient_id="P1", name="林", age=50, sex="F", eye="OS", exam_date="2026-01-02")
    left.findings_text = "drusen"
    eyes = [EyeInput(left, None), EyeInput(right, None, "OD")]
    fields = fields_from_eyes(eyes, reader="R", paper="Letter")
    assert (fields.patient_name, fields.eyes, fields.paper) == ("林", ["OS", "OD"], "Letter")
    assert fields.diagnosis == ""  # the reader's findings print in their own section, not again as the diagnosis
    fields.patient_name, fields.eyes = "林 Lin", ["OS", "OD"]
    clinic = clinic_from_settings({"clinic_name": "C", "clinic_logo": "/l.png"})
    report = report_from_fields(fields, eyes, clinic, "1.0")
    assert report.patient.name == "林 Lin" and report.patient.patient_id == "P1"
    assert [eye.eye_label for eye in report.eyes] == ["OD", "OS"]  # right eye first on the page
    assert (report.clinic.name, report.clinic.logo_path, report.clinic.address) == ("C", "/l.png", "")
    assert left.patient.name == "林"  # the case itself is not changed
    left.patient = PatientInfo(birth_date="1970-06-01", exam_date="2026-01-02")
    assert fields_from_eyes(eyes).age == 55  # no age recorded: from the birth date, on the exam date


def test_panel_cache_reuses_panels_of_the_same_case() -> None:
    from app.report.panels import PanelCache

    doc, image = _doc(None), np.full((60, 90, 3), 80, np.uint8)
    cache = PanelCache()
    first = cache.get(EyeInput(doc, image), "summary", 100)
    assert cache.get(EyeInput(doc, image, "OS"), "summary", 100) is first  # a new wrapper, same case and image
    assert cache.get(EyeInput(doc, image), "clinical", 100) is not first


def test_a_preview_rebuilt_as_the_reader_types_makes_no_image_panels_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """The dialog rebuilds its PDF half a second after each pause in typing: the eye's panels (the photo shrunk and
    overlaid, 0.4 s of a 12-megapixel photo) come from the cache, though each build copies the case to shorten its
    texts (limits.bounded)."""
    from app.report import build_report_pdf, panels
    from app.report.panels import PanelCache
    from tests.unit.test_report_pdf import make_eye, make_report

    made: list[str] = []
    make = panels.make_panels
    monkeypatch.setattr(panels, "make_panels", lambda eye, *args: made.append(eye.address) or make(eye, *args))
    cache, eye = PanelCache(), make_eye()
    build_report_pdf(make_report(eye, diagnosis="Moderate"), panels=cache)
    build_report_pdf(make_report(eye, diagnosis="Moderate NPDR"), panels=cache)
    assert len(made) == 1
