"""The AI against the consensus (the agreed or arbitrated reading) in double reading, checked against scikit-learn."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotations.reading.readers import open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from inference.agreement import folder_agreement
from tests.unit.reading_fixtures import arbitrated, image_folder, read_case

# image: (Anna's grade, Ben's grade or None: unread, the AI's grade on Anna's reading)
READINGS = {0: (2, 2, 2), 1: (1, 3, 3), 2: (0, 2, 1), 3: (0, 0, 1), 4: (4, 4, 1), 5: (3, None, 3)}
ARBITRATED = (1, 4)  # img1: Dr Wang overrode both readers with grade 4
# settled: img0 agreed 2, img1 arbitrated 4, img3 agreed 0, img4 agreed 4; img2 disputed, img5 read once: none yet
CONSENSUS, AI = [2, 4, 0, 4], [2, 3, 1, 1]


def consensus_folder(root: Path) -> Path:
    """A double-read folder with agreed, arbitrated and unsettled photos (READINGS), the AI on Anna's readings."""
    folder = image_folder(root, count=len(READINGS))
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("Dr Wang",)))
    with open_reader(folder, "Anna") as anna:
        for index, (grade, _, ai) in READINGS.items():
            read_case(anna, index, grade=grade, ai_grade=ai)
    with open_reader(folder, "Ben") as ben:
        for index, (_, grade, _) in READINGS.items():
            if grade is not None:
                read_case(ben, index, grade=grade)
    index, grade = ARBITRATED
    arbitrated(folder, "Dr Wang", index, grade=grade)
    return folder


def test_the_ai_against_the_consensus_matches_scikit_learn(tmp_path: Path) -> None:
    metrics = pytest.importorskip("sklearn.metrics")
    versus = folder_agreement(consensus_folder(tmp_path / "f"))["versus_consensus"]
    grade, referable = versus["grade"], versus["referable"]
    assert versus["without_consensus"] == 2 and grade["cases"] == 4 and referable["cases"] == 4
    labels = list(range(5))
    assert grade["kappa_quadratic"] == pytest.approx(
        metrics.cohen_kappa_score(CONSENSUS, AI, weights="quadratic", labels=labels), abs=1e-4)
    assert grade["exact_agreement"] == pytest.approx(metrics.accuracy_score(CONSENSUS, AI), abs=1e-4)
    assert grade["confusion"] == metrics.confusion_matrix(CONSENSUS, AI, labels=labels).tolist()
    truth, flagged = [g >= 2 for g in CONSENSUS], [g >= 2 for g in AI]
    assert referable["agreement"] == pytest.approx(metrics.accuracy_score(truth, flagged), abs=1e-4)
    assert referable["kappa"] == pytest.approx(metrics.cohen_kappa_score(truth, flagged), abs=1e-4)
    assert referable["sensitivity"] == pytest.approx(metrics.recall_score(truth, flagged), abs=1e-4)
    assert referable["specificity"] == pytest.approx(metrics.recall_score(truth, flagged, pos_label=False), abs=1e-4)


def test_single_reading_has_no_consensus_to_compare(tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=1)
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 0, grade=2, ai_grade=2)
    assert folder_agreement(folder)["versus_consensus"] is None


def test_the_command_prints_the_ai_against_the_consensus_and_draws_its_confusion(tmp_path: Path, capsys) -> None:
    from PIL import Image

    from app.cli import main

    folder = consensus_folder(tmp_path / "f")
    out = tmp_path / "out"
    assert main(["agreement", str(folder), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert ("AI vs consensus as reference: grade kappa 0.312 exact 0.250 (4); referable agreement 0.750 kappa "
            "0.500 sensitivity 0.667 specificity 1.000 (4); 2 photo(s) without a consensus yet") in printed
    assert f"wrote {out / 'grades_consensus_vs_ai.png'}" in printed
    with Image.open(out / "grades_consensus_vs_ai.png") as picture:
        assert picture.size[0] > 200
    report = json.loads((out / "agreement.json").read_text(encoding="utf-8"))
    assert report["versus_consensus"]["grade"]["confusion"][4][3] == 1  # img1: consensus 4, AI 3
