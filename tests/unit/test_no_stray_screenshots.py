"""GUI tests save pictures only into RETINA_REVIEW_SCREENSHOTS (tests/gui/screenshots.py), never into a fixed
folder such as /tmp, where every run would leave them behind."""
from __future__ import annotations

import re
from pathlib import Path

GUI_TESTS = Path(__file__).resolve().parents[1] / "gui"
FIXED_FOLDER_SAVE = re.compile(r"""\.save\(\s*(str\()?(Path\()?["'](/|[A-Za-z]:\\)|["']/tmp["']""")


def test_no_gui_test_saves_a_picture_into_a_fixed_folder() -> None:
    stray = [f"{path.name}:{number}" for path in sorted(GUI_TESTS.glob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if FIXED_FOLDER_SAVE.search(line)]
    assert stray == []
