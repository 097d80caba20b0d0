"""DICOM test files built with pydicom (and GDCM for the syntaxes only it encodes here): each storage class and
transfer syntax the reader supports, and broken ones."""
from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gdcm
import numpy as np
import pydicom
from PIL import Image
from pydicom import dcmread, dcmwrite, uid
from pydicom.dataset import Dataset, FileDataset, FileMetaDataset
from pydicom.encaps import encapsulate
from pydicom.filebase import DicomBytesIO
from pydicom.filewriter import write_dataset
from pydicom.pixels import convert_color_space
from pydicom.sequence import Sequence

if TYPE_CHECKING:
    import pytest

PATIENT = {"PatientName": "Doe^Jane^Q", "PatientID": "P-0042", "PatientBirthDate": "19600215", "PatientSex": "F",
           "StudyDate": "20240110", "StudyTime": "101500", "AccessionNumber": "ACC-7", "StudyID": "S1"}
STUDY_UID = "1.2.826.0.1.3680043.8.498.1000001"
J2K = (uid.JPEG2000Lossless, uid.JPEG2000)
GDCM_ENCODED = (uid.JPEGExtended12Bit, uid.JPEGLossless, uid.JPEGLosslessSV1, uid.JPEGLSLossless,
                uid.JPEGLSNearLossless)


def fundus_rgb(height: int = 48, width: int = 64) -> np.ndarray:
    """A smooth synthetic colour picture (JPEG keeps it within a few levels)."""
    y, x = np.mgrid[0:height, 0:width]
    return np.stack([100 + x * 2, 60 + y * 2, np.full_like(x, 40)], axis=2).astype(np.uint8)


def write_dicom(path: Path, pixels: np.ndarray, sop_class: str = uid.OphthalmicPhotography8BitImageStorage,
                syntax: str = uid.ExplicitVRLittleEndian, bits: int = 8, frames: bool = False,
                laterality: str = "R", photometric: str = "", planar: int = 0, stored: int = 0,
                header: dict[str, Any] | None = None) -> Path:
    """A Part 10 file holding ``pixels`` ((H, W), (H, W, 3), or (F, H, W) with ``frames``), as ``photometric`` says
    they are (a colour file's YBR_FULL_422 is packed from RGB here), colour planes one after another with
    ``planar`` 1, ``stored`` bits of ``bits`` used; ``header`` adds elements (None removes one)."""
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = sop_class
    meta.MediaStorageSOPInstanceUID = uid.generate_uid()
    compressed = syntax in (uid.JPEGBaseline8Bit, uid.RLELossless, *J2K, *GDCM_ENCODED)  # from a native data set below
    meta.TransferSyntaxUID = uid.ExplicitVRLittleEndian if compressed else syntax
    ds = FileDataset(str(path), {}, file_meta=meta, preamble=b"\0" * 128)
    ds.SOPClassUID, ds.SOPInstanceUID = sop_class, meta.MediaStorageSOPInstanceUID
    for key, value in PATIENT.items():
        setattr(ds, key, value)
    ds.StudyInstanceUID, ds.SeriesInstanceUID = STUDY_UID, uid.generate_uid()
    ds.Modality = "OPT" if sop_class == uid.OphthalmicTomographyImageStorage else "OP"
    ds.ImageLaterality = laterality
    colour = pixels.ndim == 3 and not frames
    ds.Rows, ds.Columns = pixels.shape[-3:-1] if colour else pixels.shape[-2:]
    ds.SamplesPerPixel = 3 if colour else 1
    ds.PhotometricInterpretation = photometric or ("RGB" if colour else "MONOCHROME2")
    if colour:
        ds.PlanarConfiguration = planar
    if frames:
        ds.NumberOfFrames = pixels.shape[0]
    stored = stored or bits
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = bits, stored, stored - 1, 0
    dtype = np.uint8 if bits == 8 else (">u2" if syntax == uid.ExplicitVRBigEndian else "<u2")
    if photometric == "YBR_FULL_422" and not compressed:
        data = _packed_ybr_full_422(pixels)
    else:
        data = np.moveaxis(pixels, -1, 0) if colour and planar else pixels
    ds.PixelData = np.ascontiguousarray(data).astype(dtype).tobytes()
    ds["PixelData"].VR = "OB" if bits == 8 else "OW"
    for key, value in (header or {}).items():
        if value is None:
            delattr(ds, key)
        else:
            setattr(ds, key, value)
    if syntax == uid.RLELossless:
        ds.compress(uid.RLELossless, generate_instance_uid=False)
    elif syntax == uid.JPEGBaseline8Bit:
        _to_jpeg(ds, pixels, frames)
    elif syntax in J2K:
        _to_jpeg_2000(ds, pixels, syntax)
    big_endian = syntax == uid.ExplicitVRBigEndian
    if big_endian:  # pydicom writes big endian (retired in 2004, still met in archives) only when forced
        dcmwrite(path, ds, little_endian=False, implicit_vr=False, force_encoding=True)
    else:
        ds.save_as(path, enforce_file_format=True)
    return gdcm_encoded(path, syntax) if syntax in GDCM_ENCODED else path


def gdcm_encoded(path: Path, syntax: str) -> Path:
    """The file ``path`` rewritten in ``syntax`` by GDCM (gdcmconv's way): pydicom encodes JPEG Lossless and JPEG
    Extended with no plugin, JPEG-LS only with plugins this program does not install."""
    reader = gdcm.ImageReader()
    reader.SetFileName(str(path))
    change = gdcm.ImageChangeTransferSyntax()
    change.SetTransferSyntax(gdcm.TransferSyntax(gdcm.TransferSyntax.GetTSType(syntax)))
    if reader.Read():
        change.SetInput(reader.GetImage())
        if change.Change():
            writer = gdcm.ImageWriter()
            writer.SetFileName(str(path))  # opens the file, emptied: only once it was read
            writer.SetFile(reader.GetFile())
            writer.SetImage(change.GetOutput())
            if writer.Write():
                return path
    raise RuntimeError(f"GDCM could not write {path.name} in {uid.UID(syntax).name}")


def _packed_ybr_full_422(rgb: np.ndarray) -> np.ndarray:
    """Native YBR_FULL_422: Y1 Y2 Cb Cr for each two pixels of a row, their chroma averaged."""
    ybr = convert_color_space(rgb, "RGB", "YBR_FULL").astype(np.int32)
    chroma = (ybr[:, 0::2, 1:] + ybr[:, 1::2, 1:] + 1) // 2
    return np.concatenate([ybr[:, 0::2, :1], ybr[:, 1::2, :1], chroma], axis=2).astype(np.uint8)


def _to_jpeg_2000(ds: FileDataset, pixels: np.ndarray, syntax: str) -> None:
    """Pillow's OpenJPEG codestream: lossy with the irreversible colour transform (YBR_ICT), or lossless (RCT)."""
    out = io.BytesIO()
    lossless = syntax == uid.JPEG2000Lossless
    Image.fromarray(pixels).save(out, format="JPEG2000", irreversible=not lossless, no_jp2=True)
    ds.PixelData = encapsulate([out.getvalue()])
    ds["PixelData"].VR = "OB"
    if ds.SamplesPerPixel == 3:
        ds.PhotometricInterpretation = "YBR_RCT" if lossless else "YBR_ICT"
    ds.file_meta.TransferSyntaxUID = syntax


def without_preamble(path: Path) -> Path:
    """The file as some older devices write it: no 128-byte preamble and no "DICM" marker before its file meta."""
    path.write_bytes(path.read_bytes()[132:])
    return path


def without_file_meta(path: Path) -> Path:
    """The bare data set, Implicit VR Little Endian, as some archives keep what they received over the network."""
    dataset = dcmread(path)
    out = DicomBytesIO()
    out.is_little_endian, out.is_implicit_VR = True, True
    write_dataset(out, dataset)
    path.write_bytes(out.getvalue())
    return path


def _to_jpeg(ds: FileDataset, pixels: np.ndarray, frames: bool) -> None:
    encoded = []
    for frame in (pixels if frames else [pixels]):
        out = io.BytesIO()
        Image.fromarray(frame).save(out, format="JPEG", quality=95)
        encoded.append(out.getvalue())
    ds.PixelData = encapsulate(encoded)
    ds["PixelData"].VR = "OB"
    if ds.SamplesPerPixel == 3:
        ds.PhotometricInterpretation = "YBR_FULL_422"
    ds.file_meta.TransferSyntaxUID = uid.JPEGBaseline8Bit


def write_undecodable_volume(path: Path, frames: int = 7) -> Path:
    """An OCT volume whose header (and frame count) reads, but whose shown B-scan, the middle one, does not decode:
    its JPEG lacks the start-of-image marker."""
    pixels = np.random.default_rng(0).integers(0, 255, (frames, 40, 60)).astype(np.uint8)
    write_dicom(path, pixels, uid.OphthalmicTomographyImageStorage, syntax=uid.JPEGBaseline8Bit, frames=True)
    data = path.read_bytes()
    start = -1
    for _ in range(frames // 2 + 1):  # the start of image of frame (frames // 2), 0-based
        start = data.index(b"\xff\xd8", start + 1)
    path.write_bytes(data[:start] + b"XX" + data[start + 2:])
    return path


def per_frame_groups(frames: int, row_mm: float = 0.0039, column_mm: float = 0.0117) -> Sequence:
    """A volume's Per-frame Functional Groups as an OCT device writes them: each B-scan's own Pixel Measures, Frame
    Content, Plane Position and Plane Orientation (a B-scan 0.12 mm below the one before)."""
    groups = []
    for number in range(1, frames + 1):
        measures, content, position, orientation = Dataset(), Dataset(), Dataset(), Dataset()
        measures.PixelSpacing, measures.SliceThickness = [row_mm, column_mm], 0.12
        content.FrameAcquisitionNumber, content.DimensionIndexValues = number, [1, number]
        position.ImagePositionPatient = [0.0, 0.12 * number, 0.0]
        orientation.ImageOrientationPatient = [1.0, 0.0, 0.0, 0.0, 0.0, 1.0]
        group = Dataset()
        group.PixelMeasuresSequence, group.FrameContentSequence = Sequence([measures]), Sequence([content])
        group.PlanePositionSequence, group.PlaneOrientationSequence = Sequence([position]), Sequence([orientation])
        groups.append(group)
    return Sequence(groups)


def counted_header_reads(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The files pydicom.dcmread is asked to read from now on, in order (each a round trip on a share)."""
    reads: list[object] = []
    dcmread = pydicom.dcmread

    def counted(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - dcmread's own
        reads.append(args[0])
        return dcmread(*args, **kwargs)

    monkeypatch.setattr(pydicom, "dcmread", counted)
    return reads
