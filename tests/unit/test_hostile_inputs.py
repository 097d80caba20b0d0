"""One bad file blocks nothing else, and special files are never read as data.

Undecodable names, PNGs with oversized metadata, autosave snapshots that inflate to gigabytes, FIFOs and links
to endless devices among labels, images, sidecar files and model cards; names that differ only in Unicode
normalisation; a read-only sidecar carrying another computer's lock; importing the same labels twice.
"""
from __future__ import annotations

import errno
import io
import os
import shutil
import subprocess
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from annotations import messages as msg
from annotations import regular_files
from annotations.classes import LesionClass
from annotations.document import Box
from annotations.formats import FormatError
from annotations.formats.coco import import_coco
from annotations.formats.grades_csv import read_grades_csv
from annotations.formats.labelme import read_labelme
from annotations.formats.masks import read_class_masks
from annotations.formats.voc import read_voc
from annotations.formats.yolo import read_yolo
from annotations.image_io import ImageLoadError, load_image, read_image_info
from annotations.messages import CHECK_CONNECTION, CHECK_PERMISSIONS
from annotations.os_reasons import read_hint
from annotations.workspace import Workspace
from annotations.workspace.scan import case_id_for
from annotations.workspace.label_import import import_labels
from annotations.workspace.transfer import export_labels
from inference.model_card import CARD_FILE, ModelError, load_card
from tests import hostile_corpus as corpus
from tests import hostile_fs_corpus as fs

NOT_REGULAR = "not a regular file"


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    return corpus.clinic_folder(tmp_path)


def _good_case_works(ws: Workspace, image_path: str = "eye.png") -> None:
    case = next(c for c in ws.cases() if c.image_path == image_path)
    assert case.error is None
    doc = ws.load_case(case.case_id)
    doc.boxes = [Box(LesionClass.HE, 2, 2, 9, 9)]
    ws.save_case(doc)


# one bad file blocks everything (class 3) ------------------------------------------------------------------
def test_file_name_that_is_not_utf8_fails_only_its_own_case(clinic: Path, tmp_path: Path) -> None:
    fs.non_utf8_image(clinic)
    with Workspace.open(clinic) as ws:
        bad = [c for c in ws.cases() if c.error is not None]
        assert len(bad) == 1 and "scan-" in bad[0].image_path and "not valid UTF-8" in bad[0].error
        assert "rename" in bad[0].error
        _good_case_works(ws)
        labels = tmp_path / "labels"
        labels.mkdir()
        corpus.voc_file(labels / "eye.xml", [corpus.voc_object("EX", 1, 1, 4, 4)])
        assert import_labels(ws, labels, "voc").cases == 1
        summary = export_labels(ws, "voc", tmp_path / "out")
        assert summary.cases == 1 and (tmp_path / "out" / "eye.xml").is_file()


@pytest.mark.parametrize("chunk", [b"zTXt", b"iCCP"])
def test_png_with_oversized_text_or_icc_chunk_fails_only_its_own_case(clinic: Path, chunk: bytes) -> None:
    path = fs.png_with_huge_chunk(clinic / "metadata.png", chunk)
    for read in (read_image_info, load_image):
        with pytest.raises(ImageLoadError) as raised:
            read(path)
        assert raised.value.path == str(path) and "metadata" in raised.value.reason and raised.value.hint
    with Workspace.open(clinic) as ws:
        (bad,) = [c for c in ws.cases() if c.error is not None]
        assert bad.image_path == "metadata.png" and str(path) in bad.error
        _good_case_works(ws)


def test_a_photo_cut_off_inside_its_header_is_called_damaged_not_a_permissions_problem(tmp_path: Path) -> None:
    path = tmp_path / "cut.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0 the copy stopped here")  # Pillow: OSError("Truncated File Read"), no errno
    for read in (load_image, read_image_info):
        with pytest.raises(ImageLoadError) as raised:
            read(path)
        assert str(path) in str(raised.value) and "cannot be decoded" in str(raised.value)
        assert "permissions" not in str(raised.value)


@pytest.mark.parametrize("refused", ["os.open", "PIL.Image.open"])
def test_a_photo_the_system_refuses_to_read_still_asks_for_its_permissions(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, refused: str) -> None:
    """The system's own error (with an errno: EACCES at the open, or from a share while the header is read), unlike
    Pillow's complaint about the bytes, is not called damage (made to refuse: chmod cannot refuse root)."""
    path = tmp_path / "locked.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0 any bytes")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
    monkeypatch.setattr(refused, refuse)
    with pytest.raises(ImageLoadError) as raised:
        read_image_info(path)
    assert f"cannot read the file ({msg.NO_PERMISSION})" in str(raised.value)
    assert "check the file's permissions" in str(raised.value) and "damaged" not in str(raised.value)


@pytest.mark.parametrize("refused", ["os.open", "PIL.Image.open", "PIL.ImageFile.ImageFile.load"])
def test_a_photo_on_a_share_that_went_away_is_not_called_damaged_or_locked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, refused: str) -> None:
    """An I/O error at the open, while the header is read or while the pixels are decoded (a network share gone
    mid-read) says the file could not be read and to check the disk or share, not that the photo is damaged (re-copy
    it) or locked (its permissions)."""
    path = tmp_path / "share.jpg"
    corpus.save_rgb(path)

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))
    monkeypatch.setattr(refused, fail)
    with pytest.raises(ImageLoadError) as raised:
        load_image(path)
    text = str(raised.value)
    assert text.startswith(str(path)) and f"cannot read the file ({msg.INPUT_OUTPUT})" in text
    assert "disk or network share" in text and "damaged" not in text and "permissions" not in text


def test_a_photo_whose_header_the_share_failed_is_read_again_at_the_next_scan_and_a_damaged_one_is_not(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The index remembers a photo it could not read until the file changes; not when the system failed the read
    (a share away while the folder was scanned): the row would say so for good, Analyse all skip it."""
    folder = tmp_path / "share"
    folder.mkdir()
    corpus.save_rgb(folder / "away.jpg")
    (folder / "cut.jpg").write_bytes(b"\xff\xd8\xff\xe0 the copy stopped here")  # damaged: Pillow's own complaint
    header_reads: list[str] = []
    share_away = [True]

    def header_of_share(path: Path) -> object:
        header_reads.append(Path(path).name)
        if share_away[0] and Path(path).name == "away.jpg":
            lost = OSError(errno.EIO, os.strerror(errno.EIO))
            raise regular_files.unreadable(path, lost, ImageLoadError)  # the problem holds its cause, raised or not
        return read_image_info(path)
    monkeypatch.setattr("annotations.workspace.catalog.read_image_info", header_of_share)

    def errors() -> dict[str, str | None]:
        with Workspace.open(folder) as ws:
            return {case.image_path: case.error for case in ws.cases()}
    assert "disk or network share" in errors()["away.jpg"]
    share_away[0] = False
    header_reads.clear()
    found = errors()
    assert found["away.jpg"] is None and "cannot be decoded" in found["cut.jpg"]
    assert header_reads == ["away.jpg"]  # the damaged photo is not read again until it changes


def test_a_share_lost_on_windows_is_said_as_a_connection_not_permissions() -> None:
    """Windows reports a share gone mid-read as ERROR_NETNAME_DELETED (64), which Python gives the errno EINVAL."""
    lost = OSError(errno.EINVAL, "The specified network name is no longer available")
    lost.winerror = 64  # what Python sets on Windows
    assert read_hint(lost) == CHECK_CONNECTION
    assert read_hint(PermissionError(errno.EACCES, "Access is denied")) == CHECK_PERMISSIONS
    assert read_hint(OSError(errno.EINVAL, "Invalid argument")) == CHECK_PERMISSIONS


def test_a_photo_linked_to_a_file_gone_says_to_look_for_it_not_at_its_permissions(clinic: Path,
                                                                                   tmp_path: Path) -> None:
    """A link left behind by a photo moved or deleted: its case says the file is not there and to check it was not
    moved or deleted; no permission would bring it back."""
    (clinic / "moved.jpg").symlink_to(tmp_path / "gone.jpg")
    with Workspace.open(clinic) as ws:
        error = next(c.error for c in ws.cases() if c.image_path == "moved.jpg")
        _good_case_works(ws)
    assert str(clinic / "moved.jpg") in error and msg.NOT_MOVED in error and "permissions" not in error
    assert read_hint(FileNotFoundError(errno.ENOENT, "No such file or directory")) == msg.NOT_MOVED


def test_a_label_file_whose_read_fails_names_it_and_the_share(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A read that fails after the open (read_regular_bytes: label files, sidecars) is the reader's error naming
    the file, not a bare OSError."""
    path = tmp_path / "eye.xml"
    path.write_text("<annotation/>")
    opened = regular_files.open_regular

    class Failing(io.BytesIO):
        def read(self, *args: object) -> bytes:
            raise TimeoutError(errno.ETIMEDOUT, os.strerror(errno.ETIMEDOUT))

    def open_failing(*args: object, **kwargs: object) -> io.BytesIO:
        opened(*args, **kwargs).close()  # what the real open checks
        return Failing()
    monkeypatch.setattr(regular_files, "open_regular", open_failing)
    with pytest.raises(FormatError) as raised:
        read_voc(path)
    assert str(path) in str(raised.value) and "disk or network share" in str(raised.value)


def test_export_of_every_case_skips_the_ones_that_cannot_be_loaded(clinic: Path, tmp_path: Path) -> None:
    corpus.empty_file(clinic / "empty.jpg")
    fs.png_with_huge_chunk(clinic / "metadata.png")
    with Workspace.open(clinic) as ws:
        _good_case_works(ws)
        summary = export_labels(ws, "voc", tmp_path / "out", case_ids=[c.case_id for c in ws.cases()])
    assert summary.cases == 1 and [p.name for p in (tmp_path / "out").glob("*.xml")] == ["eye.xml"]
    assert len(summary.warnings) == 2 and all(w.startswith("skipped: ") for w in summary.warnings)
    assert any(str(clinic / "metadata.png") in w for w in summary.warnings)


@pytest.mark.timeout(60, method="signal")
def test_snapshot_that_inflates_to_gigabytes_is_quarantined_once(clinic: Path) -> None:
    with Workspace.open(clinic) as ws:
        doc = ws.load_case(case_id_for("eye.png"))
        doc.findings_text = "unsaved"
        ws.autosave(doc)
        snapshot = ws.sidecar / "autosave" / f"{doc.case_id}.snap"
        kept = snapshot.read_bytes()
    snapshot.write_bytes(kept)  # close() drops snapshots: put it back as after a crash
    fs.snapshot_bomb(snapshot)
    fs.dead_owner_lock(clinic / ".retinareview" / "lock")
    tracemalloc.start()
    try:
        with Workspace.open(clinic) as ws:
            peak = tracemalloc.get_traced_memory()[1]
            (message,) = [m for m in ws.messages if snapshot.name in m]
            assert "cannot be recovered" in message and "not tried again" in message
            _good_case_works(ws)
    finally:
        tracemalloc.stop()
    assert peak < 64 << 20, f"opening allocated {peak / 2**20:.0f} MB"
    (quarantined,) = snapshot.parent.glob(f"{snapshot.name}.damaged-*")
    assert quarantined.stat().st_size > 0
    fs.dead_owner_lock(clinic / ".retinareview" / "lock")
    with Workspace.open(clinic) as ws:
        assert not any("autosave" in m for m in ws.messages)  # never retried
    assert quarantined.exists()


# special files treated as data (class 4) -------------------------------------------------------------------
@pytest.mark.timeout(20, method="signal")
def test_fifo_label_file_does_not_hang_the_import(clinic: Path, tmp_path: Path) -> None:
    corpus.save_rgb(clinic / "pipe.png")
    labels = tmp_path / "labels"
    labels.mkdir()
    corpus.voc_file(labels / "eye.xml", [corpus.voc_object("HE", 2, 2, 10, 10)])
    fifo = fs.fifo(labels / "pipe.xml")
    with Workspace.open(clinic) as ws:
        summary = import_labels(ws, labels, "voc")
    assert summary.cases == 1
    # named under the import folder
    assert any(w.startswith(f"{fifo.name}: ") and "named pipe" in w and NOT_REGULAR in w for w in summary.warnings)


@pytest.mark.timeout(20, method="signal")
@pytest.mark.parametrize("make", [fs.fifo, fs.endless_device_link], ids=["fifo", "link to /dev/zero"])
def test_special_label_files_are_refused_unread(tmp_path: Path, make) -> None:  # noqa: ANN001
    readers = {"a.xml": read_voc, "a.csv": read_grades_csv, "a.json": import_coco, "a.lm.json": read_labelme,
               "a.txt": lambda path: read_yolo(path, ["MA"], 48, 32)}
    with fs.memory_cap():
        for name, read in readers.items():
            path = make(tmp_path / name)
            with pytest.raises(FormatError) as raised:
                read(path)
            assert raised.value.path == str(path) and NOT_REGULAR in raised.value.reason and raised.value.hint
        mask = make(tmp_path / "a_HE.png")
        with pytest.raises(FormatError, match=NOT_REGULAR):
            read_class_masks(tmp_path, "a", (32, 48))
        assert mask.name == "a_HE.png"


@pytest.mark.timeout(20, method="signal")
@pytest.mark.parametrize("make", [fs.fifo, fs.endless_device_link], ids=["fifo", "link to /dev/zero"])
def test_special_image_and_sidecar_files_fail_only_their_case(clinic: Path, make) -> None:  # noqa: ANN001
    with Workspace.open(clinic) as ws:
        corpus.save_rgb(clinic / "second.png")
        ws.refresh()
        doc = ws.load_case(case_id_for("second.png"))
        doc.findings_text = "saved"
        ws.save_case(doc)
    case_file = clinic / ".retinareview" / "cases" / case_id_for("second.png") / "case.json"
    case_file.unlink()
    make(case_file)
    image = make(clinic / "special.png")
    dicom = make(clinic / "special.dcm")
    with fs.memory_cap(), Workspace.open(clinic) as ws:
        errors = {c.image_path: c.error for c in ws.cases()}
        assert NOT_REGULAR in errors["special.png"] and str(image) in errors["special.png"]
        assert NOT_REGULAR in errors["special.dcm"] and str(dicom) in errors["special.dcm"]
        assert NOT_REGULAR in errors["second.png"] and str(case_file) in errors["second.png"]
        with pytest.raises(ImageLoadError, match=NOT_REGULAR):
            load_image(image)
        _good_case_works(ws)


@pytest.mark.timeout(20, method="signal")
def test_lock_file_that_is_a_fifo_does_not_hang_the_open(clinic: Path) -> None:
    with Workspace.open(clinic) as ws:
        lock = ws.sidecar / "lock"
    fs.fifo(lock)
    with Workspace.open(clinic) as ws:
        assert not ws.read_only
        _good_case_works(ws)


@pytest.mark.timeout(20, method="signal")
@pytest.mark.parametrize("make", [fs.fifo, fs.endless_device_link], ids=["fifo", "link to /dev/zero"])
def test_special_model_card_is_refused_unread(tmp_path: Path, make) -> None:  # noqa: ANN001
    model = tmp_path / "model"
    model.mkdir()
    card = make(model / CARD_FILE)
    with fs.memory_cap(), pytest.raises(ModelError) as raised:
        load_card(model)
    assert raised.value.path == str(card) and NOT_REGULAR in raised.value.reason


# smaller ones (class 7) -------------------------------------------------------------------------------------
def test_names_differing_only_in_unicode_normalisation_are_two_cases(tmp_path: Path) -> None:
    folder = tmp_path / "clinic"
    folder.mkdir()
    composed = corpus.save_rgb(folder / fs.NFC_NAME, corpus.fundus_rgb(seed=1))
    decomposed = corpus.save_rgb(folder / fs.NFD_NAME, corpus.fundus_rgb(seed=2))
    with Workspace.open(folder) as ws:
        cases = ws.cases()
        assert sorted(c.image_path for c in cases) == sorted([fs.NFC_NAME, fs.NFD_NAME])
        assert len({c.case_id for c in cases}) == 2 and all(c.error is None for c in cases)
        for case in cases:
            expected = load_image(composed if case.image_path == fs.NFC_NAME else decomposed)
            np.testing.assert_array_equal(load_image(ws.image_file(case.case_id)), expected)
            doc = ws.load_case(case.case_id)
            doc.findings_text = case.image_path
            ws.save_case(doc)
        assert {ws.load_case(c.case_id).findings_text for c in cases} == {fs.NFC_NAME, fs.NFD_NAME}
    assert case_id_for(fs.NFC_NAME) in {c.case_id for c in cases}  # the NFC spelling keeps the portable id


def test_a_decomposed_name_alone_opens(tmp_path: Path) -> None:
    folder = tmp_path / "clinic"
    folder.mkdir()
    corpus.save_rgb(folder / fs.NFD_NAME)
    with Workspace.open(folder) as ws:
        (case,) = ws.cases()
        assert case.error is None and case.case_id == case_id_for(fs.NFC_NAME)
        assert ws.load_case(case.case_id).width == 48


def _foreign_lock(clinic: Path) -> None:
    with Workspace.open(clinic) as ws:
        _good_case_works(ws)
    fs.dead_owner_lock(clinic / ".retinareview" / "lock", hostname="reading-room-pc")


def _assert_reported_read_only(clinic: Path) -> None:
    with Workspace.open(clinic) as ws:
        assert ws.read_only
        (message,) = ws.messages  # the index of a read-only medium is read as it is, not rebuilt
        assert "opened read-only" in message and "another RetinaReview" not in message
        assert str(ws.sidecar) in message


def test_read_only_sidecar_with_a_foreign_lock_says_read_only_injected(clinic: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    _foreign_lock(clinic)
    real_open = os.open

    def ro_open(path, flags, *args, **kwargs):  # noqa: ANN001, ANN202 - os.open's signature
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT) and str(path).startswith(str(clinic)):
            if flags & os.O_CREAT and flags & os.O_EXCL and os.path.lexists(path):
                raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))  # Linux checks this first
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", ro_open)
    _assert_reported_read_only(clinic)


def test_read_only_sidecar_with_a_foreign_lock_says_read_only_for_real(clinic: Path, tmp_path: Path) -> None:
    sidecar = clinic / ".retinareview"
    _foreign_lock(clinic)
    shutil.move(sidecar, tmp_path / "sidecar copy")
    sidecar.mkdir()
    try:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(sidecar)], check=True,
                       capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("needs mount rights for a read-only tmpfs")
    try:
        shutil.copytree(tmp_path / "sidecar copy", sidecar, dirs_exist_ok=True)
        subprocess.run(["mount", "-o", "remount,ro", str(sidecar)], check=True, capture_output=True)
        _assert_reported_read_only(clinic)
    finally:
        subprocess.run(["umount", str(sidecar)], check=False, capture_output=True)


def test_importing_the_same_labels_again_changes_and_saves_nothing(clinic: Path, tmp_path: Path) -> None:
    labels = tmp_path / "labels"
    labels.mkdir()
    corpus.voc_file(labels / "eye.xml", [corpus.voc_object("HE", 2, 2, 10, 10), corpus.voc_object("EX", 3, 3, 6, 6),
                                         corpus.voc_object("HE", 2, 2, 10, 10)])  # duplicates too
    with Workspace.open(clinic) as ws:
        import_labels(ws, labels, "voc")
        case_file = ws.sidecar / "cases" / case_id_for("eye.png") / "case.json"
        first = case_file.read_bytes()
        time.sleep(0.01)
        import_labels(ws, labels, "voc")
        entries = ws.audit_log(case_id_for("eye.png"))
    assert case_file.read_bytes() == first
    assert [e.detail for e in entries] == ["first save: 3 box(es), mask empty"]


@pytest.mark.parametrize("fmt", ["voc", "labelme", "yolo"])
def test_the_cases_own_export_imported_back_adds_no_box_twice(clinic: Path, tmp_path: Path, fmt: str) -> None:
    """Export, touch up elsewhere, import back: every box of the reader came back as a second, imported copy (the
    counts in the findings and the report doubled)."""
    with Workspace.open(clinic) as ws:
        case_id = case_id_for("eye.png")
        doc = ws.load_case(case_id)
        doc.boxes = [Box(LesionClass.HE, 2, 2, 10, 10), Box(LesionClass.EX, 12, 3, 18, 9)]
        ws.save_case(doc)
        export_labels(ws, fmt, tmp_path / "out")
        summary = import_labels(ws, tmp_path / "out", fmt)
        assert [(b.label, b.coords()) for b in ws.load_case(case_id).boxes] == [
            (LesionClass.HE, (2, 2, 10, 10)), (LesionClass.EX, (12, 3, 18, 9))]
        assert "2 box(es) were in their cases already and were not added twice" in summary.warnings
        assert not summary.boxes  # the summary counts what the import added, not the reader's own boxes


def test_an_import_summary_counts_what_the_files_held_not_the_whole_case(clinic: Path, tmp_path: Path) -> None:
    with Workspace.open(clinic) as ws:
        case_id = case_id_for("eye.png")
        doc = ws.load_case(case_id)
        doc.boxes = [Box(LesionClass.HE, 2, 2, 10, 10)]
        doc.mask[0:4, 0:5] = LesionClass.SE.bit
        ws.save_case(doc)
        export_labels(ws, "labelme", tmp_path / "out")
        doc.boxes, doc.mask[:] = [Box(LesionClass.EX, 12, 3, 18, 9)], 0
        doc.mask[10:12, 0:3] = LesionClass.MA.bit
        ws.save_case(doc)
        summary = import_labels(ws, tmp_path / "out", "labelme")
        assert summary.cases == 1 and summary.boxes == {LesionClass.HE: 1} and summary.pixels == {LesionClass.SE: 20}
        export_labels(ws, "masks", tmp_path / "masks")
        summary = import_labels(ws, tmp_path / "masks", "masks")
        assert not summary.boxes and summary.pixels == {LesionClass.SE: 20, LesionClass.MA: 6}


def test_image_above_the_analysis_budget_is_analysed_reduced_and_answered_at_full_size(tmp_path: Path) -> None:
    """The budget is made small so the test is quick; the 119-megapixel PNG of the report takes the same path
    (measured in docs/reliability.md)."""
    from inference.pipeline import PipelineOptions, analyze
    from tests.unit.test_inference_fixtures import synthetic_fundus

    path = corpus.save_rgb(tmp_path / "large.png", synthetic_fundus(1200, 800))
    budget = 400 * 267  # a whole factor of 3
    (reduced,) = analyze([path], None, device="cpu",
                         options=PipelineOptions(max_pixels=budget, keep_probabilities=True))
    (full,) = analyze([path], None, device="cpu")
    assert reduced.error is None and any("analysed at 400x267" in w for w in reduced.warnings)
    assert reduced.result.warnings == reduced.warnings and full.result.warnings == []  # kept with the result
    assert reduced.result.mask.shape == full.result.mask.shape == (800, 1200)
    assert reduced.probabilities and all(p.shape == (800, 1200) for p in reduced.probabilities.values())
    got, want = reduced.result.findings, full.result.findings
    for key in ("cx", "cy", "radius"):  # findings are typed since issue 14
        assert getattr(got.field_of_view, key) == pytest.approx(getattr(want.field_of_view, key), rel=0.03)
    assert got.mm_per_px == pytest.approx(want.mm_per_px, rel=0.05)
    assert got.optic_disc.found == want.optic_disc.found


def test_a_huge_file_is_decoded_reduced_within_the_budget(tmp_path: Path) -> None:
    path = corpus.save_rgb(tmp_path / "large.jpg", corpus.fundus_rgb(1600, 1200), fmt="JPEG")
    tracemalloc.start()
    try:
        image = load_image(path, max_pixels=400 * 300)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert image.shape == (300, 400, 3)
    assert peak < 1600 * 1200 * 3 // 4  # a JPEG is decoded at the reduced size: never the full raster
