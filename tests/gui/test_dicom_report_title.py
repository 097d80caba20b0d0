"""A DICOM report is filed under a title in the report's language (a Chinese report went to the archive as "Retinal
examination report"). A GUI test: the report's translation needs Qt's QTranslator."""
from __future__ import annotations

from pathlib import Path

from pydicom import dcmread

from app.cli import main
from tests.dicom_files import fundus_rgb, write_dicom


def test_a_chinese_reports_dicom_is_filed_under_a_chinese_title(tmp_path: Path) -> None:
    photo = write_dicom(tmp_path / "eye.dcm", fundus_rgb(96, 128))
    for language, title in (("zh_CN", "视网膜检查报告"), ("en", "Retinal examination report")):
        out = tmp_path / f"r_{language}.dcm"
        assert main(["report", str(photo), "--dicom", str(out), "--no-analysis", "--lang", language]) == 0
        assert dcmread(out).DocumentTitle == title
