"""`retina-review report` analyses an image without an AI result as the window would analyse its case: as the modality
recorded with the case, else as its file and pixels say. It analysed the bare pixels under the name "image", so a
case the reader marked OCT, or a scan in an OCT folder, ran the fundus models and printed lesion findings; and a case
never saved made a DR report whatever it was analysed as."""
from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.document import Modality
from annotations.workspace import Workspace
from app.report.sources import Analyzer, ReportSources
from inference.analysis_settings import AnalysisSettings


@pytest.fixture
def no_learned_models(monkeypatch: pytest.MonkeyPatch) -> None:
    """The analysis runs with no learned model (quick): what it ran as is in its result either way."""
    import torch

    from inference import analysis_models
    from inference.loading import ModelSet

    monkeypatch.setattr(analysis_models, "assemble_models",
                        lambda settings, registry=None: analysis_models.AnalysisModels(ModelSet(), torch.device("cpu")))


def _colour_photo(path: Path) -> Path:
    """Colour pixels, which alone say fundus photo."""
    path.parent.mkdir(parents=True, exist_ok=True)
    y, x = np.mgrid[0:64, 0:96]
    Image.fromarray(np.stack([100 + x, 60 + y, np.full_like(x, 40)], axis=2).astype(np.uint8)).save(path)
    return path


def _reported_modality(image: Path) -> str:
    """What the analysis ran as, which is also what the case is taken for (the kind of report it makes:
    annotations.report_kind)."""
    with ExitStack() as stack:
        eye = ReportSources(stack, None, Analyzer(AnalysisSettings(device="cpu"))).load(str(image))
    assert eye.doc.ai is not None and eye.doc.modality.value == eye.doc.ai.modality
    return eye.doc.ai.modality


def test_a_case_the_reader_marked_oct_is_analysed_as_oct(tmp_path: Path, no_learned_models: None) -> None:
    photo = _colour_photo(tmp_path / "cases" / "scan.png")
    with Workspace.open(photo.parent) as ws:
        doc = ws.load_case(ws.cases()[0].case_id)
        doc.modality = Modality.OCT  # View ▸ Modality ▸ OCT, saved with the case
        ws.save_case(doc)
    assert _reported_modality(photo) == Modality.OCT.value


def test_an_image_whose_folder_says_oct_is_analysed_as_oct(tmp_path: Path, no_learned_models: None) -> None:
    assert _reported_modality(_colour_photo(tmp_path / "OCT" / "scan.png")) == Modality.OCT.value


def test_a_case_recorded_as_fundus_stays_fundus_in_an_oct_folder(tmp_path: Path, no_learned_models: None) -> None:
    photo = _colour_photo(tmp_path / "OCT" / "photo.png")
    with Workspace.open(photo.parent) as ws:
        doc = ws.load_case(ws.cases()[0].case_id)
        doc.modality = Modality.FUNDUS  # the reader's choice over what the folder's name says
        ws.save_case(doc)
    assert _reported_modality(photo) == Modality.FUNDUS.value
