"""What produced an AI result is read from the result: the models that ran on the photo, each with the classes it drew
there, so a reopened case names them and a model that skipped a small photo is not named."""
from __future__ import annotations

from annotations.document import AIResult
from annotations.findings import BLENDED_SOURCE, CLASSICAL_SOURCE, GATED_SOURCE, Findings
from annotations.result_sources import ResultSource, result_sources

CLASSICAL = {"name": CLASSICAL_SOURCE, "version": "1", "sha256": "", "task": "lesion-segmentation"}


def _model(name: str, task: str) -> dict[str, str]:
    return {"name": name, "version": "1", "sha256": "ab", "task": task}


def _result(models: list[dict[str, str]], sources: dict[str, str] | None) -> AIResult:
    return AIResult(models=models, findings=Findings(lesion_sources=sources))


def test_a_large_photo_names_the_candidates_model_for_ma_and_the_classical_detector_for_he() -> None:
    models = [_model("idrid-lesions", "lesion-segmentation"), _model("codras-optic-disc", "optic-disc"), CLASSICAL,
              _model("ma-candidates", "lesion-candidates"), _model("codras-lesions-present", "lesions-present")]
    sources = {"MA": "ma-candidates", "HE": CLASSICAL_SOURCE, "EX": "idrid-lesions", "SE": "idrid-lesions",
               "OD": "codras-optic-disc"}
    assert result_sources(_result(models, sources)) == [
        ResultSource("idrid-lesions", "1", ("EX", "SE")), ResultSource("codras-optic-disc", "1", ("OD",)),
        ResultSource(CLASSICAL_SOURCE, "", ("HE",)), ResultSource("ma-candidates", "1", ("MA",)),
        ResultSource("codras-lesions-present", "1")]


def test_a_small_photo_names_what_drew_ma_there_and_not_the_candidates_model_it_skipped() -> None:
    models = [_model("idrid-lesions", "lesion-segmentation"), CLASSICAL]  # the pipeline records what ran only
    sources = {"MA": CLASSICAL_SOURCE, "HE": CLASSICAL_SOURCE, "EX": "idrid-lesions", "SE": "idrid-lesions",
               "OD": "idrid-lesions"}
    assert result_sources(_result(models, sources)) == [
        ResultSource("idrid-lesions", "1", ("EX", "SE", "OD")), ResultSource(CLASSICAL_SOURCE, "", ("MA", "HE"))]


def test_the_classical_detector_is_not_named_where_every_class_came_from_a_model() -> None:
    models = [_model("idrid-lesions", "lesion-segmentation"), CLASSICAL, _model("ma-candidates", "lesion-candidates")]
    sources = {"MA": "ma-candidates", "HE": "idrid-lesions", "EX": "idrid-lesions", "SE": "idrid-lesions",
               "OD": "idrid-lesions"}
    assert result_sources(_result(models, sources)) == [
        ResultSource("idrid-lesions", "1", ("HE", "EX", "SE", "OD")), ResultSource("ma-candidates", "1", ("MA",))]


def test_a_class_two_models_averaged_is_credited_to_both() -> None:
    """he-candidates' HE probability averaged with idrid-lesions' (card blend_with): the status bar, the findings
    panel and the report list HE under each model, not under he-candidates alone."""
    models = [_model("idrid-lesions", "lesion-segmentation"), CLASSICAL, _model("ma-candidates", "lesion-candidates"),
              _model("he-candidates", "region-candidates")]
    sources = {"MA": "ma-candidates", "HE": BLENDED_SOURCE.format(model="he-candidates", partner="idrid-lesions"),
               "EX": "idrid-lesions", "SE": "idrid-lesions"}
    assert result_sources(_result(models, sources)) == [
        ResultSource("idrid-lesions", "1", ("HE", "EX", "SE")), ResultSource("ma-candidates", "1", ("MA",)),
        ResultSource("he-candidates", "1", ("HE",))]


def test_gated_candidates_are_named_with_their_gate() -> None:
    gated = GATED_SOURCE.format(model="regions")
    sources = dict.fromkeys(("MA", "HE", "EX", "SE"), gated)
    assert result_sources(_result([_model("regions", "lesion-segmentation"), CLASSICAL], sources)) == [
        ResultSource("regions", "1"), ResultSource(gated, "", ("MA", "HE", "EX", "SE"))]
    assert ResultSource(gated).classical and ResultSource(CLASSICAL_SOURCE).classical
    assert not ResultSource("regions").classical


def test_a_result_stored_before_per_class_sources_names_its_models_only() -> None:
    assert result_sources(_result([_model("grader", "dr-grade"), CLASSICAL], None)) == [
        ResultSource("grader", "1"), ResultSource(CLASSICAL_SOURCE)]
    assert result_sources(AIResult()) == []  # e.g. an OCT scan analysed with no model


def test_a_class_drawn_by_a_source_the_models_do_not_list_is_still_named() -> None:
    assert result_sources(_result([], {"OD": "disc-finder"})) == [ResultSource("disc-finder", "", ("OD",))]


def test_a_source_names_the_optic_disc_in_a_word_not_as_od() -> None:
    """"codras-optic-disc 1 (OD)" in a left eye's report footer read as the right eye."""
    from annotations.wording import english
    from widgets.clinical_terms import result_source_label

    assert result_source_label(ResultSource("codras-optic-disc", "1", ("OD",)), english) == "codras-optic-disc 1 (disc)"
    assert result_source_label(ResultSource(CLASSICAL_SOURCE, "1", ("MA", "OD")), english) == \
        "classical lesion detector (MA, disc)"
