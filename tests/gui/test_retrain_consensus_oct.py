"""In double reading the retrain dialog counts the folder's settled consensus before Start; the OCT scans among those
cases are left out of a fundus retrain (inference.training.retrain_modality), so the count says so, as single
reading's count of done cases does. It counted them as cases to learn from."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.document import Modality, ReviewState
from annotations.reading.consensus import settle_agreed
from annotations.reading.readers import open_consensus, open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from app.retrain_controller import RetrainController
from tests.gui.retrain_controllers import controller_with_folder, shut_down
from tests.gui.waits import SUITE_TIMEOUT_MS
from tests.unit.reading_fixtures import case_of, image_folder, read_case

SCANS = (4, 5, 6)  # of the seven images, those both readers took for OCT scans


def both_read(folder: Path, indices: range) -> None:
    """Anna and Ben submit each image alike; the SCANS recorded as OCT scans."""
    for name in ("Anna", "Ben"):
        with open_reader(folder, name) as reader:
            for index in indices:
                read_case(reader, index, grade=1)
                if index in SCANS:
                    doc = reader.load_case(case_of(index))
                    doc.modality, doc.review_state = Modality.OCT, ReviewState.DONE
                    reader.save_case(doc)


def consensus_with_scans(root: Path) -> Path:
    """Seven agreed cases, three of them OCT scans: six stored as the consensus (two scans among them), the seventh
    (a scan) agreed after that, so its reading stands for it until a retrain stores it."""
    folder = image_folder(root, count=7)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    both_read(folder, range(6))
    with open_consensus(folder, "Arb") as consensus:
        assert settle_agreed(consensus, "Arb") == 6
    both_read(folder, range(6, 7))
    return folder


@pytest.fixture
def retrain_dialog(qtbot, tmp_path: Path):  # noqa: ANN201 - yields the controller
    controller = controller_with_folder(consensus_with_scans(tmp_path / "f"), tmp_path / "settings.ini", "Anna")
    qtbot.addWidget(controller.open_dialog())
    yield controller
    shut_down(controller)


def test_the_consensus_count_before_start_leaves_the_oct_scans_out(qtbot, retrain_dialog: RetrainController) -> None:
    dialog = retrain_dialog.open_dialog()
    qtbot.waitUntil(lambda: "case(s) have a settled consensus" in dialog.cases_label.text()
                    and "counting" not in dialog.cases_label.text(), timeout=SUITE_TIMEOUT_MS)
    assert dialog.cases_label.text() == (
        "Double reading: retraining learns from the folder's consensus, not from one reader's labels. 7 case(s) have "
        "a settled consensus (arbitrated, or agreed by both readers); 3 of them are OCT scans, which are left out (the "
        "models retrained here read fundus photos). At least 4 fundus photos are needed.")
    assert dialog.start_button.isEnabled()  # readers may submit more meanwhile: the run checks the minimum
