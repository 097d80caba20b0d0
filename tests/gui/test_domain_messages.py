"""What annotations/ says in English (errors that name a file, the workspace's messages, import and export
warnings, double reading's notes) reaches the Chinese interface in Chinese, with file names and figures as
written: the templates match what the Qt-free code formats, and every place that shows such a text translates it.

Set RETINA_REVIEW_SCREENSHOTS=/some/folder to save the Chinese import dialog with its warnings as a PNG."""
from __future__ import annotations

import ast
import errno
import os
import re
import string
from pathlib import Path
from typing import Iterator

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QCoreApplication, Qt

from annotations import patients
from annotations.classes import LesionClass
from annotations.document import Box
from annotations.errors import FileProblem
from annotations.formats.label_map import parse_label_map
from annotations.image_io import ImageLoadError
from annotations.output_folder import OutputError, OutputFolder
from annotations.reading import messages as reading_messages
from annotations.regular_files import read_regular_bytes
from annotations.reading.state_names import STATE_NAMES
from annotations.workspace import Workspace
from annotations.workspace.scan import case_id_for
from annotations.workspace.label_import import import_labels
from annotations.workspace.transfer import export_labels
from annotations.wording import quote_name
from app import image_loader
from app.i18n import CHINESE, ENGLISH, install_language, register_cjk_font
from app.main_window import MainWindow
from app.settings import Settings, SettingsValues
from tests.gui.screenshots import keep_screenshot, screenshot_folder
from tests import hostile_corpus
from tests.hostile_fs_corpus import non_utf8_image
from widgets import domain_messages
from widgets.canvas import CanvasMouseEvent
from widgets.domain_messages import shown_message
from widgets.export_dialog import ExportDialog
from widgets.import_dialog import ImportDialog
from widgets.known_texts import AsWritten, KnownTexts, ListOf, OneOf
from widgets.retrain_dialog import RetrainDialog
from widgets.tools.tool_view import LEFT

ROOT = Path(__file__).resolve().parents[2]
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    """The interface in Chinese, as the window installs it, and a font with Chinese glyphs for a grab."""
    installed = install_language(QCoreApplication.instance(), CHINESE)
    register_cjk_font()
    yield
    for translator in installed:
        QCoreApplication.instance().removeTranslator(translator)
    install_language(QCoreApplication.instance(), ENGLISH)


# -- the templates ------------------------------------------------------------------------------------------
def known_texts() -> list[KnownTexts]:
    """Every KnownTexts of widgets/domain_messages, with the ones inside others."""
    return known_texts_of(domain_messages)


def known_texts_of(module: object) -> list[KnownTexts]:
    """Every KnownTexts a module defines, with the ones inside others."""
    found: list[KnownTexts] = []
    pending = [value for value in vars(module).values() if isinstance(value, KnownTexts)]
    while pending:
        known = pending.pop()
        if any(known is seen for seen in found):
            continue
        found.append(known)
        for parts in known.parts.values():
            pending += [text for part in parts for text in inner_texts(part)
                        if isinstance(text, KnownTexts)]  # not names shown as written (AsWritten)
    return found


def inner_texts(part: KnownTexts | AsWritten | ListOf | OneOf) -> list[KnownTexts | AsWritten]:
    """The texts a ``parts`` entry matches, out of its lists and alternatives."""
    if isinstance(part, ListOf):
        return inner_texts(part.texts)
    if isinstance(part, OneOf):
        return [text for alternative in part.texts for text in inner_texts(alternative)]
    return [part]


def marked_in(package: str) -> set[tuple[str, str]]:
    """(context, text) of every QT_TRANSLATE_NOOP call under ``package``/: the templates its Qt-free code uses."""
    marked = set()
    for path in (ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "QT_TRANSLATE_NOOP":
                marked.add((node.args[0].value, node.args[1].value))
    return marked


def matched_texts(knowns: list[KnownTexts]) -> set[tuple[str, str]]:
    """(context, text) of every template and value the KnownTexts match."""
    return {(known.context, text) for known in knowns for text in (*known.templates, *known.values.values())}


def assert_one_per_context(knowns: list[KnownTexts]) -> None:
    """Each context's templates are one family's; another of the context says them alike but words a figure its own
    way (the command line's advice where the window's is its Settings: app/inference_messages.py)."""
    templates: dict[str, tuple[str, ...]] = {}
    for known in knowns:
        assert templates.setdefault(known.context, known.templates) == known.templates, known.context


def test_every_template_annotations_formats_is_a_known_text_and_no_other() -> None:
    # the double-reading states' names are shown whole, each translated by widgets.case_list.reading_text
    shown_whole = {("CaseTableModel", name) for name in STATE_NAMES.values()}
    # a patient's two names, put together in the interface's language by patients.shown_name, never in a message
    shown_whole.add(("PatientNames", patients.BOTH_NAMES))
    assert matched_texts(known_texts()) | shown_whole == marked_in("annotations")


def test_one_known_texts_per_context() -> None:
    assert_one_per_context(known_texts())


def sample(known: KnownTexts, template: str) -> str:
    """``template`` filled as the Qt-free code would: a known text where the figure is one, else «name»."""
    figures = {}
    for _, name, _, _ in string.Formatter().parse(template):
        if not name:
            continue
        parts = known.parts.get(name)
        part = inner_texts(parts[0])[0] if parts else None
        if isinstance(part, KnownTexts):
            figures[name] = sample(part, part.templates[0])
        elif isinstance(part, AsWritten):
            figures[name] = next(text for text in as_written_samples(name) if part.match(text) is not None)
        else:
            figures[name] = next(iter(known.values), f"«{name}»")
    return template.format(**figures)


def as_written_samples(name: str) -> tuple[str, ...]:
    """A figure shown as written: a word, a name quoted as annotations/ quotes it, a number (a B-scan's)."""
    return f"«{name}»", quote_name(f"«{name}»"), "7"


@pytest.mark.parametrize("known", known_texts(), ids=lambda known: known.context)
def test_every_template_is_shown_in_chinese_with_its_figures_as_written(chinese, known: KnownTexts) -> None:
    assert_shown_in_chinese(known)


def assert_shown_in_chinese(known: KnownTexts) -> None:
    """Each of ``known``'s templates, filled (sample), is matched and shown in Chinese with its figures."""
    for template in known.templates:
        text = sample(known, template)
        shown = known.match(text)
        assert shown is not None and HAN.search(shown), text
        assert all(figure in shown for figure in re.findall(r"«\w+»", text)), (text, shown)


def test_a_folder_open_in_another_window_names_that_program_in_chinese(chinese, tmp_path: Path) -> None:
    Image.new("RGB", (8, 8)).save(tmp_path / "a.png")
    first = Workspace.open(tmp_path)
    second = Workspace.open(tmp_path)  # the first holds the lock: read-only, naming the first's process
    try:
        shown = shown_message(second.messages[0])
    finally:
        second.close()
        first.close()
    assert second.read_only and f"进程 {os.getpid()}" in shown and "process" not in shown and "since" not in shown


def test_a_write_the_disk_refuses_says_why_in_chinese(chinese, tmp_path: Path, monkeypatch) -> None:
    def read_only(*_args, **_kwargs) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr("annotations.output_folder.atomic_write_bytes", read_only)
    with pytest.raises(OutputError) as raised:  # an export into a read-only folder
        OutputFolder(tmp_path / "out").write_text("a.xml", "<x/>")
    shown = shown_message(str(raised.value))
    assert "无法写入（磁盘或文件夹为只读）" in shown and "请选择一个可写入" in shown and "only" not in shown
    monkeypatch.setattr("annotations.workspace.workspace._probe_writable", read_only)
    Image.new("RGB", (8, 8)).save(tmp_path / "a.png")
    workspace = Workspace.open(tmp_path)  # a folder on a read-only disk opens read-only, saying why
    workspace.close()
    shown = shown_message(workspace.messages[0])
    assert workspace.read_only and "磁盘或文件夹为只读" in shown and "only" not in shown


def test_a_snapshot_set_aside_says_why_in_chinese(chinese) -> None:
    from annotations.workspace import messages as workspace_messages

    text = workspace_messages.SNAPSHOT_KEPT.format(path="a.snap", problem=workspace_messages.SNAPSHOT_SUPERSEDED,
                                                   kept="a.snap.damaged-1")
    assert "打开文件夹时未能恢复" in shown_message(text) and "a.snap.damaged-1" in shown_message(text)


def test_a_text_no_template_matches_is_shown_as_written(chinese) -> None:
    assert shown_message("x.xml: something nobody wrote a template for") == \
        "x.xml: something nobody wrote a template for"


# -- the places that show them --------------------------------------------------------------------------------
def _photo_folder(folder: Path, names: tuple[str, ...] = ("eye.png",)) -> Path:
    folder.mkdir()
    for name in names:
        Image.fromarray(np.full((40, 60, 3), 90, np.uint8)).save(folder / name)
    return folder


def _voc(name: str, label: str, box: tuple[int, int, int, int], size: tuple[int, int] = (60, 40)) -> str:
    xmin, ymin, xmax, ymax = box
    return (f"<annotation><filename>{name}</filename><size><width>{size[0]}</width><height>{size[1]}</height>"
            f"<depth>3</depth></size><object><name>{label}</name><bndbox><xmin>{xmin}</xmin><ymin>{ymin}</ymin>"
            f"<xmax>{xmax}</xmax><ymax>{ymax}</ymax></bndbox></object></annotation>")


def test_an_import_says_its_warnings_in_chinese(qtbot, chinese, tmp_path: Path) -> None:
    ws = Workspace.open(_photo_folder(tmp_path / "photos", ("eye.png", "other.png", "third.png")))
    labels = tmp_path / "voc"
    labels.mkdir()
    (labels / "eye.xml").write_text(_voc("eye.png", "haemorrhage", (30, 10, 5, 20)))  # corners swapped
    (labels / "other.xml").write_text(_voc("other.png", "drusen", (1, 1, 9, 9)))  # a label the map lacks
    (labels / "third.xml").write_text(_voc("third.png", "HE", (2, 2, 50, 30), size=(120, 80)))  # labelled larger
    (labels / "stray.xml").write_text(_voc("stray.png", "HE", (1, 1, 5, 5)))

    def run(fmt, source, label_map, state):  # noqa: ANN001, ANN202 - ImportRun
        return import_labels(ws, source, fmt, {"haemorrhage": LesionClass.HE}, state)

    dialog = ImportDialog(run)
    qtbot.addWidget(dialog)
    dialog.source_edit.setText(str(labels))
    with qtbot.waitSignal(dialog.finished_import, timeout=20_000) as finished:
        dialog.import_button.click()
    summary = finished.args[0]
    assert "已跳过标签映射中未列出的标签的形状：drusen（见于 1 个文件：'other.xml'）；请用 --label-map" in summary
    # a label file's own warnings name it under the import folder
    assert "警告：eye.xml：第 1 个对象（haemorrhage）：xmin 与 xmax 已互换" in summary
    assert "警告：third.xml：标注时图像为 120x80，而 'third.png' 为 60x40；标注已按比例缩放" in summary
    assert "1 个标注文件没有匹配到图像，例如 stray.xml" in summary
    assert "skipped" not in summary and "swapped" not in summary
    if screenshot_folder() is not None:
        dialog.resize(900, 420)
        dialog.show()
        qtbot.waitExposed(dialog)
        keep_screenshot(dialog, "zh-import-warnings.png")
    ws.close()


def _imported_in_dialog(qtbot, ws: Workspace, fmt: str, source: Path) -> str:  # noqa: ANN001 - qtbot
    """The summary the import dialog shows after importing ``source`` as ``fmt`` into ``ws`` (no label map)."""
    dialog = ImportDialog(lambda fmt, source, label_map, state: import_labels(ws, source, fmt, None, state))
    qtbot.addWidget(dialog)
    dialog.choose_format(fmt)
    dialog.source_edit.setText(str(source))
    with qtbot.waitSignal(dialog.finished_import, timeout=20_000) as finished:
        dialog.import_button.click()
    return finished.args[0]

def test_a_cvat_projects_subsets_imported_into_a_flat_folder_are_said_in_chinese(qtbot, chinese,
                                                                                 tmp_path: Path) -> None:
    ws = Workspace.open(_photo_folder(tmp_path / "photos", ("img0.jpg",)))
    export = Path(__file__).resolve().parents[1] / "data" / "real_formats" / "cvat_project_export.xml"
    summary = _imported_in_dialog(qtbot, ws, "cvat", export)
    assert (f"警告：未为 'img0.jpg' 导入标注：{export} 在 CVAT 项目的不同子集中列有同名照片（'Test/img0.jpg'、'Train/img0.jpg'、"
            "'Validation/img0.jpg'）；请导出项目的数据集（它把每个子集放在各自的文件夹中），或导入单个任务的文件") in summary
    ws.close()


def test_a_failed_import_names_the_file_in_chinese(qtbot, chinese, tmp_path: Path) -> None:
    ws = Workspace.open(_photo_folder(tmp_path / "photos"))
    labels = tmp_path / "yolo"
    labels.mkdir()
    assert f"{labels / 'classes.txt'}：未找到；YOLO 标注需要类别名称文件" in _imported_in_dialog(qtbot, ws, "yolo", labels)
    ws.close()


def test_an_import_with_a_bad_label_map_says_so_in_chinese(qtbot, chinese, tmp_path: Path) -> None:
    def run(fmt, source, label_map, state):  # noqa: ANN001, ANN202 - ImportRun, as the window binds it
        return import_labels(ws, source, fmt, parse_label_map(label_map), state)

    ws = Workspace.open(_photo_folder(tmp_path / "photos"))
    dialog = ImportDialog(run)
    qtbot.addWidget(dialog)
    dialog.source_edit.setText(str(tmp_path))
    dialog.label_map_edit.setText("haemorrhage")
    with qtbot.waitSignal(dialog.finished_import, timeout=20_000) as finished:
        dialog.import_button.click()
    assert "标签映射条目 'haemorrhage' 不是 name=CLASS 的形式（例如 haemorrhage=HE）" in finished.args[0]
    ws.close()


def test_an_export_says_its_warnings_and_its_failure_in_chinese(qtbot, chinese, tmp_path: Path) -> None:
    ws = Workspace.open(_photo_folder(tmp_path / "photos"))
    doc = ws.load_case(ws.cases()[0].case_id)
    doc.boxes = [Box(LesionClass.HE, 5, 5, 14, 9, difficult=True)]
    ws.save_case(doc)

    def run(fmt, out_dir, case_ids, state, overwrite=False):  # noqa: ANN001, ANN202 - ExportRun
        return export_labels(ws, fmt, out_dir, state, case_ids=case_ids, overwrite=overwrite)

    dialog = ExportDialog(run, {"all": [doc.case_id], "done": [], "selection": []}, tmp_path / "out")
    qtbot.addWidget(dialog)
    dialog.format_boxes["voc"].setChecked(False)
    dialog.format_boxes["yolo"].setChecked(True)
    dialog.scope_buttons["all"].setChecked(True)
    with qtbot.waitSignal(dialog.finished_export, timeout=20_000) as finished:
        dialog.export_button.click()
    assert "1 个标为“困难”或“截断”的框丢失了该标记" in finished.args[0]
    with qtbot.waitSignal(dialog.finished_export, timeout=20_000) as finished:
        dialog.export_button.click()  # the same files again, without overwrite
    assert f"{tmp_path / 'out' / 'classes.txt'}：已存在（2 个文件冲突，并非本次运行写入）" in finished.args[0]
    assert "already exists" not in finished.args[0]
    ws.close()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(analyze_on_open=False, autosave_s=60, reader="tester"))
    return settings


def test_the_window_says_what_the_workspace_and_a_bad_photo_say_in_chinese(qtbot, chinese, settings,
                                                                           tmp_path: Path) -> None:
    folder = _photo_folder(tmp_path / "photos")
    (folder / "broken.png").write_bytes(b"")
    Workspace.open(folder).close()
    (folder / ".retinareview" / "index.db").write_bytes(b"not a database at all" * 100)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_paths([folder])
    window.cases.flush()  # the folder's store is opened on the storage worker
    shown = window.statusBar().currentMessage()  # the index was rebuilt
    assert f"工作区索引 {folder / '.retinareview' / 'index.db'} 已损坏" in shown, shown

    qtbot.waitUntil(lambda: not window.cases.busy, timeout=20_000)  # the scan lists the folder
    broken = next(s for s in window.cases.summaries.values() if s.image_path == "broken.png")
    window.cases.select_case(broken.case_id)
    assert f"{folder / 'broken.png'}：文件为空（0 字节）——请从来源重新复制该图像" in window.notice.text()
    row = next(r for r in range(window.case_list.model.rowCount())
               if window.case_list.model.data(window.case_list.model.index(r, 0)) == "broken.png")
    tip = window.case_list.model.data(window.case_list.model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith(f"{folder / 'broken.png'}：文件为空"), tip
    window.close()


def test_the_case_list_says_why_a_case_has_no_image_in_chinese(qtbot, chinese, settings, tmp_path: Path) -> None:
    folder = _photo_folder(tmp_path / "photos", ("eye.png", "gone.png"))
    with Workspace.open(folder) as workspace:  # labels saved before the photo went away
        doc = workspace.load_case(case_id_for("gone.png"))
        doc.boxes = [Box(LesionClass.HE, 2, 2, 9, 9)]
        workspace.save_case(doc)
    (folder / "gone.png").unlink()
    undecodable = non_utf8_image(folder)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_paths([folder])
    window.cases.flush()  # the folder's store is opened on the storage worker
    qtbot.waitUntil(lambda: not window.cases.busy, timeout=20_000)
    model = window.case_list.model
    tips = {model.data(model.index(row, 0)): model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
            for row in range(model.rowCount())}
    assert tips["gone.png"].startswith(f"{folder / 'gone.png'}：找不到图像文件——其标注保存在 "), tips
    (name,) = [name for name in tips if name.startswith("scan-")]
    assert tips[name].startswith(f"{folder / name}：文件名不是有效的 UTF-8 文本"), (undecodable, tips)
    window.close()


def test_a_tool_says_why_it_cannot_act_in_chinese(qtbot, chinese, settings, tmp_path: Path) -> None:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_paths([_photo_folder(tmp_path / "photos")])
    window.cases.flush()  # the folder's store is opened on the storage worker
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=20_000)
    view = window.annotation.views["magic_brush"]  # and no AI result yet
    view.press(CanvasMouseEvent(10, 10, LEFT, LEFT, Qt.KeyboardModifier.NoModifier, True))
    assert window.statusBar().currentMessage().startswith("智能画笔需要此病例含")
    window.close()


def test_a_photo_the_decoder_fails_on_is_named_in_chinese(chinese, monkeypatch, tmp_path: Path) -> None:
    def defect(path):  # noqa: ANN001, ANN202
        raise RuntimeError("decoder bug")

    monkeypatch.setattr(image_loader, "load_image_with_header", defect)
    with pytest.raises(ImageLoadError) as raised:
        image_loader.decode_full(tmp_path / "eye.png")
    assert shown_message(str(raised.value)) == \
        f"{tmp_path / 'eye.png'}：无法解码（RuntimeError: decoder bug）——请报告此文件"


def test_a_photo_replaced_since_its_case_was_saved_is_named_in_chinese(chinese, tmp_path: Path) -> None:
    Image.fromarray(np.zeros((50, 70, 3), np.uint8)).save(tmp_path / "eye.png")
    with pytest.raises(ImageLoadError) as raised:
        image_loader.decode_case_image((tmp_path / "eye.png", (60, 40)))
    assert shown_message(str(raised.value)) == (f"{tmp_path / 'eye.png'}：图像为 70x50 像素，但该病例是在 60x40 的图像上"
                                                "标注的——请放回标注时所用的图像；病例的标注仍保留")


def test_the_retrain_dialog_says_double_readings_notes_in_chinese(qtbot, chinese) -> None:
    dialog = RetrainDialog([("seg", "Lesions", 512)])
    qtbot.addWidget(dialog)
    dialog.show_results("current", "new", [], [reading_messages.TRAINED_ON_CONSENSUS.format(count=3),
                                               reading_messages.SETTLED_FIRST.format(count=1),
                                               reading_messages.FROM_READINGS_READ_ONLY.format(count=2)])
    assert dialog.notes_label.text() == ("双人阅片：用 3 个病例的共识结果（经仲裁，或两位阅片者一致）训练，而非某一位"
                                         "阅片者的标注\n已先将 1 个意见一致的病例存为共识结果\n2 个意见一致的病例按阅片者"
                                         "一致的阅片结果导出：共识存储为只读，无法将其存为共识结果")


def test_a_transfer_syntax_named_with_brackets_keeps_them_in_chinese(chinese) -> None:
    """"JPEG Extended（Process 2 and 4) (1.2.840.10008.1.2.4.51）": the name's bracket was taken for the UID's."""
    from annotations.dicom import messages as dicom_messages
    from widgets.domain_messages import DICOM_TEXTS

    text = dicom_messages.SYNTAX_UNSUPPORTED.format(name="JPEG Extended (Process 2 and 4)",
                                                    uid="1.2.840.10008.1.2.4.51")
    assert DICOM_TEXTS(text) == "其传输语法 JPEG Extended (Process 2 and 4)（1.2.840.10008.1.2.4.51）在此无法解码"


def test_a_photo_too_large_to_open_says_its_size_in_chinese(chinese, tmp_path: Path) -> None:
    """A 30000 x 30000 header's case said 图像过大，无法安全打开（900 megapixels）: the unit stayed English."""
    path = hostile_corpus.bomb_png(tmp_path / "eye.png")
    with pytest.raises(ImageLoadError) as raised:
        image_loader.decode_full(path)
    assert shown_message(str(raised.value)) == f"{path}：图像过大，无法安全打开（900 百万像素）——超过 120 百万像素的图像会被拒绝"


def test_a_file_too_large_for_its_kind_names_the_kind_in_chinese(chinese, tmp_path: Path) -> None:
    """A case file over its size limit said 对 a case file 来说过大（最多 524,288 bytes）: the kind and the unit stayed
    English."""
    path = tmp_path / "case.json"
    path.write_bytes(b"{}" * 2**20)
    with pytest.raises(FileProblem) as raised:
        read_regular_bytes(path, 2**19, "a case file")
    assert shown_message(str(raised.value)) == f"{path}：文件大小为 2 MB，对病例文件来说过大（最多 524,288 字节）——这是正确的文件吗？"
