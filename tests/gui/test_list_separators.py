"""Lists read in the interface's (or the report's) language: English joins names with ", " and clauses with "; ",
Chinese with the enumeration comma "、" and the full-width semicolon "；", whether the window joins a list itself or
shows a list that Qt-free code wrote in English."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from annotations import messages as file_messages
from annotations.case_names import case_name
from annotations.classes import LesionClass
from annotations.commands.mask import ApplyAIPrediction
from annotations.formats import FormatError
from annotations.formats.grades_csv import COLUMNS, read_grades_csv
from annotations.output_names import plan_stems
from annotations.wording import join_items, join_named, join_names
from annotations.workspace import messages as workspace_messages
from annotations.workspace import transfer_messages
from annotations.workspace.errors import WorkspaceError
from app.inference_messages import shown_message as shown_inference_message
from app.report.text import ReportText
from inference.batch.results import WorkspaceCases
from inference.device import DeviceError, resolve_device
from inference.device_names import DEVICE_CHOICES
from inference.card_schema import VIEW_FLIPS
from inference.model_card import TASKS, ModelError, load_card
from tests.gui.test_domain_messages import chinese  # noqa: F401 - a fixture
from widgets.clinical_terms import quality_verdict
from widgets import known_texts
from widgets.domain_messages import CASE_NAME, shown_message
from widgets.history_panel import EDIT_NAMES
from widgets.known_texts import ListOf
from widgets.shown_lists import shown_clauses, shown_items

TWO_REASONS = {"gradable": False, "reason": "too dark (mean level 20, needs 25); blurred (sharpness 1.5, needs 3)"}


def unknown_labels_warning() -> str:
    """An import's warning as annotations/ writes it: two unknown labels joined by ", "."""
    files = {"drusen": ["a.xml", "Wang, Li.xml", "c.xml"], "laser scar": ["d.xml"]}
    names = ", ".join(transfer_messages.UNKNOWN_LABEL.format(name=name, count=len(listed),
                                                             files=join_names(listed, 2))
                      for name, listed in files.items())
    return transfer_messages.UNKNOWN_LABELS.format(names=names)


def test_english_lists_keep_comma_and_semicolon(qapp) -> None:
    assert shown_items(["MA", "HE"]) == "MA, HE" and shown_clauses(["a", "b"]) == "a; b"
    assert shown_message(unknown_labels_warning()) == unknown_labels_warning()
    assert quality_verdict(TWO_REASONS) == f"NOT gradable: {TWO_REASONS['reason']}"


def test_chinese_lists_use_chinese_punctuation(chinese) -> None:
    assert shown_items(["MA", "HE"]) == "MA、HE" and shown_clauses(["过暗", "模糊"]) == "过暗；模糊"
    assert shown_message(unknown_labels_warning()) == (
        "已跳过标签映射中未列出的标签的形状：drusen（见于 3 个文件：'a.xml'、'Wang, Li.xml'、…（另 1 个））、"
        "laser scar（见于 1 个文件：'d.xml'）；请用 --label-map name=CLASS 添加")
    assert quality_verdict(TWO_REASONS) == "无法分级：过暗（平均亮度 20，至少需 25）；模糊（清晰度 1.5，至少需 3）"


def test_chinese_names_shapes_without_a_label_in_the_unknown_labels(chinese) -> None:
    """Shapes with an empty label (datumaro's CVAT export) are said as such, in Chinese too, not as a label named
    "shapes without a label"."""
    names = ", ".join([transfer_messages.UNLABELLED_SHAPES.format(count=2, files=join_names(["a.json", "b.json"])),
                       transfer_messages.UNKNOWN_LABEL.format(name="drusen", count=1, files=join_names(["c.json"]))])
    assert shown_message(transfer_messages.UNKNOWN_LABELS.format(names=names)) == (
        "已跳过标签映射中未列出的标签的形状：无标签的形状（见于 2 个文件：'a.json'、'b.json'）、drusen（见于 1 个文件：'c.json'）；"
        "请用 --label-map name=CLASS 添加")


def test_chinese_says_which_photos_a_cvat_projects_subsets_name(chinese) -> None:
    """The warning about a project's photos of one name per subset, its lists (cut short) joined as Chinese lists
    them."""
    photos = ["Wang, Li.jpg", "b.jpg", "c.jpg", "d.jpg", "e.jpg", "f.jpg"]
    warning = transfer_messages.SUBSETS_OF_ONE_NAME.format(
        photos=join_names(photos, 5), file="/x/annotations.xml",
        files=join_names(["Test/Wang, Li.jpg", "Train/Wang, Li.jpg", "Test/b.jpg"]))
    assert shown_message(warning) == (
        "未为 'Wang, Li.jpg'、'b.jpg'、'c.jpg'、'd.jpg'、'e.jpg'、…（另 1 个）导入标注：/x/annotations.xml 在 CVAT 项目的不同子集中"
        "列有同名照片（'Test/Wang, Li.jpg'、'Train/Wang, Li.jpg'、'Test/b.jpg'）；请导出项目的数据集（它把每个子集放在各自的文件夹中），"
        "或导入单个任务的文件")


def test_chinese_lists_of_file_names_keep_each_name_whole_whatever_it_holds(chinese) -> None:
    """Names listed by annotations/ (each quoted by join_names) are shown as written, joined as Chinese lists them:
    a "Surname, Given" name stays one name."""
    recovered = workspace_messages.RECOVERED.format(count=2, images=join_names(["Wang, Li 2021.jpg", "b.jpg"]))
    assert shown_message(recovered).endswith("：'Wang, Li 2021.jpg'、'b.jpg'")
    names = ["a, b_MA.png", "it's, c.png", 'x", y.png', "d.png", "e.png", "f.png", "g.png"]
    skipped = transfer_messages.NOT_LABEL_IMAGES.format(count=7, files=join_names(names, shown=5))
    assert shown_message(skipped).endswith("：'a, b_MA.png'、'it''s, c.png'、'x\", y.png'、'd.png'、'e.png'、…（另 2 个）")
    _, notes = plan_stems(["a/Wang, Li.png", "b/Wang, Li.png"], flat=True)
    assert shown_message(notes[0]).endswith("：'a/Wang, Li.png' → 'a__Wang, Li'、'b/Wang, Li.png' → 'b__Wang, Li'")
    _, notes = plan_stems(["scans/vol.dcm#frame=1", "vol_b001.png"], flat=True)  # a B-scan's name holds ", "
    assert re.search(r"：'scans/vol.dcm'，B 扫描 1 → 'scans__vol_b001'、'vol_b001.png' → 'vol_b001_[0-9a-f]{8}'$",
                     shown_message(notes[0])), shown_message(notes[0])
    unknown = file_messages.UNKNOWN_CLASS.format(name="'drusen'", accepted=join_items(["MA", "HE"]))
    assert shown_message(unknown).endswith("：MA、HE")


def test_chinese_names_of_cases_show_a_bscan_as_one_case_in_chinese(chinese) -> None:
    """The workspace names a case as every message does (annotations.case_names): a volume's B-scan is one case in
    a list though its name holds ", ", and its word is Chinese, in a list and alone."""
    names = join_items(case_name(path) for path in ("Wang, Li.jpg", "scans/vol.dcm#frame=3", "b.jpg"))
    recovered = workspace_messages.RECOVERED.format(count=3, images=names)
    assert shown_message(recovered).endswith("：'Wang, Li.jpg'、'scans/vol.dcm'，B 扫描 3、'b.jpg'")
    failed = workspace_messages.SAVE_FAILED.format(folder="cases/x", image=case_name("scans/vol.dcm#frame=3"),
                                                   error="No space left on device", hint=file_messages.SAVE_AGAIN)
    assert shown_message(failed) == ("cases/x：保存 'scans/vol.dcm'，B 扫描 3 失败（No space left on device）；之前保存的标注完好"
                                     "无损。排除原因后请再次保存。")


def test_chinese_recovery_message_says_the_edits_are_saved_and_lists_a_few_cases(chinese) -> None:
    """Many cases recovered after a crash are named a few, then how many more, all in Chinese."""
    names = join_named([case_name(f"img{index}.png") for index in range(5)], 7)
    recovered = shown_message(workspace_messages.RECOVERED.format(count=7, images=names))
    assert recovered == ("程序崩溃后，已从自动保存恢复并保存 7 个病例尚未保存的编辑；请检查这些病例（崩溃前最后几秒的编辑可能已丢失）："
                         "'img0.png'、'img1.png'、'img2.png'、'img3.png'、'img4.png'、…（另 2 个）")


def test_a_bscans_number_is_digits_so_what_follows_it_in_a_list_is_no_part_of_it(chinese) -> None:
    assert CASE_NAME.match("'v.dcm', B-scan 799") == "'v.dcm'，B 扫描 799"
    assert CASE_NAME.match("'v.dcm', B-scan 799, x") is None
    listed = workspace_messages.RECOVERED.format(count=1, images="'v.dcm', B-scan 799, x")
    assert shown_message(listed) == listed  # no list of cases: shown as written


def test_an_imports_label_that_fits_several_bscans_names_them_in_chinese(chinese) -> None:
    names = join_items(case_name(path) for path in ("OD/vol.dcm#frame=2", "OS/vol.dcm#frame=2"))
    fits = transfer_messages.STEM_FITS_SEVERAL.format(label="labels/vol_b002.xml", images=names)
    assert shown_message(fits).endswith("：'OD/vol.dcm'，B 扫描 2、'OS/vol.dcm'，B 扫描 2")


class _SpanCounter:
    """The ``re`` module, whose patterns add to ``spans`` the length of each text they match."""

    def __init__(self) -> None:
        self.spans: list[int] = []

    def __getattr__(self, name: str) -> object:
        return getattr(re, name)

    def compile(self, *args: object) -> _CountedPattern:
        return _CountedPattern(re.compile(*args), self.spans)


class _CountedPattern:
    def __init__(self, pattern: re.Pattern, spans: list[int]) -> None:
        self.pattern, self.spans = pattern, spans

    def match(self, *args: object) -> re.Match | None:
        return self._counted(self.pattern.match(*args))

    def fullmatch(self, *args: object) -> re.Match | None:
        return self._counted(self.pattern.fullmatch(*args))

    def _counted(self, found: re.Match | None) -> re.Match | None:
        self.spans.append(len(found[0]) if found else 0)
        return found


def test_a_long_list_is_matched_item_by_item_not_its_whole_rest_after_each(chinese, monkeypatch) -> None:
    """A recovery of thousands of cases is matched on the interface's thread: what a list's own patterns match adds
    up to about the list's length, not to its length once per item (quadratic: seconds for 3,200 names)."""
    counter = _SpanCounter()
    monkeypatch.setattr(known_texts, "re", counter)
    cases = ListOf(CASE_NAME)
    names = [case_name(f"scans/vol {n}.dcm#frame=3" if n % 2 else f"Wang, Li {n}.jpg") for n in range(300)]
    assert cases.match(join_items(names)) == "、".join(cases.texts.match(name) for name in names)
    assert 0 < sum(counter.spans) <= 2 * len(join_items(names))


def test_a_chinese_report_joins_in_chinese_whatever_the_interface(qapp) -> None:
    report = ReportText("zh_CN").translate
    assert quality_verdict(TWO_REASONS, report) == "无法分级：过暗（平均亮度 20，至少需 25）；模糊（清晰度 1.5，至少需 3）"


# -- lists the Qt-free code writes into its messages: joined by wording.join_items or join_names, rejoined in Chinese
def test_chinese_lists_of_choices_and_columns_in_file_and_model_problems(chinese, tmp_path: Path) -> None:
    grades = tmp_path / "grades.csv"
    grades.write_text("Image name,Grade\na,1\n", encoding="utf-8")
    with pytest.raises(FormatError) as csv_problem:
        read_grades_csv(grades)
    assert "、".join(COLUMNS[:3]) in shown_message(str(csv_problem.value))
    with pytest.raises(DeviceError) as device_problem:
        resolve_device("tpu")
    assert "、".join(DEVICE_CHOICES) in shown_inference_message(str(device_problem.value))
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "model.json").write_text('{"name": "m", "task": "staging", "architecture": "classifier", '
                                               '"encoder": "resnet18", "classes": ["0", "1"]}', encoding="utf-8")
    with pytest.raises(ModelError) as card_problem:
        load_card(tmp_path / "m")
    assert "、".join(TASKS) in shown_inference_message(str(card_problem.value))
    (tmp_path / "m" / "model.json").write_text('{"name": "m", "task": "optic-disc", "architecture": "unet", '
                                               '"encoder": "resnet18", "classes": ["background", "OD"], '
                                               '"averaged_views": ["sideways"]}', encoding="utf-8")
    with pytest.raises(ModelError) as views_problem:
        load_card(tmp_path / "m")
    assert "、".join(VIEW_FLIPS) in shown_inference_message(str(views_problem.value))


def test_chinese_lists_of_photos_a_batch_cannot_store_keep_each_name_whole(chinese, tmp_path: Path) -> None:
    (tmp_path / "workspace").mkdir()
    photos = [tmp_path / "Wang, Li.png", tmp_path / "b.png"]
    for photo in photos:  # there, outside the workspace (a photo gone since it was listed fails alone)
        photo.write_bytes(b"")
    with pytest.raises(WorkspaceError) as raised:
        WorkspaceCases.open(tmp_path / "workspace", photos)
    assert shown_inference_message(str(raised.value)).startswith(f"'{photos[0]}'、'{photos[1]}'：不是 ")


def test_the_history_names_the_classes_of_an_applied_ai_prediction_as_chinese_lists_them(chinese) -> None:
    assert "HE、EX" in EDIT_NAMES(ApplyAIPrediction([LesionClass.HE, LesionClass.EX]).text)


def test_analyze_lists_names_cut_short_in_chinese(qapp, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`analyze DDR/train/label --lang zh_CN` listed its class folders "'EX', 'HE', 'MA', ... (+1)" in a Chinese
    warning: English commas and English "how many more"."""
    from app.cli import main
    from tests.unit.test_named_class_folders import _ddr

    _ddr(tmp_path / "DDR")
    assert main(["analyze", str(tmp_path / "DDR" / "train" / "label"), "--out", str(tmp_path / "out"),
                 "--lang", "zh_CN"]) == 2
    assert "其子文件夹（'EX'、'HE'、'MA'、…（另 1 个））中的 4 张图像" in capsys.readouterr().err
