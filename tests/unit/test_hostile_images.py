"""Hostile image files: each is either shown correctly or refused with a message naming the file and the next step.

And a folder full of them still opens: the broken cases carry their error, the good ones work and can be saved.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable

import numpy as np
import pytest
from PIL import ImageFile

from annotations.document import ReviewState
from annotations.image_io import ImageLoadError, load_image, read_image_info
from annotations.workspace import Workspace
from tests import hostile_corpus as corpus

REFUSED: dict[str, tuple[str, Callable[[Path], Path], str]] = {
    # case: (file name, generator, words the reason must contain)
    "zero bytes": ("empty.jpg", corpus.empty_file, "empty (0 bytes)"),
    "truncated JPEG": ("cut.jpg", corpus.truncated_jpeg, "cut short"),
    "PNG with bad header CRC": ("crc.png", corpus.png_with_bad_header_crc, "damaged"),
    "30000x30000 PNG header": ("bomb.png", corpus.bomb_png, "too large to open safely (900 megapixels)"),
    "30000x30000 BMP header": ("bomb.bmp", corpus.bomb_bmp, "too large to open safely (900 megapixels)"),
}
DECODED = {"truncated JPEG"}  # its header is sound: its decoder finds the cut


@pytest.fixture
def decoded(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """The size of each image whose pixels Pillow began to decode (ImageFile.load: the full-size buffer, then the
    decoder), from now to the test's end: a bomb refused from its header never gets there."""
    sizes: list[tuple[int, int]] = []
    load = ImageFile.ImageFile.load

    def watched(image: ImageFile.ImageFile) -> object:
        sizes.append(image.size)
        return load(image)

    monkeypatch.setattr(ImageFile.ImageFile, "load", watched)
    return sizes


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_bad_image_is_refused_naming_file_and_next_step(tmp_path: Path, case: str,
                                                        decoded: list[tuple[int, int]]) -> None:
    name, make, reason = REFUSED[case]
    path = make(tmp_path / name)
    with pytest.raises(ImageLoadError) as raised:
        load_image(path)
    assert len(decoded) == (case in DECODED)  # a bomb is refused from its header, never decoded
    error = raised.value
    assert error.path == str(path) and str(path) in str(error)
    assert reason in error.reason
    assert error.hint, "the message must say what to do next"


@pytest.mark.parametrize("maker", [corpus.bomb_png, corpus.bomb_bmp])
@pytest.mark.parametrize("side, megapixels", [(30000, 900), (12000, 144)])  # above Pillow's limit, and between
def test_bomb_header_is_refused_by_the_header_reader_too(tmp_path: Path, maker: Callable[[Path], Path], side: int,
                                                         megapixels: int) -> None:
    path = maker(tmp_path / f"bomb{'.png' if maker is corpus.bomb_png else '.bmp'}", side, side)
    with pytest.raises(ImageLoadError) as raised:
        read_image_info(path)
    assert raised.value.reason == f"image is too large to open safely ({megapixels} megapixels)"
    assert raised.value.hint == "images above 120 megapixels are refused"


def test_png_with_jpg_extension_opens_by_content(tmp_path: Path) -> None:
    path = corpus.png_named_jpg(tmp_path / "really_a_png.jpg")
    np.testing.assert_array_equal(load_image(path), corpus.fundus_rgb())  # lossless: PNG decoder was used
    assert read_image_info(path).format == "PNG"


def test_cmyk_jpeg_becomes_rgb(tmp_path: Path) -> None:
    image = load_image(corpus.cmyk_jpeg(tmp_path / "cmyk.jpg"))
    assert image.shape == (10, 20, 3) and image.dtype == np.uint8
    red, green, blue = (int(v) for v in image[5, 10])
    assert red > 200 and green < 60 and blue < 60


def test_16_bit_grey_tiff_is_scaled_to_8_bits_not_clipped(tmp_path: Path) -> None:
    image = load_image(corpus.grey16_tiff(tmp_path / "oct16.tif"))
    assert image.shape == (16, 24, 3) and image.dtype == np.uint8
    grey = image[..., 0].ravel()
    assert grey[0] == 0 and grey[-1] == 255
    assert np.all(np.diff(grey.astype(int)) >= 0)  # the ramp stays a ramp
    assert len(np.unique(grey)) > 200  # and keeps its levels (clipping would leave 2)


def test_one_pixel_image_opens(tmp_path: Path) -> None:
    path = corpus.one_pixel_png(tmp_path / "dot.png")
    assert load_image(path).shape == (1, 1, 3)
    assert (read_image_info(path).width, read_image_info(path).height) == (1, 1)


def test_animated_gif_named_png_shows_its_first_frame(tmp_path: Path) -> None:
    image = load_image(corpus.animated_gif_named_png(tmp_path / "anim.png"))
    assert image.shape == (10, 12, 3)
    assert abs(int(image[0, 0, 0]) - 30) <= 2  # frame 1 is dark; frame 2 (220) is ignored


def test_exif_rotation_is_applied_to_pixels_and_header_size(tmp_path: Path) -> None:
    path = corpus.exif_rotated_jpeg(tmp_path / "rotated.jpg")
    image = load_image(path)
    assert image.shape == (40, 20, 3)  # stored 40 wide x 20 high, shown turned upright
    info = read_image_info(path)
    assert (info.width, info.height) == (20, 40)
    assert image[:4, :, 0].mean() > 200 and image[:4, :, 1].mean() < 60  # red edge on top after the turn
    assert image[-4:, :, 0].mean() < 60


def test_file_name_with_chinese_spaces_and_emoji_opens(tmp_path: Path) -> None:
    path = corpus.save_rgb(tmp_path / corpus.UNICODE_NAME)
    np.testing.assert_array_equal(load_image(path), corpus.fundus_rgb())


def _corpus_folder(folder: Path) -> dict[str, bool]:
    """Every hostile image in one folder; name -> should it open."""
    made = {
        "empty.jpg": (corpus.empty_file, False), "cut.jpg": (corpus.truncated_jpeg, True),  # header is fine
        "crc.png": (corpus.png_with_bad_header_crc, False), "bomb.png": (corpus.bomb_png, False),
        "bomb.bmp": (corpus.bomb_bmp, False), "really_a_png.jpg": (corpus.png_named_jpg, True),
        "cmyk.jpg": (corpus.cmyk_jpeg, True), "oct16.tif": (corpus.grey16_tiff, True),
        "dot.png": (corpus.one_pixel_png, True), "anim.png": (corpus.animated_gif_named_png, True),
        "rotated.jpg": (corpus.exif_rotated_jpeg, True), corpus.UNICODE_NAME: (corpus.save_rgb, True),
    }
    for name, (make, _) in made.items():
        make(folder / name)
    corpus.symlink_loop(folder)
    return {name: header_ok for name, (_, header_ok) in made.items()}


def test_folder_of_hostile_images_opens_and_good_cases_still_save(tmp_path: Path,
                                                                 decoded: list[tuple[int, int]]) -> None:
    folder = tmp_path / "clinic"
    folder.mkdir()
    expected = _corpus_folder(folder)
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}
    ws = Workspace.open(folder, reader="dr-a")
    try:
        assert (30000, 30000) not in decoded  # the bombs: refused from their headers, never decoded
        cases = {c.image_path: c for c in ws.cases()}
        assert set(cases) == set(expected)  # each file once: nothing found again through sub/back
        for name, header_ok in expected.items():
            error = cases[name].error
            if header_ok:
                assert error is None, f"{name}: {error}"
            else:
                assert error and str(folder / name) in error and " — " in error  # file named, next step given
        good = cases[corpus.UNICODE_NAME]
        doc = ws.load_case(good.case_id)
        doc.mask[2:5, 2:5] = 1
        doc.review_state = ReviewState.DONE
        ws.save_case(doc)
        with pytest.raises(ImageLoadError, match="bomb.png"):
            ws.load_case(cases["bomb.png"].case_id)  # the broken one fails alone, with its name
    finally:
        ws.close()
    with Workspace.open(folder) as again:
        saved = again.load_case(good.case_id)
        assert saved.review_state is ReviewState.DONE and int(saved.mask.sum()) == 9
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}
    assert after == before  # originals never touched
