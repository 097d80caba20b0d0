"""Every menu command and its keys, in one table: the menus, the shortcuts and the shortcuts dialog read it."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar, QWidget

from widgets.canvas import BARE_IMAGE_KEY, ImageCanvas
from widgets.shown_lists import shown_items

# Texts are English in the table, marked with QT_TRANSLATE_NOOP in context "Actions" for pyside6-lupdate (which
# reads only that literal form), and shown through translated().
CONTEXT = "Actions"


def translated(text: str) -> str:
    """A text of this table (action, menu or gesture) in the interface language."""
    return QCoreApplication.translate(CONTEXT, text)


def plain(text: str) -> str:
    """A menu text as a list shows it: no mnemonic ("&Open", Chinese "打开(&O)") and no trailing ellipsis."""
    return re.sub(r"\(&\w\)|&", "", text).rstrip("…")


def shown_keys(keys: Iterable[QKeySequence]) -> str:
    """Key sequences as the interface's language writes them, each once: Chinese Qt names Return and Enter alike
    (回车), so "Ctrl+Return, Ctrl+Enter" would read "Ctrl+回车、Ctrl+回车"."""
    return shown_items(dict.fromkeys(key.toString(QKeySequence.SequenceFormat.NativeText) for key in keys))


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str  # English, as marked; shown through translated()
    menu: str  # menu title with its mnemonic (English, as marked); also the group in the shortcuts dialog
    keys: tuple[str, ...] = ()
    checkable: bool = False
    data: str = ""  # e.g. the layer a toggle shows
    # the same keys typed another way (a digit from the keypad, Ctrl still held): they work; menus and lists show keys
    same_keys: tuple[str, ...] = ()


def typed_otherwise(first: str, digit: int) -> tuple[str, ...]:
    """``first`` then ``digit`` with the digit from the keypad, or with Ctrl still held (either way)."""
    return f"{first}, Num+{digit}", f"{first}, Ctrl+{digit}", f"{first}, Ctrl+Num+{digit}"


FILE, EDIT, CASE = (QT_TRANSLATE_NOOP("Actions", "&File"), QT_TRANSLATE_NOOP("Actions", "&Edit"),
                    QT_TRANSLATE_NOOP("Actions", "&Case"))
VIEW, ANALYSIS, HELP = (QT_TRANSLATE_NOOP("Actions", "&View"), QT_TRANSLATE_NOOP("Actions", "A&nalysis"),
                        QT_TRANSLATE_NOOP("Actions", "&Help"))
LAYER_KEYS = (("MA", "1"), ("HE", "2"), ("EX", "3"), ("SE", "4"), ("OD", "5"), ("boxes", "6"))
LAYER_TEXTS = (QT_TRANSLATE_NOOP("Actions", "Show MA"), QT_TRANSLATE_NOOP("Actions", "Show HE"),
               QT_TRANSLATE_NOOP("Actions", "Show EX"), QT_TRANSLATE_NOOP("Actions", "Show SE"),
               QT_TRANSLATE_NOOP("Actions", "Show OD"), QT_TRANSLATE_NOOP("Actions", "Show boxes"))
READER_GRADE_TEXTS = (QT_TRANSLATE_NOOP("Actions", "DR grade 0: no DR"),
                      QT_TRANSLATE_NOOP("Actions", "DR grade 1: mild NPDR"),
                      QT_TRANSLATE_NOOP("Actions", "DR grade 2: moderate NPDR"),
                      QT_TRANSLATE_NOOP("Actions", "DR grade 3: severe NPDR"),
                      QT_TRANSLATE_NOOP("Actions", "DR grade 4: PDR"))
# IDRiD's DME risk: hard exudates and their distance from the macula centre (one disc diameter).
READER_DME_TEXTS = (QT_TRANSLATE_NOOP("Actions", "DME risk 0: no exudates"),
                    QT_TRANSLATE_NOOP("Actions", "DME risk 1: exudates away from the macula"),
                    QT_TRANSLATE_NOOP("Actions", "DME risk 2: exudates near the macula"))

ACTIONS: tuple[ActionSpec, ...] = (
    # Ctrl+U too: labelImg's "Open Dir".
    ActionSpec("open_folder", QT_TRANSLATE_NOOP("Actions", "&Open folder…"), FILE, ("Ctrl+O", "Ctrl+U")),
    ActionSpec("open_files", QT_TRANSLATE_NOOP("Actions", "Open &images…"), FILE, ("Ctrl+Shift+O",)),
    ActionSpec("rescan_folder", QT_TRANSLATE_NOOP("Actions", "Res&can folder"), FILE, ("Ctrl+R",)),
    ActionSpec("save", QT_TRANSLATE_NOOP("Actions", "&Save case"), FILE, ("Ctrl+S",)),
    ActionSpec("report", QT_TRANSLATE_NOOP("Actions", "Re&port / print…"), FILE, ("Ctrl+P",)),
    ActionSpec("settings", QT_TRANSLATE_NOOP("Actions", "Se&ttings…"), FILE, ("Ctrl+,",)),
    ActionSpec("quit", QT_TRANSLATE_NOOP("Actions", "&Quit"), FILE, ("Ctrl+Q",)),
    ActionSpec("undo", QT_TRANSLATE_NOOP("Actions", "&Undo"), EDIT, ("Ctrl+Z",)),
    ActionSpec("redo", QT_TRANSLATE_NOOP("Actions", "&Redo"), EDIT, ("Ctrl+Shift+Z", "Ctrl+Y")),
    ActionSpec("next_case", QT_TRANSLATE_NOOP("Actions", "&Next case"), CASE, ("D", "PgDown")),
    ActionSpec("previous_case", QT_TRANSLATE_NOOP("Actions", "&Previous case"), CASE, ("A", "PgUp")),
    ActionSpec("accept_ai", QT_TRANSLATE_NOOP("Actions", "&Accept AI grade"), CASE, ("G",)),
    ActionSpec("write_findings", QT_TRANSLATE_NOOP("Actions", "Write &findings"), CASE, ("F2",)),
    ActionSpec("edit_patient", QT_TRANSLATE_NOOP("Actions", "Edit pa&tient details"), CASE, ("F3",)),
    ActionSpec("mark_done", QT_TRANSLATE_NOOP("Actions", "Mark case &done"), CASE, ("Ctrl+Return", "Ctrl+Enter")),
    # The reader's DR grade by keyboard: Ctrl+G, then the grade (the digits alone pick the lesion class); the digit
    # from the keypad too, or with Ctrl still held (either was dropped: the keypad's then picked a lesion class).
    *(ActionSpec(f"reader_grade_{grade}", text, CASE, (f"Ctrl+G, {grade}",), data=str(grade),
                 same_keys=typed_otherwise("Ctrl+G", grade)) for grade, text in enumerate(READER_GRADE_TEXTS)),
    # Ctrl+G, U: the photo is ungradable (screening's "U"), a reading of its own: re-photograph or refer.
    ActionSpec("reader_ungradable", QT_TRANSLATE_NOOP("Actions", "DR grade U: ungradable photo"), CASE,
               ("Ctrl+G, U",), same_keys=("Ctrl+G, Ctrl+U",)),
    # The DME risk likewise: Ctrl+M (macula), then 0-2.
    *(ActionSpec(f"reader_dme_{risk}", text, CASE, (f"Ctrl+M, {risk}",), data=str(risk),
                 same_keys=typed_otherwise("Ctrl+M", risk)) for risk, text in enumerate(READER_DME_TEXTS)),
    ActionSpec("arbitrate", QT_TRANSLATE_NOOP("Actions", "A&rbitrate case…"), CASE),
    # With Ctrl as well, as labelImg and web browsers zoom (Ctrl+= is Ctrl++ without Shift on most keyboards).
    ActionSpec("zoom_in", QT_TRANSLATE_NOOP("Actions", "Zoom &in"), VIEW, ("+", "=", "Ctrl++", "Ctrl+=")),
    ActionSpec("zoom_out", QT_TRANSLATE_NOOP("Actions", "Zoom &out"), VIEW, ("-", "Ctrl+-")),
    ActionSpec("zoom_fit", QT_TRANSLATE_NOOP("Actions", "&Fit to window"), VIEW, ("0",)),
    ActionSpec("zoom_actual", QT_TRANSLATE_NOOP("Actions", "Actual &size (1:1)"), VIEW, ("Ctrl+0",)),
    # Heidelberg HEYEX's "1:1 µm" beside its default "1:1 Pixel" (app.bscan_shape); A for aspect.
    ActionSpec("bscan_true_shape", QT_TRANSLATE_NOOP("Actions", "&B-scan at true shape (1:1 µm)"), VIEW,
               ("Ctrl+Shift+A",), checkable=True),
    *(ActionSpec(f"layer_{name}", text, VIEW, (f"Alt+{key}",), checkable=True, data=name)
      for (name, key), text in zip(LAYER_KEYS, LAYER_TEXTS)),
    ActionSpec("layer_heatmap", QT_TRANSLATE_NOOP("Actions", "Show &heat map"), VIEW, ("H",), checkable=True,
               data="heatmap"),
    ActionSpec("next_heatmap", QT_TRANSLATE_NOOP("Actions", "Next heat &map (Grad-CAM, class probabilities)"), VIEW,
               ("Shift+H",)),
    ActionSpec("modality_auto", QT_TRANSLATE_NOOP("Actions", "Modality: detect from image"), VIEW, data="auto"),
    ActionSpec("modality_fundus", QT_TRANSLATE_NOOP("Actions", "Modality: fundus photo"), VIEW, checkable=True,
               data="fundus"),
    ActionSpec("modality_oct", QT_TRANSLATE_NOOP("Actions", "Modality: OCT scan"), VIEW, checkable=True, data="oct"),
    ActionSpec("analyze", QT_TRANSLATE_NOOP("Actions", "&Analyse case"), ANALYSIS, ("F5",)),
    ActionSpec("analyze_all", QT_TRANSLATE_NOOP("Actions", "Analyse a&ll cases…"), ANALYSIS, ("Shift+F5",)),
    ActionSpec("retrain", QT_TRANSLATE_NOOP("Actions", "&Retrain from reviewed cases…"), ANALYSIS),
    ActionSpec("agreement", QT_TRANSLATE_NOOP("Actions", "Reader a&greement…"), ANALYSIS),
    ActionSpec("cancel_analysis", QT_TRANSLATE_NOOP("Actions", "&Cancel analysis"), ANALYSIS, ("Ctrl+.",)),
    ActionSpec("shortcuts", QT_TRANSLATE_NOOP("Actions", "&Keyboard shortcuts"), HELP, ("F1", "Ctrl+/")),
    ActionSpec("about", QT_TRANSLATE_NOOP("Actions", "&About RetinaReview…"), HELP),
)

SPECS: dict[str, ActionSpec] = {spec.name: spec for spec in ACTIONS}
# The reader's DR grade and DME risk by keyboard (Ctrl+G, Ctrl+M): a photo's, greyed on an OCT scan
READER_GRADE_ACTIONS: tuple[str, ...] = tuple(spec.name for spec in ACTIONS if spec.name.startswith("reader_"))

# What the canvas answers to without a menu command: listed in the shortcuts dialog all the same. The keys are
# words to translate, except a key sequence, which is shown as Qt writes it.
CANVAS = QT_TRANSLATE_NOOP("Actions", "Canvas")
BARE_IMAGE_KEYS = QKeySequence(BARE_IMAGE_KEY).toString()
CANVAS_GESTURES: tuple[tuple[str, str, str], ...] = (
    (CANVAS, QT_TRANSLATE_NOOP("Actions", "Pan"),
     QT_TRANSLATE_NOOP("Actions", "Space+drag, middle drag, drag in Look mode (V)")),
    (CANVAS, QT_TRANSLATE_NOOP("Actions", "Zoom around the pointer"), QT_TRANSLATE_NOOP("Actions", "Mouse wheel")),
    (CANVAS, QT_TRANSLATE_NOOP("Actions", "Bare image while held (hide every overlay)"), BARE_IMAGE_KEYS),
)


# Keys that a panel answers to itself, shown as Qt writes each key in the interface's language.
OBJECTS, TOOL_OPTIONS = QT_TRANSLATE_NOOP("Actions", "Objects"), QT_TRANSLATE_NOOP("Actions", "Tool options")
FINDINGS, PATIENT = QT_TRANSLATE_NOOP("Actions", "Findings"), QT_TRANSLATE_NOOP("Actions", "Patient")
PANEL_KEYS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (OBJECTS, QT_TRANSLATE_NOOP("Actions", "Show the next / previous object (selects its box)"), ("Down", "Up")),
    (OBJECTS, QT_TRANSLATE_NOOP("Actions", "Delete the selected objects"), ("Del", "Backspace")),
    (TOOL_OPTIONS, QT_TRANSLATE_NOOP("Actions", "Back to the canvas from a number box"), ("Return", "Esc")),
    (FINDINGS, QT_TRANSLATE_NOOP("Actions", "Back to the canvas from the findings text (F2 goes there)"), ("Esc",)),
    (PATIENT, QT_TRANSLATE_NOOP("Actions", "Back to the canvas from a patient field (F3 goes there)"),
     ("Return", "Esc")),
    # Listed under Edit, beneath Undo and Redo: their keys in a text field (widgets.case_undo_keys)
    (EDIT, QT_TRANSLATE_NOOP("Actions", "Undo / redo in the findings or a patient field: its own typing first, then "
                                        "the case's steps (redo in reverse order)"),
     (*SPECS["undo"].keys, *SPECS["redo"].keys)),
)


def gesture_rows() -> list[tuple[str, str, str]]:
    """CANVAS_GESTURES and PANEL_KEYS in the interface language, for the shortcuts dialog."""
    return ([(translated(group), translated(text), keys if keys == BARE_IMAGE_KEYS else translated(keys))
             for group, text, keys in CANVAS_GESTURES]
            + [(plain(translated(group)), translated(text), shown_keys(QKeySequence(key) for key in keys))
               for group, text, keys in PANEL_KEYS])


def build_actions(parent: QObject, specs: Iterable[ActionSpec] = ACTIONS) -> dict[str, QAction]:
    actions: dict[str, QAction] = {}
    for spec in specs:
        action = QAction(translated(spec.text), parent)
        action.setObjectName(spec.name)
        action.setShortcuts([QKeySequence(key) for key in (*spec.keys, *spec.same_keys)])
        action.setCheckable(spec.checkable)
        if spec.data:
            action.setData(spec.data)
        actions[spec.name] = action
    return actions


def connect_actions(actions: Mapping[str, QAction], handlers: Mapping[str, Callable[..., object]]) -> None:
    """Wire ``triggered`` of each named action; a handler for an unknown action is a programming error."""
    for name, handler in handlers.items():
        actions[name].triggered.connect(handler)


def shortcut_rows(specs: Iterable[ActionSpec] = ACTIONS) -> list[tuple[str, str, str]]:
    """(menu, action text, keys) for the shortcuts dialog; actions without keys are left out."""
    rows = []
    for spec in specs:
        if spec.keys:
            keys = shown_keys(QKeySequence(key) for key in spec.keys)
            rows.append((plain(translated(spec.menu)), plain(translated(spec.text)), keys))
    return rows


def other_shortcut_rows(window: QWidget, specs: Iterable[ActionSpec] = ACTIONS) -> list[tuple[str, str, str]]:
    """Rows for actions with keys that other parts added to ``window`` (tool bar, Annotate menu), grouped by
    their menu or tool bar, so the dialog lists every key the window answers to."""
    known = {spec.name for spec in specs}
    rows: list[tuple[str, str, str]] = []
    for action in window.findChildren(QAction):
        if action.objectName() in known or not action.shortcuts():
            continue
        owners = [o for o in action.associatedObjects() if isinstance(o, (QMenu, QToolBar))]
        if not owners and any(isinstance(o, ImageCanvas) for o in action.associatedObjects()):
            group = translated(CANVAS)  # keys that work while the canvas has focus (Del, Enter, arrows)
        elif not owners:
            group = translated(QT_TRANSLATE_NOOP("Actions", "Other"))
        else:
            group = owners[0].title() if isinstance(owners[0], QMenu) else owners[0].windowTitle()
        keys = shown_keys(action.shortcuts())
        row = (plain(group), plain(action.text()), keys)
        if row not in rows:
            rows.append(row)
    return rows
