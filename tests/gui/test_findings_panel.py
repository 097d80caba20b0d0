"""The findings panel shows the AI result and the reader's grade, and announces edits instead of making them."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import numpy as np
import pytest
from PySide6.QtWidgets import QLabel

from annotations.document import AIResult, CaseDocument, ReaderGrade, ReviewState
from annotations.findings import Findings
from annotations.quality_reasons import BLURRED, quality_problem
from widgets.findings_panel import FindingsPanel
from widgets.typing_pause import TYPING_PAUSE_MS


def _doc(ai: AIResult | None = None) -> CaseDocument:
    return CaseDocument("case", "case.jpg", 30, 20, ai=ai, grade=ReaderGrade(dr_grade=1, dme_risk=0))


BLURRED_PHOTO = {"gradable": False, "problems": [quality_problem(BLURRED, value="1.2", limit="2.6")],
                 "reason": "blurred (sharpness 1.2, needs 2.6)"}


def _ai() -> AIResult:
    findings = {
        "HE": {"count": 3, "area_px": 120, "area_mm2": 0.012, "quadrants": {"ST": 2, "SN": 0, "IT": 1, "IN": 0}},
        "EX": {"count": 1, "area_px": 40, "area_mm2": None, "quadrants": {"ST": 0, "SN": 1, "IT": 0, "IN": 0}},
        "summary": "Haemorrhages in 2 quadrants: moderate NPDR.",
    }
    return AIResult(dr_grade=2, grade_probs=[0.05, 0.15, 0.6, 0.15, 0.05], grade_source="model", referable=True,
                    referable_prob=0.81, quality=BLURRED_PHOTO,
                    findings=Findings.from_json(findings),
                    models=[{"name": "grader", "version": "3"}], oct_probs={"CNV": 0.1, "DME": 0.7, "DRUSEN": 0.1,
                                                                           "NORMAL": 0.1},
                    cam=np.zeros((20, 30), np.float32))


@pytest.fixture
def panel(qtbot) -> FindingsPanel:
    widget = FindingsPanel()
    qtbot.addWidget(widget)
    return widget


def test_shows_ai_grade_probabilities_quality_lesions_and_sentence(panel) -> None:
    panel.show_document(_doc(_ai()), oct_mode=False)
    assert panel.ai_grade.text().startswith("DR 2 — Moderate NPDR")
    assert panel.chart.probabilities() == pytest.approx([0.05, 0.15, 0.6, 0.15, 0.05])
    assert panel.referable.text() == "Referable: yes (81%)"
    assert "NOT gradable" in panel.quality.text() and "blurred" in panel.quality.text()
    assert panel.lesions.item(1, 0).text() == "3"  # HE row
    assert panel.lesions.item(1, 1).text() == "0.012 mm²"
    assert panel.lesions.item(1, 2).text().split() == ["ST", "2", "IT", "1"]
    assert panel.lesions.item(2, 1).text() == "40 px"  # EX without a scale
    assert panel.lesions.item(0, 0).text() == ""  # MA not reported
    # worded again from the lesion classes (the stored summary is the English of the same rule)
    assert panel.sentence.text().startswith("More than MA only (3 HE, 1 EX; HE in 2 quadrants): moderate NPDR")
    assert "grader 3" in panel.models.text()
    assert panel.dr_grade.currentData() == 1 and panel.dme_risk.currentData() == 0


def test_referable_shows_the_dr_signs_probability_and_the_rule_that_decided(panel) -> None:
    ai = _ai()
    ai.referable_prob = None
    ai.findings.lesions_present_probability = 0.734
    ai.findings.referable_source = "DR signs classifier or DR grade >= 2"
    panel.show_document(_doc(ai), oct_mode=False)
    assert panel.referable.text().splitlines() == ["Referable: yes", "DR signs present: 73% (classifier)",
                                                   "Decided by: DR signs classifier or DR grade >= 2"]


def test_oct_mode_shows_oct_probabilities_instead_of_lesions(panel) -> None:
    panel.show_document(_doc(_ai()), oct_mode=True)
    assert panel.ai_grade.text().startswith("OCT: DME — diabetic macular oedema (70%)")  # flagged: not gradable
    assert panel.chart.probabilities() == pytest.approx([0.1, 0.7, 0.1, 0.1])
    assert panel.chart.labels() == ["CNV", "DME", "Drusen", "Normal"]  # a word each, beside its bar
    assert panel.lesions.isHidden()
    assert "Grad-CAM" in panel.sentence.text()
    assert not panel.oct_class.isHidden() and panel.dr_grade.isHidden()


def test_the_charts_labels_are_whole_beside_their_bars(panel) -> None:
    """Its labels' column was 46 px: "玻璃膜疣" (drusen in Chinese), like "DRUSEN" before, lost its last character."""
    panel.chart.set_probabilities(["CNV", "玻璃膜疣", "DRUSEN"], [0.5, 0.3, 0.2])
    widest = max(panel.chart.fontMetrics().horizontalAdvance(label) for label in panel.chart.labels())
    assert widest < panel.chart.label_width()


def test_the_readers_oct_class_is_chosen_by_its_name_and_recorded_by_its_code(panel) -> None:
    shown = [(panel.oct_class.itemText(i), panel.oct_class.itemData(i)) for i in range(1, panel.oct_class.count())]
    assert shown == [("CNV — choroidal neovascularisation", "CNV"), ("DME — diabetic macular oedema", "DME"),
                     ("Drusen", "DRUSEN"), ("Normal", "NORMAL")]


def test_the_oct_class_names_do_not_widen_the_panel_beyond_a_photos(panel) -> None:
    """"CNV — choroidal neovascularisation" is long: the box shows its start where the dock is narrow, its popup
    every name whole, as the DME risk box does."""
    panel.show()  # the sizes of the panel as the window shows it
    panel.show_document(_doc(_ai()), oct_mode=False)
    photo = panel.minimumSizeHint().width()
    panel.show_document(_doc(_ai()), oct_mode=True)
    assert panel.minimumSizeHint().width() <= photo


def test_oct_without_a_model_says_none_ships(panel) -> None:
    panel.show_document(_doc(AIResult(quality={"gradable": True})), oct_mode=True)
    assert "no OCT model installed" in panel.ai_grade.text() and "train oct" in panel.ai_grade.text()
    assert panel.chart.isHidden()


def test_without_analysis_says_so_and_accept_is_disabled(panel) -> None:
    panel.show_document(_doc(None))
    assert panel.ai_grade.text() == "Not analysed yet"
    assert not panel.accept_button.isEnabled()


@pytest.mark.parametrize("oct_mode", [False, True])
def test_a_case_without_an_ai_result_shows_no_empty_chart_or_heat_map_box(panel, oct_mode: bool) -> None:
    """Not analysed, or its analysis failed (the result stays None), or it cannot be opened: nothing to show."""
    panel.show()
    panel.show_document(_doc(_ai()), oct_mode)
    assert panel.chart.isVisible() and panel.heat.isVisible()
    panel.show_document(_doc(None), oct_mode)
    assert not panel.chart.isVisible() and not panel.heat.isVisible()
    panel.show_document(_doc(_ai()), oct_mode)  # analysed after all: both come back
    assert panel.chart.isVisible() and panel.heat.isVisible()
    panel.show_error("c_cut.jpg: the image is cut short", oct_mode)
    assert not panel.chart.isVisible() and not panel.heat.isVisible()
    assert "cut short" in panel.sentence.text() and panel.sentence.isVisible()


@pytest.mark.parametrize("oct_mode", [False, True])
def test_a_result_without_a_heat_map_shows_no_heat_map_box(panel, oct_mode: bool) -> None:
    """An OCT scan's model gave no Grad-CAM (a photo's kept no maps either): not a disabled "Grad-CAM" box."""
    panel.show()
    ai = _ai()
    ai.cam = None
    panel.show_document(_doc(ai), oct_mode)
    assert panel.chart.isVisible() and not panel.heat.isVisible()
    panel.show_document(_doc(_ai()), oct_mode)  # a result with its Grad-CAM: the box comes back
    assert panel.heat.isVisible() and panel.heat.combo.isEnabled()


@pytest.mark.parametrize("oct_mode", [False, True])
def test_accept_is_disabled_saying_why_when_the_ai_grade_cannot_be_taken(panel, oct_mode: bool) -> None:
    panel.set_accept_keys("G")
    grade, kind = ("class", "scan") if oct_mode else ("grade", "photo")
    assert panel.accept_button.text() == "Accept AI grade (G)"  # no case open
    panel.show_document(_doc(None), oct_mode)
    assert panel.accept_button.text() == f"Accept AI {grade} (G)"
    assert panel.accept_button.toolTip() == "No AI result for this case: run the analysis (F5) first"
    panel.show_document(_doc(AIResult(quality={"gradable": True})), oct_mode)
    assert not panel.accept_button.isEnabled()
    assert panel.accept_button.toolTip() == ("The AI gave no OCT class for this scan: classify it yourself" if oct_mode
                                             else "The AI gave no DR grade for this photo: grade it yourself")
    panel.show_document(_doc(_ai()), oct_mode)  # graded, and blurred
    assert not panel.accept_button.isEnabled() and panel.accept_refusal() == panel.accept_button.toolTip()
    assert panel.accept_button.toolTip().startswith(f"The AI found this {kind} not gradable, so its {grade} cannot")
    panel.withhold_ai(True)
    panel.show_document(_doc(None), oct_mode)
    assert "hidden until you submit" in panel.accept_button.toolTip()


def test_grade_choice_is_announced_with_referable_derived(qtbot, panel) -> None:
    panel.show_document(_doc(_ai()))
    panel.dr_grade.setCurrentIndex(panel.dr_grade.findData(3))
    with qtbot.waitSignal(panel.grade_edited) as blocker:
        panel.dr_grade.activated.emit(panel.dr_grade.currentIndex())
    assert blocker.args == [ReaderGrade(dr_grade=3, dme_risk=0, referable=True)]
    assert panel.doc.grade.dr_grade == 1  # the panel never edits the document itself


def test_findings_text_is_committed_after_a_pause(qtbot, panel) -> None:
    panel.show_document(_doc(_ai()))
    with qtbot.waitSignal(panel.findings_edited, timeout=TYPING_PAUSE_MS * 3) as blocker:
        panel.findings_text.setPlainText("cotton wool spot near the arcade")
    assert blocker.args == ["cotton wool spot near the arcade"]


def test_review_state_and_accept_button(qtbot, panel) -> None:
    gradable = _ai()
    gradable.quality = {"gradable": True}
    panel.show_document(_doc(gradable))
    assert panel.accept_button.isEnabled() and panel.accept_button.toolTip() == ""
    with qtbot.waitSignal(panel.accept_ai_requested):
        panel.accept_button.click()
    panel.review_state.setCurrentIndex(panel.review_state.findData(ReviewState.DONE))
    with qtbot.waitSignal(panel.review_state_edited) as blocker:
        panel.review_state.activated.emit(panel.review_state.currentIndex())
    assert blocker.args == [ReviewState.DONE] and type(blocker.args[0]) is ReviewState  # not its str


def test_each_lesion_row_names_the_source_that_drew_it(panel) -> None:
    ai = _ai()
    ai.findings.lesion_sources = {"MA": "classical-detector gated by idrid-regions", "HE": "classical-detector",
                                  "EX": "idrid-lesions"}  # as stored: English data
    panel.show_document(_doc(ai), oct_mode=False)
    # the classical detector in the status bar's words (clinical_terms.lesion_source_name)
    assert panel.lesions.item(0, 0).toolTip() == ("microaneurysm: drawn by classical lesion detector gated by "
                                                  "idrid-regions")
    assert panel.lesions.item(1, 0).toolTip() == "haemorrhage: drawn by classical lesion detector"
    assert panel.lesions.item(2, 2).toolTip() == "hard exudate: drawn by idrid-lesions"
    assert panel.lesions.item(3, 0).toolTip() == ""  # SE: no source recorded


def test_a_class_two_models_averaged_names_both_in_its_row_and_the_models_line(panel) -> None:
    ai = _ai()
    ai.models = [{"name": "idrid-lesions", "version": "4"}, {"name": "he-candidates", "version": "1"}]
    ai.findings.lesion_sources = {"HE": "he-candidates averaged with idrid-lesions", "EX": "idrid-lesions"}
    panel.show_document(_doc(ai), oct_mode=False)
    assert panel.lesions.item(1, 0).toolTip() == "haemorrhage: drawn by he-candidates averaged with idrid-lesions"
    assert panel.models.text() == "Models: idrid-lesions 4 (HE, EX), he-candidates 1 (HE)"


def test_the_models_line_names_what_drew_each_class_as_the_rows_do(panel) -> None:
    ai = _ai()
    ai.models = [{"name": "idrid-lesions", "version": "1"}, {"name": "classical-detector", "version": "1"},
                 {"name": "grader", "version": "3"}]
    ai.findings.lesion_sources = {"MA": "classical-detector", "HE": "classical-detector", "EX": "idrid-lesions",
                                  "SE": "idrid-lesions"}
    panel.show_document(_doc(ai), oct_mode=False)
    assert panel.models.text() == ("Models: idrid-lesions 1 (EX, SE), classical lesion detector (MA, HE), "
                                   "grader 3")
    ai.findings.lesion_sources = {"MA": "classical-detector gated by idrid-lesions"}
    panel.show_document(_doc(ai), oct_mode=False)
    assert "classical lesion detector gated by idrid-lesions (MA)" in panel.models.text()


def test_the_analysis_warnings_kept_with_the_result_are_shown_and_hidden_without(panel) -> None:
    ai = _ai()
    ai.warnings = ["out of CUDA memory; this job continues on the CPU", "second"]
    panel.show_document(_doc(ai), oct_mode=False)
    assert not panel.warnings.isHidden()
    assert panel.warnings.text().splitlines() == [
        "Analysis warning: out of CUDA memory; this job continues on the CPU", "Analysis warning: second"]
    panel.show_document(_doc(_ai()), oct_mode=False)
    assert panel.warnings.isHidden() and panel.warnings.text() == ""
    panel.show_document(_doc(None), oct_mode=False)
    assert panel.warnings.isHidden()


@contextmanager
def clinical_in_chinese() -> Iterator[None]:
    """The clinical catalogue installed in Chinese for the block."""
    from PySide6.QtCore import QCoreApplication, QTranslator

    from app.report.text import I18N_DIR

    translator = QTranslator()
    assert translator.load(str(I18N_DIR / "clinical_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        yield
    finally:
        QCoreApplication.removeTranslator(translator)


def test_the_panel_speaks_the_interface_language(qtbot) -> None:
    """With the clinical catalogue installed in Chinese, grade, referable, quality and the ICDR sentence read in
    Chinese, worded from the same language-neutral findings."""
    with clinical_in_chinese():
        widget = FindingsPanel()
        qtbot.addWidget(widget)
        widget.show_document(_doc(_ai()), oct_mode=False)
        assert widget.ai_grade.text() == "DR 2 — 中度非增殖期；不可靠：该照片无法分级"  # flagged: not gradable
        assert widget.referable.text() == "需转诊：是 (81%)"
        assert widget.quality.text() == "图像质量：无法分级：模糊（清晰度 1.2，至少需 2.6）"  # from the code
        widget.doc.ai.quality = {**BLURRED_PHOTO, "reason": "blurred"}
        widget.show_document(widget.doc, oct_mode=False)
        assert "blurred" not in widget.quality.text()  # the code decides, whatever English came with it
        assert widget.sentence.text().startswith("不仅有微动脉瘤（HE 3 处、EX 1 处；出血见于 2 个象限）")
        assert widget.dr_grade.itemText(3) == "2 中度非增殖期"  # after "– 未分级"
        assert widget.lesions.horizontalHeaderItem(0).text() == "数量"
        assert widget.lesions.horizontalHeaderItem(2).toolTip() == "象限：ST 颞上、SN 鼻上、IT 颞下、IN 鼻下"
        widget.doc.ai.findings.lesion_sources = {"MA": "classical-detector gated by idrid-regions",
                                                 "HE": "classical-detector", "EX": "idrid-lesions"}
        widget.show_document(widget.doc, oct_mode=False)
        assert widget.lesions.item(0, 0).toolTip() == "微动脉瘤：由经 idrid-regions 筛选的经典病灶检测器绘制"
        assert widget.lesions.item(1, 0).toolTip() == "出血：由经典病灶检测器绘制"
        assert widget.lesions.item(2, 0).toolTip() == "硬性渗出：由 idrid-lesions 绘制"  # a model keeps its name


def test_an_oct_scan_not_yet_classified_reads_so_in_chinese(qtbot) -> None:
    """The OCT class box offered 未分级 (not graded) for a scan that has a class, not a grade: 未分类 there."""
    with clinical_in_chinese():
        widget = FindingsPanel()
        qtbot.addWidget(widget)
        assert widget.oct_class.itemText(0) == "– 未分类"
        assert widget.dr_grade.itemText(0) == widget.dme_risk.itemText(0) == "– 未分级"


def _in_a_narrow_dock(panel, ex_quadrants: dict[str, int]):  # noqa: ANN001, ANN202 - the fixture's panel, its table
    """The lesion table of ``panel`` shown 330 px wide, its EX row (row 2) counted by ``ex_quadrants``."""
    ai = _ai()
    ai.findings.classes["EX"].quadrants = ex_quadrants
    panel.resize(330, 900)
    panel.show()
    panel.show_document(_doc(ai), oct_mode=False)
    return panel.lesions

def test_a_long_quadrant_text_is_shown_whole_in_a_narrow_dock(qtbot, panel) -> None:
    from PySide6.QtCore import QRect, Qt

    table = _in_a_narrow_dock(panel, {"ST": 107, "SN": 76, "IT": 50, "IN": 24})
    qtbot.waitUntil(lambda: table.rowHeight(2) > table.rowHeight(0))
    text = table.item(2, 2).text()
    needed = table.fontMetrics().boundingRect(QRect(0, 0, table.columnWidth(2) - 8, 1000),
                                              int(Qt.TextFlag.TextWordWrap), text).height()
    assert table.rowHeight(2) >= needed
    assert table.viewport().height() >= table.verticalHeader().length()  # every row in view, no scrolling


def test_a_wrapped_quadrant_text_keeps_each_code_with_its_count(qtbot, panel) -> None:
    """"ST 26 SN / 22 IT 15" read as SN with no count and IT with 22: each line starts with a code and its count."""
    from PySide6.QtGui import QTextLayout, QTextOption

    from annotations.icdr import QUADRANTS

    table = _in_a_narrow_dock(panel, {"ST": 26, "SN": 22, "IT": 15, "IN": 5})
    text = table.item(2, 2).text()
    layout = QTextLayout(text, table.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(table.fontMetrics().horizontalAdvance("ST 26 SN 2"))  # as narrow as the dock showed it
        lines.append(text[line.textStart():line.textStart() + line.textLength()].split())
    layout.endLayout()
    assert len(lines) > 1
    assert all(len(words) % 2 == 0 and all(code in QUADRANTS for code in words[::2]) for words in lines)


def test_the_dme_choices_say_what_each_risk_means_without_widening_the_panel(panel) -> None:
    texts = [panel.dme_risk.itemText(panel.dme_risk.findData(risk)) for risk in range(3)]
    assert texts[1] == "DME risk 1 — hard exudates more than one disc diameter from the macula's centre"
    assert texts[2].endswith("within one disc diameter of the macula's centre") and texts[0].startswith("No DME")
    longest = max(panel.dme_risk.fontMetrics().horizontalAdvance(text) for text in texts)
    assert panel.dme_risk.sizeHint().width() < longest  # the box does not widen the panel…
    panel.show()
    panel.dme_risk.showPopup()
    assert panel.dme_risk.view().window().width() > longest  # …its popup shows each choice whole
    panel.dme_risk.hidePopup()


@pytest.mark.parametrize("oct_mode", [False, True])
def test_the_ai_line_of_an_ungradable_image_is_flagged_as_the_report_flags_it(panel, oct_mode: bool) -> None:
    ai = _ai()
    panel.show_document(_doc(ai), oct_mode=oct_mode)
    found = "OCT: DME — diabetic macular oedema (70%)" if oct_mode else "DR 2 — Moderate NPDR"
    what = "scan" if oct_mode else "photo"
    assert panel.ai_grade.text() == f"{found}; not reliable: the {what} is not gradable"
    ai.quality = {"gradable": True}
    panel.show_document(_doc(ai), oct_mode=oct_mode)
    assert panel.ai_grade.text() == found


def test_the_closed_oct_class_box_tells_the_whole_name_it_cuts(panel) -> None:
    doc = _doc(_ai())
    doc.grade = ReaderGrade(oct_class="CNV")
    panel.show()
    panel.show_document(doc, oct_mode=True)
    name = panel.oct_class.currentText()
    assert name.startswith("CNV — ") and panel.oct_class.toolTip() == name
    assert panel.oct_class.fontMetrics().horizontalAdvance(name) > panel.oct_class.sizeHint().width()  # cut short
    panel.show_document(_doc(_ai()), oct_mode=True)
    assert panel.oct_class.toolTip() == panel.oct_class.currentText() == "– not graded"


def test_the_closed_dme_risk_box_cuts_its_choice_with_an_ellipsis_and_tells_it_whole(panel) -> None:
    """"DME risk 2 — hard exudates within or" was clipped mid-phrase, and the tooltip said only the keys."""
    doc = _doc(_ai())
    doc.grade = ReaderGrade(dme_risk=2)
    panel.resize(360, panel.height())
    panel.show()
    panel.dme_risk.set_hint("Keys: Ctrl+M, 0 to Ctrl+M, 2")
    panel.show_document(doc)
    choice = panel.dme_risk.currentText()
    shown = panel.dme_risk.shown_text()
    assert choice.startswith("DME risk 2 — ") and shown.endswith("…") and choice.startswith(shown[:-1])
    assert panel.dme_risk.toolTip() == f"{choice}\nKeys: Ctrl+M, 0 to Ctrl+M, 2"


@pytest.mark.parametrize("oct_mode", [False, True])
@pytest.mark.parametrize("analysed", [False, True])
def test_the_ai_box_shows_no_blank_lines(panel, oct_mode: bool, analysed: bool) -> None:
    """A line with nothing to say for this result (no ICDR sentence, no Grad-CAM sentence, no models, not analysed
    yet) takes no room: it left a blank band under "Image quality: …"."""
    panel.show()
    ai = AIResult(dr_grade=1, quality={"gradable": True}, oct_probs={"CNV": 0.1, "DME": 0.7, "DRUSEN": 0.1,
                                                                       "NORMAL": 0.1}) if analysed else None
    panel.show_document(_doc(ai), oct_mode)
    shown = [label for label in panel.ai_box.findChildren(QLabel) if label.isVisible()]
    assert shown and all(label.text() for label in shown)
    assert not panel.sentence.isVisible() and not panel.models.isVisible()
    panel.show_document(_doc(_ai()), oct_mode)  # a result that has them: they come back
    assert panel.sentence.isVisible() and panel.models.isVisible()


def test_the_scale_of_the_areas_in_mm2_is_named_under_the_lesion_table(panel) -> None:
    """A calibrated photo's areas rest on its DICOM header's Pixel Spacing, and the panel says so; an OCT scan (no
    lesion table) and a result whose areas are in pixels say nothing of a scale."""
    ai = _ai()
    ai.findings.mm_per_px, ai.findings.scale_source = 0.01, "the DICOM header's Pixel Spacing"
    panel.show_document(_doc(ai), oct_mode=False)
    assert panel.area_scale.text() == "Areas in mm² from the DICOM header's Pixel Spacing"
    assert not panel.area_scale.isHidden()
    panel.set_oct_mode(True)
    assert panel.area_scale.isHidden()
    ai.findings.mm_per_px = None
    panel.set_oct_mode(False)
    assert panel.area_scale.isHidden()
