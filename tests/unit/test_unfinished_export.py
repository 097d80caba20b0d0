"""An export stopped part-way (Cancel, Ctrl-C, a full disk, a power cut) left a few cases' files that read like a
whole export: importing them said the other cases "had no labels to import", though they had labels it never wrote,
and the next export into it refused as the files "already exist". The folder is marked unfinished from the export's
first file until it ends (OutputFolder: the window's dialogs and the command line alike); an import from it, and an
export refused there, say so; an export into it that ends removes the mark."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from annotations.messages import ALREADY_EXISTS, EMPTY_OR_OVERWRITE, UNFINISHED_IN_THE_WAY
from annotations.output_folder import UNFINISHED_MARKER, OutputError
from annotations.progress import Cancelled
from annotations.workspace import Workspace
from annotations.workspace.label_import import import_labels
from annotations.workspace.transfer import export_labels
from annotations.workspace.transfer_messages import UNFINISHED_EXPORT
from tests.power_cut import command_cut
from tests.unit.test_export_stopped import NAMES, CancelAt, labelled_folder


def import_warnings(images: Path, labels: Path, into: Path, fmt: str = "voc") -> list[str]:
    """The warnings of importing ``labels`` into a fresh copy of the photos in ``images``."""
    into.mkdir()
    for name in NAMES:
        shutil.copy(images / name, into)
    with Workspace.open(into) as ws:
        return import_labels(ws, labels, fmt).warnings


def test_an_import_of_a_cancelled_export_says_it_is_unfinished_until_an_export_ends_there(tmp_path: Path) -> None:
    images, out = labelled_folder(tmp_path / "images"), tmp_path / "out"
    with Workspace.open(images) as ws:
        with pytest.raises(Cancelled):
            export_labels(ws, "voc", out, CancelAt(3))
    assert 0 < len(list(out.glob("*.xml"))) < len(NAMES)
    warnings = import_warnings(images, out, tmp_path / "first")
    assert warnings[0] == UNFINISHED_EXPORT.format(folder=out)
    assert "had no labels to import" in warnings[1]

    with Workspace.open(images) as ws:
        export_labels(ws, "voc", out, overwrite=True)
    assert not (out / UNFINISHED_MARKER).exists()
    assert import_warnings(images, out, tmp_path / "again") == []


def test_a_whole_export_is_not_said_unfinished(tmp_path: Path) -> None:
    images, out = labelled_folder(tmp_path / "images"), tmp_path / "out"
    with Workspace.open(images) as ws:
        export_labels(ws, "coco", out)
    assert import_warnings(images, out / "annotations.json", tmp_path / "into", "coco") == []


def test_the_export_command_cut_off_leaves_its_folder_said_unfinished(tmp_path: Path) -> None:
    images, out = labelled_folder(tmp_path / "images"), tmp_path / "out"
    code, said = command_cut(["export", str(images), "--format", "voc", "--out", str(out)], "3:.xml")
    assert code == -9, said
    assert import_warnings(images, out, tmp_path / "into")[0] == UNFINISHED_EXPORT.format(folder=out)
    # a data set's part: the mark is on the data set's folder
    code, said = command_cut(["export", str(images), "--format", "dataset", "--out", str(tmp_path / "set")],
                             "2:.xml")
    assert code == -9, said
    warnings = import_warnings(images, tmp_path / "set" / "voc", tmp_path / "into-set")
    assert warnings[0] == UNFINISHED_EXPORT.format(folder=tmp_path / "set" / "voc")


def test_the_next_export_into_it_refuses_saying_it_is_unfinished_or_finishes_it(tmp_path: Path) -> None:
    images, out = labelled_folder(tmp_path / "images"), tmp_path / "out"
    with Workspace.open(images) as ws:
        with pytest.raises(Cancelled):
            export_labels(ws, "voc", out, CancelAt(3))
        left = len(list(out.glob("*.xml")))
        with pytest.raises(OutputError) as refused:  # not "already exists": a person takes that for exported
            export_labels(ws, "voc", out)
        assert (refused.value.path, refused.value.reason, refused.value.hint) == (
            str(out), UNFINISHED_IN_THE_WAY.format(count=left), EMPTY_OR_OVERWRITE)
        export_labels(ws, "voc", out, overwrite=True)
        assert len(list(out.glob("*.xml"))) == len(NAMES)
        (out / "a.xml").unlink()  # the export ended: a file in the way is only there again
        with pytest.raises(OutputError) as refused:
            export_labels(ws, "voc", out)
        assert refused.value.reason == ALREADY_EXISTS.format(count=len(NAMES) - 1)
