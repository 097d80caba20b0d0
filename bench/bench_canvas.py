"""Canvas figures on 4288x2848 fundus photos: open-to-first-paint, mask region updates, overlay rebuild, paint.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench canvas
"""
from __future__ import annotations

import os
import statistics
import time

import numpy as np

from bench.shared_data import shared_photos


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f} ms"


def _median_time(action, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _synthetic_document(width: int, height: int):
    from annotations.classes import LESION_CLASSES, LesionClass
    from annotations.document import AIResult, Box, CaseDocument

    rng = np.random.default_rng(0)
    doc = CaseDocument("bench", "bench.jpg", width, height)
    for cls in LESION_CLASSES:
        for _ in range(150):
            x, y, size = rng.integers(0, width - 60), rng.integers(0, height - 60), rng.integers(3, 60)
            doc.mask[y:y + size, x:x + size] |= cls.bit
            if len(doc.boxes) < 60:
                doc.boxes.append(Box(cls, int(x), int(y), int(x + size), int(y + size)))
    yy, xx = np.ogrid[:height, :width]
    doc.mask[(yy - height // 2) ** 2 + (xx - width // 5) ** 2 < (height // 9) ** 2] |= LesionClass.OD.bit
    cam = np.exp(-(((yy - height / 2) / (height / 4)) ** 2 + ((xx - width / 2) / (width / 4)) ** 2))
    doc.ai = AIResult(mask=doc.mask.copy(), cam=cam.astype(np.float32))
    return doc


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from annotations.image_io import load_image
    from app.image_loader import CaseImageLoader
    from widgets.canvas import ImageCanvas

    files = shared_photos("fullsize")
    if not files:
        return
    app = QApplication.instance() or QApplication([])
    canvas = ImageCanvas()
    canvas.resize(1280, 800)
    canvas.show()
    app.processEvents()
    loader = CaseImageLoader()  # as the case controller hands photos to the canvas
    loader.preview.connect(lambda case_id, rgb, width, height: canvas.show_preview(rgb, width, height))
    loader.loaded.connect(lambda case_id, rgb, *_: canvas.set_image(rgb))

    first_paint, full_shown, decode_once = [], [], []
    for path in files:
        started = time.perf_counter()
        loader.open(path.name, path)
        canvas.viewport().repaint()
        first_paint.append(time.perf_counter() - started)
        while canvas.image_array() is None or canvas.image_array().shape[1] != canvas.image_size()[0]:
            app.processEvents()
            time.sleep(0.001)
        canvas.viewport().repaint()
        full_shown.append(time.perf_counter() - started)
        started = time.perf_counter()
        rgb = load_image(path)
        canvas.set_image(rgb)
        canvas.viewport().repaint()
        decode_once.append(time.perf_counter() - started)
    width, height = canvas.image_size()
    print(f"   image {width}x{height}, {len(files)} files, viewport 1280x800")
    print(f"   open JPEG -> first paint (1/4 preview)  {_ms(statistics.median(first_paint))}   target <= 300 ms")
    print(f"   open JPEG -> full resolution painted    {_ms(statistics.median(full_shown))}   (background decode)")
    print(f"   decode whole image once -> paint        {_ms(statistics.median(decode_once))}   (for comparison)")

    doc = _synthetic_document(width, height)
    started = time.perf_counter()
    canvas.set_document(doc)
    print(f"   set_document (masks, 60 boxes, CAM)     {_ms(time.perf_counter() - started)}   first: allocates buffers")
    started = time.perf_counter()
    canvas.set_document(doc)
    print(f"   set_document again (buffers reused)     {_ms(time.perf_counter() - started)}")

    rng = np.random.default_rng(1)
    corners = [(int(rng.integers(0, height - 40)), int(rng.integers(0, width - 40))) for _ in range(300)]
    corner = iter(corners)

    def region_update() -> None:
        y, x = next(corner)
        canvas.update_mask_region(y, y + 40, x, x + 40)

    print(f"   update_mask_region 40x40 (median)       {_ms(_median_time(region_update, len(corners)))}"
          "   target well under 1 ms")
    print(f"   full overlay rebuild (reader fill)      {_ms(_median_time(canvas.layers.refresh_masks, 5))}")
    canvas.set_mask_source("both")
    print(f"   full rebuild, fill + AI outlines        {_ms(_median_time(canvas.layers.refresh_masks, 3))}")
    from annotations.commands import Change

    ai_arrives = lambda: canvas.apply_change(Change("ai"))  # noqa: E731 - AI outlines and heat map only
    print(f"   AI result arrives (apply_change 'ai')   {_ms(_median_time(ai_arrives, 3))}   target < 100 ms")

    def toggle() -> None:
        canvas.set_layer_visible("HE", not canvas.is_layer_visible("HE"))

    print(f"   class toggle (recolour all)             {_ms(_median_time(toggle, 6))}")
    canvas.set_fov(width / 2, height / 2, height * 0.48)
    canvas.fit_to_window()
    label = f"paint viewport at fit ({canvas.zoom_level():.0%})"
    print(f"   {label:<40}{_ms(_median_time(canvas.viewport().repaint, 10))}   target < 16 ms")
    canvas.zoom_1_to_1()
    print(f"   paint viewport at 100%                  {_ms(_median_time(canvas.viewport().repaint, 10))}"
          "   target < 16 ms")
    canvas.zoom_by(8.0)
    print(f"   paint viewport at 800%                  {_ms(_median_time(canvas.viewport().repaint, 10))}"
          "   target < 16 ms")
    canvas.close()


if __name__ == "__main__":
    main()
