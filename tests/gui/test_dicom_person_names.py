"""A DICOM name written alphabetic and ideographic (``Wang^Xiaoming=王^小明``) was shown, printed and filed as
"Xiaoming Wang" alone: the name a Chinese clinic knows its patient by, 王小明, was dropped. Both forms are shown, the
language's own first (patients.shown_name), by the patient panel and the report; the filed DICOM report keeps the
header's groups."""
from __future__ import annotations

from pathlib import Path

import pydicom
import pytest

from annotations.document import CaseDocument, PatientInfo
from app.cli import main
from app.report.bridge import fields_from_eyes, report_from_fields
from app.report.model import ClinicSettings, EyeInput
from tests.dicom_files import write_dicom
from tests.unit.test_inference_fixtures import synthetic_fundus
from tests.unit.test_report_pdf import extract_text
from widgets.patient_panel import PatientPanel

WANG = PatientInfo(patient_id="P-7", name="Xiaoming Wang", ideographic_name="王小明")



def _panel(qtbot) -> PatientPanel:
    panel = PatientPanel()
    qtbot.addWidget(panel)
    panel.show_patient(WANG)
    return panel


def test_the_panel_shows_both_forms_english_first_in_english(qtbot) -> None:
    panel = _panel(qtbot)
    assert panel.name.text() == "Xiaoming Wang (王小明)"
    assert panel.edited_patient() == WANG  # shown, not typed: the name stays as recorded


def test_the_panel_shows_both_forms_chinese_first_in_chinese_and_a_typed_name_replaces_both(
        qtbot, chinese_interface: None) -> None:
    panel = _panel(qtbot)
    assert panel.name.text() == "王小明（Xiaoming Wang）"
    assert panel.edited_patient() == WANG
    edited: list[PatientInfo] = []
    panel.patient_edited.connect(edited.append)
    panel.name.setText("王晓明")
    panel.name.editingFinished.emit()
    assert (edited[-1].name, edited[-1].ideographic_name) == ("王晓明", "")


@pytest.mark.parametrize("language, shown", [("en", "Xiaoming Wang (王小明)"), ("zh_CN", "王小明（Xiaoming Wang）")])
def test_the_report_prints_both_forms_and_files_the_headers_groups(tmp_path: Path, language: str, shown: str) -> None:
    source = write_dicom(tmp_path / "eye.dcm", synthetic_fundus(128, 96),
                         header={"SpecificCharacterSet": "ISO_IR 192", "PatientName": "Wang^Xiaoming=王^小明="})
    out, dicom = tmp_path / "report.pdf", tmp_path / "report.dcm"
    assert main(["report", str(source), "--out", str(out), "--dicom", str(dicom), "--no-analysis",
                 "--lang", language]) == 0
    assert shown in "".join(extract_text(out.read_bytes(), tmp_path).split("\n"))
    filed = pydicom.dcmread(dicom).PatientName
    assert (filed.family_name, filed.given_name, filed.ideographic) == ("Wang", "Xiaoming", "王^小明")
    renamed = tmp_path / "renamed.dcm"
    assert main(["report", str(source), "--dicom", str(renamed), "--no-analysis", "--patient-name", "Li Hua"]) == 0
    assert str(pydicom.dcmread(renamed).PatientName) == "Li Hua"  # a name given replaces both forms


def test_the_report_dialogs_name_left_as_prefilled_keeps_both_forms_in_either_language() -> None:
    """The dialog prefills the name as its report's language shows it; the reader may switch the language after."""
    doc = CaseDocument(case_id="c", image_path="eye.dcm", width=8, height=8, patient=WANG)
    eyes = [EyeInput(doc, None)]
    fields = fields_from_eyes(eyes, language="zh_CN")
    assert fields.patient_name == "王小明（Xiaoming Wang）"
    fields.language = "en"
    assert report_from_fields(fields, eyes, ClinicSettings(), "1.0").patient == WANG
    fields.patient_name = "Wang Xiaoming"  # typed: replaces both forms
    assert report_from_fields(fields, eyes, ClinicSettings(), "1.0").patient.ideographic_name == ""
