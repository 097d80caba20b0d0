"""The summary a window shows after an import or export (annotations.workspace.transfer_texts): one row per format
by its display name, the lesion table once, shared warnings once, the table's cells separated by tabs."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from annotations.classes import LesionClass
from annotations.workspace.transfer import EXPORT_FORMATS, TransferSummary
from annotations.workspace.transfer_texts import format_name, format_names, summary_text

YOLO_WARNING = ("1 box(es) marked difficult or truncated lost the mark: YOLO files cannot hold it (export VOC to keep "
                "it)")


def exported(fmt: str, files: int, warnings: list[str] | None = None, he_boxes: int = 2) -> TransferSummary:
    return TransferSummary("export", fmt, Path("/out") / fmt, cases=3, files=files,
                           boxes=Counter({LesionClass.HE: he_boxes}),
                           pixels=Counter({LesionClass.HE: 1200, LesionClass.MA: 15}), warnings=list(warnings or []),
                           unlabelled=1)


def test_every_export_format_has_a_display_name() -> None:
    assert set(format_names()) == set(EXPORT_FORMATS)
    assert format_name("voc") == "Pascal VOC" and format_name("masks") == "per-class masks"
    assert format_name("something new") == "something new"


def test_several_formats_one_row_each_and_the_table_and_warnings_once() -> None:
    shared = "'b.png': skipped: the image is damaged"
    text = summary_text([exported("voc", 3, [shared]), exported("masks", 12, [shared]),
                         exported("yolo", 4, [shared, YOLO_WARNING])])
    assert text.split("\n") == [
        "Exported 3 case(s) as Pascal VOC to /out/voc; 3 file(s) written",
        "Exported 3 case(s) as per-class masks to /out/masks; 12 file(s) written",
        "Exported 3 case(s) as YOLO to /out/yolo; 4 file(s) written",
        "",
        "Lesion\tBoxes\tLabelled pixels",
        "MA\t0\t15",
        "HE\t2\t1200",
        "",
        "skipped 1 case(s) nobody labelled or marked done (their empty label files would read as 'no lesions')",
        f"warning: {shared}",
        f"warning: {YOLO_WARNING}"]


def test_formats_that_counted_differently_get_a_table_each_named_by_them() -> None:
    text = summary_text([exported("voc", 3), exported("dataset", 5, he_boxes=1), exported("coco", 1)])
    assert text.split("\n")[4:-2] == ["Pascal VOC, COCO:", "Lesion\tBoxes\tLabelled pixels", "MA\t0\t15", "HE\t2\t1200",
                                  "", "training data set:", "Lesion\tBoxes\tLabelled pixels", "MA\t0\t15",
                                  "HE\t1\t1200"]


def test_an_import_names_its_format_and_where_it_came_from() -> None:
    summary = TransferSummary("import", "cvat", Path("/labels/annotations.xml"), cases=2,
                              boxes=Counter({LesionClass.EX: 4}))
    assert summary_text([summary]) == ("Imported 2 case(s) as CVAT from /labels/annotations.xml\n\n"
                                       "Lesion\tBoxes\tLabelled pixels\nEX\t4\t0")


def test_the_text_is_said_in_the_language_given() -> None:
    words = {"Pascal VOC": "Pascal VOC", "Lesion": "病灶", "Boxes": "框数", "Labelled pixels": "标注像素",
             "warning: {warning}": "警告：{warning}",
             "Exported {cases} case(s) as {format} to {folder}; {files} file(s) written":
                 "已将 {cases} 个病例以 {format} 格式导出到 {folder}；写入 {files} 个文件"}
    text = summary_text([exported("voc", 3, ["x"])], lambda _context, source: words.get(source, source),
                        warning=lambda text: f"<{text}>")
    lines = text.split("\n")
    assert lines[0] == "已将 3 个病例以 Pascal VOC 格式导出到 /out/voc；写入 3 个文件"
    assert lines[2] == "病灶\t框数\t标注像素" and lines[-1] == "警告：<x>"
