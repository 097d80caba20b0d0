"""Renders the README's heat map screenshots: a photo's lesion probability as the heat map (hard exudates, EX, unless
another class is named), with its colour scale and threshold in the findings panel.
Usage: heatmap_screenshot.py WORKSPACE_FOLDER OUT.png [LANGUAGE [CLASS]] (e.g. zh_CN MA), on a folder holding
codras_0008.jpg, best at full size (see make_screenshots.sh)."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication

from annotate_screenshot import case_named, open_window, wait  # beside this script
from chinese_screenshots import save
from annotations.probability_maps import HEAT_SOURCES


# where the view is centred, as shares of the photo's width and height: the exudates above the macula; for HE the
# haemorrhages nasal to them
VIEW_CENTRES = {"EX": (0.6, 0.35), "HE": (0.32, 0.4)}


def main(folder: Path, out: Path, language: str, shown: str) -> None:
    app = QApplication([])
    import inference.pipeline  # noqa: F401 - load torch before the window, as `open` does
    from app.i18n import install_language, register_cjk_font
    from app.settings import Settings, SettingsValues

    register_cjk_font()
    install_language(app, language)
    settings = Settings.from_file(out.with_suffix(".ini"))
    settings.save(SettingsValues(analyze_on_open=True, language=language))
    window = open_window(settings, folder)
    cases = window.cases
    cases.select_case(case_named(app, window, "0008"))
    wait(app, lambda: cases.doc is not None and cases.doc.ai is not None and window.is_settled())
    for layer in ("layer_boxes", f"layer_{shown}"):  # the heat map without the class's outlines over it
        window.actions[layer].setChecked(False)
    window.findings.heat.combo.activated.emit(HEAT_SOURCES.index(shown))
    zoom = 2048 / cases.doc.width  # as if the photo were 1024 px wide at 200 %
    x, y = VIEW_CENTRES.get(shown, VIEW_CENTRES["EX"])
    window.canvas.set_view(zoom, QPointF(cases.doc.width * x, cases.doc.height * y))
    wait(app, window.is_settled)
    save(window.grab(), out)
    window.close()
    out.with_suffix(".ini").unlink(missing_ok=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else "en",
         sys.argv[4] if len(sys.argv) > 4 else "EX")
