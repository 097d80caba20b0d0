"""File ▸ Export in the arbiter's window of a double-read folder writes the consensus by the command line's rule
(annotations.reading.consensus_export): a disputed case is left out whatever the store holds of it, and the summary
says so; a reader's window exports the reader's own store.

Set RETINA_REVIEW_SCREENSHOTS=/some/folder to save the export dialogs as PNGs."""
from __future__ import annotations

from pathlib import Path

from annotations.formats import grades_csv
from annotations.reading import consensus_export
from annotations.reading.consensus import consensus_record
from annotations.reading.readers import open_consensus, open_reader
from tests.gui.screenshots import keep_screenshot
from tests.gui.test_domain_messages import chinese  # noqa: F401 - the fixture
from tests.gui.test_double_reading_gui import window_on
from tests.unit.reading_fixtures import case_of, read_case, stale_and_unstored_agreements


def _folder(tmp_path: Path) -> Path:
    """stale_and_unstored_agreements, on photos the window's canvas shows."""
    return stale_and_unstored_agreements(tmp_path / "f", width=160, height=120)


def _counted_export(qtbot, window):  # noqa: ANN202 - the ExportDialog, its scopes counted
    dialog = window.annotation.show_export()
    qtbot.waitUntil(lambda: dialog.counted, timeout=10_000)
    return dialog


def _export(qtbot, dialog, out: Path, scope: str = "all", formats: tuple[str, ...] = ("csv",)) -> str:
    for name, box in dialog.format_boxes.items():
        box.setChecked(name in formats)
    dialog.scope_buttons[scope].setChecked(True)
    dialog.folder_edit.setText(str(out))
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=20_000)
    return dialog.summary.toPlainText()


def _shoot(dialog, name: str) -> None:
    keep_screenshot(dialog, f"consensus-export-{name}.png")


def _export_csv(qtbot, window, out: Path) -> str:
    dialog = _counted_export(qtbot, window)
    text = _export(qtbot, dialog, out)
    _shoot(dialog, window.cases.reader)
    return text


def _grades(csv_folder: Path) -> dict[str, int | None]:
    return {k: v.dr_grade for k, v in grades_csv.read_grades_csv(csv_folder / "grades.csv").items()}


def test_the_arbiters_export_leaves_out_a_disputed_case_and_says_so(qtbot, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    window = window_on(qtbot, tmp_path, folder, "Dr Arbiter")
    text = _export_csv(qtbot, window, tmp_path / "out")
    grades = grades_csv.read_grades_csv(tmp_path / "out" / "grades.csv")
    assert {k: v.dr_grade for k, v in grades.items()} == {"img0": 1, "img2": 3}  # not img1's stale grade 2
    assert "left out 1 case(s) whose consensus is not settled: 1 to arbitrate, 0 still with their readers" in text
    assert consensus_record(folder, case_of(2))["method"] == "agreed"  # settled, by the export or the list


def test_the_arbiters_export_says_what_it_left_out_in_chinese(qtbot, chinese, tmp_path: Path) -> None:  # noqa: F811
    window = window_on(qtbot, tmp_path, _folder(tmp_path), "Dr Arbiter")
    text = _export_csv(qtbot, window, tmp_path / "out")
    assert "有 1 个病例的共识尚未确定，未予导出：1 个待仲裁，0 个仍在等待阅片者" in text and "left out" not in text


def test_a_readers_export_is_their_own_store(qtbot, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    window = window_on(qtbot, tmp_path, folder, "Ben")
    text = _export_csv(qtbot, window, tmp_path / "out")
    grades = grades_csv.read_grades_csv(tmp_path / "out" / "grades.csv")
    assert {k: v.dr_grade for k, v in grades.items()} == {"img0": 1, "img1": 4, "img2": 3}
    assert "left out" not in text


def test_the_arbiters_done_cases_are_the_settled_consensus_with_the_store_open_elsewhere(qtbot, tmp_path: Path
                                                                                          ) -> None:
    """The store's DONE column would say img0 and the disputed img1, and miss img2, agreed and not stored: the
    count and the export follow the consensus rule instead."""
    folder = _folder(tmp_path)
    with open_consensus(folder, "Other machine"):
        window = window_on(qtbot, tmp_path, folder, "Dr Arbiter")
        assert window.cases.workspace.read_only
        dialog = _counted_export(qtbot, window)
        assert dialog.scope_buttons["done"].text() == "&Done cases only (2)"
        text = _export(qtbot, dialog, tmp_path / "out", scope="done")
        _shoot(dialog, "done-read-only")
    assert _grades(tmp_path / "out") == {"img0": 1, "img2": 3}
    assert "left out" not in text and "from the readers' agreeing reading" in text


def test_the_arbiters_done_cases_leave_out_a_disputed_case_marked_done_in_the_store(qtbot, tmp_path: Path) -> None:
    window = window_on(qtbot, tmp_path, _folder(tmp_path), "Dr Arbiter")
    dialog = _counted_export(qtbot, window)
    assert dialog._scopes["done"] == [case_of(0), case_of(2)]  # img2 settled first; img1 is to arbitrate
    text = _export(qtbot, dialog, tmp_path / "out", scope="done")
    assert _grades(tmp_path / "out") == {"img0": 1, "img2": 3} and "left out" not in text


def test_a_readers_done_cases_are_those_they_marked_done(qtbot, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 0, grade=1, submit=False)
    dialog = _counted_export(qtbot, window_on(qtbot, tmp_path, folder, "Ben"))
    assert dialog._scopes["done"] == [case_of(1), case_of(2)]


def test_one_export_of_several_formats_sorts_the_consensus_out_once(qtbot, tmp_path: Path, monkeypatch) -> None:
    window = window_on(qtbot, tmp_path, _folder(tmp_path), "Dr Arbiter")
    dialog = _counted_export(qtbot, window)
    sorted_out: list[Path] = []
    sort_out = consensus_export.consensus_scope
    monkeypatch.setattr(consensus_export, "consensus_scope", lambda folder, *args: sorted_out.append(folder)
                        or sort_out(folder, *args))
    text = _export(qtbot, dialog, tmp_path / "out", formats=("csv", "coco", "masks"))
    assert len(sorted_out) == 1
    assert text.count("left out 1 case(s)") == 1  # every format left it out: said once (transfer_texts)
    text = _export(qtbot, dialog, tmp_path / "again", formats=("csv", "coco"))
    assert len(sorted_out) == 2  # each export sorts out the consensus as it is then


def test_the_arbiters_export_fills_the_bar_once_the_sorting_out_its_first_share(qtbot, tmp_path: Path) -> None:
    """Sorting out the consensus (the agreed cases stored, then compared: a pass over the cases each) and each format
    (another) each take a third of one run of the bar: it never goes back to 0 % between them."""
    window = window_on(qtbot, tmp_path, _folder(tmp_path), "Dr Arbiter")
    dialog = _counted_export(qtbot, window)
    values: list[int] = []
    dialog.progress.valueChanged.connect(values.append)
    _export(qtbot, dialog, tmp_path / "out", formats=("csv", "voc"))
    assert values == sorted(values) and values[-1] == dialog.progress.maximum()
    # the settling's last case (it ran as the dialog opened), its 3 cases compared, then the first format from a third
    assert values[:6] == [0, 111, 167, 222, 278, 333]
