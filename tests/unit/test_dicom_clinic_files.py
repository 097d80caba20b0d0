"""DICOM as a clinic's devices write it: colour in planes, in YBR and through a palette, JPEG 2000, JPEG Lossless and
JPEG-LS, files without preamble or file meta, grey frames that need their window, OCT volumes with per-frame
functional groups, Chinese names. Each opens as a case with the right pixels and patient, or is refused naming the
file, its syntax and what to do."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from pydicom import dcmread, uid
from pydicom.data import get_testdata_file
from pydicom.dataset import Dataset
from pydicom.pixels import convert_color_space, get_decoder
from pydicom.sequence import Sequence

import annotations.dicom.reader as dicom_reader
from annotations.document import Modality
from annotations.image_io import ImageLoadError, is_image_file, load_image, read_image_info
from annotations.new_case import new_case
from annotations.workspace import Workspace
from tests.dicom_files import fundus_rgb, without_file_meta, without_preamble, write_dicom

RGB = fundus_rgb()
YBR = convert_color_space(RGB, "RGB", "YBR_FULL")
RAMP = np.tile(np.arange(256, dtype=np.uint16), (8, 1))  # each row 0..255
COLOUR = {  # name -> (write_dicom arguments, tolerance against RGB)
    "rgb-planar-1": (dict(planar=1), 0),
    "ybr-full": (dict(pixels=YBR, photometric="YBR_FULL"), 2),
    "ybr-full-planar-1": (dict(pixels=YBR, photometric="YBR_FULL", planar=1), 2),
    "ybr-full-rle": (dict(pixels=YBR, photometric="YBR_FULL", syntax=uid.RLELossless), 2),
    "ybr-full-422-native": (dict(photometric="YBR_FULL_422"), 3),  # the fundus' colours vary slowly
    "jpeg-2000-lossless": (dict(syntax=uid.JPEG2000Lossless), 0),
    "jpeg-2000": (dict(syntax=uid.JPEG2000), 3),
}


@pytest.mark.parametrize("name", sorted(COLOUR))
def test_colour_photos_open_with_their_colours(tmp_path: Path, name: str) -> None:
    arguments, tolerance = COLOUR[name]
    image = load_image(write_dicom(tmp_path / f"{name}.dcm", **{"pixels": RGB, **arguments}))
    assert image.shape == RGB.shape and np.abs(image.astype(int) - RGB).max() <= tolerance


@pytest.mark.parametrize("entry_bits", [8, 16])
def test_a_palette_colour_photo_opens_with_the_colours_of_its_tables(tmp_path: Path, entry_bits: int) -> None:
    """Each pixel an index into the header's red, green and blue tables: it was refused as no photograph."""
    colours = np.random.default_rng(3).integers(0, 256, (256, 3)).astype(np.uint16)
    indexes = np.arange(48 * 64, dtype=np.uint8).reshape(48, 64)  # every entry, in order
    path = write_dicom(tmp_path / "palette.dcm", indexes, photometric="PALETTE COLOR")
    dataset = dcmread(path)
    for number, colour in enumerate(("Red", "Green", "Blue")):
        dataset.add_new(f"{colour}PaletteColorLookupTableDescriptor", "US", [256, 0, entry_bits])
        entries = colours[:, number] * (257 if entry_bits == 16 else 1)
        setattr(dataset, f"{colour}PaletteColorLookupTableData",
                entries.astype("<u2" if entry_bits == 16 else np.uint8).tobytes())
    dataset.save_as(path)
    assert read_image_info(path).mode == "RGB"
    np.testing.assert_array_equal(load_image(path), colours[indexes].astype(np.uint8))


def test_files_without_preamble_or_file_meta_open_as_cases(tmp_path: Path) -> None:
    without_preamble(write_dicom(tmp_path / "no-preamble.dcm", RGB))
    without_file_meta(write_dicom(tmp_path / "bare.dcm", RGB, laterality="L"))
    (tmp_path / "junk.dcm").write_bytes(b"\x10\x00" + bytes(300))  # named .dcm, but no DICOM at all
    with Workspace.open(tmp_path) as ws:
        cases = {c.image_path: c for c in ws.cases()}
        patients = {name: ws.load_case(cases[name].case_id).patient for name in ("bare.dcm", "no-preamble.dcm")}
    assert (patients["no-preamble.dcm"].patient_id, patients["no-preamble.dcm"].eye) == ("P-0042", "OD")
    assert (patients["bare.dcm"].name, patients["bare.dcm"].eye) == ("Jane Q Doe", "OS")
    for name in ("bare.dcm", "no-preamble.dcm"):
        np.testing.assert_array_equal(load_image(tmp_path / name), RGB)
    with pytest.raises(ImageLoadError, match="junk.dcm: not a DICOM Part 10 file"):
        load_image(tmp_path / "junk.dcm")


def _voi_lut(first: int, entries: list[int]) -> Dataset:
    item = Dataset()
    item.LUTDescriptor = [len(entries), first, 8]
    item.LUTData = entries
    item["LUTData"].VR = "US"
    return item


def test_grey_frames_are_shown_through_the_window_their_header_gives(tmp_path: Path) -> None:
    """A 16-bit photo or B-scan whose values fill a narrow part of the range, with the window to show: shown over
    the whole range it was black (levels 0-1), and the analysis called it too dark."""
    stored = 1000 + RAMP  # 1000..1255 of 0..65535
    window = {"WindowCenter": 1128, "WindowWidth": 256}  # (PS3.3 C.11.2.1.2.1) 1000 -> 0 ... 1255 -> 255
    cases = {
        "window": (dict(header=window), RAMP),
        "monochrome1": (dict(header=window, photometric="MONOCHROME1"), 255 - RAMP),
        "rescaled": (dict(header={"RescaleSlope": 2, "RescaleIntercept": -1000, "WindowCenter": 1255.5,
                                  "WindowWidth": 511}), RAMP),  # the window is in rescaled units: 1000..1510
        "sigmoid": (dict(header={**window, "VOILUTFunction": "SIGMOID"}), None),
        "voi-lut": (dict(header={"VOILUTSequence": Sequence([_voi_lut(1000, list(range(256)))])}), RAMP),
    }
    for name, (arguments, expected) in cases.items():
        image = load_image(write_dicom(tmp_path / f"{name}.dcm", stored, bits=16,
                                       sop_class=uid.OphthalmicPhotography16BitImageStorage, **arguments))
        if expected is None:  # S-shaped about the centre: dark, mid-grey, bright
            assert image[0, 0, 0] < 40 and abs(int(image[0, 128, 0]) - 128) < 8 and image[0, -1, 0] > 215, name
        else:
            np.testing.assert_array_equal(image[..., 0], expected, err_msg=name)
    unusable = write_dicom(tmp_path / "zero-width.dcm", stored, bits=16, header={**window, "WindowWidth": 0})
    np.testing.assert_array_equal(load_image(unusable)[..., 0], (stored / 65535 * 255 + 0.5).astype(np.uint8))


def _frame_window(centre: int, width: int) -> Dataset:
    voi = Dataset()
    voi.WindowCenter, voi.WindowWidth = centre, width
    group = Dataset()
    group.FrameVOILUTSequence = Sequence([voi])
    return group


def test_each_b_scan_of_a_volume_is_shown_through_its_own_window(tmp_path: Path) -> None:
    """An enhanced OCT volume gives its windows in functional groups: a frame's own, else the shared one."""
    volume = np.stack([1000 + RAMP + 100 * i for i in range(3)]).astype(np.uint16)
    own = [_frame_window(1128 + 100 * i, 256) for i in range(2)] + [Dataset()]  # the third has none of its own
    path = write_dicom(tmp_path / "vol.dcm", volume, uid.OphthalmicTomographyImageStorage, bits=16, stored=12,
                       frames=True, header={"SharedFunctionalGroupsSequence": Sequence([_frame_window(1328, 256)]),
                                            "PerFrameFunctionalGroupsSequence": Sequence(own)})
    for number in (1, 2, 3):
        np.testing.assert_array_equal(load_image(f"{path}#frame={number}")[..., 0], RAMP, err_msg=str(number))


def test_an_enhanced_volume_of_one_frame_is_one_b_scan(tmp_path: Path) -> None:
    path = write_dicom(tmp_path / "one.dcm", RAMP[None].astype(np.uint8), uid.OphthalmicTomographyImageStorage,
                       frames=True)
    info, doc = read_image_info(path), new_case("c", "one.dcm", path)
    assert (info.frames, doc.modality, doc.width) == (1, Modality.OCT, 256)
    np.testing.assert_array_equal(load_image(path)[..., 0], RAMP)


@pytest.mark.parametrize("charset, stored, shown", [
    ("ISO_IR 192", "王^小明", "王小明"),
    ("GB18030", "李^华", "李华"),
    ("ISO_IR 192", "王小明", "王小明"),
    ("GB18030", "=王^小明", "王小明"),  # ideographic only
    ("GB18030", "Wang^XiaoMing=王^小明", "XiaoMing Wang"),  # the alphabetic form is the name's first
    ("ISO_IR 100", "^Jane^Q", "Jane Q"),
])
def test_names_read_as_they_are_written(tmp_path: Path, charset: str, stored: str, shown: str) -> None:
    """Chinese names are written family name first, unspaced: ``王^小明`` was shown (and printed) as '小明 王'."""
    path = write_dicom(tmp_path / "eye.dcm", RGB, header={"SpecificCharacterSet": charset, "PatientName": stored})
    assert is_image_file(path) and new_case("c", "eye.dcm", path).patient.name == shown


@pytest.mark.parametrize("syntax", [uid.JPEG2000, uid.JPEGLosslessSV1])
def test_a_syntax_without_a_decoder_installed_is_refused_naming_what_to_install(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, syntax: str) -> None:
    """A Pillow built without OpenJPEG, or GDCM absent: the case says so on opening, not "re-export it"."""
    path = write_dicom(tmp_path / "eye.dcm", RGB, syntax=syntax)
    monkeypatch.setattr(get_decoder(syntax), "_available", {})  # pydicom's record of its usable plugins
    for read in (read_image_info, load_image):
        with pytest.raises(ImageLoadError) as caught:
            read(path)
        message = str(caught.value)
        assert "eye.dcm" in message and syntax in message and "needs a decoder that is not installed" in message
        assert "pip install python-gdcm" in message and "Explicit VR Little Endian" in message


NOISE = np.random.default_rng(7).integers(0, 256, (48, 64, 3)).astype(np.uint8)  # no two neighbours alike
LOSSLESS = (uid.JPEGLossless, uid.JPEGLosslessSV1, uid.JPEGLSLossless)


@pytest.mark.parametrize("syntax", LOSSLESS)
def test_lossless_jpeg_and_jpeg_ls_photos_open_with_their_exact_pixels(tmp_path: Path, syntax: str) -> None:
    """Fundus cameras export JPEG Lossless (SV1 most often) and JPEG-LS: they were refused by name."""
    colour = write_dicom(tmp_path / "colour.dcm", NOISE, syntax=syntax, laterality="L")
    assert dcmread(colour).file_meta.TransferSyntaxUID == syntax  # as written, not decompressed on the way
    np.testing.assert_array_equal(load_image(colour), NOISE)
    assert (read_image_info(colour).eye, new_case("c", "colour.dcm", colour).patient.eye) == ("OS", "OS")
    # 16 bits, high in the range: shown through its window, each stored value its own grey level (off by one shows)
    grey = write_dicom(tmp_path / "grey16.dcm", 40000 + NOISE[..., 0].astype(np.uint16), bits=16, syntax=syntax,
                       sop_class=uid.OphthalmicPhotography16BitImageStorage,
                       header={"WindowCenter": 40128, "WindowWidth": 256})
    np.testing.assert_array_equal(load_image(grey)[..., 0], NOISE[..., 0])


@pytest.mark.parametrize("syntax", [*LOSSLESS, uid.JPEGLSNearLossless, uid.JPEGExtended12Bit])
def test_a_compressed_oct_volume_opens_on_its_middle_b_scan_and_reads_each_by_number(tmp_path: Path,
                                                                                    syntax: str) -> None:
    volume = NOISE[..., 0][None] // 8 + np.arange(7, dtype=np.uint8)[:, None, None] * 32  # B-scan i: 32i..32i+31
    path = write_dicom(tmp_path / "vol.dcm", volume, uid.OphthalmicTomographyImageStorage, syntax=syntax,
                       frames=True, laterality="L")
    info, doc = read_image_info(path), new_case("c", "vol.dcm", path)
    assert (info.frames, info.eye, doc.modality, doc.width, doc.height) == (7, "OS", Modality.OCT, 64, 48)
    tolerance = 0 if syntax in LOSSLESS else 2  # near-lossless and lossy JPEG: near; each B-scan 32 levels apart
    for number, shown in ((None, volume[3]), (1, volume[0]), (7, volume[6])):
        frame = load_image(path if number is None else f"{path}#frame={number}")[..., 0]
        assert np.abs(frame.astype(int) - shown).max() <= tolerance, number


def test_pydicoms_jpeg_ls_and_jpeg_lossless_files_open(tmp_path: Path) -> None:
    """Files other encoders wrote (pydicom's test data): CharLS's near-lossless, GDCM's lossless RGB."""
    for name, size in (("JPEGLSNearLossless_08.dcm", (10, 45)), ("JPEGLSNearLossless_16.dcm", (10, 50)),
                       ("SC_rgb_jpeg_gdcm.dcm", (100, 100))):
        path = Path(get_testdata_file(name))
        assert (read_image_info(path).width, read_image_info(path).height) == size
        image = load_image(path)
        assert image.shape == (size[1], size[0], 3) and image.std() > 0, name
    rgb = load_image(Path(get_testdata_file("SC_rgb_jpeg_gdcm.dcm")))  # pydicom's own test: red, green, blue bands
    assert tuple(rgb[5, 50]) == (255, 0, 0) and tuple(rgb[15, 50]) == (255, 128, 128)


def test_gdcm_decodes_only_in_a_child_process_and_pillow_what_it_decoded_before(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pydicom tries GDCM first once it is installed, in the program's process, which GDCM ends on damaged data: the
    photos that opened keep Pillow's decoding, and GDCM decodes in a child, also a JPEG 2000 frame Pillow's
    OpenJPEG refuses (GDCM's own test file)."""
    used: list[str] = []
    for syntax in dicom_reader.CODESTREAM_SIZES:
        plugins = get_decoder(syntax)._available  # pydicom's record of its usable plugins, as above
        for name, decode in list(plugins.items()):
            monkeypatch.setitem(plugins, name, lambda src, runner, name=name, decode=decode: (
                used.append(f"{name} here"), decode(src, runner))[1])
    apart = dicom_reader.decoded_apart
    monkeypatch.setattr(dicom_reader, "decoded_apart", lambda *args: (used.append("gdcm apart"), apart(*args))[1])
    for syntax in (uid.JPEGBaseline8Bit, uid.JPEGExtended12Bit, uid.JPEG2000, uid.JPEGLSLossless):
        load_image(write_dicom(tmp_path / "eye.dcm", RGB, syntax=syntax))
    assert used == ["pillow here"] * 3 + ["gdcm apart"]
    assert load_image(Path(get_testdata_file("GDCMJ2K_TextGBR.dcm"))).shape == (400, 400, 3)
    assert used[4:] == ["pillow here", "gdcm apart"]


def test_damaged_data_that_ends_gdcms_process_is_refused_naming_the_file(tmp_path: Path) -> None:
    """A JPEG Lossless frame whose Huffman table's marker is damaged: GDCM threw an exception nothing catches, and
    the process ended (SIGABRT), the window with it; in its child only the child does."""
    path = write_dicom(tmp_path / "eye.dcm", RGB[..., 0], syntax=uid.JPEGLosslessSV1)
    data = path.read_bytes()
    table = data.index(b"\xff\xc4", data.index(b"\xff\xd8"))  # DHT in the frame's codestream
    path.write_bytes(data[:table] + b"\0" + data[table + 1:])
    with pytest.raises(ImageLoadError) as caught:
        load_image(path)
    message = str(caught.value)
    assert "eye.dcm: the pixel data cannot be decoded (GDCM stopped" in message and "Corrupt JPEG data" in message
    np.testing.assert_array_equal(load_image(write_dicom(tmp_path / "next.dcm", RGB, syntax=uid.JPEGLosslessSV1)),
                                  RGB)  # the next file opens


def test_twelve_bit_jpeg_extended_is_refused_naming_its_syntax_and_bits() -> None:
    """Neither GDCM nor Pillow decodes JPEG's 12-bit process; its 8-bit one opens (the volume above)."""
    path = Path(get_testdata_file("JPEG-lossy.dcm"))
    for read in (read_image_info, load_image):
        with pytest.raises(ImageLoadError) as caught:
            read(path)
        message = str(caught.value)
        assert "JPEG-lossy.dcm" in message and "JPEG Extended" in message and uid.JPEGExtended12Bit in message
        assert "at 12 bits" in message and "JPEG Lossless" in message  # says what would work


def _with_codestream_of(path: Path, other: Path) -> Path:
    """``path``'s header over ``other``'s compressed pixel data."""
    dataset = dcmread(path)
    dataset.PixelData = dcmread(other).PixelData
    dataset.save_as(path)
    return path


@pytest.mark.parametrize("syntax", [uid.JPEGLSLossless, uid.JPEGLosslessSV1, uid.JPEGBaseline8Bit, uid.JPEG2000])
def test_a_codestream_larger_than_its_header_is_refused_before_it_is_decoded(tmp_path: Path, syntax: str) -> None:
    """A frame of 2000x2000 in 1 kB of JPEG-LS under a header of 64x48: GDCM decoded all of it (4 MB here; 16-bit
    65535x65535 would be 8 GB) and gave back its first rows as the photo."""
    large = write_dicom(tmp_path / "large.dcm", np.zeros((2000, 2000), np.uint8), syntax=syntax)
    path = _with_codestream_of(write_dicom(tmp_path / "eye.dcm", RGB[..., 0], syntax=syntax), large)
    read_image_info(path)  # the header reads: a case is listed, and says why when opened
    with pytest.raises(ImageLoadError) as caught:
        load_image(path)
    message = str(caught.value)
    assert "eye.dcm: frame 1's compressed data declares 2000x2000 pixels of 1 component(s)" in message
    assert "the header says 64x48 pixels of 1" in message


def test_a_file_refused_for_a_missing_decoder_lists_the_patient_its_header_names(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A JPEG-LS photo with neither GDCM nor pylibjpeg installed: its header reads, but the case list showed no
    patient beside the refusal."""
    path = write_dicom(tmp_path / "eye.dcm", RGB, syntax=uid.JPEGLSLossless, laterality="L",
                       header={"SpecificCharacterSet": "ISO_IR 192", "PatientName": "Wang^Xiaoming=王^小明="})
    monkeypatch.setattr(get_decoder(uid.JPEGLSLossless), "_available", {})
    with pytest.raises(ImageLoadError) as caught:
        read_image_info(path)
    assert "needs a decoder that is not installed" in str(caught.value)
    patient = caught.value.patient
    assert (patient.patient_id, patient.name, patient.ideographic_name, patient.eye) == (
        "P-0042", "Xiaoming Wang", "王小明", "OS")
    with Workspace.open(tmp_path) as ws:
        summary = ws.cases()[0]
    assert summary.error and (summary.case_patient_id, summary.case_eye) == ("P-0042", "OS")
