"""Where the benchmarks find the shared photos (../shared/data beside the repository, never committed), and the
photos of one of its folders, with the same 'skipped' line in every benchmark when they are absent."""
from __future__ import annotations

from pathlib import Path

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def shared_photos(folder: str, pattern: str = "*.jpg") -> list[Path]:
    """The photos of SHARED_DATA/``folder`` matching ``pattern``, by name; none, said in a line, when absent."""
    photos = sorted((SHARED_DATA / folder).glob(pattern))
    if not photos:
        print(f"   skipped: no photos in {SHARED_DATA / folder}")
    return photos
