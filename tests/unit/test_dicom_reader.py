"""DICOM in: every supported storage class and transfer syntax opens as a case with its patient; the rest, and
damaged files, are refused with a message naming the file, and only that file."""
from __future__ import annotations

import errno
import hashlib
import os
import re
import sys
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import numpy as np
import pytest
from pydicom import dcmread, uid

import annotations.dicom.reader as dicom_reader
from annotations.dicom import messages as dicom_messages
from annotations.document import Modality, PatientInfo
from annotations.image_io import ImageLoadError, is_image_file, load_image, read_image_info
from annotations.workspace import Workspace
from tests.dicom_files import fundus_rgb, write_dicom

RGB = fundus_rgb()
GREY16 = RGB[..., 1].astype(np.uint16) * 257
VOLUME = np.stack([np.full((24, 32), 10 * i, np.uint8) for i in range(7)])
VARIANTS = {  # name -> (write_dicom arguments, expected RGB, tolerance)
    "op8-explicit": (dict(pixels=RGB), RGB, 0),
    "op8-jpeg-baseline": (dict(pixels=RGB, syntax=uid.JPEGBaseline8Bit), RGB, 6),
    "op8-rle": (dict(pixels=RGB, syntax=uid.RLELossless), RGB, 0),
    "op16-explicit": (dict(pixels=GREY16, sop_class=uid.OphthalmicPhotography16BitImageStorage, bits=16),
                      np.repeat(RGB[..., 1:2], 3, axis=2), 0),
    "op16-big-endian": (dict(pixels=GREY16, sop_class=uid.OphthalmicPhotography16BitImageStorage, bits=16,
                             syntax=uid.ExplicitVRBigEndian), np.repeat(RGB[..., 1:2], 3, axis=2), 0),
    "vl-photo-implicit": (dict(pixels=RGB, sop_class=uid.VLPhotographicImageStorage,
                               syntax=uid.ImplicitVRLittleEndian), RGB, 0),
    "secondary-capture-deflated": (dict(pixels=RGB, sop_class=uid.SecondaryCaptureImageStorage,
                                        syntax=uid.DeflatedExplicitVRLittleEndian), RGB, 0),
    "oct-volume": (dict(pixels=VOLUME, sop_class=uid.OphthalmicTomographyImageStorage, frames=True),
                   np.repeat(VOLUME[3][:, :, None], 3, axis=2), 0),
    "oct-volume-jpeg": (dict(pixels=VOLUME, sop_class=uid.OphthalmicTomographyImageStorage, frames=True,
                             syntax=uid.JPEGBaseline8Bit), np.repeat(VOLUME[3][:, :, None], 3, axis=2), 2),
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_supported_files_open_with_their_pixels(tmp_path: Path, name: str) -> None:
    arguments, expected, tolerance = VARIANTS[name]
    path = write_dicom(tmp_path / f"{name}.dcm", **arguments)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    info = read_image_info(path)
    assert (info.width, info.height, info.format) == (expected.shape[1], expected.shape[0], "DICOM")
    image = load_image(path)  # a volume shows its middle B-scan
    assert image.dtype == np.uint8 and image.shape == expected.shape
    assert np.abs(image.astype(int) - expected).max() <= tolerance
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before  # originals are only read


def test_a_folder_lists_dicom_files_as_cases_with_their_patient(tmp_path: Path) -> None:
    write_dicom(tmp_path / "right.dcm", RGB)
    write_dicom(tmp_path / "IM000001", RGB, laterality="L")  # devices often write names without extension
    write_dicom(tmp_path / "scan.dcm", VOLUME, uid.OphthalmicTomographyImageStorage, frames=True)
    (tmp_path / "README").write_text("not an image")
    assert is_image_file(tmp_path / "IM000001") and not is_image_file(tmp_path / "README")
    with Workspace.open(tmp_path) as ws:
        cases = {c.image_path: c for c in ws.cases()}
        assert sorted(cases) == ["IM000001", "right.dcm", "scan.dcm"]
        right = ws.load_case(cases["right.dcm"].case_id)
        left = ws.load_case(cases["IM000001"].case_id)
        volume = ws.load_case(cases["scan.dcm"].case_id)
    assert right.patient == PatientInfo(patient_id="P-0042", name="Jane Q Doe", age=63, birth_date="1960-02-15",
                                        sex="F", eye="OD", exam_date="2024-01-10")
    assert left.patient.eye == "OS" and right.modality == Modality.FUNDUS
    assert volume.modality == Modality.OCT and (volume.width, volume.height) == (32, 24)


def test_a_saved_case_keeps_the_readers_patient_fields(tmp_path: Path) -> None:
    write_dicom(tmp_path / "right.dcm", RGB)
    with Workspace.open(tmp_path) as ws:
        doc = ws.load_case(ws.cases()[0].case_id)
        doc.patient.name = "Corrected Name"
        ws.save_case(doc)
    with Workspace.open(tmp_path) as ws:
        assert ws.load_case(ws.cases()[0].case_id).patient.name == "Corrected Name"


def test_other_transfer_syntaxes_are_refused_by_name(tmp_path: Path) -> None:
    path = write_dicom(tmp_path / "htj2k.dcm", RGB, syntax=uid.JPEGBaseline8Bit)
    dataset = dcmread(path)
    dataset.file_meta.TransferSyntaxUID = uid.HTJ2KLossless  # only pylibjpeg-openjpeg decodes it
    dataset.save_as(path)
    with pytest.raises(ImageLoadError) as caught:
        load_image(path)
    message = str(caught.value)
    assert "htj2k.dcm" in message and "High-Throughput JPEG 2000" in message and uid.HTJ2KLossless in message
    assert "JPEG Baseline" in message and "JPEG-LS Lossless" in message  # says what would work


def _broken(tmp_path: Path, name: str, change) -> Path:  # noqa: ANN001 - a function of the dataset
    path = write_dicom(tmp_path / f"{name}.dcm", RGB)
    dataset = dcmread(path)
    change(dataset)
    dataset.save_as(path)
    return path


def test_damaged_files_give_a_clear_error_for_that_file_only(tmp_path: Path) -> None:
    write_dicom(tmp_path / "good.dcm", RGB)
    broken = {
        "no-pixels": (lambda ds: delattr(ds, "PixelData"), "no pixel data"),
        "short-pixels": (lambda ds: setattr(ds, "PixelData", ds.PixelData[:-100]), "the header declares"),
        "huge-size": (lambda ds: (setattr(ds, "Rows", 60000), setattr(ds, "Columns", 60000)), "60000x60000"),
        "no-rows": (lambda ds: delattr(ds, "Rows"), "incomplete"),
        "palette": (lambda ds: setattr(ds, "PhotometricInterpretation", "PALETTE COLOR"), "PALETTE COLOR"),
    }
    for name, (change, _) in broken.items():
        _broken(tmp_path, name, change)
    (tmp_path / "png-inside.dcm").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    for name, keep in (("cut-in-pixels", -3000), ("cut-in-header", 400)):
        whole = write_dicom(tmp_path / f"{name}.dcm", RGB).read_bytes()
        (tmp_path / f"{name}.dcm").write_bytes(whole[:keep])
    expected = {**{name: fragment for name, (_, fragment) in broken.items()},
                "png-inside": "not a DICOM Part 10 file", "cut-in-pixels": "truncated",
                "cut-in-header": "cut short"}
    with Workspace.open(tmp_path) as ws:
        cases = {c.image_path: c for c in ws.cases()}
        assert ws.load_case(cases["good.dcm"].case_id).patient.patient_id == "P-0042"
    for name, fragment in expected.items():
        with pytest.raises(ImageLoadError) as caught:
            load_image(tmp_path / f"{name}.dcm")
        assert f"{name}.dcm" in str(caught.value) and fragment in str(caught.value), str(caught.value)
        assert fragment in (cases[f"{name}.dcm"].error or "")  # the case list says why, beside the good case


def test_a_deflate_bomb_is_refused_before_it_is_inflated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_dicom(tmp_path / "bomb.dcm", RGB, syntax=uid.DeflatedExplicitVRLittleEndian)
    with path.open("rb") as handle:
        dicom_reader._read_file_meta(handle)
        start = handle.tell()  # of the data set
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    body = b"".join(compressor.compress(bytes(2**20)) for _ in range(64)) + compressor.flush()
    path.write_bytes(path.read_bytes()[:start] + body)  # 64 MB of zeros in about 64 kB
    monkeypatch.setattr(dicom_reader, "MAX_INFLATED_BYTES", 16 * 2**20)
    with pytest.raises(ImageLoadError, match="bomb.dcm: the deflated data set inflates to over"):
        load_image(path)


_opened: list[str] | None = None  # the paths opened while a test counts them (an audit hook stays for good)


def _note_open(event: str, args: tuple[Any, ...]) -> None:
    if event == "open" and _opened is not None and isinstance(args[0], (str, os.PathLike)):
        _opened.append(os.fspath(args[0]))


sys.addaudithook(_note_open)


@contextmanager
def _opens() -> Iterator[list[str]]:
    """The paths opened meanwhile, by open(), Path.open or os.open (the "open" audit event each raises)."""
    global _opened
    _opened = []
    try:
        yield _opened
    finally:
        _opened = None


@pytest.mark.parametrize("name", ["op8-explicit", "secondary-capture-deflated", "oct-volume"])
def test_reading_a_header_opens_the_file_once(tmp_path: Path, name: str) -> None:
    path = write_dicom(tmp_path / f"{name}.dcm", **VARIANTS[name][0])
    with _opens() as opened:
        dicom_reader.read_dicom_header(path)
    # each open is a round trip on a network share: the regular-file check, the file meta, a deflated data set's
    # size and pydicom's read of the header all read from one open (3 opens before, 5 for a deflated file)
    assert opened == [str(path)]


def test_reading_a_header_asks_the_file_system_nothing_else_of_its_path(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_dicom(tmp_path / "photo.dcm", RGB)
    asked, real = [], os.stat

    def stat(target, *args, **kwargs):
        asked.append(target)
        return real(target, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    dicom_reader.read_dicom_header(path)
    # a round trip on a network share each: its size (and the pixel data's check against it) is the open handle's
    assert [target for target in asked if not isinstance(target, int)] == []


@pytest.mark.parametrize("name", ["op8-explicit", "vl-photo-implicit", "secondary-capture-deflated", "oct-volume"])
def test_a_value_left_on_disk_is_read_after_the_header_returned(tmp_path: Path, name: str) -> None:
    path = write_dicom(tmp_path / f"{name}.dcm", **VARIANTS[name][0])
    dataset, _ = dicom_reader.read_dicom_header(path)  # its handle closed; the pixels were left on disk
    with _opens() as opened:
        pixels = dataset.PixelData
    assert pixels == dcmread(path).PixelData
    # from the file again (a deflated file's data set was inflated into memory whole, for its size check)
    assert opened == ([] if name == "secondary-capture-deflated" else [str(path)])


def _replace_with_another_volume(path: Path) -> None:
    other = write_dicom(path.with_name("other.dcm"), np.zeros((3, 24, 32), np.uint8),
                        uid.OphthalmicTomographyImageStorage, frames=True)
    os.replace(other, path)


def _rewrite_in_place(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF  # one pixel changed: same file, same size
    with path.open("r+b") as handle:
        handle.write(data)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))


def _fifo_in_its_place(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)  # reading it would wait for a writer forever


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("change", [_replace_with_another_volume, _rewrite_in_place, _fifo_in_its_place])
def test_a_value_left_on_disk_is_not_read_from_a_file_changed_since(tmp_path: Path, change) -> None:
    path = write_dicom(tmp_path / "scan.dcm", VOLUME, uid.OphthalmicTomographyImageStorage, frames=True)
    dataset, _ = dicom_reader.read_dicom_header(path)
    change(path)
    # pydicom would warn and read the other file's bytes at this one's offsets (or wait on the FIFO)
    with pytest.raises(dicom_reader.DicomError) as refused:
        dataset.PixelData
    assert str(path) in str(refused.value)
    assert "replaced or changed after its header was read" in str(refused.value) or "not a regular file" in str(
        refused.value)


def test_a_value_left_on_disk_of_a_file_gone_since_is_our_error_naming_it(tmp_path: Path) -> None:
    path = write_dicom(tmp_path / "scan.dcm", VOLUME, uid.OphthalmicTomographyImageStorage, frames=True)
    dataset, _ = dicom_reader.read_dicom_header(path)
    path.unlink()
    # pydicom asks whether the file exists before it reopens it, and said so with an OSError of its own (untranslated)
    with pytest.raises(dicom_reader.DicomError) as refused:
        dataset.PixelData
    assert str(refused.value) == f"{path}: cannot read the file: not found — check that the file was not moved or " \
                                 "deleted"


def test_a_value_left_on_disk_that_cannot_be_read_is_our_error_naming_it(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from pydicom import filereader

    path = write_dicom(tmp_path / "scan.dcm", VOLUME, uid.OphthalmicTomographyImageStorage, frames=True)
    dataset, _ = dicom_reader.read_dicom_header(path)

    def failing_disk(*args, **kwargs):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(filereader, "data_element_generator", failing_disk)  # the file is there, its disk fails
    with pytest.raises(dicom_reader.DicomError, match=f"^{re.escape(str(path))}: cannot read the file "
                                                      r"\(input/output error on the disk or network share\) — check "
                                                      r"that the disk or network share holding it is connected, then "
                                                      r"try again$"):
        dataset.PixelData


@pytest.mark.parametrize("name", ["op8-explicit", "op8-jpeg-baseline", "secondary-capture-deflated", "oct-volume",
                                  "oct-volume-jpeg"])
def test_reading_a_frame_opens_the_file_once(tmp_path: Path, name: str) -> None:
    path = write_dicom(tmp_path / f"{name}.dcm", **VARIANTS[name][0])
    with _opens() as opened:
        load_image(path)
    # header and pixels from one handle (2 opens before: the header's, then pydicom's of the path for the pixels,
    # which a deflated file's read inflated whole again); a decoder's module imported on first use is no open of it
    assert [name for name in opened if Path(name).parent == tmp_path] == [str(path)]


@pytest.mark.parametrize("name", ["oct-volume", "oct-volume-jpeg"])
def test_a_file_replaced_while_a_frame_is_read_gives_the_frame_of_the_file_checked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    arguments, expected, tolerance = VARIANTS[name]
    path = write_dicom(tmp_path / f"{name}.dcm", **arguments)
    other = write_dicom(tmp_path / "other.dcm", **{**arguments, "pixels": 255 - arguments["pixels"]})
    real = dicom_reader.pixel_array

    def replaced_first(source, **kwargs):
        os.replace(other, path)  # another scan of the same size, swapped in after the header was checked
        return real(source, **kwargs)

    monkeypatch.setattr(dicom_reader, "pixel_array", replaced_first)
    image = load_image(path)
    # the checked file's pixels: pixels decoded from the path again were the other file's, under this one's header
    assert np.abs(image.astype(int) - expected).max() <= tolerance


def test_the_file_meta_is_read_as_pydicoms_read_file_meta_info_reads_it(tmp_path: Path) -> None:
    """The reader repeats read_file_meta_info's steps on its open handle (the function takes a file name and would
    open the file again), forced as pydicom's pixel reader does, so a file without preamble reads too; one of them
    is private to pydicom, so a pydicom that changes them fails here, by name, not as every DICOM file refused as
    "not a DICOM Part 10 file"."""
    from pydicom import filereader

    assert filereader.read_file_meta_info.__code__.co_names == ("open", "read_preamble", "_read_file_meta_info")
    for name, (arguments, _, _) in VARIANTS.items():
        path = write_dicom(tmp_path / f"{name}.dcm", **arguments)
        expected = filereader.read_file_meta_info(path)
        with path.open("rb") as handle:
            assert dicom_reader._read_file_meta(handle) == expected, name
            start = handle.tell()
        path.write_bytes(path.read_bytes()[132:])  # the file meta without the preamble and marker before it
        with path.open("rb") as handle:
            assert dicom_reader._read_file_meta(handle) == expected and handle.tell() == start - 132, name
    not_dicom = tmp_path / "not.dcm"
    not_dicom.write_bytes(bytes(300))
    with not_dicom.open("rb") as handle:
        assert not dicom_reader._read_file_meta(handle) and handle.tell() == 0


def test_monochrome1_and_signed_pixels_are_shown_the_right_way_round(tmp_path: Path) -> None:
    ramp = np.tile(np.arange(0, 256, 4, dtype=np.uint8), (8, 1))
    inverted = load_image(write_dicom(tmp_path / "mono1.dcm", ramp, photometric="MONOCHROME1"))
    np.testing.assert_array_equal(inverted[..., 0], 255 - ramp)
    path = write_dicom(tmp_path / "signed.dcm", ramp.astype(np.uint16), bits=16)
    dataset = dcmread(path)
    dataset.PixelRepresentation = 1
    dataset.PixelData = np.array([[-32768, 0, 32767]] * 8, dtype="<i2").tobytes()
    dataset.Rows, dataset.Columns = 8, 3
    dataset.save_as(path)
    np.testing.assert_array_equal(load_image(path)[0, :, 0], [0, 128, 255])


@pytest.mark.parametrize("size", [{"Rows": 0}, {"Columns": 0}, {"Rows": 0, "Columns": 0}])
def test_a_header_of_no_rows_or_columns_is_said_to_declare_no_pixels(tmp_path: Path, size: dict[str, int]) -> None:
    """It was refused as "the header declares 1 frame(s) of 64x0 pixels" with the hint "frames above 120
    megapixels are refused", which sent the reader looking for a frame too large."""
    path = write_dicom(tmp_path / "eye.dcm", RGB, header=size)
    width, height = size.get("Columns", RGB.shape[1]), size.get("Rows", RGB.shape[0])
    for read in (load_image, read_image_info):
        with pytest.raises(ImageLoadError) as caught:
            read(path)
        assert caught.value.reason == dicom_messages.NO_PIXELS_DECLARED.format(frames=1, width=width, height=height)
        assert caught.value.hint == dicom_messages.REEXPORT and "megapixels" not in str(caught.value)
