"""DICOM as a clinic's devices write it: colour in planes and in YBR, JPEG 2000, files without preamble or file
meta, grey frames that need their window, OCT volumes with per-frame functional groups, Chinese names. Each opens as
a case with the right pixels and patient, or is refused naming the file, its syntax and what to do."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from pydicom import uid
from pydicom.dataset import Dataset
from pydicom.pixels import convert_color_space, get_decoder
from pydicom.sequence import Sequence

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


def test_a_syntax_without_a_decoder_installed_is_refused_naming_what_to_install(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Pillow built without OpenJPEG, and no other decoder: the case says so on opening, not "re-export it"."""
    path = write_dicom(tmp_path / "j2k.dcm", RGB, syntax=uid.JPEG2000)
    monkeypatch.setattr(get_decoder(uid.JPEG2000), "_available", {})  # pydicom's record of its usable plugins
    for read in (read_image_info, load_image):
        with pytest.raises(ImageLoadError) as caught:
            read(path)
        message = str(caught.value)
        assert "j2k.dcm" in message and "JPEG 2000" in message and uid.JPEG2000 in message
        assert "pip install pylibjpeg pylibjpeg-openjpeg" in message and "Explicit VR Little Endian" in message
