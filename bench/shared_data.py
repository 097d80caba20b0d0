"""Where the benchmarks find the shared photos (../shared/data beside the repository, never committed), and the
photos of one of its folders, with the same 'skipped' line in every benchmark when they are absent."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # torch loads only in the benchmarks that analyse
    from inference.analysis_models import AnalysisModels

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def shared_photos(folder: str, pattern: str = "*.jpg") -> list[Path]:
    """The photos of SHARED_DATA/``folder`` matching ``pattern``, by name; none, said in a line, when absent."""
    photos = sorted((SHARED_DATA / folder).glob(pattern))
    if not photos:
        print(f"   skipped: no photos in {SHARED_DATA / folder}")
    return photos


def shipped_models_on_one_thread() -> AnalysisModels:
    """The shipped models on the CPU, torch on one thread: the window's analysis as the storage benchmarks time it."""
    import torch

    torch.set_num_threads(1)
    from inference.analysis_models import assemble_models
    from inference.analysis_settings import AnalysisSettings

    return assemble_models(AnalysisSettings(device="cpu"))
