"""`export --reader all --format csv --out DIR` writes DIR/grades_by_reader.csv through an OutputFolder claimed as the
readers' exports are: one an earlier export wrote and someone edited since is kept beside and named, not lost."""
from __future__ import annotations

from pathlib import Path

from annotations.reading.readers import open_reader
from app.cli import main
from tests.unit.reading_fixtures import image_folder, read_case


def test_a_grades_by_reader_csv_edited_since_an_earlier_export_is_kept_beside_and_named(
        tmp_path: Path, capsys) -> None:
    folder, out = image_folder(tmp_path / "photos", count=2), tmp_path / "out"
    for name, grade in (("Anna", 2), ("Ben", 3)):
        with open_reader(folder, name) as ws:
            read_case(ws, 0, grade=grade)
    export = ["export", str(folder), "--format", "csv", "--out", str(out), "--reader", "all"]
    assert main(export) == 0
    table = out / "grades_by_reader.csv"
    table.write_text("Image path,Anna,Ben,remark\nimg0.png,2,3,Ben looked again: 2\n", encoding="utf-8")
    assert main([*export, "--overwrite"]) == 0
    (kept,) = out.glob("grades_by_reader.csv.edited-*")
    assert kept.read_text(encoding="utf-8").endswith("Ben looked again: 2\n")
    assert "remark" not in table.read_text(encoding="utf-8")  # written anew from the readings
    assert f"kept 1 file(s) changed since an earlier run wrote them, renamed beside the ones written now, e.g. " \
           f"grades_by_reader.csv as {kept.name}" in capsys.readouterr().err
