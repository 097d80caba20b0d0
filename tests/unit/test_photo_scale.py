"""A calibrated fundus photo (a DICOM Ophthalmic Photography file recording Pixel Spacing) is measured by its recorded
size: its findings' lesion areas in mm² rest on it, in an analysis from the file (the command line's batch, a report)
and from pixels already decoded (the window's), and the findings name it as their scale. A photo without one, with
a placeholder, or with pixels that are not square keeps the analysis's own estimate (the disc's size assumed)."""
from __future__ import annotations

import json
from contextlib import ExitStack
from pathlib import Path

import pytest

from annotations.findings import Findings, findings_from_json
from annotations.image_io import load_measured_image
from annotations.pixel_spacing import RECORDED_SCALE_SOURCE
from annotations.progress import NullState
from annotations.wording import english
from app.cli import main
from app.report.sources import Analyzer, ReportSources
from inference.analysis_settings import AnalysisSettings
from inference.pipeline import PipelineOptions, analyze
from tests.dicom_files import write_dicom
from tests.unit.test_inference_cli import no_installed_models  # noqa: F401 - fixture
from tests.unit.test_inference_fixtures import synthetic_fundus
from widgets.clinical_terms import area_scale

MM = 0.06  # 200 pixels across: a 12 mm field, a 45-degree photo's
WIDTH, HEIGHT = 200, 150


def _photo(tmp_path: Path, spacing: list[float] | None, name: str = "photo.dcm") -> Path:
    header = {"PixelSpacing": spacing} if spacing is not None else None
    return write_dicom(tmp_path / name, synthetic_fundus(WIDTH, HEIGHT), header=header)


def _findings(item: object, options: PipelineOptions | None = None) -> Findings:
    outcome = analyze([item], None, NullState(), "cpu", options)[0]
    assert outcome.error is None
    return outcome.result.findings


def _lesions(findings: Findings) -> list[str]:
    return [name for name, entry in findings.classes.items() if entry.count]


def test_a_calibrated_photos_lesion_areas_use_its_recorded_pixel_spacing(tmp_path: Path) -> None:
    findings = _findings(_photo(tmp_path, [MM, MM]))
    assert findings.mm_per_px == pytest.approx(MM) and findings.scale_source == RECORDED_SCALE_SOURCE
    assert _lesions(findings)  # the synthetic photo's spots: areas to check
    for entry in findings.classes.values():
        assert entry.area_mm2 == pytest.approx(round(entry.area_px * MM ** 2, 4))
    assert area_scale(findings, english) == "Areas in mm² from the DICOM header's Pixel Spacing"


def test_pixels_decoded_with_their_recorded_size_are_measured_as_their_file(tmp_path: Path) -> None:
    """The window analyses the pixels it decoded for the canvas, with the size their file records: as the command
    line's analysis of the file itself."""
    from_file = _findings(_photo(tmp_path, [MM, MM]))
    decoded = _findings(load_measured_image(_photo(tmp_path, [MM, MM])))
    assert decoded.mm_per_px == pytest.approx(MM) and decoded.scale_source == RECORDED_SCALE_SOURCE
    assert decoded.to_json() == from_file.to_json()


def test_the_command_line_and_a_report_measure_it_as_the_window_does(tmp_path: Path,
                                                                    no_installed_models: None) -> None:  # noqa: F811
    """`retina-review analyze` (its batch engine decodes the file itself) and a report analysing a photo that has no
    result yet take the recorded size too."""
    photo = _photo(tmp_path, [MM, MM])
    assert main(["analyze", str(photo), "--out", str(tmp_path / "out"), "--device", "cpu"]) == 0
    written = findings_from_json(json.loads((tmp_path / "out" / "photo.json").read_text())["findings"])
    assert written.mm_per_px == pytest.approx(MM) and written.scale_source == RECORDED_SCALE_SOURCE
    with ExitStack() as stack:
        reported = ReportSources(stack, None, Analyzer(AnalysisSettings(device="cpu"))).load(str(photo))
    assert reported.doc.ai.findings.to_json() == written.to_json()


def test_a_photo_analysed_reduced_keeps_the_recorded_scale_at_its_full_size(tmp_path: Path) -> None:
    findings = _findings(_photo(tmp_path, [MM, MM]), PipelineOptions(max_pixels=WIDTH * HEIGHT // 4))
    assert findings.mm_per_px == pytest.approx(MM) and findings.scale_source == RECORDED_SCALE_SOURCE


@pytest.mark.parametrize("spacing", [None, [1.0, 1.0], [MM, 2 * MM]],
                         ids=["none recorded", "placeholder larger than an eye", "pixels not square"])
def test_a_photo_without_a_believable_square_spacing_keeps_the_analysis_estimate(tmp_path: Path,
                                                                                spacing: list[float] | None) -> None:
    findings = _findings(_photo(tmp_path, spacing))
    assert findings.scale_source.startswith(("optic disc", "field-of-view"))
    assert findings.mm_per_px and findings.mm_per_px != pytest.approx(MM)
    assert area_scale(findings, english) == f"Areas in mm² from {findings.scale_source}"


def test_findings_saved_before_still_read_and_name_their_estimated_scale() -> None:
    """A case file written before the analysis read the header: its findings keep the disc's scale and say so."""
    saved = {"MA": {"count": 2, "area_px": 30, "area_mm2": 0.0016, "quadrants": {"ST": 2}},
             "mm_per_px": 0.0075, "scale_source": "optic disc diameter taken as 1.8 mm"}
    findings = findings_from_json(saved)
    assert findings.of("MA").area_mm2 == 0.0016
    assert area_scale(findings, english) == "Areas in mm² from optic disc diameter taken as 1.8 mm"
    assert area_scale(findings_from_json({"MA": {"count": 0}, "mm_per_px": 0.0075}), english) == ""  # no area shown
