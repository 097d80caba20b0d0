"""The reveals a blind reader is owed are kept in their own sidecar (annotations.reading.owed_reveals): read back as
written, and a damaged file reads as none rather than failing the folder's opening."""
from __future__ import annotations

from pathlib import Path

from annotations.document import Modality
from annotations.reading.owed_reveals import OWED_FILE, OwedReveal, load_owed_reveals, save_owed_reveals
from annotations.reading.readers import open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from tests.unit.reading_fixtures import image_folder


def test_owed_reveals_are_read_back_per_reader(tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=2)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    owed = [OwedReveal("vol+b003", Modality.OCT), OwedReveal("img0", None)]
    with open_reader(folder, "Anna") as anna:
        assert load_owed_reveals(anna) == []
        save_owed_reveals(anna, owed)
    with open_reader(folder, "Anna") as anna:
        assert load_owed_reveals(anna) == owed
    with open_reader(folder, "Ben") as ben:  # each reader's own
        assert load_owed_reveals(ben) == []


def test_a_damaged_file_reads_as_no_reveals(tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=1)
    with open_reader(folder, "Anna") as anna:
        (anna.sidecar / OWED_FILE).write_text("[{\"case_id\": ")
        assert load_owed_reveals(anna) == []
