"""Double reading in the window: arbitration side by side into the consensus, readers in their own stores, blind AI."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from annotations.document import ReaderGrade, ReviewState
from annotations.reading.consensus import consensus_document, consensus_record, state_of
from annotations.reading.disagreement import CaseState
from annotations.graded_fields import GradeField
from annotations.reading.readers import open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from annotations.reading.side_by_side import prepare_arbitration
from app.main_window import MainWindow
from app.settings import Settings, SettingsValues
from tests.gui.screenshots import keep_screenshot
from tests.gui.test_domain_messages import chinese  # noqa: F401 - fixture
from tests.unit.reading_fixtures import case_of, image_folder, read_case
from widgets.arbitration_dialog import ArbitrationDialog
from widgets.case_list import READING_COLUMN

STATE_COLUMN, READER_GRADE_COLUMN = 1, 3
DR, DME = GradeField.DR_GRADE, GradeField.DME_RISK


@pytest.fixture
def disputed(tmp_path: Path) -> Path:
    folder = image_folder(tmp_path / "f", count=2, width=160, height=120)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("Dr Arbiter",)))
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 0, grade=2, rows=slice(10, 40))
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 0, grade=3, rows=slice(30, 60), dme=1)
    return folder


def window_on(qtbot, tmp_path: Path, folder: Path, reader: str, analyze_on_open: bool = False) -> MainWindow:
    """A window whose settings name ``reader``, with ``folder`` opened."""
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(analyze_on_open=analyze_on_open, autosave_s=60, reader=reader))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_paths([folder])
    window.cases.flush()  # the folder's store is opened on the storage worker
    return window


def select(qtbot, window: MainWindow, case_id: str) -> None:
    window.cases.select_case(case_id)  # its document is read on the storage worker, then its photo decoded
    qtbot.waitUntil(lambda: window.cases.current_id == case_id and not window.cases.loading, timeout=10_000)


def test_dialog_names_the_readings_it_does_not_show(qtbot, disputed: Path) -> None:
    with open_reader(disputed, "Cleo") as cleo:
        read_case(cleo, 0, grade=2, rows=slice(10, 40))
    dialog = ArbitrationDialog(prepare_arbitration(disputed, case_of(0)), "'img0.png'")
    qtbot.addWidget(dialog)
    assert [button.text() for button in dialog.choice.buttons()] == ["Keep the labels of Anna",
                                                                     "Keep the labels of Ben"]
    assert "Of 3 submitted readings these are the first two that disagree; also submitted: Cleo (Moderate NPDR" \
        in dialog.reasons.text()


def test_dialog_shows_both_readings_and_emits_the_decision(qtbot, disputed: Path) -> None:
    dialog = ArbitrationDialog(prepare_arbitration(disputed, case_of(0)), "'img0.png'")
    qtbot.addWidget(dialog)
    dialog.show()
    assert "DR grade 2 vs 3" in dialog.reasons.text() and "DME risk 0 vs 1" in dialog.reasons.text()
    # nothing chosen for the arbiter (the first reading, preset, was decided by a hasty Save): a choice enables Save
    assert dialog.finals[DR].currentData() is None and dialog.choice.checkedId() == -1
    assert not dialog.save_button.isEnabled() and not dialog.correct_button.isEnabled()
    dialog.choice.button(1).click()
    assert dialog.save_button.isEnabled() and dialog.correct_button.isEnabled()
    assert (dialog.finals[DR].currentData(), dialog.finals[DME].currentData()) == (3, 1)  # Ben's
    dialog.map_class.setCurrentIndex(3)  # EX only
    keep_screenshot(dialog, "arbitration-dialog.png")
    dialog.finals[DR].setCurrentIndex(dialog.finals[DR].findData(4))
    with qtbot.waitSignal(dialog.decided) as decided:
        dialog.save_button.click()
    assert decided.args == [1, {DR: 4, DME: 1}]


def test_a_dme_risk_no_reader_recorded_stays_not_graded(qtbot, tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=1, width=160, height=120)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    for name, grade in (("Anna", 2), ("Ben", 1)):
        with open_reader(folder, name) as reader:
            read_case(reader, 0, grade=grade, dme=None)
    dialog = ArbitrationDialog(prepare_arbitration(folder, case_of(0)), "'img0.png'")
    qtbot.addWidget(dialog)
    dialog.choice.button(1).click()
    with qtbot.waitSignal(dialog.decided) as decided:
        dialog.save_button.click()
    assert decided.args == [1, {DR: 1, DME: None}]


def test_each_reading_names_the_grade_its_reader_left_out(qtbot, tmp_path: Path, chinese) -> None:
    """Not a bare "–" beside the other grade: the arbiter could not tell which one was left out."""
    folder = image_folder(tmp_path / "f", count=1, width=160, height=120)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    for name, grade, dme in (("张华", 1, None), ("李明", None, 1)):
        with open_reader(folder, name) as reader:
            read_case(reader, 0, grade=grade, dme=dme)
    dialog = ArbitrationDialog(prepare_arbitration(folder, case_of(0)), "'img0.png'")
    qtbot.addWidget(dialog)
    captions = [label.text() for label in dialog.findChildren(QLabel)]
    assert "<b>张华</b>：轻度非增殖期、黄斑水肿风险未分级" in captions
    assert "<b>李明</b>：DR 未分级、黄斑水肿风险 1" in captions


def test_a_dr_grade_the_chosen_reader_left_out_is_neither_carried_over_nor_made_up(qtbot, tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=1, width=160, height=120)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    for name, grade in (("Anna", 2), ("Ben", None)):
        with open_reader(folder, name) as reader:
            read_case(reader, 0, grade=grade, dme=None)
    dialog = ArbitrationDialog(prepare_arbitration(folder, case_of(0)), "'img0.png'")
    qtbot.addWidget(dialog)
    assert "DR grade 2 vs not graded" in dialog.reasons.text() and "None" not in dialog.reasons.text()
    dialog.choice.button(0).click()
    assert dialog.finals[DR].currentData() == 2  # Anna's
    dialog.choice.button(1).click()
    assert dialog.finals[DR].currentData() is None  # Ben graded nothing: not Anna's grade kept, nor 0 "No DR"
    with qtbot.waitSignal(dialog.decided) as decided:
        dialog.save_button.click()
    assert decided.args == [1, {DR: None, DME: None}]


def test_a_consensus_without_dr_grade_is_stored_and_listed_as_not_graded(qtbot, tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=1, width=160, height=120)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("Dr Arbiter",)))
    for name, rows in (("Anna", slice(10, 40)), ("Ben", slice(30, 60))):  # neither graded; the labels differ
        with open_reader(folder, name) as reader:
            read_case(reader, 0, grade=None, rows=rows, dme=None)
    window = window_on(qtbot, tmp_path, folder, "Dr Arbiter")
    select(qtbot, window, case_of(0))
    qtbot.waitUntil(window.actions["arbitrate"].isEnabled, timeout=10_000)  # its readings listed: it can act
    with qtbot.waitSignal(window.arbitration.dialog_shown, timeout=10_000) as shown:
        window.actions["arbitrate"].trigger()
    shown.args[0].choice.button(0).click()
    with qtbot.waitSignal(window.arbitration.arbitrated, timeout=10_000):
        shown.args[0].save_button.click()
    final = consensus_document(folder, case_of(0))
    assert (final.grade.dr_grade, final.grade.dme_risk) == (None, None)
    assert consensus_record(folder, case_of(0))["dr_grade"] is None
    qtbot.waitUntil(lambda: window.case_list.model.index(0, READING_COLUMN).data() == "arbitrated", timeout=10_000)
    assert window.case_list.model.index(0, READER_GRADE_COLUMN).data() == "–"


def keep_second_reading(qtbot, window: MainWindow) -> None:
    """Arbitrate the open case from the window: the second reading's labels and grade kept, saved as consensus."""
    qtbot.waitUntil(window.actions["arbitrate"].isEnabled, timeout=10_000)  # its readings listed: it can act
    with qtbot.waitSignal(window.arbitration.dialog_shown, timeout=10_000) as shown:
        window.actions["arbitrate"].trigger()
    dialog = shown.args[0]
    dialog.choice.button(1).click()
    with qtbot.waitSignal(window.arbitration.arbitrated, timeout=10_000):
        dialog.save_button.click()


def test_window_arbitrates_the_open_case_into_the_consensus(qtbot, disputed: Path, tmp_path: Path) -> None:
    window = window_on(qtbot, tmp_path, disputed, "Dr Arbiter")
    qtbot.waitUntil(lambda: window.cases.current_id is not None, timeout=10_000)
    select(qtbot, window, case_of(0))
    assert state_of(disputed, case_of(0)) is CaseState.NEEDS_ARBITRATION
    keep_second_reading(qtbot, window)
    assert state_of(disputed, case_of(0)) is CaseState.ARBITRATED
    final = consensus_document(disputed, case_of(0))
    assert (final.grade.dr_grade, final.grade.dme_risk) == (3, 1) and final.mask[50, 5]  # Ben's labels
    assert consensus_record(disputed, case_of(0))["by"] == "Dr Arbiter"
    assert window.cases.doc.grade.dr_grade == 3  # the open case shows the decision
    row = window.case_list.model.index(0, READING_COLUMN)
    qtbot.waitUntil(lambda: row.data() == "arbitrated", timeout=10_000)  # and so does the list
    assert window.cases.summaries[case_of(0)].reader_grade == 3
    assert "Dr Arbiter, arbiter" in window.windowTitle()


def test_a_decision_is_stored_and_shown_before_the_folder_can_close(qtbot, disputed: Path, tmp_path: Path) -> None:
    window = window_on(qtbot, tmp_path, disputed, "Dr Arbiter")
    qtbot.waitUntil(lambda: window.cases.current_id is not None, timeout=10_000)
    select(qtbot, window, case_of(0))
    with qtbot.waitSignal(window.arbitration.dialog_shown, timeout=10_000) as shown:
        window.actions["arbitrate"].trigger()
    dialog = shown.args[0]
    dialog.choice.button(1).click()
    dialog.correct_button.click()  # stored, and the case opened for correcting, before the click returns
    assert window.cases.doc.grade.dr_grade == 3 and window.cases.doc.review_state is ReviewState.DONE
    window.cases.close_workspace()
    assert window.cases.workspace is None and window.cases.doc is None
    assert state_of(disputed, case_of(0)) is CaseState.ARBITRATED


def test_a_reader_works_in_their_own_store_and_cannot_arbitrate(qtbot, disputed: Path, tmp_path: Path) -> None:
    window = window_on(qtbot, tmp_path, disputed, "Anna")
    qtbot.waitUntil(lambda: window.cases.current_id is not None, timeout=10_000)
    assert window.cases.workspace.sidecar == disputed / ".retinareview" / "readers" / "anna"
    assert "Anna, reader" in window.windowTitle()
    select(qtbot, window, case_of(0))
    assert window.cases.doc.grade.dr_grade == 2  # Anna's own reading, not Ben's
    assert window.arbitration.open_for_current() is None and window.arbitration.dialog is None


def test_blind_ai_keeps_the_ai_from_a_reader_until_they_submit(qtbot, tmp_path: Path) -> None:
    from annotations.document import AIResult

    folder = image_folder(tmp_path / "f", count=2, width=160, height=120)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, blind_ai=True))
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 0, grade=2, submit=False, ai_grade=3)  # analysed before the folder went blind
    window = window_on(qtbot, tmp_path, folder, "Anna", analyze_on_open=True)
    revealed: list[tuple[str, int]] = []  # the submission's reveal, with the result stored before (no analysis here)
    window.analysis.reveal_case = lambda item: revealed.append((item.case_id, item.stored.dr_grade))
    select(qtbot, window, case_of(0))
    assert window.cases.doc.ai is None and window.cases.blind_ai
    window.analysis_actions.analyze_current()
    assert "Blind reading" in window.statusBar().currentMessage()
    window.cases.ai_results.apply(case_of(0), AIResult(dr_grade=4))
    assert window.cases.doc.ai is None
    window.cases.edits.mark_done()
    assert window.cases.doc.review_state is ReviewState.DONE and revealed == [(case_of(0), 3)]
    window.cases.ai_results.apply(case_of(0), AIResult(dr_grade=4))
    assert window.cases.doc.ai.dr_grade == 4  # submitted: the AI is shown


def test_analyse_on_open_leaves_a_blind_readers_case_alone_until_they_submit(qtbot, tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=2, width=160, height=120)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, blind_ai=True))
    window = window_on(qtbot, tmp_path, folder, "Anna", analyze_on_open=True)
    analysed: list[str] = []
    window.analysis.analyze_case = lambda item: analysed.append(item.case_id)  # what opening a case starts
    window.analysis.reveal_case = lambda item: analysed.append(item.case_id)  # what submitting it starts

    def open_case(case_id: str) -> None:
        with qtbot.waitSignal(window.cases.image_loaded, timeout=10_000):
            window.cases.select_case(case_id)

    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)  # the first case opens by itself
    assert window.cases.current_id == case_of(0)
    open_case(case_of(1))
    assert analysed == []  # its result would be withheld: nothing runs
    assert window.findings.ai_grade.text().startswith("AI hidden until you submit this case")
    open_case(case_of(0))
    window.cases.edits.mark_done()
    assert analysed == [case_of(0)]  # submitted: analysed at once, for the reader to compare
    assert window.findings.ai_grade.text() == "Not analysed yet"
    open_case(case_of(1))
    open_case(case_of(0))
    assert analysed == [case_of(0)] * 2  # still no result (analyze_case is stubbed): opening it analyses it


def test_a_review_change_that_reveals_nothing_starts_no_second_analysis(qtbot, tmp_path: Path) -> None:
    """Only a blind reader's submission analyses at once: marking a case in progress or done, or undoing that, in
    an ordinary folder leaves the analysis that opening started (or that the reader cancelled) alone."""
    window = window_on(qtbot, tmp_path, image_folder(tmp_path / "f", count=1, width=160, height=120), "Anna",
                       analyze_on_open=True)
    analysed: list[str] = []
    window.analysis.analyze_case = lambda item: analysed.append(item.case_id)
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)  # the case opens by itself
    assert analysed == [case_of(0)]
    window.cases.edits.set_review_state(ReviewState.IN_PROGRESS)
    window.cases.edits.mark_done()
    window.cases.history.undo()
    assert analysed == [case_of(0)]


def test_the_arbiter_corrects_the_consensus_labels_with_undo_and_saves_them_as_arbitrated(
        qtbot, disputed: Path, tmp_path: Path) -> None:
    import numpy as np

    from annotations.classes import LesionClass
    from annotations.commands import FillRegion

    window = window_on(qtbot, tmp_path, disputed, "Dr Arbiter")
    select(qtbot, window, case_of(1))  # another case is open: correcting opens the arbitrated one
    select(qtbot, window, case_of(0))
    with qtbot.waitSignal(window.arbitration.dialog_shown, timeout=10_000) as shown:
        window.actions["arbitrate"].trigger()
    dialog = shown.args[0]
    dialog.choice.button(1).click()  # Ben's labels
    window.cases.select_case(case_of(1))
    with qtbot.waitSignal(window.arbitration.arbitrated, timeout=10_000):
        dialog.correct_button.click()
    assert window.cases.current_id == case_of(0) and "correct the consensus" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: not window.cases.loading, timeout=10_000)  # read from the store, off the GUI thread
    doc = window.cases.doc
    assert doc.mask[50, 5] and doc.grade.dr_grade == 3  # the chosen reading, ready to correct
    stray = np.zeros(doc.mask.shape, bool)
    stray[50:60, 4:12] = True
    window.cases.execute(FillRegion(LesionClass.EX, stray, erase=True, text="Erase EX"))
    assert not doc.mask[55, 5]
    window.actions["undo"].trigger()
    assert doc.mask[55, 5]  # undo brings the arbitrated labels back
    window.actions["redo"].trigger()
    assert window.cases.save()
    window.cases.flush()  # the save and its correction record go through the storage queue
    final = consensus_document(disputed, case_of(0))
    assert not final.mask[55, 5] and final.mask[35, 5] and final.grade.dr_grade == 3
    record = consensus_record(disputed, case_of(0))
    assert record["method"] == "arbitrated" and record["corrections"][0]["by"] == "Dr Arbiter"
    assert state_of(disputed, case_of(0)) is CaseState.ARBITRATED


def test_case_list_shows_each_cases_reading_state_and_follows_a_submission(qtbot, tmp_path: Path) -> None:
    from annotations.reading.consensus import arbitrate, draft_from
    from annotations.reading.readers import load_readings, open_consensus
    from widgets.case_list import READING_COLUMN

    folder = image_folder(tmp_path / "f", count=5, width=160, height=120)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("Dr Arbiter",)))
    with open_reader(folder, "Anna") as anna:
        for index, grade in ((0, 2), (1, 1), (2, 1), (4, 2)):
            read_case(anna, index, grade=grade)
    with open_reader(folder, "Ben") as ben:
        for index, grade in ((0, 3), (1, 1), (4, 3)):
            read_case(ben, index, grade=grade)
    readings = load_readings(folder, case_of(4))
    with open_consensus(folder, "Dr Arbiter") as consensus:
        arbitrate(consensus, draft_from(readings[1]), "Dr Arbiter", readings)
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(analyze_on_open=False, autosave_s=60, reader="Ben"))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(1400, 700)
    window.show()
    assert window.open_paths([folder])
    window.cases.flush()  # the folder's store is opened on the storage worker
    qtbot.waitUntil(lambda: window.cases.image is not None and not window.cases.busy, timeout=10_000)
    model = window.case_list.model

    def states() -> dict[str, str]:
        return {model.index(row, 0).data(): model.index(row, READING_COLUMN).data() for row in range(model.rowCount())}

    assert not window.case_list.table.isColumnHidden(READING_COLUMN)
    assert states() == {"img0.png": "needs arbitration", "img1.png": "agreed", "img2.png": "needs reader 2",
                        "img3.png": "needs reader 1", "img4.png": "arbitrated"}
    keep_screenshot(window, "case-list-reading-states.png")
    window.case_list.set_filters(reading=CaseState.NEEDS_READER_2.value)
    qtbot.waitUntil(lambda: not window.case_list.pending, timeout=10_000)  # the list reads its order on a worker
    assert window.case_list.visible_case_ids() == [case_of(2)]
    select(qtbot, window, case_of(2))  # Ben reads it and submits: both done, same grade, but no EX painted
    window.cases.edits.set_grade(ReaderGrade(dr_grade=1))
    window.cases.edits.mark_done()
    qtbot.waitUntil(lambda: not window.cases.busy, timeout=10_000)
    window.case_list.set_filters()
    window.case_list.refresh()
    qtbot.waitUntil(lambda: not window.case_list.pending, timeout=10_000)
    assert states()["img2.png"] == "needs arbitration"  # Anna painted exudates: their masks differ


def test_the_arbiters_list_shows_agreed_cases_settled_and_only_disagreements_to_do(qtbot, disputed: Path,
                                                                                  tmp_path: Path) -> None:
    with open_reader(disputed, "Anna") as anna:
        read_case(anna, 1, grade=1, dme=0)
    with open_reader(disputed, "Ben") as ben:
        read_case(ben, 1, grade=1, dme=0)  # the same grade and EX patch: agreed
    window = window_on(qtbot, tmp_path, disputed, "Dr Arbiter")
    model = window.case_list.model

    def row(file_name: str) -> tuple[str, ...]:  # (): not listed yet
        found = [r for r in range(model.rowCount()) if model.index(r, 0).data() == file_name]
        return tuple(model.index(r, column).data() for r in found for column in (STATE_COLUMN, READER_GRADE_COLUMN,
                                                                                   READING_COLUMN))

    qtbot.waitUntil(lambda: row("img1.png") == ("done", "1", "agreed"), timeout=10_000)
    assert row("img0.png") == ("to do", "–", "needs arbitration")  # the arbiter's to do
    select(qtbot, window, case_of(1))
    assert window.cases.doc.grade.dr_grade == 1 and window.cases.doc.review_state is ReviewState.DONE
    assert consensus_record(disputed, case_of(1))["method"] == "agreed"
    assert state_of(disputed, case_of(1)) is CaseState.AGREED


def test_arbitrate_is_disabled_for_a_case_without_two_readings_and_says_why_by_its_file_name(
        qtbot, disputed: Path, tmp_path: Path) -> None:
    with open_reader(disputed, "Anna") as anna:
        read_case(anna, 1, grade=1)  # Ben has not read it yet
    window = window_on(qtbot, tmp_path, disputed, "Dr Arbiter")
    action = window.actions["arbitrate"]
    qtbot.waitUntil(lambda: not window.cases.listing.scanning, timeout=10_000)
    select(qtbot, window, case_of(1))
    qtbot.waitUntil(lambda: not action.isEnabled(), timeout=10_000)
    assert action.toolTip().startswith("'img1.png': 1 of 2 readings submitted")
    messages: list[str] = []
    window.arbitration.message.connect(messages.append)
    assert window.arbitration.open_for_current() is None  # called anyway (not through the disabled action)
    assert messages == [action.toolTip()] and case_of(1) not in messages[0]
    select(qtbot, window, case_of(0))
    qtbot.waitUntil(action.isEnabled, timeout=10_000)  # the disputed case can be arbitrated


def test_a_readers_window_has_arbitrate_disabled(qtbot, disputed: Path, tmp_path: Path) -> None:
    window = window_on(qtbot, tmp_path, disputed, "Anna")
    select(qtbot, window, case_of(0))
    assert not window.actions["arbitrate"].isEnabled()
    assert "only its arbiters arbitrate" in window.actions["arbitrate"].toolTip()


def test_the_dme_choice_says_what_each_risk_means_and_a_larger_dialog_keeps_the_decision_together(
        qtbot, disputed: Path) -> None:
    dialog = ArbitrationDialog(prepare_arbitration(disputed, case_of(0)), "'img0.png'")
    qtbot.addWidget(dialog)
    dialog.show()
    dme = dialog.finals[DME]
    assert dme.itemText(dme.findData(1)).endswith("more than one disc diameter from the macula's centre")
    dialog.resize(1400, 1000)
    qtbot.waitUntil(lambda: dialog.height() == 1000)
    assert dialog.reasons.height() < 60  # the space left over goes below the decision, not into the texts
    buttons_top = dialog.save_button.mapTo(dialog, dialog.save_button.rect().topLeft()).y()
    assert dme.geometry().bottom() < buttons_top - 200


def test_on_the_arbiters_list_a_case_still_with_its_readers_awaits_them_and_is_not_to_do(
        qtbot, disputed: Path, tmp_path: Path) -> None:
    from annotations.document import ReviewState as State

    with open_reader(disputed, "Anna") as anna:
        read_case(anna, 1, grade=1)  # Ben has not read it yet
    window = window_on(qtbot, tmp_path, disputed, "Dr Arbiter")
    model = window.case_list.model

    def states() -> dict[str, str]:
        return {model.index(row, 0).data(): model.index(row, STATE_COLUMN).data() for row in range(model.rowCount())}

    qtbot.waitUntil(lambda: states() == {"img0.png": "to do", "img1.png": "with readers"}, timeout=10_000)
    window.case_list.set_filters(state=State.TODO)
    qtbot.waitUntil(lambda: not window.case_list.pending, timeout=10_000)
    assert window.case_list.visible_case_ids() == [case_of(0)]  # the arbiter's to do: the disagreement alone
    reader = window_on(qtbot, tmp_path / "anna", disputed, "Anna")
    qtbot.waitUntil(lambda: reader.case_list.model.rowCount() == 2 and not reader.cases.listing.scanning,
                    timeout=10_000)
    assert reader.case_list.model.index(0, STATE_COLUMN).data() == "done"  # a reader's list is their own


def test_on_the_arbiters_list_a_disputed_case_marked_done_without_arbitration_is_to_do(
        qtbot, disputed: Path, tmp_path: Path) -> None:
    from annotations.reading.readers import open_consensus

    with open_consensus(disputed, "Dr Arbiter") as consensus:
        read_case(consensus, 0, grade=2)  # marked done on the canvas (or before the folder went double), not arbitrated
    window = window_on(qtbot, tmp_path, disputed, "Dr Arbiter")
    model = window.case_list.model
    qtbot.waitUntil(lambda: model.rowCount() == 2 and model.index(0, READING_COLUMN).data() == "needs arbitration",
                    timeout=10_000)
    assert model.index(0, STATE_COLUMN).data() == "to do"


def test_a_case_open_when_its_readers_come_to_agree_shows_the_agreed_reading(qtbot, tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=1, width=160, height=120)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("Dr Arbiter",)))
    for name, grade, submit in (("Anna", 2, True), ("Ben", 3, False)):
        with open_reader(folder, name) as reader:
            read_case(reader, 0, grade=grade, dme=1, submit=submit)
    window = window_on(qtbot, tmp_path, folder, "Dr Arbiter")
    qtbot.waitUntil(lambda: window.cases.listing.reading_states.get(case_of(0)) is CaseState.NEEDS_READER_2
                    and window.cases.image is not None and not window.cases.busy, timeout=10_000)
    with open_reader(folder, "Ben") as ben:  # Ben submits his draft, changed to Anna's grade, with the case open
        read_case(ben, 0, grade=2, dme=1)
    assert window.cases.save()  # the arbiter's save (of the modality the window detected) lists the case again
    qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.doc.grade.dr_grade == 2, timeout=10_000)
    assert window.cases.doc.review_state is ReviewState.DONE and window.cases.doc.grade.dme_risk == 1


def test_arbitrate_names_a_volumes_bscan_as_the_bscan_bar_does(qtbot, tmp_path: Path) -> None:
    from annotations.frames import bscan_case_id
    from tests.unit.test_oct_volume import SHOWN, make_folder, volume_id
    from tests.unit.test_reading_volume import read_bscan

    folder = tmp_path / "f"
    make_folder(folder)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("Dr Arbiter",)))
    with open_reader(folder, "Anna") as anna:
        read_bscan(anna, 2, 1)
        volume = volume_id(anna)
    window = window_on(qtbot, tmp_path, folder, "Dr Arbiter")
    action = window.actions["arbitrate"]
    qtbot.waitUntil(lambda: not window.cases.listing.scanning, timeout=10_000)
    select(qtbot, window, volume)
    qtbot.waitUntil(lambda: not action.isEnabled(), timeout=10_000)
    assert action.toolTip().startswith(f"'scans/vol.dcm', B-scan {SHOWN}: 0 of 2 readings submitted")
    window.bscans.show_bscan(2)
    qtbot.waitUntil(lambda: window.cases.current_id == bscan_case_id(volume, 2), timeout=10_000)
    qtbot.waitUntil(lambda: action.toolTip().startswith("'scans/vol.dcm', B-scan 2: 1 of 2 readings submitted"),
                    timeout=10_000)


def test_agreed_cases_are_settled_in_batches_each_its_own_storage_job(qtbot, tmp_path: Path, monkeypatch) -> None:
    import app.agreed_settling

    monkeypatch.setattr(app.agreed_settling, "BATCH", 2)
    folder = image_folder(tmp_path / "f", count=4, width=160, height=120)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("Dr Arbiter",)))
    for name, disputed in (("Anna", 1), ("Ben", 3)):
        with open_reader(folder, name) as reader:
            read_case(reader, 0, grade=disputed)  # disputed: opened first, its opening settles nothing
            for index in range(1, 4):
                read_case(reader, index, grade=1)
    batches: list[int] = []  # the cases of each storage job of the list's settling, as each one is done
    settled = app.agreed_settling.AgreedSettling._settled
    monkeypatch.setattr(app.agreed_settling.AgreedSettling, "_settled",
                        lambda self, workspace, case_ids, *outcome: (
                            case_of(0) in case_ids or batches.append(len(case_ids)),
                            settled(self, workspace, case_ids, *outcome)))
    window_on(qtbot, tmp_path, folder, "Dr Arbiter")
    qtbot.waitUntil(lambda: sum(batches) == 3, timeout=10_000)
    assert sorted(batches) == [1, 2] and all(consensus_record(folder, case_of(i)) for i in range(1, 4))
    assert consensus_record(folder, case_of(0)) is None


def test_the_arbiters_list_follows_submissions_made_meanwhile_elsewhere(qtbot, tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=2, width=160, height=120)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("Dr Arbiter",)))
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 0, grade=2)
        read_case(anna, 1, grade=1)
    window = window_on(qtbot, tmp_path, folder, "Dr Arbiter")
    model = window.case_list.model

    def reading() -> dict[str, str]:
        return {model.index(row, 0).data(): model.index(row, READING_COLUMN).data() for row in range(model.rowCount())}

    qtbot.waitUntil(lambda: reading() == {"img0.png": "needs reader 2", "img1.png": "needs reader 2"}, timeout=10_000)
    qtbot.waitUntil(lambda: not window.arbitration.watch.runner.busy, timeout=10_000)  # its first look is taken
    with open_reader(folder, "Ben") as ben:  # another machine writing into the folder
        read_case(ben, 0, grade=3)  # disagrees
        read_case(ben, 1, grade=1)  # agrees
    window.arbitration.watch.look()  # what the timer does every few seconds
    qtbot.waitUntil(lambda: reading() == {"img0.png": "needs arbitration", "img1.png": "agreed"}, timeout=10_000)
    qtbot.waitUntil(lambda: consensus_record(folder, case_of(1)) is not None, timeout=10_000)  # settled as agreed
    assert model.index(0, STATE_COLUMN).data() == "to do"
    for name in ("Anna", "Ben"):  # both revise the agreed case, and agree on another grade
        with open_reader(folder, name) as reader:
            read_case(reader, 1, grade=2)
    window.arbitration.watch.look()
    qtbot.waitUntil(lambda: consensus_record(folder, case_of(1))["dr_grade"] == 2, timeout=10_000)  # settled anew


def test_a_failing_look_for_the_readers_saves_is_logged_and_said_once_and_the_looks_go_on(
        qtbot, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """The arbiter is told too, naming the file and what to do: only logged, the list stopped following the
    readers' submissions with no word on the screen."""
    folder = image_folder(tmp_path / "f", count=1, width=160, height=120)
    settings = ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("Dr Arbiter",))
    save_settings(folder, settings)
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 0, grade=2)
    window = window_on(qtbot, tmp_path, folder, "Dr Arbiter")
    watch = window.arbitration.watch
    qtbot.waitUntil(lambda: not watch.runner.busy, timeout=10_000)  # its first look is taken
    qtbot.waitUntil(lambda: window.cases.doc is not None and not window.cases.busy, timeout=10_000)  # opened (settling)
    settings_file = save_settings(folder, settings)
    settings_file.write_text("{damaged")  # edited by hand on another machine
    shown: list[str] = []
    window.cases.message.connect(shown.append)
    with caplog.at_level("WARNING"):
        for _ in range(3):  # what the timer does every few seconds
            watch.look()
            qtbot.waitUntil(lambda: not watch.runner.busy, timeout=10_000)
    said = [record for record in caplog.records if "readers' saves" in record.getMessage()]
    assert len(said) == 1 and str(settings_file) in said[0].getMessage()
    assert len(shown) == 1 and str(settings_file) in shown[0] and "fix the file" in shown[0]
    assert window.statusBar().currentMessage() == shown[0]
    assert not [record for record in caplog.records if record.levelname == "ERROR"]  # no traceback every look
    save_settings(folder, settings)  # mended
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 0, grade=3)
    with qtbot.waitSignal(watch.saved_elsewhere, timeout=10_000) as seen:
        watch.look()
    assert seen.args == [{case_of(0)}]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_arbitration_of_a_volumes_own_bscan_names_it_by_its_number(qtbot, tmp_path: Path, request,
                                                                   language: str) -> None:
    """The dialog and the decision's message name the case as every message does (CaseController.case_name, from
    its row): the volume's own case is one B-scan among the others."""
    from tests.unit.test_oct_volume import SHOWN, make_folder, volume_id
    from tests.unit.test_reading_volume import read_bscan

    if language == "zh_CN":
        request.getfixturevalue("chinese")
    folder = tmp_path / "f"
    make_folder(folder)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("Dr Arbiter",)))
    for name, grade in (("Anna", 1), ("Ben", 3)):
        with open_reader(folder, name) as reader:
            read_bscan(reader, SHOWN, grade)
            volume = volume_id(reader)
    window = window_on(qtbot, tmp_path, folder, "Dr Arbiter")
    qtbot.waitUntil(lambda: not window.cases.listing.scanning, timeout=10_000)
    select(qtbot, window, volume)
    with qtbot.waitSignal(window.arbitration.dialog_shown, timeout=10_000) as shown:
        window.actions["arbitrate"].trigger()
    dialog = shown.args[0]
    named = {"en": f"'scans/vol.dcm', B-scan {SHOWN}", "zh_CN": f"'scans/vol.dcm'，B 扫描 {SHOWN}"}[language]
    assert dialog.windowTitle() == {"en": f"Arbitration — {named}", "zh_CN": f"仲裁 — {named}"}[language]
    dialog.choice.button(0).click()
    with qtbot.waitSignal(window.arbitration.message, timeout=10_000) as said:
        dialog.save_button.click()
    assert said.args[0] == {"en": f"{named}: the consensus is Dr Arbiter's decision",
                            "zh_CN": f"{named}：共识结果为 Dr Arbiter 的决定"}[language]
    window.close()


def test_a_reason_told_by_the_first_submitted_grades_is_worded_as_such_in_chinese(chinese) -> None:  # noqa: F811
    from widgets.arbitration_dialog import REASONS

    assert REASONS("DR grade 3 vs 1 as first submitted") == "首次提交时 DR 分级：3 与 1"
    assert REASONS("DR grade 3 vs 1") == "DR 分级：3 与 1"
