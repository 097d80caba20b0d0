"""The ICDR reading of the findings: the same grade and the same English sentence as before the rule became a
structured reading, worked out again from stored findings, and language-neutral findings JSON."""
from __future__ import annotations

import json

import numpy as np
import pytest

from annotations.classes import LesionClass
from annotations.findings import ClassFindings, Findings
from annotations.icdr import QUADRANTS, SEVERE_HE_PER_QUADRANT, IcdrRule, icdr_reading, icdr_sentence
from inference.findings import icdr_grade_from_findings, lesion_findings

NOTE = ("venous beading and IRMA (the 4-2-1 rule's other arms) and new vessels (proliferative DR, grade 4) cannot be "
        "seen in these lesion masks")
SEVERE = {q: SEVERE_HE_PER_QUADRANT for q in QUADRANTS}


def classes(he_quadrants: dict[str, int] | None = None, **counts: int) -> dict[str, ClassFindings]:
    found = {name: ClassFindings(count=counts.get(name, 0)) for name in ("MA", "HE", "EX", "SE")}
    found["HE"].quadrants = he_quadrants or {}
    return found


# The sentences earlier versions stored in findings JSON, written out: stored files must keep reading the same.
@pytest.mark.parametrize(("lesions", "grade", "rule", "sentence"), [
    (classes(), 0, IcdrRule.NO_LESIONS, f"No lesions found: no DR (ICDR 0); {NOTE}."),
    (classes(MA=4), 1, IcdrRule.MA_ONLY, f"MA only (4): mild NPDR (ICDR 1); {NOTE}."),
    (classes({"ST": 2}, MA=1, HE=2), 2, IcdrRule.MORE_THAN_MA,
     f"More than MA only (1 MA, 2 HE; HE in 1 quadrant): moderate NPDR (ICDR 2), below the severe 4-2-1 threshold; "
     f"{NOTE}."),
    (classes({"ST": 1, "IT": 2}, HE=3, EX=5), 2, IcdrRule.MORE_THAN_MA,
     f"More than MA only (3 HE, 5 EX; HE in 2 quadrants): moderate NPDR (ICDR 2; exudates imply at least moderate), "
     f"below the severe 4-2-1 threshold; {NOTE}."),
    (classes(SE=1), 2, IcdrRule.MORE_THAN_MA,
     f"More than MA only (1 SE): moderate NPDR (ICDR 2; exudates imply at least moderate), below the severe 4-2-1 "
     f"threshold; {NOTE}."),
    (classes(SEVERE, HE=80, MA=2), 3, IcdrRule.SEVERE_HAEMORRHAGES,
     f"HE in 4 quadrants with at least 20 each (2 MA, 80 HE): severe NPDR (ICDR 3) by the 4-2-1 rule's haemorrhage "
     f"arm; {NOTE}."),
])
def test_every_rule_keeps_its_grade_and_english_sentence(lesions, grade, rule, sentence) -> None:
    reading = icdr_reading(lesions)
    assert (reading.grade, reading.rule) == (grade, rule)
    assert icdr_grade_from_findings(lesions) == (grade, sentence)


def test_the_sentence_is_worded_by_the_translate_function() -> None:
    marked = icdr_sentence(icdr_reading(classes({"ST": 1}, HE=1, EX=2)), lambda context, text: f"<{text}>")
    assert marked.startswith("<More than MA only (<1 HE><, ><2 EX><; HE in 1 quadrant>): moderate NPDR (ICDR 2"
                             "<; exudates imply at least moderate>)")
    assert marked.endswith("cannot be seen in these lesion masks>.>")


def test_findings_json_stays_language_neutral_and_the_sentence_can_be_worked_out_again() -> None:
    mask = np.zeros((200, 300), np.uint8)
    mask[20:30, 200:210] |= LesionClass.HE.bit
    mask[150:160, 220:230] |= LesionClass.EX.bit
    mask[100:103, 150:153] |= LesionClass.MA.bit
    findings = lesion_findings(mask, (40.0, 100.0), None, 0.01)
    stored = json.loads(json.dumps(findings.to_json()))
    assert list(stored)[:4] == ["MA", "HE", "EX", "SE"]  # class codes, not names in any language
    assert sorted(stored["HE"]["quadrants"]) == sorted(QUADRANTS) and sum(stored["HE"]["quadrants"].values()) == 1
    assert stored["icdr_grade"] == 2
    assert stored["summary"] == (f"More than MA only (1 MA, 1 HE, 1 EX; HE in 1 quadrant): moderate NPDR (ICDR 2; "
                                 f"exudates imply at least moderate), below the severe 4-2-1 threshold; {NOTE}.")
    assert all(ord(char) < 128 for char in json.dumps(stored, ensure_ascii=False))
    read = Findings.from_json(stored)
    assert icdr_sentence(icdr_reading(read.classes)) == stored["summary"]
