"""A Chinese name written by a device that names no character set (or only ASCII's, or Latin-1's): its GB 18030 or
UTF-8 bytes are read as such, in the case and in the DICOM report filed with the study, not as Latin-1 ("Ð¡Ã÷ Íõ"
for 王小明); GBK bytes under UTF-8 too, not as replacement characters. A Latin-1 name written so, and any header
whose text is in the character set it names, read as before."""
from __future__ import annotations

import io
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from pydicom import dcmread

from annotations.dicom.report_object import report_dicom_bytes
from annotations.new_case import new_case
from annotations.patients import shown_name
from tests.dicom_files import fundus_rgb, write_dicom

PDF = b"%PDF-1.4\n%%EOF\n"
ROOT = Path(__file__).resolve().parents[2]
ESC_GB_2312 = b"\x1b$)A"  # ISO 2022 IR 58's escape sequence before GB 2312's characters
pytestmark = pytest.mark.filterwarnings("error")  # pydicom's warnings reach the command line's console


def _eye_with_raw_name(path: Path, name: bytes, charset: str | list[str] | None = None) -> Path:
    """A photo whose PatientName holds ``name``'s bytes as the device wrote them, under ``charset`` (None: no
    Specific Character Set)."""
    write_dicom(path, fundus_rgb(), header={"SpecificCharacterSet": charset} if charset else {})
    dataset = dcmread(path)
    dataset.add_new(0x00100010, "PN", name + b" " * (len(name) % 2))
    dataset.save_as(path)
    return path


@pytest.mark.parametrize("charset, name, shown", [
    (None, "王^小明".encode("gb18030"), "王小明"),
    (None, "王^小明".encode("utf-8"), "王小明"),
    ("ISO_IR 6", "李^华".encode("gb18030"), "李华"),
    (None, "王^喆".encode("gb18030"), "王喆"),  # 喆 is beyond GB 2312; its first byte is no Latin-1 letter's
    (None, "Müller^Jürgen".encode("latin-1"), "Jürgen Müller"),  # Latin-1 with no character set: as before
    ("ISO_IR 100", "Müller^Jürgen".encode("latin-1"), "Jürgen Müller"),
    ("GB18030", "王^小明".encode("gb18030"), "王小明"),
    ("ISO_IR 100", "王^小明".encode("gbk"), "王小明"),  # a device's default named, the computer's code page written
    ("ISO_IR 100", "王^小明".encode("utf-8"), "王小明"),
    ("ISO_IR 100", "欧阳^喆".encode("gbk"), "欧阳喆"),
    ("ISO_IR 100", "Rößler^Anna".encode("latin-1"), "Anna Rößler"),  # "öß" is GB 2312's bytes too: "R鲞ler"
    (None, "Käßmann^Þór".encode("latin-1"), "Þór Käßmann"),
    ("ISO_IR 192", "王^小明".encode("gbk"), "王小明"),  # not UTF-8 at all: pydicom put replacement characters
    # both forms shown (patients.shown_name): "Xiaoming Wang" alone dropped the name the clinic writes, 王小明
    ("ISO_IR 192", "Wang^Xiaoming=王^小明=".encode("utf-8"), "Xiaoming Wang (王小明)"),
    (["", "ISO 2022 IR 58"], "王^小明".encode("gb2312"), "王小明"),  # GB 2312 named in ISO 2022, no escape sequences
    (["", "ISO 2022 IR 58"], b"=" + ESC_GB_2312 + "王".encode("gb2312") + b"^" + ESC_GB_2312 + "小明".encode("gb2312"),
     "王小明"),  # as the standard writes it
], ids=["gb18030", "utf-8", "gb18030-under-iso-ir-6", "beyond-gb2312", "latin-1", "latin-1-named", "gb18030-named",
        "gbk-under-latin-1", "utf-8-under-latin-1", "beyond-gb2312-under-latin-1", "latin-1-gb2312-bytes",
        "latin-1-gb2312-bytes-undeclared", "gbk-under-utf-8", "utf-8-named", "gb2312-without-escapes",
        "iso-2022-ir-58"])
def test_a_name_is_read_in_the_character_set_its_bytes_are_in(tmp_path: Path, charset: str | list[str] | None,
                                                              name: bytes, shown: str) -> None:
    path = _eye_with_raw_name(tmp_path / "eye.dcm", name, charset)
    assert shown_name(new_case("c", "eye.dcm", path).patient) == shown


def test_a_chinese_description_beside_latin_letters_leaves_the_chinese_name_read_as_written(tmp_path: Path) -> None:
    """Only a name's letters tell a Latin word (Rößler) from Chinese: "OCT检查" in a description is no Latin word."""
    path = _eye_with_raw_name(tmp_path / "eye.dcm", "王^小明".encode("gbk"), "ISO_IR 100")
    dataset = dcmread(path)
    dataset.add_new(0x00081030, "LO", "OCT检查".encode("gbk") + b" ")  # Study Description
    dataset.save_as(path)
    assert new_case("c", "eye.dcm", path).patient.name == "王小明"


def test_a_name_beyond_gb_2312_behind_its_escape_sequences_is_read_as_gbk(tmp_path: Path) -> None:
    """Devices write GBK's characters (喆) under ISO 2022 IR 58: pydicom put replacement characters in their place."""
    name = b"=" + ESC_GB_2312 + "王".encode("gbk") + b"^" + ESC_GB_2312 + "喆".encode("gbk")
    with warnings.catch_warnings():  # pydicom's, of the escape sequence in a GB 18030 value; the name is right
        warnings.filterwarnings("ignore", "Found unknown escape sequence")
        path = _eye_with_raw_name(tmp_path / "eye.dcm", name, ["", "ISO 2022 IR 58"])
        assert new_case("c", "eye.dcm", path).patient.name == "王喆"


def test_gb18030_named_after_asciis_character_set_is_read_as_gb18030(tmp_path: Path) -> None:
    """pydicom ignores a character set without code extensions named second: 王^小明 read as Latin-1."""
    with warnings.catch_warnings():  # pydicom's, of the declaration, writing and reading it (the module's mark wins)
        warnings.filterwarnings("ignore", "Value 'GB18030' cannot be used as code extension")
        path = _eye_with_raw_name(tmp_path / "eye.dcm", "王^小明".encode("gb18030"), ["ISO 2022 IR 6", "GB18030"])
        assert new_case("c", "eye.dcm", path).patient.name == "王小明"


@pytest.mark.parametrize("charset, name, shown", [
    (["ISO_IR 100", "GB18030"], "王^小明".encode("gb18030"), "王小明"),
    (["ISO_IR 100", "GB18030"], "Wang^Xiaoming=王^小明=".encode("gb18030"), "Xiaoming Wang (王小明)"),
    (["ISO_IR 100", "GBK"], "欧阳^喆".encode("gbk"), "欧阳喆"),
    # Latin-1 names whose bytes are GB 18030's too ("M黮ler", "Jos閊Mar韆"): read as Latin-1, as pydicom reads them
    (["ISO_IR 100", "GB18030"], "Müller^Jürgen".encode("latin-1"), "Jürgen Müller"),
    (["ISO_IR 100", "GB18030"], "José^María".encode("latin-1"), "María José"),
    (["ISO_IR 100", "GB18030"], "Zoé^Anna".encode("latin-1"), "Anna Zoé"),  # no GB 18030 at all
], ids=["gb18030", "both-forms", "gbk", "latin-1", "latin-1-accents-beside-caret", "latin-1-not-gb18030"])
def test_a_chinese_character_set_named_after_latin_1_reads_the_name_written_in_it(
        tmp_path: Path, charset: list[str], name: bytes, shown: str) -> None:
    """Some Chinese devices write ISO_IR 100\\GB18030, which the standard forbids (GB 18030 has no code extensions):
    pydicom ignores GB18030 and read 王^小明 as Latin-1 ("Ð¡Ã÷ Íõ")."""
    with warnings.catch_warnings():  # pydicom's, of the declaration, writing and reading it (the module's mark wins)
        warnings.filterwarnings("ignore", "Value '(GB18030|GBK)' cannot be used as code extension")
        path = _eye_with_raw_name(tmp_path / "eye.dcm", name, charset)
        assert shown_name(new_case("c", "eye.dcm", path).patient) == shown


@pytest.mark.parametrize("charset", [None, "ISO_IR 100"])
def test_the_dicom_report_files_the_chinese_name_the_device_wrote_under_no_or_another_character_set(
        tmp_path: Path, charset: str | None) -> None:
    photo = _eye_with_raw_name(tmp_path / "eye.dcm", "王^小明".encode("gb18030"), charset)
    patient = new_case("c", "eye.dcm", photo).patient
    report = dcmread(io.BytesIO(report_dicom_bytes(PDF, patient, [photo], "Report")))
    assert report.SpecificCharacterSet == "ISO_IR 192" and report.PatientName == "王^小明"
    assert report.StudyInstanceUID == dcmread(photo).StudyInstanceUID  # filed with the photo's study
    assert dcmread(photo).PatientName != "王^小明"  # the photo itself is not changed: pydicom reads it as Latin-1
    assert dcmread(photo).get("SpecificCharacterSet") == charset



@pytest.mark.parametrize("charset, name, said", [
    (["ISO 2022 IR 6", "GB18030"], "王^小明".encode("gb18030"), None),
    (["", "ISO 2022 IR 58"], b"=" + ESC_GB_2312 + "王".encode("gbk") + b"^" + ESC_GB_2312 + "喆".encode("gbk"), None),
    ("ISO_IR 999", b"Doe^Jane", "Unknown encoding 'ISO_IR 999'"),  # one the reader does not handle: still said
    (["ISO_IR 100", "GB18030"], "王^小明".encode("gb18030"), None),  # read as GB 18030
    # GB 18030 after Latin-1 over a Latin-1 name, which the reader reads as Latin-1: pydicom's words are those of the
    # cases it reads as GB 18030, and were kept quiet with them
    (["ISO_IR 100", "GB18030"], "Müller^Jürgen".encode("latin-1"),
     "{photo}: its Specific Character Set 'ISO_IR 100\\GB18030' names GB18030 as a code extension"),
], ids=["gb18030-as-code-extension", "escape-sequence-in-gb18030", "unknown-character-set",
        "gb18030-after-latin-1", "gb18030-after-latin-1-over-a-latin-1-name"])
def test_the_command_line_says_no_pydicom_warning_of_what_the_reader_handles(
        tmp_path: Path, charset: list[str] | str, name: bytes, said: str | None) -> None:
    """pydicom warned twice on the console ('Value 'GB18030' cannot be used as code extension', 'Found unknown escape
    sequence'), as a log record and a Python warning, of files whose names the program reads right; what it does not
    read right is still said, and of which file."""
    with warnings.catch_warnings():  # pydicom's, writing the file
        warnings.simplefilter("ignore")
        photo = _eye_with_raw_name(tmp_path / "eye.dcm", name, charset)
    run = subprocess.run([sys.executable, "-m", "app.cli", "report", str(photo), "--out", str(tmp_path / "r.pdf"),
                          "--no-analysis"], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "RETINA_REVIEW_LOG_DIR": str(tmp_path / "logs")}, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "cannot be used as code extension" not in run.stderr and "unknown escape sequence" not in run.stderr
    assert said.format(photo=photo) in run.stderr if said is not None else "code extension" not in run.stderr


def test_gb18030_after_latin_1_is_said_once_a_run_though_the_header_is_read_thrice(tmp_path: Path) -> None:
    """The report read the header for the pixels, the new case and the B-scan count: it said so three times (it reads
    it once now; the window reads it at the folder's scan, the case's open and its pixels)."""
    with warnings.catch_warnings():  # pydicom's, writing the file
        warnings.simplefilter("ignore")
        photo = _eye_with_raw_name(tmp_path / "eye.dcm", "Müller^Jürgen".encode("latin-1"), ["ISO_IR 100", "GB18030"])
    run = subprocess.run([sys.executable, "-m", "app.cli", "report", str(photo), "--out", str(tmp_path / "r.pdf"),
                          "--no-analysis"], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "RETINA_REVIEW_LOG_DIR": str(tmp_path / "logs")}, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stderr.count(f"{photo}: its Specific Character Set 'ISO_IR 100\\GB18030'") == 1, run.stderr
