"""`retina-review analyze`: the files it writes, with models, with a plain checkpoint, and with no model at all."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

import inference.registry
from annotations.formats.masks import read_indexed_png
from app.cli import main
from inference.model_card import CARD_FILE, load_card
from inference.registry import MODELS_ENV
from tests.unit.test_inference_fixtures import (saved_model, synthetic_fundus, tiny_classifier_card,
                                                tiny_segmentation_card)
from tests.unit.test_lesion_candidates import saved_candidates_model
from tests.unit.test_member_blend import LEVELS, blending, composite


@pytest.fixture
def no_installed_models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MODELS_ENV, str(tmp_path / "user-models"))
    monkeypatch.setattr(inference.registry, "BUNDLED_MODELS", tmp_path / "bundled-models")


def write_images(folder: Path) -> list[Path]:
    folder.mkdir()
    paths = []
    for index, (width, height) in enumerate([(160, 120), (131, 97)]):
        path = folder / f"eye{index}.png"
        Image.fromarray(synthetic_fundus(width, height, seed=index)).save(path)
        paths.append(path)
    return paths


def test_analyze_writes_json_and_mask_at_original_size_and_overlay_and_cam_previews_when_asked(
        tmp_path: Path, no_installed_models: None, capsys: pytest.CaptureFixture[str]) -> None:
    images = write_images(tmp_path / "images")
    seg = saved_model(tmp_path / "models", tiny_segmentation_card())
    grader = saved_model(tmp_path / "models", tiny_classifier_card("dr-grade"))
    out = tmp_path / "out"
    code = main(["analyze", str(images[0].parent), "--out", str(out), "--model", str(seg), "--model", str(grader),
                 "--device", "cpu", "--outputs", "json,mask,overlay,cam"])
    assert code == 0
    for path in images:
        width, height = Image.open(path).size
        report = json.loads((out / f"{path.stem}.json").read_text())
        assert report["image_size"] == {"width": width, "height": height}
        assert report["grade_source"] == "model" and len(report["grade_probs"]) == 5
        assert report["referable"] == (report["dr_grade"] >= 2)
        learned = [m for m in report["models"] if m["name"] != "classical-detector"]  # it placed the disc
        assert {m["name"] for m in learned} == {"tiny-seg", "tiny-dr-grade"}
        assert all(len(m["sha256"]) == 64 for m in learned)
        assert "gradable" in report["quality"] and "summary" in report["findings"]
        assert report["timings_s"]["total"] > 0
        assert read_indexed_png(out / f"{path.stem}_mask.png").shape == (height, width)
        for kind in ("overlay", "cam"):
            with Image.open(out / f"{path.stem}_{kind}.jpg") as preview:  # small photos: not reduced
                assert preview.format == "JPEG" and preview.size == (width, height)
            assert report["files"][kind] == f"{path.stem}_{kind}.jpg"
    assert "2 of 2 images analysed" in capsys.readouterr().out


def test_analyze_tiled_warns_about_each_network_not_trained_or_tuned_tiled(
        tmp_path: Path, no_installed_models: None, capsys: pytest.CaptureFixture[str]) -> None:
    """The lesion model, each of its members, and a candidates model whose threshold was chosen on the untiled map it
    averages with: one warning names each, and only those."""
    images = write_images(tmp_path / "images")
    card = tiny_segmentation_card()
    untiled = saved_model(tmp_path / "untiled", card)
    card.training = {"hyper_parameters": {"tiled": True}}
    tiled = saved_model(tmp_path / "tiled", card)
    parent = composite(tmp_path / "composite")  # its member clahe is not trained tiled
    (parent / CARD_FILE).write_text(replace(load_card(parent), training=card.training).to_json())
    dots, alone = saved_candidates_model(tmp_path / "dots", 3.0), saved_candidates_model(tmp_path / "alone", 3.0)
    for folder, levels in ((dots, LEVELS), (alone, [])):  # without levels it draws only beside its partner
        blend = replace(blending(load_card(parent).member_sha256["clahe"]), blend_levels=levels)
        (folder / CARD_FILE).write_text(replace(blend, sha256=load_card(folder).sha256).to_json())
    member, averaging = "parent's member clahe (trained at 64 px)", "tiny-candidates (its threshold chosen on"
    # beside another lesion model the candidates models average with no map: dots draws alone, alone not at all
    for models, tiled_run, warned, left_out in (
            ([untiled], True, ["tiny-seg (trained at 64 px)"], []), ([untiled], False, [], []),
            ([tiled], True, [], []), ([parent, dots], True, [member, averaging], ["parent (trained"]),
            ([tiled, dots], True, [], []), ([tiled, alone], True, [], [])):
        assert main(["analyze", str(images[0]), "--out", str(tmp_path / "out"), "--device", "cpu", "--overwrite",
                     *[word for model in models for word in ("--model", str(model))],
                     *(["--tiled"] if tiled_run else [])]) == 0
        said = capsys.readouterr().err
        assert ("warning: --tiled segments lesions at twice the resolution" in said) is bool(warned), said
        assert all(name in said for name in warned) and not any(name in said for name in left_out), said


def test_analyze_without_any_model_still_reports_quality_and_field_of_view(
        tmp_path: Path, no_installed_models: None, capsys: pytest.CaptureFixture[str]) -> None:
    images = write_images(tmp_path / "images")
    out = tmp_path / "out"
    assert main(["analyze", str(images[0]), "--out", str(out), "--device", "cpu"]) == 0
    assert "No learned model installed" in capsys.readouterr().err
    report = json.loads((out / "eye0.json").read_text())
    assert report["learned_models_used"] is False and "no learned model" in report["notes"][0]
    assert report["grade_source"] == "icdr-rules"
    assert report["findings"]["field_of_view"]["found"] is True
    assert "gradable" in report["quality"]
    assert sorted(p.name for p in out.iterdir() if p.is_file()) == ["eye0.json", "eye0_mask.png"]


def test_analyze_runs_a_plain_smp_checkpoint(tmp_path: Path, no_installed_models: None) -> None:
    import segmentation_models_pytorch as smp

    images = write_images(tmp_path / "images")
    checkpoint = tmp_path / "published.pth"
    torch.save(smp.Unet("resnet18", encoder_weights=None, classes=5).state_dict(), checkpoint)
    out = tmp_path / "out"
    assert main(["analyze", str(images[1]), "--out", str(out), "--model", str(checkpoint),
                 "--arch", "unet:resnet18", "--device", "cpu"]) == 0
    report = json.loads((out / "eye1.json").read_text())
    assert report["models"][0]["name"] == "published" and report["models"][0]["task"] == "lesion-segmentation"
    assert read_indexed_png(out / "eye1_mask.png").shape == (97, 131)


def test_analyze_refuses_a_corrupt_model_with_a_clear_message(tmp_path: Path, no_installed_models: None,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    images = write_images(tmp_path / "images")
    folder = saved_model(tmp_path / "models", tiny_classifier_card("dr-grade"))
    weights = folder / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:-10])
    code = main(["analyze", str(images[0]), "--out", str(tmp_path / "out"), "--model", str(folder)])
    assert code == 2
    error = capsys.readouterr().err
    assert "checksum mismatch" in error and "model.safetensors" in error


def test_analyze_reports_missing_inputs(tmp_path: Path, no_installed_models: None,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(tmp_path / "nothing.jpg"), "--out", str(tmp_path / "out")]) == 2
    assert "not found" in capsys.readouterr().err


def test_a_missing_input_beside_found_ones_ends_the_run_with_status_1(tmp_path: Path, no_installed_models: None,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """The others are analysed, the missing one named; the run ended 0, which a script reads as all done (README: 1,
    some images failed, each named), as it ends for a photo that cannot be read."""
    image = write_images(tmp_path / "images")[0]
    missing = tmp_path / "missing.jpg"
    assert main(["analyze", str(image), str(missing), "--out", str(tmp_path / "out"), "--device", "cpu"]) == 1
    captured = capsys.readouterr()
    assert f"warning: {missing}: not found" in captured.err and "1 of 1 images analysed" in captured.out
    assert (tmp_path / "out" / f"{image.stem}.json").is_file()


@pytest.mark.parametrize("name, content", [("notes.txt", b"x"), ("scan.pdf", b"%PDF-1.4\n")])
def test_a_file_named_that_is_not_an_image_ends_the_run_with_status_1(tmp_path: Path, no_installed_models: None,
                                                                       capsys: pytest.CaptureFixture[str], name: str,
                                                                       content: bytes) -> None:
    """Named beside photos, it is left out and named, and the run ends 1 as for a file not found: a scheduler that
    reads 0 as all done would never learn that one of its files was not analysed."""
    image = write_images(tmp_path / "images")[0]
    other = tmp_path / name
    other.write_bytes(content)
    assert main(["analyze", str(image), str(other), "--out", str(tmp_path / "out"), "--device", "cpu"]) == 1
    captured = capsys.readouterr()
    assert f"warning: {other}: not an image file, skipped" in captured.err and "1 of 1 images analysed" in captured.out


def test_same_named_images_from_two_folders_get_distinct_outputs(tmp_path: Path, no_installed_models: None) -> None:
    first = write_images(tmp_path / "a")[0]
    second = tmp_path / "b" / first.name
    second.parent.mkdir()
    Image.fromarray(np.asarray(Image.open(first))[::-1].copy()).save(second)
    out = tmp_path / "out"
    assert main(["analyze", str(first), str(second), "--out", str(out), "--device", "cpu"]) == 0
    results = sorted(out.glob("eye0_*.json"))  # each named with a tag of its own path: stable, whatever the order
    assert len(results) == 2
    assert {json.loads(p.read_text())["image"] for p in results} == {str(first), str(second)}


def test_a_file_named_twice_is_analysed_once_in_the_order_first_named(
        tmp_path: Path, no_installed_models: None, capsys: pytest.CaptureFixture[str]) -> None:
    images = write_images(tmp_path / "in")
    link = tmp_path / "link.png"
    link.symlink_to(images[1])
    out = tmp_path / "out"
    assert main(["analyze", str(images[1]), str(images[0].parent), str(images[0]), str(link), "--out", str(out),
                 "--device", "cpu"]) == 0
    captured = capsys.readouterr()
    assert "2 of 2 images analysed" in captured.out
    assert sorted(path.name for path in out.glob("*.json")) == ["eye0.json", "eye1.json"]  # no eye1_2.json
    progress = [line for line in captured.err.splitlines() if line.startswith("analyze")]
    assert "'eye1.png'" in progress[0] and "'eye0.png'" in progress[-1], progress


def test_analyze_refuses_an_unknown_device(tmp_path: Path, no_installed_models: None,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    images = write_images(tmp_path / "images")
    assert main(["analyze", str(images[0]), "--out", str(tmp_path / "out"), "--device", "tpu"]) == 2
    assert "unknown device 'tpu'" in capsys.readouterr().err


@pytest.mark.parametrize("flags", [[], ["-v"]], ids=["quiet", "verbose"])
def test_a_broken_image_is_named_once_and_the_batch_goes_on(
        tmp_path: Path, no_installed_models: None, capsys: pytest.CaptureFixture[str], flags: list[str]) -> None:
    """Once, in the list of failures above the summary: it was named twice, the pipeline's log warning as it failed
    (on the terminal too) and that list; with -v, that record (at debug level since) still named it a second time."""
    images = write_images(tmp_path / "in")
    broken = images[0].parent / "broken.jpg"
    broken.write_bytes(b"x")
    code = main([*flags, "analyze", str(broken), str(images[0]), "--out", str(tmp_path / "out"), "--device", "cpu"])
    captured = capsys.readouterr()
    errors = [line for line in captured.err.splitlines() if line.startswith("error:")]
    assert code != 0 and len(errors) == 1 and errors[0].count(str(broken)) == 1
    assert (captured.out + captured.err).count(str(broken)) == 1, captured.err
    assert "1 of 2 images analysed" in captured.out


def test_a_b_scan_analysed_without_an_oct_model_is_not_said_to_have_a_grade_from_rules(
        tmp_path: Path, no_installed_models: None) -> None:
    """Each OCT scan's JSON said "no learned model is installed: the grade comes from ICDR rules …", with no grade
    and beside the fundus models the run named. (Its name keeps *oct* out of its folder's, which decides OCT.)"""
    images = write_images(tmp_path / "images")
    scan = tmp_path / "scan.png"
    Image.fromarray(np.tile(np.linspace(0, 200, 256, dtype=np.uint8), (128, 1))).save(scan)
    out = tmp_path / "out"
    assert main(["analyze", str(scan), "--oct", "--out", str(out / "oct"), "--device", "cpu"]) == 0
    assert main(["analyze", str(images[0]), "--out", str(out / "fundus"), "--device", "cpu"]) == 0
    oct_notes = json.loads((out / "oct" / "scan.json").read_text())["notes"]
    assert oct_notes[0].startswith("no OCT model is installed (retina-review train oct): the scan's quality only")
    assert "ICDR" not in " ".join(oct_notes)
    assert json.loads((out / "fundus" / "eye0.json").read_text())["notes"][0].startswith(
        "no learned model is installed: the grade comes from ICDR rules")


def test_a_folder_is_analysed_without_its_hidden_files_as_the_window_lists_it(tmp_path: Path) -> None:
    """A Mac's ._eye0.png beside eye0.png was analysed (and failed) by `analyze DIR`; the window never lists it."""
    from app.command_words import CommandWords
    from app.commands.analyze import collect_images

    images = write_images(tmp_path / "images")
    (tmp_path / "images" / "._eye0.png").write_bytes(b"\x00\x05\x16\x07 AppleDouble")
    found, problems, missing = collect_images([tmp_path / "images"], CommandWords(english=True))
    assert found == images and problems == [] and missing == []
