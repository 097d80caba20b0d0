"""The first open of a screening folder on a slow share, in the window: how soon its list shows a row and its first
case opens, and how long until every case is listed. A generated folder of 2,000 small photos: three clinics' JPEGs
(500 each) and histeq/ with 500 PNG copies of clinic_a's named as their haemorrhage masks (``photo_000001_HE.png``),
whose headers the listing reads to tell them photos (photo_sorter). Each header read (a photo's size, a file named
as a mask's colour mode) waits BENCH_SHARE_READ_MS (default 5 ms; a share's is about 20) longer. Printed: the time from
open_paths() to the first row shown, to the first case open, to the whole list; and how many rows the list showed at
each listing it read meanwhile (the first ten).

Run: OMP_NUM_THREADS=1 QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench first_rows   (about 20 s)
BENCH_FIRST_ROWS_SHOT=X.png saves a screenshot of the window while its list fills (a quarter listed).
"""
from __future__ import annotations

import io
import os
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from bench.bench_gui import _wait

READ_MS = float(os.environ.get("BENCH_SHARE_READ_MS", "5"))
CLINICS, PER_FOLDER = ("clinic_a", "clinic_b", "clinic_c"), 500


def make_screening(folder: Path) -> int:
    """The folder described above; its case count."""
    import numpy as np
    from PIL import Image

    pixels = np.random.default_rng(0).integers(0, 255, (48, 64, 3), dtype=np.uint8)
    jpeg, png = io.BytesIO(), io.BytesIO()
    Image.fromarray(pixels).save(jpeg, "JPEG", quality=70)
    Image.fromarray(pixels).save(png, "PNG")
    for clinic in CLINICS:
        (folder / clinic).mkdir(parents=True)
        for number in range(PER_FOLDER):
            (folder / clinic / f"photo_{number:06d}.jpg").write_bytes(jpeg.getvalue())
    (folder / "histeq").mkdir()
    for number in range(PER_FOLDER):
        (folder / "histeq" / f"photo_{number:06d}_HE.png").write_bytes(png.getvalue())
    return PER_FOLDER * (len(CLINICS) + 1)


@contextmanager
def slow_headers() -> Iterator[None]:
    """Every header read of the listing READ_MS longer, as on a share."""
    import annotations.formats.photo_modes as modes
    import annotations.workspace.catalog as catalog

    real_info, real_mode = catalog.read_image_info, modes.has_photo_mode

    def info(path):  # noqa: ANN001, ANN202 - read_image_info's own
        time.sleep(READ_MS / 1000)
        return real_info(path)

    def mode(path):  # noqa: ANN001, ANN202 - has_photo_mode's own
        time.sleep(READ_MS / 1000)
        return real_mode(path)
    catalog.read_image_info, modes.has_photo_mode = info, mode
    try:
        yield
    finally:
        catalog.read_image_info, modes.has_photo_mode = real_info, real_mode


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["RETINA_REVIEW_PRELOAD"] = "0"
    from PySide6.QtWidgets import QApplication

    from app.main_window import MainWindow
    from app.settings import Settings, SettingsValues

    app = QApplication.instance() or QApplication([])
    shot = os.environ.get("BENCH_FIRST_ROWS_SHOT")
    with tempfile.TemporaryDirectory(prefix="bench-first-rows-") as tmp:
        folder = Path(tmp) / "share"
        count = make_screening(folder)
        settings = Settings.from_file(Path(tmp) / "settings.ini")
        settings.save(SettingsValues(analyze_on_open=False, reader="bench"))
        window = MainWindow(settings)
        window.resize(1400, 900)
        window.show()
        rows: list[int] = []
        window.case_list.listed.connect(lambda: rows.append(window.case_list.model.rowCount()))
        with slow_headers():
            started = time.perf_counter()
            window.open_paths([folder])
            _wait(app, lambda: window.case_list.model.rowCount() > 0, 600)
            first_row = time.perf_counter() - started
            _wait(app, lambda: window.cases.current_id is not None, 600)
            first_case = time.perf_counter() - started
            if shot:
                _wait(app, lambda: window.cases.image is not None and window.case_list.model.rowCount() >= count // 4,
                      600)
                window.grab().save(shot)
            _wait(app, lambda: not window.cases.busy and not window.case_list.pending
                  and window.case_list.model.rowCount() >= count, 600)
            whole = time.perf_counter() - started
        print(f"   {count} photos, each header read {READ_MS:g} ms longer: first row {first_row * 1000:5.0f} ms, "
              f"first case open {first_case * 1000:5.0f} ms, all listed {whole:5.1f} s; rows at each listing: "
              f"{rows[:10]}{' …' if len(rows) > 10 else ''}")
        window.close()
