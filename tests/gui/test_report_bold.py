"""Bold text in a Chinese report is drawn bold: the CJK font has no bold face, so its runs in headings and table
labels are filled and outlined (PDF text render mode 2); an English report keeps the real bold face and no
outlines. Checked in the pages' content streams, as a PDF viewer reads them."""
from __future__ import annotations

import base64
import re
import zlib

import pytest

from app.report import build_report_pdf
from app.report.fonts import resolve_fonts
from tests.unit.test_report_pdf import make_eye, make_report, pdf_objects

HEADING_SIZE, LABEL_SIZE = 10.5, 8.0  # app.report.layout's heading and table styles
_OPERATOR = re.compile(rb"/(\S+) ([\d.]+) Tf|(\d) Tr|(T[Jj])\b|(?<![^\s])([qQ])(?![^\s])")


def _content_streams(data: bytes) -> list[bytes]:
    streams = []
    for dictionary, stream in pdf_objects(data).values():
        if stream is None or b"/Subtype" in dictionary or b"/Length1" in dictionary:  # images, embedded fonts
            continue
        if b"/ASCII85Decode" in dictionary:
            stream = base64.a85decode(stream.strip().removesuffix(b"~>"))
        streams.append(zlib.decompress(stream) if b"/FlateDecode" in dictionary else stream)
    return streams


def _font_names(data: bytes) -> dict[str, str]:
    """PDF font resource name ("F3+0") -> its BaseFont (subset prefix dropped)."""
    objects = pdf_objects(data)
    names = {}
    for dictionary, _ in objects.values():
        for resource, number in re.findall(rb"/(F\d+(?:\+\d+)?) (\d+) 0 R", dictionary):
            base = re.search(rb"/BaseFont /(?:[A-Z]{6}\+)?(\S+)", objects[int(number)][0])
            if base:
                names[resource.decode()] = base.group(1).decode()
    return names


def drawn_text(data: bytes) -> set[tuple[str, float, int]]:
    """(font, size, text render mode) of every string the pages draw."""
    fonts, drawn = _font_names(data), set()
    for stream in _content_streams(data):
        font, size, mode, saved = "", 0.0, 0, []
        for found in _OPERATOR.finditer(stream):
            if found.group(1):
                font, size = fonts.get(found.group(1).decode(), found.group(1).decode()), float(found.group(2))
            elif found.group(3):
                mode = int(found.group(3))
            elif found.group(4):
                drawn.add((font, size, mode))
            elif found.group(5) == b"q":
                saved.append(mode)
            else:  # Q restores the graphics state, the text render mode with it
                mode = saved.pop()
    return drawn


@pytest.fixture(scope="module")
def cjk_font() -> str:
    return resolve_fonts().cjk_path.stem


def test_chinese_headings_and_labels_are_outlined_and_plain_text_is_not(cjk_font: str) -> None:
    drawn = drawn_text(build_report_pdf(make_report(make_eye(), language="zh_CN")))
    assert (cjk_font, HEADING_SIZE, 2) in drawn  # 病灶, 阅片医师评估 ...
    assert (cjk_font, LABEL_SIZE, 2) in drawn  # the table labels: DR 分级（ICDR） ...
    assert (cjk_font, LABEL_SIZE, 0) in drawn  # the values beside them (王小明) stay regular
    assert all(font == cjk_font for font, _, mode in drawn if mode == 2)  # Latin keeps its real bold face


def test_an_english_report_draws_no_outlined_text() -> None:
    drawn = drawn_text(build_report_pdf(make_report(make_eye(), language="en")))
    assert drawn and all(mode == 0 for _, _, mode in drawn)
