"""Links out of the workspace: the program never writes, renames or deletes through them, its clean-up removes
only files a save wrote, and the scan never wanders out of the opened folder."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from annotations.classes import LesionClass
from annotations.document import Box, CaseDocument
from annotations.workspace import Workspace, WorkspaceError
from annotations.workspace.scan import case_id_for
from annotations.workspace.label_import import import_labels
from tests import hostile_corpus as corpus
from tests import hostile_fs_corpus as fs


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    folder = tmp_path / "clinic"
    folder.mkdir()
    corpus.save_rgb(folder / "eye.png")
    corpus.save_rgb(folder / "other-eye.png", corpus.fundus_rgb(seed=1))
    return folder


@pytest.fixture
def precious(tmp_path: Path) -> Path:
    """Someone's folder outside the workspace, with a file named like one a save writes."""
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "letter.txt").write_text("not yours")
    (folder / "mask.1.png").write_bytes(b"also not yours")
    return folder


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _labels(tmp_path: Path) -> Path:
    labels = tmp_path / "labels"
    labels.mkdir()
    for stem in ("eye", "other-eye"):
        corpus.voc_file(labels / f"{stem}.xml", [corpus.voc_object("HE", 2, 2, 10, 10)])
    return labels


def test_case_folder_linked_elsewhere_is_neither_written_nor_cleaned(clinic: Path, precious: Path,
                                                                     tmp_path: Path) -> None:
    cases = clinic / ".retinareview" / "cases"
    cases.mkdir(parents=True)
    fs.link(cases / case_id_for("eye.png"), precious)
    before = _contents(precious)
    with Workspace.open(clinic) as ws:
        summary = import_labels(ws, _labels(tmp_path), "voc")
        assert summary.cases == 1  # the other case is imported
        (warning,) = [w for w in summary.warnings if "leads out of" in w]
        assert case_id_for("eye.png") in warning and str(precious) in warning
        doc = ws.load_case(case_id_for("eye.png"))
        doc.findings_text = "typed by the reader"
        with pytest.raises(WorkspaceError, match="leads out of"):
            ws.save_case(doc)
    assert _contents(precious) == before


def test_case_folder_linked_to_another_case_never_touches_that_case(clinic: Path) -> None:
    """A link that stays inside is still not written through: the other case's files would be replaced and its
    current versions cleaned away as leftovers."""
    with Workspace.open(clinic) as ws:
        other = ws.load_case(case_id_for("other-eye.png"))
        other.mask[1:4, 1:4] = LesionClass.MA.bit
        ws.save_case(other)
    cases = clinic / ".retinareview" / "cases"
    fs.link(cases / case_id_for("eye.png"), cases / case_id_for("other-eye.png"))
    before = _contents(cases / case_id_for("other-eye.png"))
    with Workspace.open(clinic) as ws:
        (case,) = [c for c in ws.cases() if c.image_path == "eye.png"]
        assert "holds the labels of case" in case.error  # listed with the reason, the folder still opens
        with pytest.raises(WorkspaceError, match="holds the labels of case"):
            ws.load_case(case.case_id)
        doc = CaseDocument(case.case_id, "eye.png", 48, 32)
        doc.mask[5:9, 5:9] = LesionClass.EX.bit
        with pytest.raises(WorkspaceError):
            ws.save_case(doc)
        assert ws.load_case(case_id_for("other-eye.png")).mask[1:4, 1:4].all()
    assert _contents(cases / case_id_for("other-eye.png")) == before


@pytest.mark.parametrize("entry", [".retinareview", ".retinareview/cases", ".retinareview/autosave",
                                   ".retinareview/to-check", ".retinareview/index.db"])
def test_sidecar_entry_linked_elsewhere_opens_read_only_and_writes_nothing_there(
        clinic: Path, precious: Path, entry: str) -> None:
    outside = precious / "victim.db" if entry.endswith(".db") else precious
    outside.touch()
    if entry != ".retinareview":
        (clinic / ".retinareview").mkdir()
    fs.link(clinic / entry, outside)
    before = _contents(precious)
    with Workspace.open(clinic) as ws:
        assert ws.read_only
        assert any("is a link" in m for m in ws.messages)
        assert any("opened read-only" in m.lower() for m in ws.messages)
        doc = ws.load_case(case_id_for("eye.png"))
        doc.boxes = [Box(LesionClass.HE, 1, 1, 5, 5)]
        assert ws.autosave(doc) is False
        with pytest.raises(WorkspaceError, match="read-only"):
            ws.save_case(doc)
    assert _contents(precious) == before


@pytest.mark.parametrize("entry", [".retinareview/cases", ".retinareview/autosave", ".retinareview/to-check",
                                   ".retinareview/index.db", ".retinareview/lock"])
def test_sidecar_entry_linked_into_the_photo_folder_opens_read_only_and_writes_nothing_there(
        clinic: Path, entry: str) -> None:
    """Linked to the photo folder itself, or to a file of the person's there, the program's own entries wrote case
    folders among the photos and renamed a file there (found by an outside probe); SQLite would change the
    person's database."""
    (clinic / ".retinareview").mkdir()
    (clinic / "camera.snap").write_text("the camera's file\n")
    (clinic / "clinic.db").write_bytes(b"the clinic's database\n")
    fs.link(clinic / entry, clinic / "clinic.db" if "." in Path(entry).name or entry.endswith("lock")
            else clinic)
    before = _contents(clinic)
    with Workspace.open(clinic) as ws:
        assert ws.read_only and any("is a link" in m for m in ws.messages)
        doc = ws.load_case(case_id_for("eye.png"))
        doc.findings_text = "typed"
        assert ws.autosave(doc) is False
    assert _contents(clinic) == before


def test_clean_up_removes_only_files_a_save_wrote(clinic: Path, precious: Path) -> None:
    with Workspace.open(clinic) as ws:
        doc = ws.load_case(case_id_for("eye.png"))
        doc.mask[2:6, 2:6] = LesionClass.EX.bit
        ws.save_case(doc)
        case_dir = ws.sidecar / "cases" / doc.case_id
        (case_dir / "notes from the reader.txt").write_text("mine")
        fs.link(case_dir / "mask.0.png", precious / "mask.1.png")  # a link named like a leftover
        (case_dir / "mask.9.png").write_bytes(b"stale")  # a real leftover of a crashed save
        doc.mask[:] = 0
        doc.mask[1:3, 1:3] = LesionClass.HE.bit
        ws.save_case(doc)
        left = sorted(p.name for p in case_dir.iterdir())
    assert left == ["case.json", "mask.0.png", "mask.2.png", "notes from the reader.txt"]
    assert (precious / "mask.1.png").read_bytes() == b"also not yours"


@pytest.mark.timeout(20, method="signal")  # before the fix this scanned the whole disk
def test_scan_never_follows_a_link_out_of_the_folder(clinic: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fs.link(clinic / "whole disk", "/")
    sub = clinic / "sub"
    sub.mkdir()
    corpus.save_rgb(sub / "inner.png")
    fs.link(clinic / "alias of sub", sub)  # inside the folder: followed, once
    corpus.symlink_loop(clinic)
    inside, listed_folders, scandir = Path(os.path.realpath(clinic)), [], os.scandir

    def watched(path: str | os.PathLike = ".") -> object:  # os.walk lists each folder it enters through os.scandir
        folder = Path(os.path.realpath(path))
        assert folder.is_relative_to(inside), f"the scan listed {folder}"  # at once, not after the whole disk
        listed_folders.append(folder)
        return scandir(path)

    monkeypatch.setattr(os, "scandir", watched)
    with Workspace.open(clinic) as ws:
        listed = sorted(c.image_path for c in ws.cases())
    assert inside / "sub" in listed_folders  # the spy saw the walk
    assert "eye.png" in listed and "other-eye.png" in listed
    assert not any(p.startswith("whole disk/") for p in listed)
    assert sum(p.endswith("inner.png") for p in listed) == 1


def test_labels_written_beside_images_never_go_through_a_link_out(clinic: Path, precious: Path) -> None:
    """The "VOC next to the images" option writes beside the photo; a photo reached through a linked folder
    inside the workspace is fine, the same folder linked from outside is refused."""
    with Workspace.open(clinic) as ws:
        doc = ws.load_case(case_id_for("eye.png"))
        doc.boxes = [Box(LesionClass.HE, 1, 1, 5, 5)]
        assert ws.write_voc_beside_image(doc) == clinic / "eye.xml"
        doc.image_path = "outside/eye.png"
        fs.link(clinic / "outside", precious)
        with pytest.raises(WorkspaceError, match="leads out of"):
            ws.write_voc_beside_image(doc)
    assert not (precious / "eye.xml").exists()
    assert "<annotation>" in (clinic / "eye.xml").read_text()


def test_import_reads_no_label_through_a_link_out_of_the_labels_folder(clinic: Path, tmp_path: Path) -> None:
    """A label file in --from that is a link to a file elsewhere is not read (its boxes would come from a place the
    person did not choose); the real label file of the other photo still imports."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    corpus.voc_file(elsewhere / "eye.xml", [corpus.voc_object("HE", 2, 2, 10, 10)])
    labels = tmp_path / "labels"
    labels.mkdir()
    (labels / "eye.xml").symlink_to(elsewhere / "eye.xml")
    corpus.voc_file(labels / "other-eye.xml", [corpus.voc_object("EX", 3, 3, 9, 9)])
    with Workspace.open(clinic) as ws:
        import_labels(ws, labels, "voc")
        eye = ws.load_case(case_id_for("eye.png"))
        other = ws.load_case(case_id_for("other-eye.png"))
    assert eye.boxes == [] and [b.label for b in other.boxes] == [LesionClass.EX]


@pytest.mark.parametrize("inside", [False, True], ids=["link out", "link inside"])
def test_a_labelimg_file_beside_a_photo_that_is_a_link_is_never_replaced(clinic: Path, tmp_path: Path,
                                                                       inside: bool) -> None:
    """eye.xml beside the photo, a link to the file an import read, was adopted by that import, and "Save VOC next to
    images" then put a copy in the link's place: the person's link was gone. It is refused, naming the link, as any
    link in place of a file the program makes (ConfinedFolder.check_own_file); the import is still remembered."""
    from annotations.workspace.labelimg_files import unimported_labelimg_files

    labels = clinic / "labels" if inside else _labels(tmp_path)
    if inside:
        labels.mkdir()
        corpus.voc_file(labels / "eye.xml", [corpus.voc_object("HE", 2, 2, 10, 10)])
    (clinic / "eye.xml").symlink_to(labels / "eye.xml")
    before = (labels / "eye.xml").read_bytes()
    with Workspace.open(clinic) as ws:
        import_labels(ws, labels, "voc")
        doc = ws.load_case(case_id_for("eye.png"))
        assert [b.label for b in doc.boxes] == [LesionClass.HE] and unimported_labelimg_files(ws, worker=False) == []
        doc.boxes.append(Box(LesionClass.EX, 20, 20, 30, 30))
        named = f"{clinic / 'eye.xml'} is a link (to {os.path.realpath(labels / 'eye.xml')})"
        with pytest.raises(WorkspaceError, match=re.escape(named)):
            ws.write_voc_beside_image(doc)
    assert (clinic / "eye.xml").is_symlink() and (clinic / "eye.xml").readlink() == labels / "eye.xml"
    assert (labels / "eye.xml").read_bytes() == before
