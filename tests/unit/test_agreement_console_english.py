"""In English, `agreement` reads line for line as it did before it went through the interface's language
(app.command_words; tests/gui/test_agreement_command_zh.py checks the other side), without Qt: a script that reads
it, and the people who know it, see the same words."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.document import AIResult, Modality, ReaderGrade, ReviewState
from annotations.reading.readers import open_reader
from app.cli import main
from tests.unit.reading_fixtures import case_of, image_folder, read_case
from tests.unit.test_agreement_consensus import consensus_folder


def mixed_folder(root: Path) -> Path:
    """consensus_folder's photos and an OCT scan both readers classed: every kind of line the command prints."""
    folder = consensus_folder(root)
    image_folder(folder, count=7)
    for name, oct_class in (("Anna", "CNV"), ("Ben", "DME")):
        with open_reader(folder, name) as ws:
            doc = ws.load_case(case_of(6))
            doc.modality, doc.grade = Modality.OCT, ReaderGrade(oct_class=oct_class)
            doc.ai, doc.review_state = AIResult(grade_source="model"), ReviewState.DONE
            ws.save_case(doc)
    return folder


def _said(capsys: pytest.CaptureFixture[str], root: Path, *argv: str) -> tuple[int, list[str], list[str]]:
    """The exit status, and the lines on stdout and on stderr (the progress bar's left out), ``root`` written ROOT."""
    code = main(list(argv))
    printed = capsys.readouterr()

    def lines(text: str) -> list[str]:
        return [line.replace(str(root), "ROOT") for line in text.splitlines() if not line.startswith("agreement [")]
    return code, lines(printed.out), lines(printed.err)


def test_agreement_speaks_the_english_it_spoke(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder, out = mixed_folder(tmp_path / "f"), tmp_path / "out"
    code, stdout, stderr = _said(capsys, tmp_path, "agreement", str(folder), "--out", str(out))
    assert (code, stderr) == (0, [])
    assert stdout == [
        "ROOT/f: double reading, 2 reader(s), 7 case(s) with saved readings",
        "Anna vs Ben (6 case(s) read by both)",
        "  DR grade   kappa (quadratic) 0.655  exact agreement 0.600  (5 graded by both)",
        "  ungradable to both readers 0, to one only (the other graded it) 0",
        "  DME risk   kappa (quadratic)   -    exact agreement 1.000  (5 graded by both)",
        "  referable  agreement 0.600  kappa 0.286",
        "  OCT class  kappa 0.000  exact agreement 0.000  (1 classed by both)",
        "  lesions    MA Dice   -   F1   -    HE Dice   -   F1   -    EX Dice 1.000 F1   -    SE Dice   -   F1   -  ",
        "AI vs Anna as reference: grade kappa 0.182 exact 0.333 (6); referable sensitivity 0.667 specificity 0.667 "
        "(6)",
        "  ungradable to both 0, to the reference only (the AI graded it) 0, to the AI only (the reference graded "
        "it) 0",
        "AI vs Ben as reference: grade kappa 0.203 exact 0.400 (5); referable sensitivity 0.500 specificity 1.000 (5)",
        "  ungradable to both 0, to the reference only (the AI graded it) 0, to the AI only (the reference graded "
        "it) 0",
        "AI vs consensus as reference: grade kappa 0.312 exact 0.250 (4); referable agreement 0.750 kappa 0.500 "
        "sensitivity 0.667 specificity 1.000 (4); 2 photo(s) without a consensus yet",
        "  ungradable to both 0, to the reference only (the AI graded it) 0, to the AI only (the reference graded "
        "it) 0",
        "wrote ROOT/out/agreement.json",
        "wrote ROOT/out/grades_anna_vs_ben.png",
        "wrote ROOT/out/dme_anna_vs_ben.png",
        "wrote ROOT/out/oct_anna_vs_ben.png",
        "wrote ROOT/out/grades_consensus_vs_ai.png"]


def test_agreement_refusals_and_warnings_speak_the_english_they_spoke(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder, out = image_folder(tmp_path / "f", count=1), tmp_path / "out"
    with open_reader(folder, "reader 1") as ws:  # single reading: the folder's own labels
        read_case(ws, 0, grade=2, ai_grade=2)
    assert _said(capsys, tmp_path, "agreement", str(tmp_path / "nowhere")) == (
        2, [], ["error: ROOT/nowhere: folder not found"])
    assert _said(capsys, tmp_path, "agreement", str(folder), "--readers", "Anna,Ben") == (
        2, [], ["error: no reader Anna, Ben in this folder (readers: reader 1)"])
    assert _said(capsys, tmp_path, "agreement", str(folder), "--out", str(out))[1] == [
        "ROOT/f: single reading, 1 reader(s), 1 case(s) with saved readings",
        "AI vs the folder's labels as reference: grade kappa   -   exact 1.000 (1); referable sensitivity 1.000 "
        "specificity   -   (1)",
        "  ungradable to both 0, to the reference only (the AI graded it) 0, to the AI only (the reference graded "
        "it) 0",
        "wrote ROOT/out/agreement.json"]
    (out / "agreement.json").write_text("changed by hand")
    assert _said(capsys, tmp_path, "agreement", str(folder), "--out", str(out))[2] == [
        "error: ROOT/out/agreement.json: already exists (1 file(s) in the way, not written by this run); nothing was "
        "written — choose an empty folder or a new file name, or ask to overwrite (--overwrite)"]
    code, stdout, stderr = _said(capsys, tmp_path, "agreement", str(folder), "--out", str(out), "--overwrite")
    assert code == 0 and stdout[-1] == "wrote ROOT/out/agreement.json"
    assert [line.split(" as ")[0] for line in stderr] == [
        "warning: kept 1 file(s) changed since an earlier run wrote them, renamed beside the ones written now, e.g. "
        "agreement.json"]
