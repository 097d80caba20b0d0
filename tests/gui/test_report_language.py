"""Reports in the report's own language (zh_CN or en), whatever the interface's: the clinical words, the whole PDF
from the command line and from the dialog. Chinese needs QtCore's QTranslator, so these tests live with Qt."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from annotations.classes import ALL_CLASSES, OCT_CLASSES, LesionClass
from annotations.document import PatientInfo
from annotations.findings import ClassFindings, Findings, Orientation
from annotations.patients import case_with_eye, report_warnings
from annotations.reading.report_grading import DoubleReading
from annotations.icdr import QUADRANTS, SEVERE_HE_PER_QUADRANT, IcdrRule
from annotations.shipped_fonts import SHIPPED_REGULAR
from annotations.wording import english
from app.cli import main
from app.report import build_report_pdf
from app.report.dates import shown_date
from app.report.layout import eye_name
from app.report.model import ClinicSettings, EyeInput
from app.report.panels import make_panels
from app.report.text import I18N_DIR, ReportText
from app.report_action import make_report_dialog
from app.report_action import describe_cjk_font
from app.report_controller import offered_report_language
from app.settings import REPORT_LANGUAGE_KEY, Settings, SettingsValues
from tests.unit.test_report_cli import _image, photo_of
from tests.unit.test_report_conclusion import disagreeing_eyes_report
from tests.unit.test_report_layout import FOUR_LINE_ADDRESS, page_texts
from tests.unit.test_report_line_widths import assert_every_line_fits, drawn_lines, long_report
from tests.unit.test_report_pdf import (extract_text, eye_with_classical_sources, make_eye, make_report,
                                        missing_bscan_report_text)
from tests.unit.test_report_oct import b_scan_headings, oct_eye, painted_eye
from tests.unit.test_report_eye_check import disc_at
from tests.unit.test_report_reading import assert_b_scan_labels_stay_whole
from widgets import clinical_terms as terms
from widgets.patient_panel import PatientPanel

# The clinical terms, written out: the test checks the catalogue against the convention, not itself.
GRADES_ZH = ("无明显糖尿病视网膜病变", "轻度非增殖期", "中度非增殖期", "重度非增殖期", "增殖期")
LESIONS_ZH = {LesionClass.MA: "微动脉瘤", LesionClass.HE: "出血", LesionClass.EX: "硬性渗出",
              LesionClass.SE: "软性渗出（棉絮斑）", LesionClass.OD: "视盘"}
OCT_NAMES_ZH = {"CNV": "CNV — 脉络膜新生血管", "DME": "DME — 糖尿病黄斑水肿", "DRUSEN": "玻璃膜疣", "NORMAL": "正常"}
ENGLISH_HEADINGS = ("Diabetic retinopathy screening report", "AI result", "Lesions", "Reader's assessment",
                    "Diagnosis", "Recommendation", "Patient ID", "Image quality", "Page 1 of", "Models:")
CODES = re.compile(r"\b(MA|HE|EX|SE|OD|OS|DR|ICDR|IRMA|ST|SN|IT|IN)\b")
LONG_CHINESE = {  # tests.unit.test_report_line_widths.LONG_ENGLISH, as a Chinese clinic writes it
    "patient": "欧阳晓明",
    "findings": "四个象限均可见散在点状及斑片状出血（以颞上方为主），黄斑中心凹一个视盘直径范围内可见硬性渗出，颞上方"
                "静脉串珠样改变，未见新生血管。",
    # a closing mark where a line ends on A4 and on Letter paper
    "diagnosis": "双眼中度非增殖期糖尿病视网膜病变，右眼伴临床显著性黄斑水肿；后极部散在点状及片状出血，右眼黄斑颞侧环形"
                 "硬性渗出，上方血管弓旁可见两处棉絮斑，未见视网膜新生血管及玻璃体积血；左眼黄斑区未见水肿，视盘边界清晰，"
                 "色淡红，杯盘比约零点三。",
    "recommendation": "建议四周内转诊至视网膜专科门诊（眼底病科），行黄斑区光学相干断层扫描（OCT）检查，并评估是否需要抗血管"
                      "内皮生长因子（抗 VEGF）治疗；请全科医生协助优化血糖及血压控制。",
    "reader": "陈晓明（主任医师）",
    "clinic": "北京市第一人民医院眼科（糖尿病视网膜病变筛查中心）",
    "address": "北京市东城区长安街一号门诊楼三层（眼科）\n电话：010-12345678",
}
RULE_LESIONS = {
    IcdrRule.NO_LESIONS: {},
    IcdrRule.MA_ONLY: {"MA": 3},
    IcdrRule.MORE_THAN_MA: {"MA": 1, "HE": 2, "EX": 1},
    IcdrRule.SEVERE_HAEMORRHAGES: {"HE": 4 * SEVERE_HE_PER_QUADRANT},
}


@pytest.fixture(scope="module")
def chinese() -> ReportText:
    return ReportText("zh_CN")


def findings_for(rule: IcdrRule) -> Findings:
    counts = RULE_LESIONS[rule]
    found = Findings(classes={name: ClassFindings(count=counts.get(name, 0)) for name in ("MA", "HE", "EX", "SE")})
    found.classes["HE"].quadrants = ({q: SEVERE_HE_PER_QUADRANT for q in QUADRANTS} if rule is
                                     IcdrRule.SEVERE_HAEMORRHAGES else {"ST": counts.get("HE", 0)})
    return found


def english_left(text: str) -> list[str]:
    """Latin words left in a Chinese text once class and grading codes are taken out."""
    return re.findall(r"[A-Za-z]{2,}", CODES.sub("", text))


def test_clinical_words_in_chinese_are_the_conventions_terms(chinese: ReportText) -> None:
    assert [terms.grade_name(grade, chinese.translate) for grade in range(5)] == list(GRADES_ZH)
    assert terms.grade_full_name(1, chinese.translate) == "轻度非增殖期糖尿病视网膜病变"
    assert {cls: terms.lesion_name(cls, chinese.translate) for cls in ALL_CLASSES} == LESIONS_ZH
    assert terms.lesion_label(LesionClass.MA, chinese.translate) == "MA 微动脉瘤"
    assert terms.yes_no(True, chinese.translate) == "是"
    quality = {"gradable": False, "reason": "too dark (mean level 20, needs 25); blurred (sharpness 1.2, needs 2.6)"}
    assert terms.quality_verdict(quality, chinese.translate) == \
        "无法分级：过暗（平均亮度 20，至少需 25）；模糊（清晰度 1.2，至少需 2.6）"
    assert terms.referable_source("DR grade >= 2 (ICDR rules)", chinese.translate) == "DR 分级 ≥ 2（ICDR 规则）"
    assert {code: terms.oct_class_name(code, chinese.translate) for code in OCT_CLASSES} == OCT_NAMES_ZH
    assert [terms.oct_class_short_name(code, chinese.translate) for code in OCT_CLASSES] == ["CNV", "DME", "玻璃膜疣",
                                                                                            "正常"]


@pytest.mark.parametrize("rule", list(IcdrRule))
def test_every_icdr_rule_reads_in_both_languages(chinese: ReportText, rule: IcdrRule) -> None:
    findings = findings_for(rule)
    grade = {IcdrRule.NO_LESIONS: 0, IcdrRule.MA_ONLY: 1, IcdrRule.MORE_THAN_MA: 2, IcdrRule.SEVERE_HAEMORRHAGES: 3}
    english_text = terms.icdr_sentence(findings, english)
    assert f"(ICDR {grade[rule]}" in english_text and "cannot be seen" in english_text
    zh = terms.icdr_sentence(findings, chinese.translate)
    assert f"ICDR {grade[rule]}" in zh and "无法从这些病灶分割图中判断" in zh
    assert GRADES_ZH[grade[rule]] in zh
    assert english_left(zh) == [], zh


def test_every_grade_and_lesion_reads_in_english() -> None:
    assert [terms.grade_name(grade, english) for grade in range(5)] == \
        ["No DR", "Mild NPDR", "Moderate NPDR", "Severe NPDR", "PDR"]
    assert [terms.lesion_name(cls, english) for cls in ALL_CLASSES] == [cls.long_name for cls in ALL_CLASSES]


def test_chinese_report_has_chinese_headings_grade_and_icdr_sentence(tmp_path: Path) -> None:
    text = extract_text(build_report_pdf(make_report(make_eye("OD"), make_eye("OS"), language="zh_CN")), tmp_path)
    for expected in ("糖尿病视网膜病变筛查报告（双眼）", "AI 结果", "病变", "阅片医师评估", "诊断", "建议", "患者编号",
                     "图像质量", "2 — 中度非增殖期", "不仅有微动脉瘤", "建议转诊眼科（中度非增殖期糖尿病视网膜病变）",
                     "不能作为诊断", "右眼（OD）", "左眼（OS）", "MA 微动脉瘤"):
        assert expected in text, f"{expected!r} not in the Chinese report"
    assert "第1页，共" in re.sub(r"\s+", "", text)  # page numbers: drawn in runs, one per font
    assert "OD：" in text and "OD:" not in text  # the footer's analysis of each eye, the Chinese colon
    for heading in ENGLISH_HEADINGS:
        assert heading not in text


def test_a_chinese_report_and_dialog_say_the_eye_recorded_is_against_the_ais_side(chinese_interface) -> None:
    eye = disc_at(make_eye("OD"), "left")
    text = page_texts(build_report_pdf(make_report(eye, language="zh_CN")))[0].replace(" ", "")
    check = "记录为右眼（OD），但AI找到的视盘位置提示为左眼（OS），请确认这张图像是哪只眼"
    assert "眼别不一致：" + check in text
    warnings = report_warnings([eye.doc], ["'eye.png'"], [False], QCoreApplication.translate)
    assert warnings[-1].replace(" ", "") == "'eye.png'：" + check


def test_a_chinese_report_and_dialog_say_the_eye_recorded_is_against_the_dicom_headers(chinese_interface) -> None:
    eye = replace(make_eye("OD"), header_eye="OS")
    text = page_texts(build_report_pdf(make_report(eye, language="zh_CN")))[0].replace(" ", "")
    check = "记录为右眼（OD），但图像的DICOM头信息记录为左眼（OS），请确认这张图像是哪只眼"
    assert "眼别不一致：" + check in text
    warnings = report_warnings([eye.doc], ["'eye.dcm'"], [False], QCoreApplication.translate,
                               header_eyes=[eye.header_eye])
    assert warnings[-1].replace(" ", "") == "'eye.dcm'：" + check


def test_the_quadrant_codes_are_explained_in_both_languages(tmp_path: Path) -> None:
    """ST, SN, IT, IN head the lesion table's columns (one eye) or stand in its cells (two eyes): a legend says them,
    once in a report."""
    for eyes, language, legend in (((make_eye(),), "en", "Quadrants: ST superotemporal, SN superonasal, "
                                                         "IT inferotemporal, IN inferonasal"),
                                   ((make_eye("OD"), make_eye("OS")), "zh_CN", "象限：ST 颞上、SN 鼻上、IT 颞下、IN 鼻下")):
        text = " ".join(extract_text(build_report_pdf(make_report(*eyes, language=language)), tmp_path).split())
        assert text.count(legend) == 1, (language, text)


def test_chinese_dates_ages_and_analysis_line_read_as_chinese_writes_them(chinese: ReportText) -> None:
    assert shown_date("2026-11-02", chinese.translate) == "2026年11月2日"
    eye = make_eye()
    eye.doc.ai.created_at, eye.doc.ai.device = "2026-11-19T10:00:00", "cpu"
    text = page_texts(build_report_pdf(make_report(eye, language="zh_CN")))[0]
    for expected in ("检查日期 2026年11月20日", "61 岁", "日期：2026年11月21日", "AI 分析：2026年11月19日，设备：CPU"):
        assert expected in text, f"{expected!r} not in the Chinese report"


@pytest.mark.parametrize("filler", [44, 50])  # where "OCT" reaches the line's end in the recommendation's box
def test_a_recommendation_with_latin_words_glued_to_chinese_makes_a_report(filler: int) -> None:
    """Bold Chinese with "复查OCT" broken at that word: reportlab failed (TypeError) and no PDF was made."""
    recommendation = "建议" + "转" * filler + "复查OCT，并做FFA评估黄斑水肿。"
    text = " ".join(page_texts(build_report_pdf(make_report(make_eye(), language="zh_CN",
                                                           recommendation=recommendation))))
    assert "评估黄斑水肿" in text


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_typical_chinese_one_eye_report_fits_on_one_page(paper: str) -> None:
    texts = page_texts(build_report_pdf(make_report(make_eye(), language="zh_CN", paper=paper,
                                                    clinic=FOUR_LINE_ADDRESS)))
    assert len(texts) == 1 and "阅片医师评估" in texts[0] and "签名" in texts[0]


def test_chinese_report_names_the_models_as_the_chinese_window_does(tmp_path: Path) -> None:
    report = make_report(eye_with_classical_sources(), language="zh_CN")
    text = " ".join(extract_text(build_report_pdf(report), tmp_path).split())
    for expected in ("经典病灶检测器（HE、EX） · v1", "经 ma-candidates 筛选的经典病灶检测器（MA） · v1",
                     "unit-grader 3.1 · sha256 " + "ab" * 32):
        assert expected in text, f"{expected!r} not in the Chinese report's footer"
    assert "classical lesion detector" not in text


@pytest.mark.parametrize("oct_class, follow_up", [("CNV", "建议尽快转诊眼底病专科（OCT示脉络膜新生血管）。"),
                                                 ("NORMAL", "OCT未见异常：常规随访。")])
def test_a_chinese_oct_report_reads_as_an_oct_report(oct_class: str, follow_up: str, tmp_path: Path) -> None:
    data = build_report_pdf(make_report(oct_eye(oct_class=oct_class), language="zh_CN"))
    text = "".join(extract_text(data, tmp_path).split())
    reader_class = "".join(OCT_NAMES_ZH[oct_class].split())
    for expected in ("OCT报告", f"阅片医师OCT分类{reader_class}", "OCT分类CNV—脉络膜新生血管(81%)",
                     "概率CNV—脉络膜新生血管81%·DME—糖尿病黄斑水肿12%·玻璃膜疣5%·正常2%", follow_up):
        assert expected in text, f"{expected!r} not in the Chinese OCT report"
    assert "糖尿病视网膜病变" not in text and "微动脉瘤" not in text and "阅片医师DR分级" not in text
    assert "DRUSEN" not in text and "NORMAL" not in text
    lines = drawn_lines(make_report(oct_eye("OD", "NORMAL"), oct_eye("OS", "DRUSEN"), language="zh_CN"))
    assert_every_line_fits(lines, "OCT 报告（双眼）", "阅片医师 OCT 分类", "OCT 示玻璃膜疣")


def test_a_two_eye_report_names_each_eyes_referral_and_the_dialog_follows_the_eyes_chosen(qtbot, chinese_interface,
                                                                                         tmp_path: Path) -> None:
    """OD's CNV and OS's macular oedema were suggested as the CNV alone, naming no eye (OCT probe)."""
    eyes = (oct_eye("OD", "CNV"), oct_eye("OS", "DME"))
    text = "".join(extract_text(build_report_pdf(make_report(*eyes, language="zh_CN")), tmp_path).split())
    assert ("右眼（OD）：建议尽快转诊眼底病专科（OCT示脉络膜新生血管）。左眼（OS）：" in text), text
    dialog = make_report_dialog(None, list(eyes), ClinicSettings(), language="en")
    qtbot.addWidget(dialog)
    assert dialog.recommendation.placeholderText().startswith("自动建议：OD (right eye): Refer urgently")
    dialog.eyes[0].setCurrentIndex(dialog.eyes[0].findData("OS"))
    dialog.eyes[1].setCurrentIndex(dialog.eyes[1].findData("OD"))
    assert "OS (left eye): Refer urgently" in dialog.recommendation.placeholderText()


def test_a_chinese_report_flags_a_class_from_an_ungradable_scan(tmp_path: Path) -> None:
    eye = oct_eye(oct_class=None)
    eye.doc.ai.quality = {"gradable": False, "reason": "OCT scan too dark (mean level 5, needs 20)"}
    text = "".join(extract_text(build_report_pdf(make_report(eye, language="zh_CN")), tmp_path).split())
    assert "OCT分类CNV—脉络膜新生血管(81%)；不可靠：该扫描无法分级" in text, text


def test_a_chinese_report_flags_the_referable_flag_and_icdr_sentence_of_an_ungradable_photo(tmp_path: Path) -> None:
    eye = make_eye()
    eye.doc.ai.quality = {"gradable": False, "reason": "too dark (mean level 17, needs 25)"}
    text = "".join(extract_text(build_report_pdf(make_report(eye, language="zh_CN")), tmp_path).split())
    assert "（概率80%）；不可靠：该照片无法分级" in text and "无法从这些病灶分割图中判断。不可靠：该照片无法分级。" in text, text


def test_chinese_report_names_a_missing_b_scan_by_its_volume_and_number_in_chinese(tmp_path: Path) -> None:
    text = missing_bscan_report_text(tmp_path, "zh_CN")
    assert "图像不可用：'scans/vol.dcm'，B扫描3" in text and "#frame=" not in text, text


def test_a_chinese_report_names_its_b_scan_by_its_volume_and_number(tmp_path: Path) -> None:
    for text in b_scan_headings("zh_CN", tmp_path):
        assert "图像—左眼（OS）：'scans/vol.dcm'，B扫描5" in text, text


def test_a_later_page_of_a_chinese_report_repeats_the_patients_line_in_chinese() -> None:
    long_diagnosis = "\n".join(f"第 {n} 行：阅片医师书写的较长诊断。" for n in range(40))
    texts = page_texts(build_report_pdf(make_report(make_eye(), diagnosis=long_diagnosis, language="zh_CN")))
    assert len(texts) == 2 and "（续）" not in texts[0]
    assert "患者：王小明·患者编号：P-001·眼别：右眼（OD）·检查日期：2026年11月20日（续）" in "".join(texts[1].split())


def test_a_chinese_two_eye_reports_recommendation_on_page_two_names_the_grades_it_follows(
        chinese: ReportText) -> None:
    """As in English (test_report_conclusion): the conclusion that page 1 has no room for names each eye's grade."""
    texts = page_texts(build_report_pdf(disagreeing_eyes_report("zh_CN")))
    signature = chinese.translate("Report", "Signature: {line}").split("{")[0].strip()
    assert len(texts) == 2 and chinese.translate("Report", "Recommendation") in texts[1] and signature in texts[1]
    assert f"3 — {terms.grade_name(3, chinese.translate)}" in texts[1] and "2 — " in texts[1]


def test_a_chinese_report_says_who_graded_a_double_read_case(tmp_path: Path) -> None:
    grading = DoubleReading(settled=True, arbiter="王医生", readings=(("Anna", 1), ("Ben", 3)))
    eye = make_eye("OD")
    eye = EyeInput(eye.doc, eye.image, double_reading=grading)
    text = "".join(extract_text(build_report_pdf(make_report(eye, language="zh_CN")), tmp_path).split())
    assert "分级方式双人阅片；由王医生仲裁（阅片医师：Anna：1—轻度非增殖期；Ben：3—重度非增殖期）" in text, text


@pytest.mark.parametrize("arbiter, said", [("王医生", "双人阅片；由王医生仲裁（阅片医师："),
                                           ("Dr Wang", "双人阅片；由 Dr Wang 仲裁（阅片医师：")])
def test_a_chinese_report_writes_a_chinese_name_without_the_spaces_a_latin_one_takes(
        chinese: ReportText, arbiter: str, said: str) -> None:
    """"由 王医生 仲裁": the template's spaces, right beside a Latin name, split a Chinese one from its sentence."""
    from types import SimpleNamespace

    from app.report.layout import _graded_by

    styles = SimpleNamespace(translate=chinese.translate)
    arbitrated = DoubleReading(settled=True, arbiter=arbiter, readings=(("Anna", 1), ("Ben", 3)))
    assert _graded_by(styles, make_eye("OD").doc, arbitrated).text.startswith(said)
    assert _graded_by(styles, make_eye("OD").doc, DoubleReading(settled=True, own_reader="李明")).text == \
        "李明本人的阅片结果（双人阅片）：并非共识结果"
    agreed = DoubleReading(settled=True, readings=(("Anna", 1), ("Ben", 1)), correctors=("张医生",))
    assert _graded_by(styles, make_eye("OD").doc, agreed).text.endswith("；由张医生修正")


def test_a_b_scans_number_stays_on_the_line_of_its_label_in_a_narrow_chinese_panel(chinese: ReportText) -> None:
    assert_b_scan_labels_stay_whole(chinese.translate, chinese.unspaced, "B 扫描")


def test_english_report_is_unchanged_by_the_language_option(tmp_path: Path) -> None:
    default = build_report_pdf(make_report(make_eye(), report_date="2026-11-21"))
    chosen = build_report_pdf(make_report(make_eye(), report_date="2026-11-21", language="en"))
    assert extract_text(default, tmp_path) == extract_text(chosen, tmp_path)


def test_the_report_ignores_the_interfaces_translators(qapp, tmp_path: Path) -> None:
    """A Chinese interface (its catalogues installed) still prints an English report when asked for one."""
    interface = QTranslator()
    assert interface.load(str(I18N_DIR / "clinical_zh_CN.qm"))
    QCoreApplication.installTranslator(interface)
    try:
        assert terms.grade_name(2) == "中度非增殖期"  # the interface speaks Chinese
        text = extract_text(build_report_pdf(make_report(make_eye(), language="en")), tmp_path)
    finally:
        QCoreApplication.removeTranslator(interface)
    assert "2 — Moderate NPDR" in text and "中度非增殖期" not in text.replace("Moderate NPDR, 中度非增殖期", "")


def test_cli_lang_zh_cn_writes_a_chinese_report(tmp_path: Path) -> None:
    out = tmp_path / "zh.pdf"
    assert main(["report", str(_image(tmp_path / "r.png")), "--out", str(out), "--no-analysis", "--eye", "OD",
                 "--sex", "M", "--lang", "zh_CN"]) == 0
    text = extract_text(out.read_bytes(), tmp_path)
    for expected in ("糖尿病视网膜病变筛查报告", "无 AI 结果", "男", "右眼（OD）", "尚未记录分级"):
        assert expected in text
    assert not any(heading in text for heading in ENGLISH_HEADINGS)


def test_cli_without_lang_takes_the_settings_language_clinic_and_reader(tmp_path: Path) -> None:
    """As the window's report dialog does: a Chinese clinic's scripted reports came out in English, without its
    name and without the reader's."""
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(language="zh_CN", clinic_name="东城眼科诊所", reader="王医生"))
    settings.store.sync()
    photo, out = _image(tmp_path / "r.png"), tmp_path / "zh.pdf"
    assert main(["report", str(photo), "--out", str(out), "--no-analysis", "--settings",
                 str(tmp_path / "settings.ini")]) == 0
    text = extract_text(out.read_bytes(), tmp_path)
    assert "糖尿病视网膜病变筛查报告" in text and "东城眼科诊所" in text and "王医生" in text
    assert not any(heading in text for heading in ENGLISH_HEADINGS)
    settings.save_report_language("en")  # the dialog's last choice, then the options, win
    assert main(["report", str(photo), "--out", str(out), "--no-analysis", "--settings", str(tmp_path / "settings.ini"),
                 "--overwrite", "--reader", "Dr Li", "--clinic-name", ""]) == 0
    text = extract_text(out.read_bytes(), tmp_path)
    assert "Dr Li" in text and "王医生" not in text and "东城眼科诊所" not in text
    assert any(heading in text for heading in ENGLISH_HEADINGS)


def test_the_report_command_speaks_the_interfaces_language_on_the_console(tmp_path: Path, capsys) -> None:
    """A Chinese clinic's scripts printed English: what was written, why an input was refused, the eye checks. The
    command's catalogues are gone after it: a window in the same process keeps its own language."""
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(language="zh_CN"))
    settings.store.sync()
    photo, out, ini = _image(tmp_path / "r.png"), tmp_path / "zh.pdf", str(tmp_path / "settings.ini")
    locale = QLocale().name()
    assert main(["report", str(photo), "--out", str(out), "--no-analysis", "--settings", ini]) == 0
    printed = capsys.readouterr().out
    assert f"眼别未记录的报告已写入 {out}" in printed and "字体 — 拉丁字体" in printed
    # a new --out: an existing one is refused first, before any input is read or analysed
    assert main(["report", str(tmp_path / "missing.png"), "--out", str(tmp_path / "new.pdf"), "--settings", ini]) == 2
    assert f"错误：{tmp_path / 'missing.png'}：没有该图像文件" in capsys.readouterr().err
    assert main(["report", str(photo), "--out", str(photo.with_suffix(".png")), "--settings", ini]) == 2
    assert "：是原始图像" in capsys.readouterr().err  # annotations/' own error, shown as the window shows it
    assert QCoreApplication.translate("Report", "eye not recorded") == "eye not recorded"
    assert QLocale().name() == locale


def test_report_refuses_a_settings_file_that_is_not_there_and_goes_on_without_a_moved_logo(tmp_path: Path,
                                                                                         capsys) -> None:
    """A mistyped --settings read as no settings at all (English, no clinic); a logo the window saved and that was
    moved since stopped every scripted report."""
    photo, out = _image(tmp_path / "r.png"), tmp_path / "r.pdf"
    assert main(["report", str(photo), "--out", str(out), "--no-analysis", "--settings",
                 str(tmp_path / "typo.ini")]) == 2
    assert "typo.ini: not a file" in capsys.readouterr().err and not out.exists()
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(clinic_name="Eye Clinic", clinic_logo=str(tmp_path / "moved.png")))
    settings.store.sync()
    assert main(["report", str(photo), "--out", str(out), "--no-analysis", "--settings",
                 str(tmp_path / "settings.ini")]) == 0
    assert f"warning: the Settings' clinic logo {tmp_path / 'moved.png'} is not there" in capsys.readouterr().err
    assert "Eye Clinic" in extract_text(out.read_bytes(), tmp_path)


def test_cli_names_the_reader_last_typed_in_the_dialog_where_the_settings_have_none(tmp_path: Path) -> None:
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(reader=""))
    settings.save_report_reader("Dr Zhao")
    out = tmp_path / "r.pdf"
    assert main(["report", str(_image(tmp_path / "r.png")), "--out", str(out), "--no-analysis", "--settings",
                 str(tmp_path / "settings.ini")]) == 0
    assert "Dr Zhao" in extract_text(out.read_bytes(), tmp_path)


def test_a_chinese_report_run_leaves_no_bare_application_behind(tmp_path: Path) -> None:
    """The run made a QCoreApplication for its catalogues and kept it: a window made after it in the process (a test's
    QApplication fixture) found that one, and its first widget aborted Python."""
    import os
    import subprocess
    import sys

    photo = _image(tmp_path / "r.png")
    code = ("import sys; from app.cli import main; "
            f"assert main(['report', {str(photo)!r}, '--out', {str(tmp_path / 'r.pdf')!r}, '--no-analysis']) == 0; "
            "from PySide6.QtWidgets import QApplication, QWidget; app = QApplication([]); QWidget(); print('ok')")
    environment = {**os.environ, "LANG": "zh_CN.UTF-8", "QT_QPA_PLATFORM": "offscreen",
                   "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environment, timeout=120)
    assert done.returncode == 0 and done.stdout.splitlines()[-1] == "ok", done.stderr[-2000:]


def test_the_dialog_says_why_it_refused_a_file_in_the_interfaces_language(qtbot, chinese_interface, tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A file in the way (a person's own PDF) was refused in English inside the Chinese window."""
    from PySide6.QtWidgets import QMessageBox

    dialog = make_report_dialog(None, [make_eye("OD")], ClinicSettings(), language="zh_CN")
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)  # not graded: asked
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[2]))
    theirs = tmp_path / "notes.pdf"
    theirs.write_bytes(b"%PDF-1.4 a letter of the clinic's own")
    assert dialog.save_pdf(str(theirs)) is None and theirs.read_bytes().endswith(b"own")
    (text,) = warned
    assert "不是本程序写入的报告" in text and "is not a report" not in text


def test_a_logo_or_font_that_cannot_be_used_is_said_in_the_interfaces_language(qtbot, chinese_interface,
                                                                            tmp_path: Path, capsys) -> None:
    """A Chinese clinic's damaged logo or a font without Chinese stopped its reports with an English reason, in the
    window's preview and on the console."""
    logo = tmp_path / "logo.png"
    logo.write_text("not a picture")
    dialog = make_report_dialog(None, [make_eye("OD")], ClinicSettings(logo_path=str(logo)), language="zh_CN")
    qtbot.addWidget(dialog)
    dialog.refresh_preview()
    assert f"机构标志 {logo} 无法读取（不是本程序能读取的图像文件）" in dialog.error
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(language="zh_CN", report_cjk_font=str(SHIPPED_REGULAR)))
    settings.store.sync()
    assert main(["report", str(_image(tmp_path / "r.png")), "--out", str(tmp_path / "r.pdf"), "--no-analysis",
                 "--settings", str(tmp_path / "settings.ini")]) == 2
    assert f"错误：字体文件 {SHIPPED_REGULAR} 不含中文字符" in capsys.readouterr().err
    assert describe_cjk_font(str(SHIPPED_REGULAR)).startswith(f"字体文件 {SHIPPED_REGULAR} 不含中文字符")


def test_dialog_offers_the_report_language_and_previews_in_it(qtbot, tmp_path: Path) -> None:
    dialog = make_report_dialog(None, [make_eye("OD")], ClinicSettings(), language="zh_CN")
    qtbot.addWidget(dialog)
    assert dialog.fields().language == "zh_CN"
    assert "建议转诊眼科" in dialog.recommendation.placeholderText()
    assert "阅片医师评估" in extract_text(dialog.pages.data, tmp_path)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.refresh_preview()
    assert "Refer to an ophthalmologist" in dialog.recommendation.placeholderText()
    assert "Reader's assessment" in extract_text(dialog.pages.data, tmp_path)


def test_report_language_offered_first_is_the_last_chosen_else_the_interfaces(tmp_path: Path) -> None:
    settings = Settings.from_file(tmp_path / "settings.ini")
    assert offered_report_language(settings) in ("en", "zh_CN")  # follows the interface (Qt's default locale)
    settings.save_report_language("zh_CN")
    assert offered_report_language(settings) == "zh_CN"
    settings.store.setValue(REPORT_LANGUAGE_KEY, "xx")  # unknown: ignored
    assert offered_report_language(settings) == offered_report_language(Settings.from_file(tmp_path / "new.ini"))


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_lines_to_write_on_stay_beside_their_labels(language: str, tmp_path: Path) -> None:
    text = extract_text(build_report_pdf(make_report(make_eye(), reader="", language=language)), tmp_path)
    blanks = [line for line in text.splitlines() if "_" in line]
    assert len(blanks) == 2 and all(line.rstrip("_") for line in blanks), blanks  # no lone "_" below a label



def test_an_eye_is_named_alike_by_the_panel_the_report_dialog_its_warning_and_the_report(
        qtbot, chinese_interface, chinese: ReportText) -> None:
    panel = PatientPanel()
    qtbot.addWidget(panel)
    shown = {panel.eye.itemData(row): panel.eye.itemText(row) for row in range(panel.eye.count())}
    assert (shown["OD"], shown["OS"]) == ("右眼（OD）", "左眼（OS）") == (eye_name("OD", chinese.translate),
                                                                      eye_name("OS", chinese.translate))
    panel.show_suggested_eye("OS")
    assert panel.eye_hint.text() == "AI：视盘位置提示为左眼（OS）"  # as the eye box names it
    panel.show_patient(PatientInfo(patient_id="P-7"), "", [case_with_eye("b.png", "OS", QCoreApplication.translate)])
    assert panel.linked.text() == "同一患者：b.png 左眼（OS）"  # the patient's other cases (app.patient_controller)
    doc = make_eye().doc
    doc.patient.eye = ""
    doc.ai.findings.orientation = Orientation(eye="left (OS)")
    warnings = report_warnings([doc], ["'eye.png'"], [True], QCoreApplication.translate)
    assert "未记录眼别；左眼（OS）是 AI 根据视盘位置的推测" in warnings[-1]
    dialog = make_report_dialog(None, [EyeInput(doc, None, "OS")], ClinicSettings(), language="zh_CN")
    qtbot.addWidget(dialog)
    assert dialog.eyes[0].currentText() == "AI 推测：左眼（OS）"


def offered_templates(qtbot, *eyes: EyeInput) -> list[str]:
    dialog = make_report_dialog(None, list(eyes), ClinicSettings())
    qtbot.addWidget(dialog)
    return [dialog.template.itemText(row) for row in range(dialog.template.count())]


def test_the_dialog_names_the_templates_by_what_they_give_for_an_oct_scan(qtbot) -> None:
    assert offered_templates(qtbot, oct_eye("OD")) == [
        "Clinical: B-scan and its Grad-CAM, the AI's OCT class with its probabilities",
        "Summary: B-scan, the AI's OCT class with its probabilities, for the patient's file"]
    assert "B-scan with its Grad-CAM" in offered_templates(qtbot, make_eye("OD"), oct_eye("OS"))[0]
    assert "AI overlay" in offered_templates(qtbot, make_eye("OD"))[0]


def test_a_chinese_dialog_names_the_templates_by_what_they_give_for_an_oct_scan(qtbot, chinese_interface) -> None:
    assert offered_templates(qtbot, oct_eye("OD")) == ["临床版：B 扫描图像及其 Grad-CAM，AI 的 OCT 分类及各类概率",
                                                       "摘要版：B 扫描图像，AI 的 OCT 分类及各类概率，供患者病历存档"]


@pytest.mark.parametrize("eyes", [["OD"], ["OD", "OS"]])
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_every_line_of_a_chinese_report_fits_its_width(eyes: list[str], paper: str) -> None:
    """reportlab hangs a closing mark past a Chinese line's end rather than start a line with it: "阅片医师修正叠加图
    （阅片医师未标注病变）" ran 4 pt past its caption's column in a one-eye report on A4. (English:
    tests/unit/test_report_line_widths.py)"""
    lines = drawn_lines(long_report(eyes, paper, "zh_CN", LONG_CHINESE))
    assert_every_line_fits(lines, "北京市第一人民医院", "糖尿病视网膜病变筛查报告", "阅片医师叠加图", "双眼中度",
                           "建议四周内", "AI 结果")


@pytest.mark.parametrize("eyes", [1, 2])
def test_a_painted_scans_no_icdr_sentence_is_in_the_reports_language(tmp_path: Path, eyes: int) -> None:
    """Alone or beside a photo, under its reader-only lesion table."""
    cases = [painted_eye()] if eyes == 1 else [make_eye("OD"), painted_eye("OS")]
    text = "".join(extract_text(build_report_pdf(make_report(*cases, language="zh_CN")), tmp_path).split())
    assert "无ICDR分级" in text and "ICDR病灶规则适用于眼底照片" in text and "fundus" not in text


def test_a_two_eye_chinese_reports_lesion_tables_head_their_counts_in_chinese() -> None:
    """The two-eye report's narrow lesion tables head the count column with a short word: 数量 in Chinese (as the
    window's lesion table does), not the English "n"."""
    text = page_texts(build_report_pdf(make_report(make_eye("OD"), make_eye("OS"), language="zh_CN")))[0]
    assert text.count("类别 数量 面积") == 2, text
    assert " n " not in text
    english_text = page_texts(build_report_pdf(make_report(make_eye("OD"), make_eye("OS"))))[0]
    assert english_text.count("Class n Area") == 2, english_text


@pytest.mark.parametrize("language, captions", [
    ("en", ["Reader-corrected overlay", "Reader's overlay (the AI's masks, unchanged)", "Reader's overlay",
            "Reader's overlay (no lesions drawn by the reader)"]),
    ("zh_CN", ["阅片医师修正叠加图", "阅片医师叠加图（AI 病灶分割，未修改）", "阅片医师叠加图",
               "阅片医师叠加图（阅片医师未标注病灶）"])])
def test_the_readers_overlay_says_whose_masks_it_draws(language: str, captions: list[str], tmp_path: Path) -> None:
    """It read "Reader-corrected overlay" over every reader's layer: over the AI's masks taken as they were, a
    clinician took the AI's lesions for the reader's correction, and over masks drawn with no AI mask to correct."""
    corrected, taken, own, empty = make_eye(), make_eye(), make_eye(with_ai=False), make_eye()
    taken.doc.mask[:] = taken.doc.ai.mask | LesionClass.OD.bit  # the AI's lesions; the optic disc is no lesion
    empty.doc.mask[:] = 0
    translate = ReportText(language).translate
    shown = [next(panel for panel in make_panels(eye, "clinical", 200) if panel.kind == "reader")
             for eye in (corrected, taken, own, empty)]
    assert [panel.caption_in(translate) for panel in shown] == captions
    text = "".join(extract_text(build_report_pdf(make_report(taken, language=language)), tmp_path).split())
    assert "".join(captions[1].split()) in text



def test_a_chinese_report_captions_the_consensus_and_keeps_each_readers_name_whole() -> None:
    """zh_CN: an arbitrated consensus's overlay was captioned 阅片医师修正叠加图, and the "Graded by" cell broke 李明华
    into "李明" over "华" (tests/unit/test_report_layout.py says both in English)."""
    from tests.unit.test_report_layout import ARBITRATED, assert_captioned, assert_names_whole

    for eyes in (1, 2):
        assert_captioned(ARBITRATED, "仲裁后的共识结果叠加图", eyes, "zh_CN")
    assert_names_whole("zh_CN")


def test_the_patients_a_chinese_report_command_refuses_to_put_together_are_listed_in_chinese(tmp_path: Path,
                                                                                            capsys) -> None:
    """Two photos of two patients: the refusal listed their IDs with the English ", " inside a Chinese sentence."""
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(language="zh_CN"))
    settings.store.sync()
    photos = []
    for patient_id in ("ZS-01", "ZS-02"):
        (tmp_path / patient_id).mkdir()
        photos.append(str(photo_of(tmp_path / patient_id, PatientInfo(patient_id=patient_id))))
    assert main(["report", *photos, "--out", str(tmp_path / "r.pdf"), "--no-analysis", "--settings",
                 str(tmp_path / "settings.ini")]) == 2
    assert "（ZS-01、ZS-02）" in capsys.readouterr().err


def test_the_sexes_a_chinese_report_command_warns_differ_are_named_as_the_report_prints_them(tmp_path: Path,
                                                                                            capsys) -> None:
    """Two photos of one patient ID, one recorded male and one female: the warning said "性别：M 与 F", codes a
    Chinese clinic sees nowhere else (the panel and the report say 男 and 女)."""
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(language="zh_CN"))
    settings.store.sync()
    photos = []
    for folder, sex in (("a", "M"), ("b", "F")):
        (tmp_path / folder).mkdir()
        photos.append(str(photo_of(tmp_path / folder, PatientInfo(patient_id="ZS-01", sex=sex))))
    assert main(["report", *photos, "--out", str(tmp_path / "r.pdf"), "--no-analysis", "--settings",
                 str(tmp_path / "settings.ini")]) == 0
    assert "性别：男 与 女" in capsys.readouterr().err
