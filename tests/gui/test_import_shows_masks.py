"""After an import into the open folder, the canvas shows the imported masks at once over the photo it shows: the
import is a step of the open case's history, drawn as any edit is, with the photo neither cleared nor decoded again
(app.import_steps); undoing it takes the masks off the canvas again."""
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
    canvas, doc, reloaded = window.canvas, window.cases.doc, []  # what the canvas was asked to show anew

    def overlay() -> tuple[int, ...]:
        return canvas.layers.mask.qimage().pixelColor(60, 50).getRgb()

    for name in ("show_preview", "set_document", "set_image"):
        setattr(canvas, name, lambda *args, name=name, **kwargs: reloaded.append(name))
    clear = overlay()
    dialog = window.annotation.show_import()
    qtbot.addWidget(dialog)
    dialog.choose_format("masks")
    dialog.source_edit.setText(str(labels))
    with qtbot.waitSignal(dialog.finished_import, timeout=20_000):
        dialog.import_button.click()
    assert window.cases.doc is doc and canvas.layers.document() is doc and (doc.mask & LesionClass.HE.bit).any()
    assert overlay() != clear and reloaded == []
    window.actions["undo"].trigger()
    assert overlay() == clear and not (doc.mask & LesionClass.HE.bit).any()
