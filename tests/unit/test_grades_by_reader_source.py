"""grades_by_reader.csv says how each consensus came about and who decided it, after the columns it had before."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from annotations.document import ReaderGrade
from annotations.reading.consensus import ArbiterSave, note_arbiter_save, settle_agreed, stored_labels
from annotations.reading.grades_by_reader import grades_by_reader_text
from annotations.reading.readers import open_consensus
from tests.unit.reading_fixtures import case_of
from tests.unit.test_agreement_consensus import consensus_folder


def test_each_consensus_names_its_source_and_arbiter_in_columns_appended_last(tmp_path: Path) -> None:
    """img1: Dr Wang overrode both readers (1 and 3) with 4, visible before only by comparing columns; img3: the
    readers agreed on 0 and Dr Li corrected the agreed consensus to 1; img2 is disputed, img5 read by one reader."""
    folder = consensus_folder(tmp_path / "f")
    with open_consensus(folder, "Dr Wang") as consensus:
        assert settle_agreed(consensus, "Dr Wang", only=[case_of(3)]) == 1
        opened = stored_labels(consensus, case_of(3), (32, 24))
        doc = consensus.load_case(case_of(3))
        doc.grade = ReaderGrade(dr_grade=1, dme_risk=0)
        consensus.save_case(doc)
        assert note_arbiter_save(consensus, case_of(3), "Dr Li", opened) is ArbiterSave.CORRECTED
    rows = list(csv.reader(io.StringIO(grades_by_reader_text(folder))))
    assert rows[0] == ["Image path", "Anna", "Ben", "consensus", "Anna DME risk", "Ben DME risk", "consensus DME risk",
                       "consensus source", "consensus arbiter"]
    by_image = {row[0]: row[1:] for row in rows[1:]}
    assert by_image["img0.png"] == ["2", "2", "2", "0", "0", "0", "agreed", ""]
    assert by_image["img1.png"] == ["1", "3", "4", "0", "0", "0", "arbitrated", "Dr Wang"]
    assert by_image["img2.png"] == ["0", "2", "", "0", "0", "", "none", ""]
    assert by_image["img3.png"] == ["0", "0", "1", "0", "0", "0", "corrected", "Dr Li"]
    assert by_image["img5.png"] == ["3", "", "", "0", "", "", "none", ""]

