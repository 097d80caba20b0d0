import sqlite3
from pathlib import Path

import pytest
from PIL import Image

from annotations.document import AIResult, CaseDocument, Modality, PatientInfo, ReaderGrade, ReviewState
from annotations.findings import Findings, OpticDisc, Orientation
from annotations.case_source import CaseQuery, CaseSource
from annotations.patients import (age_on, case_patient_field, case_with_eye, edited_age, eye_label, half_typed_date,
                                 patient_key, read_date, report_warnings, reported_age, reported_edited_age,
                                 suggested_eye, written_date)
from annotations.workspace import Workspace, catalog
from annotations.workspace.workspace import INDEX_FILE
from annotations.store_folder import SIDECAR_NAME
from annotations.workspace.store import HEADER_COLUMNS, IndexStore
from tests.dicom_files import PATIENT, fundus_rgb, write_dicom


def test_eye_follows_the_side_the_findings_took() -> None:
    assert suggested_eye(AIResult(findings=Findings(orientation=Orientation(eye="right (OD)"))), 100) == "OD"
    assert suggested_eye(AIResult(findings=Findings(orientation=Orientation(eye="left (OS)"))), 100) == "OS"


def test_eye_from_the_disc_centre_when_no_side_was_recorded() -> None:
    def disc_at(x: float) -> AIResult:
        return AIResult(findings=Findings(optic_disc=OpticDisc(found=True, center=[x, 50.0])))

    assert suggested_eye(disc_at(80), 100) == "OD"  # disc on the image's right: a right eye
    assert suggested_eye(disc_at(20), 100) == "OS"
    assert suggested_eye(AIResult(findings=Findings(optic_disc=OpticDisc(found=False),
                                                    orientation=Orientation(eye="unknown"))), 100) == ""
    assert suggested_eye(AIResult(), 100) == ""
    assert suggested_eye(None, 100) == ""


def test_age_in_whole_years_on_the_exam_date() -> None:
    assert age_on("1960-05-20", "2025-05-19") == 64
    assert age_on("1960-05-20", "2025-05-20") == 65
    assert age_on("not a date", "2025-01-01") is None
    assert age_on("2030-01-01", "2025-01-01") is None
    assert age_on("1960-01-01") is not None


DICOM_PATIENT = PatientInfo(name="DOE^JOHN", age=50, birth_date="1960-02-15")  # the header's age, no exam date


def test_an_edit_of_another_field_keeps_the_recorded_age() -> None:
    """The birth date gives another age (to today); only the reader changes the recorded one."""
    renamed = PatientInfo(name="John Doe", age=50, birth_date="1960-02-15")
    assert edited_age(DICOM_PATIENT, renamed, age_typed=False) == 50
    anonymised = PatientInfo(age=64, birth_date="1960-01-01", exam_date="2025-06-01")  # the day and month unknown
    assert edited_age(anonymised, PatientInfo(eye="OD", age=64, birth_date="1960-01-01", exam_date="2025-06-01"),
                      age_typed=False) == 64


def test_a_typed_age_stands_beside_a_birth_date() -> None:
    recorded = PatientInfo(age=60, birth_date="1960-01-01", exam_date="2020-06-01")
    assert edited_age(recorded, PatientInfo(age=33, birth_date="1960-01-01", exam_date="2020-06-01"),
                      age_typed=True) == 33
    assert edited_age(recorded, PatientInfo(age=None, birth_date="1960-01-01", exam_date="2020-06-01"),
                      age_typed=True) is None  # "not recorded", picked


def test_a_changed_birth_or_exam_date_gives_the_age() -> None:
    assert edited_age(DICOM_PATIENT, PatientInfo(age=50, birth_date="1960-02-15", exam_date="2024-01-10"),
                      age_typed=False) == 63
    assert edited_age(DICOM_PATIENT, PatientInfo(age=50, birth_date="1970-02-15", exam_date=""),
                      age_typed=False) == age_on("1970-02-15")  # no exam date: today
    for unreadable in ("15/02/1970", ""):  # no age from it: the recorded one stays
        assert edited_age(DICOM_PATIENT, PatientInfo(age=50, birth_date=unreadable), age_typed=False) == 50


def test_a_changed_date_after_which_the_patient_is_born_gives_no_age() -> None:
    """The age recorded for the dates before printed "64 years (born 1 Jan 2030)"; a typed age still stands."""
    recorded = PatientInfo(age=64, birth_date="1961-03-04", exam_date="2025-06-01")
    for edited in (PatientInfo(age=64, birth_date="2030-01-01", exam_date="2025-06-01"),
                   PatientInfo(age=64, birth_date="1961-03-04", exam_date="1960-01-01"),
                   PatientInfo(age=64, birth_date="2999-01-01")):  # no exam date: born after today
        assert edited_age(recorded, edited, age_typed=False) is None
        assert reported_age(PatientInfo(birth_date=edited.birth_date, exam_date=edited.exam_date)) is None
        assert reported_edited_age(recorded, edited, age_typed=False) is None
        assert edited_age(recorded, edited, age_typed=True) == 64


def test_the_reported_age_follows_an_edited_exam_date_unless_typed() -> None:
    """As the report dialog's age box and `report --exam-date` give it: 64 on an exam before the 65th birthday."""
    recorded = PatientInfo(birth_date="1961-03-04", exam_date="2026-03-10")  # no age recorded: the dates' is printed
    assert reported_edited_age(recorded, recorded, age_typed=False) == 65
    earlier = PatientInfo(birth_date="1961-03-04", exam_date="2025-06-01")
    assert reported_edited_age(recorded, earlier, age_typed=False) == 64
    assert reported_edited_age(recorded, PatientInfo(age=70, exam_date="2025-06-01"), age_typed=True) == 70
    assert reported_edited_age(recorded, earlier, age_typed=True) is None  # "not recorded" chosen: none printed
    unsure = PatientInfo(age=60, exam_date="2024-01-10")  # no birth date: the age recorded stays
    assert reported_edited_age(unsure, PatientInfo(age=60, exam_date="2025-01-10"), age_typed=False) == 60


def test_a_date_half_typed_is_told_from_one_typed_whole() -> None:
    assert read_date(" 1960-02-15 ") is not None and read_date("1960-02") is None
    recorded = PatientInfo(birth_date="1960-02-15")
    assert half_typed_date(recorded, PatientInfo(birth_date="1960-02-15", exam_date="2024-0"))
    assert half_typed_date(recorded, PatientInfo(birth_date="1961-0"))
    assert not half_typed_date(recorded, PatientInfo(birth_date="1961-02-15", exam_date="2024-01-10"))
    assert not half_typed_date(recorded, PatientInfo(birth_date=""))  # cleared
    unreadable = PatientInfo(birth_date="15/02/1960")  # recorded so on leaving the field: not being typed now
    assert not half_typed_date(unreadable, PatientInfo(name="Ann", birth_date="15/02/1960"))


def test_cases_are_linked_by_patient_id_ignoring_case_and_spaces() -> None:
    index = IndexStore.in_memory()
    index.upsert_cases([{"case_id": case_id, "image_path": f"{case_id}.png", "patient_id": patient}
                        for case_id, patient in [("a", "P-7"), ("b", " p-7 "), ("c", "P-8"), ("d", ""), ("e", "Ärzt")]])
    source = CaseSource(index)
    assert [s.case_id for s in source.same_patient("P-7")] == ["a", "b"]
    assert [s.case_id for s in source.same_patient("P-7", besides="a")] == ["b"]
    assert [s.case_id for s in source.same_patient("ÄRZT")] == ["e"]  # casefold, not SQLite's ASCII-only LOWER
    assert source.same_patient("  ") == [] and patient_key("  ") == ""


def test_an_index_from_before_the_patient_key_column_links_its_patients_without_rereading_case_files(
        tmp_path: Path) -> None:
    path = tmp_path / "index.db"
    index = IndexStore.open_file(path)
    index.upsert_cases([{"case_id": case_id, "image_path": f"{case_id}.png", "patient_id": patient, "doc_mtime_ns": 5}
                        for case_id, patient in [("a", "Ärzt 7"), ("b", " ärzt 7"), ("c", "P-8")]])
    index.close()
    with sqlite3.connect(path) as db:  # as the release before left it
        db.execute("DROP INDEX cases_by_patient")
        db.execute("ALTER TABLE cases DROP COLUMN patient_key")
        db.execute("ALTER TABLE cases DROP COLUMN header_patient_id")  # added after it
    index = IndexStore.open_file(path)
    try:
        assert [s.case_id for s in CaseSource(index).same_patient("ÄRZT 7", besides="a")] == ["b"]
        assert {row["doc_mtime_ns"] for row in index.all_cases().values()} == {5}  # no case file to read again
    finally:
        index.close()


def test_the_cases_patient_id_is_the_readers_else_the_image_headers() -> None:
    assert case_patient_field(" P-1 ", "P-0042") == "P-1"  # what the reader typed wins
    assert case_patient_field(None, " P-0042 ") == "P-0042"  # none recorded: the case was never saved nor edited
    assert case_patient_field(" ", "P-0042") == ""  # the reader cleared the ID the header gave (a wrong one)
    assert case_patient_field(None, None) == ""


def test_the_header_patient_id_lists_and_links_a_case_nobody_saved() -> None:
    index = IndexStore.in_memory()
    index.upsert_cases([{"case_id": "a", "image_path": "a.png", "patient_id": "P-7", "revision": 1},
                        {"case_id": "v", "image_path": "v.dcm", "header_patient_id": " P-7 "},
                        {"case_id": "w", "image_path": "w.dcm", "patient_id": "P-9", "header_patient_id": "P-7"},
                        {"case_id": "z", "image_path": "z.dcm", "header_patient_id": "P-0"},
                        {"case_id": "x", "image_path": "x.dcm", "patient_id": "", "header_patient_id": "P-7",
                         "revision": 1}])  # saved with the header's ID cleared
    source = CaseSource(index)
    assert [s.case_id for s in source.same_patient("P-7", besides="a")] == ["v"]  # w's reader recorded P-9
    assert [source[c].case_patient_id for c in "avwzx"] == ["P-7", "P-7", "P-9", "P-0", ""]
    assert source.ids(CaseQuery(sort="patient")) == ["x", "z", "a", "v", "w"]


def test_a_dicom_case_is_listed_with_its_headers_patient_id_and_eye_before_it_is_saved(tmp_path: Path) -> None:
    write_dicom(tmp_path / "eye.dcm", fundus_rgb(), laterality="L")
    with Workspace.open(tmp_path) as ws:
        (summary,) = CaseSource(ws.index).values()
        assert (summary.case_patient_id, summary.case_eye, summary.saved) == (PATIENT["PatientID"], "OS", False)


def test_the_eye_the_reader_recorded_wins_over_the_headers_even_when_cleared() -> None:
    index = IndexStore.in_memory()
    index.upsert_cases([{"case_id": "v", "image_path": "v.dcm", "header_eye": "OD"},
                        {"case_id": "w", "image_path": "w.dcm", "eye": "OS", "header_eye": "OD", "revision": 1},
                        {"case_id": "x", "image_path": "x.dcm", "eye": "", "header_eye": "OD", "revision": 1}])
    assert [CaseSource(index)[c].case_eye for c in "vwx"] == ["OD", "OS", ""]


@pytest.mark.parametrize("column", ["header_patient_id", "header_eye"])
def test_an_index_from_before_a_header_column_rereads_the_image_headers(tmp_path: Path, column: str) -> None:
    write_dicom(tmp_path / "eye.dcm", fundus_rgb())
    Workspace.open(tmp_path).close()
    with sqlite3.connect(tmp_path / SIDECAR_NAME / INDEX_FILE) as db:  # as a release before left it
        db.execute(f"ALTER TABLE cases DROP COLUMN {column}")
        if column == "header_patient_id":
            db.execute("ALTER TABLE cases DROP COLUMN header_eye")  # added after it
    with Workspace.open(tmp_path) as ws:
        shown = [(s.case_patient_id, s.case_eye) for s in CaseSource(ws.index).values()]
    assert shown == [(PATIENT["PatientID"], "OD")]


def test_the_patient_sort_ignores_case_as_the_patient_link_does_and_orders_eyes() -> None:
    index = IndexStore.in_memory()
    index.upsert_cases([{"case_id": "a", "image_path": "a.png", "patient_id": "P-1"},
                        {"case_id": "b", "image_path": "b.png", "patient_id": "p-2", "eye": "OS"},
                        {"case_id": "c", "image_path": "c.png", "patient_id": "P-3"},
                        {"case_id": "d", "image_path": "d.png", "patient_id": " P-2", "eye": "OD"},
                        {"case_id": "e", "image_path": "e.dcm", "header_patient_id": "p-2", "header_eye": "OD"},
                        {"case_id": "f", "image_path": "f.png", "patient_id": "P-2 7"}])  # after P-2's eyes
    source = CaseSource(index)
    assert source.ids(CaseQuery(sort="patient")) == ["a", "d", "e", "b", "f", "c"]
    assert source.ids(CaseQuery(sort="patient", descending=True)) == ["c", "f", "b", "e", "d", "a"]


def _photos_and_a_dicom_file(folder: Path, photos: int = 3) -> None:
    for i in range(photos):
        Image.new("RGB", (8, 8)).save(folder / f"p{i}.png")
    write_dicom(folder / "eye.dcm", fundus_rgb())
    Workspace.open(folder).close()


def _as_a_release_before_left_it(db: sqlite3.Connection) -> None:
    for column in HEADER_COLUMNS:
        db.execute(f"ALTER TABLE cases DROP COLUMN {column}")


def _as_the_header_patient_id_upgrade_left_it(db: sqlite3.Connection) -> None:
    # It read the headers of DICOM names only, and left every photo's header_patient_id NULL; no header_eye yet.
    db.execute("UPDATE cases SET header_patient_id = NULL WHERE image_path LIKE '%.png'")
    db.execute("ALTER TABLE cases DROP COLUMN header_eye")


def _counting_header_reads(monkeypatch) -> list[str]:
    reads: list[str] = []
    real = catalog.read_image_info
    monkeypatch.setattr(catalog, "read_image_info", lambda path: reads.append(Path(path).name) or real(path))
    return reads


@pytest.mark.parametrize("older", [_as_a_release_before_left_it, _as_the_header_patient_id_upgrade_left_it])
def test_an_older_index_gets_only_the_headers_of_images_that_may_be_dicom_read(tmp_path: Path, monkeypatch,
                                                                                older) -> None:
    _photos_and_a_dicom_file(tmp_path)
    with sqlite3.connect(tmp_path / SIDECAR_NAME / INDEX_FILE) as db:
        older(db)
    reads = _counting_header_reads(monkeypatch)
    with Workspace.open(tmp_path) as ws:
        assert [(s.case_patient_id, s.case_eye) for s in CaseSource(ws.index).values()] == [
            (PATIENT["PatientID"], "OD"), ("", ""), ("", ""), ("", "")]
    Workspace.open(tmp_path).close()
    assert reads == ["eye.dcm"]  # a photo's header holds no patient: 100,000 are not read, at this open nor the next


def test_a_read_only_open_of_an_older_index_reads_no_photo_header(tmp_path: Path, monkeypatch) -> None:
    _photos_and_a_dicom_file(tmp_path)
    with sqlite3.connect(tmp_path / SIDECAR_NAME / INDEX_FILE) as db:
        _as_the_header_patient_id_upgrade_left_it(db)
    reads = _counting_header_reads(monkeypatch)
    with Workspace.open(tmp_path, scan=False):  # another window holds the folder: ours opens it read-only
        for _ in range(2):  # its index is a copy in memory, never written back: every open syncs it again
            with Workspace.open(tmp_path) as ws:
                assert ws.read_only
    assert reads == ["eye.dcm", "eye.dcm"]


def test_a_row_an_older_build_rewrote_gets_its_image_header_read_again(tmp_path: Path) -> None:
    write_dicom(tmp_path / "eye.dcm", fundus_rgb())
    Workspace.open(tmp_path).close()
    with sqlite3.connect(tmp_path / SIDECAR_NAME / INDEX_FILE) as db:
        # As a build from before the header columns rewrites a row (INSERT OR REPLACE of the columns it knows, the
        # others left NULL; its patient key from the reader's ID alone), the image unchanged.
        db.execute("UPDATE cases SET header_patient_id = NULL, header_eye = NULL, patient_key = ''")
    with Workspace.open(tmp_path) as ws:
        source = CaseSource(ws.index)
        assert [(s.case_patient_id, s.case_eye) for s in source.values()] == [(PATIENT["PatientID"], "OD")]
        assert [s.image_path for s in source.same_patient(PATIENT["PatientID"].lower())] == ["eye.dcm"]


def test_an_unreadable_image_is_not_read_again_at_every_sync(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "broken.dcm").write_bytes(b"not DICOM")
    Workspace.open(tmp_path).close()
    reads = []
    monkeypatch.setattr("annotations.workspace.catalog.read_image_info", reads.append)
    with Workspace.open(tmp_path) as ws:
        assert reads == [] and [bool(s.error) for s in CaseSource(ws.index).values()] == [True]  # header: read


def test_an_index_upgrade_cut_short_is_done_again_at_the_next_open(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "index.db"
    index = IndexStore.open_file(path)
    index.upsert_cases([{"case_id": "a.png", "image_path": "a.png", "patient_id": " P-7"}])
    index.close()
    with sqlite3.connect(path) as db:  # as three releases before left it
        db.execute("DROP INDEX cases_by_patient")
        for column in ("patient_key", *HEADER_COLUMNS):
            db.execute(f"ALTER TABLE cases DROP COLUMN {column}")

    def cut_short(recorded: str | None, header: str | None) -> str:  # the program stops while the rows are updated
        raise RuntimeError

    monkeypatch.setattr("annotations.workspace.store.case_patient_field", cut_short)
    with pytest.raises(sqlite3.OperationalError):
        IndexStore.open_file(path)
    monkeypatch.undo()
    index = IndexStore.open_file(path)
    try:
        (row,) = index.all_cases().values()
        assert (row["patient_key"], row["header_patient_id"], row["header_eye"]) == ("p-7", None, None)  # it ran
    finally:
        index.close()


def test_report_warns_about_ungraded_and_unfinished_cases() -> None:
    done = CaseDocument("a", "x/a.png", 4, 4, grade=ReaderGrade(dr_grade=1), review_state=ReviewState.DONE)
    open_case = CaseDocument("b", "b.png", 4, 4, ai=AIResult(dr_grade=1))
    assert report_warnings([done], ["'x/a.png'"], [False]) == []
    assert report_warnings([done, open_case], ["'x/a.png'", "'b.png'"], [False, False]) == [
        "'b.png' has no reader grade (the report shows only the AI's)", "'b.png' is not marked done"]
    volume = CaseDocument("v", "scans/vol.dcm", 4, 4, grade=ReaderGrade(oct_class="CNV"), modality=Modality.OCT)
    # a volume's own case by the name given (the window's, from its B-scan count in the case list): no header read
    assert report_warnings([volume], ["'scans/vol.dcm', B-scan 4"], [False]) == [
        "'scans/vol.dcm', B-scan 4 is not marked done"]


def test_a_case_with_neither_a_readers_grade_nor_an_ai_result_is_not_said_to_show_the_ais() -> None:
    """Not analysed (`report --no-analysis`, the window before an analysis): "the report shows only the AI's" was
    said of a report that shows no grade at all."""
    photo = CaseDocument("p", "a.png", 4, 4, review_state=ReviewState.DONE)
    scan = CaseDocument("s", "oct/CNV-1.jpeg", 4, 4, review_state=ReviewState.DONE, modality=Modality.OCT)
    assert report_warnings([photo, scan], ["'a.png'", "'oct/CNV-1.jpeg'"], [False, False]) == [
        "'a.png' has no reader grade and no AI result (the report shows no grade)",
        "'oct/CNV-1.jpeg' has no reader OCT class and no AI result (the report shows none)"]


def test_a_grade_that_is_no_consensus_of_a_double_reading_is_warned_of() -> None:
    """A reader's window printed their own, overruled grade as the patient's report without a word."""
    done = CaseDocument("a", "x/a.png", 4, 4, grade=ReaderGrade(dr_grade=1), review_state=ReviewState.DONE)
    assert report_warnings([done], ["'x/a.png'"], [False], unsettled=[True]) == [
        "'x/a.png': the grade printed is not the consensus of the double reading (a reader's own, or the readers "
        "have not settled it); the arbiter's window reports the consensus"]
    assert report_warnings([done], ["'x/a.png'"], [False], unsettled=[False]) == []


def test_a_case_whose_recovered_edits_nobody_checked_is_warned_of() -> None:
    """The report dialog printed a crash's recovered edits without a word, where `report` warned of them by name."""
    done = CaseDocument("a", "x/a.png", 4, 4, grade=ReaderGrade(dr_grade=1), review_state=ReviewState.DONE)
    other = CaseDocument("b", "b.png", 4, 4, grade=ReaderGrade(dr_grade=1), review_state=ReviewState.DONE)
    assert report_warnings([done, other], ["'x/a.png'", "'b.png'"], [False, False], recovered=[False, True]) == [
        "'b.png': the report prints edits recovered from autosave after a crash, which nobody has checked since; "
        "check them in the window first (the last seconds' edits may be lost)"]
    assert report_warnings([done], ["'x/a.png'"], [False], recovered=[False]) == []


def test_an_oct_case_is_graded_by_its_reader_oct_class() -> None:
    """The warning names what an OCT reader records (annotations.report_kind); a DR grade does not stand in."""
    bscan = CaseDocument("s", "oct/CNV-1.jpeg", 4, 4, grade=ReaderGrade(dr_grade=0), review_state=ReviewState.DONE,
                         modality=Modality.OCT, ai=AIResult())
    assert report_warnings([bscan], ["'oct/CNV-1.jpeg'"], [False]) == [
        "'oct/CNV-1.jpeg' has no reader OCT class (the report shows only the AI's)"]
    photo = CaseDocument("p", "a.png", 4, 4, grade=ReaderGrade(oct_class="CNV"), review_state=ReviewState.DONE,
                         ai=AIResult(dr_grade=0))
    assert report_warnings([bscan, photo], ["'oct/CNV-1.jpeg'", "'a.png'"], [False, False]) == [
        "'oct/CNV-1.jpeg' has no reader OCT class (the report shows only the AI's)",
        "'a.png' has no reader grade (the report shows only the AI's)"]  # each eye by its own case's modality


def test_patient_details_the_report_prints_corrected_are_no_longer_said_to_differ() -> None:
    """The report dialog's fields are what the report prints: a detail corrected there (as `report --birth-date`
    gives one) no longer differs; one left as the first case records it (a date written another way too) does."""
    def case(case_id: str, birth: str, sex: str) -> CaseDocument:
        return CaseDocument(case_id, f"{case_id}.png", 4, 4, grade=ReaderGrade(dr_grade=1),
                            review_state=ReviewState.DONE, patient=PatientInfo(name="Wang", birth_date=birth, sex=sex))

    docs, names = [case("a", "1960-02-15", "M"), case("b", "1960-02-10", "F")], ["'a.png'", "'b.png'"]
    said = "The cases record different patient details ({}): the report prints those of 'a.png', check them"
    assert report_warnings(docs, names, [False, False]) == [said.format("birth date 1960-02-15 vs 1960-02-10; "
                                                                        "sex male vs female")]
    assert report_warnings(docs, names, [False, False], birth_date="1960/2/15", patient_name=" Wang", sex="M") == [
        said.format("birth date 1960-02-15 vs 1960-02-10; sex male vs female")]  # as prefilled, written otherwise
    assert report_warnings(docs, names, [False, False], birth_date="1960-02-10", sex="M") == [
        said.format("sex male vs female")]
    assert report_warnings(docs, names, [False, False], birth_date="1960-02-10", sex="F") == []


def test_report_warns_while_the_eye_printed_is_the_ais_guess() -> None:
    ai = AIResult(findings=Findings(optic_disc=OpticDisc(found=True, center=[20.0, 50.0])))
    guessed = CaseDocument("a", "a.png", 100, 100, grade=ReaderGrade(dr_grade=1), review_state=ReviewState.DONE, ai=ai)
    assert report_warnings([guessed], ["'a.png'"], [True]) == [
        "'a.png': the eye is not recorded; OS (left eye) is the AI's guess from where it found the optic disc, "
        "check it"]
    assert report_warnings([guessed], ["'a.png'"], [False]) == []  # the reader chose the eye in the report dialog
    guessed.patient.eye = "OD"  # recorded by the reader (even against the AI's side): it is not the AI's guess
    assert report_warnings([guessed], ["'a.png'"], [True]) == [  # but the contradiction is said (eye_check)
        "'a.png': OD (right eye) is recorded, but where the AI found the optic disc suggests OS (left eye): check "
        "which eye this image is"]


def test_an_eye_is_named_by_its_code_and_side() -> None:
    assert [eye_label(eye) for eye in ("OD", "OS", "OU")] == ["OD (right eye)", "OS (left eye)", "OU"]


def test_a_case_of_the_patient_is_named_by_its_file_and_eye() -> None:
    """As the patient panel lists the patient's other cases: the eye named as everywhere, not only by its code."""
    assert [case_with_eye("b.png", eye) for eye in ("OS", "OU", "")] == ["b.png OS (left eye)", "b.png OU", "b.png"]


@pytest.mark.parametrize(("typed", "recorded"), [
    ("1958年3月12日", "1958-03-12"), ("1958 年 3 月 12 日", "1958-03-12"), ("１９５８年３月１２日", "1958-03-12"),
    ("1958/3/12", "1958-03-12"), ("1958.03.12", "1958-03-12"), (" 1958-3-12 ", "1958-03-12"),
    ("1958-03-12", "1958-03-12"), ("19580312", "1958-03-12"), ("１９５８／３／１２", "1958-03-12"),
    ("1958。3。12", "1958-03-12"), ("1958年3月12号", "1958-03-12"),
    ("12/03/1958", "12/03/1958"),  # day first: the 12th of March in one clinic, the 3rd of December in another
    ("1958/2/30", "1958/2/30"), ("1958年3月", "1958年3月"), ("", "")])
def test_a_date_written_year_first_is_recorded_as_its_iso_date_and_any_other_text_as_typed(typed: str,
                                                                                          recorded: str) -> None:
    assert written_date(typed) == recorded
