"""Every menu command and its keys, in one table: the menus, the shortcuts and the shortcuts dialog read it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar, QWidget

from widgets.canvas import BARE_IMAGE_KEY


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    menu: str  # menu title; also the group in the shortcuts dialog
    keys: tuple[str, ...] = ()
    checkable: bool = False
    data: str = ""  # e.g. the layer a toggle shows


LAYER_KEYS = (("MA", "1"), ("HE", "2"), ("EX", "3"), ("SE", "4"), ("OD", "5"), ("boxes", "6"))

ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("open_folder", "&Open folder…", "File", ("Ctrl+O",)),
    ActionSpec("open_files", "Open &images…", "File", ("Ctrl+Shift+O",)),
    ActionSpec("save", "&Save case", "File", ("Ctrl+S",)),
    ActionSpec("report", "&Report / print…", "File", ("Ctrl+P",)),
    ActionSpec("settings", "Se&ttings…", "File", ("Ctrl+,",)),
    ActionSpec("quit", "&Quit", "File", ("Ctrl+Q",)),
    ActionSpec("undo", "&Undo", "Edit", ("Ctrl+Z",)),
    ActionSpec("redo", "&Redo", "Edit", ("Ctrl+Shift+Z", "Ctrl+Y")),
    ActionSpec("next_case", "&Next case", "Case", ("D", "PgDown")),
    ActionSpec("previous_case", "&Previous case", "Case", ("A", "PgUp")),
    ActionSpec("accept_ai", "&Accept AI grade", "Case", ("G",)),
    ActionSpec("mark_done", "Mark case &done", "Case", ("Ctrl+Return", "Ctrl+Enter")),
    ActionSpec("arbitrate", "Ar&bitrate case…", "Case"),
    ActionSpec("zoom_in", "Zoom &in", "View", ("+", "=")),
    ActionSpec("zoom_out", "Zoom &out", "View", ("-",)),
    ActionSpec("zoom_fit", "&Fit to window", "View", ("0",)),
    ActionSpec("zoom_actual", "Actual &size (1:1)", "View", ("Ctrl+0",)),
    *(ActionSpec(f"layer_{name}", f"Show {name}", "View", (f"Alt+{key}",), checkable=True, data=name)
      for name, key in LAYER_KEYS),
    ActionSpec("layer_heatmap", "Show &heat map", "View", ("H",), checkable=True, data="heatmap"),
    ActionSpec("modality_auto", "Modality: detect from image", "View", checkable=True, data="auto"),
    ActionSpec("modality_fundus", "Modality: fundus photo", "View", checkable=True, data="fundus"),
    ActionSpec("modality_oct", "Modality: OCT scan", "View", checkable=True, data="oct"),
    ActionSpec("analyze", "&Analyse case", "Analysis", ("F5",)),
    ActionSpec("analyze_all", "Analyse &all cases…", "Analysis", ("Shift+F5",)),
    ActionSpec("retrain", "&Retrain from reviewed cases…", "Analysis"),
    ActionSpec("agreement", "Reader a&greement…", "Analysis"),
    ActionSpec("cancel_analysis", "&Cancel analysis", "Analysis", ("Ctrl+.",)),
    ActionSpec("shortcuts", "&Keyboard shortcuts", "Help", ("F1", "Ctrl+/")),
)

SPECS: dict[str, ActionSpec] = {spec.name: spec for spec in ACTIONS}

# What the canvas answers to without a menu command: listed in the shortcuts dialog all the same.
CANVAS_GESTURES: tuple[tuple[str, str, str], ...] = (
    ("Canvas", "Pan", "Space+drag, middle drag, drag in Look mode (V)"),
    ("Canvas", "Zoom around the pointer", "Mouse wheel"),
    ("Canvas", "Bare image while held (hide every overlay)", QKeySequence(BARE_IMAGE_KEY).toString()),
)


def build_actions(parent: QObject, specs: Iterable[ActionSpec] = ACTIONS) -> dict[str, QAction]:
    actions: dict[str, QAction] = {}
    for spec in specs:
        action = QAction(spec.text, parent)
        action.setObjectName(spec.name)
        action.setShortcuts([QKeySequence(key) for key in spec.keys])
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
            keys = ", ".join(QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) for key in spec.keys)
            rows.append((spec.menu, spec.text.replace("&", "").rstrip("…"), keys))
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
        if not owners:
            group = "Other"
        else:
            group = owners[0].title() if isinstance(owners[0], QMenu) else owners[0].windowTitle()
        keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
        row = (group.replace("&", ""), action.text().replace("&", "").rstrip("…"), keys)
        if row not in rows:
            rows.append(row)
    return rows
