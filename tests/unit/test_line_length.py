"""The project's own Python files keep to 120 characters a line (the style of the code base)."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 120
PACKAGES = ("annotations", "app", "bench", "inference", "tests", "widgets")


def test_no_line_of_the_projects_python_is_longer_than_the_limit() -> None:
    files = [ROOT / "main.py", *(path for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py")))]
    long = [f"{path.relative_to(ROOT)}:{number}" for path in files
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if len(line) > LIMIT]
    assert long == []
