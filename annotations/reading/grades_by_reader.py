"""One grades CSV for every reader of a folder: a row per case, the grade each reader gave in a column of its own,
and in double reading the consensus grade; a grade is named by the field of its reading's kind
(graded_fields.naming_value): a photo's DR grade (0-4), an OCT scan's class code (CNV, DME, DRUSEN, NORMAL). Then
each one's DME risk (0-2; a photo's), which a dispute and its arbitration may be about alone. In double reading a
reading counts once submitted, and as first submitted, as in the agreement figures: a draft's cell stays empty
(drafts of one grade beside an empty consensus read as an agreed case), and a grade revised since is not the one
the readers' agreement was measured on. Last, in double reading, how each consensus came about (SOURCE_COLUMN) and
the arbiter who decided it: an arbiter overriding both readers showed only by comparing the grades."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from annotations.document import ReviewState
from annotations.formats.grades_csv import spreadsheet_safe
from annotations.output_folder import OutputFolder
from annotations.graded_fields import FIELDS_BY_KIND, GradeField, KindedGrade, field_value, naming_value
from annotations.reading.consensus import AGREED, ARBITRATED, arbiter_decided, consensus_grade, consensus_record
from annotations.reading.readers import case_files, main_sidecar, read_case_ids, readers_of, saved_json
from annotations.reading.settings import load_settings
from annotations.workspace.codec import saved_grade, submitted_grade
from annotations.workspace.errors import DamagedCaseFile
from annotations.workspace.transfer_messages import SKIPPED

IMAGE_COLUMN = "Image path"
CONSENSUS_COLUMN = "consensus"
DME_SUFFIX = "DME risk"  # each reader's (and the consensus's) DME risk column: "Anna DME risk"
SOURCE_COLUMN = "consensus source"  # AGREED, ARBITRATED, CORRECTED or NO_CONSENSUS
ARBITER_COLUMN = "consensus arbiter"  # who arbitrated or corrected it; empty for an agreement as the readers made it
CORRECTED = "corrected"  # an agreed consensus the arbiter corrected since (consensus.note_arbiter_save)
NO_CONSENSUS = "none"  # not settled yet: a reading missing, or a disagreement to arbitrate
FILE_NAME = "grades_by_reader.csv"
JOB = "grades_by_reader"  # the kind of run the output folder's manifest records as its writer


def grades_by_reader_text(folder: Path, skipped: list[str] | None = None, noted: list[str] | None = None) -> str:
    """The CSV. A reader's case file, or the consensus, that cannot be read (DamagedCaseFile: damaged, a later
    release's, a reader's mask missing, which the agreement compares) raises, unless ``skipped`` is given: its cells
    are then left empty and a line naming the file is put there, once, as an export lists a case it skips. A stored
    consensus whose mask or AI file is missing gives its grade all the same, that file named in ``noted`` (its
    labels cannot be exported). A file the storage cannot give raises."""
    settings = load_settings(folder)
    stores = readers_of(folder, settings)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    names = [*(s.name for s in stores), *([CONSENSUS_COLUMN] if settings.double else [])]
    writer.writerow([IMAGE_COLUMN, *(spreadsheet_safe(name) for name in names),
                     *(spreadsheet_safe(f"{name} {DME_SUFFIX}") for name in names),
                     *([SOURCE_COLUMN, ARBITER_COLUMN] if settings.double else [])])
    for case_id in read_case_ids(stores):
        image_path, grades = case_id, []
        for store in stores:
            try:
                data = saved_json(store, case_id) or {}
            except DamagedCaseFile as exc:
                _skip(exc, skipped)
                grades.append(None)
                continue
            image_path = data.get("image_path", image_path)
            draft = settings.double and data.get("review_state") != ReviewState.DONE.value
            # as first submitted in double reading: what the agreement figures compare
            grade = submitted_grade(data) if settings.double else saved_grade(data)
            grades.append(None if draft else grade)
        source: list[str] = []
        if settings.double:
            try:  # its grade from its case file alone: a mask or AI file missing does not hide it
                consensus = consensus_grade(folder, case_id, settings, stores)
            except DamagedCaseFile as exc:  # whether it is settled is not known: said, its cells left empty
                _skip(exc, skipped)
                grades.append(None)
                source = ["", ""]
            else:
                grades.append(KindedGrade(consensus.grade, consensus.kind) if consensus is not None else None)
                source = [_cell(value) for value in _source(folder, case_id, consensus is not None)]
                if consensus is not None and consensus.stored and noted is not None:
                    noted.extend(case_files(main_sidecar(folder)).missing_texts(case_id))
        named = [_cell(naming_value(*grade) if grade else None) for grade in grades]
        writer.writerow([spreadsheet_safe(image_path), *named, *(_cell(_dme_risk(grade)) for grade in grades),
                         *source])
    return buffer.getvalue()


def _skip(exc: DamagedCaseFile, skipped: list[str] | None) -> None:
    """``exc`` said in ``skipped`` (once: a reader's file is read for the consensus too), or raised without it."""
    if skipped is None:
        raise exc
    line = SKIPPED.format(error=exc.whole)
    if line not in skipped:
        skipped.append(line)


def _source(folder: Path, case_id: str, settled: bool) -> tuple[str, str]:
    """How a case's consensus came about and who decided it: the arbiter's decision (arbitrated, or an agreement
    they corrected; the last to correct it) stands as recorded; any other consensus is the readers' agreement."""
    if not settled:
        return NO_CONSENSUS, ""
    record = consensus_record(folder, case_id)
    if not arbiter_decided(record):
        return AGREED, ""
    corrections = record.get("corrections") or []
    arbiter = corrections[-1].get("by", "") if corrections else record.get("by", "")
    return (ARBITRATED if record.get("method") == ARBITRATED else CORRECTED), arbiter


def _dme_risk(grade: KindedGrade | None) -> int | None:
    """A reading's DME risk where its kind grades one (a photo's)."""
    if grade is None or GradeField.DME_RISK not in FIELDS_BY_KIND[grade.kind]:
        return None
    return field_value(grade.grade, GradeField.DME_RISK)


def write_grades_by_reader(folder: Path, out_dir: Path, overwrite: bool = False,
                           skipped: list[str] | None = None, noted: list[str] | None = None) -> OutputFolder:
    """``out_dir/grades_by_reader.csv``, through an OutputFolder claimed as an export's: a file there that no run
    wrote is replaced only with ``overwrite``, one an earlier run wrote and someone edited since is kept aside
    (OutputFolder.kept_aside). Returns the folder written, which lists the file written and any kept aside.
    ``skipped``, ``noted``: as grades_by_reader_text's."""
    out = OutputFolder(out_dir, overwrite=overwrite, photo_folders=[folder], job=JOB)
    with out.claimed():
        out.write_text(FILE_NAME, grades_by_reader_text(folder, skipped, noted))
    return out


def _cell(value: int | str | None) -> str:
    return "" if value is None else spreadsheet_safe(str(value))
