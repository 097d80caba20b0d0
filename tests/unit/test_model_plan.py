"""Whether a stored result came from the models an analysis would run now (inference.model_plan), compared by what
the result records of each model: name, version and the weights' checksum."""
from __future__ import annotations

from inference.model_plan import made_by_planned_models

SEGMENTATION = {"name": "idrid-lesions", "version": "1", "sha256": "AA", "task": "lesion-segmentation"}
DISC = {"name": "disc", "version": "1", "sha256": "bb", "task": "optic-disc"}
CANDIDATES = {"name": "ma-candidates", "version": "1", "sha256": "cc", "task": "lesion-candidates"}
OCT = {"name": "oct", "version": "2", "sha256": "dd", "task": "oct"}
CLASSICAL = {"name": "classical lesion detector", "version": "1", "sha256": "", "task": "lesion-segmentation"}
PLANNED = {model["task"]: model for model in (SEGMENTATION, DISC, CANDIDATES, OCT)}


def test_the_same_models_made_it_whatever_the_checksums_case_and_the_classical_detector() -> None:
    stored = [dict(SEGMENTATION, sha256="aa"), CLASSICAL, DISC, CANDIDATES]
    assert made_by_planned_models(stored, PLANNED, oct_scan=False)


def test_a_small_photo_analysed_without_the_candidates_model_is_current() -> None:
    assert made_by_planned_models([SEGMENTATION, DISC], PLANNED, oct_scan=False)


def test_another_version_weights_or_a_model_installed_since_makes_it_stale() -> None:
    assert not made_by_planned_models([dict(SEGMENTATION, version="0"), DISC], PLANNED, oct_scan=False)
    assert not made_by_planned_models([dict(SEGMENTATION, sha256="ff"), DISC], PLANNED, oct_scan=False)
    assert not made_by_planned_models([CLASSICAL, DISC], PLANNED, oct_scan=False)  # a lesion model came since
    assert not made_by_planned_models([SEGMENTATION, DISC], {"optic-disc": DISC}, oct_scan=False)  # one went


def test_an_oct_scan_is_compared_with_the_oct_model_only() -> None:
    assert made_by_planned_models([OCT], PLANNED, oct_scan=True)
    assert not made_by_planned_models([dict(OCT, version="1")], PLANNED, oct_scan=True)
    assert not made_by_planned_models([OCT], PLANNED, oct_scan=False)
