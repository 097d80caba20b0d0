"""No visible text bypasses translation: in a pseudo locale that wraps every translated string in ⟦…⟧, the main
window with a case open (menus, tool bar, docks, panels, status bar), the object list and its menu, and the
dialogs of the interface catalogue show no unwrapped words. A new dialog is covered by walking it the same way
(tests/gui/pseudo_walk.py: ``visible_texts(dialog)``)."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from annotations.classes import OCT_CNV, OCT_DME, LesionClass
from annotations.commands import AddBox
from annotations.document import Box, PatientInfo, ReaderGrade
from app import translations
from app.i18n import LANGUAGE_NAMES
from app.main_window import OPEN_COMMAND, MainWindow
from app.settings import Settings, SettingsValues
from tests.gui.pseudo_walk import PseudoTranslator, menu_texts, pseudo_locale, unwrapped, visible_texts
from tests.gui.test_main_window import _window, fundus_folder
from widgets.settings_dialog import SettingsDialog
from widgets.shortcuts_dialog import ShortcutsDialog

# Languages are named in themselves (a person who cannot read the interface still finds their own); CNV and DME are
# abbreviations, the same in every language, as lesion codes are ("CNV — ⟦choroidal neovascularisation⟧"); drusen
# and normal are words, translated.
ENDONYMS = frozenset(LANGUAGE_NAMES.values())
OCT_CODES = frozenset({OCT_CNV, OCT_DME})


@pytest.fixture
def pseudo():
    with pseudo_locale() as translator:
        yield translator


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pseudo: PseudoTranslator):
    folder = fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png"))
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(analyze_on_open=False, reader="tester"))
    return _window(qtbot, settings, folder)


def _catalogued() -> tuple[set[tuple[str, str]], set[str]]:
    """(context, source) of every entry of the committed catalogues, and the contexts their source files define
    (class names, and contexts named in QT_TRANSLATE_NOOP or QCoreApplication.translate)."""
    entries, contexts = set(), set()
    context_pattern = re.compile(r"^class (\w+)|(?:QT_TRANSLATE_NOOP|translate)\(\s*\"(\w+)\"", re.MULTILINE)
    for name, sources in translations.catalogues().items():
        for source in sources:
            text = (translations.ROOT / source).read_text(encoding="utf-8")
            contexts |= {a or b for a, b in context_pattern.findall(text)}
        for language in translations.TARGET_LANGUAGES:
            for context in ET.parse(translations.ts_file(name, language)).getroot().iter("context"):
                entries |= {(context.findtext("name", ""), m.findtext("source", "")) for m in context.iter("message")}
    return entries, contexts


def _assert_extracted(asked: set[tuple[str, str]]) -> None:
    """Text translated at run time by a catalogue's sources is in that catalogue: a string passed through a helper
    pyside6-lupdate does not read (``_tr(...)``) would be wrapped here yet never reach a translator. Qt's own
    contexts and those of files in no catalogue yet are left to test_translations."""
    entries, contexts = _catalogued()
    missing = sorted(pair for pair in asked if pair[0] in contexts and pair not in entries)
    assert not missing, f"translated at run time but in no catalogue: {missing}"


def _assert_all_translated(texts: list[tuple[str, str]], data: frozenset[str] = frozenset()) -> None:
    missed = unwrapped(texts, data=ENDONYMS | OCT_CODES | data)
    assert not missed, "shown without translation:\n" + "\n".join(f"  {where}: {text!r}" for where, text in missed)


def _walk_main_window(qtbot, window: MainWindow) -> list[tuple[str, str]]:
    """Everything the window shows with a case open, a box listed, the patient panel's hints and a status message."""
    window.cases.execute(AddBox(Box(LesionClass.HE, 10, 10, 40, 30)))
    qtbot.waitUntil(lambda: window.objects.list.rowCount() == 1, timeout=5_000)
    window.patients.panel.show_patient(PatientInfo(name="Ann"), suggested_eye="OD", others=["b.png OS"])
    window.cases.edits.set_grade(ReaderGrade(dr_grade=0))  # with a box: the case list flags it
    window.save_case()  # a status bar message
    model = window.case_list.model
    qtbot.waitUntil(lambda: any(model.summary(row).flags for row in range(model.rowCount())), timeout=5_000)
    texts = visible_texts(window)
    return texts + menu_texts(window.objects.list.show_menu(0), "object menu")


def test_main_window_shows_no_untranslated_text(qtbot, window: MainWindow, pseudo: PseudoTranslator) -> None:
    texts = _walk_main_window(qtbot, window)
    _assert_extracted(pseudo.asked)
    assert any(where == "status bar" for where, _ in texts)
    assert any("painted or boxed" in text for _, text in texts)  # the case list's ⚠ tool tip
    # the reader's name, in the title; the patient's, in the patient section's folded line; the welcome's command
    _assert_all_translated(texts, data=frozenset({"tester", "Ann", OPEN_COMMAND}))


def test_settings_and_shortcuts_dialogs_show_no_untranslated_text(qtbot, window: MainWindow,
                                                                  pseudo: PseudoTranslator) -> None:
    settings = SettingsDialog({**SettingsValues().to_dict(), "models": {"dr-grade": "gone"}}, ["cpu", "cuda"],
                              {"dr-grade": ["grader-v1"]}, window, describe_font=lambda path: "",
                              languages=LANGUAGE_NAMES)
    shortcuts = ShortcutsDialog(window.shortcut_rows(), window)
    for dialog in (settings, shortcuts):
        qtbot.addWidget(dialog)
        _assert_all_translated(visible_texts(dialog), data=frozenset({"grader-v1"}))  # a model's name
    _assert_extracted(pseudo.asked)


def test_the_walk_finds_an_untranslated_label(qtbot) -> None:
    """The check can fail: a plain string in a dialog is reported, a translated one is not."""
    from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout

    with pseudo_locale():
        dialog = QDialog()
        qtbot.addWidget(dialog)
        layout = QVBoxLayout(dialog)
        layout.addWidget(QLabel("Plain English"))
        layout.addWidget(QLabel(dialog.tr("Translated")))
        layout.addWidget(QLabel("a.png"))
        assert unwrapped(visible_texts(dialog)) == [("QLabel", "Plain English")]



def test_edit_names_in_the_history_are_translated(qtbot, qapp) -> None:
    """annotations/ names its edits in English; the history panel shows them in the interface's language."""
    from PySide6.QtCore import QCoreApplication

    from annotations.commands import SetGrade
    from annotations.document import CaseDocument
    from annotations.history import History
    from app.i18n import CHINESE, ENGLISH, install_language
    from widgets.history_panel import HistoryPanel

    history = History(CaseDocument("a", "a.png", 50, 40))
    history.execute(AddBox(Box(LesionClass.HE, 1, 1, 9, 9)))
    history.execute(SetGrade(ReaderGrade(dr_grade=2, referable=True)))
    history.execute(SetGrade(ReaderGrade(dr_grade=3, dme_risk=1, referable=True)))  # two changes, and a list
    installed = install_language(QCoreApplication.instance(), CHINESE)
    try:
        panel = HistoryPanel()
        qtbot.addWidget(panel)
        panel.set_history(history)
        assert [panel.item(row).text() for row in range(panel.count())] == [
            "打开时的病例", "添加 HE 标注框", "设置 DR 分级 2、需转诊：是", "设置 DR 分级 3、黄斑水肿风险 1"]
    finally:
        for translator in installed:
            QCoreApplication.instance().removeTranslator(translator)
        install_language(QCoreApplication.instance(), ENGLISH)


def test_the_history_names_an_oct_class_as_the_findings_panel_does(qtbot, qapp) -> None:
    """A grade edit's text holds the class's code ("Set OCT class DRUSEN"); the history and the undo action show
    its name, in the interface's language."""
    from PySide6.QtCore import QCoreApplication

    from annotations.commands import SetGrade
    from annotations.document import CaseDocument
    from annotations.history import History
    from app.i18n import CHINESE, ENGLISH, install_language
    from widgets.history_panel import EDIT_NAMES

    history = History(CaseDocument("a", "a.png", 50, 40))
    for grade in (ReaderGrade(oct_class="DRUSEN"), ReaderGrade(dr_grade=1, oct_class="CNV"),
                  ReaderGrade(dr_grade=1, oct_class="GA")):  # a code this version does not know: as stored
        history.execute(SetGrade(grade))
    assert [EDIT_NAMES(edit) for edit in history.entries] == [
        "Set OCT class Drusen", "Set DR grade 1, OCT class CNV — choroidal neovascularisation", "Set OCT class GA"]
    installed = install_language(QCoreApplication.instance(), CHINESE)
    try:
        assert EDIT_NAMES(history.entries[0]) == "设置 OCT 分类玻璃膜疣"  # fill() joins Chinese words without a space
    finally:
        for translator in installed:
            QCoreApplication.instance().removeTranslator(translator)
        install_language(QCoreApplication.instance(), ENGLISH)


def _history_of_every_region_edit() -> "History":
    """A history holding one edit of each kind the region tools, the Objects list and the candidate review make,
    with the names annotations/ gives them."""
    import numpy as np

    from annotations.document import AIResult, CaseDocument
    from annotations.history import History
    from annotations.objects import LESION, delete_object, list_objects, relabel_object
    from annotations.tools import CandidateReview, ToolContext, ToolSettings, find_candidates, make_tools

    image = np.full((40, 50, 3), 200, np.uint8)
    image[10:20, 10:20] = 40  # a dark blob to fill
    doc = CaseDocument("a", "a.png", 50, 40)
    ai_mask = np.zeros((40, 50), np.uint8)
    ai_mask[30:34, 30:34] = LesionClass.EX.bit
    doc.ai = AIResult(mask=ai_mask)
    history = History(doc)
    settings = ToolSettings(cls=LesionClass.HE, inside_fov=False)
    tools = make_tools(ToolContext(history, settings, image=lambda: image))
    tools["fill"].press(15, 15)
    tools["fill"].press(15, 15, ctrl=True)
    tools["fill"].press(15, 15)
    for name, ctrl in (("lasso", False), ("lasso", True)):
        tools[name].press(2, 2, ctrl=ctrl)
        for x, y in ((8, 2), (8, 8), (2, 8)):
            tools[name].drag(x, y)
        tools[name].release(2, 2)
    for ctrl in (False, True):
        for x, y in ((2, 2), (8, 2), (8, 8)):
            tools["polygon"].press(x, y, ctrl=ctrl and (x, y) == (2, 2))
        tools["polygon"].key("Return")
    tools["polygon"].press(2, 2)
    for x, y in ((8, 2), (8, 8), (2, 2)):
        tools["polygon"].press(x, y)
    tools["erase_component"].press(5, 5)
    review = CandidateReview(history, find_candidates(doc))
    review.accept()
    lesions = [obj for obj in list_objects(doc) if obj.kind == LESION]
    relabel_object(history, lesions[0], LesionClass.SE)
    delete_object(history, [obj for obj in list_objects(doc) if obj.kind == LESION][0])
    return history


def test_region_edit_names_in_the_history_are_translated(qtbot, qapp) -> None:
    """Fills (with their tolerance), lassos, polygons, erased blobs, deleted lesions and accepted AI candidates are
    shown in Chinese too: no English word is left beside the class codes."""
    from PySide6.QtCore import QCoreApplication

    from app.i18n import CHINESE, ENGLISH, install_language
    from widgets.history_panel import HistoryPanel

    history = _history_of_every_region_edit()
    installed = install_language(QCoreApplication.instance(), CHINESE)
    try:
        panel = HistoryPanel()
        qtbot.addWidget(panel)
        panel.set_history(history)
        rows = [panel.item(row).text() for row in range(1, panel.count())]
    finally:
        for translator in installed:
            QCoreApplication.instance().removeTranslator(translator)
        install_language(QCoreApplication.instance(), ENGLISH)
    assert len(rows) == len(history.entries) == 12
    english = [row for row in rows if re.search(r"\b(?!(?:MA|HE|EX|SE|OD|AI)\b)[A-Za-z]{2,}", row)]
    assert english == []
