"""The interface's own dialogs show every text whole in English and in Chinese (issue #16: no clipped text; the
F1 list's keys column used to clip), and keep their buttons in reach on a 1366 x 768 clinic laptop."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QRect
from PySide6.QtWidgets import QDialogButtonBox

from annotations.document import ReaderGrade
from annotations.patients import report_warnings
from app.about_action import about_content
from app.about_facts import about_facts
from app.actions import gesture_rows, shortcut_rows
from app.i18n import CHINESE, ENGLISH, LANGUAGE_NAMES, install_language
from app.lesion_source_rows import describe_lesion_sources
from app.report.model import ClinicSettings
from app.report_action import make_report_dialog
from app.settings import SettingsValues
from inference.agreement import folder_agreement
from inference.analysis_settings import AnalysisSettings
from tests.gui.clipped_text import clipped
from tests.gui.screenshots import keep_screenshot
from tests.gui.test_agreement_dialog import double_read  # noqa: F401 - fixture
from tests.unit.test_report_pdf import make_eye
from widgets.about_dialog import AboutDialog
from widgets.agreement_dialog import AgreementDialog
from widgets.export_dialog import ExportDialog
from widgets.report_dialog import LEAST_PREVIEW_WIDTH
from widgets.retrain_dialog import RetrainDialog
import widgets.screen_room
from widgets.settings_dialog import SettingsDialog
from widgets.shortcuts_dialog import ShortcutsDialog

LAPTOP_ROOM = QRect(0, 0, 1366, 728)  # a 1366 x 768 screen's free room above a 40-pixel task bar
PROJECTOR_ROOM = QRect(0, 0, 1280, 680)  # a 1280 x 720 projector's, the smallest screen a clinic shows it on
TITLE_BAR = 30  # px the window manager adds above a dialog
# a 1366 x 768 laptop at 125 % display scaling (Windows' choice for many who read small type badly): 1093 x 614
# device-independent pixels, less a 40-pixel task bar
SCALED_LAPTOP_ROOM = QRect(0, 0, 1093, 574)


@pytest.fixture(params=[ENGLISH, CHINESE])
def language(request, qapp):
    installed = install_language(QCoreApplication.instance(), request.param)
    yield request.param
    for translator in installed:
        QCoreApplication.instance().removeTranslator(translator)
    install_language(QCoreApplication.instance(), ENGLISH)


def _shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_settings_dialog_shows_every_text_whole(qtbot, language) -> None:
    long_note = "Latin: DejaVuSans.ttf (shipped); CJK: NotoSansCJK-Regular.ttc (system, /a/rather/long/path/to/the/" \
                "system/fonts/NotoSansCJK-Regular.ttc); all fonts are embedded in the PDF"
    dialog = _shown(qtbot, SettingsDialog(SettingsValues(reader="王医生").to_dict(), ["cpu", "cuda"],
                                          {"dr-grade": ["grader-v1"]}, describe_font=lambda path: long_note,
                                          languages=LANGUAGE_NAMES))
    assert clipped(dialog) == []


@pytest.fixture
def laptop_screen(monkeypatch) -> QRect:
    """Dialogs open on a 1366 x 768 laptop screen (the offscreen platform's is 800 x 800)."""
    monkeypatch.setattr(widgets.screen_room, "free_room", lambda _widget: LAPTOP_ROOM)
    return LAPTOP_ROOM


def test_settings_dialog_keeps_its_buttons_in_reach_on_a_laptop_screen(qtbot, language, laptop_screen) -> None:
    """With the shipped models' lesion sources and a folder open, its rows are taller than a 768-pixel screen in
    both languages (785 and 805 px): it opens shorter than the room, scrolls the rows, and shows OK and Cancel."""
    dialog = SettingsDialog(SettingsValues(reader="王医生").to_dict(), ["cpu", "cuda"], {},
                            reading={"name": "clinic-2026-11", "mode": "single", "blind_ai": False,
                                     "dice_threshold": 0.7, "arbiters": []},
                            languages=LANGUAGE_NAMES, describe_sources=describe_lesion_sources)
    assert dialog.sizeHint().height() > laptop_screen.height()
    _shown(qtbot, dialog)
    assert dialog.height() < laptop_screen.height() - 30  # room left for the title bar
    buttons = dialog.findChild(QDialogButtonBox)
    assert dialog.rect().contains(QRect(buttons.mapTo(dialog, QPoint(0, 0)), buttons.size()))
    scroll = dialog.scroll
    assert scroll.verticalScrollBar().isVisible()
    assert scroll.viewport().width() >= scroll.widget().minimumSizeHint().width()  # scrolled up and down only
    assert clipped(scroll.widget()) == []  # the rows keep their heights: scrolled, not squeezed
    scroll.ensureWidgetVisible(dialog.cjk_font)  # the last row is reached
    shown = QRect(dialog.cjk_font.mapTo(scroll.viewport(), QPoint(0, 0)), dialog.cjk_font.size())
    assert scroll.viewport().rect().contains(shown)


def test_settings_dialog_fits_a_scaled_laptop_screen(qtbot, language, monkeypatch) -> None:
    """Its two columns side by side were 1211 px wide in English, wider than a laptop at 125 % scaling (1093 px): the
    right column's edge, its scroll bar and Cancel were off the screen. There the columns go one under the other."""
    monkeypatch.setattr(widgets.screen_room, "free_room", lambda _widget: SCALED_LAPTOP_ROOM)
    dialog = _shown(qtbot, SettingsDialog(SettingsValues(reader="王医生").to_dict(), ["cpu", "cuda"], {},
                                          reading={"name": "clinic-2026-11", "mode": "single", "blind_ai": False,
                                                   "dice_threshold": 0.7, "arbiters": []},
                                          languages=LANGUAGE_NAMES, describe_sources=describe_lesion_sources))
    assert widgets.screen_room.fits(dialog.minimumSizeHint(), SCALED_LAPTOP_ROOM)
    assert dialog.width() <= SCALED_LAPTOP_ROOM.width() and _buttons_in_reach(dialog)
    assert clipped(dialog.scroll.widget()) == []
    scroll = dialog.scroll
    assert scroll.viewport().width() >= scroll.widget().minimumSizeHint().width()  # scrolled up and down only
    keep_screenshot(dialog, f"scaled-laptop-settings-{language}.png")


def _buttons_in_reach(dialog) -> bool:
    buttons = dialog.findChild(QDialogButtonBox)
    return dialog.rect().contains(QRect(buttons.mapTo(dialog, QPoint(0, 0)), buttons.size()))


def test_a_two_eye_report_keeps_its_buttons_in_reach_on_a_projector_screen(qtbot, language, monkeypatch) -> None:
    """Two eyes, each ungraded and not done: four warnings over the fields, and a form taller than a 1280 x 720
    projector's room in both languages (its minimum was 683 px in Chinese, Save PDF and Print under the task bar).
    The form scrolls, the preview beside it keeps the room, and the buttons stay in reach."""
    monkeypatch.setattr(widgets.screen_room, "free_room", lambda _widget: PROJECTOR_ROOM)
    eyes = [make_eye("OD"), make_eye("OS")]
    for eye in eyes:
        eye.doc.grade = ReaderGrade()
    docs, names = [eye.doc for eye in eyes], ["'IDRiD_02.jpg'", "'IDRiD_03.jpg'"]
    dialog = make_report_dialog(None, eyes, ClinicSettings(), language=language, case_labels=names,
                                warnings=lambda f, _eyes: report_warnings(docs, names, f.ai_eyes,
                                                                          QCoreApplication.translate, f.eyes))
    assert len(dialog.warnings) == 4
    _shown(qtbot, dialog)
    assert dialog.height() <= PROJECTOR_ROOM.height() - TITLE_BAR and _buttons_in_reach(dialog)
    assert clipped(dialog.form_scroll.widget()) == []  # scrolled, not squeezed
    assert dialog.preview.width() > dialog.form_scroll.width()


def test_the_report_dialog_fits_a_scaled_laptop_screen(qtbot, language, monkeypatch) -> None:
    """The fields beside a preview at least 560 px wide made it 1108 px wide in English (1068 in Chinese): on a laptop
    at 125 % scaling (1093 px) Close was off the screen's edge. The preview gives up the width the screen lacks."""
    monkeypatch.setattr(widgets.screen_room, "free_room", lambda _widget: SCALED_LAPTOP_ROOM)
    dialog = _shown(qtbot, make_report_dialog(None, [make_eye("OD")], ClinicSettings(), language=language))
    assert widgets.screen_room.fits(dialog.minimumSizeHint(), SCALED_LAPTOP_ROOM)
    assert dialog.width() <= SCALED_LAPTOP_ROOM.width() and _buttons_in_reach(dialog)
    assert clipped(dialog.form_scroll.widget()) == [] and dialog.preview.width() >= LEAST_PREVIEW_WIDTH
    keep_screenshot(dialog, f"scaled-laptop-report-{language}.png")


def test_a_report_of_cases_with_long_names_opens_within_a_laptop_screen(qtbot, language, laptop_screen) -> None:
    """Two cases named by 120-character files, each ungraded: the eyes' labels ("Eye of '…'") and the warnings naming
    them, a word Qt would not break, made the dialog 1451 px wide, past a 1366-pixel laptop's edge (Close off it).
    The labels show the names' ends, which tell the eyes apart, and the warnings wrap within the fields' column."""
    eyes = [make_eye("OD"), make_eye("OS")]
    for eye in eyes:
        eye.doc.grade = ReaderGrade()
    docs = [eye.doc for eye in eyes]
    names = [f"'{('Fundus_photograph_of_the_patient_' * 4 + eye + '.jpg')[-120:]}'" for eye in ("right_OD", "left_OS")]
    dialog = _shown(qtbot, make_report_dialog(None, eyes, ClinicSettings(), language=language, case_labels=names,
                                              warnings=lambda f, _eyes: report_warnings(
                                                  docs, names, f.ai_eyes, QCoreApplication.translate, f.eyes)))
    assert len(dialog.warnings) == 4
    assert widgets.screen_room.fits(dialog.minimumSizeHint(), laptop_screen)
    assert dialog.width() <= laptop_screen.width() and _buttons_in_reach(dialog)
    assert clipped(dialog.form_scroll.widget()) == [] and dialog.preview.width() >= LEAST_PREVIEW_WIDTH
    labels = [combo.parentWidget().layout().labelForField(combo) for combo in dialog.eyes]
    for label, name in zip(labels, names):  # "Eye of 'Fundus_ph…right_OD.jpg'", "'Fundus_ph…right_OD.jpg' 的眼别"
        assert name[-13:] in label.text() and name not in label.text() and name in label.toolTip()


def test_the_retrain_dialog_opens_within_a_laptop_screen(qtbot, laptop_screen) -> None:
    dialog = _shown(qtbot, RetrainDialog([("seg", "Lesion segmentation", 640)]))
    assert dialog.height() < laptop_screen.height() - 30


def test_the_retrain_comparison_keeps_its_choices_on_a_scaled_laptop_screen(qtbot, language, monkeypatch) -> None:
    """The dialog opened within a laptop at 125 % scaling, then grew 60-70 px when the comparison of the two models
    came: Use the new model and Keep the current one, the choice the run ends in, were under the task bar."""
    monkeypatch.setattr(widgets.screen_room, "free_room", lambda _widget: SCALED_LAPTOP_ROOM)
    dialog = _shown(qtbot, RetrainDialog([("lesion-segmentation", "Lesion segmentation", 1536)]))
    dialog.show_running()
    for step, loss in enumerate([1.2, 0.9, 0.95, 0.7, 0.6], start=1):
        dialog.add_loss_point(step, loss)
    dialog.show_results("idrid-lesions 6", "idrid-lesions-retrained", [("Mean Dice", "0.400", "0.420")] * 5,
                        ["Only 3 images held out: the figures are rough"], drawn=True,
                        doubt="The new model scores lower on HE")
    qtbot.wait(50)  # the layout's requests handled, as they are before the reader sees it
    assert widgets.screen_room.fits(dialog.size(), SCALED_LAPTOP_ROOM)
    for button in (dialog.use_button, dialog.keep_button):
        assert dialog.rect().contains(QRect(button.mapTo(dialog, QPoint(0, 0)), button.size()))
    keep_screenshot(dialog, f"scaled-laptop-retrain-results-{language}.png")


def test_shortcuts_dialog_shows_every_key_whole(qtbot, language) -> None:
    rows = shortcut_rows() + gesture_rows()
    dialog = _shown(qtbot, ShortcutsDialog(rows))
    assert clipped(dialog) == []
    dialog.resize(200, 300)  # the person cannot squeeze the columns either
    assert dialog.width() >= dialog.tree.header().length()


@pytest.mark.parametrize("open_dialog", [
    lambda folder: AboutDialog(about_content(about_facts(AnalysisSettings(), "settings.ini"))),
    lambda folder: AgreementDialog(folder_agreement(folder)),
    lambda folder: ShortcutsDialog(shortcut_rows() + gesture_rows()),
], ids=["about", "agreement", "shortcuts"])
def test_fixed_size_dialogs_open_within_a_scaled_laptop_screen(qtbot, monkeypatch, double_read, open_dialog) -> None:
    """About (620 px), Reader agreement (640) and Shortcuts (560) opened at those heights whatever the screen: on a
    laptop at 125 % scaling their buttons were under the task bar. Reader agreement also opened 1100 px wide, past
    that screen's right edge (1093). They open fitted, as every dialog does."""
    monkeypatch.setattr(widgets.screen_room, "free_room", lambda _widget: SCALED_LAPTOP_ROOM)
    dialog = _shown(qtbot, open_dialog(double_read))
    assert dialog.height() <= SCALED_LAPTOP_ROOM.height() - TITLE_BAR and _buttons_in_reach(dialog)
    assert dialog.width() <= SCALED_LAPTOP_ROOM.width()
    keep_screenshot(dialog, f"scaled-laptop-{type(dialog).__name__}.png")


def test_the_export_dialog_fits_a_scaled_laptop_screen(qtbot, language, monkeypatch) -> None:
    """Its nine formats one under another made it at least 579 px high in Chinese (553 in English): the Export and
    Close buttons were under the task bar of a laptop at 125 % scaling. There the formats take two columns."""
    monkeypatch.setattr(widgets.screen_room, "free_room", lambda _widget: SCALED_LAPTOP_ROOM)
    dialog = _shown(qtbot, ExportDialog(lambda *args, **kwargs: None, {"all": ["a"], "done": [], "selection": []},
                                        "/tmp/out"))
    least = dialog.minimumSizeHint()
    assert widgets.screen_room.fits(least, SCALED_LAPTOP_ROOM) and _buttons_in_reach(dialog)
    assert clipped(dialog) == []
    keep_screenshot(dialog, f"scaled-laptop-export-{language}.png")


@pytest.mark.parametrize("open_dialog", [
    lambda: make_report_dialog(None, [make_eye("OD")], ClinicSettings(), language=ENGLISH),
    lambda: SettingsDialog(SettingsValues().to_dict(), ["cpu"], {}, languages=LANGUAGE_NAMES),
], ids=["report", "settings"])
def test_a_dialog_whose_fields_scroll_opens_with_a_field_ready_to_type_in(qtbot, open_dialog) -> None:
    """The keyboard focus went to the scroll area around the fields, where nothing shows it and typing does nothing:
    the report dialog no longer opened with its patient's name ready to type in. The area takes no focus of its own
    (Tab still scrolls to the field it reaches)."""
    dialog = _shown(qtbot, open_dialog())
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.focusWidget() is not None)
    scroll = dialog.findChild(widgets.screen_room.VerticalScrollArea)
    assert scroll.widget().isAncestorOf(dialog.focusWidget())
