"""What a lesion retrain learns from cases nobody annotated: a case graded DR 1 or more (or not graded) with no
lesion painted or boxed was exported with empty masks, teaching "no lesion" on a photo that may be full of them; and
a class painted or boxed in no case was learned as never present. Both were said nowhere."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.classes import LesionClass
from annotations.document import Box, ReaderGrade
from annotations.progress import NullState
from annotations.workspace import Workspace
from annotations.workspace.transfer import export_labels
from inference.analysis_settings import AnalysisSettings
from inference.dataset import load_index
from inference.registry import MODELS_ENV
from inference.targets import has_segmentation_labels, lesions_unknown
from inference.training import retrain, run
from inference.training.messages import FEW_TRAINING
from inference.training.retrain_export import run_retrain
from inference.training.retrain_results import RetrainRefusal, RetrainRequest
from tests.unit.test_retrain_export import export, exported_for_lesions_and_grades, mixed_folder
from tests.unit.test_training_fixtures import tiny_seg_options

LEFT_OUT = ("{count} of the {total} case(s) have no lesion painted or boxed and no grade of No DR: nobody said where "
            "their lesions are, so lesion learning left them out (their grades are kept for the grade tasks)")
NEVER_LABELLED = ("Labelled in no case: MA, SE; the new model learns that each of them is never present: paint or box "
                  "them where they are and retrain, or keep the current model")


def unannotated(workspace: Workspace, photos: list[str], dr_grade: int | None) -> None:
    """Leave ``photos`` graded ``dr_grade`` (marked done) with no lesion painted or boxed, their disc boxed (as every
    CODRAS photo's is): a box photo whose boxes say "no lesion" to training, unless its grade says otherwise."""
    for summary in workspace.cases():
        if summary.image_path in photos:
            case = workspace.load_case(summary.case_id)
            case.mask[:] = 0
            case.boxes = [Box(LesionClass.OD, 2, 2, 20, 20)]
            case.grade = ReaderGrade(dr_grade=dr_grade)
            workspace.save_case(case)


def test_graded_cases_without_lesions_marked_are_left_out_of_lesion_learning_and_said(tmp_path: Path) -> None:
    """photo4 graded 3, photo5 not graded: no masks; photo3 graded No DR with nothing marked says "no lesion"."""
    workspace = mixed_folder(tmp_path / "mixed", photos=6)
    unannotated(workspace, ["photo3.png"], 0)
    unannotated(workspace, ["photo4.png"], 3)
    unannotated(workspace, ["photo5.png"], None)
    exported, graded = exported_for_lesions_and_grades(workspace, tmp_path / "work")
    assert LEFT_OUT.format(count=2, total=6) in exported.notes
    assert not any("no lesion painted" in note for note in graded.notes)  # a grade learns from the grades
    samples = load_index(exported.data, None, None, 0).samples
    assert not samples["photo4"].mask_files and not samples["photo5"].mask_files
    assert [name for name, sample in samples.items() if not has_segmentation_labels(sample)] == ["photo4", "photo5"]
    assert samples["photo4"].grade.dr_grade == 3  # kept for the grade tasks
    assert set(samples["photo3"].mask_files) == {LesionClass.MA, LesionClass.HE, LesionClass.EX, LesionClass.SE}


def test_a_refusal_for_want_of_lesions_does_not_say_it_twice(tmp_path: Path) -> None:
    workspace = mixed_folder(tmp_path / "mixed", photos=4)
    unannotated(workspace, [f"photo{i}.png" for i in range(4)], 2)
    try:
        refused = export(workspace, "seg", tmp_path / "work")
    finally:
        workspace.close()
    assert isinstance(refused, RetrainRefusal)
    assert refused.why.startswith("None of the 4 case(s) marked done has a lesion painted")
    assert not any("no lesion painted" in note for note in refused.notes)  # the refusal says it already


def test_a_class_labelled_in_no_case_is_said(tmp_path: Path) -> None:
    """The synthetic photos hold exudates and haemorrhages only: MA and SE are painted and boxed nowhere."""
    workspace = mixed_folder(tmp_path / "mixed", photos=5, boxed_only=1)
    exported, graded = exported_for_lesions_and_grades(workspace, tmp_path / "work")
    assert NEVER_LABELLED in exported.notes
    assert NEVER_LABELLED not in graded.notes


def test_a_disc_model_learns_from_the_disc_boxes_of_photos_whose_lesions_are_unknown(tmp_path: Path) -> None:
    """The rule leaving graded, not annotated photos out of lesion learning left them out of disc training too:
    `train disc` on such an export said "no training image has masks or VOC boxes" (review)."""
    workspace = mixed_folder(tmp_path / "mixed", photos=4)
    unannotated(workspace, [f"photo{i}.png" for i in range(4)], 2)
    try:
        export_labels(workspace, "dataset", tmp_path / "data")
    finally:
        workspace.close()
    samples = [s for name, s in load_index(tmp_path / "data").samples.items() if name.startswith("photo")]
    assert len(samples) == 4 and all(lesions_unknown(s) for s in samples)
    assert not any(has_segmentation_labels(s) for s in samples)  # a lesion model: nothing to learn from them
    assert all(has_segmentation_labels(s, lesions=False) for s in samples)  # a disc model: their disc boxes


def test_the_few_training_images_note_counts_the_images_lesion_learning_used(tmp_path: Path,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The note said the train split's size, the photos left out of lesion learning counted in: "learned from only 5
    image(s)" of a run that learned from 4 (the window's retrain, one graded photo not annotated)."""
    monkeypatch.setenv(MODELS_ENV, str(tmp_path / "user-models"))
    monkeypatch.setattr("inference.registry.BUNDLED_MODELS", tmp_path / "nothing-bundled")
    monkeypatch.setattr(retrain, "train_in_subprocess",  # in this process: the run itself, tiny
                        lambda config, state, on_step=None, finish=None: run.train(config, state).card)
    workspace = mixed_folder(tmp_path / "mixed", photos=8)
    unannotated(workspace, ["photo1.png", "photo2.png", "photo3.png"], 2)
    tiny = {key: value for key, value in tiny_seg_options().items() if key != "size"}
    try:
        request = RetrainRequest(workspace, [s.case_id for s in workspace.cases()], "seg", tmp_path / "work",
                                 epochs=1, size=64, analysis=AnalysisSettings(device="cpu"), name="retrained-seg",
                                 training={**tiny, "steps_per_epoch": 1})
        outcome = run_retrain(request, NullState())
    finally:
        workspace.close()
    train = load_index(tmp_path / "work" / "data").split("train")
    learned = sum(has_segmentation_labels(sample) for sample in train)
    assert 0 < learned < len(train), "the case needs a photo not annotated in the train split"
    assert [note for note in outcome.notes if "learned from only" in note] == [FEW_TRAINING.format(count=learned)]
