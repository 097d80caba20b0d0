"""Whether a stored result came from the models an analysis would run now (inference.model_plan), compared by what
the result records of each model: name, version and the weights' checksum; the candidates model may be missing only
from a photo whose field of view is too small for it."""
from __future__ import annotations

from inference.model_plan import made_by_planned_models

SEGMENTATION = {"name": "idrid-lesions", "version": "1", "sha256": "AA", "task": "lesion-segmentation"}
DISC = {"name": "disc", "version": "1", "sha256": "bb", "task": "optic-disc"}
CANDIDATES = {"name": "ma-candidates", "version": "1", "sha256": "cc", "task": "lesion-candidates"}
OCT = {"name": "oct", "version": "2", "sha256": "dd", "task": "oct"}
CLASSICAL = {"name": "classical lesion detector", "version": "1", "sha256": "", "task": "lesion-segmentation"}
PLANNED = {model["task"]: model for model in (SEGMENTATION, DISC, CANDIDATES, OCT)}
SMALL_FIELD, LARGE_FIELD = 820.0, 1700.0  # px across: a 1024 px photo's field; IDRiD's halved


def never_asked() -> float:
    raise AssertionError("the field of view is measured only when the candidates model is missing")


def made_by(models: list[dict], planned: dict = PLANNED, oct_scan: bool = False,
            field_diameter: float | None = None) -> bool:
    """made_by_planned_models on a photo whose field is ``field_diameter`` px across (None: not to be asked)."""
    return made_by_planned_models(models, planned, oct_scan,
                                  never_asked if field_diameter is None else lambda: field_diameter)


def test_the_same_models_made_it_whatever_the_checksums_case_and_the_classical_detector() -> None:
    stored = [dict(SEGMENTATION, sha256="aa"), CLASSICAL, DISC, CANDIDATES]
    assert made_by(stored)


def test_a_small_photo_analysed_without_the_candidates_model_is_current() -> None:
    assert made_by([SEGMENTATION, DISC], field_diameter=SMALL_FIELD)


def test_a_large_photo_analysed_before_the_candidates_model_was_installed_is_stale() -> None:
    assert not made_by([SEGMENTATION, DISC], field_diameter=LARGE_FIELD)
    assert not made_by([DISC], field_diameter=SMALL_FIELD)  # the lesion model is missing too


def test_another_version_weights_or_a_model_installed_since_makes_it_stale() -> None:
    assert not made_by([dict(SEGMENTATION, version="0"), DISC])
    assert not made_by([dict(SEGMENTATION, sha256="ff"), DISC])
    assert not made_by([CLASSICAL, DISC])  # a lesion model came since
    assert not made_by([SEGMENTATION, DISC], {"optic-disc": DISC})  # one went


def test_an_oct_scan_is_compared_with_the_oct_model_only() -> None:
    assert made_by([OCT], oct_scan=True)
    assert not made_by([dict(OCT, version="1")], oct_scan=True)
    assert not made_by([OCT])


def test_the_models_a_result_names_that_would_not_run_now_are_named() -> None:
    """A retrained model the reader went back from drew the lesions shown, unsaid (the findings now say so)."""
    from inference.model_plan import outdated_models

    retrained = {"name": "retrained-seg-20261205-163944", "version": "1", "sha256": "ee",
                 "task": "lesion-segmentation"}
    assert outdated_models([retrained, CLASSICAL, DISC, CANDIDATES], PLANNED, False) == [
        "retrained-seg-20261205-163944 1"]
    assert outdated_models([dict(SEGMENTATION, version="0"), DISC], PLANNED, False) == ["idrid-lesions 0"]
    assert outdated_models([dict(SEGMENTATION, sha256="aa"), CLASSICAL, DISC], PLANNED, False) == []
    assert outdated_models([OCT], PLANNED, True) == [] and outdated_models([OCT], PLANNED, False) == ["oct 2"]


def test_an_oct_scan_loads_models_only_where_an_oct_model_is_installed_or_chosen(tmp_path) -> None:
    """Without one (none ships) its analysis checks its quality alone: no model is loaded for it (F5 on an OCT scan
    loaded the photos' models, 15 s for nothing)."""
    from annotations.document import Modality
    from inference.analysis_settings import AnalysisSettings
    from inference.model_plan import loads_models
    from inference.registry import ModelRegistry
    from tests.unit.test_inference_fixtures import saved_model, tiny_classifier_card

    bundled, settings = ModelRegistry.bundled(), AnalysisSettings()
    assert not loads_models(Modality.OCT, settings, bundled)
    assert loads_models(Modality.FUNDUS, settings, bundled)
    assert loads_models(Modality.OCT, AnalysisSettings(models={"oct": "retrained-oct"}), bundled)  # the load says
    saved_model(tmp_path, tiny_classifier_card("oct"))
    assert loads_models(Modality.OCT, settings, ModelRegistry([tmp_path, *bundled.dirs]))
