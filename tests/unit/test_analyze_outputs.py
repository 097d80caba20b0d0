"""`analyze --outputs`: only the files asked for are written, and the default (JSON and the lossless mask) stays
under 1 MB for a 12-megapixel photo analysed with the shipped models (the real photo from ../shared/data/fullsize
when present, else a synthetic one of the same size; ~15 s)."""
from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from annotations.formats.masks import read_indexed_png
from app.cli import main
from tests.conftest import SHARED_DATA
from tests.unit.test_inference_cli import no_installed_models, write_images  # noqa: F401 - fixture
from tests.unit.test_inference_fixtures import synthetic_fundus

TWELVE_MP = (4288, 2848)


def twelve_megapixel_photo(folder: Path) -> Path:
    real = sorted((SHARED_DATA / "fullsize").glob("*.jpg")) if (SHARED_DATA / "fullsize").is_dir() else []
    if real:
        return real[0]
    folder.mkdir()
    path = folder / "synthetic.jpg"
    Image.fromarray(synthetic_fundus(*TWELVE_MP, seed=4)).save(path, quality=92)
    return path


@pytest.mark.slow
def test_default_outputs_of_a_12_megapixel_photo_take_under_1_mb_and_previews_are_reduced_jpegs(
        tmp_path: Path) -> None:
    photo = twelve_megapixel_photo(tmp_path / "photos")
    out = tmp_path / "out"
    assert main(["analyze", str(photo), "--out", str(out), "--device", "cpu"]) == 0
    written = {path.name: path.stat().st_size for path in out.iterdir() if path.is_file()}
    assert sorted(written) == [f"{photo.stem}.json", f"{photo.stem}_mask.png"]
    assert sum(written.values()) <= 1_000_000, written
    assert read_indexed_png(out / f"{photo.stem}_mask.png").shape == TWELVE_MP[::-1]
    assert main(["analyze", str(photo), "--out", str(tmp_path / "previews"), "--device", "cpu",
                 "--outputs", "overlay,cam"]) == 0
    for kind in ("overlay", "cam"):
        with Image.open(tmp_path / "previews" / f"{photo.stem}_{kind}.jpg") as preview:
            assert preview.format == "JPEG" and preview.size == (2048, round(2048 * TWELVE_MP[1] / TWELVE_MP[0]))


def test_outputs_names_exactly_what_is_written_and_unknown_kinds_are_refused(
        tmp_path: Path, no_installed_models: None, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    images = write_images(tmp_path / "images")
    assert main(["analyze", str(images[0]), "--out", str(tmp_path / "json"), "--outputs", "json"]) == 0
    assert [p.name for p in (tmp_path / "json").iterdir() if p.is_file()] == ["eye0.json"]
    assert main(["analyze", str(images[0]), "--out", str(tmp_path / "masks"), "--outputs", "mask,probabilities"]) == 0
    written = sorted(p.name for p in (tmp_path / "masks").iterdir() if p.is_file())
    assert written[0] == "eye0_mask.png" and written[1:] and all(n.startswith("eye0_prob_") for n in written[1:])
    assert main(["analyze", str(images[0]), "--out", str(tmp_path / "bad"), "--outputs", "json,heatmap"]) == 2
    assert "unknown output heatmap; choose from json,mask,overlay,cam,probabilities" in capsys.readouterr().err
    assert not (tmp_path / "bad").exists()
    assert main(["analyze", str(images[0])]) == 2
    assert "give --out DIR, --workspace FOLDER or both" in capsys.readouterr().err


def test_a_heat_map_grade_is_refused_where_no_heat_map_is_kept_and_said_where_no_grade_model_draws_it(
        tmp_path: Path, no_installed_models: None, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    images = write_images(tmp_path / "images")
    assert main(["analyze", str(images[0]), "--out", str(tmp_path / "plain"), "--cam-grade", "3"]) == 2
    assert "--cam-grade chooses the grade the heat map explains" in capsys.readouterr().err
    assert not (tmp_path / "plain").exists()
    assert main(["analyze", str(images[0]), "--out", str(tmp_path / "cam"), "--cam-grade", "3",
                 "--outputs", "json,cam"]) == 0
    assert "--cam-grade has no effect: no DR grade model is installed" in capsys.readouterr().err
