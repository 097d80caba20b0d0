"""The export, import, report, arbitration, agreement, retrain and settings dialogs and the unsaved-edits question
are worked by keys as the menus are: every choice, field and
action has an access key (Alt + the underlined letter), each its own, in English and in Chinese. Before, Alt+letter
did nothing in these dialogs, and a grades CSV export took 14 Tabs and arrows."""
from __future__ import annotations

import re
from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox, QFormLayout, QGroupBox,
                               QLabel, QWidget)

from annotations.reading.side_by_side import prepare_arbitration
from app.report.model import ClinicSettings
from app.report_action import make_report_dialog
from app.settings import SettingsValues
from tests.gui.test_domain_messages import chinese  # noqa: F401 - a fixture
from tests.gui.test_dialogs_translated import double_read
from tests.unit.reading_fixtures import case_of
from tests.unit.test_report_pdf import make_eye
from inference.agreement import folder_agreement
from widgets.agreement_dialog import AgreementDialog
from widgets.arbitration_dialog import ArbitrationDialog
from widgets.export_dialog import ExportDialog
from widgets.import_dialog import ImportDialog
from widgets.retrain_dialog import RetrainDialog
from widgets.settings_dialog import SettingsDialog
from widgets.unsaved_edits_box import UnsavedEditsBox

ACCESS_KEY = re.compile(r"&([^&])")


def access_key(text: str) -> str | None:
    match = ACCESS_KEY.search(text)
    return match.group(1).lower() if match else None


def clashes(dialog: QDialog) -> list[str]:
    """The keys that more than one shown button or field label of ``dialog`` has. A standard Close button counts as
    "&Close": Qt's GNOME theme labels it so (offscreen it has no key), and Alt+C then only cycled with "&CVAT"."""
    closes = {box.button(QDialogButtonBox.StandardButton.Close) for box in dialog.findChildren(QDialogButtonBox)}
    texts = [("&" + button.text()) if button in closes and access_key(button.text()) is None else button.text()
             for button in dialog.findChildren(QAbstractButton) if button.isVisibleTo(dialog)]
    texts += [label.text() for label in dialog.findChildren(QLabel) if label.buddy() is not None]
    keys = Counter(key for text in texts if (key := access_key(text)))
    return [f"{key!r}: " + ", ".join(t for t in texts if access_key(t) == key) for key, n in keys.items() if n > 1]


def press_alt(qtbot, dialog: QDialog, key: str) -> None:
    """Alt+``key`` as a person types it: to the active dialog's focused widget (access keys are shortcuts)."""
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(QApplication.focusWidget() or dialog, key, Qt.KeyboardModifier.AltModifier)


def field_label(form: QFormLayout, field: QWidget) -> str:
    label = form.labelForField(field)
    assert isinstance(label, QLabel) and label.buddy() is field
    return label.text()


@pytest.fixture(params=["en", "zh_CN"])
def language(request) -> str:
    if request.param == "zh_CN":
        request.getfixturevalue("chinese")
    return request.param


def test_every_export_choice_has_a_key_of_its_own(qtbot, language: str) -> None:
    everything = {"all": ["a"], "done": ["a"], "shown": ["a"], "selection": ["a"]}
    dialog = ExportDialog(lambda *args, **kwargs: "", everything, "/tmp/out")
    qtbot.addWidget(dialog)
    controls = [*dialog.format_boxes.values(), *dialog.scope_buttons.values(), dialog.overwrite_box,
                dialog.export_button, dialog.cancel_button]  # Cancel export had none, as Import's had not
    assert [c.text() for c in controls if access_key(c.text()) is None] == []
    folder_label = next(label for label in dialog.findChildren(QLabel) if label.buddy() is dialog.folder_edit)
    assert access_key(folder_label.text()) is not None
    assert clashes(dialog) == []
    press_alt(qtbot, dialog, access_key(dialog.format_boxes["csv"].text()))
    qtbot.waitUntil(lambda: dialog.chosen_formats() == ["voc", "csv"])  # a button's key clicks it, animated


def test_every_report_field_and_action_has_a_key_of_its_own(qtbot, language: str) -> None:
    dialog = make_report_dialog(None, [make_eye("OD")], ClinicSettings(name="Clinic"), reader="Dr. Reader")
    qtbot.addWidget(dialog)
    forms = dialog.findChildren(QFormLayout)
    fields = [dialog.name, dialog.patient_id, dialog.age, dialog.sex, dialog.exam_date, dialog.reader, dialog.template,
              dialog.paper, dialog.language, dialog.diagnosis, dialog.recommendation]
    labels = [next(field_label(form, field) for form in forms if form.labelForField(field)) for field in fields]
    assert [text for text in labels if access_key(text) is None] == []
    buttons = [dialog.update_button, dialog.save_button, dialog.dicom_button, dialog.print_button]
    assert [b.text() for b in buttons if access_key(b.text()) is None] == []
    assert clashes(dialog) == []
    press_alt(qtbot, dialog, access_key(labels[fields.index(dialog.diagnosis)]))
    assert dialog.diagnosis.hasFocus()


def test_every_import_field_and_action_has_a_key_of_its_own(qtbot, language: str) -> None:
    """The Import dialog had none: its format, folder and label map were reached by Tab alone."""
    dialog = ImportDialog(lambda *args: "")
    qtbot.addWidget(dialog)
    fields = [dialog.format_box, dialog.source_edit, dialog.label_map_edit]
    labels = [next(label.text() for label in dialog.findChildren(QLabel) if label.buddy() is field)
              for field in fields]
    assert [text for text in labels if access_key(text) is None] == []
    buttons = [button for button in dialog.findChildren(QAbstractButton)
               if button.isVisibleTo(dialog) and button is not dialog.close_button]  # Qt's own (clashes: "&Close")
    assert [b.text() for b in buttons if access_key(b.text()) is None] == []
    assert clashes(dialog) == []
    press_alt(qtbot, dialog, access_key(labels[1]))
    assert dialog.source_edit.hasFocus()


def test_every_arbitration_choice_and_action_has_a_key_of_its_own(qtbot, language: str, tmp_path) -> None:
    """The arbiter's dialog, met for every disputed case, had none: its grades and buttons by Tab alone."""
    dialog = ArbitrationDialog(prepare_arbitration(double_read(tmp_path / "photos"), case_of(0)), "'img0.png'")
    qtbot.addWidget(dialog)
    fields = [dialog.choice.button(0), *dialog.finals.values()]
    labels = [next(label.text() for label in dialog.findChildren(QLabel) if label.buddy() is field)
              for field in fields]
    assert [text for text in labels if access_key(text) is None] == []
    buttons = [dialog.save_button, dialog.correct_button]
    assert [b.text() for b in buttons if access_key(b.text()) is None] == []
    assert clashes(dialog) == []
    press_alt(qtbot, dialog, access_key(labels[-1]))
    assert list(dialog.finals.values())[-1].hasFocus()


def test_the_agreement_dialogs_choices_have_keys_of_their_own(qtbot, language: str, tmp_path) -> None:
    """Its pair of readers and the finding the confusion compares were reached by Tab alone."""
    dialog = AgreementDialog(folder_agreement(double_read(tmp_path / "photos")))
    qtbot.addWidget(dialog)
    fields = [dialog.pair_choice, dialog.scale_choice]
    labels = [next(label.text() for label in dialog.findChildren(QLabel) if label.buddy() is field)
              for field in fields]
    assert [text for text in labels if access_key(text) is None] == []
    assert clashes(dialog) == []
    press_alt(qtbot, dialog, access_key(labels[1]))
    assert dialog.scale_choice.hasFocus()


def test_every_retrain_field_and_action_has_a_key_of_its_own(qtbot, language: str) -> None:
    """Start, Finish now, Use the new model, Keep the current one: the choices a run ends in, by Tab alone before.
    They show at different stages, so no two of any stage's may share a key: none of all of them does."""
    dialog = RetrainDialog([("lesions", "Lesions", 0)])
    qtbot.addWidget(dialog)
    dialog.offer_go_back("tiny-seg")
    dialog.show_running()  # names Finish now
    fields = [dialog.task_box, dialog.epochs_box, dialog.size_box]
    labels = [next(label.text() for label in dialog.findChildren(QLabel) if label.buddy() is field)
              for field in fields]
    buttons = [dialog.start_button, dialog.cancel_button, dialog.finish_button, dialog.use_button,
               dialog.keep_button, dialog.go_back_button, dialog.close_button]
    texts = labels + [button.text() for button in buttons]
    assert [text for text in texts if access_key(text) is None] == []
    assert len({access_key(text) for text in texts}) == len(texts), texts


def test_the_unsaved_edits_question_has_a_key_for_each_answer(qtbot, language: str) -> None:
    """Try again and Close without saving, asked as a folder closes, had none."""
    box = UnsavedEditsBox(["'a.png'"], ["/share/a.png: saving failed"])
    qtbot.addWidget(box)
    assert [b.text() for b in box.buttons() if b is not box.button(box.StandardButton.Cancel)
            and access_key(b.text()) is None] == []
    assert clashes(box) == []


def test_every_setting_has_a_key_of_its_own(qtbot, language: str) -> None:
    """Settings had none: the clinic's logo, under three groups, took some twenty Tabs. The groups of a model per task
    and of a threshold per lesion class have one each, which goes to the group's first field."""
    folder = {"name": "screening", "mode": "double", "blind_ai": False, "dice_threshold": 0.5, "arbiters": ()}
    dialog = SettingsDialog(SettingsValues(reader="Anna").to_dict(), ["cpu"], {}, reading=folder)
    qtbot.addWidget(dialog)
    box = dialog.reading
    fields = [dialog.reader, box.threshold, box.arbiters, dialog.device, dialog.autosave, dialog.language,
              dialog.clinic_name, dialog.clinic_address, dialog.clinic_logo, dialog.cjk_font]
    labels = [next(label.text() for label in dialog.findChildren(QLabel) if label.buddy() is field) for field in fields]
    firsts = [next(iter(dialog.models.values())), next(iter(dialog.threshold_rows.values()))]  # of the lists' groups
    groups = [next(g.title() for g in dialog.findChildren(QGroupBox) if g.isAncestorOf(first)) for first in firsts]
    buttons = [button.text() for button in dialog.findChildren(QAbstractButton) if button.isVisibleTo(dialog)
               and button not in dialog.findChild(QDialogButtonBox).buttons()]
    texts = labels + groups + buttons
    assert [text for text in texts if access_key(text) is None] == []
    assert clashes(dialog) == [] and len({access_key(text) for text in texts} | {"o", "c"}) == len(texts) + 2, \
        texts  # none twice, nor OK's and Cancel's (Qt's GNOME theme: "&OK", "&Cancel")
    press_alt(qtbot, dialog, access_key(labels[fields.index(dialog.clinic_logo)]))
    assert dialog.clinic_logo.hasFocus()
    press_alt(qtbot, dialog, access_key(groups[0]))
    assert firsts[0].hasFocus()
