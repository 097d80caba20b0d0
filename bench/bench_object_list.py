"""The Objects list rebuilt in the window, as after every edit, on a 12 MP photo holding the specialists' lesion
masks (idrid-seg IDRiD_01, imported as the reader's labels): finding the lesions (annotations.objects) and
filling the table, both on the GUI thread; then Boxes from masks and every row deleted at once, on it too.
Offscreen unless QT_QPA_PLATFORM says otherwise."""
from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench.shared_data import SHARED_DATA, shared_photos

ROUNDS = 3


def main() -> None:
    photos = shared_photos("idrid-seg/images", "IDRiD_01.jpg")
    if not photos:
        return
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from annotations.objects import list_objects
    from annotations.workspace import Workspace
    from annotations.workspace.label_import import import_labels
    from app.main_window import MainWindow
    from app.settings import Settings, SettingsValues

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["RETINA_REVIEW_MODELS"] = str(Path(tmp) / "no-models")
        images, masks = Path(tmp) / "images", Path(tmp) / "masks"
        images.mkdir()
        masks.mkdir()
        shutil.copy(photos[0], images)
        for mask in (SHARED_DATA / "idrid-seg" / "masks").glob("IDRiD_01_*.png"):
            shutil.copy(mask, masks)
        with Workspace.open(images) as ws:
            import_labels(ws, masks, "masks")
        settings = Settings.from_file(Path(tmp) / "settings.ini")
        settings.save(SettingsValues(analyze_on_open=False, autosave_s=60))
        window = MainWindow(settings)
        window.show()
        window.open_paths([images])
        while window.cases.image is None or not window.is_settled():
            app.processEvents()
        window.objects.dock.raise_()
        finding, filling = [], []
        for _ in range(ROUNDS):
            started = time.perf_counter()
            objects = list_objects(window.cases.doc)
            found = time.perf_counter()
            window.objects.list.show_objects(objects)
            finding.append(found - started)
            filling.append(time.perf_counter() - found)
        print(f"   {len(objects)} objects; finding them {1000 * statistics.median(finding):.0f} ms, filling the "
              f"table {1000 * statistics.median(filling):.0f} ms (median of {ROUNDS}, GUI thread)")
        started = time.perf_counter()
        window.annotation.boxes_from_masks()
        boxed = time.perf_counter() - started
        window.objects.refresh()
        rows = list(range(len(window.objects.list.objects)))
        started = time.perf_counter()
        window.objects.delete_rows(rows)
        deleted = time.perf_counter() - started
        # each box was told to the canvas apart, which drew every box again: 11 s and 27 s on IDRiD_03's 488 boxes
        print(f"   Boxes from masks (Ctrl+B): {len(rows) - len(objects)} boxes in {1000 * boxed:.0f} ms; all "
              f"{len(rows)} rows deleted at once (Del) in {1000 * deleted:.0f} ms (GUI thread)")
        window.close()
