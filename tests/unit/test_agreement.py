"""Agreement figures: kappa, exact agreement, referable, Dice and F1 against hand-computed values."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from annotations.classes import LesionClass
from annotations.document import AIResult, Box, Modality, ReaderGrade, ReviewState
from annotations.reading.readers import open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from annotations.reading.agreement_stats import binary_figures, class_figures, scale_figures
from inference.agreement import folder_agreement
from tests.unit.reading_fixtures import case_of, image_folder, read_case, revised_into_agreement


def test_grade_kappa_equals_the_hand_computed_value() -> None:
    # Confusion of a = [0, 1, 2, 2] and b = [0, 2, 2, 1]: rows a, columns b.
    # Weights (i-j)^2/16; observed disagreement cells (1,2) and (2,1) weigh 1/16 each: sum 2/16 = 0.125.
    # Expected = outer(row sums [1,1,2], column sums [1,1,2]) / 4; weighted sum over cells
    # = (1*1*1 + 1*2*4 + 1*1*1 + 1*2*1 + 2*1*4 + 2*1*1) / 4 / 16 = 22 / 64 = 0.34375.
    # kappa = 1 - 0.125 / 0.34375 = 0.636363...
    figures = scale_figures([0, 1, 2, 2], [0, 2, 2, 1], 5)
    assert figures["kappa_quadratic"] == pytest.approx(1 - 0.125 / 0.34375, abs=1e-4)
    assert figures["exact_agreement"] == 0.5
    assert figures["confusion"][1][2] == 1 and figures["confusion"][2][1] == 1 and figures["cases"] == 4


def test_dme_kappa_equals_the_hand_computed_value(tmp_path: Path) -> None:
    # DME risk (0-2) of a = [0, 1, 2, 0] and b = [0, 2, 2, 1], as two readers' readings of four photos.
    # Weights (i-j)^2/4; observed disagreement cells (0,1) and (1,2) weigh 1/4 each: sum 0.5 (in cases).
    # Row sums of a [2, 1, 1], column sums of b [1, 1, 2]; expected weighted sum
    # = (2*1*1/4 + 2*2*1 + 1*1*1/4 + 1*2*1/4 + 1*1*1 + 1*1*1/4) / 4 = 6.5 / 4 = 1.625.
    # kappa = 1 - 0.5 / 1.625 = 0.692307...
    folder = image_folder(tmp_path / "f", count=5)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    for name, risks in (("Anna", (0, 1, 2, 0, 1)), ("Ben", (0, 2, 2, 1, None))):  # the last: Ben left DME out
        with open_reader(folder, name) as ws:
            for index, risk in enumerate(risks):
                read_case(ws, index, grade=1, dme=risk)
    [pair] = folder_agreement(folder)["pairs"]
    assert pair["cases"] == 5 and pair["dme"]["cases"] == 4
    assert pair["dme"]["kappa_quadratic"] == pytest.approx(1 - 0.5 / 1.625, abs=1e-4)
    assert pair["dme"]["exact_agreement"] == 0.5
    assert pair["dme"]["confusion"] == [[1, 1, 0], [0, 0, 1], [0, 0, 1]]
    metrics = pytest.importorskip("sklearn.metrics")
    assert pair["dme"]["kappa_quadratic"] == pytest.approx(metrics.cohen_kappa_score(
        [0, 1, 2, 0], [0, 2, 2, 1], weights="quadratic", labels=[0, 1, 2]), abs=1e-4)


def test_a_grade_revised_after_submitting_counts_as_first_submitted(tmp_path: Path) -> None:
    """Ben submitted 1, saw Anna's 3 and changed his to 3 (then set the case back to do and submitted it again): the
    DR kappa rose from 0.375 to 0.9 on the revision. The figures compare the independent readings."""
    folder = revised_into_agreement(tmp_path / "f", back_to_do_first=True)
    [pair] = folder_agreement(folder)["pairs"]
    assert pair["grade"]["confusion"][3][1] == 1 and pair["grade"]["exact_agreement"] == 0.0


def test_a_case_marked_done_before_it_was_graded_keeps_no_first_grade(tmp_path: Path) -> None:
    """A slip of D on an ungraded case recorded an empty first grade for good: the case went to the arbiter and
    counted in no figure, though both readers then submitted 2."""
    from annotations.reading.consensus import state_of
    from annotations.reading.disagreement import CaseState

    folder = image_folder(tmp_path / "f", count=1)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 0, grade=None, dme=None)  # marked done, nothing graded
        read_case(anna, 0, grade=2, submit=False)
        read_case(anna, 0, grade=2)
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 0, grade=2)
    assert state_of(folder, case_of(0)) is CaseState.AGREED
    [pair] = folder_agreement(folder)["pairs"]
    assert pair["grade"]["cases"] == 1 and pair["grade"]["exact_agreement"] == 1.0


def test_kappa_matches_scikit_learn() -> None:
    metrics = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(7)
    a = rng.integers(0, 5, 60)
    b = np.clip(a + rng.integers(-1, 2, 60), 0, 4)
    expected = metrics.cohen_kappa_score(a, b, weights="quadratic", labels=list(range(5)))
    assert scale_figures(a.tolist(), b.tolist(), 5)["kappa_quadratic"] == pytest.approx(expected, abs=1e-4)
    yes_a, yes_b = (a >= 2).tolist(), (b >= 2).tolist()
    assert binary_figures(yes_a, yes_b)["kappa"] == pytest.approx(metrics.cohen_kappa_score(yes_a, yes_b), abs=1e-4)
    assert class_figures(a.tolist(), b.tolist(), 5)["kappa"] == pytest.approx(metrics.cohen_kappa_score(a, b), abs=1e-4)


def test_kappa_is_not_defined_when_both_raters_used_one_category_only() -> None:
    """Four photos all graded 2 by both: chance agreement is already total, so kappa is 0/0 (scikit-learn: nan). It
    was reported as 1.000, in model cards, reader agreement and retraining's scores; the agreement stays 1."""
    metrics = pytest.importorskip("sklearn.metrics")
    with pytest.warns(Warning):  # a RuntimeWarning (0/0) or, from 1.6, an UndefinedMetricWarning
        assert np.isnan(metrics.cohen_kappa_score([2] * 4, [2] * 4, weights="quadratic", labels=list(range(5))))
    figures = scale_figures([2] * 4, [2] * 4, 5)
    assert figures["kappa_quadratic"] is None and figures["exact_agreement"] == 1.0 and figures["cases"] == 4
    assert class_figures([1] * 3, [1] * 3, 4)["kappa"] is None
    assert binary_figures([True] * 3, [True] * 3) == {"cases": 3, "agreement": 1.0, "kappa": None}
    # one rater using one category, the other two: defined (0 here), as scikit-learn has it
    assert scale_figures([2] * 4, [2, 2, 3, 3], 5)["kappa_quadratic"] == pytest.approx(metrics.cohen_kappa_score(
        [2] * 4, [2, 2, 3, 3], weights="quadratic", labels=list(range(5))), abs=1e-4)


def test_folder_figures_between_readers_and_against_the_ai(tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=3)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    he = Box(LesionClass.HE, 0, 0, 9, 9)
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 0, grade=2, rows=slice(0, 4), boxes=[he], ai_grade=2)  # EX 4x8 = 32 px
        read_case(anna, 1, grade=0, rows=slice(0, 2), ai_grade=3)  # EX 16 px
        read_case(anna, 2, grade=4, ai_grade=4)
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 0, grade=3, rows=slice(2, 6), boxes=[he, Box(LesionClass.HE, 20, 0, 25, 5)])  # 16 shared
        read_case(ben, 1, grade=0, rows=slice(0, 2))  # the same 16 px
        read_case(ben, 2, grade=4, submit=False)  # not submitted: left out in double reading
    report = folder_agreement(folder)
    [pair] = report["pairs"]
    assert pair["readers"] == ["Anna", "Ben"] and pair["cases"] == 2
    assert pair["grade"]["exact_agreement"] == 0.5
    assert pair["referable"] == {"cases": 2, "agreement": 1.0, "kappa": 1.0}
    # EX pooled over both cases: both 16 + 16, only A 16, only B 16 -> Dice 64 / 96
    assert pair["pixel_dice"]["EX"] == pytest.approx(round(64 / 96, 4))
    assert pair["pixel_dice"]["MA"] is None
    assert pair["box_f1_iou50"]["HE"] == pytest.approx(round(2 / 3, 4))  # 1 match, 0 only A, 1 only B
    anna_ai, ben_ai = report["versus_ai"]
    # Anna vs AI: grades (2,2), (0,3), (4,4); referable truth [T, F, T], AI [T, T, T]
    assert anna_ai["grade"]["cases"] == 3 and anna_ai["grade"]["exact_agreement"] == pytest.approx(0.6667)
    assert anna_ai["referable"] == {"cases": 3, "sensitivity": 1.0, "specificity": 0.0}
    # Ben ran no analysis: the AI comes from Anna's readings of the same cases
    assert ben_ai["grade"]["cases"] == 2 and ben_ai["grade"]["exact_agreement"] == 0.0
    with pytest.raises(ValueError, match="no reader Carl"):
        folder_agreement(folder, ["Anna", "Carl"])


def test_a_confusion_png_labels_each_level_in_full_where_its_cell_has_room() -> None:
    """A cut at a fixed length wrote "DME risk" under both DME risk 1 and 2: a label's last character is drawn too,
    under its column and beside its row."""
    from inference.plots import confusion_png

    def png(last: str) -> bytes:
        return confusion_png(np.eye(3, dtype=int), ("No DR", "Mild NPDR", "Moderate NPD" + last), "t", "rows",
                             "columns")

    assert png("R") != png("X")


def test_agreement_command_prints_and_writes_json_and_grade_and_dme_confusion_pngs(tmp_path: Path, capsys) -> None:
    import json

    from PIL import Image

    from app.cli import main

    folder = image_folder(tmp_path / "f", count=2)
    for name, grades, dme in (("Anna", (2, 0), (0, 2)), ("Ben", (2, 1), (1, 2))):
        with open_reader(folder, name) as ws:
            for index, grade in enumerate(grades):
                read_case(ws, index, grade=grade, dme=dme[index])
    out = tmp_path / "out"
    assert main(["agreement", str(folder), "--readers", "Anna,Ben", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Anna vs Ben (2 case(s) read by both)" in printed and "exact agreement 0.500" in printed
    assert f"wrote {out / 'dme_anna_vs_ben.png'}" in printed
    assert not (out / "oct_anna_vs_ben.png").exists()  # photos only: no empty OCT-class picture
    assert "OCT class" not in printed  # nor an empty OCT-class line
    report = json.loads((out / "agreement.json").read_text(encoding="utf-8"))
    assert report["pairs"][0]["grade"]["confusion"][0][1] == 1 and report["mode"] == "single"
    with Image.open(out / "grades_anna_vs_ben.png") as grades, Image.open(out / "dme_anna_vs_ben.png") as dme:
        assert grades.size[0] > 200
        assert dme.size[1] < grades.size[1]  # three DME risk levels against five grades
    (out / "agreement.json").write_text("kept")  # from another run: replaced only when asked
    assert main(["agreement", str(folder), "--out", str(out)]) == 2
    assert (out / "agreement.json").read_text() == "kept"
    assert main(["agreement", str(folder), "--out", str(out), "--overwrite"]) == 0
    assert main(["agreement", str(folder), "--readers", "Anna,Nobody"]) == 2
    assert "no reader Nobody" in capsys.readouterr().err


@pytest.mark.parametrize("named", ["", "Dr Li"])
def test_the_agreement_command_names_a_single_read_folders_labels_as_the_window_does(
        tmp_path: Path, capsys, named: str) -> None:
    """Single reading with a reader's sidecar beside the folder's labels: these go by the store's default name, "reader
    1", a number no person has; the dialog calls them "the folder's labels" unless the folder named its reader, and so
    does the command line now (it printed "Anna vs reader 1")."""
    from app.cli import main

    folder = image_folder(tmp_path / "f", count=2)
    main_store = named or "reader 1"
    if named:
        save_settings(folder, ReadingSettings(single_reader=named))
    for name in (main_store, "Anna"):
        with open_reader(folder, name) as ws:
            for index in range(2):
                read_case(ws, index, grade=2, ai_grade=2)
    assert main(["agreement", str(folder)]) == 0
    printed = capsys.readouterr().out
    shown = named or "the folder's labels"
    assert f"Anna vs {shown} (2 case(s) read by both)" in printed and f"AI vs {shown} as reference" in printed
    assert "reader 1" not in printed


def test_a_reader_named_reader_1_beside_a_named_single_reader_is_named_as_typed(tmp_path: Path, capsys) -> None:
    """A person whose name is literally "reader 1" (their own sidecar) in a folder that names its single reader: only
    the main store under its default name is "the folder's labels" (it called this reader so, beside "Dr Li" whose
    readings the folder's labels are)."""
    from app.cli import main

    folder = image_folder(tmp_path / "f", count=2)
    save_settings(folder, ReadingSettings(single_reader="Dr Li"))
    for name in ("Dr Li", "reader 1"):
        with open_reader(folder, name) as ws:
            for index in range(2):
                read_case(ws, index, grade=2, ai_grade=2)
    assert folder_agreement(folder)["readers"] == ["Dr Li", "reader 1"]
    assert main(["agreement", str(folder)]) == 0
    printed = capsys.readouterr().out
    assert "Dr Li vs reader 1 (2 case(s) read by both)" in printed and "AI vs reader 1 as reference" in printed
    assert "the folder's labels" not in printed


def test_oct_scans_count_towards_the_oct_class_figures_not_the_dr_grade_ones(tmp_path: Path) -> None:
    from PIL import Image

    from inference.agreement_report import format_text, write_report

    # OCT classes a = [CNV, DME, NORMAL], b = [CNV, DRUSEN, NORMAL]: observed agreement 2/3; each reader's classes
    # once each, shared CNV and NORMAL: chance agreement 2/9; kappa = (2/3 - 2/9) / (1 - 2/9) = 4/7. The photos lie
    # below pytest's folder named after the test, whose "oct" a name that says OCT would take them for B-scans.
    folder = image_folder(tmp_path / "study" / "f", count=4)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    for name, classes, stale_grade in (("Anna", ("CNV", "DME", "NORMAL"), 0), ("Ben", ("CNV", "DRUSEN", "NORMAL"), 4)):
        with open_reader(folder, name) as ws:
            read_case(ws, 3, grade=2, ai_grade=2)  # a photo, graded alike
            for index, oct_class in enumerate(classes):
                doc = ws.load_case(case_of(index))
                doc.modality = Modality.OCT
                doc.grade = ReaderGrade(dr_grade=stale_grade, oct_class=oct_class)  # a grade left from before
                doc.ai = AIResult(dr_grade=stale_grade, grade_source="model")
                doc.review_state = ReviewState.DONE
                ws.save_case(doc)
    report = folder_agreement(folder)
    [pair] = report["pairs"]
    assert pair["cases"] == 4
    assert pair["grade"]["cases"] == 1 and pair["grade"]["exact_agreement"] == 1.0  # the photo alone
    assert pair["referable"]["cases"] == 1 and pair["dme"]["cases"] == 1
    assert pair["oct_class"]["cases"] == 3 and pair["oct_class"]["exact_agreement"] == pytest.approx(0.6667)
    assert pair["oct_class"]["kappa"] == pytest.approx(round(4 / 7, 4))
    assert pair["oct_class"]["confusion"] == [[1, 0, 0, 0], [0, 0, 1, 0], [0, 0, 0, 0], [0, 0, 0, 1]]
    assert [row["grade"]["cases"] for row in report["versus_ai"]] == [1, 1]  # the AI's grade of a scan is not compared
    assert "  OCT class  kappa 0.571  exact agreement 0.667  (3 classed by both)" in format_text(report)
    written = write_report(report, tmp_path / "out").written
    assert [p.name for p in written] == ["agreement.json", "grades_anna_vs_ben.png", "dme_anna_vs_ben.png",
                                         "oct_anna_vs_ben.png", "grades_consensus_vs_ai.png"]
    assert report["versus_consensus"]["grade"]["cases"] == 1  # the photo's: the scans' AI grade is not compared
    with Image.open(written[3]) as oct_picture, Image.open(written[2]) as dme:
        assert oct_picture.size[1] > dme.size[1]  # four classes against three DME risk levels


def test_plots_are_written_in_the_shipped_font_with_row_labels_whole() -> None:
    """Pillow's default font drew a two-pixel space ("DR grade" read "DRgrade", "No DR" "NoDR") and cut "Moderate
    NPDR" in a five-grade matrix; the plots use the shipped DejaVu Sans and make room for the row labels."""
    import io

    from PIL import Image

    from annotations.shipped_fonts import SHIPPED_REGULAR
    from inference.plots import _font, confusion_png

    font = _font()
    assert font.path == str(SHIPPED_REGULAR) and font.getlength(" ") >= 3
    labels = ("No DR", "Mild NPDR", "Moderate NPDR", "Severe NPDR", "PDR")
    png = confusion_png(np.eye(5, dtype=int), labels, "DR grade: Anna vs Ben", "Anna (rows)", "Ben (columns)")
    cell = 480 // 5
    assert Image.open(io.BytesIO(png)).width >= font.getlength("Moderate NPDR") + 16 + 5 * cell + 16


def test_a_confusion_png_draws_chinese_reader_names_not_boxes() -> None:
    """DejaVu Sans has no Chinese: 李医生 and 王医生 were drawn as the same boxes, so a Chinese programme's matrix
    (its file named by hashed reader ids) said neither who the rows were nor who the columns."""
    from inference.plots import confusion_png

    def png(rows: str, columns: str) -> bytes:
        return confusion_png(np.eye(3, dtype=int), ("0", "1", "2"), f"DME risk: {rows} vs {columns}",
                             f"{rows} (rows)", f"{columns} (columns)")

    assert png("李医生", "王医生") != png("王医生", "李医生")


def test_the_pictures_are_worded_by_the_translation_and_name_their_levels_as_given(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`agreement --out` in a Chinese interface drew its pictures' titles, "Anna (rows)", "Ben (columns)" and the grade
    names in English under Chinese figures."""
    from inference import agreement_report
    from tests.unit.test_agreement_console_english import mixed_folder

    drawn = []
    monkeypatch.setattr(agreement_report, "confusion_png", lambda matrix, levels, title, row_title, column_title:
                        drawn.append((list(levels), title, row_title, column_title)) or b"png")
    report = folder_agreement(mixed_folder(tmp_path / "f"))
    agreement_report.write_report(report, tmp_path / "out", lambda context, text: f"<{text}>",
                                  lambda scale, index: f"{scale}{index}")
    grades, dme, oct_classes, consensus = drawn
    assert grades[0] == [f"grade{index}" for index in range(5)] and dme[0] == ["dme0", "dme1", "dme2"]
    assert oct_classes[0] == [f"oct_class{index}" for index in range(4)]
    assert grades[1].startswith("<<DR grade>: Anna vs Ben (kappa ") and oct_classes[1].startswith("<<OCT class>: ")
    assert grades[2:] == ("<Anna (rows)>", "<Ben (columns)>")
    assert consensus[1].startswith("<<DR grade>: <consensus> vs <AI> (kappa ")
    assert consensus[2:] == ("<<consensus> (rows)>", "<<AI> (columns)>")
