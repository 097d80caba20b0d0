"""The window and `retina-review analyze` assemble their models in one place: with the same saved settings they
give the same findings for the same photo, byte for byte, and both see an OCT scan as an OCT scan."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QSettings

from annotations.findings import findings_to_json
from app.analysis_controller import AnalysisController, AnalysisItem
from app.cli import main
from app.settings import Settings, SettingsValues
from inference.outputs import json_ready
from tests.gui.test_main_window import fundus_folder

WAIT_MS = 120_000  # the first analysis imports torch and loads the bundled models


@pytest.fixture
def images(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    images = fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png"))
    band = np.tile(np.linspace(0, 200, 60, dtype=np.uint8)[:, None], (1, 200))
    Image.fromarray(np.dstack([band] * 3)).save(images / "d_scan.png")  # grey and wide: an OCT scan
    return images


@pytest.fixture
def saved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SettingsValues:
    """Settings saved where a plain Settings() (as the command line makes it) reads them: not the program's
    defaults, so a caller that ignored the thresholds would see other lesions."""
    values = SettingsValues(device="cpu")
    values.thresholds.update(HE=1.0, EX=0.0)  # no haemorrhage survives the gate; every exudate candidate does
    store = QSettings(str(tmp_path / "saved.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr(Settings.__init__, "__defaults__", (store,))
    Settings().save(values)
    return values


def _window_results(qtbot, values: SettingsValues, images: Path) -> dict[str, object]:
    controller = AnalysisController(values)
    results: dict[str, object] = {}
    controller.result_ready.connect(lambda case_id, result: results.__setitem__(case_id, result))
    controller.case_failed.connect(lambda case_id, error: pytest.fail(f"{case_id}: {error}"))
    paths = sorted(images.iterdir())
    controller.analyze_all([AnalysisItem(path.stem, path) for path in paths])
    qtbot.waitUntil(lambda: len(results) == len(paths) and not controller.busy, timeout=WAIT_MS)
    controller.shutdown()
    return results


def _dump(value: object) -> str:
    return json.dumps(json_ready(value), indent=2)


def test_the_window_and_the_command_line_give_the_same_findings(qtbot, tmp_path: Path, images: Path,
                                                                 saved: SettingsValues) -> None:
    out = tmp_path / "out"
    assert main(["analyze", str(images), "--out", str(out)]) == 0
    window = _window_results(qtbot, saved, images)
    for stem, result in window.items():
        written = json.loads((out / f"{stem}.json").read_text())
        assert _dump(written["findings"]) == _dump(findings_to_json(result.findings)), stem
        assert (written["models"], written["oct_probs"], written["dr_grade"]) == (
            json_ready(result.models), json_ready(result.oct_probs), result.dr_grade), stem
    assert window["d_scan"].findings is None and window["a"].findings is not None  # both analysed the scan as OCT


def test_the_command_line_starts_from_the_saved_settings_and_its_own_options_win(saved: SettingsValues) -> None:
    from app.saved_analysis import saved_analysis_settings

    plain = saved_analysis_settings()
    assert (plain.device, plain.thresholds["HE"], plain.explicit) == ("cpu", 1.0, ())
    given = saved_analysis_settings("auto", ["my-model"], "unet:resnet34")
    assert (given.device, given.explicit, given.checkpoint_architecture) == ("auto", ("my-model",), "unet:resnet34")
    assert given.thresholds == plain.thresholds  # the reader's thresholds apply to named models too
