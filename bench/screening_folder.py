"""A screening programme's folder built from the shared IDRiD photos (../shared/data/codras-idrid, 412 of them): each
clinic's sub-folder holds them under its own names, histeq/ holds them as PNGs named as masks of clinic_north's, as
a programme keeps histogram-equalised copies (P1_HE.png: photo_sorter reads their headers to tell them photos),
mixed/ holds photos with JPEGs named as their masks beside them (listed: a JPEG is no mask beside its photo), and
tiff/ colour two-page TIFFs (a photo and its thumbnail) and grey TIFF volumes of OCT B-scans from
../shared/data/oct-sample: 2,068 images. Photos are hard links where the file system allows it, else copies.
BENCH_HEADER_READ_MS=20 makes each of those header reads take 20 ms longer, as on a share (header_reads)."""
from __future__ import annotations

import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from bench.shared_data import SHARED_DATA, shared_photos

CLINICS = {"clinic_north": "{stem}", "clinic_south": "S{number}", "clinic_east/visit2": "E{number}"}
MIXED = 150  # photos of mixed/, each with a file named as its mask beside it
COLOUR_SERIES, VOLUMES, BSCANS = 100, 20, 32
BSCAN_SIZE = (512, 496)


def make_screening_folder(folder: Path) -> bool:
    """Fill ``folder`` (created); False where the shared photos are absent (said in a line)."""
    from PIL import Image

    photos = shared_photos("codras-idrid/images")
    scans = sorted((SHARED_DATA / "oct-sample").glob("*/*.jpeg"))[:BSCANS]
    if not photos or len(scans) < BSCANS:
        return False
    for photo in photos:
        number = photo.stem[-4:]
        for clinic, name in CLINICS.items():
            _link(photo, folder / clinic / f"{name.format(stem=photo.stem, number=number)}.jpg")
    (folder / "histeq").mkdir()
    for photo in photos:
        Image.open(photo).save(folder / "histeq" / f"{photo.stem}_HE.png", compress_level=1)
    for photo in photos[:MIXED]:
        _link(photo, folder / "mixed" / photo.name)
        _link(photo, folder / "mixed" / f"{photo.stem}_EX.jpg")
    tiffs = folder / "tiff"
    tiffs.mkdir()
    for photo in photos[:COLOUR_SERIES]:
        image = Image.open(photo).convert("RGB")
        image.save(tiffs / f"T{photo.stem[-4:]}.tif", save_all=True, compression="tiff_deflate",
                   append_images=[image.resize((128, 85))])
    bscans = [Image.open(scan).convert("L").resize(BSCAN_SIZE) for scan in scans]
    for number in range(VOLUMES):
        bscans[0].save(tiffs / f"vol_{number:02d}.tif", save_all=True, append_images=bscans[1:])
    return True


def _link(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:  # another file system (tmpfs)
        shutil.copyfile(source, target)


HEADER_READ_MS = float(os.environ.get("BENCH_HEADER_READ_MS", "0"))  # each header read waits so long: a share's 20


@contextmanager
def header_reads() -> Iterator[list[str]]:
    """The files whose header photo_sorter reads to tell photos named as masks from masks, while inside; each read
    taking HEADER_READ_MS longer, as on a share (BENCH_HEADER_READ_MS=20)."""
    import annotations.formats.photo_modes as modes

    real, reads = modes.has_photo_mode, []

    def read(path: str | os.PathLike) -> bool:
        reads.append(str(path))
        time.sleep(HEADER_READ_MS / 1000)
        return real(path)
    modes.has_photo_mode = read
    try:
        yield reads
    finally:
        modes.has_photo_mode = real


def analyze_listing(folder: Path) -> tuple[int, float, int, int]:
    """`analyze` of every image folder of ``folder``, each named (``clinic_north clinic_east/visit2 …``): how many
    folders, the seconds its listing takes (app.commands.analyze.collect_images, no model loaded), the images listed,
    and the headers read to tell photos named as masks from masks."""
    from app.command_words import command_words
    from app.commands.analyze import collect_images

    inputs = sorted({path.parent for path in folder.rglob("*") if path.is_file() and ".retinareview" not in path.parts})
    with header_reads() as reads, command_words("en") as words:
        started = time.perf_counter()
        images = collect_images(inputs, words)[0]
        return len(inputs), time.perf_counter() - started, len(images), len(reads)
