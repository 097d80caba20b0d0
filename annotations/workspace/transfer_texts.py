"""What a window and the command line show when an import or export ends: one row per format, named as a person
knows it ("Pascal VOC", not "voc"), then the lesion table once, then the notes and warnings once, however many
formats shared them.

The table's columns are separated by tabs, so the window lines them up in any language (widgets.tab_columns), not by
padding with spaces, which a proportional font and Chinese words never align; a terminal pads them
(annotations.text_columns). Qt-free: the window passes its ``translate`` and ``warning`` (how it shows a warning of
annotations/); the command line prints the English."""
from __future__ import annotations

from typing import Callable, Sequence

from annotations.classes import ALL_CLASSES
from annotations.wording import Translate, english, fill, join_items
from annotations.workspace.transfer import BOXES_ONLY, HOLDS_PIXELS, KEEP_PAINTED, TransferSummary

COLUMN = "\t"  # between a table's cells


def format_names(translate: Translate = english) -> dict[str, str]:
    """Each export or import format's code -> its display name, in the sentence "Exported 3 case(s) as {format} …"."""
    return {"voc": translate("TransferTexts", "Pascal VOC"), "masks": translate("TransferTexts", "per-class masks"),
            "indexed": translate("TransferTexts", "indexed PNG"), "coco": translate("TransferTexts", "COCO"),
            "csv": translate("TransferTexts", "grades CSV"), "dataset": translate("TransferTexts", "training data set"),
            "yolo": translate("TransferTexts", "YOLO"), "cvat": translate("TransferTexts", "CVAT"),
            "labelme": translate("TransferTexts", "labelme")}


def format_name(fmt: str, translate: Translate = english) -> str:
    """``fmt`` (a format's code) as a person knows it; a code not listed as written."""
    return format_names(translate).get(fmt, fmt)


def codes_named(codes: Sequence[str], translate: Translate = english) -> str:
    """``codes`` (formats' codes) listed for a --format option's help, each with its name where the name says more
    than the code (not "coco (COCO)"): "voc (Pascal VOC), coco, …"."""
    names = {code: format_name(code, translate) for code in codes}
    return ", ".join(code if names[code].lower() == code else f"{code} ({names[code]})" for code in codes)


def summary_text(summaries: Sequence[TransferSummary], translate: Translate = english,
                 warning: Callable[[str], str] = str) -> str:
    """The summaries of one run (an import, or an export's formats in the order they ran) as one text."""
    lines = [_format_row(summary, translate) for summary in summaries]
    tables = _lesion_tables(summaries, translate)
    notes = [translate("TransferTexts", "skipped {count} case(s) nobody labelled or marked done (their empty label "
                                        "files would read as 'no lesions')").format(count=summary.unlabelled)
             for summary in summaries if summary.unlabelled]
    notes += [translate("TransferTexts", "the data set's images hold their pixels and orientation only: the metadata "
                                         "of {count} photo(s), which may name the patient (EXIF, XMP, comments, text "
                                         "chunks, DICOM headers), was left out").format(count=summary.metadata_left_out)
              for summary in summaries if summary.metadata_left_out]
    notes += _painted_left_out(summaries, translate)
    notes += [fill(translate("TransferTexts", "warning: {warning}"), warning=warning(text))
              for summary in summaries for text in summary.warnings]
    for part in (tables, list(dict.fromkeys(notes))):  # a warning every format gave, once
        if part:
            lines += ["", *part]
    return "\n".join(lines)


def boxes_only_note(formats: Sequence[str], translate: Translate = english) -> str:
    """What the export dialog says before an export of ``formats`` (its codes, ticked) leaves painted masks out: ""
    when none of them writes boxes only (BOXES_ONLY), or another keeps the painted pixels (HOLDS_PIXELS)."""
    boxes_only = [fmt for fmt in formats if fmt in BOXES_ONLY]
    if not boxes_only or HOLDS_PIXELS.intersection(formats):
        return ""
    return fill(translate("TransferTexts", "{formats} files hold boxes only: the masks painted in the cases are left "
                                           "out of them; to keep the masks, export one of: {kept_by}"),
                formats=_names(boxes_only, translate), kept_by=_names(KEEP_PAINTED, translate))


def _painted_left_out(summaries: Sequence[TransferSummary], translate: Translate) -> list[str]:
    """The summary's note on the cases whose painted masks the run's formats of boxes only left out, said once for
    them all; none where another format of the run kept the painted pixels (as boxes_only_note)."""
    left_out = [summary for summary in summaries if summary.painted_left_out]
    if not left_out or any(summary.fmt in HOLDS_PIXELS for summary in summaries):
        return []
    return [fill(translate("TransferTexts", "the masks painted in {count} case(s) are not in the {formats} files, "
                                            "which hold boxes only; to keep the masks, export one of: {kept_by}"),
                 count=max(summary.painted_left_out for summary in left_out),
                 formats=_names([summary.fmt for summary in left_out], translate),
                 kept_by=_names(KEEP_PAINTED, translate))]


def _names(codes: Sequence[str], translate: Translate) -> str:
    return join_items(dict.fromkeys(format_name(code, translate) for code in codes), translate)


def _format_row(summary: TransferSummary, translate: Translate) -> str:
    name = format_name(summary.fmt, translate)
    if summary.action == "export":
        return fill(translate("TransferTexts", "Exported {cases} case(s) as {format} to {folder}; {files} file(s) "
                                               "written"),
                    cases=summary.cases, format=name, folder=summary.location, files=summary.files)
    return fill(translate("TransferTexts", "Imported {cases} case(s) as {format} from {folder}"),
                cases=summary.cases, format=name, folder=summary.location)


def _lesion_tables(summaries: Sequence[TransferSummary], translate: Translate) -> list[str]:
    """Boxes and labelled pixels per lesion class: one table when every format counted the same (they wrote the
    same cases), else one per set of formats that agree, each headed by their names."""
    tables: dict[tuple, list[str]] = {}  # rows -> the formats that counted them
    for summary in summaries:
        rows = tuple((cls.name, summary.boxes[cls], summary.pixels[cls]) for cls in ALL_CLASSES
                     if summary.boxes[cls] or summary.pixels[cls])
        if rows:
            tables.setdefault(rows, []).append(format_name(summary.fmt, translate))
    header = COLUMN.join((translate("TransferTexts", "Lesion"), translate("TransferTexts", "Boxes"),
                          translate("TransferTexts", "Labelled pixels")))
    lines: list[str] = []
    for rows, formats in tables.items():
        if len(tables) > 1:
            lines += ([""] if lines else []) + [fill(translate("TransferTexts", "{formats}:"),
                                                     formats=join_items(formats, translate))]
        lines += [header, *(COLUMN.join(map(str, row)) for row in rows)]
    return lines
