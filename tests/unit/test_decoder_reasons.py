"""A damaged image or case file says why in words a person can act on (annotations.decoder_reasons), never in the
decoding library's English, which a Chinese interface showed inside its own sentence ("……无法读取（image file is
truncated）"): a photo cut short or with changed bytes, a saved mask that is no image, a saved AI file cut short,
changed or of another kind, a deflated DICOM file cut short. A library text not in the table is said as it was."""
from __future__ import annotations

import io
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pydicom import uid

from annotations import messages as msg
from annotations.decoder_reasons import decoder_reason
from annotations.dicom import messages as dicom_msg
from annotations.formats import FormatError
from annotations.formats import messages as formats_msg
from annotations.formats.coco import import_coco
from annotations.formats.labelme import read_labelme
from annotations.image_io import ImageLoadError, load_image
from annotations.workspace import Workspace
from annotations.workspace import messages as workspace_msg
from annotations.workspace.errors import DamagedCaseFile
from tests.dicom_files import fundus_rgb, write_dicom
from tests.unit.test_damaged_case_file_set_aside import _saved_case, _saved_file

NOISE = np.random.default_rng(7).integers(0, 255, (48, 64, 3), dtype=np.uint8)  # compresses poorly: a long stream
LIBRARY_WORDS = ("image file is truncated", "cannot identify", "data stream", "zip file", "while decompressing",
                 "pickled", "No data left")


def _encoded(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(NOISE).save(buffer, format=fmt)
    return buffer.getvalue()


def _png_with_changed_pixels() -> bytes:
    """A PNG whose compressed pixels were overwritten, its checksums mended: only the decoder sees the change."""
    data = bytearray(_encoded("PNG"))
    start = data.index(b"IDAT") + 4
    data[start + 100:start + 140] = bytes(40)
    length = int.from_bytes(data[start - 8:start - 4], "big")
    data[start + length:start + length + 4] = zlib.crc32(data[start - 4:start + length]).to_bytes(4, "big")
    return bytes(data)


def _assert_worded(message: str) -> None:
    assert not any(word in message for word in LIBRARY_WORDS), message


@pytest.mark.parametrize("name, content, reason", [
    ("cut.png", _encoded("PNG")[:3000], msg.CUT_SHORT),  # Pillow: "image file is truncated"
    ("cut.jpg", _encoded("JPEG")[:1500], msg.CUT_SHORT),  # "image file is truncated (N bytes not processed)"
    ("changed.png", _png_with_changed_pixels(), msg.DATA_CHANGED),  # "broken data stream when reading image file"
])
def test_a_damaged_photo_says_why_in_words(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImageLoadError) as raised:
        load_image(path)
    assert msg.IMAGE_DAMAGED.format(error=reason) in str(raised.value)
    _assert_worded(str(raised.value))


def _damaged_case(tmp_path: Path, part: str, content: object) -> tuple[Path, str]:
    """The saved ``part`` ("mask", "ai") of a case, given ``content`` (bytes, or a function of the saved ones), and
    what opening the case says."""
    folder = tmp_path / "photos"
    case_id = _saved_case(folder)
    damaged = _saved_file(folder, case_id, part)
    damaged.write_bytes(content(damaged.read_bytes()) if callable(content) else content)
    with Workspace.open(folder) as ws, pytest.raises(DamagedCaseFile) as raised:
        ws.load_case(case_id)
    _assert_worded(str(raised.value))
    return damaged, str(raised.value)


def test_a_saved_mask_that_is_no_image_says_so(tmp_path: Path) -> None:
    """A mask.N.png overwritten by text: Pillow said "cannot identify image file <_io.BufferedReader name=3>"."""
    path, message = _damaged_case(tmp_path, "mask", b"not an image at all\n" * 4)
    assert message == workspace_msg.MASK_UNREADABLE.format(path=path, error=msg.UNKNOWN_CONTENT)


def test_a_saved_mask_cut_short_says_so(tmp_path: Path) -> None:
    path, message = _damaged_case(tmp_path, "mask", lambda saved: saved[:60])
    assert message == workspace_msg.MASK_UNREADABLE.format(path=path, error=msg.CUT_SHORT)


def _changed_member(saved: bytes) -> bytes:
    """The AI file with bytes inside its first array's compressed data overwritten."""
    data = bytearray(saved)
    data[60:80] = b"\xff" * 20
    return bytes(data)


@pytest.mark.parametrize("content, reason", [
    (lambda saved: saved[:len(saved) // 2], msg.CUT_SHORT),  # zipfile: "File is not a zip file"
    (_changed_member, msg.DATA_CHANGED),  # zlib: "Error -3 while decompressing data" (or zipfile's "Bad CRC-32")
    (b"garbage that numpy takes for a pickle" * 3, msg.NOT_SAVED_ARRAYS),  # "This file contains pickled ..."
    (b"", msg.CUT_SHORT),  # numpy: "No data left in file"
], ids=["cut-short", "changed", "other-kind", "empty"])
def test_a_damaged_saved_ai_file_says_why_in_words(tmp_path: Path, content: object, reason: str) -> None:
    path, message = _damaged_case(tmp_path, "ai", content)
    assert message == workspace_msg.AI_UNREADABLE.format(path=path, error=reason)


@pytest.mark.parametrize("syntax", [uid.DeflatedExplicitVRLittleEndian, uid.RLELossless, uid.JPEGBaseline8Bit])
def test_a_dicom_file_cut_short_says_so_and_not_that_its_header_is_damaged(tmp_path: Path, syntax: str) -> None:
    """Deflated, zlib said "Error -5 while decompressing data: incomplete or truncated stream"; compressed pixels
    cut short, pydicom failed on its own warning with 'TypeError: can only concatenate str (not "int") to str'."""
    path = write_dicom(tmp_path / "eye.dcm", NOISE, syntax=syntax)
    path.write_bytes(path.read_bytes()[:-200])
    with pytest.raises(ImageLoadError) as raised:
        load_image(path)
    assert f"{path}: {msg.CUT_SHORT} — {dicom_msg.REEXPORT}" in str(raised.value)
    assert "header" not in str(raised.value)


@pytest.mark.parametrize("text, reason", [
    ("Image size (400000000 pixels) exceeds limit of 178956970 pixels, could be decompression bomb DOS attack.",
     msg.DECLARES_TOO_MANY_PIXELS.format(pixels="400,000,000")),
    ("Decompressed data too large for PngImagePlugin.MAX_TEXT_CHUNK", msg.METADATA_TOO_LARGE),
    ("The number of bytes of pixel data is less than expected (8268 vs 9216 bytes) - the dataset may be corrupted, "
     "have an invalid group 0028 element value, or the transfer syntax may be incorrect",
     msg.PIXEL_DATA_SHORT.format(held="8,268", declared="9,216")),  # pydicom
])
def test_a_library_text_with_figures_keeps_them_in_its_words(text: str, reason: str) -> None:
    assert decoder_reason(ValueError(text)) == reason


def test_a_library_text_not_in_the_table_is_said_as_the_library_said_it() -> None:
    unknown = OSError("decoder error -42 when reading image file")
    assert decoder_reason(unknown) == "decoder error -42 when reading image file"
    assert decoder_reason(TypeError('can only concatenate str (not "int") to str'), typed=True) == \
        'TypeError: can only concatenate str (not "int") to str'
    assert decoder_reason(ValueError(msg.CUT_SHORT)) == msg.CUT_SHORT  # worded once, said again as it is


def test_a_reason_is_read_through_the_exceptions_a_failure_was_raised_in_handling_unless_they_were_set_aside() -> None:
    """A decoder that fails on its own error path (pydicom's warning about compressed pixels ending early) says the
    first worded reason along the chain; one raised ``from None`` says only its own text, as a traceback would."""
    def failing(suppressed: bool) -> BaseException:
        try:
            try:
                raise EOFError("End of file reached before delimiter (FFFE,E0DD) found")
            except EOFError:
                if suppressed:
                    raise TypeError("can only concatenate str (not \"int\") to str") from None
                raise TypeError("can only concatenate str (not \"int\") to str")
        except TypeError as exc:
            return exc

    assert decoder_reason(failing(False), typed=True) == msg.CUT_SHORT
    assert decoder_reason(failing(True), typed=True) == 'TypeError: can only concatenate str (not "int") to str'


def _changed_text(saved: bytes) -> bytes:
    """The case file with a comma gone from its third line: JSON that stops being JSON there."""
    lines = saved.split(b"\n")
    lines[2] = lines[2].rstrip(b",")
    return b"\n".join(lines)


@pytest.mark.parametrize("content, reason", [
    (lambda saved: saved[:len(saved) // 2], msg.CUT_SHORT),  # json wanted more where the text ends
    (_changed_text, msg.NOT_JSON_AT.format(line="4", column="2")),  # "Expecting ',' delimiter: line 4 column 2 ..."
    (lambda saved: b"\xff\xfe" + saved, msg.NOT_UTF8),  # "'utf-8' codec can't decode byte 0xff"
], ids=["cut-short", "edited", "not-text"])
def test_a_damaged_case_file_says_why_in_words_with_where_it_stops_being_json(tmp_path: Path, content: object,
                                                                              reason: str) -> None:
    """A case.json cut short or edited said Python's "Expecting ',' delimiter: line 108 column 17 (char 2175)"."""
    path, message = _damaged_case(tmp_path, "case", content)
    assert message == workspace_msg.LABELS_UNREADABLE.format(path=path, error=reason)
    assert "Expecting" not in message and "codec" not in message


@pytest.mark.parametrize("read", [read_labelme, import_coco], ids=["labelme", "coco"])
def test_a_label_file_nested_past_the_parser_s_limit_says_so_in_words(tmp_path: Path, read: object) -> None:
    """labelme said json's "maximum recursion depth exceeded while decoding a JSON array …" inside 无法读取（…）; COCO
    raised the RecursionError itself, the import failing with no file named."""
    path = tmp_path / "labels.json"
    path.write_text('{"images": ' + "[" * 100_000 + "]" * 100_000 + "}", "utf-8")
    with pytest.raises(FormatError) as raised:
        read(path)
    assert str(raised.value) == f"{path}: " + formats_msg.JSON_UNREADABLE.format(error=msg.NESTED_TOO_DEEP)
