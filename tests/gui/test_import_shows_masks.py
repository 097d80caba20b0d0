"""After an import into the open folder, the canvas shows the imported masks at once over the photo it shows: the
folder opens again, and the same case's labels are drawn as it opens, never its photo alone (a preview without
overlays) until its pixels are decoded again (app.case_display)."""
from __future__ import annotations

import numpy as np
from PIL import Image

from annotations.classes import LesionClass
from tests.gui.test_annotation_tools import HEIGHT, WIDTH, window  # noqa: F401 - a fixture


def test_imported_masks_show_at_once_over_the_same_photo(qtbot, window, tmp_path) -> None:  # noqa: F811
    labels = tmp_path / "masks"
    labels.mkdir()
    he = np.zeros((HEIGHT, WIDTH), np.uint8)
    he[40:60, 50:70] = 255
    Image.fromarray(he).save(labels / "eye_HE.png")
    canvas, shown = window.canvas, []  # what the canvas was asked to show, in order

    def spy(name: str):  # noqa: ANN202 - wraps one of the canvas's methods
        real = getattr(canvas, name)

        def call(*args: object, **kwargs: object) -> object:
            doc = args[0] if name == "set_document" else None
            shown.append((name, None if doc is None else bool((doc.mask & LesionClass.HE.bit).any())))
            return real(*args, **kwargs)
        return call
    for name in ("show_preview", "set_document"):
        setattr(canvas, name, spy(name))
    dialog = window.annotation.show_import()
    qtbot.addWidget(dialog)
    dialog.choose_format("masks")
    dialog.source_edit.setText(str(labels))
    with qtbot.waitSignal(dialog.finished_import, timeout=20_000):
        dialog.import_button.click()
    shown.clear()
    qtbot.waitUntil(lambda: window.cases.doc is not None and canvas.layers.document() is window.cases.doc
                    and bool((window.cases.doc.mask & LesionClass.HE.bit).any()), timeout=20_000)
    qtbot.wait(200)  # the photo's pixels, decoded again, arrive after the case opened
    assert shown and all(call == ("set_document", True) for call in shown), shown
