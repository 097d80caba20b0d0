"""docs/make_screenshots.sh runs its docs/ scripts on this checkout's packages: run as `python docs/X.py`, a script's
own folder comes first on the path, and the packages came from wherever an editable install points (another
worktree's code drew the README's screenshots)."""
from __future__ import annotations

from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "docs" / "make_screenshots.sh"


def test_the_checkout_is_on_the_path_before_any_docs_script_runs() -> None:
    lines = SCRIPT.read_text(encoding="utf-8").splitlines()
    exported = next(n for n, line in enumerate(lines) if line.split("#")[0].split() == ["export", "PYTHONPATH=."])
    first_script = next(n for n, line in enumerate(lines) if line.startswith("$py docs/"))
    assert exported < first_script
