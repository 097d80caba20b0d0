"""The AI against the consensus in ``agreement`` is what consensus_document settles for each case, on a folder of
every way a consensus stands or does not; and each reading's mask is read once a case, however the consensus is
found (a 12 MP mask takes a tenth of a second to read: the window's Reader agreement compares 150 cases)."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.document import UNGRADABLE, AIResult, Modality, ReaderGrade, ReviewState
from annotations.reading.consensus import arbitrate, consensus_document, draft_from, settle_agreed
from annotations.reading.readers import load_readings, open_consensus, open_reader, read_case_ids, readers_of
from annotations.reading.settings import ReadingMode, ReadingSettings, load_settings, save_settings
from annotations.report_kind import ReportKind, report_kind
from annotations.workspace import sidecar
from inference import agreement
from inference.agreement import ConsensusTally, folder_agreement
from tests.unit.reading_fixtures import case_of, image_folder, read_case

# image: (Anna's grade, Ben's, Cy's; None: not read). Labels alike unless in OTHER_LABELS.
READINGS = {0: (2, 2, None), 1: (1, 3, None), 2: (0, 2, None), 3: (0, 0, None), 4: (4, 4, None),
            5: (3, None, None), 6: (UNGRADABLE, UNGRADABLE, None), 7: (2, 2, None), 8: (1, 3, None),
            9: (3, 3, None), 10: (1, 1, 1), 11: (2, 2, 3), 12: (None, None, None)}
OTHER_LABELS = {3}  # Ben painted elsewhere: the grades agree, the labels not
SETTLED_FIRST = {4, 7, 9}  # agreed and stored before the changes below
OCT = 12  # both readers classed the scan CNV


def _read(ws, index: int, grade, rows: slice = slice(2, 6)) -> None:
    ai_grade = index % 5 if ws.reader == "Anna" else None
    read_case(ws, index, grade=None if grade == UNGRADABLE else grade, rows=rows, ai_grade=ai_grade)
    if grade == UNGRADABLE:  # recorded so: no DR grade nor DME risk beside it
        doc = ws.load_case(case_of(index))
        doc.grade = ReaderGrade(ungradable=True)
        ws.save_case(doc)


def mixed_folder(root: Path) -> Path:
    """Agreed (stored, and not yet), arbitrated, disputed on grades or on labels, read once, ungradable, stale after a
    revision, revised since arbitration, re-saved alike, read by a third reader, an OCT scan."""
    folder = image_folder(root, count=len(READINGS))
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("Dr Wang",)))
    for column, name in enumerate(("Anna", "Ben")):  # Cy reads after the store settled
        with open_reader(folder, name) as ws:
            for index, grades in READINGS.items():
                if grades[column] is not None:
                    _read(ws, index, grades[column], slice(10, 14) if index in OTHER_LABELS and column else slice(2, 6))
            doc = ws.load_case(case_of(OCT))
            doc.modality, doc.grade, doc.review_state = Modality.OCT, ReaderGrade(oct_class="CNV"), ReviewState.DONE
            ws.save_case(doc)
    with open_consensus(folder, "Dr Wang") as consensus:
        assert settle_agreed(consensus, "Dr Wang", only=[case_of(i) for i in SETTLED_FIRST]) == len(SETTLED_FIRST)
        for index, grade in ((1, 4), (8, 1)):
            readings = load_readings(folder, case_of(index))
            decided = draft_from(readings[0])
            decided.grade = ReaderGrade(dr_grade=grade, dme_risk=0)
            decided.ai = AIResult(dr_grade=grade - 1, referable=grade > 2, grade_source="model")
            arbitrate(consensus, decided, "Dr Wang", readings)
    with open_reader(folder, "Ben") as ben:
        _read(ben, 7, 4)  # the stored agreement is stale: disputed now
        _read(ben, 8, 4)  # revised since arbitration
        _read(ben, 9, 3)  # saved again alike: agreed still, the stored one from readings as they were
    with open_reader(folder, "Cy") as cy:
        for index, grades in READINGS.items():
            if grades[2] is not None:
                _read(cy, index, grades[2])
    return folder


def _expected(folder: Path, stores: list) -> dict:
    """The tally as consensus_document settles each case, the AI being its own, else the readings' shared one."""
    settings = load_settings(folder)
    tally = ConsensusTally()
    for case_id in read_case_ids(stores):
        loaded = load_readings(folder, case_id, stores)
        readings = [r.independent for r in loaded if r.submitted]
        settled = consensus_document(folder, case_id, settings)
        shared = agreement._shared_ai(agreement.case_files(agreement.main_sidecar(folder)), case_id, readings)
        photo = any(report_kind(r.doc) is ReportKind.DR for r in loaded)
        if settled is None:
            tally.without_consensus += photo
        elif (ai := settled.ai or shared) is not None:
            tally.add(settled, ai)
    return tally.figures()


@pytest.mark.parametrize("names", [None, ["Anna", "Ben"], ["Ben", "Cy"]])
def test_the_consensus_figures_are_consensus_documents(tmp_path: Path, names: list[str] | None) -> None:
    folder = mixed_folder(tmp_path / "f")
    stores = [s for s in readers_of(folder) if names is None or s.name in names]
    versus = folder_agreement(folder, names)["versus_consensus"]
    assert versus == _expected(folder, stores)
    if names is None:
        assert versus["without_consensus"] == 5 and versus["grade"]["cases"] == 6


def test_each_reading_s_mask_is_read_once_a_case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """And a stored consensus's not at all: comparing it with the AI takes its grade."""
    folder = mixed_folder(tmp_path / "f")
    painted = sum(grade is not None for grades in READINGS.values() for grade in grades)  # the OCT scan's: none
    read = []
    decode = sidecar.decode_mask_png
    monkeypatch.setattr(sidecar, "decode_mask_png", lambda path, shape: read.append(path) or decode(path, shape))
    folder_agreement(folder)
    assert len(read) == len(set(read)) == painted
    assert all("readers" in path.parts for path in read)
