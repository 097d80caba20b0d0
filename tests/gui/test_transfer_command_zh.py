"""`import` and `export` print their summary and errors in the interface's language, in the window's words: a Chinese
clinic's scripts printed English (the Settings' choice, else the system locale, as `report` and `reading`)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QCoreApplication

from annotations.workspace import Workspace
from app.cli import main


def test_export_and_import_speak_the_interfaces_language(tmp_path: Path, capsys,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    photos = tmp_path / "photos"
    photos.mkdir()
    Image.fromarray(np.full((40, 60, 3), 90, np.uint8)).save(photos / "a.png")
    Workspace.open(photos).close()
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert main(["export", str(photos), "--format", "voc", "--out", str(tmp_path / "voc")]) == 0
    printed = capsys.readouterr().out
    assert f"已将 0 个病例以 Pascal VOC 格式导出到 {tmp_path / 'voc'}" in printed, printed
    assert main(["import", str(photos), "--from", str(tmp_path / "nowhere"), "--format", "voc"]) == 2
    assert f"错误：{tmp_path / 'nowhere'}：未找到文件夹" in capsys.readouterr().err
    assert QCoreApplication.translate("TransferCommand", "error: {error}") == "error: {error}"  # catalogues left
