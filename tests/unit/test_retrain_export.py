"""The export a retrain learns from (inference.training.retrain_export): fundus photos only, whatever the task (an
OCT scan marked done was exported with the photos, its empty masks and grade teaching a fundus model); a refusal,
before anything is exported, when the photos hold nothing of the task, in double reading too; and the cases whose
lesions are boxed only, said, and exported so that training reads their boxes as rough masks."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.classes import LesionClass
from annotations.document import Modality, ReaderGrade, ReviewState
from annotations.formats import dataset
from annotations.progress import CallbackState, Cancelled, NullState
from annotations.reading.readers import open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from annotations.workspace import Workspace
from annotations.workspace.transfer import export_labels
from inference.dataset import load_index
from inference.training.retrain_export import Exported, export_for_retrain
from inference.training.retrain_modality import fundus_count
from inference.training.retrain_results import RetrainRefusal, RetrainRequest
from tests.unit.reading_fixtures import image_folder, read_case
from tests.unit.test_training_fixtures import boxes_from_bits, lesion_image

OCT_LEFT_OUT = ("2 OCT scan(s) were left out: the models retrained here read fundus photos and must not learn from "
                "OCT scans")


def mixed_folder(folder: Path, photos: int = 4, graded: bool = True, boxed_only: int = 0, half_boxed: int = 0
                 ) -> Workspace:
    """``photos`` fundus photos with lesions painted (the first ``boxed_only`` boxed instead, the next ``half_boxed``
    with HE painted and EX boxed) and two OCT scans (recorded as OCT, as Analyse all records them), every case
    graded (``graded``) and marked done."""
    folder.mkdir()
    for i in range(photos):
        Image.fromarray(lesion_image(i)[0]).save(folder / f"photo{i}.png")
    for i in range(2):
        Image.fromarray(np.random.default_rng(i).integers(0, 255, (64, 256, 3), np.uint8)).save(folder / f"scan{i}.png")
    workspace = Workspace.open(folder)
    for summary in workspace.cases():
        case = workspace.load_case(summary.case_id)
        if summary.image_path.startswith("photo"):
            index = int(summary.image_path[len("photo")])
            bits = lesion_image(index)[1]
            if index < boxed_only:
                case.boxes = boxes_from_bits(bits)
            elif index < boxed_only + half_boxed:
                case.mask = bits & np.uint8(LesionClass.HE.bit)
                case.boxes = [box for box in boxes_from_bits(bits) if box.label is LesionClass.EX]
            else:
                case.mask = bits
        else:
            case.modality = Modality.OCT
        case.grade = ReaderGrade(dr_grade=2 if graded else None)
        case.review_state = ReviewState.DONE
        workspace.save_case(case)
    return workspace


def export(workspace: Workspace, task: str, work: Path) -> Exported | RetrainRefusal:
    done = [summary.case_id for summary in workspace.cases() if summary.review_state is ReviewState.DONE]
    return export_for_retrain(RetrainRequest(workspace, done, task, work), NullState())


def exported_for_lesions_and_grades(workspace: Workspace, work: Path) -> tuple[Exported, Exported]:
    """The lesion and the DR grade retrain's exports of ``workspace`` (closed after), each made."""
    try:
        exported, graded = export(workspace, "seg", work / "seg"), export(workspace, "grade", work / "grade")
    finally:
        workspace.close()
    assert isinstance(exported, Exported) and isinstance(graded, Exported)
    return exported, graded


@pytest.mark.parametrize("task", ["seg", "grade", "referable"])
def test_a_fundus_retrain_leaves_the_oct_scans_out_and_says_how_many(tmp_path: Path, task: str) -> None:
    workspace = mixed_folder(tmp_path / "mixed")
    try:
        exported = export(workspace, task, tmp_path / "work")
    finally:
        workspace.close()
    assert isinstance(exported, Exported), exported
    assert sorted(path.name for path in (exported.data / "images").iterdir()) == [f"photo{i}.png" for i in range(4)]
    assert "scan0" not in (exported.data / "grades.csv").read_text()
    assert OCT_LEFT_OUT in exported.notes


def test_nothing_to_learn_counts_only_the_fundus_photos(tmp_path: Path) -> None:
    workspace = mixed_folder(tmp_path / "mixed", graded=False)
    try:
        refused = export(workspace, "grade", tmp_path / "work")
    finally:
        workspace.close()
    assert refused == RetrainRefusal(
        "None of the 4 case(s) marked done has a DR grade, which the DR grade and referable DR learn from (an OCT scan "
        "has none); record the grades of the cases you reviewed, then start again", [OCT_LEFT_OUT])
    assert not (tmp_path / "work" / "data").exists()


def test_too_few_fundus_photos_among_the_cases_marked_done_are_refused(tmp_path: Path) -> None:
    workspace = mixed_folder(tmp_path / "mixed", photos=3)
    try:
        refused = export(workspace, "seg", tmp_path / "work")
    finally:
        workspace.close()
    assert refused == RetrainRefusal("only 3 of the cases to learn from are fundus photos; retraining needs at least 4",
                                     [OCT_LEFT_OUT])


def test_a_double_read_consensus_with_nothing_of_the_task_is_refused_before_the_export(tmp_path: Path) -> None:
    """The consensus store's index says what the settled cases hold: no export, no training process to refuse."""
    folder = image_folder(tmp_path / "double", count=4)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    for name in ("Anna", "Ben"):
        with open_reader(folder, name) as reader:
            for index in range(4):
                read_case(reader, index, grade=None)  # an EX patch, no grade: both agree
    with open_reader(folder, "Anna") as anna:
        refused = export_for_retrain(RetrainRequest(anna, [], "grade", tmp_path / "work"), NullState())
        painted = export_for_retrain(RetrainRequest(anna, [], "seg", tmp_path / "work-seg"), NullState())
    assert refused == RetrainRefusal("None of the 4 case(s) with a settled consensus has a DR grade, which the DR "
                                     "grade and referable DR learn from; record the grades, then start again")
    assert not (tmp_path / "work" / "data").exists()
    assert isinstance(painted, Exported), painted


def test_cases_with_lesions_boxed_but_not_painted_are_said_and_train_on_their_boxes(tmp_path: Path) -> None:
    """photo0 and photo1 boxed only, photo2 with HE painted and EX boxed: three cases learn a class from boxes."""
    workspace = mixed_folder(tmp_path / "mixed", photos=6, boxed_only=2, half_boxed=1)
    exported, graded = exported_for_lesions_and_grades(workspace, tmp_path / "work")
    assert ("3 of the 6 case(s) have lesions boxed but not painted: those classes learned from their boxes as rough "
            "masks (a lesion somewhere inside each box, none outside)") in exported.notes
    assert not any("boxed but not painted" in note for note in graded.notes)  # a grade learns from no box
    samples = load_index(exported.data, None, None, 0).samples
    boxed = {LesionClass.HE, LesionClass.EX}  # no mask says "none" of a boxed class: its boxes label it
    assert {name: boxed & set(sample.mask_files) for name, sample in samples.items()} == {
        "photo0": set(), "photo1": set(), "photo2": {LesionClass.HE}, "photo3": boxed, "photo4": boxed,
        "photo5": boxed}


def test_an_export_decides_once_a_case_which_classes_its_boxes_alone_label(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The masks written and the notes' count come from one reading of the rule (a 12 MP mask scanned once)."""
    workspace = mixed_folder(tmp_path / "mixed", photos=5, boxed_only=2, half_boxed=1)
    read: list[int] = []
    rule = dataset.boxed_only_classes
    monkeypatch.setattr(dataset, "boxed_only_classes", lambda mask, boxes: read.append(1) or rule(mask, boxes))
    try:
        summary = export_labels(workspace, "dataset", tmp_path / "out")
    finally:
        workspace.close()
    assert len(read) == summary.cases == 7  # five photos, two OCT scans (a plain export keeps them)
    assert summary.boxed_lesion_cases == 3


def test_the_dialogs_count_leaves_out_the_oct_scans_the_export_leaves_out(tmp_path: Path) -> None:
    workspace = mixed_folder(tmp_path / "mixed")
    try:
        done = [summary.case_id for summary in workspace.cases() if summary.review_state is ReviewState.DONE]
        assert (len(done), fundus_count(workspace, done)) == (6, 4)
    finally:
        workspace.close()


def test_a_retrain_left_with_too_few_readable_cases_is_refused_naming_the_damaged_files(tmp_path: Path) -> None:
    """Two of four photos' saved masks cut short: the export leaves them out (naming each), and two cases are too few
    to train and hold one out (training had started on a split with no validation photo)."""
    workspace = mixed_folder(tmp_path / "mixed")
    masks = [next(workspace.case_files.case_dir(c.case_id).glob("mask.*.png")) for c in workspace.cases()
             if c.image_path in ("photo0.png", "photo1.png")]
    for mask in masks:
        mask.write_bytes(mask.read_bytes()[:40])
    refused = export(workspace, "seg", tmp_path / "work")
    workspace.close()
    assert isinstance(refused, RetrainRefusal) and refused.why.startswith("only 2 of the cases to learn from could be")
    assert all(any(str(mask) in note for note in refused.notes) for mask in masks)


def test_a_double_read_retrains_comparison_of_the_readings_reports_and_stops_on_cancel(tmp_path: Path) -> None:
    """Comparing every agreed case's readings (seconds for a big folder) before the export showed no progress and
    ran to its end whatever Cancel said."""
    folder = image_folder(tmp_path / "double", count=3)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    for name in ("Anna", "Ben"):
        with open_reader(folder, name) as reader:
            for index in range(3):
                read_case(reader, index, grade=1)
    said: list[tuple[float, str]] = []

    def progress(fraction: float, message: str) -> None:
        said.append((fraction, message))
        if message.startswith("Comparing the readings of 'img1.png'"):
            state.cancel()  # Cancel pressed while the second case's readings are compared
    state = CallbackState(progress)
    with open_reader(folder, "Anna") as anna, pytest.raises(Cancelled):
        export_for_retrain(RetrainRequest(anna, [], "grade", tmp_path / "work"), state)
    comparing = [message for _fraction, message in said if message.startswith("Comparing")]
    assert comparing == [f"Comparing the readings of 'img{index}.png' ({index + 1} of 3)" for index in range(2)]
    assert not (tmp_path / "work" / "data").exists()
