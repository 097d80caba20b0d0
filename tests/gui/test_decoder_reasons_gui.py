"""Why a decoder failed on a damaged photo or case file (annotations.decoder_reasons) is shown in the interface's
language inside the message that names the file: the status bar's photo that cannot be shown, the notice offering
to open a case without its damaged mask or AI file, a DICOM file's damaged header. Before, the library's English
stayed inside the translated sentence. A translator that marks the DecoderReasons context shows where it is used."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterator

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QCoreApplication, QTranslator
from pydicom import uid

from annotations import messages as msg
from annotations.dicom import messages as dicom_msg
from annotations.formats import FormatError
from annotations.formats.coco import import_coco
from annotations.formats.labelme import read_labelme
from annotations.image_io import ImageLoadError, load_image
from annotations.reading.settings import ReadingMode, ReadingSettings, load_settings, save_settings, settings_path
from annotations.workspace import Workspace, WorkspaceError
from annotations.workspace import messages as workspace_msg
from annotations.workspace.errors import DamagedCaseFile
from tests.dicom_files import fundus_rgb, write_dicom
from tests.unit.reading_fixtures import image_folder
from tests.unit.test_damaged_case_file_set_aside import _saved_case, _saved_file
from widgets.domain_messages import shown_message


class _MarksDecoderReasons(QTranslator):
    """Says each DecoderReasons text in brackets; leaves every other context to the next translator."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        return f"[{source}]" if context == "DecoderReasons" else None  # None: untranslated here


@pytest.fixture
def marked(qapp) -> Iterator[None]:
    translator = _MarksDecoderReasons()
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def test_a_photo_cut_short_says_why_in_the_interfaces_language(marked, tmp_path: Path) -> None:
    path = tmp_path / "cut.png"
    Image.fromarray(np.random.default_rng(7).integers(0, 255, (48, 64, 3), dtype=np.uint8)).save(path)
    path.write_bytes(path.read_bytes()[:3000])
    with pytest.raises(ImageLoadError) as raised:
        load_image(path)
    assert f"[{msg.CUT_SHORT}]" in shown_message(str(raised.value))


@pytest.mark.parametrize("text", [
    workspace_msg.MASK_UNREADABLE.format(path="/p/.retinareview/cases/a/mask.2.png", error=msg.UNKNOWN_CONTENT),
    workspace_msg.AI_UNREADABLE.format(path="/p/.retinareview/cases/a/ai.2.npz", error=msg.NOT_SAVED_ARRAYS),
    msg.IMAGE_DAMAGED.format(error=msg.DECLARES_TOO_MANY_PIXELS.format(pixels="400,000,000")),
], ids=["mask", "ai", "photo"])
def test_a_damaged_case_files_reason_is_shown_translated(marked, text: str) -> None:
    reason = text[text.index("(") + 1:text.rindex(")")]
    assert f"[{reason}]" in shown_message(text)


def test_a_dicom_file_cut_short_says_why_in_the_interfaces_language(marked, tmp_path: Path) -> None:
    path = write_dicom(tmp_path / "eye.dcm", fundus_rgb(), syntax=uid.DeflatedExplicitVRLittleEndian)
    path.write_bytes(path.read_bytes()[:-200])
    with pytest.raises(ImageLoadError) as raised:
        load_image(path)
    shown = shown_message(str(raised.value))
    assert f"{path}: [{msg.CUT_SHORT}] — {dicom_msg.REEXPORT}" == shown  # the reason alone: not a damaged header


def test_a_reason_the_table_does_not_word_is_shown_as_the_library_said_it(marked) -> None:
    text = workspace_msg.MASK_UNREADABLE.format(path="/p/mask.2.png", error="decoder error -42 when reading image file")
    assert shown_message(text) == text


@pytest.mark.parametrize("damage, where", [
    (lambda text: text.replace('"retinareview-case",', '"retinareview-case"', 1), "第 3 行第 2 列"),  # a comma gone
    (lambda text: text[:len(text) // 2], "不完整"),  # cut short
], ids=["edited", "cut-short"])
def test_a_damaged_case_file_says_in_chinese_why_and_where(chinese_interface, tmp_path: Path, damage,
                                                           where: str) -> None:
    """The Chinese window said 无法读取已保存的标注（Expecting ',' delimiter: line 108 column 17 (char 2175)）: Python's
    English in the Chinese sentence. Now a Chinese reason, with the line and column where one helps."""
    folder = tmp_path / "photos"
    case_id = _saved_case(folder)
    path = _saved_file(folder, case_id, "case")
    path.write_text(damage(path.read_text("utf-8")), "utf-8")
    with Workspace.open(folder) as ws, pytest.raises(DamagedCaseFile) as raised:
        ws.load_case(case_id)
    shown = shown_message(str(raised.value))
    assert shown.startswith(f"{path}：无法读取已保存的标注") and where in shown
    assert re.findall("[A-Za-z]+", shown.removeprefix(str(path))) in ([], ["JSON"])  # no English but the format's name


@pytest.mark.parametrize("damage, said", [
    (lambda data: data.update(version=99), "病例文件版本 99 比本程序能读取的版本"),  # a later release's file
    (lambda data: data.pop("width"), "缺少字段 width"),
    (lambda data: data.update(width="x"), "字段 width 的值为 'x'，"),
    (lambda data: data.clear() or data.update(format="other"), "不是 RetinaReview 病例文件（格式为 'other'）"),
], ids=["newer", "missing", "value", "format"])
def test_a_case_file_this_version_cannot_read_says_why_in_chinese(chinese_interface, tmp_path: Path, damage,
                                                                  said: str) -> None:
    """Inside 已保存的标注无效（…） the reason stayed English: "case file version 99 is newer than this program
    understands (3); update RetinaReview", "'width'", "width 'x'"."""
    folder = tmp_path / "photos"
    case_id = _saved_case(folder)
    path = _saved_file(folder, case_id, "case")
    data = json.loads(path.read_text("utf-8"))
    damage(data)
    path.write_text(json.dumps(data), "utf-8")
    with Workspace.open(folder) as ws, pytest.raises(DamagedCaseFile) as raised:
        ws.load_case(case_id)
    shown = shown_message(str(raised.value))
    assert shown.startswith(f"{path}：已保存的标注无效（") and said in shown, shown


@pytest.mark.parametrize("damage, said", [
    (lambda text: text[:len(text) // 2], "文件不完整"),
    (lambda text: text.replace(",", "", 1), "第 3 行第 2 列"),  # the comma after line 2 gone
], ids=["cut-short", "edited"])
def test_damaged_reading_settings_say_why_in_chinese(chinese_interface, tmp_path: Path, damage, said: str) -> None:
    """A folder's reading.json cut short said 无法读取该文件夹的阅片设置（Unterminated string starting at: line 4
    column 2 (char 42)）."""
    folder = image_folder(tmp_path / "photos", count=1)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    path = settings_path(folder)
    path.write_text(damage(path.read_text("utf-8")), "utf-8")
    with pytest.raises(WorkspaceError) as raised:
        load_settings(folder)
    shown = shown_message(str(raised.value))
    assert shown.startswith(f"{path}：无法读取该文件夹的阅片设置（") and said in shown, shown
    assert re.findall("[A-Za-z]+", shown.removeprefix(str(path))) in ([], ["JSON"])


@pytest.mark.parametrize("read, text, said", [
    (read_labelme, '{"shapes": [{"label": "EX"', "文件不完整"),
    (import_coco, '{"images": [],\n "categories": [] "annotations": []}', "第 2 行第 19 列"),  # a comma left out
    (read_labelme, '{"shapes": ' + "[" * 100_000 + "]" * 100_000 + "}", "嵌套达数千层"),  # "maximum recursion depth"
], ids=["labelme-cut-short", "coco-edited", "labelme-nested-too-deep"])
def test_a_damaged_label_file_says_why_in_chinese_once(chinese_interface, tmp_path: Path, read, text: str,
                                                       said: str) -> None:
    """Import labels said 不是有效的 JSON（Expecting ',' delimiter: line 2 column 19 (char 33)）: json's English
    inside; the reason now says where the JSON stops, and the message around it does not say JSON again."""
    path = tmp_path / "labels.json"
    path.write_text(text, "utf-8")
    with pytest.raises(FormatError) as raised:
        read(path)
    shown = shown_message(str(raised.value))
    assert shown.startswith(f"{path}：无法读取（") and said in shown, shown
    assert re.findall("[A-Za-z]+", shown.removeprefix(str(path))) in ([], ["JSON"])
