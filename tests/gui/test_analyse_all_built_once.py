"""Analyse all built its folder's listing (FolderItems, each multi-frame file's kind read from the file) three
times for one run: the cases it may run on, the new ones, and the new with those of other models. Built once, the
choices made of it."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from pydicom import uid

import app.analysis_actions
from app.folder_items import FolderItems
from tests.dicom_files import write_dicom
from tests.gui.test_main_window import _ids, _window, fundus_folder, settings  # noqa: F401 - fixture
from tests.gui.test_photo_frames_named import _series


def test_analyse_all_builds_the_folders_listing_once_and_offers_its_choices(qtbot, settings, tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    folder = fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png"))
    _series(folder)  # a photo's 3 frames
    write_dicom(folder / "volume.dcm", np.full((3, 40, 60), 90, np.uint8), uid.OphthalmicTomographyImageStorage,
                frames=True)
    window = _window(qtbot, settings, folder)
    ids = _ids(window)
    window.cases.summaries[ids["a.png"]] = dataclasses.replace(window.cases.summaries[ids["a.png"]], analysed=True)
    builds: list[int] = []

    class Counted(FolderItems):
        def __init__(self, *args, **kwargs) -> None:
            builds.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(app.analysis_actions, "FolderItems", Counted)
    started: list[list[str]] = []
    window.analysis.analyze_all = lambda items: started.append([item.case_id for item in items])
    asked: list[list[str]] = []
    answers = iter([0, 1])
    window.analysis_actions.choose = lambda title, question, choices: asked.append(choices) or next(answers)
    for _ in range(2):  # only the new, then all again
        window.analysis_actions.analyze_all()
        window.cases.storage.flush()  # which cases to analyse is read on the storage worker
    assert builds == [1, 1]
    assert asked[0] == ["Only the 7 new", "All 8 again"]
    assert ids["a.png"] not in started[0] and ids["b.png"] in started[0] and len(started[0]) == 7
    assert sorted(started[1]) == sorted(started[0] + [ids["a.png"]])
    assert window.statusBar().currentMessage().startswith("Analysing 8 case(s), each B-scan of 1 OCT volume(s) and "
                                                          "each frame of 1 multi-frame photo(s) one of them")
