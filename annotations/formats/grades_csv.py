"""Reader grades as a CSV with IDRiD's columns: ``Image name, Retinopathy grade, Risk of macular edema``.

IDRiD's image name is the file name without extension. Two optional columns follow so nothing a reader records is
lost: ``Referable`` (yes/no) and ``OCT class``. An empty cell means "not graded"; a DR grade ``U`` (UNGRADABLE), that
the reader recorded the photo ungradable, as screening programmes write it. Reading tolerates IDRiD's own file
quirks (a trailing space in a header, a byte-order mark, empty trailing columns).
"""
from __future__ import annotations

import csv
import io
import itertools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Protocol, Sequence

from annotations.atomic import atomic_write_text
from annotations.classes import DME_RISK_NAMES, DR_GRADE_NAMES, OCT_CLASSES, is_referable
from annotations.document import UNGRADABLE, CaseDocument, ReaderGrade
from annotations.formats import FormatError
from annotations.formats import messages as msg
from annotations.graded_fields import GradeField, field_value, referable_decision
from annotations.grading import with_ungradable
from annotations.image_io import IMAGE_EXTENSIONS
from annotations.regular_files import read_regular_bytes
from annotations.wording import join_items

IMAGE_COLUMN = "Image name"
GRADE_COLUMN = "Retinopathy grade"
DME_COLUMN = "Risk of macular edema"
REFERABLE_COLUMN = "Referable"
OCT_COLUMN = "OCT class"
COLUMNS = (IMAGE_COLUMN, GRADE_COLUMN, DME_COLUMN, REFERABLE_COLUMN, OCT_COLUMN)
# A clinic's export also says where each row's photo is and whose eye it is: a folder per patient names its photos
# OD.jpg and OS.jpg, and a row "OS" says neither (a training data set's grades leave them out: no patient there)
PLACE_COLUMNS = ("Image path", "Patient ID", "Eye")
# The image and DR grade columns of public grading sets, read as IDRiD's (all grade on ICDR's 0-4 scale): EyePACS
# (Kaggle 2015, trainLabels.csv), APTOS 2019 (train.csv), Messidor-2 (its adjudicated grades, messidor_data.csv).
# Not Messidor-1's "Retinopathy grade", which has IDRiD's name but a 0-3 scale of its own.
# Each set's pair: a CSV with one column of a pair and not the other (a clinic's "image,diagnosis" notes) is no grades
PUBLIC_GRADE_COLUMNS = (("image", "level"), ("id_code", "diagnosis"), ("image_id", "adjudicated_dr_grade"))
# FGADR's Seg-set grades (DR_Seg_Grading_Label.csv): rows of an image's file name and its ICDR grade, no header
HEADERLESS = {IMAGE_COLUMN: 0, GRADE_COLUMN: 1}
DME_PRESENT_COLUMN = "adjudicated_dme"  # Messidor-2's: 1 where DME is present, which refers the eye whatever its grade
FORMULA_STARTS = frozenset("=+-@\t\r")
MAX_CSV_BYTES = 64 * 2**20  # one short row per image: a million images fit in a fraction of this


class Graded(Protocol):
    """What a grades row needs of a case (a CaseDocument, or a record of one whose mask is not kept)."""
    image_path: str
    grade: ReaderGrade


@dataclass(frozen=True)
class GradedCase:
    """A case as its grades row needs it, without its mask (a 12 MP array each): kept until the CSV is written."""
    case_id: str
    image_path: str
    grade: ReaderGrade


def write_grades_csv(cases: Sequence[CaseDocument], path: str | os.PathLike,
                     image_names: Sequence[str] | None = None) -> None:
    """One row per case; ``image_names`` overrides the default name (the image file's stem)."""
    atomic_write_text(path, grades_csv_text(cases, image_names))


def grades_csv_text(cases: Sequence[Graded], image_names: Sequence[str] | None = None,
                    places: Sequence[tuple[str, str, str]] | None = None) -> str:
    """The CSV write_grades_csv writes; text cells are escaped against spreadsheet formulas (spreadsheet_safe).
    ``places``: each case's image path, patient ID and eye, written in PLACE_COLUMNS after the grades."""
    names = list(image_names) if image_names is not None else [Path(doc.image_path).stem for doc in cases]
    for given, what in ((names, "image names"), (places, "places")):
        if given is not None and len(given) != len(cases):
            raise ValueError(f"{len(given)} {what} for {len(cases)} cases")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS + (PLACE_COLUMNS if places is not None else ()))
    for index, (name, doc) in enumerate(zip(names, cases)):
        grade = doc.grade
        place = [spreadsheet_safe(text) for text in places[index]] if places is not None else []
        writer.writerow([spreadsheet_safe(name), _cell(field_value(grade, GradeField.DR_GRADE)), _cell(grade.dme_risk),
                         "" if grade.referable is None else ("yes" if referable_decision(grade) else "no"),
                         spreadsheet_safe(grade.oct_class or ""), *place])
    return buffer.getvalue()


def spreadsheet_safe(text: str) -> str:
    """OWASP's CSV-injection defence: a cell a spreadsheet would run as a formula (first character ``=``, ``+``,
    ``-``, ``@``, tab or carriage return) gets a leading single quote. Cells already starting with quotes before
    such a character get one more, so spreadsheet_unescape restores every text exactly."""
    return "'" + text if text.lstrip("'")[:1] in FORMULA_STARTS else text


def spreadsheet_unescape(text: str) -> str:
    """Inverse of spreadsheet_safe (the program reads its own exports back)."""
    return text[1:] if text.startswith("'") and text.lstrip("'")[:1] in FORMULA_STARTS else text


def read_grades_csv(path: str | os.PathLike) -> dict[str, ReaderGrade]:
    """``{image name: ReaderGrade}``; without a Referable column, referable follows the DR grade (ICDR >= 2)."""
    path = Path(path)
    try:
        text = read_regular_bytes(path, MAX_CSV_BYTES, "a grades CSV", FormatError).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(path, msg.CSV_NOT_UTF8.format(error=exc)) from exc
    try:
        return _parse_grades(path, csv.reader(io.StringIO(text)))
    except csv.Error as exc:  # e.g. a cell longer than csv's field limit: not a grades file
        raise FormatError(path, msg.CSV_UNREADABLE.format(error=exc, columns=join_items(COLUMNS[:3]))) from exc


def grades_header(header: Sequence[str]) -> dict[str, int] | None:
    """Where each of COLUMNS (and DME_PRESENT_COLUMN) stands in ``header`` (a public set's image and grade columns
    taken as IDRiD's; FGADR's headerless file: HEADERLESS), or None when it has no image or no DR grade column."""
    if is_headerless_grades_row(header):
        return dict(HEADERLESS)
    cells = [name.strip() for name in header]
    index = {name: cells.index(name) for name in (*COLUMNS, DME_PRESENT_COLUMN) if name in cells}
    if IMAGE_COLUMN not in index or GRADE_COLUMN not in index:
        pair = next((pair for pair in PUBLIC_GRADE_COLUMNS if set(pair) <= set(cells)), None)
        if pair is None:
            return None
        index[IMAGE_COLUMN], index[GRADE_COLUMN] = (cells.index(column) for column in pair)
    return index


def is_headerless_grades_row(row: Sequence[str]) -> bool:
    """Whether ``row`` is a grade itself, not a header: an image file's name and an ICDR grade, alone (FGADR's
    DR_Seg_Grading_Label.csv, ``0001_2.png,3``, has no header)."""
    cells = [cell.strip() for cell in row]
    return (len(cells) == 2 and Path(cells[0]).suffix.lower() in IMAGE_EXTENSIONS
            and cells[1] in {str(grade) for grade in range(len(DR_GRADE_NAMES))})


def _parse_grades(path: Path, rows: Iterator[list[str]]) -> dict[str, ReaderGrade]:
    header = [name.strip() for name in next(rows, [])]
    index = grades_header(header)
    if index is None:
        missing = [column for column in (IMAGE_COLUMN, GRADE_COLUMN) if column not in header]
        raise FormatError(path, msg.CSV_COLUMNS.format(missing=join_items(missing), columns=join_items(COLUMNS[:3])))
    first = 2
    if is_headerless_grades_row(header):  # the first row is a grade too
        rows, first = itertools.chain([header], rows), 1
    grades: dict[str, ReaderGrade] = {}
    for line_number, row in enumerate(rows, start=first):
        if not any(cell.strip() for cell in row):
            continue
        cell = _CellReader(row, index)
        name = cell(IMAGE_COLUMN)
        if not name:
            raise FormatError(path, msg.CSV_NO_NAME.format(line=line_number))
        if name in grades:
            raise FormatError(path, msg.CSV_TWICE.format(line=line_number, name=repr(name)))
        where = msg.FILE_LINE.format(line=line_number, name=name)
        ungradable = cell(GRADE_COLUMN).upper() == UNGRADABLE
        dr_grade = None if ungradable else _grade(path, where, GRADE_COLUMN, cell(GRADE_COLUMN), len(DR_GRADE_NAMES),
                                                  msg.CSV_DR_GRADE)
        referable_text = cell(REFERABLE_COLUMN).lower()
        if referable_text not in ("", "yes", "no"):
            raise FormatError(path, msg.CSV_REFERABLE.format(where=where, text=repr(referable_text)))
        oct_class = cell(OCT_COLUMN).upper() or None
        if oct_class is not None and oct_class not in OCT_CLASSES:
            raise FormatError(path, msg.CSV_OCT_CLASS.format(where=where, text=repr(oct_class),
                                                                names=join_items(OCT_CLASSES)))
        dme_risk = _grade(path, where, DME_COLUMN, cell(DME_COLUMN), len(DME_RISK_NAMES))
        grade = ReaderGrade(
            dr_grade=dr_grade,
            dme_risk=dme_risk,
            referable=(referable_text == "yes") if referable_text else
            (None if REFERABLE_COLUMN in index else _referable(dr_grade, dme_risk, cell(DME_PRESENT_COLUMN))),
            oct_class=oct_class,
        )
        # an ungradable photo has no DME risk nor referable flag beside it, as the window records it
        grades[name] = with_ungradable(grade) if ungradable else grade
    return grades


def _referable(dr_grade: int | None, dme_risk: int | None, dme_present: str) -> bool | None:
    """Referable by the grade and DME risk (is_referable), or by Messidor-2's DME flag ("1": present)."""
    return True if dme_present == "1" else is_referable(dr_grade, dme_risk)


class _CellReader:
    """A row's cell by column name; a missing column or a short row reads as empty."""

    def __init__(self, row: list[str], index: dict[str, int]) -> None:
        self._row, self._index = row, index

    def __call__(self, column: str) -> str:
        position = self._index.get(column)
        if position is None or position >= len(self._row):
            return ""
        return spreadsheet_unescape(self._row[position].strip())


def _cell(value: int | str | None) -> str:
    return "" if value is None else str(value)


def _grade(path: Path, where: str, column: str, text: str, levels: int, template: str = msg.CSV_GRADE) -> int | None:
    """The cell's whole number below ``levels``, None when empty; else a FormatError worded by ``template`` (the DR
    grade's, CSV_DR_GRADE, names UNGRADABLE too, which the caller takes before)."""
    if not text:
        return None
    try:
        value = float(text)  # spreadsheets sometimes turn 2 into 2.0
    except ValueError:
        value = -1.0
    if not value.is_integer() or not 0 <= value < levels:
        raise FormatError(path, template.format(where=where, column=column, text=repr(text), highest=levels - 1,
                                                ungradable=UNGRADABLE))
    return int(value)
