"""The annotation tool bar: one button per tool (with its key) and the lesion class picker (keys 1–5); the tools'
settings are in widgets.tool_options_bar. It edits a shared ToolSettings and says which tool was picked; it never
touches the document."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QIcon, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import QToolBar, QWidget

from annotations.classes import ALL_CLASSES, LesionClass
from annotations.tools import ToolSettings
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
     QT_TRANSLATE_NOOP("AnnotationToolBar", "Ruler: drag to measure a distance in µm and mm (an OCT scan by the "
                                            "pixel size its DICOM file records, a photo by the scale the analysis "
                                            "finds; pixels without one); not saved, Esc clears it"), "R"),
    ("area", QT_TRANSLATE_NOOP("AnnotationToolBar", "Area"),
     QT_TRANSLATE_NOOP("AnnotationToolBar", "Area in mm²: click a lesion or a box, or click the corners of a "
                                            "polygon (Enter closes, Shift+click adds a corner on a lesion); "
                                            "not saved, Esc clears it"), "Shift+R"),
)


CLASS_ICON_PX = 12  # the class swatches; the bar's icon size too, so the buttons and the bar stay low
SWATCH_OUTLINE = "#606060"  # seen on light and dark tool bars alike


def class_icon(cls: LesionClass) -> QIcon:
    """The class's colour, outlined: the optic disc's white was all but invisible on a light tool bar."""
    pixmap = QPixmap(CLASS_ICON_PX, CLASS_ICON_PX)
    pixmap.fill(QColor(cls.colour))
    painter = QPainter(pixmap)
    painter.setPen(QColor(SWATCH_OUTLINE))
    painter.drawRect(0, 0, CLASS_ICON_PX - 1, CLASS_ICON_PX - 1)
    painter.end()
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
        self.setIconSize(QSize(CLASS_ICON_PX, CLASS_ICON_PX))
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
        settings.add_listener(self._show_settings)
        self._show_settings()

    def set_tool(self, name: str) -> None:
        """Show ``name`` as the checked tool (when chosen by other means than this bar)."""
        self.tool_actions[name].setChecked(True)

    def _show_settings(self) -> None:
        self.class_actions[self.settings.cls].setChecked(True)
