"""The committed translation catalogues are complete and compiled: for every catalogue in
resources/i18n/catalogues.json, the .ts holds exactly what pyside6-lupdate extracts from its sources, every entry
is translated, and the .qm is what pyside6-lrelease makes of the .ts (lrelease output is deterministic, checked
below, so the files are compared byte for byte). Also: the translators install and translate at run time."""
from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from annotations.classes import ALL_CLASSES
from app import translations
from app.i18n import CHINESE, ENGLISH, INTERFACE_CATALOGUES, install_language
from inference.model_card import TASKS
from widgets import clinical_terms
from widgets.settings_dialog import TASK_NAMES

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = translations.catalogues()
LANGUAGES = translations.TARGET_LANGUAGES
Message = tuple[str, str, str]  # context, source, comment


def _messages(ts: Path) -> dict[Message, str]:
    """(context, source, comment) -> translation text."""
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            key = (context.findtext("name", ""), message.findtext("source", ""), message.findtext("comment", ""))
            found[key] = message.findtext("translation", "")
    return found


@pytest.fixture(params=[(name, language) for name in CATALOGUES for language in LANGUAGES],
                ids=lambda p: f"{p[0]}_{p[1]}")
def catalogue(request) -> tuple[str, str]:
    return request.param


def test_catalogue_sources_exist_and_no_file_is_in_two_catalogues() -> None:
    owners: dict[str, str] = {}
    for name, sources in CATALOGUES.items():
        assert sources == sorted(sources), f"{name}: keep the sources sorted"
        for source in sources:
            assert (ROOT / source).is_file(), f"{name}: {source} does not exist"
            assert source not in owners, f"{source} is in both {owners[source]} and {name}"
            owners[source] = name


# Which catalogue owns a file (the three-way split of issue #16); CLI code stays English and has none.
_DIALOG_WIDGETS = {"agreement_dialog", "agreement_progress", "arbitration_dialog", "export_dialog", "import_dialog",
                   "transfer_dialog", "transfer_progress", "retrain_dialog", "training_progress", "loss_curve",
                   "grade_bar_chart", "pdf_preview", "confirm", "known_texts"}
_INTERFACE_APP = {"main_window", "actions", "settings", "i18n"}


def owner(path: str) -> str | None:
    """The catalogue that must list ``path``; None for CLI code and for Qt-free code (any catalogue may list it)."""
    parts, stem = path.split("/"), Path(path).stem
    if parts[0] not in ("app", "widgets"):
        return None
    if parts[0] == "widgets":
        if stem in ("clinical_terms", "findings_panel"):
            return "clinical"
        if stem in ("report_dialog", "report_fields"):
            return "report"
        return "dialogs" if stem in _DIALOG_WIDGETS else "interface"
    if parts[1] in ("commands", "cli.py", "translations.py"):
        return None
    if parts[1] == "report" or stem in ("report_action", "report_controller"):
        return "report"
    return "interface" if stem in _INTERFACE_APP else "dialogs"


def test_every_file_that_marks_strings_is_in_its_catalogue() -> None:
    """A file whose catalogue exists is listed in it when it marks strings (else they would never be
    translated); each listed file is in the catalogue that owns it."""
    marking = re.compile(r"\.tr\(|QCoreApplication\.translate\(|QT_TRANSLATE_NOOP\(")
    for folder in ("app", "widgets"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            catalogue = owner(relative)
            if catalogue in CATALOGUES and marking.search(path.read_text(encoding="utf-8")):
                assert relative in CATALOGUES[catalogue], f"{relative} marks strings but is not in {catalogue}"
    for name, sources in CATALOGUES.items():
        assert [source for source in sources if owner(source) not in (None, name)] == []


def test_ts_holds_every_source_string_translated(catalogue: tuple[str, str], tmp_path: Path) -> None:
    name, language = catalogue
    committed = translations.ts_file(name, language)
    assert committed.is_file(), f"{committed} missing: run python -m app.translations"
    fresh = tmp_path / committed.name
    shutil.copy(committed, fresh)
    translations.lupdate(CATALOGUES[name], fresh, language)  # merges the sources' strings as they are now
    assert set(_messages(fresh)) == set(_messages(committed)), "the .ts is stale: run python -m app.translations"
    assert translations.unfinished(committed) == []


def test_lrelease_is_deterministic_and_the_qm_is_compiled_from_the_ts(catalogue: tuple[str, str],
                                                                       tmp_path: Path) -> None:
    name, language = catalogue
    ts = translations.ts_file(name, language)
    first, second = tmp_path / "first.qm", tmp_path / "second.qm"
    translations.lrelease(ts, first)
    translations.lrelease(ts, second)
    assert first.read_bytes() == second.read_bytes()
    assert translations.qm_file(name, language).read_bytes() == first.read_bytes(), \
        "the .qm is stale: run python -m app.translations"


def test_placeholders_survive_translation(catalogue: tuple[str, str]) -> None:
    """A translation keeps the source's {names}, %1, and %s or %(name)s markers (argparse's reasons:
    app.command_help.refusals), or .format() or % would fail or drop a value."""
    name, language = catalogue
    marker = re.compile(r"\{\w*(?::[^{}]*)?\}|%\d|%(?:\(\w+\))?[sr]")
    for (context, source, _), text in _messages(translations.ts_file(name, language)).items():
        assert sorted(marker.findall(text)) == sorted(marker.findall(source)), f"{context}: {source!r} -> {text!r}"


def test_marked_name_tables_match_the_data() -> None:
    """Names spelt out for pyside6-lupdate are the data's own."""
    assert set(TASK_NAMES) == set(TASKS)


@pytest.fixture
def chinese():
    installed = install_language(QCoreApplication.instance(), CHINESE)
    yield installed
    for translator in installed:
        QCoreApplication.instance().removeTranslator(translator)
    install_language(QCoreApplication.instance(), ENGLISH)


def test_chinese_installs_qt_and_every_present_catalogue(qapp, chinese) -> None:
    present = [name for name in INTERFACE_CATALOGUES if (translations.I18N_DIR / f"{name}_zh_CN.qm").is_file()]
    assert len(chinese) == 1 + len(present)  # Qt's own (standard buttons) and ours
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert clinical_terms.lesion_name(ALL_CLASSES[0]) == "微动脉瘤"
    assert clinical_terms.grade_name(1) == "轻度非增殖期"
    assert QCoreApplication.translate("SettingsDialog", "Settings") == "设置"


def test_shortcuts_in_chinese_name_each_key_once(qapp, chinese) -> None:
    """Qt names Return and Enter both 回车: "Ctrl+Return, Ctrl+Enter" is listed as one key, not the same twice."""
    from app.actions import shortcut_rows

    keys = {text: keys for _, text, keys in shortcut_rows()}
    assert keys["将病例标记为已完成"] == "Ctrl+回车"
    assert all(len(set(text.split(", "))) == len(text.split(", ")) for text in keys.values())


def test_a_review_state_reads_alike_in_the_case_list_its_filter_and_the_findings(qapp, chinese) -> None:
    """The list said 待处理 for a case whose Review box said 待阅片: two words for one state."""
    from annotations.document import ReviewState
    from widgets.case_list import STATE_FILTER_TEXT, STATE_TEXT
    from widgets.findings_panel import REVIEW_TEXT

    for state in ReviewState:
        shown = {QCoreApplication.translate(context, texts[state]) for context, texts in (
            ("CaseTableModel", STATE_TEXT), ("CaseListWidget", STATE_FILTER_TEXT), ("FindingsPanel", REVIEW_TEXT))}
        assert len(shown) == 1, shown
