"""Renders the README's Chinese-interface screenshots: the review window with a case open and its findings, the
annotation tools in use (box tool, painted lesions, Objects list), and the settings dialog, all in zh_CN.
Usage: chinese_screenshots.py WORKSPACE_FOLDER OUT_DIR, on a folder holding codras_0008.jpg with imported VOC
boxes (see make_screenshots.sh)."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

from annotate_screenshot import case_named, drag, open_window, wait  # beside this script
from annotations.classes import LesionClass
from annotations.commands import ApplyAIPrediction
from annotations.document import PatientInfo, ReaderGrade


def main(folder: Path, out: Path) -> None:
    app = QApplication([])
    import inference.pipeline  # noqa: F401 - load torch before the window, as `open` does
    from app.i18n import CHINESE, LANGUAGE_NAMES, install_language, register_cjk_font
    from app.report_action import describe_cjk_font
    from app.settings import Settings, SettingsValues
    from app.lesion_source_rows import describe_lesion_sources
    from widgets.settings_dialog import SettingsDialog

    register_cjk_font()
    install_language(app, CHINESE)
    out.mkdir(parents=True, exist_ok=True)
    settings = Settings.from_file(out / "zh-screenshots.ini")
    settings.save(SettingsValues(analyze_on_open=True, reader="王医生", language=CHINESE))
    window = open_window(settings, folder)
    cases = window.cases
    cases.select_case(case_named(app, window, "0008"))
    wait(app, lambda: cases.doc is not None and cases.doc.ai is not None and window.is_settled())
    cases.edits.set_patient(PatientInfo(patient_id="DEMO-0001", name="王小明", birth_date="1968-03-14", age=58,
                                        sex="M", exam_date="2026-11-22"))
    cases.edits.set_grade(ReaderGrade(dr_grade=2, referable=True))
    wait(app, window.is_settled)
    save(window.grab(), out / "zh-review.png")

    doc = cases.doc
    cases.execute(ApplyAIPrediction(classes=(LesionClass.HE, LesionClass.EX)))
    window.canvas.set_view(2.0, QPointF(doc.width * 0.52, doc.height * 0.47))
    window.annotation.settings.update(cls=LesionClass.HE)
    window.annotation.choose_tool("box")
    drag(window.canvas, [(doc.width * 0.45 + 3 * i, doc.height * 0.52 + 2 * i) for i in range(12)])
    window.resizeDocks([window.findings_dock, window.objects.dock], [420, 480], Qt.Orientation.Vertical)
    window.objects.dock.raise_()
    window.objects.refresh()
    wait(app, window.is_settled)
    save(window.grab(), out / "zh-annotate.png")

    dialog = SettingsDialog(settings.load().to_dict(), ["cpu", "cuda"], {"lesion-segmentation": ["idrid-lesions"]},
                            window, describe_font=describe_cjk_font, languages=LANGUAGE_NAMES,
                            describe_sources=describe_lesion_sources)
    dialog.resize(dialog.sizeHint())  # every row: it opens shorter, scrolled, on a screen with less room
    dialog.show()
    wait(app, lambda: True)
    save(dialog.grab(), out / "zh-settings.png")
    (out / "zh-screenshots.ini").unlink(missing_ok=True)
    print("saved", *(out / name for name in ("zh-review.png", "zh-annotate.png", "zh-settings.png")))


def save(pixmap, path: Path) -> None:  # noqa: ANN001 - a QPixmap
    """A 256-colour PNG: a third of the size, and text stays sharp."""
    from PIL import Image, ImageQt

    image = ImageQt.fromqpixmap(pixmap).convert("RGB")
    image.quantize(256, method=Image.Quantize.FASTOCTREE).save(path, optimize=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
