"""Renders the README's screenshots of the patient section, the Objects dock and the two-eye report dialog.
Usage: workflow_screenshots.py WORKSPACE_FOLDER DOCS_DIR, on a folder holding codras_0003.jpg (disc on the left)
and codras_0014.jpg (disc on the right) with imported VOC boxes (see make_screenshots.sh)."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotations.classes import LesionClass
from annotations.commands import ApplyAIPrediction
from annotations.document import PatientInfo, ReaderGrade, ReviewState
from annotate_screenshot import open_window, wait  # beside this script


def main(folder: Path, docs: Path) -> None:
    app = QApplication([])
    import inference.pipeline  # noqa: F401 - load torch before the window, as `open` does
    from app.settings import Settings, SettingsValues
    from widgets.report_dialog import ReportDialog

    settings = Settings.from_file(docs / "workflow-screenshots.ini")
    settings.save(SettingsValues(analyze_on_open=True, reader="Dr A. Example", clinic_name="Example Eye Clinic"))
    window = open_window(settings, folder)
    cases = window.cases
    ids = {s.image_path: s.case_id for s in cases.summaries.values()}

    def open_case(name: str) -> None:
        cases.select_case(ids[name])
        wait(app, lambda: cases.doc is not None and cases.doc.ai is not None and window.is_settled())

    open_case("codras_0014.jpg")
    cases.edits.set_patient(PatientInfo(patient_id="DEMO-0001", name="Example Patient", birth_date="1968-03-14",
                                        age=58, sex="M", eye="OD", exam_date="2026-11-22"))
    cases.edits.set_grade(ReaderGrade(dr_grade=0, referable=False))  # contradicts the painted lesions: flagged
    cases.execute(ApplyAIPrediction(classes=(LesionClass.HE, LesionClass.EX)))
    cases.edits.mark_done()
    open_case("codras_0003.jpg")
    patient = PatientInfo(patient_id="DEMO-0001", name="Example Patient", birth_date="1968-03-14", age=58,
                          sex="M", exam_date="2026-11-22")
    cases.edits.set_patient(patient)  # the eye is left to the AI's suggestion, shown beside the field
    cases.edits.set_grade(ReaderGrade(dr_grade=2, referable=True))
    cases.edits.set_review_state(ReviewState.DONE)
    cases.save()
    wait(app, window.is_settled)
    window.grab().save(str(docs / "screenshot-patient.png"))

    cases.execute(ApplyAIPrediction(classes=(LesionClass.HE, LesionClass.EX)))
    window.resizeDocks([window.findings_dock, window.objects.dock], [480, 420], Qt.Orientation.Vertical)
    window.objects.dock.raise_()
    window.objects.refresh()
    objects = window.objects.list.objects
    row = max(range(len(objects)), key=lambda r: (objects[r].kind == "lesion", objects[r].area_px))
    window.objects.show_object(row)
    window.objects.list.selectRow(row)
    wait(app, window.is_settled)
    window.grab().save(str(docs / "screenshot-objects.png"))

    shown: list[ReportDialog] = []
    ReportDialog.exec = lambda self: shown.append(self) or 0  # type: ignore[method-assign]
    window.case_list.table.selectAll()
    window.reports.open_report()
    dialog = shown[0]
    dialog.resize(1400, 900)
    dialog.show()
    wait(app, lambda: True)
    dialog.grab().save(str(docs / "screenshot-two-eye-dialog.png"))
    (docs / "workflow-screenshots.ini").unlink(missing_ok=True)
    print("saved", *(docs / name for name in ("screenshot-patient.png", "screenshot-objects.png",
                                               "screenshot-two-eye-dialog.png")))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
