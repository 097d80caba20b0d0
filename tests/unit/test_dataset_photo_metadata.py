"""A data set's photos carry their pixels and EXIF orientation only: copied as they were, they kept the metadata a
fundus camera writes the patient into (EXIF ImageDescription, UserComment, Artist, the camera's serial, JPEG comments,
PNG text chunks, TIFF tags), in a data set made to leave the clinic."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, PngImagePlugin, TiffImagePlugin

from annotations.document import CaseDocument, ReviewState
from annotations.formats.bare_photos import bare_photo
from annotations.formats.dataset import export_dataset
from annotations.image_io import exif_orientation, load_image, read_image_info

SECRETS = (b"Wang", b"1956", b"SERIAL", b"Topcon", b"Zhang", b"2024:01")
PIXELS = np.random.default_rng(3).integers(0, 255, (30, 40, 3), dtype=np.uint8)


def camera_exif(orientation: int) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010E] = "Patient Wang Xiaoming, born 1956-03-02"  # ImageDescription
    exif[0x013B] = "Dr Zhang"  # Artist
    exif[0x010F] = "Topcon"  # Make
    exif[0x0112] = orientation
    details = exif.get_ifd(0x8769)
    details[0x9286] = b"ASCII\0\0\0Wang Xiaoming"  # UserComment
    details[0x9003] = "2024:01:10 10:15:00"  # DateTimeOriginal
    details[0xA431] = "SERIAL123456"  # BodySerialNumber
    return exif


def jpeg(path: Path, **options) -> Path:
    Image.fromarray(PIXELS).save(path, exif=camera_exif(6), comment=b"Wang Xiaoming", quality=90, **options)
    return path


def png(path: Path, image: Image.Image | None = None) -> Path:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "Wang Xiaoming 1956-03-02")
    info.add_text("Author", "Dr Zhang", zip=True)
    info.add_itxt("Description", "Wang Xiaoming")
    (image or Image.fromarray(PIXELS)).save(path, pnginfo=info, exif=camera_exif(8))
    return path


def png_turned_in_text(path: Path, xmp: bool) -> Path:
    """A PNG with no eXIf chunk, turned by an orientation in its XMP (as Photoshop writes it) or in ImageMagick's
    "Raw profile type exif" text, which Pillow reads as it decodes."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "Wang Xiaoming 1956-03-02")
    if xmp:
        info.add_itxt("XML:com.adobe.xmp", '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/'
                      '1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:tiff="http://ns.adobe.com/tiff/1.0/" '
                      'tiff:Orientation="6"/></rdf:RDF></x:xmpmeta>')
    else:
        exif = camera_exif(5).tobytes()
        info.add_text("Raw profile type exif", f"\nexif\n{len(exif):8}\n{exif.hex()}\n", zip=True)
    Image.fromarray(PIXELS).save(path, pnginfo=info)
    return path


def tiff(path: Path, image: Image.Image | None = None, **options) -> Path:
    tags = TiffImagePlugin.ImageFileDirectory_v2()
    tags[270] = "Wang Xiaoming 1956-03-02"  # ImageDescription
    tags[315] = "Dr Zhang"  # Artist
    tags[271] = "Topcon"  # Make
    tags[274] = 6  # orientation
    (image or Image.fromarray(PIXELS)).save(path, tiffinfo=tags, **options)
    return path


PHOTOS = {
    "baseline.jpg": jpeg,
    "progressive.jpg": lambda p: jpeg(p, progressive=True),
    "restarts.jpg": lambda p: jpeg(p, restart_marker_blocks=1),
    "cmyk.jpg": lambda p: Image.fromarray(PIXELS).convert("CMYK").save(p, comment=b"Wang", exif=camera_exif(3)) or p,
    "colour.png": png,
    "palette.png": lambda p: png(p, Image.fromarray(PIXELS).quantize(16)),
    "grey16.png": lambda p: png(p, Image.fromarray((PIXELS[:, :, 0].astype(np.uint16) * 257))),
    "xmp.png": lambda p: png_turned_in_text(p, xmp=True),
    "imagemagick.png": lambda p: png_turned_in_text(p, xmp=False),
    "colour.tif": tiff,
    "bigtiff.tif": lambda p: tiff(p, big_tiff=True),
    "grey16.tif": lambda p: tiff(p, Image.fromarray((PIXELS[:, :, 1].astype(np.uint16) * 257))),
}


@pytest.mark.parametrize("name", sorted(PHOTOS))
def test_a_data_set_photo_keeps_its_pixels_and_orientation_and_nothing_else(tmp_path: Path, name: str) -> None:
    (tmp_path / "src").mkdir()
    source = PHOTOS[name](tmp_path / "src" / name)
    original = source.read_bytes()
    assert any(secret in original for secret in SECRETS)
    info = read_image_info(source)
    doc = CaseDocument("c", name, info.width, info.height, review_state=ReviewState.DONE)
    export_dataset([doc], [source], tmp_path / "out")

    copy = tmp_path / "out" / "images" / name
    assert source.read_bytes() == original  # the original is never changed
    assert [secret for secret in SECRETS if secret in copy.read_bytes()] == []
    np.testing.assert_array_equal(load_image(copy), load_image(source))  # as shown: turned by its orientation
    with Image.open(copy) as written, Image.open(source) as read:
        assert written.format == read.format and written.mode == read.mode
        assert not getattr(written, "text", {}) and "icc_profile" not in written.info and "comment" not in written.info
        if read.format == "TIFF":  # Pillow turns a TIFF as it decodes it: the copy holds it turned, untagged
            assert exif_orientation(copy) == 1 and set(written.tag_v2).isdisjoint({270, 271, 315, 274})
        else:  # the same stored pixels (a JPEG's compressed data unchanged), and the orientation tag alone
            np.testing.assert_array_equal(np.asarray(written), np.asarray(read))
            assert exif_orientation(copy) == exif_orientation(source) != 1 and set(written.getexif()) == {0x0112}


def test_a_photo_without_metadata_is_copied_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "plain.jpg"
    Image.fromarray(PIXELS).save(path, quality=90)
    assert bare_photo(path, path.read_bytes()) == path.read_bytes()


def test_what_follows_a_jpeg_s_end_is_left_out(tmp_path: Path) -> None:
    """Cameras append more pictures or their own data after the end of the image (MPF, maker notes)."""
    path = tmp_path / "trailing.jpg"
    Image.fromarray(PIXELS).save(path, quality=90)
    path.write_bytes(path.read_bytes() + b"Wang Xiaoming 1956-03-02")
    assert b"Wang" not in bare_photo(path, path.read_bytes())


def test_the_export_summary_says_how_many_photos_lost_their_metadata(tmp_path: Path, capsys) -> None:
    from app.cli import main

    photos = tmp_path / "photos"
    photos.mkdir()
    jpeg(photos / "camera.jpg")
    Image.fromarray(PIXELS).save(photos / "plain.png")
    _all_done(photos)
    assert main(["export", str(photos), "--format", "dataset", "--out", str(tmp_path / "out")]) == 0
    assert ("the data set's images hold their pixels and orientation only: the metadata of 1 photo(s), which may "
            "name the patient") in capsys.readouterr().out


def test_a_jpeg_cut_short_is_named_not_copied_with_what_it_holds(tmp_path: Path) -> None:
    from annotations.image_types import ImageLoadError

    path = jpeg(tmp_path / "cut.jpg")
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 2])
    with pytest.raises(ImageLoadError, match="ends inside its image data") as raised:
        bare_photo(path, path.read_bytes())
    assert raised.value.path == str(path)


@pytest.mark.parametrize("name, kind", [("webp.jpg", "WEBP"), ("gif.png", "GIF")])
def test_a_picture_of_another_format_under_a_photo_s_name_is_refused_not_copied(tmp_path: Path, name: str,
                                                                                 kind: str) -> None:
    """A WebP or GIF named .jpg opens (Pillow reads by content) and was copied as it was, its EXIF and comments too."""
    from annotations.image_types import ImageLoadError

    path = tmp_path / name
    Image.fromarray(PIXELS).save(path, kind, exif=camera_exif(6), comment=b"Wang Xiaoming")
    assert b"Wang" in path.read_bytes()
    with pytest.raises(ImageLoadError, match=f"its content is a {kind} picture") as raised:
        bare_photo(path, path.read_bytes())
    assert raised.value.path == str(path)


def test_a_tiff_whose_pixels_are_cut_short_is_named(tmp_path: Path) -> None:
    """Pillow's "image file is truncated" came out of the export bare: "error: image file is truncated", no file."""
    from annotations.image_types import ImageLoadError

    path = tiff(tmp_path / "cut.tif")
    data = path.read_bytes()
    path.write_bytes(data[:len(data) - PIXELS.size // 2])
    with pytest.raises(ImageLoadError, match="cut short") as raised:
        bare_photo(path, path.read_bytes())
    assert raised.value.path == str(path)


@pytest.mark.parametrize("name, cut", [("no_end.png", 12), ("header_only.jpg", None)])
def test_a_photo_whose_structure_ends_early_is_named_as_cut_short(tmp_path: Path, name: str, cut: int | None) -> None:
    """A PNG without its end chunk (which opens) said "unpack requires a buffer of 8 bytes"."""
    from annotations.image_types import ImageLoadError

    path = png(tmp_path / name) if cut else tmp_path / name
    path.write_bytes(path.read_bytes()[:-cut] if cut else b"\xff\xd8\xff\xda")
    with pytest.raises(ImageLoadError, match="the file was cut short") as raised:
        bare_photo(path, path.read_bytes())
    assert raised.value.path == str(path)


def test_text_after_adobe_s_colour_transform_is_left_out(tmp_path: Path) -> None:
    """The Adobe segment (whose colour-transform flag changes how a JPEG decodes) was kept whole, with whatever a
    program wrote after the 12 bytes a decoder reads."""
    path = jpeg(tmp_path / "adobe.jpg")
    data = path.read_bytes()
    adobe = b"Adobe\0\x64\0\0\0\0\x01" + b"Wang Xiaoming 1956-03-02"
    path.write_bytes(data[:2] + b"\xff\xee" + (len(adobe) + 2).to_bytes(2, "big") + adobe + data[2:])
    copy = tmp_path / "copy.jpg"
    copy.write_bytes(bare_photo(path, path.read_bytes()))
    assert b"Wang" not in copy.read_bytes() and b"Adobe" in copy.read_bytes()
    np.testing.assert_array_equal(load_image(copy), load_image(path))


def test_a_photo_the_data_set_cannot_take_leaves_its_case_out_not_the_others(tmp_path: Path,
                                                                             capsys: pytest.CaptureFixture) -> None:
    """A camera's WebP under a .jpg name stopped the whole data set export (nothing written) with a message saying
    "the other cases are unaffected": its case is now left out, named, and the others exported (status 1)."""
    from app.cli import main

    photos = tmp_path / "photos"
    photos.mkdir()
    Image.fromarray(np.full((20, 30, 3), 90, np.uint8)).save(photos / "good.png")
    Image.fromarray(np.full((20, 30, 3), 90, np.uint8)).save(photos / "camera.jpg", format="WEBP")
    _all_done(photos)

    assert main(["export", str(photos), "--format", "dataset", "--out", str(tmp_path / "out")]) == 1
    assert sorted(path.name for path in (tmp_path / "out" / "images").iterdir()) == ["good.png"]
    said = capsys.readouterr().out
    assert "Exported 1 case(s)" in said and "camera.jpg: its content is a WEBP picture" in said


def _all_done(photos: Path) -> None:
    """Every case of the folder ``photos`` marked done, as a data set export takes them."""
    from annotations.workspace import Workspace

    with Workspace.open(photos) as ws:
        for summary in ws.cases():
            case = ws.load_case(summary.case_id)
            case.review_state = ReviewState.DONE
            ws.save_case(case)
