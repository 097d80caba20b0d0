"""Each menu's access keys (the underlined letter, Alt+F then R) are its own: File had two R's (Open recent,
Report / print), Case two B's (Arbitrate case, Next B-scan) in English and Chinese, Analysis two A's in English;
Qt then cycles between the entries instead of opening one. Hidden entries count too (an OCT folder shows the
B-scan ones)."""
from __future__ import annotations

import re
from collections import Counter

import pytest
from PySide6.QtWidgets import QMenu

from app.main_window import MainWindow
from tests.gui.test_domain_messages import chinese  # noqa: F401 - a fixture
from tests.gui.test_small_screen import settings, window  # noqa: F401 - fixtures

ACCESS_KEY = re.compile(r"&([^&])")


def _clashes(title: str, entries: list) -> list[str]:
    """The access keys used more than once among ``entries`` (QActions), each with its entries' texts."""
    keys = Counter(match.group(1).lower() for action in entries if (match := ACCESS_KEY.search(action.text())))
    return [f"{title}: {key!r} in " + ", ".join(action.text() for action in entries
                                                if (match := ACCESS_KEY.search(action.text()))
                                                and match.group(1).lower() == key)
            for key, count in keys.items() if count > 1]


def _menu_clashes(menu: QMenu) -> list[str]:
    entries = [action for action in menu.actions() if not action.isSeparator()]
    return _clashes(menu.title(), entries) + [clash for action in entries if action.menu()
                                              for clash in _menu_clashes(action.menu())]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_menu_access_key_is_its_own(request, language: str) -> None:
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    window: MainWindow = request.getfixturevalue("window")
    bar = window.menuBar().actions()
    assert _clashes("menu bar", bar) == []
    assert [clash for action in bar for clash in _menu_clashes(action.menu())] == []
