"""Each edit command: apply, revert, re-apply, its text, and that mask edits keep other classes' bits."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from annotations.classes import LesionClass as C
from annotations.commands import (TILE, AddBox, ApplyAIPrediction, CommandGroup, DeleteBox, FillRegion,
                                  PaintStroke, RelabelBox, SetAIResult, SetBoxFlags, SetBoxGeometry, SetFindings,
                                  SetGrade, SetLabels, SetPatient, SetReviewState)
from annotations.commands.mask import diff_patches
from annotations.document import AIResult, Box, CaseDocument, PatientInfo, ReaderGrade, ReviewState
from annotations.magic_area import MagicArea
from annotations.raster import Region


def make_doc(height: int = 300, width: int = 400, seed: int = 0) -> CaseDocument:
    rng = np.random.default_rng(seed)
    mask = rng.integers(0, 32, (height, width), dtype=np.uint8)  # every class bit set somewhere
    return CaseDocument("case", "case.png", width, height, mask=mask)


def round_trip(doc: CaseDocument, command) -> tuple[np.ndarray, np.ndarray]:
    """Apply, revert, apply again; check revert restores and re-apply reproduces. Returns (before, after)."""
    before = doc.mask.copy()
    command.apply(doc)
    after = doc.mask.copy()
    command.revert(doc)
    np.testing.assert_array_equal(doc.mask, before)
    command.apply(doc)
    np.testing.assert_array_equal(doc.mask, after)
    return before, after


def test_fill_sets_one_bit_and_keeps_the_others() -> None:
    doc = make_doc()
    region = np.zeros(doc.mask.shape, dtype=bool)
    region[10:50, 300:390] = True
    command = FillRegion(C.HE, region)
    before, after = round_trip(doc, command)
    assert command.text == "Fill HE"
    assert ((after & C.HE.bit) != 0)[region].all()
    np.testing.assert_array_equal(after & ~np.uint8(C.HE.bit), before & ~np.uint8(C.HE.bit))
    np.testing.assert_array_equal(after[~region], before[~region])


def test_erase_fill_with_offset_clears_only_that_bit() -> None:
    doc = make_doc()
    small = np.ones((20, 30), dtype=bool)
    small[5, 5] = False
    command = FillRegion(C.EX, small, erase=True, offset=(100, 200), text="Erase EX component")
    before, after = round_trip(doc, command)
    assert command.text == "Erase EX component"
    assert not (after[100:120, 200:230][small] & C.EX.bit).any()
    assert after[105, 205] == before[105, 205]
    np.testing.assert_array_equal(after | np.uint8(C.EX.bit), before | np.uint8(C.EX.bit))


def test_fill_accepts_region_and_clips_outside_the_image() -> None:
    doc = make_doc(50, 60)
    command = FillRegion(C.MA, Region(np.ones((30, 30), dtype=bool), -10, 45))
    _, after = round_trip(doc, command)
    assert (after[:20, 45:] & C.MA.bit).all()
    assert FillRegion(C.MA, Region(np.ones((3, 3), bool), 500, 500)).apply(doc) == []


def test_mask_patches_hold_only_changed_pixels() -> None:
    doc = make_doc(600, 700)
    doc.mask[:] = 0
    region = np.zeros(doc.mask.shape, dtype=bool)
    region[250:262, 250:270] = True  # crosses the tile corner at (256, 256)
    command = FillRegion(C.SE, region)
    changes = command.apply(doc)
    assert changes[0].kind == "mask" and changes[0].region == (250, 262, 250, 270)
    assert len(command.patches) == 4
    assert sum(patch.old.size for patch in command.patches) == 12 * 20
    assert command.nbytes < 4 * 1024


def test_diff_patches_follow_the_tile_grid() -> None:
    old = np.zeros((3 * TILE, 2 * TILE), dtype=np.uint8)
    new = old.copy()
    new[TILE - 1, 5] = 1
    new[2 * TILE + 3, TILE + 7] = 4
    patches = diff_patches(old[TILE - 2:], new[TILE - 2:], TILE - 2, 0)
    assert sorted(p.bounds for p in patches) == [(TILE - 1, TILE, 5, 6),
                                                 (2 * TILE + 3, 2 * TILE + 4, TILE + 7, TILE + 8)]
    assert diff_patches(old, old) == []


def test_paint_stroke_from_points_and_erase_keeps_other_bits() -> None:
    doc = make_doc()
    paint = PaintStroke(C.HE, 6, [(20.0, 20.0), (200.0, 150.0), (390.0, 30.0)])
    before, after = round_trip(doc, paint)
    assert paint.text == "Paint HE"
    assert after[20, 20] & C.HE.bit and after[150, 200] & C.HE.bit
    np.testing.assert_array_equal(after & ~np.uint8(C.HE.bit), before & ~np.uint8(C.HE.bit))
    erase = PaintStroke(C.HE, 6, [(20.0, 20.0), (200.0, 150.0)], erase=True)
    _, erased = round_trip(doc, erase)
    assert erase.text == "Erase HE"
    assert not erased[150, 200] & C.HE.bit
    np.testing.assert_array_equal(erased & ~np.uint8(C.HE.bit), before & ~np.uint8(C.HE.bit))


def test_magic_brush_paints_only_where_its_area_allows() -> None:
    doc = make_doc()
    doc.mask[:] = 0
    ai = np.zeros(doc.mask.shape, dtype=np.uint8)
    ai[:, 100:] = C.EX.bit
    stroke = PaintStroke(C.EX, 40, [(50.0, 50.0), (150.0, 50.0)], magic=MagicArea(ai, C.EX.bit))
    _, after = round_trip(doc, stroke)
    assert stroke.text == "Magic brush EX"
    assert not after[:, :100].any() and after[50, 100:150].all()
    with pytest.raises(ValueError, match="AI mask"):
        PaintStroke(C.EX, 3, [(1.0, 1.0)], magic=MagicArea(ai[:10], C.EX.bit)).apply(doc)


def test_stroke_cannot_be_extended_after_it_is_finished() -> None:
    doc = make_doc()
    stroke = PaintStroke(C.MA, 3)
    stroke.extend(doc, 10, 10)
    stroke.finish(doc)
    with pytest.raises(RuntimeError, match="finished"):
        stroke.extend(doc, 12, 12)


def test_apply_ai_prediction_replace_and_union() -> None:
    doc = make_doc(40, 50)
    ai_mask = np.random.default_rng(5).integers(0, 32, doc.mask.shape, dtype=np.uint8)
    doc.ai = AIResult(mask=ai_mask)
    he_ex = np.uint8(C.HE.bit | C.EX.bit)
    replace = ApplyAIPrediction([C.HE, C.EX])
    before, after = round_trip(doc, replace)
    assert replace.text == "Apply AI HE, EX"
    np.testing.assert_array_equal(after & he_ex, ai_mask & he_ex)
    np.testing.assert_array_equal(after & ~he_ex, before & ~he_ex)
    replace.revert(doc)
    union = ApplyAIPrediction(replace=False)
    _, merged = round_trip(doc, union)
    assert union.text == "Apply AI prediction"
    np.testing.assert_array_equal(merged, before | (ai_mask & np.uint8(0b1111)))


def test_apply_ai_prediction_explains_a_missing_or_wrong_mask() -> None:
    doc = make_doc(40, 50)
    with pytest.raises(ValueError, match="no AI mask"):
        ApplyAIPrediction().apply(doc)
    doc.ai = AIResult(mask=np.zeros((10, 10), np.uint8))
    with pytest.raises(ValueError, match="does not match"):
        ApplyAIPrediction().apply(doc)


def test_box_add_delete_restore_position() -> None:
    doc = make_doc(10, 10)
    boxes = [Box(C.MA, 0, 0, 2, 2), Box(C.HE, 1, 1, 3, 3), Box(C.EX, 2, 2, 4, 4)]
    for box in boxes:
        AddBox(box).apply(doc)
    delete = DeleteBox(boxes[1].uid)
    assert delete.apply(doc)[0].kind == "boxes"
    assert delete.text == "Delete HE box" and [b.uid for b in doc.boxes] == [boxes[0].uid, boxes[2].uid]
    delete.revert(doc)
    assert [b.uid for b in doc.boxes] == [b.uid for b in boxes]
    add = AddBox(Box(C.SE, 0, 0, 1, 1))
    assert add.text == "Add SE box"
    add.apply(doc)
    add.revert(doc)
    assert len(doc.boxes) == 3
    with pytest.raises(KeyError):
        DeleteBox("nope").apply(doc)


def test_box_geometry_move_resize_and_merge() -> None:
    doc = make_doc(10, 10)
    box = Box(C.MA, 10, 20, 30, 60)
    doc.boxes.append(box)
    move = SetBoxGeometry(box.uid, 15, 25, 35, 65)
    move.apply(doc)
    assert move.text == "Move box" and box.coords() == (15, 25, 35, 65)
    move.revert(doc)
    assert box.coords() == (10, 20, 30, 60)
    resize = SetBoxGeometry(box.uid, 40, 70, 10, 20)  # corners in either order
    resize.apply(doc)
    assert resize.text == "Resize box" and box.coords() == (10, 20, 40, 70)
    later = SetBoxGeometry(box.uid, 12, 22, 32, 62)
    later.apply(doc)
    assert resize.merge(later) and resize.text == "Move box"
    assert not resize.merge(SetBoxGeometry("other", 0, 0, 1, 1)) and not resize.merge(RelabelBox(box.uid, C.HE))
    resize.revert(doc)
    assert box.coords() == (10, 20, 30, 60)


def test_relabel_and_flags() -> None:
    doc = make_doc(10, 10)
    box = Box(C.MA, 1, 1, 5, 5)
    doc.boxes.append(box)
    relabel = RelabelBox(box.uid, C.SE)
    relabel.apply(doc)
    assert box.label is C.SE and relabel.text == "Relabel box MA → SE"
    relabel.revert(doc)
    assert box.label is C.MA
    flags = SetBoxFlags(box.uid, difficult=True)
    flags.apply(doc)
    assert box.difficult and not box.truncated and flags.text == "Mark box difficult"
    flags.revert(doc)
    assert not box.difficult
    assert SetBoxFlags(box.uid, truncated=False).text == "Unmark box truncated"


def test_set_grade_copies_and_describes() -> None:
    doc = make_doc(10, 10)
    grade = ReaderGrade(dr_grade=2)
    command = SetGrade(grade)
    grade.dr_grade = 4  # the caller's object changing later must not leak into the history
    assert command.apply(doc)[0].kind == "grade"
    assert doc.grade.dr_grade == 2 and command.text == "Set DR grade 2"
    command.revert(doc)
    assert doc.grade == ReaderGrade()
    both = SetGrade(ReaderGrade(dr_grade=3, referable=True))
    both.apply(doc)
    assert both.text == "Set DR grade 3, referable yes"
    clear = SetGrade(ReaderGrade(dr_grade=None, referable=True))
    clear.apply(doc)
    assert clear.text == "Clear DR grade"


def test_findings_review_patient_ai() -> None:
    doc = make_doc(10, 10)
    for command, attribute, kind, text in [
        (SetFindings("Dot haemorrhages"), "findings_text", "findings", "Edit findings"),
        (SetReviewState(ReviewState.DONE), "review_state", "review", "Mark case done"),
        (SetPatient(PatientInfo(patient_id="P1")), "patient", "patient", "Edit patient ID"),
        (SetAIResult(AIResult(dr_grade=3)), "ai", "ai", "Set AI result"),
    ]:
        old = getattr(doc, attribute)
        assert command.apply(doc)[0].kind == kind and command.text == text
        assert getattr(doc, attribute) != old
        command.revert(doc)
        assert getattr(doc, attribute) == old


@pytest.mark.parametrize(("field", "value", "text"), [
    ("patient_id", "P1", "Edit patient ID"), ("name", "Jane Roe", "Edit patient name"), ("age", 61, "Edit age"),
    ("birth_date", "1958-03-12", "Edit birth date"), ("sex", "F", "Edit sex"), ("eye", "OS", "Edit eye"),
    ("exam_date", "2024-05-02", "Edit exam date")])
def test_a_patient_step_is_named_by_the_field_it_changes(field: str, value: object, text: str) -> None:
    doc = make_doc(10, 10)
    doc.patient = PatientInfo(patient_id="P0", name="Jane", age=60, birth_date="1958-01-01", sex="M", eye="OD",
                              exam_date="2018-05-02")
    command = SetPatient(dataclasses.replace(doc.patient, **{field: value}))
    command.apply(doc)
    assert command.text == text


def test_a_name_of_two_forms_typed_over_is_one_edit_of_the_name() -> None:
    """The name field shows both forms of a DICOM name (patients.shown_name): typing over it edits the name."""
    doc = make_doc(10, 10)
    doc.patient = PatientInfo(name="Xiaoming Wang", ideographic_name="王小明")
    command = SetPatient(PatientInfo(name="王晓明"))
    command.apply(doc)
    assert command.text == "Edit patient name"


def test_a_patient_step_changing_several_fields_edits_the_details_and_a_date_takes_its_age_along() -> None:
    doc = make_doc(10, 10)
    several = SetPatient(PatientInfo(patient_id="P1", name="Jane Roe", sex="F"))  # e.g. a patient's details pasted
    several.apply(doc)
    assert several.text == "Edit patient details"
    dated = SetPatient(dataclasses.replace(doc.patient, birth_date="1958-03-12", age=66))  # the age the date gives
    dated.apply(doc)
    assert dated.text == "Edit birth date"


def test_a_joined_patient_step_is_named_by_all_it_changes() -> None:
    doc = make_doc(10, 10)
    step = SetPatient(PatientInfo(name="Ja"))
    step.apply(doc)
    assert step.text == "Edit patient name"
    later = SetPatient(PatientInfo(name="Jane", sex="F"))
    later.apply(doc)
    assert step.merge(later) and step.text == "Edit patient details"


def test_ai_result_memory_counts_its_arrays() -> None:
    doc = make_doc(10, 10)
    result = AIResult(mask=np.zeros((100, 100), np.uint8), cam=np.zeros((100, 100), np.float32))
    command = SetAIResult(result)
    command.apply(doc)
    assert command.nbytes >= 100 * 100 * 5


def test_group_applies_in_order_and_reverts_in_reverse() -> None:
    doc = make_doc(10, 10)
    box = Box(C.MA, 1, 1, 5, 5)
    group = CommandGroup("Add and move")
    for command in (AddBox(box), SetBoxGeometry(box.uid, 2, 2, 6, 6)):
        command.apply(doc)
        group.add_applied(command)
    group.revert(doc)
    assert doc.boxes == []
    group.apply(doc)
    assert doc.boxes[0].coords() == (2, 2, 6, 6) and group.text == "Add and move"


def test_set_modality_is_undoable_and_says_what_it_marks() -> None:
    from annotations.commands import SetModality
    from annotations.document import Modality
    from annotations.history import History

    doc = make_doc(20, 30)
    history = History(doc)
    changes = []
    history.add_listener(changes.append)
    history.execute(SetModality(Modality.OCT))
    assert doc.modality is Modality.OCT and history.undo_text == "Mark as OCT"
    assert [c.kind for c in changes] == ["modality"]
    history.undo()
    assert doc.modality is Modality.FUNDUS and history.is_clean
    history.redo()
    assert doc.modality is Modality.OCT
    assert SetModality(Modality.FUNDUS).text == "Mark as fundus"


def test_set_labels_sets_boxes_and_mask_as_one_step_keeping_only_the_changed_pixels() -> None:
    doc = make_doc(600, 600)
    own = Box(C.MA, 0, 0, 2, 2)
    doc.boxes.append(own)
    before = doc.mask.copy()
    after = before.copy()
    after[300:310, 400:420] |= C.HE.bit
    imported = [own, Box(C.HE, 400, 300, 420, 310, source="import")]
    command = SetLabels(imported, after, "Import labels")
    assert {change.kind for change in command.apply(doc)} == {"mask", "boxes"}
    assert doc.boxes == imported and np.array_equal(doc.mask, after) and command.text == "Import labels"
    assert command.nbytes < before.nbytes // 100  # a patch of the changed tile, not the whole mask
    command.revert(doc)
    assert doc.boxes == [own] and np.array_equal(doc.mask, before)
    command.apply(doc)
    assert doc.boxes == imported and np.array_equal(doc.mask, after)
