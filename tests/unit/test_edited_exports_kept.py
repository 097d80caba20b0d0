"""`export --overwrite` (and the window's export, *Replace files* ticked) writes anew a file an earlier export wrote
that someone changed since (a box fixed in labelImg in the exported p2.xml): the edit was lost, replaced unsaid. The
output folder's manifest proves the file changed since written; it is renamed aside first (NAME.edited-TIME, a name
no reader of the format picks up) and the summary names it."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.classes import LesionClass
from annotations.document import Box, ReaderGrade
from annotations.workspace import Workspace
from app.cli import main
from tests.unit.test_export_stopped import ctrl_c_at_the_third_case
from tests.unit.test_formats_real_files import photos

# a file each export writes for case p2 (or for every case: COCO, CVAT, the grades CSV)
WRITTEN = {"voc": "p2.xml", "yolo": "p2.txt", "labelme": "p2.json", "masks": "p2_MA.png", "indexed": "p2.png",
           "coco": "annotations.json", "cvat": "annotations.xml", "csv": "grades.csv", "dataset": "voc/p2.xml"}
EDITED = b"edited by hand"


@pytest.fixture
def painted(tmp_path: Path) -> Path:
    """Three photos, each with a saved box, painted microaneurysms and a grade."""
    folder = tmp_path / "images"
    folder.mkdir()
    photos(folder, {name: (40, 24) for name in ("p1.png", "p2.png", "p3.png")})
    with Workspace.open(folder) as ws:
        for case in ws.cases():
            doc = ws.load_case(case.case_id)
            doc.boxes = [Box(LesionClass.HE, 2, 2, 9, 9)]
            doc.mask[3:6, 3:6] = LesionClass.MA.bit
            doc.grade = ReaderGrade(dr_grade=2)
            ws.save_case(doc)
    return folder


def export(folder: Path, out: Path, fmt: str, *more: str) -> int:
    return main(["export", str(folder), "--format", fmt, "--out", str(out), *more])


def kept_files(out: Path) -> dict[str, bytes]:
    return {path.relative_to(out).as_posix(): path.read_bytes() for path in out.rglob("*.edited-*")}


@pytest.mark.parametrize("fmt", list(WRITTEN))
def test_a_file_edited_since_the_export_wrote_it_is_kept_beside_and_named(painted: Path, tmp_path: Path, capsys,
                                                                          fmt: str) -> None:
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    assert export(painted, out, fmt) == 0
    (out / WRITTEN[fmt]).write_bytes(EDITED)
    capsys.readouterr()
    assert export(painted, out, fmt, "--overwrite") == 0
    said = capsys.readouterr().out
    ((kept, data),) = kept_files(out).items()
    assert data == EDITED and kept.startswith(f"{WRITTEN[fmt]}.edited-")
    assert f"kept 1 file(s) changed since an earlier export wrote them, renamed beside the ones written now, " \
           f"e.g. {WRITTEN[fmt]} as {kept}: " in said
    assert export(painted, fresh, fmt) == 0
    assert (out / WRITTEN[fmt]).read_bytes() == (fresh / WRITTEN[fmt]).read_bytes()  # the export's own, whole
    capsys.readouterr()
    assert export(painted, out, fmt, "--overwrite") == 0  # the new file is the program's, the kept one not touched
    assert kept_files(out) == {kept: EDITED}
    assert "kept" not in capsys.readouterr().out


def test_a_file_the_program_never_wrote_is_replaced_as_overwrite_asks(painted: Path, tmp_path: Path, capsys) -> None:
    """No manifest entry (labelImg's own file, an older version's export): refused without --overwrite, replaced
    with it, as asked; nothing kept aside."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "p2.xml").write_bytes(EDITED)
    assert export(painted, out, "voc") != 0
    assert export(painted, out, "voc", "--overwrite") == 0
    assert (out / "p2.xml").read_bytes() != EDITED and not kept_files(out)
    assert "kept" not in capsys.readouterr().out


def test_an_import_from_the_output_folder_does_not_read_the_kept_file(painted: Path, tmp_path: Path, capsys) -> None:
    """The kept name ends in no format's ending: labelImg, a training script and an import read only the new file."""
    out = tmp_path / "out"
    assert export(painted, out, "voc") == 0
    (out / "p2.xml").write_bytes(EDITED)  # not even VOC: read, it would be a damaged label file
    assert export(painted, out, "voc", "--overwrite") == 0
    capsys.readouterr()
    assert main(["import", str(painted), "--from", str(out), "--format", "voc"]) == 0
    said = capsys.readouterr()
    assert "Imported 3 case(s)" in said.out and "edited" not in said.out + said.err


def test_an_export_stopped_part_way_names_the_edited_file_it_kept(painted: Path, tmp_path: Path, capsys,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    assert export(painted, out, "voc") == 0
    (out / "p1.xml").write_bytes(EDITED)
    ctrl_c_at_the_third_case(monkeypatch)
    assert export(painted, out, "voc", "--overwrite") == 130
    ((kept, data),) = kept_files(out).items()
    assert data == EDITED
    assert f"kept 1 file(s) changed since an earlier export wrote them, renamed beside the ones written now, " \
           f"e.g. p1.xml as {kept}: " in capsys.readouterr().err
