"""Property-based fuzzing of every label parser: whatever the bytes, the result is data or a FormatError that names
the file, never another exception (which would surface as "internal error" or take the program down)."""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Callable, TypeVar

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations.classes import LesionClass
from annotations.document import Box
from annotations.formats import FormatError
from annotations.formats.bare_photos import bare_photo
from annotations.formats.coco import import_coco
from annotations.formats.coco_rle import counts_to_string, rle_decode, rle_encode, string_to_counts
from annotations.formats.grades_csv import read_grades_csv
from annotations.formats.label_map import parse_label_map
from annotations.formats.masks import read_class_masks, read_indexed_png
from annotations.formats.voc import VocAnnotation, read_voc, write_voc
from annotations.image_io import ImageLoadError, load_image, read_image_info
from tests import hostile_corpus as corpus

T = TypeVar("T")
FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

NUMBERISH = st.one_of(
    st.integers(-10**12, 10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["", " ", "1e999", "-0", "0x10", "nan", "12.5", "١٢", "1_000", "  7 "]),
    st.text(max_size=6),
)
NAMES = st.one_of(st.sampled_from(["MA", "HE", "EX", "SE", "OD", "ma", "hard_exudates", "", "<", "&amp;"]),
                  st.text(max_size=8))


# Damage to a file: (where, as a share of its length; set, cut or insert; the bytes) a few times over.
EDITS = st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.sampled_from(["set", "cut", "insert"]),
                           st.binary(min_size=1, max_size=12)), min_size=1, max_size=6)


def damaged(original: bytes, edits: list[tuple[float, str, bytes]]) -> bytes:
    """``original`` with ``edits`` (EDITS) applied in turn: bytes overwritten, cut (eight times the payload's length)
    or inserted."""
    data = bytearray(original)
    for where, kind, payload in edits:
        at = int(where * len(data))
        if kind == "set":
            data[at:at + len(payload)] = payload
        elif kind == "cut":
            del data[at:at + len(payload) * 8]
        else:
            data[at:at] = payload
    return bytes(data)


def read_or_refused(path: Path, read: Callable[[Path], T]) -> T | None:
    """What ``read`` makes of the fuzzed file, or None when it refused it clearly: a FormatError naming the file and
    a reason (anything else fails the test)."""
    try:
        return read(path)
    except FormatError as error:
        assert error.path == str(path) and str(path) in str(error) and error.reason
        return None


def _xml_text(value: str) -> str:
    """Escape for element text, dropping characters XML 1.0 cannot hold at all."""
    keep = "".join(c for c in value if c in "\t\n\r" or (" " <= c <= "\ud7ff") or ("\ue000" <= c <= "\ufffd"))
    return keep.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def voc_documents(draw: st.DrawFn) -> str:
    def tag(name: str, value: str) -> str:
        return "" if draw(st.booleans()) and draw(st.booleans()) else f"<{name}>{_xml_text(value)}</{name}>"

    size = "<size>" + tag("width", draw(NUMBERISH)) + tag("height", draw(NUMBERISH)) + tag("depth", draw(NUMBERISH)) \
        + "</size>"
    objects = []
    for _ in range(draw(st.integers(0, 4))):
        box = "".join(tag(t, draw(NUMBERISH)) for t in ("xmin", "ymin", "xmax", "ymax"))
        bndbox = f"<bndbox>{box}</bndbox>" if draw(st.integers(0, 5)) else ""  # sometimes missing
        objects.append(f"<object>{tag('name', draw(NAMES))}{tag('difficult', draw(NUMBERISH))}{bndbox}</object>")
    return f"<annotation>{tag('filename', draw(st.text(max_size=10)))}{size}{''.join(objects)}" \
           f"{tag('segmented', draw(NUMBERISH))}</annotation>"


@FUZZ
@given(data=st.binary(max_size=300))
def test_voc_reader_on_arbitrary_bytes(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.xml"
    path.write_bytes(data)
    read_or_refused(path, read_voc)


@FUZZ
@given(document=voc_documents())
def test_voc_reader_on_structured_documents(tmp_path: Path, document: str) -> None:
    path = tmp_path / "fuzz.xml"
    path.write_text(document, encoding="utf-8")
    annotation = read_or_refused(path, read_voc)
    if annotation is None:
        return
    assert annotation.width > 0 and annotation.height > 0
    for box in annotation.boxes:  # every box that got through lies inside the image, corners ordered
        assert 0 <= box.xmin <= box.xmax <= annotation.width and 0 <= box.ymin <= box.ymax <= annotation.height


@FUZZ
@given(width=st.integers(1, 5000), height=st.integers(1, 5000),
       boxes=st.lists(st.tuples(st.sampled_from(list(LesionClass)), st.floats(0, 1), st.floats(0, 1),
                                st.floats(0, 1), st.floats(0, 1), st.booleans()), max_size=5))
def test_voc_write_then_read_keeps_every_box(tmp_path: Path, width: int, height: int, boxes: list) -> None:
    made = []
    for label, x0, y0, x1, y1, difficult in boxes:
        xs = sorted((round(x0 * width), round(x1 * width)))
        ys = sorted((round(y0 * height), round(y1 * height)))
        made.append(Box(label, xs[0], ys[0], xs[1], ys[1], difficult=difficult))
    path = tmp_path / "round.xml"
    write_voc(path, VocAnnotation("eye.png", width, height, boxes=made))
    again = read_voc(path)
    assert [(b.label, b.coords(), b.difficult) for b in again.boxes] == \
           [(b.label, b.coords(), b.difficult) for b in made]
    assert again.notes == []


JSON_LEAVES = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**12), st.floats(allow_nan=False),
                        st.text(max_size=5))
JSON_VALUES = st.recursive(JSON_LEAVES, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=4), inner, max_size=4)), max_leaves=12)


@st.composite
def coco_documents(draw: st.DrawFn) -> dict:
    def maybe(value: object) -> object:
        return draw(JSON_VALUES) if draw(st.integers(0, 5)) == 0 else value

    images = [{"id": maybe(i), "file_name": maybe(f"im{i}.png"), "width": maybe(draw(st.integers(-2, 64))),
               "height": maybe(draw(st.integers(-2, 64)))} for i in range(draw(st.integers(0, 2)))]
    categories = [{"id": maybe(c), "name": maybe(draw(NAMES))} for c in range(1, draw(st.integers(1, 3)))]
    annotations = []
    for number in range(draw(st.integers(0, 4))):
        entry = {"id": number, "image_id": maybe(draw(st.integers(0, 2))),
                 "category_id": maybe(draw(st.integers(0, 3)))}
        if draw(st.booleans()):
            entry["bbox"] = maybe([draw(st.floats(-100, 100, allow_nan=False)) for _ in range(4)])
        if draw(st.booleans()):
            entry["segmentation"] = maybe(draw(st.one_of(
                st.lists(st.lists(st.floats(-1e6, 1e6, allow_nan=False), max_size=8), max_size=2),
                st.fixed_dictionaries({"size": st.lists(st.integers(-2, 64), max_size=3),
                                       "counts": st.one_of(st.lists(st.integers(-5, 4096), max_size=6),
                                                           st.text(max_size=8))}))))
        annotations.append(maybe(entry))
    return {"images": maybe(images), "categories": maybe(categories), "annotations": maybe(annotations)}


@FUZZ
@given(document=st.one_of(coco_documents(), JSON_VALUES))
def test_coco_reader_on_arbitrary_json(tmp_path: Path, document: object) -> None:
    path = tmp_path / "fuzz.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = read_or_refused(path, import_coco)
    if result is None:
        return
    for boxes, mask in result.values():
        assert all(b.xmin <= b.xmax and b.ymin <= b.ymax for b in boxes)
        assert mask is None or mask.dtype == np.uint8


@FUZZ
@given(text=st.one_of(st.text(max_size=300), st.lists(st.lists(st.text(max_size=6), max_size=6), max_size=6).map(
    lambda rows: "\n".join(",".join(row) for row in [["Image name", "Retinopathy grade", "Risk of macular edema",
                                                       "Referable", "OCT class"], *rows]))))
def test_grades_csv_reader_on_arbitrary_text(tmp_path: Path, text: str) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    grades = read_or_refused(path, read_grades_csv)
    if grades is None:
        return
    for grade in grades.values():
        assert grade.dr_grade is None or 0 <= grade.dr_grade <= 4


@FUZZ
@given(data=st.binary(max_size=200))
def test_mask_readers_on_arbitrary_bytes(tmp_path: Path, data: bytes) -> None:
    for path, read in ((tmp_path / "eye_MA.png", lambda p: read_class_masks(tmp_path, "eye", (4, 4))),
                       (tmp_path / "indexed.png", lambda p: read_indexed_png(p, (4, 4)))):
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + data if data[:1] == b"\x00" else data)
        read_or_refused(path, read)
        path.unlink()


@FUZZ
@given(text=st.text(max_size=60))
def test_label_map_parser_accepts_or_names_the_culprit(text: str) -> None:
    try:
        mapping = parse_label_map(text)
    except ValueError as error:
        assert str(error)
        return
    assert all(isinstance(cls, LesionClass) for cls in mapping.values())


@FUZZ
@given(mask=st.integers(1, 12).flatmap(lambda h: st.integers(1, 12).flatmap(
    lambda w: st.lists(st.booleans(), min_size=h * w, max_size=h * w).map(
        lambda cells: np.array(cells, dtype=bool).reshape(h, w)))))
def test_rle_round_trips_both_forms(mask: np.ndarray) -> None:
    rle = rle_encode(mask)
    np.testing.assert_array_equal(rle_decode(rle), mask)
    compressed = dict(rle, counts=counts_to_string(rle["counts"]))
    np.testing.assert_array_equal(rle_decode(compressed), mask)


@FUZZ
@given(text=st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=130), max_size=20))
def test_compressed_rle_decoder_on_arbitrary_strings(text: str) -> None:
    try:
        counts = string_to_counts(text)
    except ValueError:
        return
    assert all(isinstance(c, int) and not math.isnan(c) for c in counts)


IMAGE_SEEDS = {"exif.jpg": corpus.exif_rotated_jpeg, "grey16.tif": corpus.grey16_tiff, "plain.png": corpus.save_rgb,
               "anim.png": corpus.animated_gif_named_png, "plain.bmp": lambda p: corpus.save_rgb(p, fmt="BMP"),
               "comment.jpg": lambda p: corpus.save_rgb(p, comment=b"Wang", progressive=True, restart_marker_rows=1),
               "big.tif": lambda p: corpus.save_rgb(p, fmt="TIFF", big_tiff=True)}


@pytest.mark.filterwarnings("ignore::UserWarning")  # Pillow warns about the damaged TIFF/EXIF tags it skips
@FUZZ
@given(seed=st.sampled_from(sorted(IMAGE_SEEDS)), edits=EDITS)
def test_image_reader_on_mutated_files(tmp_path: Path, seed: str, edits: list) -> None:
    """Damaged copies of real-format files (bit flips, cuts, insertions in headers, EXIF and pixel data), read as a
    case and as a data set's photo (its metadata left out, bare_photos)."""
    path = tmp_path / f"damaged-{seed}"
    path.write_bytes(damaged(IMAGE_SEEDS[seed](tmp_path / seed).read_bytes(), edits))
    for read in (read_image_info, load_image, lambda p: bare_photo(p, p.read_bytes())):
        try:
            result = read(path)
        except ImageLoadError as error:
            assert error.path == str(path) and error.reason
            continue
        if read is load_image:
            assert result.dtype == np.uint8 and result.ndim == 3 and result.shape[2] == 3
