"""File ▸ Export in the arbiter's window of a double-read folder writes the consensus by the command line's rule
(annotations.reading.consensus_export): a disputed case is left out whatever the store holds of it, and the summary
says so; a reader's window exports the reader's own store.

Set RETINA_REVIEW_SCREENSHOTS=/some/folder to save the export dialogs as PNGs."""
from __future__ import annotations

import os
from pathlib import Path

from annotations.formats import grades_csv
from annotations.reading.consensus import consensus_record, settle_agreed
from annotations.reading.readers import open_consensus, open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from tests.gui.test_domain_messages import chinese  # noqa: F401 - the fixture
from tests.gui.test_double_reading_gui import window_on
from tests.unit.reading_fixtures import case_of, image_folder, read_case


def _stale_consensus(root: Path) -> Path:
    """img0 agreed and stored; img1 agreed and stored (grade 2), then disputed: the store keeps the stale grade;
    img2 agreed since, not stored yet."""
    folder = image_folder(root, count=3, width=160, height=120)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("Dr Arbiter",)))
    for name in ("Anna", "Ben"):
        with open_reader(folder, name) as reader:
            read_case(reader, 0, grade=1)
            read_case(reader, 1, grade=2)
    with open_consensus(folder, "Dr Arbiter") as consensus:
        settle_agreed(consensus, "Dr Arbiter")
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 1, grade=4)
    for name in ("Anna", "Ben"):
        with open_reader(folder, name) as reader:
            read_case(reader, 2, grade=3)
    return folder


def _export_csv(qtbot, window, out: Path) -> str:
    dialog = window.annotation.show_export()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.counted, timeout=10_000)
    for name, box in dialog.format_boxes.items():
        box.setChecked(name == "csv")
    dialog.scope_buttons["all"].setChecked(True)
    dialog.folder_edit.setText(str(out))
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=20_000)
    shots = os.environ.get("RETINA_REVIEW_SCREENSHOTS")
    if shots:
        dialog.grab().save(str(Path(shots) / f"consensus-export-{window.cases.reader}.png"))
    return dialog.summary.toPlainText()


def test_the_arbiters_export_leaves_out_a_disputed_case_and_says_so(qtbot, tmp_path: Path) -> None:
    folder = _stale_consensus(tmp_path / "f")
    window = window_on(qtbot, tmp_path, folder, "Dr Arbiter")
    text = _export_csv(qtbot, window, tmp_path / "out")
    grades = grades_csv.read_grades_csv(tmp_path / "out" / "grades.csv")
    assert {k: v.dr_grade for k, v in grades.items()} == {"img0": 1, "img2": 3}  # not img1's stale grade 2
    assert "left out 1 case(s) whose consensus is not settled: 1 to arbitrate, 0 still with their readers" in text
    assert consensus_record(folder, case_of(2))["method"] == "agreed"  # settled, by the export or the list


def test_the_arbiters_export_says_what_it_left_out_in_chinese(qtbot, chinese, tmp_path: Path) -> None:  # noqa: F811
    window = window_on(qtbot, tmp_path, _stale_consensus(tmp_path / "f"), "Dr Arbiter")
    text = _export_csv(qtbot, window, tmp_path / "out")
    assert "有 1 个病例的共识尚未确定，未予导出：1 个待仲裁，0 个仍在等待阅片者" in text and "left out" not in text


def test_a_readers_export_is_their_own_store(qtbot, tmp_path: Path) -> None:
    folder = _stale_consensus(tmp_path / "f")
    window = window_on(qtbot, tmp_path, folder, "Ben")
    text = _export_csv(qtbot, window, tmp_path / "out")
    grades = grades_csv.read_grades_csv(tmp_path / "out" / "grades.csv")
    assert {k: v.dr_grade for k, v in grades.items()} == {"img0": 1, "img1": 4, "img2": 3}
    assert "left out" not in text
