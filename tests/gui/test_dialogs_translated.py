"""Catalogue "dialogs": the export, import, retrain, agreement and arbitration dialogs show no text that bypasses
translation (pseudo locale), and with the zh_CN catalogue they speak Chinese.

Set RETINA_REVIEW_SCREENSHOTS=docs/screenshots to save the Chinese dialogs as PNGs."""
from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Callable, Iterator

import pytest
from PySide6.QtCore import QLibraryInfo, QTranslator
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QGroupBox, QLabel, QSpinBox

from annotations.document import PatientInfo, ReaderGrade
from annotations.graded_fields import KindedGrade
from annotations.reading.disagreement import first_submitted_differences, identity_differences
from annotations.report_kind import ReportKind
from annotations.reading.readers import open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from annotations.reading.side_by_side import prepare_arbitration
from annotations.workspace.transfer import export_labels
from app.agreement_controller import AgreementController
from app.analysis_controller import PIPELINE_PROGRESS, AnalysisController
from app.arbitration_controller import ArbitrationController
from app.case_controller import CaseController
from app.inference_messages import shown_message
from app.paths_to_open import CannotOpen, folder_to_open
from app.retrain_controller import RetrainController
from app.settings import Settings, SettingsValues
from inference.agreement import folder_agreement
from inference.training import messages as training_messages
from inference.loading import load_model_folder
from inference.model_card import WEIGHTS_FILE, ModelError
from inference.training.retrain_results import NOT_SCORED, SCORING_NEW, ModelScore, RetrainOutcome, metric_rows
from tests.gui.pseudo_walk import PseudoTranslator, unwrapped, visible_texts
from tests.gui.retrain_controllers import shut_down
from tests.gui.screenshots import keep_screenshot
from tests.gui.test_export_dialog import make_workspace
from tests.gui.test_retrain import TINY_CLS, make_cases, run_through_dialog
from tests.unit.reading_fixtures import case_of, image_folder, read_case
from tests.unit.test_inference_fixtures import saved_model, tiny_segmentation_card
from widgets.agreement_dialog import AgreementDialog
from widgets.arbitration_dialog import REASONS, ArbitrationDialog
from widgets.export_dialog import ExportDialog
from widgets.import_dialog import ImportDialog

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "resources" / "i18n" / "dialogs_zh_CN.qm"
CLINICAL = ROOT / "resources" / "i18n" / "clinical_zh_CN.qm"  # grade and lesion names (widgets/clinical_terms.py)
EYES_CATALOGUE = ROOT / "resources" / "i18n" / "report_zh_CN.qm"  # an eye's name (annotations.patients.eye_label)
CJK_FONT = ROOT / "resources" / "fonts" / "DroidSansFallback.ttf"  # the one the reports embed (app/report/fonts.py)
READERS = ("Anna", "Ben")
LABEL_MAP_EXAMPLE = "hard_exudates=EX,haemorrhage=HE,optic_disc=OD"  # syntax, as typed in the import dialog


@pytest.fixture
def install(qapp: QApplication) -> Iterator[Callable[[QTranslator], None]]:
    """Install translators for one test; they are removed after it."""
    installed: list[QTranslator] = []

    def add(translator: QTranslator) -> None:
        assert qapp.installTranslator(translator)
        installed.append(translator)

    yield add
    for translator in installed:
        qapp.removeTranslator(translator)


@pytest.fixture
def chinese(install: Callable[[QTranslator], None]) -> None:
    """The dialogs and clinical catalogues and Qt's own (standard buttons), as the window installs them, and a
    font with Chinese glyphs for the offscreen grab."""
    catalogues = [("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
                  (str(CATALOGUE), ""), (str(CLINICAL), "")]
    for name, folder in catalogues:
        translator = QTranslator()
        assert translator.load(name, folder), name
        install(translator)
    if not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        assert QFontDatabase.addApplicationFont(str(CJK_FONT)) >= 0


@pytest.fixture
def retrain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[RetrainController]:
    """The window's retrain controller on six cases marked done, with no model installed by the user."""
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "models"))
    make_cases(tmp_path / "cases", done=6)
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(device="cpu", analyze_on_open=False))
    cases = CaseController()
    assert cases.open_workspace(tmp_path / "cases")
    cases.flush()  # the folder's store is opened on the storage worker
    analysis = AnalysisController(settings.load())
    controller = RetrainController(cases, analysis, settings)
    yield controller
    shut_down(controller)


@pytest.fixture
def dialogs(qtbot, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Callable[[str], QDialog]]:
    """``open(name)``: one of the catalogue's dialogs, shown on a small workspace, as the window opens it."""
    cleanups: list[Callable[[], None]] = []

    def export() -> QDialog:
        ws = make_workspace(tmp_path / "images")
        cleanups.append(ws.close)
        ids = [case.case_id for case in ws.cases()]

        def run(fmt, out_dir, case_ids, state, overwrite=False):  # noqa: ANN001, ANN202 - ExportRun
            return export_labels(ws, fmt, out_dir, state, case_ids=case_ids, overwrite=overwrite)

        dialog = ExportDialog(run, {"all": ids, "done": ids[:1], "selection": []}, tmp_path / "out")
        dialog.show()
        with qtbot.waitSignal(dialog.finished_export, timeout=10_000):  # the texts after a run too
            dialog.export_button.click()
        return dialog

    def agreement() -> QDialog:
        return AgreementDialog(folder_agreement(double_read(tmp_path / "agreement")))

    def arbitration() -> QDialog:
        return ArbitrationDialog(prepare_arbitration(double_read(tmp_path / "arbitration"), case_of(0)), "'img0.png'")

    builders = {"export": export, "import": lambda: ImportDialog(lambda *args: "done"),
                "retrain": lambda: request.getfixturevalue("retrain").open_dialog(), "agreement": agreement,
                "arbitration": arbitration}

    def open_dialog(name: str) -> QDialog:
        dialog = builders[name]()
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    yield open_dialog
    for cleanup in reversed(cleanups):
        cleanup()


def double_read(folder: Path) -> Path:
    """Two readers who disagree on the first image (grade, DME risk and EX patch)."""
    image_folder(folder, count=2, width=160, height=120)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    for name, grade, rows, dme in ((READERS[0], 2, slice(10, 40), 0), (READERS[1], 3, slice(30, 60), 1)):
        with open_reader(folder, name) as ws:
            read_case(ws, 0, grade=grade, rows=rows, dme=dme)
            read_case(ws, 1, grade=1, rows=rows)
    return folder


@pytest.mark.parametrize("name", ["export", "import", "retrain", "agreement", "arbitration"])
def test_every_visible_text_goes_through_translation(qtbot, dialogs, install, tmp_path: Path, name: str) -> None:
    install(PseudoTranslator())
    dialog = dialogs(name)
    texts = visible_texts(dialog)
    assert len(texts) > 5 and any("⟦" in text for _, text in texts)
    assert unwrapped(texts, data=(*READERS, "img0.png", str(tmp_path), LABEL_MAP_EXAMPLE)) == []


def test_every_reason_for_arbitration_is_translated(qtbot, install, tmp_path: Path) -> None:
    """The reasons come from Qt-free code as English text; the dialog knows each kind."""
    install(PseudoTranslator())
    reasons = prepare_arbitration(double_read(tmp_path / "f"), case_of(0)).comparison.reasons
    assert len(reasons) >= 3  # DR grade, DME risk, EX mask Dice
    reasons += identity_differences(PatientInfo("P-0001", eye="OD"), PatientInfo("P-9999", eye="OS"))
    reasons += first_submitted_differences(KindedGrade(ReaderGrade(1, 0), ReportKind.DR),
                                           KindedGrade(ReaderGrade(3, 1), ReportKind.DR))
    assert [reason for reason in reasons if not REASONS(reason).startswith("⟦")] == []


def test_a_retrain_run_says_everything_in_the_interface_language(qtbot, retrain, install, tmp_path: Path) -> None:
    """Progress, model labels, notes and the table of a real (tiny) run: texts that inference/ writes in English
    are known to the dialog, so none of them shows untranslated."""
    install(PseudoTranslator())
    controller = retrain
    controller.training_options = dict(TINY_CLS, steps_per_epoch=2)
    dialog = controller.open_dialog()
    qtbot.addWidget(dialog)
    shown: list[tuple[str, str]] = []
    set_text = dialog.status_label.setText
    dialog.status_label.setText = lambda text: (shown.append(("status", text)), set_text(text))
    run_through_dialog(qtbot, controller, 1, epochs=1)
    assert controller.outcome is not None and controller.outcome.before.label == "none installed"
    cells = [("cell", dialog.table.item(row, column).text()) for row in range(dialog.table.rowCount())
             for column in range(dialog.table.columnCount())]
    assert len(shown) > 5 and len(cells) > 5
    data = (str(tmp_path), *controller.cases.summaries, *(s.image_path for s in controller.cases.summaries.values()))
    assert unwrapped(shown + cells + visible_texts(dialog), data) == []


def pipeline_messages() -> list[str]:
    """Every progress message the analysis pipeline can say, its f-string parts filled with "X"."""
    def text(node: ast.expr) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.JoinedStr):
            return "".join(part.value if isinstance(part, ast.Constant) else "X" for part in node.values)
        return None

    found = []
    for source in ("inference/pipeline.py", "inference/tiling.py"):
        calls = [node for node in ast.walk(ast.parse((ROOT / source).read_text(encoding="utf-8")))
                 if isinstance(node, ast.Call)]
        for node in calls:
            place = {"progress": 1, "_stage": 2}.get(getattr(node.func, "attr", ""))  # of the message argument
            if place is not None and len(node.args) > place:
                found += [message for message in [text(node.args[place])] if message]
    return found


def test_every_progress_message_of_the_analysis_is_translated(qtbot, install) -> None:
    install(PseudoTranslator())
    messages = pipeline_messages()
    assert "segmenting lesions" in messages and "X: loading" in messages
    assert [message for message in messages if not PIPELINE_PROGRESS(message).startswith("⟦")] == []


def test_a_progress_message_joins_the_image_and_its_step_as_the_interface_language_does(qtbot, install) -> None:
    """The status bar said "'a.png': 正在分割病灶", an English colon in Chinese: the joining is translated too."""
    from app.analysis_controller import _Prefixed

    install(PseudoTranslator())
    said: list[str] = []
    state = type("State", (), {"progress": lambda self, fraction, message: said.append(message)})()
    _Prefixed(state, "'a.png'").progress(0.5, "segmenting lesions")
    assert said == ["⟦'a.png': ⟦segmenting lesions⟧⟧"]


def test_the_controllers_say_their_messages_in_the_interface_language(qtbot, install, tmp_path: Path) -> None:
    """What the status bar shows when a person asks for something that cannot be done yet."""
    install(PseudoTranslator())
    cases = CaseController()
    messages: list[tuple[str, str]] = []
    agreement, arbitration = AgreementController(cases), ArbitrationController(cases)
    for source in (cases, agreement, arbitration):
        source.message.connect(lambda text: messages.append(("message", text)))
    two = [image_folder(tmp_path / name, count=1) / "img0.png" for name in ("a", "b")]
    for paths in ([tmp_path / "missing.png"], two):  # what opening them says (app.folder_opening shows it)
        with pytest.raises(CannotOpen) as refused:
            folder_to_open(paths)
        messages.append(("message", str(refused.value)))
    assert agreement.open_dialog() is None and arbitration.open_for_current() is None
    assert len(messages) == 4
    assert unwrapped(messages, data=(str(tmp_path),)) == []
    cases.shutdown()


def test_the_walker_finds_text_that_bypasses_translation(qtbot, install) -> None:
    install(PseudoTranslator())
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.setWindowTitle(dialog.tr("Translated"))
    dialog.setToolTip("Hard-coded tip")
    assert unwrapped(visible_texts(dialog)) == [("QDialog tool tip", "Hard-coded tip")]
    assert unwrapped([("label", "⟦Keep the labels of {name}⟧".format(name="Anna"))]) == []
    assert unwrapped([("label", "Keep the labels of Anna")], ["Anna"]) != []
    assert unwrapped([("label", "⟦Saved⟧ to disk")]) != []  # half a sentence outside the translation


def test_the_walker_reads_combo_items_spin_box_words_and_group_titles(qtbot, install) -> None:
    install(PseudoTranslator())
    dialog = QDialog()
    qtbot.addWidget(dialog)
    group = QGroupBox("Group title", dialog)
    combo, spin = QComboBox(group), QSpinBox(group)
    combo.addItems([dialog.tr("Translated"), "Combo item"])
    spin.setPrefix("every ")
    spin.setSpecialValueText("Automatic")
    assert unwrapped(visible_texts(dialog)) == [("QComboBox", "Combo item"), ("QGroupBox", "Group title"),
                                                ("QListView", "Combo item"),  # the combo box's pop-up list
                                                ("QSpinBox", "Automatic"), ("QSpinBox prefix", "every ")]


ALLOWED = ("COCO", "annotations.json", "IDRiD", "CSV", *READERS, "img0.png")  # shown as they are in Chinese too


def english_left(texts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The texts with no Chinese in them and a word of English: names, codes and data are in ``ALLOWED``."""
    return unwrapped([(where, f"⟦{text}⟧" if re.search("[\u3000-\u9fff\uff00-\uffef]", text) else text)
                      for where, text in texts], ALLOWED)


@pytest.mark.parametrize("name,title", [("export", "导出标注"), ("retrain", "用已审核病例重新训练"),
                                        ("arbitration", "仲裁 — 'img0.png'")])
def test_with_the_chinese_catalogue_the_dialogs_speak_chinese(qtbot, dialogs, chinese, name: str,
                                                              title: str) -> None:
    dialog = dialogs(name)
    if name == "retrain":  # the comparison that ends a run, with the table's metric names
        dialog.task_box.setCurrentIndex(1)  # DR grade
        before = ModelScore("none installed", None)  # as inference.training.retrain scores them
        after = ModelScore("retrained-grade", {"accuracy": 0.8, "quadratic_weighted_kappa": 0.62, "images": 3})
        for step, loss in enumerate([1.2, 0.9, 0.95, 0.7, 0.6, 0.62, 0.5], start=1):
            dialog.add_loss_point(step, loss)
        dialog.show_results(before.label, after.label, metric_rows("grade", before, after),
                            [shown_message(training_messages.FEW_HELD_OUT.format(count=3))])  # as the app does
        assert [dialog.table.item(0, column).text() for column in range(3)] == ["准确率", "未安装", "0.800"]
        assert "留出部分只有 3 张图像" in dialog.notes_label.text()
    assert dialog.windowTitle() == title
    if name == "arbitration":  # each reader's grade follows their name after a Chinese colon
        assert "<b>Anna</b>：中度非增殖期" in [label.text()[:len("<b>Anna</b>：中度非增殖期")]
                                            for label in dialog.findChildren(QLabel)]
    texts = visible_texts(dialog)
    assert english_left(texts) == []
    keep_screenshot(dialog, f"{name}_dialog_zh_CN.png")


def test_a_disputed_eye_is_named_as_the_patient_panel_and_the_report_name_it(qtbot, install) -> None:
    """"eye OD vs OS" read as raw codes (眼别：OD 与 OS); the glossary's 右眼（OD）/左眼（OS）, in English too."""
    reasons = identity_differences(PatientInfo(eye="OD"), PatientInfo(eye="OS"))
    assert [REASONS(reason) for reason in reasons] == ["eye OD (right eye) vs OS (left eye)"]
    for catalogue in (CATALOGUE, EYES_CATALOGUE):
        translator = QTranslator()
        assert translator.load(str(catalogue))
        install(translator)
    assert [REASONS(reason) for reason in reasons] == ["眼别：右眼（OD）与左眼（OS）"]


def test_the_lesion_comparisons_columns_and_failures_speak_chinese(qtbot, retrain, chinese, tmp_path: Path) -> None:
    """The column being scored, what each column scored, and why a comparison could not be scored (the retrained
    model's weights, here: the reason is inference/'s, nested in the note)."""
    dialog = retrain.open_dialog()
    qtbot.addWidget(dialog)
    dialog.set_progress(0.9, SCORING_NEW.format(image="eye"))
    assert dialog.status_label.text() == "正在为“新”列评估 eye"
    figures = {"mean_dice": 0.4, "mean_iou": 0.3, "mean_aupr": 0.5, "images": 1}
    retrain._on_finished(RetrainOutcome("seg", tmp_path / "work", "test", ["eye"], ModelScore("tiny-seg 1", figures),
                                        ModelScore("retrained-seg", figures), []))
    assert dialog.models_label.text() == "当前：分析现在绘制的结果（tiny-seg 1）\n新：改用 retrained-seg 时分析会绘制的结果"
    retrained = saved_model(tmp_path / "work", tiny_segmentation_card("retrained-seg"))
    (retrained / WEIGHTS_FILE).write_bytes(b"not weights")
    with pytest.raises(ModelError) as broken:
        load_model_folder(retrained, for_inference=True)
    why = training_messages.NOT_SCORED_WHY.format(reason=broken.value)
    retrain._on_finished(RetrainOutcome("seg", tmp_path / "work", "test", ["eye"], ModelScore(NOT_SCORED, None, why),
                                        ModelScore("retrained-seg", figures), []))
    assert dialog.models_label.text() == "当前：未评分\n新：retrained-seg"
    notes = dialog.notes_label.text().split("\n")
    assert notes[1].startswith("比较无法评分：") and notes[-1] == "留出图像：eye"
    assert english_left(visible_texts(dialog)) == [], dialog.notes_label.text()
