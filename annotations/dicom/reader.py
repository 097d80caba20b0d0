"""Reading DICOM images safely: which files are DICOM, their size, one frame as RGB, and the patient they show.

A DICOM file is untrusted input. Before pydicom decodes anything this module checks, from the file meta and the
header alone: a transfer syntax we can decode with the packages installed (others are refused by name), the declared
size against the same pixel ceiling as photos, the pixel data's length against the declared size (native
encodings), and, for deflated files, that inflating stays under a ceiling (a deflate bomb is refused before it
fills memory); then, before a compressed frame is decoded, that its own codestream declares the header's size
(codestream). A file without the 128-byte preamble and "DICM" marker, or without file meta (some older devices and
archives write the bare data set), is read when its data set starts as an image's does (_guessed_syntax). Grey
frames are shown through the window or VOI LUT their header gives (grey_levels). A multi-frame object (an OCT
volume) opens as one case showing its middle frame; each of its B-scans is read by number (annotations.frames
addresses them). Files are only read.
"""
from __future__ import annotations

import functools
import os
import re
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Iterator, NamedTuple

import numpy as np
import pydicom
from pydicom import uid
from pydicom.dataset import Dataset, FileDataset, FileMetaDataset
from pydicom.encaps import get_frame
from pydicom.pixels import get_decoder, pixel_array
from pydicom.tag import Tag
from pydicom.valuerep import PersonName

from annotations import messages as file_messages
from annotations.decoder_reasons import decoder_reason
from annotations.dicom import data_set_encoding
from annotations.dicom import messages as msg
from annotations.dicom.character_sets import ESCAPE_SEQUENCE, quiet_handled_warnings, read_text_as_written
from annotations.dicom.codestream import j2k_size, jpeg_size
from annotations.dicom.gdcm_decoders import decoded_apart
from annotations.dicom.grey_levels import windowed_levels
from annotations.dicom.palette import PALETTE, palette_rgb
from annotations.dicom.pixel_measures import frame_pixel_spacing
from annotations.document import Modality, PatientInfo
from annotations.frames import shown_frame
from annotations.image_types import MAX_PIXELS, ImageInfo, ImageLoadError
from annotations.patients import age_on, patient_age
from annotations.pixel_spacing import PixelSpacing
from annotations.regular_files import open_regular, unreadable
from annotations.wording import join_items

MAX_FILE_BYTES = 4 * 2**30  # an OCT volume of 1024 B-scans of 1024x2048 at 16 bits
MAX_INFLATED_BYTES = 1 * 2**30

# Transfer syntax -> what a person calls it. Native encodings are decoded by pydicom itself, RLE Lossless by its own
# decoder, JPEG Baseline, JPEG Extended and JPEG 2000 by Pillow, JPEG Lossless and JPEG-LS by GDCM (python-gdcm, in
# a child process: gdcm_child), as is what Pillow cannot decode; anything else is refused naming its syntax.
SUPPORTED_SYNTAXES: dict[str, str] = {
    uid.ImplicitVRLittleEndian: "Implicit VR Little Endian",
    uid.ExplicitVRLittleEndian: "Explicit VR Little Endian",
    uid.ExplicitVRBigEndian: "Explicit VR Big Endian",
    uid.DeflatedExplicitVRLittleEndian: "Deflated Explicit VR Little Endian",
    uid.JPEGBaseline8Bit: "JPEG Baseline",
    uid.JPEGExtended12Bit: "JPEG Extended (8-bit)",  # GDCM and Pillow decode only its 8-bit process (_read_header)
    uid.JPEGLossless: "JPEG Lossless",
    uid.JPEGLosslessSV1: "JPEG Lossless SV1",
    uid.JPEGLSLossless: "JPEG-LS Lossless",
    uid.JPEGLSNearLossless: "JPEG-LS Near-Lossless",
    uid.RLELossless: "RLE Lossless",
    uid.JPEG2000Lossless: "JPEG 2000 Lossless",
    uid.JPEG2000: "JPEG 2000",
}
NATIVE_SYNTAXES = frozenset({uid.ImplicitVRLittleEndian, uid.ExplicitVRLittleEndian, uid.ExplicitVRBigEndian,
                             uid.DeflatedExplicitVRLittleEndian})
JPEG_SYNTAXES = frozenset({uid.JPEGBaseline8Bit, uid.JPEGExtended12Bit, uid.JPEGLossless, uid.JPEGLosslessSV1,
                           uid.JPEGLSLossless, uid.JPEGLSNearLossless})
JPEG_2000_SYNTAXES = frozenset({uid.JPEG2000Lossless, uid.JPEG2000})
CODESTREAM_SIZES = dict.fromkeys(JPEG_SYNTAXES, jpeg_size) | dict.fromkeys(JPEG_2000_SYNTAXES, j2k_size)
DECODER_PACKAGES = {  # what decodes a compressed syntax, where Pillow lacks its codec and GDCM is not installed
    **dict.fromkeys(CODESTREAM_SIZES, "python-gdcm"),
    uid.RLELossless: "pylibjpeg pylibjpeg-rle",
}
OPHTHALMIC_TOMOGRAPHY = "1.2.840.10008.5.1.4.1.1.77.1.5.4"
PHOTOGRAPHY_CLASSES = frozenset({  # storage classes that only ever hold photographs of the eye
    uid.OphthalmicPhotography8BitImageStorage, uid.OphthalmicPhotography16BitImageStorage,
    uid.VLPhotographicImageStorage})
# Modality tags (0008,0060) that say what the picture is: Ophthalmic Tomography, or a photograph (Ophthalmic
# Photography, External-camera Photography); any other (OT, a Secondary Capture's other) says nothing
TOMOGRAPHY_TAGS, PHOTOGRAPHY_TAGS = frozenset({"OPT"}), frozenset({"OP", "XC"})
_MODALITY_TAGS = [Tag("SOPClassUID"), Tag("Modality")]  # what header_modality reads
_LATERALITY = {"R": "OD", "L": "OS"}
_SEX = {"F": "F", "M": "M", "O": "X"}
quiet_handled_warnings()  # before any file is read


class DicomError(ImageLoadError):
    """A DICOM file that cannot be shown; every caller that handles a bad photo handles it too."""


@dataclass(frozen=True)
class DicomImage:
    """What the header says about the picture: the shown frame's size, the frame count, and the transfer syntax."""

    width: int
    height: int
    frames: int
    samples: int
    bits_stored: int
    signed: bool
    photometric: str
    syntax: str  # as the file meta gives it, or as guessed for a file without (_guessed_syntax)
    modality: Modality | None  # what the header says the picture is (header_modality); None: it does not say

    @property
    def monochrome1(self) -> bool:
        """0 is white."""
        return self.photometric == "MONOCHROME1"

    @property
    def palette(self) -> bool:
        """Each pixel an index into the header's colour tables."""
        return self.photometric == PALETTE


class DicomHeader(NamedTuple):
    """A file's checked header (read_dicom_header) and the picture's description: read with the pixels, it answers
    what else is asked of the file (its patient, frame count, modality, study) without reading it again, each read
    a round trip on a network share."""

    dataset: Dataset
    image: DicomImage


class DicomFrame(NamedTuple):
    """A frame decoded (read_dicom_frame), the size of its pixels, and the header it was decoded by."""

    pixels: np.ndarray
    spacing: PixelSpacing | None
    header: DicomHeader


def dicom_image_info(path: str | os.PathLike, number: int | None = None) -> ImageInfo:
    """The size of a frame (every frame of a volume has the same), the frame count, and the patient ID, eye and name
    the header carries; ``number`` is checked against the frame count."""
    return _image_info(Path(path), *read_dicom_header(path), number)


def read_new_case(path: str | os.PathLike, number: int | None = None,
                  header: DicomHeader | None = None) -> tuple[ImageInfo, PatientInfo, Modality | None]:
    """dicom_image_info, with the patient (read_patient) and the modality a new case takes from the header, from one
    read of it (``header``, where it was read with the pixels): a B-scan never saved opens on the GUI thread at each
    step of the slider."""
    dataset, image = header or read_dicom_header(path)
    return _image_info(Path(path), dataset, image, number), read_patient(dataset), image.modality


def _image_info(path: Path, dataset: Dataset, image: DicomImage, number: int | None) -> ImageInfo:
    _frame_index(path, image, number)
    name, ideographic = _person_name(dataset, "PatientName")
    return ImageInfo(image.width, image.height, "RGB" if image.samples == 3 or image.palette else "L", "DICOM",
                     patient_id=_text(dataset, "PatientID"), eye=_eye(dataset), frames=image.frames,
                     patient_name=name, ideographic_name=ideographic)


def read_dicom_header(path: str | os.PathLike) -> DicomHeader:
    """The header (pixel data deferred, never decoded) and the picture's description, after every safety check."""
    with _opened_dicom(Path(path)) as (dataset, image, _handle):
        return DicomHeader(dataset, image)


def read_dicom_frame(path: str | os.PathLike, number: int | None = None) -> DicomFrame:
    """Frame ``number`` (1-based, as DICOM counts; default the shown one, the middle B-scan of a volume) as RGB
    uint8 (H, W, 3), the size of its pixels as the header records it (pixel_measures), and that header: a volume's
    per-frame functional groups, converted whole for a grey frame's window (about 30 ms for 1024 B-scans), are read
    once for both. Not part of dicom_image_info, which each folder scan and the GUI thread read."""
    path = Path(path)
    with _opened_dicom(path) as (dataset, image, handle):
        index = _frame_index(path, image, number)
        # only the frame is read, from the handle the header was checked on: a file swapped since cannot give its
        # pixels to this header; a deflated data set was inflated whole with the header (its size checked)
        source = dataset if image.syntax == uid.DeflatedExplicitVRLittleEndian else handle
        try:
            if image.syntax in CODESTREAM_SIZES:
                stream = _sized_codestream(path, dataset, image, handle, index)
                frame = _decoded_codestream(handle, index, stream, dataset, image.syntax)
            else:  # the syntax given: a file without file meta names none
                frame = pixel_array(source, index=index, transfer_syntax_uid=uid.UID(image.syntax))
            if image.palette:
                frame = palette_rgb(frame, dataset)
        except DicomError:
            raise
        except Exception as exc:  # noqa: BLE001 - pydicom and its decoders raise many types for damaged data
            raise DicomError(path, msg.CANNOT_DECODE.format(error=decoder_reason(exc)),
                             msg.REEXPORT_OTHERS_FINE) from exc
        if frame.shape[:2] != (image.height, image.width):
            raise DicomError(path, msg.FRAME_SIZE.format(width=frame.shape[1], height=frame.shape[0],
                                                         header_width=image.width, header_height=image.height),
                             msg.REEXPORT)
        windowed = windowed_levels(frame, dataset, index) if image.samples == 1 and not image.palette else None
        spacing = frame_pixel_spacing(dataset, index, image.width, image.height)
    return DicomFrame(_to_rgb8(frame, image, windowed), spacing, DicomHeader(dataset, image))


def _sized_codestream(path: Path, dataset: Dataset, image: DicomImage, handle: BinaryIO, index: int) -> bytes:
    """The codestream of the compressed frame ``index``, which must declare the header's size: a decoder fills what
    the codestream declares (annotations.dicom.codestream). Only that frame is read, as the decoder reads it."""
    element = dataset.get_item("PixelData", keep_deferred=True)
    encapsulated = element.value
    if encapsulated is None:  # left on disk: read from the handle the header was checked on
        handle.seek(element.value_tell)
        encapsulated = handle
    offsets = (dataset.ExtendedOffsetTable, dataset.ExtendedOffsetTableLengths) \
        if "ExtendedOffsetTable" in dataset else None
    stream = get_frame(encapsulated, index, extended_offsets=offsets, number_of_frames=image.frames)
    declared = CODESTREAM_SIZES[image.syntax](stream)
    if declared is None:
        raise DicomError(path, msg.CODESTREAM_WITHOUT_SIZE.format(number=index + 1), msg.REEXPORT)
    if declared != (image.width, image.height, image.samples):
        raise DicomError(path, msg.CODESTREAM_SIZE.format(
            number=index + 1, width=declared.width, height=declared.height, components=declared.components,
            header_width=image.width, header_height=image.height, samples=image.samples), msg.REEXPORT)
    return stream


def _decoded_codestream(handle: BinaryIO, index: int, stream: bytes, dataset: Dataset, syntax: str) -> np.ndarray:
    """Frame ``index`` of the file open as ``handle``, its codestream ``stream``: by Pillow where it decodes the
    syntax, in this process, as before GDCM came; else, or where Pillow fails, by GDCM in a child process
    (gdcm_decoders), which decodes JPEG 2000 that Pillow's OpenJPEG refuses."""
    decoders = _decoders(syntax)
    if "pillow" in decoders:
        try:
            return pixel_array(handle, index=index, transfer_syntax_uid=uid.UID(syntax), decoding_plugin="pillow")
        except Exception:  # noqa: BLE001 - as read_dicom_frame's
            if "gdcm" not in decoders:
                raise
    return decoded_apart(dataset, syntax, stream)


def _decoders(syntax: str) -> list[str]:
    """Of the plugins pydicom has for the compressed ``syntax``, those this reader decodes with, in order."""
    return [name for name in ("pillow", "gdcm") if name in get_decoder(syntax).available_plugins]


@contextmanager
def _opened_dicom(path: Path) -> Iterator[tuple[Dataset, DicomImage, BinaryIO]]:
    """The checked header of ``path`` and the handle it was read from, still open. One open for every check, the
    header and the pixels: each open is a round trip on a network share, and a FIFO or device named .dcm is refused
    by the open itself, before pydicom reads from it."""
    with open_regular(path, error=DicomError) as handle:
        try:
            dataset, image = _read_header(path, handle)
        except DicomError:
            raise
        except Exception as exc:  # noqa: BLE001 - pydicom converts values lazily: a damaged one fails where first read
            reason = decoder_reason(exc, typed=True)
            # a file cut short is not a damaged header, though pydicom reads it as one: its pixels, or a deflated
            # data set, end early
            said = reason if reason == file_messages.CUT_SHORT else msg.HEADER_DAMAGED.format(error=reason)
            raise DicomError(path, said, msg.REEXPORT) from exc
        yield dataset, image, handle


def _read_header(path: Path, handle: BinaryIO) -> tuple[Dataset, DicomImage]:
    opened = _opened_file(path, handle)
    syntax = _checked_syntax(path, handle, opened.st_size)
    handle.seek(0)
    # large values (the pixels) stay on disk until asked for; forced: a file without marker was checked above
    dataset = pydicom.dcmread(handle, defer_size=1024, force=True)
    read_text_as_written(dataset, path)  # before any text is read: a Chinese name under no or another character set
    dataset.file_meta.TransferSyntaxUID = syntax  # a guessed one too: a LUT's words are read in its byte order
    _read_deferred_values_from(dataset, path, handle, opened)
    if "PixelData" not in dataset:
        # a DICOMDIR names its class in its file meta alone
        sop_class = dataset.get("SOPClassUID") or dataset.file_meta.get("MediaStorageSOPClassUID")
        kind = getattr(sop_class, "name", "") or dataset.get("Modality", "")
        raise DicomError(path, msg.NO_PIXEL_DATA_OF.format(kind=kind) if kind else msg.NO_PIXEL_DATA,
                         msg.OPEN_IMAGE_OBJECTS)
    image = _describe(path, dataset, syntax)
    if syntax == uid.JPEGExtended12Bit and image.bits_stored != 8:  # its 12-bit process: neither GDCM nor Pillow
        raise _with_header_patient(_refused_syntax(path, msg.SYNTAX_BITS_UNSUPPORTED.format(
            name=uid.UID(syntax).name, uid=syntax, bits=image.bits_stored)), handle)
    if syntax in NATIVE_SYNTAXES:
        _check_native_length(path, dataset, image, opened.st_size)
    return dataset, image


def _frame_index(path: Path, image: DicomImage, number: int | None) -> int:
    """The 0-based index pydicom decodes for frame ``number`` (None: the shown frame)."""
    if number is None:
        return shown_frame(image.frames) - 1
    if not 1 <= number <= image.frames:
        raise DicomError(path, msg.NO_SUCH_FRAME.format(frames=image.frames, number=number), msg.LABELS_KEPT)
    return number - 1


def read_patient(dataset: Dataset) -> PatientInfo:
    """Patient name, ID, birth date, sex, exam date and eye from the header; absent or unreadable fields stay empty."""
    birth = _iso_date(_text(dataset, "PatientBirthDate"))
    exam = _iso_date(_text(dataset, "StudyDate") or _text(dataset, "AcquisitionDate") or _text(dataset, "ContentDate"))
    name, ideographic = _person_name(dataset, "PatientName")
    return PatientInfo(patient_id=_text(dataset, "PatientID"),
                       name=name, ideographic_name=ideographic,
                       age=_age(_text(dataset, "PatientAge"), birth, exam),
                       birth_date=birth,
                       sex=_SEX.get(_text(dataset, "PatientSex").upper(), ""),
                       eye=_eye(dataset),
                       exam_date=exam)


def _eye(dataset: Dataset) -> str:
    laterality = (_text(dataset, "ImageLaterality") or _text(dataset, "Laterality")).upper()
    return _LATERALITY.get(laterality, "")


def _text(dataset: Dataset, keyword: str) -> str:
    try:
        return header_text(dataset.get(keyword, "") or "").strip()
    except Exception:  # noqa: BLE001 - a damaged value (read lazily) leaves the field empty, not the case unopened
        return ""


_ISO_2022_ESCAPE = re.compile(ESCAPE_SEQUENCE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_DATE = re.compile(r"(?P<year>\d{4})(?P<dot>\.?)(?P<month>\d{2})(?P=dot)(?P<day>\d{2})")
# PatientAge: DICOM's "045Y" (or M, W, D), and as devices write it too, "45Y" or "45" (years)
_AGE = re.compile(r"(\d{1,3})\s*([YMWD]?)")
_UNIT_DIVISOR = {"Y": 1, "": 1, "M": 12, "W": 52, "D": 365}  # the units in a year


def header_text(value: Any) -> str:
    """A header value as text, without the ISO 2022 escape sequences pydicom leaves in a value of the ISO 2022 IR 58
    character set, common on Chinese devices (王小明 was shown, printed and filed as "\\x1b$)A王\\x1b$)A小明"), nor
    any other control character."""
    return _CONTROL.sub("", _ISO_2022_ESCAPE.sub("", str(value)))


def _opened_file(path: Path, handle: BinaryIO) -> os.stat_result:
    """What the file ``path`` open as ``handle`` is: its size, and which file it is (_read_deferred_values_from)."""
    try:
        return os.fstat(handle.fileno())
    except OSError as exc:
        raise unreadable(path, exc, DicomError) from exc


def _read_deferred_values_from(dataset: Dataset, path: Path, handle: BinaryIO, opened: os.stat_result) -> None:
    """A value left on disk (the pixels) is read when first asked for: from ``handle`` while it is open (pydicom
    reads from a buffer not closed), after that from ``path`` again (pydicom calls ``fileobj_type(filename, "rb")``),
    through open_regular, and only from the file whose header ``dataset`` is. pydicom itself would only warn of a
    file replaced since, and read the other file's bytes as this one's value; a FIFO put in its place would block
    the read forever. A deflated data set was inflated into memory whole: its values are read from there."""
    dataset.filename, dataset.fileobj_type = str(path), functools.partial(_reopen_unchanged, path, _identity(opened))
    if dataset.buffer is None:  # a deflated data set's is its inflated copy
        dataset.buffer = handle
    dataset.timestamp = None  # pydicom's own check, of the modification time only, that warns and reads on
    dataset.__class__ = _HeaderRead  # dcmread makes a FileDataset; every value is read through __getitem__


class _HeaderRead(FileDataset):
    """A data set read by _opened_dicom. A value left on disk that cannot be read fails as a DicomError naming the
    file, as every failure of this reader does: pydicom asks whether the file still exists before it reopens it
    (_reopen_unchanged), and says a file gone with an OSError of its own."""

    def __getitem__(self, key: Any) -> Any:
        try:
            return super().__getitem__(key)
        except OSError as exc:
            self.fileobj_type(self.filename, "rb").close()  # says what became of the file: gone, replaced, changed
            raise unreadable(self.filename, exc, DicomError) from exc


def _reopen_unchanged(path: Path, identity: tuple[int, ...], _name: str, _mode: str) -> BinaryIO:
    handle = open_regular(path, error=DicomError)
    if _identity(os.fstat(handle.fileno())) != identity:
        handle.close()
        raise DicomError(path, msg.CHANGED_SINCE_READ, msg.OPEN_AGAIN)
    return handle


def _identity(status: os.stat_result) -> tuple[int, ...]:
    """The same file, unchanged: neither replaced (device and inode) nor rewritten (size and modification time)."""
    return status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns


def _checked_syntax(path: Path, handle: BinaryIO, size: int) -> str:
    """The transfer syntax of the file ``path`` open as ``handle``, of ``size`` bytes, from its file meta."""
    if size == 0:  # a failed copy, said as an empty photo is: no export from the device is wanted, a new copy is
        raise DicomError(path, file_messages.EMPTY_FILE, file_messages.RECOPY_FROM_SOURCE)
    if size > MAX_FILE_BYTES:
        raise DicomError(path, msg.TOO_LARGE.format(size=f"{size / 2**30:.1f}"),
                         msg.GIGABYTES_REFUSED.format(limit=MAX_FILE_BYTES // 2**30))
    try:
        meta = _read_file_meta(handle)
    except Exception as exc:  # noqa: BLE001 - as for the data set: any parser failure means "not readable"
        raise DicomError(path, msg.NOT_PART_10.format(error=decoder_reason(exc)), msg.EXPORT_AS_DICOM) from exc
    start = handle.tell()  # of the data set, after the file meta
    syntax = str(meta.get("TransferSyntaxUID", "")).strip() or _guessed_syntax(path, handle, start)
    if syntax not in SUPPORTED_SYNTAXES:
        raise _with_header_patient(_refused_syntax(path, msg.SYNTAX_UNSUPPORTED.format(
            name=uid.UID(syntax).name, uid=syntax)), handle)
    if not (_decoders(syntax) if syntax in CODESTREAM_SIZES else get_decoder(syntax).is_available):
        raise _with_header_patient(DicomError(path, msg.NO_DECODER.format(name=SUPPORTED_SYNTAXES[syntax], uid=syntax),
                                              msg.INSTALL_DECODER.format(packages=DECODER_PACKAGES[syntax])), handle)
    if syntax == uid.DeflatedExplicitVRLittleEndian:
        _check_inflated_size(path, handle, start)
    return syntax


def _with_header_patient(error: DicomError, handle: BinaryIO) -> DicomError:
    """``error``, refusing the file open as ``handle`` for its encoding, with the patient its header names: the header
    reads without the pixels, and the case list and the patient panel said nothing of whose file it is."""
    try:
        handle.seek(0)
        dataset = pydicom.dcmread(handle, force=True, stop_before_pixels=True)
        read_text_as_written(dataset, error.path)
        error.patient = read_patient(dataset)
    except Exception:  # noqa: BLE001 - pydicom raises many types for a damaged header: the refusal says enough
        pass
    return error


def _refused_syntax(path: Path, reason: str) -> DicomError:
    return DicomError(path, reason, msg.CONVERT_SYNTAX.format(supported=join_items(SUPPORTED_SYNTAXES.values())))


def _guessed_syntax(path: Path, handle: BinaryIO, start: int) -> str:
    """The encoding of a data set the file meta does not name (no meta at all, or meta without the transfer
    syntax), from its first element (data_set_encoding). Anything else is no DICOM file."""
    handle.seek(start)
    encoding = data_set_encoding(handle.read(6))
    if encoding is not None:
        little_endian, explicit = encoding
        if not little_endian:
            return uid.ExplicitVRBigEndian
        return uid.ExplicitVRLittleEndian if explicit else uid.ImplicitVRLittleEndian
    raise DicomError(path, msg.NOT_PART_10.format(error=file_messages.NO_DICOM_START), msg.EXPORT_AS_DICOM)


def _check_inflated_size(path: Path, handle: BinaryIO, start: int) -> None:
    """Inflate the data set (from ``start``) in bounded steps, counting without keeping, so a deflate bomb is
    refused before pydicom reads it."""
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    total = 0
    handle.seek(start)
    while chunk := handle.read(2**20):
        pending = chunk
        while pending:
            try:
                total += len(inflater.decompress(pending, 2**24))
            except zlib.error as exc:
                raise DicomError(path, msg.DEFLATE_DAMAGED.format(error=decoder_reason(exc)), msg.REEXPORT) from exc
            pending = inflater.unconsumed_tail
            if total > MAX_INFLATED_BYTES:
                raise DicomError(path, msg.DEFLATE_BOMB.format(limit=MAX_INFLATED_BYTES // 2**20), msg.REFUSED)
        if inflater.eof:
            break


def _read_file_meta(handle: BinaryIO) -> FileMetaDataset:
    """pydicom's read_file_meta_info of a file already open as ``handle`` (that function takes a file name, and would
    open the file again): its two steps, the second private to pydicom; tests/unit/test_dicom_reader.py fails
    should pydicom's function come to do anything else. Forced, as pydicom's pixel reader reads it: a file without
    the preamble and marker is read from its first byte, its meta empty where it has none. The handle is left at
    the start of the data set."""
    pydicom.filereader.read_preamble(handle, True)
    return pydicom.filereader._read_file_meta_info(handle)


def _describe(path: Path, dataset: Dataset, syntax: str) -> DicomImage:
    try:
        rows, columns = int(dataset.Rows), int(dataset.Columns)
        frames = int(dataset.get("NumberOfFrames", 1) or 1)
        samples = int(dataset.get("SamplesPerPixel", 1))
        bits = int(dataset.BitsAllocated)
        bits_stored = int(dataset.get("BitsStored", bits))
        signed = int(dataset.get("PixelRepresentation", 0)) == 1
        photometric = str(dataset.get("PhotometricInterpretation", "")).strip()
    except (AttributeError, TypeError, ValueError, OverflowError) as exc:
        raise DicomError(path, msg.DESCRIPTION_INCOMPLETE.format(error=exc), msg.REEXPORT) from exc
    if rows < 1 or columns < 1 or frames < 1:  # a broken header, not a frame too large
        raise DicomError(path, msg.NO_PIXELS_DECLARED.format(frames=frames, width=columns, height=rows), msg.REEXPORT)
    if rows * columns > MAX_PIXELS:
        raise DicomError(path, msg.FRAMES_DECLARED.format(frames=frames, width=columns, height=rows),
                         msg.MEGAPIXELS_REFUSED.format(limit=MAX_PIXELS // 1_000_000))
    if samples not in (1, 3) or bits not in (8, 16) or not 1 <= bits_stored <= bits or (
            photometric == PALETTE and samples != 1):
        raise DicomError(path, msg.NOT_A_PHOTO.format(samples=samples, bits_stored=bits_stored, bits=bits,
                                                      photometric=photometric), msg.GREY_OR_RGB)
    return DicomImage(columns, rows, frames, samples, bits_stored, signed, photometric, syntax,
                      header_modality(dataset))


def file_header_modality(path: str | os.PathLike) -> Modality | None:
    """header_modality of the DICOM file ``path``, from its header alone: only the storage class and the Modality
    tag are kept, the pixels are not read and no decoder is asked for, so a file whose pixels cannot be decoded still
    says what it is, and a retrain's listing of thousands asks quickly (about 0.6 ms a small file). None where the
    header does not say, or cannot be read as a DICOM header: its name, frames or pixels decide then."""
    path = Path(path)
    try:
        with open_regular(path, error=DicomError) as handle:
            syntax = str(_read_file_meta(handle).get("TransferSyntaxUID", "")).strip()
            if syntax == uid.DeflatedExplicitVRLittleEndian:  # pydicom inflates the data set whole: bounded first
                _check_inflated_size(path, handle, handle.tell())
            handle.seek(0)
            dataset = pydicom.dcmread(handle, force=True, stop_before_pixels=True, specific_tags=_MODALITY_TAGS)
            return header_modality(dataset)
    except Exception:  # noqa: BLE001 - pydicom raises many types for a damaged header: then it says nothing
        return None


def header_modality(dataset: Dataset) -> Modality | None:
    """OCT where the storage class or the Modality tag says tomography, a fundus photo where either says
    photography (tomography first, where a header says both), None where neither says (a Secondary Capture of
    modality OT, say): only the file's name or pixels can tell then."""
    sop_class = str(dataset.get("SOPClassUID", ""))
    tag = str(dataset.get("Modality", "") or "").strip()
    if sop_class == OPHTHALMIC_TOMOGRAPHY or tag in TOMOGRAPHY_TAGS:
        return Modality.OCT
    if sop_class in PHOTOGRAPHY_CLASSES or tag in PHOTOGRAPHY_TAGS:
        return Modality.FUNDUS
    return None


def _check_native_length(path: Path, dataset: Dataset, image: DicomImage, size: int) -> None:
    """Native pixel data must hold every declared frame, and the file must hold the pixel data (not cut short)."""
    samples = 2 if image.photometric == "YBR_FULL_422" else image.samples  # two pixels share their Cb and Cr
    expected = image.width * image.height * image.frames * samples * int(dataset.BitsAllocated) // 8
    element = dataset.get_item("PixelData", keep_deferred=True)  # its length and place, not the pixels (all frames)
    length = getattr(element, "length", None)
    if length is None:
        length = len(dataset.PixelData)
    start = getattr(element, "value_tell", None)
    if start is not None and image.syntax != uid.DeflatedExplicitVRLittleEndian:  # offsets of inflated data differ
        length = min(length, size - start)
    if length == 0xFFFFFFFF or length < expected:  # undefined length: encapsulated data under a native syntax
        raise DicomError(path, msg.PIXELS_SHORT.format(length=length, expected=expected), msg.TRUNCATED)


def _to_rgb8(frame: np.ndarray, image: DicomImage, windowed: np.ndarray | None) -> np.ndarray:
    """``frame`` as RGB uint8: through its window (``windowed``, grey_levels) where the header gives one, else
    scaled from its stored bits; a palette's frame is RGB already (palette_rgb)."""
    if image.palette:
        return frame
    if windowed is not None:
        grey = (windowed + 0.5).astype(np.uint8)
    elif frame.dtype == np.uint8 and image.bits_stored == 8 and not image.signed:
        grey = frame  # the usual photo: nothing to scale (a 12 MP float copy would cost a quarter second)
    else:
        data = frame.astype(np.float32)
        if image.signed:
            data += 2 ** (image.bits_stored - 1)  # shift the range to start at 0
        grey = np.clip(data / (2**image.bits_stored - 1) * 255.0 + 0.5, 0, 255).astype(np.uint8)
    if image.monochrome1:
        grey = 255 - grey
    return np.repeat(grey[:, :, None], 3, axis=2) if grey.ndim == 2 else np.ascontiguousarray(grey)


def _person_name(dataset: Dataset, keyword: str) -> tuple[str, str]:
    """The name as the patient is called, and its ideographic form where the header writes it beside the alphabetic
    one (``Wang^Xiaoming=王^小明``: "Xiaoming Wang" and "王小明"; patients.shown_name shows both):
    ``Family^Given^Middle`` as "Given Middle Family", but a Chinese, Japanese or Korean one family name first and
    unspaced (``王^小明`` as 王小明), as those names are written; a name written only in ideographic or phonetic
    form is taken from there."""
    try:
        name = PersonName(header_text(dataset.get(keyword, "")))
        alphabetic = _display_name(name.family_name, name.given_name, name.middle_name)
        ideographic = _display_name(*_components(name.ideographic))
        if alphabetic:
            return alphabetic, ideographic if ideographic != alphabetic else ""
        return ideographic or _display_name(*_components(name.phonetic)), ""
    except Exception:  # noqa: BLE001 - as _text: a damaged name stays empty
        return "", ""


def _components(group: str) -> list[str]:
    """A PN group's family, given and middle names."""
    return (group.split("^") + ["", "", ""])[:3]


def _display_name(family: str, given: str, middle: str) -> str:
    family, given, middle = family.strip(), given.strip(), middle.strip()
    if any(_is_cjk(character) for character in family + given + middle):
        return family + given + middle
    return " ".join(part for part in (given, middle, family) if part)


def _is_cjk(character: str) -> bool:
    """A Han ideograph, a kana or a Hangul syllable."""
    return ("\u4e00" <= character <= "\u9fff" or "\u3400" <= character <= "\u4dbf" or "\u3040" <= character <= "\u30ff"
            or "\uac00" <= character <= "\ud7af" or "\U00020000" <= character <= "\U0002ffff")


def _iso_date(value: str) -> str:
    """A DICOM date (YYYYMMDD) in ISO form; also ACR-NEMA's YYYY.MM.DD, which DICOM asks readers to take and older
    devices and archives still write (the birth and exam dates were left empty)."""
    found = _DATE.fullmatch(str(value).strip())
    return f"{found['year']}-{found['month']}-{found['day']}" if found else ""


def _age(declared: str, birth: str, exam: str) -> int | None:
    """The years from birth to the exam where the header has both dates, else the PatientAge (_AGE): devices
    often fill PatientAge with the difference of the years, a year too many before the birthday ("78 years (born 1
    Jul 1945)" was printed on 30 Jun 2023). A birth date of 1 January is an anonymiser's as often as a birthday
    (patients.edited_age): there the header's PatientAge, right either way, stands. Neither gives an age no patient
    has (patients.patient_age: "174Y" beside a birth date of 1850, which date_checks warns of)."""
    stated = _AGE.fullmatch(declared.strip().upper())
    stated_years = patient_age(int(stated[1]) // _UNIT_DIVISOR[stated[2]]) if stated else None
    years = age_on(birth, exam) if birth and exam else None
    if years is None or (birth.endswith("-01-01") and stated_years is not None):
        return stated_years
    return years
