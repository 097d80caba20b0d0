"""Settings ▸ lesion thresholds say which source draws each class with the chosen models (the pipeline's own rule,
inference.lesion_sources), disable the threshold of a class the classical detector draws, show the model's own
threshold beside the reader's and step finely enough for a card's 0.975.

Set RETINA_REVIEW_SCREENSHOTS=/some/folder to save the dialog in English and Chinese as PNGs."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from annotations.threshold_scale import NO_ANCHOR, anchored_threshold
from app.lesion_source_rows import describe_lesion_sources
from app.settings import SettingsValues
from inference.model_card import load_card
from inference.registry import ModelRegistry
from tests.gui.screenshots import keep_screenshot, screenshot_folder
from tests.gui.test_domain_messages import chinese  # noqa: F401 - a fixture
from tests.unit.test_inference_fixtures import saved_model, tiny_segmentation_card
from widgets.settings_dialog import SettingsDialog


@pytest.fixture
def models_dir(tmp_path: Path, monkeypatch) -> Path:
    """The user models folder, empty: the shipped models decide."""
    folder = tmp_path / "models"
    folder.mkdir()
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(folder))
    return folder


def dialog_with(qtbot, installed: dict[str, list[str]] | None = None) -> SettingsDialog:
    dialog = SettingsDialog(SettingsValues().to_dict(), ["cpu"], installed or {},
                            describe_sources=describe_lesion_sources)
    qtbot.addWidget(dialog)
    return dialog


def test_with_the_shipped_models_the_lesion_model_draws_ex_and_se_at_its_own_thresholds(qtbot,
                                                                                     models_dir: Path) -> None:
    dialog = dialog_with(qtbot)
    thresholds = load_card(ModelRegistry.bundled().find("idrid-lesions")).thresholds
    for name in ("EX", "SE"):
        row = dialog.threshold_rows[name]
        assert row.spin.isEnabled() and row.source.text() == "drawn by idrid-lesions"
        assert row.own.text() == f"model's own: {thresholds[name]:g}"


def test_he_names_both_averaged_models_and_both_thresholds_the_readers_replaces(qtbot, models_dir: Path) -> None:
    """HE is the mean of he-candidates' and idrid-lesions' probabilities on large photos, cut at he-candidates' own
    threshold; on smaller photos idrid-lesions draws it alone at its own: the row names both models and both
    thresholds (it showed he-candidates and the averaged map's threshold only)."""
    he = dialog_with(qtbot).threshold_rows["HE"]
    bundled = ModelRegistry.bundled()
    averaged = load_card(bundled.find("he-candidates")).threshold("HE")
    alone = load_card(bundled.find("idrid-lesions")).thresholds["HE"]
    assert he.source.text() == ("drawn by he-candidates averaged with idrid-lesions, the threshold cutting their mean; "
                                "on photos whose field is under 1202 px across: drawn by idrid-lesions")
    assert he.own.text() == f"model's own: {averaged:g} on the averaged map; {alone:g} where the field is under 1202 px"
    assert he.spin.isEnabled() and he.spin.toolTip() == (
        f"On photos whose field is under 1202 px across a threshold set here is moved onto the model's own there "
        f"({alone:g}).")


def test_the_he_tip_names_what_the_readers_threshold_cuts_on_small_photos(qtbot, models_dir: Path) -> None:
    """HE 0.6 set against the averaged map's 0.48 cuts idrid-lesions' map, alone on photos under 1202 px, at 0.923
    (its own 0.9 moved as far); the tip said it replaced both models' own."""
    values = SettingsValues()
    values.thresholds["HE"], values.threshold_anchors["HE"] = 0.6, 0.48
    dialog = SettingsDialog(values.to_dict(), ["cpu"], {}, describe_sources=describe_lesion_sources)
    qtbot.addWidget(dialog)
    he = dialog.threshold_rows["HE"]
    assert he.spin.value() == 0.6
    assert he.spin.toolTip() == ("On photos whose field is under 1202 px across it cuts at 0.923 (the model's own "
                                 "there: 0.9). Set against the model's own 0.48; moves with it when the models "
                                 "change.")


def he_left_to_the_classical_detector(models_dir: Path) -> None:
    """A user's lesion model that leaves HE to the classical detector (as idrid-lesions did before version 3)."""
    card = tiny_segmentation_card(name="he-classical")
    card.classical_classes = ["HE"]
    saved_model(models_dir, card)  # the user's models come first: the automatic choice


def test_a_class_the_classical_detector_draws_has_no_threshold_and_says_why(qtbot, models_dir: Path) -> None:
    he_left_to_the_classical_detector(models_dir)
    he = dialog_with(qtbot, {"lesion-segmentation": ["he-classical", "idrid-lesions"]}).threshold_rows["HE"]
    assert not he.spin.isEnabled() and not he.own.text()
    assert he.source.text() == "drawn by classical lesion detector"
    assert he.spin.toolTip().startswith("No threshold applies to HE with these models")


def test_ma_is_drawn_by_the_candidates_model_on_large_photos_and_its_threshold_applies(qtbot, models_dir) -> None:
    """ma-candidates averages its dots' map with idrid-lesions' CLAHE member's MA; beside another lesion model (one
    keeping MA classical, below) it draws alone at its own 0.975."""
    ma = dialog_with(qtbot).threshold_rows["MA"]
    averaged = load_card(ModelRegistry.bundled().find("ma-candidates")).threshold("MA")
    assert ma.spin.isEnabled() and ma.own.text() == f"model's own: {averaged:g} on the averaged map"
    assert ma.source.text() == ("drawn by ma-candidates averaged with idrid-lesions, the threshold cutting their mean; "
                                "on photos whose field is under 1202 px across: drawn by classical lesion detector")


def test_the_threshold_steps_by_thousandths_to_the_cards_0_975_and_keeps_it(qtbot, models_dir) -> None:
    dialog = dialog_with(qtbot)
    spin = dialog.threshold_rows["MA"].spin
    assert (spin.decimals(), spin.singleStep(), spin.maximum()) == (3, 0.005, 0.999)
    spin.setValue(0.97)
    spin.stepUp()
    assert spin.text() == "0.975"
    assert SettingsValues.from_dict(dialog.values()).thresholds["MA"] == 0.975
    spin.setValue(0.0)
    spin.stepDown()  # one step below zero: the model's own again
    assert spin.text() == "model's own" and SettingsValues.from_dict(dialog.values()).thresholds["MA"] < 0


def test_choosing_another_lesion_model_updates_the_rows(qtbot, models_dir: Path) -> None:
    card = tiny_segmentation_card(name="all-pixels")  # draws MA, HE, EX and SE itself
    card.thresholds = {"HE": 0.6}
    saved_model(models_dir, card)  # the user's models come first: the automatic choice
    dialog = dialog_with(qtbot, {"lesion-segmentation": ["all-pixels", "idrid-lesions"]})
    he = dialog.threshold_rows["HE"]
    assert he.spin.isEnabled() and he.source.text() == "drawn by all-pixels" and he.own.text() == "model's own: 0.6"
    combo = dialog.models["lesion-segmentation"]
    combo.setCurrentIndex(combo.findData("idrid-lesions"))
    assert he.spin.isEnabled() and he.source.text().startswith("drawn by he-candidates averaged with idrid-lesions")
    ex = dialog.threshold_rows["EX"]
    assert ex.source.text() == "drawn by idrid-lesions"


def anchored_dialog(qtbot, models_dir: Path, values: SettingsValues) -> SettingsDialog:
    """The dialog on ``values`` with he-classical (keeping MA classical) chosen: ma-candidates draws MA alone at its
    own 0.975 beside it, and its averaged map at 0.499 beside idrid-lesions."""
    he_left_to_the_classical_detector(models_dir)
    dialog = SettingsDialog(values.to_dict(), ["cpu"], {"lesion-segmentation": ["he-classical", "idrid-lesions"]},
                            describe_sources=describe_lesion_sources)
    qtbot.addWidget(dialog)
    return dialog


def choose_lesion_model(dialog: SettingsDialog, name: str) -> None:
    combo = dialog.models["lesion-segmentation"]
    combo.setCurrentIndex(combo.findData(name))


def test_the_row_shows_the_readers_threshold_moved_onto_the_chosen_models_own(qtbot, models_dir: Path) -> None:
    """MA set at 0.95 against ma-candidates' own 0.975 (drawing alone) applies to its averaged map, whose own cut is
    0.499, as 0.486: as much stricter than the model's own; the row shows what applies."""
    values = SettingsValues()
    values.thresholds["MA"], values.threshold_anchors["MA"] = 0.95, 0.975
    dialog = anchored_dialog(qtbot, models_dir, values)
    ma = dialog.threshold_rows["MA"]
    assert ma.spin.value() == 0.95 and ma.own.text().startswith("model's own: 0.975")
    assert ma.spin.toolTip().endswith("Set against the model's own 0.975; moves with it when the models change.")
    choose_lesion_model(dialog, "idrid-lesions")
    averaged = load_card(ModelRegistry.bundled().find("ma-candidates")).threshold("MA")
    assert ma.spin.value() == round(anchored_threshold(0.95, 0.975, averaged), 3) == 0.486
    assert ma.own.text() == f"model's own: {averaged:g} on the averaged map"
    _grab(qtbot, dialog, "settings_thresholds_anchored_en.png")
    choose_lesion_model(dialog, "he-classical")
    assert ma.spin.value() == 0.95


def test_an_edited_row_is_set_against_the_own_threshold_it_was_shown_on(qtbot, models_dir: Path) -> None:
    dialog = anchored_dialog(qtbot, models_dir, SettingsValues())
    choose_lesion_model(dialog, "idrid-lesions")
    averaged = load_card(ModelRegistry.bundled().find("ma-candidates")).threshold("MA")
    dialog.threshold_rows["MA"].spin.setValue(0.6)
    edited = SettingsValues.from_dict(dialog.values())
    assert (edited.thresholds["MA"], edited.threshold_anchors["MA"]) == (0.6, averaged)
    assert edited.threshold_anchors["HE"] == NO_ANCHOR, "an unedited row keeps its anchor"
    choose_lesion_model(dialog, "he-classical")  # ma-candidates alone: own 0.975
    assert dialog.threshold_rows["MA"].spin.value() == round(anchored_threshold(0.6, averaged, 0.975), 3) == 0.98
    dialog.threshold_rows["MA"].spin.setValue(-0.005)  # back to the model's own: no anchor
    assert dialog.values()["threshold_anchors"]["MA"] == NO_ANCHOR and dialog.values()["thresholds"]["MA"] < 0


@pytest.mark.parametrize(("model", "shown"), [("he-classical", 0.98), ("idrid-lesions", 0.486)])
def test_stepping_away_from_a_shown_threshold_and_back_changes_nothing(qtbot, models_dir: Path, model: str,
                                                                       shown: float) -> None:
    """MA 0.6 set against the averaged map's 0.499 shows as 0.980 on ma-candidates alone (own 0.975), and 0.95 set
    against 0.975 as 0.486 on the averaged map: a step up and back down set them against the shown model's own at
    the rounded value, and 0.6 came back as 0.598 (0.95 as 0.950 shown, 0.9496 cut)."""
    averaged = load_card(ModelRegistry.bundled().find("ma-candidates")).threshold("MA")
    values = SettingsValues()
    values.thresholds["MA"], values.threshold_anchors["MA"] = (0.6, averaged) if shown == 0.98 else (0.95, 0.975)
    dialog = anchored_dialog(qtbot, models_dir, values)
    choose_lesion_model(dialog, model)
    spin = dialog.threshold_rows["MA"].spin
    assert spin.value() == shown
    spin.stepUp()
    spin.stepDown()
    assert spin.value() == shown
    returned = SettingsValues.from_dict(dialog.values())
    assert (returned.thresholds["MA"], returned.threshold_anchors["MA"]) == (values.thresholds["MA"],
                                                                             values.threshold_anchors["MA"])


def test_a_threshold_edited_without_the_models_own_keeps_its_anchor(qtbot) -> None:
    """Where the dialog cannot tell the models' own, the row shows the reader's threshold as set, on the scale of
    the own it was set against: an edit there is still set against that one, not made absolute."""
    values = SettingsValues()
    values.thresholds["MA"], values.threshold_anchors["MA"] = 0.95, 0.975
    dialog = SettingsDialog(values.to_dict(), ["cpu"], {})
    qtbot.addWidget(dialog)
    dialog.threshold_rows["MA"].spin.setValue(0.9)
    returned = SettingsValues.from_dict(dialog.values())
    assert (returned.thresholds["MA"], returned.threshold_anchors["MA"]) == (0.9, 0.975)


def test_opening_and_closing_the_dialog_changes_no_threshold(qtbot, models_dir: Path) -> None:
    """Rows show the thresholds moved onto the chosen models' own, rounded to the spin box's thousandths; closing
    the dialog unedited, even after switching models, gives back the reader's values and anchors as they were (an
    absolute one of settings saved before anchors stays absolute)."""
    values = SettingsValues()
    values.thresholds.update(MA=0.95, HE=0.3, EX=0.4)
    values.threshold_anchors.update(MA=0.975, EX=0.3)
    dialog = anchored_dialog(qtbot, models_dir, values)
    choose_lesion_model(dialog, "idrid-lesions")
    assert dialog.threshold_rows["HE"].spin.value() == 0.3  # absolute
    assert dialog.threshold_rows["HE"].spin.toolTip().endswith("An absolute probability: it stays when the models "
                                                               "change.")
    returned = SettingsValues.from_dict(dialog.values())
    assert (returned.thresholds, returned.threshold_anchors) == (values.thresholds, values.threshold_anchors)


def test_a_threshold_whose_anchor_cannot_carry_it_is_called_absolute(qtbot, models_dir: Path) -> None:
    """An anchor of 0 (a hand-edited settings file) leaves the threshold absolute (anchored_threshold): the tip said
    it was set against the model's own 0."""
    values = SettingsValues()
    values.thresholds["EX"], values.threshold_anchors["EX"] = 0.4, 0.0
    ex = anchored_dialog(qtbot, models_dir, values).threshold_rows["EX"]
    assert ex.spin.value() == 0.4
    assert ex.spin.toolTip() == "An absolute probability: it stays when the models change."


def test_the_rows_speak_chinese(qtbot, models_dir, chinese) -> None:
    he_left_to_the_classical_detector(models_dir)
    dialog = dialog_with(qtbot, {"lesion-segmentation": ["he-classical", "idrid-lesions"]})
    rows = dialog.threshold_rows
    assert rows["HE"].source.text() == "由经典病灶检测器绘制"
    assert rows["MA"].own.text() == "模型自带：0.975；视野直径小于 1202 像素的照片上为 0.5"  # he-classical's MA there
    assert rows["HE"].spin.toolTip().startswith("使用这些模型时，HE 不受阈值影响")
    _grab(qtbot, dialog, "settings_thresholds_zh_CN.png")
    combo = dialog.models["lesion-segmentation"]
    combo.setCurrentIndex(combo.findData("idrid-lesions"))
    assert rows["HE"].source.text() == ("由 he-candidates 与 idrid-lesions 的平均绘制，阈值作用于二者的平均值；"
                                        "视野直径小于 1202 像素的照片：由 idrid-lesions 绘制")
    assert rows["HE"].own.text().startswith("模型自带：平均概率图上为 0.")
    assert rows["HE"].spin.toolTip() == "视野直径小于 1202 像素的照片上，此处设置的阈值会按这些照片上模型自带的阈值（0.9）换算。"
    _grab(qtbot, dialog, "settings_thresholds_he_zh_CN.png")  # opened first, as a reader switches models in it


def test_the_anchor_note_speaks_chinese(qtbot, models_dir, chinese) -> None:
    values = SettingsValues()
    values.thresholds["MA"], values.threshold_anchors["MA"] = 0.95, 0.975
    dialog = anchored_dialog(qtbot, models_dir, values)
    choose_lesion_model(dialog, "idrid-lesions")
    assert dialog.threshold_rows["MA"].spin.toolTip() == "按模型自带阈值 0.975 设置；更换模型时随之调整。"
    _grab(qtbot, dialog, "settings_thresholds_anchored_zh_CN.png")


def wrapped_sources_clipped(dialog: SettingsDialog) -> dict[str, tuple[int, int]]:
    """Rows whose source label is lower than its wrapped text needs at its width: (height, needed)."""
    labels = {name: row.source for name, row in dialog.threshold_rows.items()}
    return {name: (label.height(), label.heightForWidth(label.width())) for name, label in labels.items()
            if label.height() < label.heightForWidth(label.width())}


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_wrapped_source_shows_whole_when_opened_and_after_switching_models(qtbot, models_dir: Path, request,
                                                                             language: str) -> None:
    """The MA and HE sources wrap to two lines; the dialog opened at its own size cut their second line off, opened
    on them and after a switch to them in the open dialog."""
    if language != "en":
        request.getfixturevalue("chinese")
    he_left_to_the_classical_detector(models_dir)
    dialog = dialog_with(qtbot, {"lesion-segmentation": ["he-classical", "idrid-lesions"]})
    dialog.show()
    qtbot.waitExposed(dialog)
    for model in ("he-classical", "idrid-lesions", "he-classical", "idrid-lesions"):  # as opened first
        choose_lesion_model(dialog, model)
        qtbot.wait(50)  # the layout's request after the texts changed
        assert not wrapped_sources_clipped(dialog), model
    assert dialog.threshold_rows["HE"].source.heightForWidth(dialog.threshold_rows["HE"].source.width()) > \
        dialog.threshold_rows["EX"].source.height(), "HE's source wraps"
    _grab(qtbot, dialog, f"settings_thresholds_fixed_{language}.png")


def test_the_dialog_as_a_person_sees_it(qtbot, models_dir) -> None:
    _grab(qtbot, dialog_with(qtbot), "settings_thresholds_en.png")


def _grab(qtbot, dialog: SettingsDialog, name: str) -> None:
    if screenshot_folder() is not None:
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.wait(50)  # the layout's request after a row's text changed in the open dialog: it grows to fit
        keep_screenshot(dialog, name)


SETTINGS_OPEN = """
import os, sys, tempfile
from PySide6.QtWidgets import QApplication
app = QApplication([])
from app.main_window import MainWindow
from app.settings import Settings, SettingsValues
from widgets.settings_dialog import SettingsDialog
settings = Settings.from_file(os.path.join(tempfile.mkdtemp(), "settings.ini"))
settings.save(SettingsValues(analyze_on_open=False))
window = MainWindow(settings)
shown = []
SettingsDialog.exec = lambda dialog: shown.append(dialog.threshold_rows["MA"].source.text()) or 0
window.edit_settings()
heavy = sorted(m for m in ("torch", "segmentation_models_pytorch", "timm") if m in sys.modules)
print("ma-candidates" in shown[0], heavy)
"""


def test_the_settings_dialog_opens_without_importing_torch(models_dir: Path) -> None:
    """Before any analysis the first open imported torch and segmentation_models_pytorch on the GUI thread (7.5 s on
    a busy 2-core machine); the dialog reads the model cards from disk instead (a fresh process: torch not loaded)."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", SETTINGS_OPEN], capture_output=True, text=True, timeout=120, cwd=root,
                          env=dict(os.environ, PYTHONPATH=str(root), QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "True []"  # the candidates model named, from its card
