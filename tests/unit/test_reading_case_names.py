"""Double reading names a case one way wherever it speaks of it: its image's path in the folder, quoted, and a
volume's B-scan by its number (the volume's own case too, by its shown B-scan), in the caller's language."""
from __future__ import annotations

from pathlib import Path

from annotations.case_names import case_name
from annotations.reading.readers import open_reader, read_case_name, readers_of
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from tests.unit.reading_fixtures import case_of, image_folder, read_case, revised_since_arbitration
from tests.unit.test_oct_volume import SHOWN, make_folder


def test_an_image_is_named_by_its_path_quoted() -> None:
    assert case_name("left/Wang, Li.png") == "'left/Wang, Li.png'"


def test_a_bscan_is_named_by_its_volume_and_its_number() -> None:
    assert case_name("scans/vol.dcm#frame=3") == "'scans/vol.dcm', B-scan 3"


def test_a_volumes_own_case_is_named_by_its_shown_bscan_where_its_folder_is_known(tmp_path: Path) -> None:
    make_folder(tmp_path)
    assert case_name("scans/vol.dcm", folder=tmp_path) == f"'scans/vol.dcm', B-scan {SHOWN}"
    assert case_name("scans/vol.dcm#frame=2", folder=tmp_path) == "'scans/vol.dcm', B-scan 2"
    assert case_name("photo.dcm", folder=tmp_path) == "'photo.dcm'"  # one frame: no B-scan of a volume
    assert case_name("scans/missing.dcm", folder=tmp_path) == "'scans/missing.dcm'"  # said where it is opened


def test_the_words_are_the_callers_language() -> None:
    def translate(context: str, text: str) -> str:
        return {("CaseNames", "{image}, B-scan {number}"): "{image}，B 扫描 {number}"}[(context, text)]

    assert case_name("vol.dcm#frame=3", translate) == "'vol.dcm'，B 扫描 3"


def test_a_read_case_is_named_by_the_image_its_readings_hold(tmp_path: Path) -> None:
    folder = image_folder(tmp_path)
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 1, grade=2)
    readers = readers_of(folder)
    assert read_case_name(folder, case_of(1), readers) == "'img1.png'"
    assert read_case_name(folder, case_of(0), readers) == case_of(0), "no reading holds it: its id"


def test_the_reading_command_lists_the_cases_to_arbitrate_by_name_numbers_as_numbers(tmp_path: Path,
                                                                                       capsys) -> None:
    from app.cli import main

    folder = image_folder(tmp_path, count=11)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    for reader, grade in (("Anna", 1), ("Ben", 3)):
        with open_reader(folder, reader) as ws:
            for index in (10, 2, 9):
                read_case(ws, index, grade=grade)
    assert main(["reading", str(folder)]) == 0
    assert [line for line in capsys.readouterr().out.splitlines() if "needs arbitration: " in line] == [
        f"  needs arbitration: 'img{index}.png'" for index in (2, 9, 10)]


def test_the_reading_command_names_each_case_revised_since_its_arbitration(tmp_path: Path, capsys) -> None:
    """It counted "1 revised since arbitration" and named none: a reader's late dispute of the consensus, whose
    arbitrated grade is still the one exported and reported, went unnoticed."""
    from app.cli import main

    folder = revised_since_arbitration(tmp_path, count=2, index=1)
    assert main(["reading", str(folder)]) == 0
    assert "  revised since arbitration: 'img1.png'" in capsys.readouterr().out.splitlines()


def test_the_reading_command_names_each_case_waiting_for_a_second_reading_and_who_read_it(tmp_path: Path,
                                                                                          capsys) -> None:
    """It said "1 needs reader 2" and no more: a coordinator could not tell which case, nor whose reading was due."""
    from app.cli import main

    folder = image_folder(tmp_path, count=3)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    with open_reader(folder, "Anna") as ws:
        read_case(ws, 1, grade=1)
        read_case(ws, 2, grade=1, submit=False)  # a draft: nobody's reading yet
    with open_reader(folder, "Ben") as ws:
        read_case(ws, 0, grade=2)
    assert main(["reading", str(folder)]) == 0
    assert [line for line in capsys.readouterr().out.splitlines() if "second reading" in line] == [
        "  needs a second reading: 'img0.png' (submitted by Ben)",
        "  needs a second reading: 'img1.png' (submitted by Anna)"]
