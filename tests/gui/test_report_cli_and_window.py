"""`retina-review report` and the window's report state the same AI result for the same photo: the same models with
the reader's thresholds (inference.analysis_models), run as the same modality. The command line analysed the bare
pixels, so a scan the window takes for OCT (by its folder's name) was graded as a fundus photo in the PDF; analysed
as OCT, it still made a DR screening report, the case taken for the fundus photo a case never saved defaults to."""
from __future__ import annotations

import errno
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from annotations.document import CaseDocument
from annotations.report_kind import report_kind
from app.cli import main
from app.main_window import MainWindow
from app.report.sources import Analyzer, ReportSources
from app.report_controller import eye_input
from app.settings import Settings, SettingsValues
from tests.gui.pseudo_walk import unwrapped
from tests.gui.test_analyze_command_zh import pseudo_chinese  # noqa: F401 - a fixture
from tests.gui.test_main_window import _fundus


def _stated(doc: CaseDocument) -> dict[str, Any]:
    """The kind of report a case makes and what it prints from its AI result, with what decided that."""
    ai = doc.ai
    assert ai is not None
    return {"report": report_kind(doc).value, "modality": ai.modality, "models": [model["name"] for model in ai.models],
            "grade": ai.dr_grade, "grade source": ai.grade_source, "referable": ai.referable, "oct": ai.oct_probs,
            "findings": ai.findings.summary if ai.findings else None, "thresholds": ai.mask_thresholds}


@pytest.fixture
def photos(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fundus photo, and the same pixels in a folder called "oct" (the window takes a case never saved there
    for an OCT scan); only the shipped models installed."""
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path_factory.mktemp("no-user-models")))
    folder = tmp_path_factory.mktemp("photos")  # not tmp_path: the test's name must not name the folder
    (folder / "oct").mkdir()
    for path in (folder / "fundus.png", folder / "oct" / "scan.png"):
        Image.fromarray(_fundus(3)).save(path)
    return folder


def test_the_command_line_report_states_what_the_window_analysed(qtbot, photos: Path, tmp_path: Path) -> None:
    values = SettingsValues(device="cpu", analyze_on_open=True)
    values.thresholds["HE"] = 0.7  # the reader's own threshold (the lesion model's is 0.9): both cut HE at it
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(values)
    names = ("fundus.png", "oct/scan.png")
    with ExitStack() as stack:  # the command line first: the window then stores its results with the cases
        sources = ReportSources(stack, None, Analyzer(settings.load().analysis_settings()))
        from_cli = {name: _stated(sources.load(str(photos / name)).doc) for name in names}
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_paths([photos])
    qtbot.waitUntil(lambda: {s.image_path for s in window.cases.summaries.values()} == set(names), timeout=10_000)
    from_window = {}
    for name in names:
        case_id = next(s.case_id for s in window.cases.summaries.values() if s.image_path == name)
        window.cases.select_case(case_id)
        qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.doc.ai is not None, timeout=120_000)
        from_window[name] = _stated(eye_input(window.cases, window.cases.doc).doc)
    assert from_window["oct/scan.png"]["report"] == from_window["oct/scan.png"]["modality"] == "oct"
    assert from_window["fundus.png"]["report"] == "dr" and from_window["fundus.png"]["findings"]
    assert np.isclose(from_window["fundus.png"]["thresholds"]["HE"], 0.7)
    assert from_cli == from_window


def test_a_report_the_disk_cannot_hold_says_why_in_the_interfaces_language(
        pseudo_chinese, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The reason the system gave (a full disk) is the interface's too, not English inside a Chinese sentence."""
    import annotations.output_folder

    def full_disk(*args, **kwargs) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(annotations.output_folder, "write_single_output", full_disk)
    photo = tmp_path / "r.png"
    Image.fromarray(np.zeros((48, 64, 3), np.uint8)).save(photo)
    out = tmp_path / "report.pdf"
    assert main(["report", str(photo), "--out", str(out), "--no-analysis"]) != 0
    printed = capsys.readouterr()
    lines = [("report", line) for line in (printed.out + printed.err).splitlines() if line.strip()]
    assert lines and not unwrapped(lines, [str(out), str(photo)]), lines
    assert any("(⟦the disk is full⟧)" in line for _, line in lines), lines  # inside the sentence: not seen above
