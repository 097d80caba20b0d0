"""The annotation tool bar: one button per tool (with its key), the lesion class picker (keys 1–5), the
brush size, fill tolerance, magic-brush threshold, mask opacity, and whether painting stays inside the field of
view. It edits a shared ToolSettings and says which tool was picked; it never touches the document."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import QDoubleSpinBox, QLabel, QSpinBox, QToolBar, QWidget

from annotations.classes import ALL_CLASSES, LesionClass
from annotations.tools import ToolSettings
from annotations.tools.context import MAX_RADIUS, MIN_RADIUS
from widgets.clinical_terms import lesion_name

# (tool name, button text, tool tip, key); "none" leaves the mouse to panning and looking. Texts are marked for
# pyside6-lupdate in context "AnnotationToolBar" and translated when the bar is built.
TOOL_SPECS: tuple[tuple[str, str, str, str], ...] = (
    ("none", QT_TRANSLATE_NOOP("AnnotationToolBar", "Look"),
     QT_TRANSLATE_NOOP("AnnotationToolBar", "No tool: look, pan (drag) and zoom (wheel)"), "V"),
    ("brush", QT_TRANSLATE_NOOP("AnnotationToolBar", "Brush"),
     QT_TRANSLATE_NOOP("AnnotationToolBar", "Brush; Shift+click draws a straight line from the last stroke"), "B"),
    ("eraser", QT_TRANSLATE_NOOP("AnnotationToolBar", "Eraser"),
     QT_TRANSLATE_NOOP("AnnotationToolBar", "Eraser for the selected class"), "E"),
    ("magic_brush", QT_TRANSLATE_NOOP("AnnotationToolBar", "Magic"),
     QT_TRANSLATE_NOOP("AnnotationToolBar", "Magic brush: paints only where the AI probability reaches the threshold"),
     "M"),
    ("fill", QT_TRANSLATE_NOOP("AnnotationToolBar", "Fill"),
     QT_TRANSLATE_NOOP("AnnotationToolBar", "Fill a lesion by clicking it (colour tolerance); Ctrl+click removes"),
     "F"),
    ("lasso", QT_TRANSLATE_NOOP("AnnotationToolBar", "Lasso"),
     QT_TRANSLATE_NOOP("AnnotationToolBar", "Lasso fill; Ctrl+drag removes"), "L"),
    ("polygon", QT_TRANSLATE_NOOP("AnnotationToolBar", "Polygon"),
     QT_TRANSLATE_NOOP("AnnotationToolBar", "Polygon fill: click corners, Enter or the first corner closes"), "P"),
    ("erase_component", QT_TRANSLATE_NOOP("AnnotationToolBar", "Erase blob"),
     QT_TRANSLATE_NOOP("AnnotationToolBar", "Erase the clicked connected lesion"), "X"),
    ("box", QT_TRANSLATE_NOOP("AnnotationToolBar", "Box"),
     QT_TRANSLATE_NOOP("AnnotationToolBar",
                       "Boxes: drag to draw, drag to move or resize, Del deletes, right-click for class"), "W"),
    ("ruler", QT_TRANSLATE_NOOP("AnnotationToolBar", "Ruler"),
     QT_TRANSLATE_NOOP("AnnotationToolBar", "Ruler: drag to measure a distance in µm and mm (pixels until the "
                                            "analysis gives the scale); not saved, Esc clears it"), "R"),
    ("area", QT_TRANSLATE_NOOP("AnnotationToolBar", "Area"),
     QT_TRANSLATE_NOOP("AnnotationToolBar", "Area in mm²: click a lesion or a box, or click the corners of a "
                                            "polygon (Enter closes, Shift+click adds a corner on a lesion); "
                                            "not saved, Esc clears it"), "Shift+R"),
)


def class_icon(cls: LesionClass) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(cls.colour))
    return QIcon(pixmap)


class AnnotationToolBar(QToolBar):
    tool_chosen = Signal(str)  # a TOOL_SPECS name

    def __init__(self, settings: ToolSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Annotation tools"))
        self.setObjectName("annotation_tools")
        self.settings = settings
        self.tool_actions: dict[str, QAction] = {}
        self.class_actions: dict[LesionClass, QAction] = {}
        tools = QActionGroup(self)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for name, text, tip, key in TOOL_SPECS:
            action = QAction(self.tr(text), self)
            action.setObjectName(f"tool_{name}")
            action.setToolTip(f"{self.tr(tip)}  [{key}]")
            action.setShortcut(QKeySequence(key))
            action.setCheckable(True)
            action.triggered.connect(lambda _=False, n=name: self.tool_chosen.emit(n))
            tools.addAction(action)
            self.addAction(action)
            self.tool_actions[name] = action
        self.tool_actions["none"].setChecked(True)
        self.addSeparator()
        classes = QActionGroup(self)
        for cls in ALL_CLASSES:
            action = QAction(class_icon(cls), cls.name, self)
            action.setObjectName(f"class_{cls.name}")
            action.setToolTip(f"{lesion_name(cls)}  [{cls.value}]")
            action.setShortcut(QKeySequence(str(cls.value)))
            action.setCheckable(True)
            action.triggered.connect(lambda _=False, c=cls: self.settings.update(cls=c))
            classes.addAction(action)
            self.addAction(action)
            self.class_actions[cls] = action
        self.addSeparator()
        self.radius = QSpinBox(self)
        self.radius.setRange(int(MIN_RADIUS), int(MAX_RADIUS))
        self.radius.setSuffix(self.tr(" px"))
        self.radius.setToolTip(self.tr("Brush radius in image pixels  [ [ smaller, ] larger ]"))
        self.radius.valueChanged.connect(lambda value: self.settings.update(radius=float(value)))
        self.tolerance = QSpinBox(self)
        self.tolerance.setRange(0, 255)
        self.tolerance.setToolTip(self.tr("Fill: how far a pixel's colour may differ from the clicked one"))
        self.tolerance.valueChanged.connect(lambda value: self.settings.update(tolerance=value))
        self.threshold = QDoubleSpinBox(self)
        self.threshold.setRange(0.0, 1.0)
        self.threshold.setSingleStep(0.05)
        self.threshold.setToolTip(self.tr("Magic brush: paint only where the AI probability is at least this"))
        self.threshold.valueChanged.connect(lambda value: self.settings.update(threshold=value))
        self.opacity = QSpinBox(self)
        self.opacity.setRange(0, 100)
        self.opacity.setSingleStep(10)
        self.opacity.setSuffix(" %")
        self.opacity.setToolTip(self.tr("How opaque the painted masks are drawn over the photo (0 % hides them)"))
        self.opacity.valueChanged.connect(lambda value: self.settings.update(mask_opacity=value / 100))
        for label, box in ((self.tr("Size"), self.radius), (self.tr("Tolerance"), self.tolerance),
                           (self.tr("Threshold"), self.threshold), (self.tr("Opacity"), self.opacity)):
            self.addWidget(QLabel(f" {label} "))
            self.addWidget(box)
        self.inside_fov = QAction(self.tr("Inside FOV"), self)
        self.inside_fov.setObjectName("inside_fov")
        self.inside_fov.setCheckable(True)
        self.inside_fov.setToolTip(self.tr("Paint and fill only inside the photo's field of view "
                                           "(erasing is not limited)"))
        self.inside_fov.toggled.connect(lambda on: self.settings.update(inside_fov=on))
        self.addSeparator()
        self.addAction(self.inside_fov)
        settings.add_listener(self._show_settings)
        self._show_settings()

    def set_tool(self, name: str) -> None:
        """Show ``name`` as the checked tool (when chosen by other means than this bar)."""
        self.tool_actions[name].setChecked(True)

    def _show_settings(self) -> None:
        s = self.settings
        self.class_actions[s.cls].setChecked(True)
        if self.inside_fov.isChecked() != s.inside_fov:
            self.inside_fov.setChecked(s.inside_fov)
        for box, value in ((self.radius, round(s.radius)), (self.tolerance, s.tolerance),
                           (self.threshold, s.threshold), (self.opacity, round(s.mask_opacity * 100))):
            if box.value() != value:
                box.blockSignals(True)
                box.setValue(value)
                box.blockSignals(False)
