"""A photo deleted or moved away while a data set export runs: its case is left out and named, as the case of a photo
gone before the export is, and the others make a whole data set (grades, splits); the export did stop there, its
data set without grades.csv or splits."""
from __future__ import annotations

from pathlib import Path

from annotations.progress import NullState
from annotations.workspace import Workspace
from annotations.workspace.transfer import export_labels
from tests.unit.test_export_stopped import labelled_folder


class DeleteAtFirstCase(NullState):
    """Deletes ``photo`` as the export reaches its first case: after the cases were listed and checked."""

    def __init__(self, photo: Path) -> None:
        self.photo = photo

    def progress(self, fraction: float, message: str = "") -> None:
        if self.photo.exists() and "(1 of" in message:
            self.photo.unlink()


def test_a_photo_gone_during_a_data_set_export_leaves_out_its_case_alone(tmp_path: Path) -> None:
    folder, out = labelled_folder(tmp_path / "images"), tmp_path / "set"
    gone = folder / "b.png"
    with Workspace.open(folder) as ws:
        summary = export_labels(ws, "dataset", out, DeleteAtFirstCase(gone))
    assert (summary.cases, summary.skipped) == (3, 1)
    assert summary.warnings == [f"skipped (the data set needs the image): {gone}: cannot read the file: not found — "
                                "check that the file was not moved or deleted"]
    assert sorted(path.name for path in (out / "images").iterdir()) == ["a.png", "c.png", "d.png"]
    assert sorted(path.name for path in (out / "voc").iterdir()) == ["a.xml", "c.xml", "d.xml"]
    assert "b.png" not in (out / "grades.csv").read_text()
    assert sorted(line for split in (out / "splits").iterdir() for line in split.read_text().split()) == \
        ["a", "c", "d"]
