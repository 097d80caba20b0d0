"""The Objects dock in the main window: every box and painted lesion listed; click shows it, Del deletes it, the
menu changes its class or difficult flag; all undoable."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, Qt

from annotations.classes import LesionClass
from tests.gui.test_annotation_tools import window, window_drag  # noqa: F401 - window is a fixture


def _rows(window) -> list[tuple[str, str, str]]:  # noqa: F811
    table = window.objects.list
    return [tuple(table.item(row, column).text() for column in (0, 1, 3)) for row in range(table.rowCount())]


def test_object_list_selects_zooms_relabels_and_deletes(qtbot, window) -> None:  # noqa: F811
    doc, table = window.cases.doc, window.case_list.table
    qtbot.keyClick(table, Qt.Key.Key_2)  # HE brush stroke
    qtbot.keyClick(table, Qt.Key.Key_B)
    window_drag(window, [(20.5, 20.5), (40.5, 20.5)])
    qtbot.keyClick(table, Qt.Key.Key_W)  # an HE box
    window_drag(window, [(100, 60), (130, 90)])
    qtbot.waitUntil(lambda: window.objects.list.rowCount() == 2, timeout=5_000)
    assert _rows(window) == [("Box", "HE haemorrhage", ""), ("Painted", "HE haemorrhage", "–")]
    lesions = window.findings.lesions  # the reader's lesions, beside the AI's counts (objects.marked_counts)
    assert [lesions.item(row, 3).text() for row in range(4)] == ["0", "2", "0", "0"]  # the box is over nothing painted

    objects = window.objects.list
    window.canvas.set_view(1.0, window.canvas.view_centre())
    qtbot.mouseClick(objects.viewport(), Qt.MouseButton.LeftButton,
                     pos=objects.visualItemRect(objects.item(1, 0)).center())  # the painted lesion
    assert window.canvas.zoom_level() > 2.0
    assert window.canvas.viewport().rect().contains(window.canvas.mapFromScene(QPointF(30.5, 20.5)))
    qtbot.keyClick(table, Qt.Key.Key_Escape)
    qtbot.mouseClick(objects.viewport(), Qt.MouseButton.LeftButton,
                     pos=objects.visualItemRect(objects.item(0, 0)).center())  # the box: selected in the box tool
    assert window.annotation.tool_name == "box"
    assert window.annotation.views["box"].tool.selected is doc.boxes[0]
    box = doc.boxes[0]
    area = (box.xmax - box.xmin + 1) * (box.ymax - box.ymin + 1)
    assert window.statusBar().currentMessage().startswith(f"Box area: {area} px²; no scale")  # not analysed

    menu = objects.show_menu(0)
    next(a for a in menu.actions() if a.text() == "Difficult").trigger()
    menu.close()
    assert doc.boxes[0].difficult and _rows(window)[0] == ("Box", "HE haemorrhage", "yes")
    menu = objects.show_menu(1)
    next(a for a in menu.actions() if a.text().startswith("SE — ")).trigger()  # the lesion becomes SE
    menu.close()
    assert doc.class_mask(LesionClass.SE)[20, 20:41].all() and not doc.class_mask(LesionClass.HE).any()

    objects.selectAll()
    qtbot.keyClick(objects, Qt.Key.Key_Delete)
    assert doc.boxes == [] and not doc.mask.any() and objects.rowCount() == 0
    assert window.cases.history.undo_text == "Delete 2 objects"  # in English as every step: the panel words it
    from app.i18n import CHINESE, ENGLISH, install_language
    from widgets.history_panel import EDIT_NAMES

    installed = install_language(QCoreApplication.instance(), CHINESE)
    try:
        assert EDIT_NAMES(window.cases.history.undo_text) == "删除 2 个对象"
    finally:
        for translator in installed:
            QCoreApplication.instance().removeTranslator(translator)
        install_language(QCoreApplication.instance(), ENGLISH)
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(doc.boxes) == 1 and doc.class_mask(LesionClass.SE).any()
    qtbot.waitUntil(lambda: objects.rowCount() == 2, timeout=5_000)


def test_columns_fit_their_contents_after_each_rebuild(qtbot) -> None:
    """The columns are sized once per rebuild (not by the header at every cell set, which beside a 12 MP photo's
    masks took seconds per rebuild: bench/bench_object_list.py): the longest text still shows whole, also after the
    rows change."""
    from PySide6.QtWidgets import QHeaderView

    from annotations.objects import LESION, CaseObject
    from widgets.object_list import COLUMNS, ObjectList, size_text

    table = ObjectList()
    header = table.horizontalHeader()
    assert QHeaderView.ResizeMode.ResizeToContents not in {header.sectionResizeMode(c) for c in range(len(COLUMNS))}
    qtbot.addWidget(table)
    table.resize(500, 300)
    table.show()
    small = [CaseObject(LESION, LesionClass.MA, (0, 3, 0, 3), 9)]
    large = [CaseObject(LESION, LesionClass(1 + n % 4), (n, n + 30, n, n + 400 + n), 9000 + n) for n in range(300)]
    for objects in (small, large, large):
        table.show_objects(objects)
        widest = max(table.fontMetrics().horizontalAdvance(size_text(obj)) for obj in objects)
        assert table.rowCount() == len(objects) and table.columnWidth(2) >= widest


def test_the_reader_column_never_shows_the_previous_cases_counts(qtbot, tmp_path, monkeypatch) -> None:
    """The reader's counts are made from the Objects list a moment after a case opens: until then the column is
    blank, not the counts of the case shown before (an unanalysed photo's table kept them)."""
    from PIL import Image

    from app.main_window import MainWindow
    from app.settings import Settings, SettingsValues
    from tests.gui.test_annotation_tools import photo

    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "no-models"))
    images = tmp_path / "images"
    images.mkdir()
    for name in ("a.png", "b.png"):
        Image.fromarray(photo()).save(images / name)
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(analyze_on_open=False, autosave_s=60, reader="tester"))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    assert window.open_paths([images])
    qtbot.waitUntil(lambda: window.cases.doc is not None and bool(window.annotation.views), timeout=20_000)

    def reader_column() -> list[str]:
        lesions = window.findings.lesions
        return [lesions.item(row, 3).text() if lesions.item(row, 3) else "" for row in range(4)]

    qtbot.keyClick(window.case_list.table, Qt.Key.Key_2)  # HE
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_W)  # an HE box on the first case
    window_drag(window, [(100, 60), (130, 90)])
    qtbot.waitUntil(lambda: reader_column() == ["0", "1", "0", "0"], timeout=5_000)
    on_opening: list[list[str]] = []
    window.cases.case_opened.connect(lambda doc, history: on_opening.append(reader_column()))
    first = window.cases.doc.case_id
    window.cases.select_case(next(case for case in window.cases.summaries if case != first))
    qtbot.waitUntil(lambda: reader_column() == ["0", "0", "0", "0"], timeout=5_000)
    assert on_opening[0] == ["", "", "", ""]


def test_sizes_are_worded_in_the_interface_language(qtbot) -> None:
    """The size column was English in every language ("30×12 px, 352 px²" beside the tool options' 12 像素): its
    units go through translation as the rest of the window's do."""
    from annotations.objects import BOX, LESION, CaseObject
    from tests.gui.pseudo_walk import pseudo_locale, unwrapped, visible_texts
    from widgets.object_list import ObjectList

    with pseudo_locale():
        table = ObjectList()
        qtbot.addWidget(table)
        table.show_objects([CaseObject(BOX, LesionClass.HE, (0, 12, 0, 30), 360),
                            CaseObject(LESION, LesionClass.MA, (0, 3, 0, 4), 9)])
        assert [table.item(row, 2).text() for row in range(2)] == ["⟦30×12 px⟧", "⟦4×3 px, 9 px²⟧"]
        assert unwrapped(visible_texts(table)) == []


def test_deleting_many_objects_tells_the_canvas_once(qtbot, window) -> None:  # noqa: F811
    """Del on many selected rows is one change per kind for the views: each deletion told apart had the canvas draw
    every box left again (quadratic: 488 boxes of a 12 MP photo, selected and deleted, froze the window 17 s)."""
    from annotations.commands import AddBoxes
    from annotations.document import Box

    doc, history = window.cases.doc, window.cases.history
    history.execute(AddBoxes([Box(LesionClass.EX, 4 * i, 2, 4 * i + 2, 4) for i in range(30)], "boxes"))
    doc.mask[40:44, 10:14] = doc.mask[50:54, 30:34] = LesionClass.HE.bit  # two painted lesions
    window.objects.refresh()
    objects = window.objects.list
    qtbot.waitUntil(lambda: objects.rowCount() == 32, timeout=5_000)
    told: list[str] = []
    history.add_listener(lambda change: told.append(change.kind))
    objects.setFocus()
    objects.selectAll()
    qtbot.keyClick(objects, Qt.Key.Key_Delete)
    assert doc.boxes == [] and not doc.mask.any()
    assert sorted(told) == ["boxes", "mask"] and window.cases.history.undo_text == "Delete 32 objects"
    window.actions["undo"].trigger()
    assert len(doc.boxes) == 30 and doc.mask[40:44, 10:14].all() and doc.mask[50:54, 30:34].all()
