"""A case saved before it was ever opened in the window (labels imported, patient details set) records the modality
its image shows, not the document's default (fundus): every reader takes the recorded one as decided, and
`analyze --workspace` analysed an OCT B-scan so as a fundus photo (a moderate NPDR with hundreds of exudates)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from annotations.document import Modality, PatientInfo
from annotations.workspace import Workspace
from annotations.workspace.recorded_modality import saved_modality
from annotations.workspace.label_import import import_labels
from inference.batch.results import WorkspaceCases
from tests.hostile_corpus import voc_file, voc_object
from tests.unit.test_red_free_modality import b_scan, red_free_photo


def scan_and_photo(folder: Path) -> dict[str, Path]:
    """A Kermany-style grey JPEG B-scan and a colour fundus photo, under names that say nothing of either."""
    folder.mkdir()
    scan, photo = folder / "p1.jpeg", folder / "p2.jpg"
    Image.fromarray(np.ascontiguousarray(b_scan()[..., 0])).save(scan)
    disc = red_free_photo(400, 600, 240).astype(np.float32)
    Image.fromarray((disc * [1.0, 0.55, 0.25]).astype(np.uint8)).save(photo)  # reddish, as a camera's
    return {"scan": scan, "photo": photo}


def recorded(folder: Path) -> dict[str, Modality | None]:
    with Workspace.open(folder) as ws:
        return {case.image_path: saved_modality(ws.case_files, case.case_id) for case in ws.cases()}


def test_labels_imported_before_either_case_was_opened_record_what_each_image_is(tmp_path: Path) -> None:
    images, labels = tmp_path / "images", tmp_path / "labels"
    files = scan_and_photo(images)
    labels.mkdir()
    for path in files.values():
        voc_file(labels / f"{path.stem}.xml", [voc_object("EX", 5, 5, 20, 20)], 512, 496, path.name)
    with Workspace.open(images) as ws:
        assert import_labels(ws, labels, "voc").cases == 2
    assert recorded(images) == {"p1.jpeg": Modality.OCT, "p2.jpg": Modality.FUNDUS}
    cases = WorkspaceCases.open(images, list(files.values()))  # what `analyze --workspace` analyses each as
    try:
        assert cases.recorded_modality(str(files["scan"])) is Modality.OCT
        assert cases.recorded_modality(str(files["photo"])) is Modality.FUNDUS
    finally:
        cases.workspace.close()


def test_patient_details_set_on_cases_not_opened_record_what_each_image_is_unless_the_reader_chose(
        tmp_path: Path) -> None:
    images = tmp_path / "images"
    scan_and_photo(images)
    chosen = images / "p3.jpeg"  # a B-scan the reader marked as a fundus photo: their choice stands
    chosen.write_bytes((images / "p1.jpeg").read_bytes())
    with Workspace.open(images) as ws:
        for case in ws.cases():
            doc = ws.load_case(case.case_id)
            doc.patient = PatientInfo(patient_id="P-7")
            if case.image_path == "p3.jpeg":
                doc.modality = Modality.FUNDUS
            ws.save_case(doc)
    assert recorded(images) == {"p1.jpeg": Modality.OCT, "p2.jpg": Modality.FUNDUS, "p3.jpeg": Modality.FUNDUS}


def test_an_autosave_of_a_case_never_examined_leaves_its_modality_to_the_recovery(tmp_path: Path) -> None:
    """Edited and autosaved before its pixels came, then a crash: the snapshot's "fundus" is the default, not a
    decision, so the recovery's save decides it from the file."""
    files = scan_and_photo(tmp_path / "images")
    with Workspace.open(tmp_path / "images") as ws:
        case_id = next(case.case_id for case in ws.cases() if case.image_path == files["scan"].name)
        doc = ws.load_case(case_id)
        doc.findings_text = "typed before the pixels came"
        assert not doc.modality_decided and ws.autosave(doc)
        recovered = ws._snapshots.read(case_id).doc
        assert recovered.modality is Modality.FUNDUS and not recovered.modality_decided
        doc.modality = Modality.OCT  # the window's decision, once the pixels came
        assert ws.autosave(doc) and ws._snapshots.read(case_id).doc.modality_decided
