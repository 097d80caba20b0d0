"""Readings per reader: names to folders, own stores, listing, blind reading, old single-reader folders."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.document import AIResult, ReviewState
from annotations.reading.blind import open_view
from annotations.reading.consensus import consensus_document
from annotations.reading.readers import load_readings, open_reader, reader_id, readers_of, store_for
from annotations.reading.settings import ReadingMode, ReadingSettings, load_settings, parse_names, save_settings
from annotations.workspace import Workspace, WorkspaceError
from annotations.store_folder import SIDECAR_NAME
from tests.unit.reading_fixtures import case_of, image_folder, read_case

DOUBLE = ReadingSettings(mode=ReadingMode.DOUBLE)


@pytest.mark.parametrize("name", ["../../etc", "a/b", "a\\b", "..", ".", " Anna ", "王芳", "CON", "x" * 200,
                                  "dr.müller", "-.-"])
def test_reader_ids_are_single_safe_folder_names(name: str) -> None:
    rid = reader_id(name)
    assert rid not in ("", ".", "..") and "/" not in rid and "\\" not in rid and ".." not in rid
    assert rid.isascii() and len(rid) <= 50 and not rid.startswith(".")
    assert rid.split(".")[0] not in ("con", "nul", "prn", "aux")


def test_reader_ids_keep_readers_apart_and_ignore_case() -> None:
    assert reader_id("Anna") == reader_id("anna ") == "anna"
    assert reader_id("王芳") != reader_id("李娜")
    assert reader_id("a/b") != reader_id("a_b")
    assert reader_id("Consensus") not in ("consensus", "all") and reader_id("all") != "all"  # export folder names
    with pytest.raises(ValueError):
        reader_id("  ")


def test_settings_default_to_single_reading_and_round_trip(tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f")
    assert load_settings(folder) == ReadingSettings()
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, blind_ai=True, dice_threshold=0.6))
    assert load_settings(folder) == ReadingSettings(mode=ReadingMode.DOUBLE, blind_ai=True, dice_threshold=0.6)
    (folder / SIDECAR_NAME / "reading.json").write_text("{broken")
    with pytest.raises(WorkspaceError, match="reading.json") as raised:
        load_settings(folder)
    assert "fix or delete the file" in str(raised.value)  # no reader's store: deleting it loses nothing


def test_damaged_settings_of_a_folder_with_readers_stores_say_what_deleting_them_does(tmp_path: Path) -> None:
    """"fix or delete the file" was all it said: deleted, the folder opened as single reading, every reader in the
    main store (the consensus's), their own readings out of sight, and nothing said so."""
    folder = image_folder(tmp_path / "f")
    save_settings(folder, DOUBLE)
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 0, grade=2)
    settings_file = folder / SIDECAR_NAME / "reading.json"
    settings_file.write_text("{broken")
    with pytest.raises(WorkspaceError) as raised:
        load_settings(folder)
    said = str(raised.value)
    assert said.startswith(f"{settings_file}: ") and "fix the file" in said and "delete the file" not in said
    assert f"the readings kept in {folder / SIDECAR_NAME / 'readers'} unused" in said
    assert f'retina-review reading "{folder}" --mode double' in said


def test_each_reader_saves_into_their_own_store_and_audit_names_them(tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f")
    save_settings(folder, DOUBLE)
    with open_reader(folder, "Anna") as anna, open_reader(folder, "Ben") as ben:  # both at once, neither read-only
        assert not anna.read_only and not ben.read_only
        read_case(anna, 0, grade=2)
        read_case(ben, 0, grade=3, rows=slice(10, 14))
    assert [s.name for s in readers_of(folder)] == ["Anna", "Ben"]
    readings = {r.reader: r for r in load_readings(folder, case_of(0))}
    assert readings["Anna"].doc.grade.dr_grade == 2 and readings["Ben"].doc.grade.dr_grade == 3
    assert readings["Anna"].doc.mask[3, 5] and not readings["Ben"].doc.mask[3, 5]
    with open_reader(folder, "anna") as again:
        assert [(e.actor, e.action) for e in again.audit_log(case_of(0))] == [("Anna", "save")]
    assert not (folder / SIDECAR_NAME / "cases" / case_of(0)).exists()  # the consensus store is untouched
    assert consensus_document(folder, case_of(0)) is None  # they disagree: nothing settled


def test_a_hostile_reader_name_stays_inside_the_readers_folder(tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f")
    save_settings(folder, DOUBLE)
    with open_reader(folder, "../../outside") as ws:
        read_case(ws, 1, grade=1)
        assert ws.sidecar.parent == folder / SIDECAR_NAME / "readers"
    assert not (tmp_path / "outside").exists()
    assert [s.name for s in readers_of(folder)] == ["../../outside"]


def test_old_single_reader_workspace_opens_unchanged(tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f")
    with Workspace.open(folder, reader="dr-old") as old:  # as every release before double reading
        read_case(old, 0, grade=4)
    assert store_for(folder, "reader 1").sidecar == folder / SIDECAR_NAME
    with open_reader(folder, "reader 1") as ws:
        assert ws.sidecar == folder / SIDECAR_NAME and ws.load_case(case_of(0)).grade.dr_grade == 4
        assert [c.saved for c in ws.cases()] == [True, False, False]
    [single] = readers_of(folder)
    assert single.name == "reader 1" and single.sidecar == folder / SIDECAR_NAME
    assert consensus_document(folder, case_of(0)).grade.dr_grade == 4
    assert not (folder / SIDECAR_NAME / "readers").exists() and not (folder / SIDECAR_NAME / "reading.json").exists()


def test_blind_mode_hides_the_first_reading_and_the_ai_until_the_second_reader_submits(tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f")
    with Workspace.open(folder) as legacy:  # labels from single-reading days must not leak either
        read_case(legacy, 0, grade=4, ai_grade=4)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, blind_ai=True))
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 0, grade=3, ai_grade=3)
    with open_reader(folder, "Ben") as ben:
        own = ben.load_case(case_of(0))
        own.ai = AIResult(dr_grade=3)  # e.g. analysed before the folder went blind
        view = open_view(folder, "Ben", own)
        assert view.others == [] and view.doc.ai is None and not view.ai_shown
        assert view.doc.grade.dr_grade is None and not view.doc.mask.any() and view.doc.boxes == []
        assert own.ai is not None  # the reader's own document is not changed by the view
        read_case(ben, 0, grade=3)
        submitted = ben.load_case(case_of(0))
        assert submitted.review_state is ReviewState.DONE
        after = open_view(folder, "Ben", submitted)
        assert [r.reader for r in after.others] == ["Anna"] and after.others[0].doc.grade.dr_grade == 3
        assert after.ai_shown


def test_double_reading_without_blind_ai_still_hides_the_other_reading(tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f")
    save_settings(folder, DOUBLE)
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 0, grade=3, ai_grade=3)
    with open_reader(folder, "Ben") as ben:
        own = ben.load_case(case_of(0))
        own.ai = AIResult(dr_grade=3)
        view = open_view(folder, "Ben", own)
        assert view.others == [] and view.doc.ai is not None and view.ai_shown


def test_single_reading_shows_other_readers_at_once(tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f")
    with open_reader(folder, "imported") as other:
        read_case(other, 0, grade=1)
    with open_reader(folder, "reader 1") as ws:
        view = open_view(folder, "reader 1", ws.load_case(case_of(0)))
    assert [r.reader for r in view.others] == ["imported"]


def test_a_reading_saved_while_it_is_read_is_read_again(tmp_path: Path, monkeypatch) -> None:
    from annotations.workspace.sidecar import CaseFiles

    folder = image_folder(tmp_path / "f")
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 0, grade=2)
    real_load = CaseFiles.load
    calls = []

    def load_during_a_save(self, case_id, data=None):  # noqa: ANN001, ANN202 - stands in for CaseFiles.load
        calls.append(case_id)
        if len(calls) == 1:
            raise WorkspaceError("mask.1.png: cannot read the saved mask (gone: a newer save replaced it)")
        return real_load(self, case_id, data=data)

    monkeypatch.setattr(CaseFiles, "load", load_during_a_save)
    [reading] = [r for r in load_readings(folder, case_of(0)) if r.reader == "Anna"]
    assert reading.doc.grade.dr_grade == 2 and len(calls) == 2
    calls.clear()
    monkeypatch.setattr(CaseFiles, "load", lambda self, case_id, data=None: (_ for _ in ()).throw(
        WorkspaceError("damaged")))
    with pytest.raises(WorkspaceError, match="damaged"):
        load_readings(folder, case_of(0))


def test_a_readers_folder_that_is_a_link_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f")
    save_settings(folder, DOUBLE)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (folder / SIDECAR_NAME / "readers").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(WorkspaceError, match="is a link"):
        open_reader(folder, "Anna")
    assert list(elsewhere.iterdir()) == []
    assert readers_of(folder) == []


def test_the_window_opens_a_readers_own_store_or_the_consensus_for_an_arbiter(tmp_path: Path) -> None:
    from annotations.reading.readers import holds_consensus, open_as, reading_role

    folder = image_folder(tmp_path / "f")
    with open_as(folder, "Anna") as single:  # single reading: the main store whatever the name
        assert single.sidecar == folder / SIDECAR_NAME and reading_role(single) == ""
        assert not holds_consensus(single) and not holds_consensus(single, double=False)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("Dr Arbiter",)))
    assert load_settings(folder).arbiters == ("Dr Arbiter",)
    with open_as(folder, "Anna") as reader, open_as(folder, "dr arbiter") as arbiter:
        assert reader.sidecar == folder / SIDECAR_NAME / "readers" / "anna" and reading_role(reader) == "reader"
        assert arbiter.sidecar == folder / SIDECAR_NAME and reading_role(arbiter) == "arbiter"
        assert not reader.read_only and not arbiter.read_only
        assert holds_consensus(arbiter) and holds_consensus(arbiter, double=True)
        assert not holds_consensus(reader) and not holds_consensus(reader, double=True)


def test_names_typed_on_one_line_split_at_english_and_chinese_commas() -> None:
    assert parse_names(" Dr Lee,  Dr Wu ,") == ("Dr Lee", "Dr Wu")
    assert parse_names("张医生，李医生、王医生") == ("张医生", "李医生", "王医生")
    assert parse_names("  ") == ()
