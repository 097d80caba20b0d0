"""How the main window is laid out: its central widgets and the findings dock, the menu bar built from
app.actions, the annotation docks placed once they exist and View ▸ Tool bars and panels listing them all. Builder
functions: they set the window's parts (``window.canvas``, ``window.findings``…) that its controllers and tests
reach."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget, QStackedWidget, QToolBar, QVBoxLayout, QWidget

from app import actions as action_table
from app.inference_messages import shown_message
from app.patient_controller import PatientController
from app.window_shares import case_list_width, dock_heights
from widgets.canvas import ImageCanvas
from widgets.case_list import CaseListWidget
from widgets.dock_tab_stops import DockTabStops
from widgets.findings_panel import FindingsPanel
from widgets.note_bar import NoteBar
from widgets.notice_page import NoticePage
from widgets.ruled_splitter import RuledSplitter
from widgets.whole_in_view import FieldsScrollArea

if TYPE_CHECKING:
    from app.main_window import MainWindow


def build_widgets(window: "MainWindow") -> None:
    """The case list left (as wide as the reader dragged it in an earlier run, if they did), the canvas (or a
    notice) over the B-scan slider in the centre, the patient and findings panels in a dock on the right."""
    window.case_list = CaseListWidget(window.cases.listings)
    window.canvas = ImageCanvas()
    window.canvas.set_mask_source("both")  # the reader's mask filled, the AI's as outlines over it
    window.notice = NoticePage(window.welcome_text())
    window.centre = QStackedWidget()
    window.centre.addWidget(window.notice)
    window.centre.addWidget(window.canvas)
    centre_with_bar = QWidget()
    centre_layout = QVBoxLayout(centre_with_bar)
    centre_layout.setContentsMargins(0, 0, 0, 0)
    centre_layout.setSpacing(0)
    window.read_only_bar = NoteBar()  # why the open folder is read-only (app.read_only_note), over the photo
    centre_layout.addWidget(window.read_only_bar)
    window.recovered_bar = NoteBar()  # the cases a crash's recovery saved, to check (app.recovered_note)
    centre_layout.addWidget(window.recovered_bar)
    window.note_bar = NoteBar()  # a note on the folder just opened (app.labelimg_note), over the photo
    centre_layout.addWidget(window.note_bar)
    centre_layout.addWidget(window.centre, 1)
    centre_layout.addWidget(window.bscans.bar)
    window.findings = FindingsPanel(shown_message=shown_message)  # an analysis' stored warnings, translated
    window.findings.set_accept_keys(window.actions["accept_ai"].shortcut().toString())
    grade_keys = QCoreApplication.translate("WindowLayout", "{keys}; {ungradable}: ungradable")
    window.findings.dr_grade.setToolTip(grade_keys.format(keys=_keys_tip(window, "reader_grade_0", "reader_grade_4"),
                                                          ungradable=_keys(window, "reader_ungradable")))
    window.findings.dme_risk.set_hint(_keys_tip(window, "reader_dme_0", "reader_dme_2"))  # under the choice's name
    window.patients = PatientController(window.cases, window.settings, window)
    side = QWidget()
    side_layout = QVBoxLayout(side)
    side_layout.setContentsMargins(0, 0, 0, 0)
    side_layout.addWidget(window.patients.panel)
    side_layout.addWidget(window.findings, 1)
    scroll = FieldsScrollArea()
    scroll.setWidget(side)
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a Tab stop that showed nothing; it follows the field Tab reaches
    window.findings_dock = QDockWidget(QCoreApplication.translate("WindowLayout", "Findings"), window)
    window.findings_dock.setObjectName("findings_dock")
    window.findings_dock.setWidget(scroll)
    window.findings_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                                     | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.findings_dock)
    dragged = window.settings.case_list_width()  # in an earlier run
    window.case_split = RuledSplitter(lambda window_width, shared: case_list_width(
        window_width, dragged, window.case_list.least_width(), window.case_list.floor_width(), shared))
    window.case_list.columns_refitted.connect(window.case_split.follow_rule)  # double reading adds a column
    for widget, stretch in ((window.case_list, 0), (centre_with_bar, 1)):  # a dragged list keeps its width
        window.case_split.addWidget(widget)
        window.case_split.setStretchFactor(window.case_split.count() - 1, stretch)
    window.setCentralWidget(window.case_split)


def _keys_tip(window: "MainWindow", first: str, last: str) -> str:
    """"Keys: Ctrl+G, 0 to Ctrl+G, 4": the keys of a grade's first and last value, as the Case menu shows them."""
    return QCoreApplication.translate("WindowLayout", "Keys: {first} to {last}").format(first=_keys(window, first),
                                                                                         last=_keys(window, last))


def _keys(window: "MainWindow", name: str) -> str:
    return window.actions[name].shortcut().toString(QKeySequence.SequenceFormat.NativeText)


def build_menus(window: "MainWindow") -> None:
    """The menu bar from app.actions (with File ▸ Open recent and the B-scan steps under Case), and the actions'
    first states."""
    menus: dict[str, object] = {}
    for spec in action_table.ACTIONS:
        if spec.menu not in menus:
            menus[spec.menu] = window.menuBar().addMenu(action_table.translated(spec.menu))
        menu = menus[spec.menu]
        menu.setToolTipsVisible(True)  # a disabled action's tool tip says why (Case ▸ Arbitrate case)
        if spec.menu == action_table.HELP:
            window.help_menu = menu
        if spec.menu == action_table.VIEW:
            window.view_menu = menu
        if spec.name == "save":
            window.opening.add_recent_menu(menu)
        if spec.name in ("quit", "reader_grade_0", "arbitrate", "layer_MA", "modality_auto", "zoom_in",
                         "cancel_analysis"):
            menu.addSeparator()
        menu.addAction(window.actions[spec.name])
        window.addAction(window.actions[spec.name])  # shortcuts work while the menu bar is hidden too
    menus[action_table.CASE].addSeparator()
    menus[action_table.CASE].addActions([window.bscans.next_action, window.bscans.previous_action])
    for name in ("layer_MA", "layer_HE", "layer_EX", "layer_SE", "layer_OD", "layer_boxes"):
        window.actions[name].setChecked(True)
    window.actions["layer_heatmap"].setEnabled(False)
    window.actions["next_heatmap"].setEnabled(False)


def place_annotation_parts(window: "MainWindow") -> None:
    """The history panel goes under the findings with the object list as a tab beside it (Tab brings either
    forward: widgets.dock_tab_stops), and Help stays the last menu."""
    window.splitDockWidget(window.findings_dock, window.annotation.history_dock, Qt.Orientation.Vertical)
    window.tabifyDockWidget(window.annotation.history_dock, window.objects.dock)
    window.annotation.history_dock.raise_()
    DockTabStops(window)
    window.resizeDocks([window.findings_dock], [360], Qt.Orientation.Horizontal)
    window.resizeDocks([window.findings_dock, window.annotation.history_dock], list(dock_heights(window.height())),
                       Qt.Orientation.Vertical)
    help_menu = window.help_menu.menuAction()
    window.menuBar().removeAction(help_menu)
    window.menuBar().addAction(help_menu)


def add_panel_toggles(window: "MainWindow") -> None:
    """View ▸ Tool bars and panels: each dock's and tool bar's own show/hide toggle, the ones (and in the order)
    their context menu lists, for a reader who never right-clicks a tool bar (ToolBarsShown greys the lesion tool
    bars' while an OCT scan hides them; Qt greys a dock's that cannot be closed)."""
    window.view_menu.addSeparator()
    menu = window.view_menu.addMenu(QCoreApplication.translate("WindowLayout", "&Tool bars and panels"))
    menu.setToolTipsVisible(True)
    direct = Qt.FindChildOption.FindDirectChildrenOnly  # not one inside a dialog the window owns
    menu.addActions([dock.toggleViewAction() for dock in window.findChildren(QDockWidget, options=direct)])
    menu.addSeparator()
    menu.addActions([bar.toggleViewAction() for bar in window.findChildren(QToolBar, options=direct)])
