"""Analysis > Reader agreement: the figures of `retina-review agreement`, computed off the GUI thread."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QApplication, QLabel, QLayout, QTableWidget

from annotations.document import Modality, ReaderGrade, ReviewState
from annotations.reading.readers import open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from app.main_window import MainWindow
from app.settings import Settings, SettingsValues
from inference.agreement import folder_agreement
from tests.gui.screenshots import keep_screenshot
from tests.gui.test_domain_messages import chinese  # noqa: F401 - fixture
from tests.unit.reading_fixtures import case_of, image_folder, read_case
from widgets.agreement_dialog import AgreementDialog
import widgets.screen_room


@pytest.fixture
def double_read(tmp_path: Path) -> Path:
    folder = image_folder(tmp_path / "f", count=3)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    for name, grades, risks, rows in (("Anna", (2, 0, 4), (0, 1, 0), slice(0, 4)),
                                      ("Ben", (2, 1, 4), (0, 1, 1), slice(2, 6))):
        with open_reader(folder, name) as ws:
            for index, (grade, risk) in enumerate(zip(grades, risks)):
                read_case(ws, index, grade=grade, rows=rows, dme=risk, ai_grade=grade if name == "Anna" else None)
    return folder


def test_dialog_shows_the_report_figures(qtbot, double_read: Path) -> None:
    dialog = AgreementDialog(folder_agreement(double_read))
    qtbot.addWidget(dialog)
    dialog.show()
    [pair] = dialog.columns(dialog.pairs)
    # grades (2,2), (0,1), (4,4): weighted disagreement 1/16 observed, 39/16/3 expected: kappa 1 - 0.0625/0.8125
    assert pair[:4] == ["Anna\N{NO-BREAK SPACE}/\nBen", "3", "0.923", "0.667"]
    # DME risks (0,0), (1,1), (0,1): weighted disagreement 0.25 observed, 1.25/3 expected: kappa 1 - 0.6
    assert pair[4:6] == ["0", "0"]  # no photo ungradable to either reader
    assert pair[6:8] == ["0.400", "0.667"]
    assert pair[8] == "1.000" and pair[10:12] == ["–", "–"]  # referable agree; no OCT scan: no OCT class figures
    assert dialog.columns(dialog.lesions)[0] == ["Dice", "–", "–", "0.500", "–"]  # EX 16/32 on each case
    assert [column[0] for column in dialog.columns(dialog.versus_ai)] == ["Anna", "Ben"]
    confusion = dialog.cell_texts(dialog.confusion)
    assert confusion[2][2] == "1" and confusion[0][1] == "1" and confusion[4][4] == "1"
    dialog.scale_choice.setCurrentIndex(dialog.scale_choice.findData("dme"))  # Anna's DME risks in rows
    assert dialog.cell_texts(dialog.confusion) == [["1", "1", "0"], ["0", "1", "0"], ["0", "0", "0"]]
    assert dialog.confusion.verticalHeaderItem(2).text() == "DME risk 2"
    keep_screenshot(dialog, "agreement-dialog.png")


def test_a_kappa_of_readers_who_used_one_grade_only_is_shown_not_defined(qtbot, tmp_path: Path) -> None:
    """Both readers graded every photo 2 (the AI too): kappa is 0/0, not 1.000 as it was shown; exact agreement 1."""
    folder = image_folder(tmp_path / "f", count=3)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    for name in ("Anna", "Ben"):
        with open_reader(folder, name) as ws:
            for index in range(3):
                read_case(ws, index, grade=2, ai_grade=2 if name == "Anna" else None)
    dialog = AgreementDialog(folder_agreement(folder))
    qtbot.addWidget(dialog)
    dialog.show()
    [pair] = dialog.columns(dialog.pairs)
    assert pair[2:4] == ["–", "1.000"] and pair[8:10] == ["1.000", "–"]  # grade, referable: kappa not defined
    assert "Not defined" in dialog.pairs.item(1, 0).toolTip() and not dialog.pairs.item(9, 0).toolTip()  # no OCT
    assert dialog.columns(dialog.versus_ai)[0][2:4] == ["–", "1.000"]
    keep_screenshot(dialog, "agreement-dialog-kappa-not-defined.png")


def test_oct_class_figures_and_confusion_are_shown_apart_from_the_dr_grade(qtbot, tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=2)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    for name, classes in (("Anna", ("CNV", "DME")), ("Ben", ("CNV", "DRUSEN"))):
        with open_reader(folder, name) as ws:
            for index, oct_class in enumerate(classes):
                doc = ws.load_case(case_of(index))
                doc.modality, doc.grade = Modality.OCT, ReaderGrade(dr_grade=2, oct_class=oct_class)
                doc.review_state = ReviewState.DONE
                ws.save_case(doc)
    dialog = AgreementDialog(folder_agreement(folder))
    qtbot.addWidget(dialog)
    [pair] = dialog.columns(dialog.pairs)
    assert pair[2:4] == ["–", "–"] and pair[10:12] == ["0.333", "0.500"]  # no DR grades; OCT kappa (1/2-1/4)/(3/4)
    dialog.scale_choice.setCurrentIndex(dialog.scale_choice.findData("oct_class"))
    assert dialog.confusion.verticalHeaderItem(2).text() == "DRUSEN"
    assert dialog.cell_texts(dialog.confusion)[1] == ["0", "0", "1", "0"]  # Anna's DME, Ben's DRUSEN


def test_window_action_opens_the_dialog_for_the_open_folder(qtbot, double_read: Path, tmp_path: Path) -> None:
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(analyze_on_open=False, autosave_s=60, reader="tester"))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.actions["agreement"].trigger()  # no folder yet: a message, no dialog
    assert window.agreement.dialog is None
    assert window.open_paths([double_read])
    window.cases.flush()  # the folder's store is opened on the storage worker
    with qtbot.waitSignal(window.agreement.dialog_shown, timeout=10_000) as shown:
        window.actions["agreement"].trigger()
    dialog = shown.args[0]
    assert dialog.columns(dialog.pairs)[0][0] == "Anna\N{NO-BREAK SPACE}/\nBen"
    dialog.close()


def test_the_ai_against_the_consensus_is_shown_as_the_readers_rows_are(qtbot, tmp_path: Path) -> None:
    """Double reading: the AI against the agreed or arbitrated grade, the reference a programme tracks for its AI;
    the photos with no consensus yet are left out and counted."""
    from tests.unit.test_agreement_consensus import consensus_folder

    dialog = AgreementDialog(folder_agreement(consensus_folder(tmp_path / "f")))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.versus_consensus is not None and dialog.versus_consensus.isVisible()
    # figures checked against scikit-learn in tests/unit/test_agreement_consensus.py
    assert dialog.columns(dialog.versus_consensus) == [
        ["4", "0.312", "0.250", "0", "0", "0", "4", "0.750", "0.500", "0.667", "1.000", "2"]]
    header = dialog.versus_consensus.verticalHeaderItem
    assert [header(c).text() for c in (7, 8, 11)] == ["AI referable agreement", "AI referable κ", "No consensus yet"]
    keep_screenshot(dialog, "agreement-dialog-consensus.png")


def test_a_folder_read_by_one_reader_names_its_labels_and_shows_no_empty_pair_tables(qtbot, tmp_path: Path) -> None:
    """Single reading: the store's default name "reader 1" is no person; there is no pair to compare."""
    folder = image_folder(tmp_path / "f", count=2)
    with open_reader(folder, "reader 1") as ws:  # the folder's own labels, as the window saves them
        for index in range(2):
            read_case(ws, index, grade=2, ai_grade=2)
    dialog = AgreementDialog(folder_agreement(folder))
    qtbot.addWidget(dialog)
    dialog.show()
    assert [column[0] for column in dialog.columns(dialog.versus_ai)] == ["the folder's labels"]
    assert not any("reader 1" in label.text() for label in dialog.findChildren(QLabel))
    assert dialog.one_reader is not None and dialog.one_reader.isVisible()
    assert not dialog.pairs.isVisible() and not dialog.confusion.isVisible() and not dialog.pair_choice.isVisible()
    assert not dialog.lesions.isVisible()
    assert dialog.versus_consensus is None  # single reading: its labels are a reader's, no consensus
    save_settings(folder, ReadingSettings(single_reader="Dr Li"))  # a folder that names its reader
    named = AgreementDialog(folder_agreement(folder))
    qtbot.addWidget(named)
    assert [column[0] for column in named.columns(named.versus_ai)] == ["Dr Li"]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_reader_named_reader_1_beside_a_named_single_reader_keeps_the_name(qtbot, tmp_path: Path, request,
                                                                             language: str) -> None:
    """Only the folder's unnamed store is "the folder's labels": a person named "reader 1" beside Dr Li, whose
    readings the folder's labels are, keeps their name (it was called the folder's labels)."""
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    folder = image_folder(tmp_path / "f", count=2)
    save_settings(folder, ReadingSettings(single_reader="Dr Li"))
    for name, grade in (("Dr Li", 2), ("reader 1", 3)):
        with open_reader(folder, name) as ws:
            for index in range(2):
                read_case(ws, index, grade=grade, ai_grade=2)
    dialog = AgreementDialog(folder_agreement(folder))
    qtbot.addWidget(dialog)
    dialog.show()
    assert [column[0] for column in dialog.columns(dialog.versus_ai)] == ["Dr Li", "reader 1"]
    assert dialog.columns(dialog.pairs)[0][0] == "Dr Li\N{NO-BREAK SPACE}/\nreader 1"
    keep_screenshot(dialog, f"agreement-reader-1-{language}.png")


def test_a_readers_window_counts_only_the_cases_that_reader_submitted(qtbot, tmp_path: Path) -> None:
    """Blind reading: mid-way, a reader read the others' figures over cases still to read."""
    folder = image_folder(tmp_path / "f", count=3)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    for name, read in (("Anna", (0, 1)), ("Ben", (0, 1, 2))):
        with open_reader(folder, name) as ws:
            for index in read:
                read_case(ws, index, grade=index, ai_grade=index)
    assert folder_agreement(folder)["cases"] == 3
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(analyze_on_open=False, reader="Anna"))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_paths([folder])
    window.cases.flush()
    with qtbot.waitSignal(window.agreement.dialog_shown, timeout=10_000) as shown:
        window.actions["agreement"].trigger()
    dialog = shown.args[0]
    assert dialog.report["cases"] == 2 and dialog.report["seen_by"] == "Anna"
    assert "Only the cases Anna submitted count" in " ".join(label.text() for label in dialog.findChildren(QLabel))
    dialog.close()


def test_the_photos_ungradable_to_a_side_are_counted_beside_the_grade_figures_that_leave_them_out(
        qtbot, tmp_path: Path) -> None:
    """As `agreement` prints them: between the readers, and between each reference and the AI's quality check."""
    from tests.unit.test_agreement_ai_ungradable import CASES, _read

    folder = image_folder(tmp_path / "f", count=len(CASES))
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    _read(folder, "Anna", with_ai=True)
    _read(folder, "Ben", with_ai=False)
    dialog = AgreementDialog(folder_agreement(folder))
    qtbot.addWidget(dialog)
    dialog.show()

    def names(table, rows: range) -> list[str]:
        return [table.verticalHeaderItem(row).text() for row in rows]

    assert names(dialog.pairs, range(3, 5)) == ["Ungradable to both", "Ungradable to one"]
    assert dialog.columns(dialog.pairs)[0][2:6] == ["1.000", "1.000", "2", "0"]  # img1, img2 ungradable to both
    assert names(dialog.versus_ai, range(3, 6)) == [
        "Ungradable to both", "Ungradable to the reader only", "Ungradable to the AI only"]
    assert dialog.columns(dialog.versus_ai)[0][:7] == ["Anna", "1", "0.000", "0.000", "1", "1", "1"]
    assert names(dialog.versus_consensus, range(3, 6)) == [
        "Ungradable to both", "Ungradable to the consensus only", "Ungradable to the AI only"]
    assert dialog.columns(dialog.versus_consensus)[0][:6] == ["1", "0.000", "0.000", "1", "1", "1"]
    keep_screenshot(dialog, "agreement-dialog-gradability.png")


def readers_folder(root: Path, names: tuple[str, ...]) -> Path:
    """Double reading of three photos by each of ``names`` (up to four), the AI agreeing with each."""
    folder = image_folder(root, count=3)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    for name, grades in zip(names, ((2, 0, 4), (2, 1, 4), (1, 1, 4), (2, 2, 3))):
        with open_reader(folder, name) as ws:
            for index, grade in enumerate(grades):
                read_case(ws, index, grade=grade, rows=slice(0, 4), ai_grade=grade)
    return folder


def _tables_scrolled(dialog: AgreementDialog) -> list[QTableWidget]:
    """The tables of figures shown that scroll either way: none should, the dialog's scroll area scrolls them all."""
    return [table for table in dialog.findChildren(QTableWidget) if table.isVisible()
            and (table.horizontalScrollBar().isVisible() or table.verticalScrollBar().isVisible())]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("readers", ["two", "three"])
def test_at_its_width_no_table_of_figures_scrolls_sideways(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           request, language: str, readers: str) -> None:
    """One row per pair held some twenty columns, scrolled sideways at the dialog's 1100 px: each figure is now a row,
    each pair or reader a column, the chosen pair's lesion figures beside its confusion. Three readers' pairs' table
    beside those was squeezed to some 450 px, scrolled both ways, its third pair and last rows hidden, the lower half
    of the dialog empty: the pairs' tables now stand over the AI's beside them, each table as big as its figures."""
    from tests.unit.test_agreement_consensus import consensus_folder

    if language == "zh_CN":
        request.getfixturevalue("chinese")
    monkeypatch.setattr(widgets.screen_room, "free_room", lambda _widget: QRect(0, 0, 1366, 728))  # a laptop's
    folder = (consensus_folder(tmp_path / "f") if readers == "two"
              else readers_folder(tmp_path / "f", ("Anna", "Ben", "Dr Christine Long-Name")))
    dialog = AgreementDialog(folder_agreement(folder))
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()  # the layout, and the scroll bars it leaves
    assert dialog.size().toTuple() == (1100, 640)
    assert _tables_scrolled(dialog) == []
    scroll = dialog.findChild(widgets.screen_room.VerticalScrollArea)
    assert not scroll.verticalScrollBar().isVisible()  # each figure in sight
    tables = [table for table in dialog.findChildren(QTableWidget) if table.isVisible()]
    assert len(tables) == 5  # the pairs', the readers' and the consensus's figures, the lesions, the confusion
    assert dialog.pairs.columnCount() == (1 if readers == "two" else 3)
    keep_screenshot(dialog, f"agreement-dialog-1100-{readers}-{language}.png")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_on_a_short_screen_four_readers_figures_scroll_up_and_down_only(qtbot, tmp_path: Path, request,
                                                                        monkeypatch: pytest.MonkeyPatch,
                                                                        language: str) -> None:
    """Each table shrank to 90 px and scrolled on its own both ways: the dialog's area now scrolls them up and down,
    the six pairs of four readers' names (each a line in the pairs' titles) within the dialog's width."""
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    monkeypatch.setattr(widgets.screen_room, "free_room", lambda _widget: QRect(0, 0, 1366, 560))
    names = ("Dr Annabel Whitford", "Dr Benedict Longfel", "Dr Christine Long", "Dr Dorothea Feather")
    dialog = AgreementDialog(folder_agreement(readers_folder(tmp_path / "f", names)))
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    assert dialog.width() == 1100 and dialog.height() <= 560
    assert dialog.pairs.columnCount() == 6 and _tables_scrolled(dialog) == []
    assert dialog.findChild(widgets.screen_room.VerticalScrollArea).verticalScrollBar().isVisible()
    keep_screenshot(dialog, f"agreement-dialog-four-readers-{language}.png")


def _title(dialog: AgreementDialog, table: QTableWidget) -> QLabel:
    """The title widgets.agreement_layout.column set over ``table``."""
    def boxes(box: QLayout) -> Iterator[QLayout]:
        yield box
        for index in range(box.count()):
            if (inner := box.itemAt(index).layout()) is not None:
                yield from boxes(inner)

    [column] = [box for box in boxes(dialog.scroll.widget().layout()) if box.indexOf(table) >= 0]
    return column.itemAt(0).widget()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_each_pair_and_scale_chosen_is_set_out_anew(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request,
                                                    language: str) -> None:
    """The tables were set out once, for the first pair and the DR grade: Anna and Ben marked no exudate, so a pair
    with Dr Long-Name's (Dice 0.000, not "–") had a wider lesions' table under a title still wrapped to the old width;
    a few pixels more and the dialog grew past its width."""
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    monkeypatch.setattr(widgets.screen_room, "free_room", lambda _widget: QRect(0, 0, 1366, 728))
    folder = image_folder(tmp_path / "f", count=3)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    for name, grades, rows in (("Anna", (2, 0, 4), slice(0, 0)), ("Ben", (2, 1, 4), slice(0, 0)),
                               ("Dr Christine Long-Name", (1, 1, 4), slice(0, 4))):
        with open_reader(folder, name) as ws:
            for index, grade in enumerate(grades):
                read_case(ws, index, grade=grade, rows=rows, ai_grade=grade)
    dialog = AgreementDialog(folder_agreement(folder))
    qtbot.addWidget(dialog)
    dialog.show()
    for pair in range(3):
        for scale in range(3):
            dialog.pair_choice.setCurrentIndex(pair)
            dialog.scale_choice.setCurrentIndex(scale)
            QApplication.processEvents()
            assert dialog.width() == 1100 and _tables_scrolled(dialog) == []
            assert [_title(dialog, table).width() for table in (dialog.lesions, dialog.confusion)] == [
                dialog.lesions.width(), dialog.confusion.width()]
    assert dialog.cell_texts(dialog.lesions)[2][0] == "0.000"  # the last pair's EX: wider than the first's "–"


LONG_NAMES = ("Dr. Wilhelmina Abernathy-Castellanos", "主任医师 欧阳明月（眼底病科）", "Prof. Bartholomew Featherstonehaugh",
              "Dr. Anastasia Konstantinopoulou-Smith")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("room", [QRect(0, 0, 1366, 728), QRect(0, 0, 1093, 574)], ids=["laptop", "scaled-laptop"])
def test_four_readers_with_long_names_see_each_pairs_figures_without_scrolling_sideways(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request, language: str, room: QRect) -> None:
    """Names longer than some 19 characters, a reader a line, made four readers' pairs' table wider than the dialog:
    it scrolled sideways, the last pairs' kappas out of sight (the readers' table against the AI too). Each name now
    wraps within its column's share of the width, the whole pair the column's tooltip."""
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    monkeypatch.setattr(widgets.screen_room, "free_room", lambda _widget: room)
    report = folder_agreement(readers_folder(tmp_path / "f", LONG_NAMES))
    dialog = AgreementDialog(report)
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    assert dialog.width() == widgets.screen_room.opening_size(dialog, QSize(1100, 640)).width()
    assert _tables_scrolled(dialog) == []
    for table in (dialog.pairs, dialog.versus_ai):
        header = table.horizontalHeader()
        for column in range(table.columnCount()):
            cell = table.visualRect(table.model().index(1, column))  # a kappa
            assert table.viewport().rect().contains(cell), (table.horizontalHeaderItem(column).toolTip(), cell)
            assert table.columnWidth(column) >= header.sectionSizeFromContents(column).width()  # its title whole
    assert [dialog.pairs.horizontalHeaderItem(c).toolTip() for c in range(6)] == [
        "\N{NO-BREAK SPACE}/\n".join(pair["readers"]) for pair in report["pairs"]]
    keep_screenshot(dialog, f"agreement-dialog-long-names-{room.width()}-{language}.png")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_pair_chosen_for_the_confusion_names_both_readers_alike(qtbot, tmp_path: Path, request,
                                                                     language: str) -> None:
    """The Chinese pair chooser said 张伟（行）对 王芳（列）: a space before the second name only. Each name now
    stands after its role (rows, columns) in the same way, with no space where the language sets none."""
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    folder = image_folder(tmp_path / "f", count=2)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    for name in ("张伟", "王芳"):
        with open_reader(folder, name) as ws:
            for index in range(2):
                read_case(ws, index, grade=2)
    dialog = AgreementDialog(folder_agreement(folder))
    qtbot.addWidget(dialog)
    title = dialog.pair_choice.itemText(0)
    before_first, rest = title.split("张伟")
    between, after_second = rest.split("王芳")
    assert before_first[-1:] == between[-1:], title  # the same mark before each name
    if language == "zh_CN":
        assert " " not in title, title  # full-width marks carry their own room
