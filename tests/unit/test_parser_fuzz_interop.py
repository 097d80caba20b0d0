"""Fuzzing the YOLO, labelme and DICOM readers: whatever the bytes, the result is data or an error naming the file
(FormatError for labels, ImageLoadError for DICOM), never another exception."""
from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydicom import uid

from annotations.dicom.reader import file_header_modality, read_dicom_header, read_patient
from annotations.formats.labelme import read_labelme
from annotations.formats.yolo import read_yolo
from annotations.image_io import ImageLoadError, load_image, read_image_info
from tests.dicom_files import fundus_rgb, write_dicom
from tests.unit.test_formats_labelme_export import png_b64
from tests.unit.test_parser_fuzz import EDITS, FUZZ, JSON_VALUES, NAMES, NUMBERISH, damaged, read_or_refused

MASK_2X2 = png_b64(np.eye(2, dtype=bool))  # a mask shape's bitmap; cut short, a damaged one
COORD = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**6, 10**6), st.text(max_size=3))


@FUZZ
@given(lines=st.lists(st.lists(NUMBERISH, max_size=6).map(" ".join), max_size=6),
       width=st.integers(1, 5000), height=st.integers(1, 5000))
def test_yolo_reader_on_arbitrary_lines(tmp_path: Path, lines: list[str], width: int, height: int) -> None:
    path = tmp_path / "fuzz.txt"
    path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    result = read_or_refused(path, lambda p: read_yolo(p, ["EX", "HE", "other"], width, height))
    if result is None:
        return
    assert all(0 <= b.xmin <= b.xmax <= width and 0 <= b.ymin <= b.ymax <= height for b in result.boxes)


@st.composite
def labelme_documents(draw: st.DrawFn) -> dict:
    shapes = [{"label": draw(NAMES), "shape_type": draw(st.sampled_from(
                   ["rectangle", "polygon", "circle", "point", "line", "linestrip", "mask", None, 7])),
               "points": draw(st.one_of(st.lists(st.lists(COORD, min_size=2, max_size=2), max_size=5), JSON_VALUES)),
               "mask": draw(st.one_of(JSON_VALUES, st.just(MASK_2X2), st.just(MASK_2X2[:40])))}
              for _ in range(draw(st.integers(0, 4)))]
    document = {"shapes": shapes, "imageWidth": draw(st.one_of(st.integers(-5, 300), NUMBERISH)),
                "imageHeight": draw(st.one_of(st.integers(-5, 300), NUMBERISH)), "imageData": None}
    return {k: v for k, v in document.items() if draw(st.integers(0, 6))}  # sometimes a key is missing


@FUZZ
@given(document=st.one_of(labelme_documents(), JSON_VALUES))
def test_labelme_reader_on_arbitrary_json(tmp_path: Path, document: object) -> None:
    path = tmp_path / "fuzz.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = read_or_refused(path, read_labelme)
    if result is None:
        return
    assert result.mask is None or result.mask.shape == (result.height, result.width)
    assert all(0 <= b.xmin <= b.xmax <= result.width for b in result.boxes)


DICOM_SEEDS = {
    "photo.dcm": dict(pixels=fundus_rgb(24, 32)),
    "jpeg.dcm": dict(pixels=fundus_rgb(24, 32), syntax=uid.JPEGBaseline8Bit),
    "deflated.dcm": dict(pixels=fundus_rgb(24, 32), syntax=uid.DeflatedExplicitVRLittleEndian),
    "rle.dcm": dict(pixels=fundus_rgb(24, 32), syntax=uid.RLELossless),
    "oct.dcm": dict(pixels=np.zeros((3, 16, 20), np.uint8), sop_class=uid.OphthalmicTomographyImageStorage,
                    frames=True),
}


@pytest.mark.filterwarnings("ignore::UserWarning")  # pydicom warns about the damaged values it reads anyway
@FUZZ
@given(seed=st.sampled_from(sorted(DICOM_SEEDS)), edits=EDITS)
def test_dicom_reader_on_mutated_files(tmp_path: Path, seed: str, edits: list) -> None:
    """Damaged copies (bit flips, cuts, insertions in preamble, meta, header and pixel data) of each kind of file.
    The modality its header says, read alone (file_header_modality), is what a full read of it says, or nothing."""
    path = tmp_path / f"damaged-{seed}"
    path.write_bytes(damaged(write_dicom(tmp_path / seed, **DICOM_SEEDS[seed]).read_bytes(), edits))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        said = file_header_modality(path)  # never raises: a header it cannot read says nothing
        for read in (read_image_info, load_image):
            try:
                result = read(path)
            except ImageLoadError as error:
                assert error.path == str(path) and error.reason
                return
            if read is load_image:
                assert result.dtype == np.uint8 and result.ndim == 3 and result.shape[2] == 3
        dataset, image = read_dicom_header(path)
        read_patient(dataset)  # a case of a readable file takes its patient without failing
        assert said is image.modality
