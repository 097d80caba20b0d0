"""Renders the README's annotation screenshot: AI lesions accepted into the reader's mask, VOC boxes, one brush
stroke in progress, zoomed in. Usage: annotate_screenshot.py WORKSPACE_FOLDER OUT.png (see make_screenshots.sh)."""
from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from annotations.classes import LesionClass
from annotations.commands import ApplyAIPrediction


def main(folder: Path, out: Path) -> None:
    app = QApplication([])
    import inference.pipeline  # noqa: F401 - load torch before the window, as `open` does
    from app.settings import Settings, SettingsValues

    settings = Settings.from_file(out.with_suffix(".ini"))
    settings.save(SettingsValues(analyze_on_open=True))
    window = open_window(settings, folder)
    window.cases.select_case(case_named(app, window, "0008"))
    wait(app, lambda: window.cases.doc is not None and window.cases.doc.ai is not None and window.is_settled())

    doc = window.cases.doc
    window.cases.execute(ApplyAIPrediction(classes=(LesionClass.HE, LesionClass.EX)))
    canvas = window.canvas
    canvas.set_view(2.0, QPointF(doc.width * 0.52, doc.height * 0.47))
    annotation = window.annotation
    annotation.settings.update(cls=LesionClass.HE, size=8)
    annotation.choose_tool("brush")
    start_x, start_y = doc.width * 0.45, doc.height * 0.56
    drag(canvas, [(start_x + 2 * i, start_y + 0.8 * i) for i in range(15)])
    wait(app, window.is_settled)
    window.grab().save(str(out))
    print(f"saved {out}")
    out.with_suffix(".ini").unlink(missing_ok=True)


def open_window(settings, folder: Path):  # noqa: ANN001, ANN201 - app.settings.Settings -> MainWindow
    """The window as the screenshots show it, 1600x1000, with ``folder`` open and its store ready (torch is
    loaded first by the caller, as `open` does)."""
    from app.main_window import MainWindow

    window = MainWindow(settings)
    window.resize(1600, 1000)
    window.show()
    window.open_paths([folder])
    window.cases.flush()  # the folder's store is opened on the storage worker
    return window


def case_named(app: QApplication, window, part: str) -> str:  # noqa: ANN001 - app.main_window.MainWindow
    """The id of the case whose photo's name contains ``part`` (the README shows codras_0008), once the folder is
    listed: a folder never opened before is listed in the background after open_window returns."""
    cases = window.cases
    wait(app, lambda: not cases.busy or any(part in s.image_path for s in cases.summaries.values()))
    found = [s.case_id for s in cases.summaries.values() if part in s.image_path]
    if not found:
        folder = cases.workspace.folder if cases.workspace is not None else "the folder"
        raise SystemExit(f"{folder}: no photo whose name contains {part!r}; the screenshots show codras_0008 "
                         "(make_screenshots.sh copies it into the folder)")
    return found[0]


def wait(app: QApplication, condition, timeout: float = 120.0) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not settle")
        app.processEvents()
        time.sleep(0.02)
    for _ in range(10):
        app.processEvents()


def drag(canvas, points: list[tuple[float, float]]) -> None:  # noqa: ANN001
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton

    def send(kind: QEvent.Type, x: float, y: float, button: Qt.MouseButton, buttons: Qt.MouseButton) -> None:
        pos = QPointF(canvas.mapFromScene(QPointF(x, y)))
        QApplication.sendEvent(canvas.viewport(), QMouseEvent(kind, pos, pos, button, buttons,
                                                               Qt.KeyboardModifier.NoModifier))

    send(QEvent.Type.MouseButtonPress, *points[0], left, left)
    for x, y in points[1:]:
        send(QEvent.Type.MouseMove, x, y, none, left)
    send(QEvent.Type.MouseButtonRelease, *points[-1], left, none)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
