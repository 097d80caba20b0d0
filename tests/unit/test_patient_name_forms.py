"""Two cases' names compared in their forms (a DICOM Wang^Xiaoming=王^小明 records Xiaoming Wang and 王小明): a device
writing the name only in its ideographic form (王^小明) names the same patient, which `report` refused as two patients
without IDs and warned of as other details with one; two names alike in one form but not in the other (王小明, 王晓明:
both Xiaoming Wang) name two, which passed unwarned."""
from __future__ import annotations

from annotations.document import PatientInfo
from annotations.patients import detail_differences, other_patients

BOTH = PatientInfo(name="Xiaoming Wang", ideographic_name="王小明")
IDEOGRAPHIC_ONLY = PatientInfo(name="王小明")
OTHER_CHARACTERS = PatientInfo(name="Xiaoming Wang", ideographic_name="王晓明")


def test_a_name_in_both_forms_and_in_one_of_them_name_one_patient() -> None:
    assert other_patients([BOTH, IDEOGRAPHIC_ONLY]) == []
    assert other_patients([BOTH, PatientInfo(name="xiaoming  WANG")]) == []  # case and spaces aside, as before
    assert detail_differences([BOTH, IDEOGRAPHIC_ONLY]) == []


def test_names_alike_in_one_form_but_not_the_other_name_two_patients_each_shown_in_both() -> None:
    assert other_patients([BOTH, OTHER_CHARACTERS]) == ["Xiaoming Wang (王小明)", "Xiaoming Wang (王晓明)"]
    assert detail_differences([BOTH, OTHER_CHARACTERS]) == ["name Xiaoming Wang (王小明) vs Xiaoming Wang (王晓明)"]
    assert other_patients([BOTH, PatientInfo(name="Hua Li")]) == ["Hua Li", "Xiaoming Wang (王小明)"]

