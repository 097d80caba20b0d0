"""Typed findings read the files earlier versions wrote (plain dicts) and write them back key for key."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from annotations.document import AIResult
from annotations.findings import (BLENDED_SOURCE, CLASSICAL_SOURCE, DISC_SCALE_SOURCE, FIELD_SCALE_SOURCE,
                                  GATED_SOURCE, ClassFindings, Findings, blended_models, findings_from_json,
                                  findings_to_json, gating_model, scale_template)
from inference.findings import mm_per_pixel
from inference.outputs import json_ready
from inference.pipeline import analyze_image
from tests.unit.test_inference_fixtures import synthetic_fundus

# written by the code before findings were typed: synthetic_fundus(320, 240, seed=3), with the bundled models and
# with none (the classical detector)
WRITTEN = json.loads((Path(__file__).parents[1] / "data" / "findings_written_as_dicts.json").read_text())
# no longer written: an English sentence on the lesion sources that nothing showed (lesion_sources names them per
# class); a file that holds it keeps it as read
DROPPED = ("lesion_source_note",)


def _text(data: dict) -> str:
    return json.dumps(json_ready(data), indent=1, sort_keys=True)


def test_a_gated_source_names_its_model_and_no_other_source_does() -> None:
    assert gating_model(GATED_SOURCE.format(model="idrid-regions")) == "idrid-regions"
    assert gating_model(CLASSICAL_SOURCE) is None and gating_model("idrid-lesions") is None


def test_a_blended_source_names_both_models_and_no_other_source_does() -> None:
    assert blended_models(BLENDED_SOURCE.format(model="he-candidates", partner="idrid-lesions")) == (
        "he-candidates", "idrid-lesions")
    for source in (CLASSICAL_SOURCE, GATED_SOURCE.format(model="idrid-regions"), "idrid-lesions"):
        assert blended_models(source) is None


def test_a_scale_source_old_files_or_the_analysis_wrote_names_its_template_and_diameter() -> None:
    """So the interface words it (widgets.clinical_terms.scale_source_name); a caller's own text is no template."""
    assert {scale_template(data["scale_source"]) for data in WRITTEN.values()} == {(DISC_SCALE_SOURCE, "1.8")}
    assert scale_template(mm_per_pixel(od_radius=50, fov_radius=400)[1]) == (DISC_SCALE_SOURCE, "1.8")
    assert scale_template(mm_per_pixel(od_radius=None, fov_radius=400)[1]) == (FIELD_SCALE_SOURCE, "12")
    assert scale_template("given by the caller") is None
    assert scale_template(DISC_SCALE_SOURCE.format(mm="1.8") + " (edited)") is None


def test_findings_written_before_read_and_write_back_key_for_key() -> None:
    for name, data in WRITTEN.items():
        findings = Findings.from_json(data)
        assert _text(findings.to_json()) == _text(data), name
    typed = Findings.from_json(WRITTEN["bundled_models"])
    assert typed.classes["EX"].count == 1 and typed.optic_disc is not None and typed.optic_disc.found
    assert typed.lesions_present_signs is not None and typed.grade_confidence is None


def _to_12_digits(data: object) -> object:
    """Floats to 12 significant digits: the scale, worked out from the field's radius, differs in its last bit
    between numerical library releases (0.06439428213888947 or ...948), which is no change in what is written."""
    if isinstance(data, float):
        return float(f"{data:.12g}")
    if isinstance(data, dict):
        return {key: _to_12_digits(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_to_12_digits(value) for value in data]
    return data


def test_the_pipeline_writes_what_it_wrote_before() -> None:
    result = analyze_image(synthetic_fundus(320, 240, seed=3), None, None, "cpu")
    before = {key: value for key, value in WRITTEN["classical_only"].items() if key not in DROPPED}
    # added since: the disc the classical finder placed is named as its source, as each lesion class is
    before["lesion_sources"] = {**before["lesion_sources"], "OD": CLASSICAL_SOURCE}
    written = json.loads(_text(findings_to_json(result.findings)))
    # changed since: the finder sizes the disc as the field's share, no measurement, so the areas rest on the field
    scale = written["mm_per_px"]
    assert scale == pytest.approx(12 / (2 * before["field_of_view"]["radius"]), rel=1e-3)
    before.update(mm_per_px=scale, scale_source=FIELD_SCALE_SOURCE.format(mm="12"))
    for name in ("MA", "HE", "EX", "SE"):
        before[name] = {**before[name], "area_mm2": round(before[name]["area_px"] * scale**2, 4)}
    assert _text(_to_12_digits(written)) == _text(_to_12_digits(before))


def test_unknown_keys_and_other_class_key_styles_survive_a_round_trip() -> None:
    findings = Findings.from_json({"classes": {"ma": {"count": 2, "quadrants": ["ST", "IN"]}}, "summary": "2 MA",
                                   "from_a_newer_version": {"x": 1}})
    assert findings.of("MA") == ClassFindings(count=2, quadrants={"ST": 1, "IN": 1})
    assert findings.of("HE") == ClassFindings()
    assert findings.to_json()["from_a_newer_version"] == {"x": 1}
    assert Findings.from_json(findings.to_json()) == findings


def test_an_oct_scan_has_no_findings_and_stores_an_empty_object() -> None:
    assert findings_to_json(None) == {} and findings_from_json({}) is None
    stored = AIResult(oct_probs={"CNV": 1.0}).scalars_to_json()
    assert stored["findings"] == {}
    assert AIResult.from_json(json.loads(json.dumps(stored))).findings is None


def test_an_ai_result_round_trips_through_json_with_typed_findings() -> None:
    findings = Findings.from_json(WRITTEN["classical_only"])
    result = AIResult(dr_grade=2, findings=findings, mask=np.zeros((2, 2), np.uint8))
    loaded = AIResult.from_json(json.loads(json.dumps(result.scalars_to_json())), result.mask)
    assert loaded.findings == findings and loaded.dr_grade == 2
