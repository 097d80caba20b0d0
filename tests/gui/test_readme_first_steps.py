"""README's "First steps / 快速上手" and its Review bullet, as a new reader follows them: every key they name is in
F1's list, and every menu path they name is a menu item as the window shows it (in Chinese for the Chinese
paragraphs), "…" included."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.main_window import MainWindow
from app.settings import Settings

README = Path(__file__).resolve().parents[2] / "README.md"
CJK = re.compile(r"[\u4e00-\u9fff]")
SAME_KEYS = {"Enter": "Return"}  # README says Enter, Qt's list Return: one key


def _section(start: str, end: str) -> str:
    text = README.read_text(encoding="utf-8")
    return text[text.index(start):text.index(end, text.index(start))]


FIRST_STEPS = _section("## First steps / 快速上手", "\n## ")
REVIEW = _section("- **Review**", "\n- **Patient**")
ENGLISH_TEXTS = [p for p in FIRST_STEPS.split("\n\n") if not CJK.search(p)] + [REVIEW]
CHINESE_TEXTS = [p for p in FIRST_STEPS.split("\n\n") if CJK.search(p)]


def _keys(text: str) -> set[str]:
    """The keys ``text`` names: <kbd>Ctrl</kbd>+<kbd>.</kbd> is Ctrl+., <kbd>0</kbd>–<kbd>4</kbd> each digit."""
    text = text.replace("</kbd>+<kbd>", "+")
    keys = set(re.findall(r"<kbd>([^<]+)</kbd>", text))
    for first, last in re.findall(r"<kbd>(\d)</kbd>–<kbd>(\d)</kbd>", text):
        keys.update(str(digit) for digit in range(int(first), int(last) + 1))
    return keys


def _menu_paths(text: str) -> list[list[str]]:
    """*File ▸ Open folder…* as ["File", "Open folder…"], however the line breaks it."""
    return [[part.strip() for part in " ".join(path.split()).split("▸")]
            for path in re.findall(r"\*([^*]+▸[^*]+)\*", text)]


def _shown(text: str) -> str:
    """A menu text as the reader sees it: no mnemonic ("&Open", "打开(&O)"), its "…" kept."""
    return re.sub(r"\(&\w\)|&", "", text)


def _menu_items(window: MainWindow) -> set[tuple[str, ...]]:
    """Every path through the menu bar, as shown: ("File",), ("File", "Open folder…"), …"""
    found: set[tuple[str, ...]] = set()

    def walk(menu, path: tuple[str, ...]) -> None:  # noqa: ANN001 - a QMenu
        found.add(path)
        for action in menu.actions():
            if action.isSeparator():
                continue
            item = (*path, _shown(action.text()))
            if action.menu() is not None:
                walk(action.menu(), item)
            else:
                found.add(item)

    for top in window.menuBar().actions():
        walk(top.menu(), (_shown(top.text()),))
    return found


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    window = MainWindow(Settings.from_file(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    return window


def test_the_readme_names_keys_and_menu_paths() -> None:
    """Guards the parsing below: a section renamed would leave the other tests checking nothing."""
    assert {"Ctrl+O", "Ctrl+G", "0", "4", "Ctrl+Enter", "F1", "B", "5", "Ctrl+E", "Ctrl+."} <= _keys(
        "".join(ENGLISH_TEXTS))
    assert ["文件", "打开文件夹…"] in _menu_paths("".join(CHINESE_TEXTS))
    assert ["File", "Report / print…"] in _menu_paths("".join(ENGLISH_TEXTS))


def test_every_key_the_readme_names_is_in_f1s_list(window: MainWindow) -> None:
    listed = {SAME_KEYS.get(key, key) for *_, keys in window.shortcut_rows() for key in keys.split(", ")}
    named = _keys("".join(ENGLISH_TEXTS + CHINESE_TEXTS))
    assert sorted(key for key in named if SAME_KEYS.get(key, key) not in listed) == []


def test_the_grade_keys_the_readme_names_are_f1s_chords(window: MainWindow) -> None:
    """"<kbd>Ctrl+G</kbd> then <kbd>0</kbd>–<kbd>4</kbd>" is listed as Ctrl+G, 0 … Ctrl+G, 4."""
    listed = {keys for *_, keys in window.shortcut_rows()}
    chords = re.findall(r"<kbd>([^<]+)</kbd> then <kbd>(\d)</kbd>–<kbd>(\d)</kbd>", "".join(ENGLISH_TEXTS))
    assert len(chords) >= 2
    named = {f"{first}, {digit}" for first, low, high in chords for digit in range(int(low), int(high) + 1)}
    assert sorted(named - listed) == []


def test_every_menu_path_the_readme_names_is_in_the_menus(window: MainWindow) -> None:
    shown = _menu_items(window)
    assert [path for path in _menu_paths("".join(ENGLISH_TEXTS)) if tuple(path) not in shown] == []


def test_every_menu_path_of_the_chinese_paragraphs_is_in_the_chinese_menus(chinese_interface, qtbot,
                                                                          tmp_path: Path) -> None:
    window = MainWindow(Settings.from_file(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    shown = _menu_items(window)
    assert [path for path in _menu_paths("".join(CHINESE_TEXTS)) if tuple(path) not in shown] == []

