"""Dataset export: layout, untouched originals, deterministic patient-grouped splits, progress and cancel."""
from __future__ import annotations

import errno
import hashlib
import json
import os
import random
import threading
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.classes import LesionClass
from annotations.document import Box, CaseDocument, PatientInfo, ReaderGrade, ReviewState
from annotations.formats import FormatError
from annotations.formats.dataset import export_dataset, split_names, stable_split_names
from annotations.formats.grades_csv import read_grades_csv
from annotations.formats.masks import read_class_masks, read_indexed_png
from annotations.formats.voc import read_voc
from annotations.progress import CallbackState, Cancelled

MA, HE, EX, OD = LesionClass.MA, LesionClass.HE, LesionClass.EX, LesionClass.OD


def make_cases(folder: Path, count: int = 6) -> tuple[list[CaseDocument], list[Path]]:
    rng = np.random.default_rng(0)
    cases, files = [], []
    for i in range(count):
        path = folder / f"sub{i % 2}" / f"eye{i}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.fromarray(rng.integers(0, 255, (12, 16, 3), dtype=np.uint8)).save(path)
        mask = np.zeros((12, 16), np.uint8)
        if i % 3 != 2:  # every third case has boxes only, nothing painted
            mask[1:4, 2:6] = MA.bit
            mask[2:8, 3:9] |= HE.bit
        doc = CaseDocument(f"c{i}", f"sub{i % 2}/eye{i}.png", 16, 12, mask=mask,
                           boxes=[Box(EX, 1, 1, 5, 5), Box(OD, 0, 0, i, i)],
                           grade=ReaderGrade(dr_grade=i % 5, dme_risk=None if i == 1 else 0))
        cases.append(doc)
        files.append(path)
    cases[-1].rejected_candidates = [Box(HE, 2, 3, 7, 9, score=0.61, source="ai")]
    return cases, files


def digests(files: list[Path]) -> dict[Path, tuple[str, float]]:
    return {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime) for p in files}


def test_export_layout_and_summary(tmp_path: Path) -> None:
    cases, files = make_cases(tmp_path / "src")
    before = digests(files)
    out = tmp_path / "out"
    summary = export_dataset(cases, files, out, seed=3)

    assert digests(files) == before and all(p.exists() for p in files)  # copied, not moved or changed
    names = [f"eye{i}" for i in range(6)]
    for name, doc, source in zip(names, cases, files):
        assert (out / "images" / f"{name}.png").read_bytes() == source.read_bytes()
        voc = read_voc(out / "voc" / f"{name}.xml")
        assert [b.coords() for b in voc.boxes] == [b.coords() for b in doc.boxes]
        assert voc.filename == f"{name}.png" and voc.path == "images/" + f"{name}.png"
        if doc.mask.any():
            np.testing.assert_array_equal(read_class_masks(out / "masks", name, (12, 16)), doc.mask)
            assert not (out / "masks_indexed" / f"{name}.png").exists()  # EX and OD boxed, not painted
        else:  # nothing painted and not done: no masks claiming "no lesions"
            assert not list((out / "masks").glob(f"{name}_*")) and not (out / "masks_indexed" / f"{name}.png").exists()
    grades = read_grades_csv(out / "grades.csv")
    assert {name: g.dr_grade for name, g in grades.items()} == {n: d.grade.dr_grade for n, d in zip(names, cases)}
    assert grades["eye1"].dme_risk is None

    split_files = {s: (out / "splits" / f"{s}.txt").read_text().split() for s in ("train", "val", "test")}
    assert sorted(sum(split_files.values(), [])) == names
    assert json.loads((out / "hard_negatives.json").read_text()) == {
        "eye5": [{"label": "HE", "xmin": 2, "ymin": 3, "xmax": 7, "ymax": 9, "score": 0.61}]}

    painted = [d for d in cases if d.mask.any()]
    assert summary["cases"] == 6 and summary["masked_cases"] == len(painted)
    assert summary["boxes"] == {"MA": 0, "HE": 0, "EX": 6, "SE": 0, "OD": 6}
    assert summary["pixels"]["MA"] == sum(int(np.count_nonzero(d.mask & MA.bit)) for d in cases)
    assert summary["pixels"]["HE"] == sum(int(np.count_nonzero(d.mask & HE.bit)) for d in cases)
    assert summary["splits"] == {s: len(v) for s, v in split_files.items()}
    assert summary["hard_negatives"] == 1
    assert summary["not_indexed"] == [(f"eye{i}", ["EX", "OD"]) for i in (0, 1, 3, 4)]
    assert summary["lesions_unknown"] == []


def test_a_case_with_no_class_boxed_alone_gets_its_indexed_png(tmp_path: Path) -> None:
    cases, files = make_cases(tmp_path / "src", 1)
    cases[0].boxes = []
    summary = export_dataset(cases, files, tmp_path / "out")
    assert read_indexed_png(tmp_path / "out" / "masks_indexed" / "eye0.png")[2, 3] == MA.bit  # MA wins the overlap
    assert summary["not_indexed"] == []


def test_a_case_with_a_class_boxed_alone_gets_no_indexed_png(tmp_path: Path) -> None:
    """The indexed PNG of eye0 (MA and HE painted, 26 HE boxes beside them in the probe; here an EX box) said "no
    exudate" inside the box, while masks/ rightly left out eye0_EX.png: a pipeline reading the indexed maps learned
    no lesion inside every box."""
    cases, files = make_cases(tmp_path / "src", 1)
    cases[0].boxes = [Box(EX, 1, 1, 5, 5)]
    summary = export_dataset(cases, files, tmp_path / "out")
    assert not (tmp_path / "out" / "masks_indexed" / "eye0.png").exists()
    assert not (tmp_path / "out" / "masks" / "eye0_EX.png").exists()
    assert (tmp_path / "out" / "masks" / "eye0_MA.png").exists()
    assert summary["not_indexed"] == [("eye0", ["EX"])]


def test_done_case_graded_no_dr_without_paint_gets_empty_masks(tmp_path: Path) -> None:
    cases, files = make_cases(tmp_path / "src", 3)
    cases[2].review_state = ReviewState.DONE
    cases[2].grade = ReaderGrade(dr_grade=0)  # No DR, no lesion boxed: "no lesions here"
    cases[2].boxes = []
    summary = export_dataset(cases, files, tmp_path / "out")
    assert not read_class_masks(tmp_path / "out" / "masks", "eye2", (12, 16)).any()
    assert (tmp_path / "out" / "masks" / "eye2_SE.png").exists()
    assert read_indexed_png(tmp_path / "out" / "masks_indexed" / "eye2.png").max() == 0
    assert summary["lesions_unknown"] == []


@pytest.mark.parametrize("dr_grade", [2, None])
def test_a_done_case_graded_not_annotated_gets_no_masks_and_keeps_its_grade(tmp_path: Path,
                                                                            dr_grade: int | None) -> None:
    """A reader graded eye2 (moderate NPDR) and painted or boxed no lesion: its empty masks said "no lesion" on a
    photo that may be full of exudates. Ungraded, nobody said it has none either. Its disc painted gets no mask
    alone (a lone NAME_OD.png makes a reader take every lesion as absent)."""
    cases, files = make_cases(tmp_path / "src", 3)
    cases[2].review_state = ReviewState.DONE
    cases[2].grade = ReaderGrade(dr_grade=dr_grade)
    cases[2].boxes = [box for box in cases[2].boxes if box.label is OD]
    cases[2].mask[2:9, 4:12] = OD.bit
    out = tmp_path / "out"
    summary = export_dataset(cases, files, out)
    assert not list((out / "masks").glob("eye2_*")) and not (out / "masks_indexed" / "eye2.png").exists()
    assert summary["lesions_unknown"] == ["eye2"] and summary["masked_cases"] == 2
    assert read_grades_csv(out / "grades.csv")["eye2"].dr_grade == dr_grade
    assert "eye2" in (out / "splits" / "train.txt").read_text() + (out / "splits" / "val.txt").read_text() + \
        (out / "splits" / "test.txt").read_text()


def test_a_done_case_with_lesions_boxed_but_none_painted_gets_no_mask_of_the_boxed_classes(tmp_path: Path) -> None:
    """An empty mask of a boxed class said "no lesion" inside its boxes; without it the VOC boxes label that class
    (rough masks), and the empty masks of the classes neither painted nor boxed say "none" as in any done case."""
    cases, files = make_cases(tmp_path / "src", 3)
    cases[2].review_state = ReviewState.DONE  # an EX box and an OD box, nothing painted
    summary = export_dataset(cases, files, tmp_path / "out")
    assert sorted(path.name for path in (tmp_path / "out" / "masks").glob("eye2_*")) == [
        "eye2_HE.png", "eye2_MA.png", "eye2_SE.png"]
    assert not read_class_masks(tmp_path / "out" / "masks", "eye2", (12, 16)).any()
    assert [box.label for box in read_voc(tmp_path / "out" / "voc" / "eye2.xml").boxes] == [EX, OD]
    assert summary["masked_cases"] == 3


def test_a_class_boxed_beside_painted_ones_gets_no_mask(tmp_path: Path) -> None:
    """eye0 has MA and HE painted and an EX box: an empty EX mask would say "no exudate" inside that box."""
    cases, files = make_cases(tmp_path / "src", 1)
    export_dataset(cases, files, tmp_path / "out")
    assert sorted(path.name for path in (tmp_path / "out" / "masks").glob("eye0_*")) == [
        "eye0_HE.png", "eye0_MA.png", "eye0_SE.png"]


@pytest.mark.parametrize("state", [ReviewState.DONE, ReviewState.IN_PROGRESS])
def test_a_case_with_lesions_boxed_and_its_disc_painted_keeps_the_disc_mask(tmp_path: Path,
                                                                          state: ReviewState) -> None:
    cases, files = make_cases(tmp_path / "src", 3)
    cases[2].mask[2:9, 4:12] = OD.bit  # an EX box, the disc painted (and boxed)
    cases[2].review_state = state
    export_dataset(cases, files, tmp_path / "out")
    masks = tmp_path / "out" / "masks"
    np.testing.assert_array_equal(read_class_masks(masks, "eye2", (12, 16)), cases[2].mask)
    assert (masks / "eye2_OD.png").exists() and not (masks / "eye2_EX.png").exists()


def test_splits_are_deterministic_sized_and_keep_patients_together() -> None:
    names = [f"n{i:03d}" for i in range(100)]
    patients = [f"p{i // 2}" if i < 40 else "" for i in range(100)]  # 20 patients with two eyes each
    first = split_names(names, patients, (0.7, 0.15, 0.15), seed=1)
    shuffled = list(zip(names, patients))[::-1]
    again = split_names([n for n, _ in shuffled], [p for _, p in shuffled], (0.7, 0.15, 0.15), seed=1)
    assert {k: sorted(v) for k, v in first.items()} == {k: sorted(v) for k, v in again.items()}
    assert first != split_names(names, patients, (0.7, 0.15, 0.15), seed=2)
    # A two-eye patient may push a boundary by one case, never more.
    assert abs(len(first["train"]) - 70) <= 1 and abs(len(first["train"]) + len(first["val"]) - 85) <= 1
    where = {name: split for split, members in first.items() for name in members}
    for i in range(0, 40, 2):
        assert where[names[i]] == where[names[i + 1]]
    everything = split_names(names, [""] * 100, (1.0, 0.0, 0.0), 0)
    assert sorted(everything["train"]) == names and everything["val"] == everything["test"] == []


def _sides(names: list[str], seed: int = 0, patients: list[str] | None = None) -> dict[str, str]:
    splits = stable_split_names(names, [f"sub/{n}.png" for n in names], patients or [""] * len(names),
                                (0.7, 0.15, 0.15), seed)
    return {name: split for split, members in splits.items() for name in members}


def test_export_splits_keep_every_case_on_its_side_as_cases_are_added() -> None:
    """A retrain's held-out photos must not include any the model retrained before learned from: each export of a
    growing folder keeps the earlier cases where they were (the seeded shuffle moved most of them)."""
    rng = random.Random(5)
    names = [f"case{i:04d}" for i in range(400)]
    rng.shuffle(names)
    before = _sides(names[:4])
    for count in (5, 6, 9, 17, 40, 120, 400):
        now = _sides(names[:count])
        moved = {name for name in before if now[name] != before[name]}
        # only the one a small set lent to the scored split may go back to training, never the other way
        assert all(before[name] == "test" and now[name] == "train" for name in moved), moved
        assert "test" in now.values()
        before = now
    shares = Counter(before.values())
    assert abs(shares["train"] - 280) < 40 and abs(shares["val"] - 60) < 25 and abs(shares["test"] - 60) < 25
    assert _sides(names[::-1]) == before  # the order of the cases does not matter
    assert _sides(names, seed=1) != before


def test_export_splits_keep_patients_together_and_always_hold_one_out() -> None:
    names = [f"n{i:03d}" for i in range(60)]
    sides = _sides(names, patients=[f"p{i // 3}" for i in range(60)])
    assert all(len({sides[n] for n in names[i:i + 3]}) == 1 for i in range(0, 60, 3))
    for seed in range(200):  # four cases: a 52 % chance that none was drawn into test; one still is
        counts = Counter(_sides(names[:4], seed).values())
        assert counts["test"] >= 1 and counts["train"] >= 1
    for seed in range(20):  # one patient: nothing to hold out without splitting the patient, and it trains
        assert set(_sides(names[:4], seed, patients=["p"] * 4).values()) == {"train"}


def test_same_file_name_in_two_folders_gets_two_names(tmp_path: Path) -> None:
    cases, files = make_cases(tmp_path / "src", 2)
    cases[1].image_path = "sub1/eye0.png"  # same file name in another folder (the fixture has sub0/eye0.png)
    summary = export_dataset(cases, files, tmp_path / "out")
    images = sorted(p.name for p in (tmp_path / "out" / "images").iterdir())
    assert images == ["sub0__eye0.png", "sub1__eye0.png"]  # each by its path (output_names.plan_stems)
    assert summary["splits"] and sum(summary["splits"].values()) == 2


def test_progress_and_cancel_between_cases(tmp_path: Path) -> None:
    cases, files = make_cases(tmp_path / "src")
    seen: list[tuple[float, str]] = []

    def on_progress(fraction: float, message: str) -> None:
        seen.append((fraction, message))
        if len(seen) == 3:  # the person presses Cancel while the third case is being written
            state.cancel()

    state = CallbackState(on_progress)
    with pytest.raises(Cancelled):
        export_dataset(cases, files, tmp_path / "out", state=state)
    assert [round(f, 3) for f, _ in seen] == [0.0, round(1 / 6, 3), round(2 / 6, 3)]
    assert "eye0 (1 of 6)" in seen[0][1]
    assert len(list((tmp_path / "out" / "images").iterdir())) == 3
    assert not (tmp_path / "out" / "splits").exists()  # visibly incomplete

    done: list[float] = []
    export_dataset(cases, files, tmp_path / "out2", state=CallbackState(lambda f, m: done.append(f)))
    assert done[-1] == 1.0 and done == sorted(done)


def test_bad_arguments_and_missing_image(tmp_path: Path) -> None:
    cases, files = make_cases(tmp_path / "src", 2)
    with pytest.raises(ValueError, match="2 cases but 1 image files"):
        export_dataset(cases, files[:1], tmp_path / "out")
    with pytest.raises(ValueError, match="add up to 1"):
        export_dataset(cases, files, tmp_path / "out", splits=(0.5, 0.2, 0.2))
    files[1].unlink()  # gone: its case is left out, named (annotations.workspace.transfer says it skipped)
    written = export_dataset(cases, files, tmp_path / "out")
    left_out = written["images_left_out"]
    assert written["cases"] == 1 and len(left_out) == 1 and str(files[1]) in left_out[0]


@pytest.mark.parametrize("code, hint", [(errno.EACCES, "check the file's permissions"),
                                         (errno.ENOTCONN, "check that the disk or network share holding it is "
                                                          "connected, then try again")])
def test_an_image_that_cannot_be_read_says_what_to_do_about_its_cause(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                      code: int, hint: str) -> None:
    """Every read error said "check that it was not moved or deleted", a permission's and a lost share's too."""
    cases, files = make_cases(tmp_path / "src", 2)
    system_open = os.open

    def refused(path: str | os.PathLike, flags: int, *args: object, **kwargs: object) -> int:
        if not kwargs.get("dir_fd") and Path(path) == files[1]:
            raise OSError(code, os.strerror(code), str(path))
        return system_open(path, flags, *args, **kwargs)
    monkeypatch.setattr(os, "open", refused)
    with pytest.raises(FormatError) as raised:
        export_dataset(cases, files, tmp_path / "out")
    assert str(raised.value).startswith(f"{files[1]}: cannot read the file (")
    assert raised.value.hint == hint and isinstance(raised.value.__cause__, OSError)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_put_in_a_photos_place_meanwhile_is_left_out_not_waited_on(tmp_path: Path) -> None:
    """Listed as a photo, then a named pipe put in its place before the data set read it: the export waited on the
    pipe forever (read_bytes opens it blocking). Its case is left out, named, and the others are written."""
    cases, files = make_cases(tmp_path / "src", 2)
    files[1].unlink()
    os.mkfifo(files[1])
    written: list[dict] = []
    export = threading.Thread(target=lambda: written.append(export_dataset(cases, files, tmp_path / "out")),
                              daemon=True)
    export.start()
    export.join(timeout=20)
    blocked = export.is_alive()
    if blocked:  # let the blocked open go (a writer opening the pipe), so the test ends
        os.close(os.open(files[1], os.O_WRONLY | os.O_NONBLOCK))
        export.join(timeout=20)
    assert not blocked
    assert written[0]["cases"] == 1 and len(written[0]["images_left_out"]) == 1
    assert written[0]["images_left_out"][0].startswith(f"{files[1]}: is a named pipe (FIFO), not a regular file")


def test_patient_info_is_not_exported(tmp_path: Path) -> None:
    cases, files = make_cases(tmp_path / "src", 2)
    cases[0].patient = PatientInfo(patient_id="PID-7", name="Jane Example")
    export_dataset(cases, files, tmp_path / "out")
    text = "".join(p.read_text(errors="ignore") for p in (tmp_path / "out").rglob("*")
                   if p.is_file() and p.suffix in (".xml", ".csv", ".txt", ".json"))
    assert "Jane Example" not in text and "PID-7" not in text


def test_a_dicom_photo_is_written_as_its_picture_without_the_header_that_names_the_patient(tmp_path: Path) -> None:
    """A copy of the original carried the patient's name, ID and birth date into a data set made to be shared."""
    from tests.dicom_files import PATIENT, fundus_rgb, write_dicom

    (tmp_path / "src").mkdir()
    source = write_dicom(tmp_path / "src" / "eye.dcm", fundus_rgb())
    doc = CaseDocument("d", "eye.dcm", 64, 48, review_state=ReviewState.DONE)
    export_dataset([doc], [source], tmp_path / "out")
    assert [p.name for p in (tmp_path / "out" / "images").iterdir()] == ["eye.png"]
    written = (tmp_path / "out" / "images" / "eye.png").read_bytes()
    assert b"Doe" not in written and PATIENT["PatientID"].encode() not in written
    assert np.asarray(Image.open(tmp_path / "out" / "images" / "eye.png")).shape == (48, 64, 3)
    assert read_voc(tmp_path / "out" / "voc" / "eye.xml").filename == "eye.png"


def test_a_dataset_export_loads_each_case_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The grades and split files are written from what the case files' pass kept: each case (a 12 MP mask) was
    loaded four times."""
    from annotations.workspace import Workspace
    from annotations.workspace.transfer import export_labels
    from tests.unit.test_export_stopped import labelled_folder

    loads: list[str] = []
    load_case = Workspace.load_case
    monkeypatch.setattr(Workspace, "load_case", lambda ws, case_id: loads.append(case_id) or load_case(ws, case_id))
    with Workspace.open(labelled_folder(tmp_path / "images")) as ws:
        for case in ws.cases():  # marked done: the export decides by the index, without loading them first
            doc = ws.load_case(case.case_id)
            doc.review_state = ReviewState.DONE
            ws.save_case(doc)
        loads.clear()
        summary = export_labels(ws, "dataset", tmp_path / "out")
    assert summary.cases == 4 and sorted(loads) == sorted(set(loads)) and len(loads) == 4
    assert len((tmp_path / "out" / "grades.csv").read_text().splitlines()) == 5
