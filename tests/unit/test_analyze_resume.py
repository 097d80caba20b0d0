"""`analyze` stopped half-way (Ctrl+C, SIGTERM, a killed process) says what it finished, and `--resume` goes on
where it stopped: finished images are skipped and said to be, whole outputs are never written twice."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from annotations.output_folder import unfinished_output
from annotations.workspace import Workspace
from app.cli import main
from inference.batch import messages as batch_msg
from tests.signalled_cli import run_stopped_at
from tests.unit.test_inference_cli import no_installed_models  # noqa: F401 - fixture
from tests.unit.test_inference_fixtures import synthetic_fundus


def photos(folder: Path, count: int = 3) -> list[Path]:
    folder.mkdir()
    paths = [folder / f"eye{index}.png" for index in range(count)]
    for index, path in enumerate(paths):
        Image.fromarray(synthetic_fundus(120 + 8 * index, 90, seed=index)).save(path)
    return paths


def stop_at_photo(monkeypatch: pytest.MonkeyPatch, number: int) -> None:
    """Ctrl+C while the ``number``-th photo is analysed (the photos before it are finished)."""
    def progress(self: object, fraction: float, message: str = "") -> None:
        if message.startswith(f"{number}/"):
            raise KeyboardInterrupt
    monkeypatch.setattr("app.progress_bar.TextProgressBar.progress", progress)


def stopped_at_the_second(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """The folder of three photos and the --out folder of a run stopped by Ctrl+C at the second photo."""
    folder, out = tmp_path / "in", tmp_path / "out"
    photos(folder)
    stop_at_photo(monkeypatch, 2)
    assert main(["analyze", str(folder), "--out", str(out), "--device", "cpu"]) == 130
    return folder, out


def test_a_stopped_analysis_says_what_it_finished_and_how_to_go_on(
        tmp_path: Path, no_installed_models: None, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    folder, out = stopped_at_the_second(tmp_path, monkeypatch)
    err = capsys.readouterr().err
    assert "stopped: 1 of 3 images analysed in " in err
    assert f"2 file(s) written to {out}" in err
    assert "2 not reached: run the same command with --resume" in err and err.rstrip().endswith("interrupted")
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["eye0.json", "eye0_mask.png"]


def test_a_stopped_analysis_leaves_its_out_folder_marked_unfinished_until_a_run_there_ends(
        tmp_path: Path, no_installed_models: None, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """Ctrl+C ended the claim on --out as a normal end: the mark of an unfinished run went with it."""
    folder, out = stopped_at_the_second(tmp_path, monkeypatch)
    assert unfinished_output(out)
    monkeypatch.undo()
    assert main(["analyze", str(folder), "--out", str(out), "--device", "cpu", "--resume"]) == 0
    assert not unfinished_output(out)


NOTHING_ANALYSED = "stopped before any image was analysed: run the same command again\ninterrupted\n"


def test_a_stop_while_the_models_load_says_nothing_was_analysed(
        tmp_path: Path, no_installed_models: None, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    """It said "interrupted" alone; a stop before the first image's result said "0 of 3 images analysed in 0 s" and
    to --resume, with nothing to resume from."""
    def loading(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt
    monkeypatch.setattr("inference.analysis_models.assemble_models", loading)
    photos(tmp_path / "in")
    assert main(["analyze", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--device", "cpu"]) == 130
    assert capsys.readouterr().err.endswith("loading the models…\n" + NOTHING_ANALYSED)


def test_a_stop_on_the_first_image_says_nothing_was_analysed(
        tmp_path: Path, no_installed_models: None, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    photos(tmp_path / "in")
    stop_at_photo(monkeypatch, 1)
    assert main(["analyze", str(tmp_path / "in"), "--workspace", str(tmp_path / "in"), "--device", "cpu"]) == 130
    err = capsys.readouterr().err
    assert err.endswith(NOTHING_ANALYSED) and "--resume" not in err


def test_resume_analyses_only_what_the_stopped_run_did_not_finish_and_says_so(
        tmp_path: Path, no_installed_models: None, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    folder, out = stopped_at_the_second(tmp_path, monkeypatch)
    monkeypatch.undo()
    capsys.readouterr()
    assert main(["analyze", str(folder), "--out", str(out), "--device", "cpu"]) == 2  # as before: nothing replaced
    assert "1 of these images were finished there by an earlier run: --resume" in capsys.readouterr().err
    first = (out / "eye0.json").stat().st_mtime_ns
    assert main(["analyze", str(folder), "--out", str(out), "--device", "cpu", "--resume"]) == 0
    captured = capsys.readouterr()
    assert "1 of 3 images were finished by an earlier run and are skipped (--resume); analysing the other 2" \
        in captured.err
    assert "2 of 3 images analysed in " in captured.out and "1 skipped, finished by an earlier run" in captured.out
    assert "images/s)" in captured.out and f"4 file(s) written to {out}" in captured.out
    assert (out / "eye0.json").stat().st_mtime_ns == first
    assert all(json.loads((out / f"eye{i}.json").read_text())["image"] == str(folder / f"eye{i}.png")
               for i in range(3))
    assert "loading the models…" in captured.err  # before the 5-20 s they take, not silence

    def no_models(*args: object, **kwargs: object) -> None:
        raise AssertionError("models loaded for no image")
    monkeypatch.setattr("inference.analysis_models.assemble_models", no_models)
    assert main(["analyze", str(folder), "--out", str(out), "--device", "cpu", "--resume"]) == 0  # all finished
    assert "0 of 3 images analysed in 0 s; 3 skipped" in capsys.readouterr().out


def test_an_image_whose_json_was_not_written_is_not_finished_and_its_files_need_overwrite(
        tmp_path: Path, no_installed_models: None, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    """Killed between an image's mask and its JSON (written last): the image is analysed again, and its mask,
    which the resumed run did not write, is replaced only when asked."""
    folder, out = tmp_path / "in", tmp_path / "out"
    photos(folder)
    assert main(["analyze", str(folder), "--out", str(out), "--device", "cpu"]) == 0
    (out / "eye1.json").unlink()
    (out / "eye2_mask.png").unlink()  # listed in eye2.json: not whole either
    capsys.readouterr()
    assert main(["analyze", str(folder), "--out", str(out), "--device", "cpu", "--resume"]) == 2
    assert "eye1_mask.png: already exists" in capsys.readouterr().err
    kept = (out / "eye0.json").stat().st_mtime_ns
    assert main(["analyze", str(folder), "--out", str(out), "--device", "cpu", "--resume", "--overwrite"]) == 0
    assert "2 of 3 images analysed" in capsys.readouterr().out
    assert (out / "eye0.json").stat().st_mtime_ns == kept and (out / "eye1.json").is_file()
    assert (out / "eye2_mask.png").is_file()


def test_resume_asking_for_more_outputs_adds_them_to_the_images_the_stopped_run_finished(
        tmp_path: Path, no_installed_models: None, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    """Stopped at the second photo, resumed with overlays asked for too: the finished photo gets its overlay (its
    earlier mask and JSON replaced by the new set) instead of being skipped without one."""
    folder, out = stopped_at_the_second(tmp_path, monkeypatch)
    monkeypatch.undo()
    assert json.loads((out / "eye0.json").read_text())["outputs"] == ["json", "mask"]
    capsys.readouterr()
    assert main(["analyze", str(folder), "--out", str(out), "--device", "cpu", "--resume",
                 "--outputs", "json,mask,overlay"]) == 0
    captured = capsys.readouterr()
    assert "1 images finished by an earlier run lack outputs asked for now (json,mask,overlay): they are analysed " \
        "again and their earlier files replaced" in captured.err
    assert "3 of 3 images analysed" in captured.out
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted(
        f"eye{i}{suffix}" for i in range(3) for suffix in (".json", "_mask.png", "_overlay.jpg"))
    assert json.loads((out / "eye0.json").read_text())["files"]["overlay"] == "eye0_overlay.jpg"
    assert main(["analyze", str(folder), "--out", str(out), "--device", "cpu", "--resume", "--outputs",
                 "json,overlay"]) == 0  # fewer kinds than the files hold: finished, nothing analysed
    assert "3 of 3 images were finished by an earlier run and are skipped" in capsys.readouterr().err


def test_resume_needs_the_json_that_marks_a_finished_image(
        tmp_path: Path, no_installed_models: None, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    folder = tmp_path / "in"
    photos(folder, 1)
    assert main(["analyze", str(folder), "--out", str(tmp_path / "out"), "--outputs", "mask", "--resume"]) == 2
    assert "add json to --outputs" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_workspace_run_says_it_analyses_cases_again_and_resume_skips_them(
        tmp_path: Path, no_installed_models: None, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    photos(folder)
    stop_at_photo(monkeypatch, 3)
    assert main(["analyze", str(folder), "--workspace", str(folder), "--device", "cpu"]) == 130
    assert "2 AI result(s) stored in" in capsys.readouterr().err
    monkeypatch.undo()
    assert main(["analyze", str(folder), "--workspace", str(folder), "--device", "cpu", "--resume"]) == 0
    captured = capsys.readouterr()
    assert "1 of 3 images analysed" in captured.out and "2 skipped" in captured.out
    assert main(["analyze", str(folder), "--workspace", str(folder), "--device", "cpu"]) == 0
    assert "3 of 3 images already have an AI result" in capsys.readouterr().err
    workspace = Workspace.open(folder)
    try:
        assert all(case.analysed for case in workspace.cases())
    finally:
        workspace.close()


def test_resume_stores_the_result_of_an_image_whose_files_were_written_without_writing_them_again(
        tmp_path: Path, no_installed_models: None, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    """Killed after an image's files and before its result reached the workspace."""
    folder, out = tmp_path / "in", tmp_path / "out"
    photos(folder, 2)
    assert main(["analyze", str(folder), "--out", str(out), "--device", "cpu"]) == 0
    written = {path.name: path.stat().st_mtime_ns for path in out.iterdir() if path.is_file()}
    assert main(["analyze", str(folder), "--out", str(out), "--workspace", str(folder), "--device", "cpu",
                 "--resume"]) == 0
    assert "2 AI result(s) stored" in capsys.readouterr().out
    assert {path.name: path.stat().st_mtime_ns for path in out.iterdir() if path.is_file()} == written


def test_sigterm_stops_the_batch_as_ctrl_c_does_leaving_no_lock(
        tmp_path: Path, no_installed_models: None) -> None:  # noqa: F811
    """A scheduler's or `timeout`'s SIGTERM: the photos finished are written, the workspace closed (no lock left for
    the window to find) and the summary printed; Python's default ends the process on the spot."""
    folder = tmp_path / "in"
    photos(folder)
    run = run_stopped_at(["analyze", folder, "--workspace", folder, "--device", "cpu"], message="^2/",
                         signal_name="SIGTERM")
    assert run.returncode == 143, run.stderr  # 128 + SIGTERM, as a process the signal ended: schedulers read it
    assert "stopped: 1 of 3 images analysed" in run.stderr
    assert not (folder / ".retinareview" / "lock").exists()


def test_images_in_sub_folders_are_said_to_be_left_out(
        tmp_path: Path, no_installed_models: None, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    folder = tmp_path / "in"
    photos(folder, 1)
    photos(folder / "left", 2)
    assert main(["analyze", str(folder), "--out", str(folder / "results"), "--device", "cpu"]) == 0
    assert main(["analyze", str(folder), "--out", str(tmp_path / "again"), "--device", "cpu"]) == 0
    err = capsys.readouterr().err
    assert f"{folder}: 2 image(s) in its sub-folders are not analysed ('left/eye0.png', 'left/eye1.png')" in err
    assert "results/" not in err  # an output folder inside holds no images to analyse


def test_images_of_sub_folders_named_too_are_not_said_to_be_left_out(
        tmp_path: Path, no_installed_models: None, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    """`analyze DIR DIR/*/` (a night's folder of patients) warned that the patients' images "are not analysed",
    while they were, beside the one sub-folder it did leave out."""
    folder = tmp_path / "night"
    photos(folder, 1)
    photos(folder / "patientA", 1)
    photos(folder / "patientB", 1)
    photos(folder / "patientB" / "visit1", 1)
    assert main(["analyze", str(folder), str(folder / "patientA"), str(folder / "patientB"), "--out",
                 str(tmp_path / "out"), "--device", "cpu"]) == 0
    captured = capsys.readouterr()
    assert "3 of 3 images analysed" in captured.out
    assert f"{folder}: 1 image(s) in its sub-folders are not analysed ('patientB/visit1/eye0.png')" in captured.err
    assert f"{folder / 'patientB'}: 1 image(s) in its sub-folders are not analysed ('visit1/eye0.png')" in captured.err
    assert not [line for line in captured.err.splitlines() if line.startswith("warning:") and "patientA" in line]


def test_an_output_edited_since_an_earlier_run_wrote_it_is_kept_beside_and_named(
        tmp_path: Path, no_installed_models: None, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    """analyze --overwrite writes anew a mask someone painted over since: renamed aside (OutputFolder), not lost."""
    folder, out = tmp_path / "in", tmp_path / "out"
    photos(folder, count=1)
    assert main(["analyze", str(folder), "--out", str(out), "--device", "cpu"]) == 0
    (out / "eye0_mask.png").write_bytes(b"painted over by hand")
    capsys.readouterr()
    assert main(["analyze", str(folder), "--out", str(out), "--device", "cpu", "--overwrite"]) == 0
    (kept,) = out.glob("eye0_mask.png.edited-*")
    assert kept.read_bytes() == b"painted over by hand"
    assert f"kept 1 file(s) changed since an earlier run wrote them, renamed beside the ones written now, e.g. " \
           f"eye0_mask.png as {kept.name}" in capsys.readouterr().err


@pytest.mark.parametrize("rank", ["0", "1"])
def test_analyze_under_torchrun_is_refused_once_before_anything_is_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], rank: str) -> None:
    """`torchrun --nproc_per_node=2 -m app.cli analyze DIR --out OUT`, as `train` is launched: each process analysed
    every photo, the second refused the first's output folder as "another analysis … is writing into this folder now",
    and torchrun's 40-line traceback ended it."""
    folder, out = tmp_path / "in", tmp_path / "out"
    photos(folder, 1)
    monkeypatch.setenv("WORLD_SIZE", "2")
    monkeypatch.setenv("RANK", rank)
    assert main(["analyze", str(folder), "--out", str(out), "--device", "cpu"]) == 2
    said = ("error: analyze runs as one process, and torchrun started 2, each of which would analyse every photo: run "
            "it without torchrun, with --engine ray to share the photos out to processes or machines\n")
    assert capsys.readouterr().err == (said if rank == "0" else "")
    assert not out.exists()


def test_analyze_under_torchrun_is_refused_before_torch_is_imported(tmp_path: Path) -> None:
    """Each process torchrun started imported torch first (some 10 s and 0.7 GB) only to refuse."""
    import os
    import subprocess
    import sys

    photos(tmp_path / "in", 1)
    code = ("import sys; from app.cli import main; "
            f"status = main(['analyze', {str(tmp_path / 'in')!r}, '--out', {str(tmp_path / 'out')!r}]); "
            "print(status, 'torch' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[2], env={**os.environ, "WORLD_SIZE": "2", "RANK": "0"})
    assert done.stdout.split() == ["2", "False"], done.stderr
    assert "torchrun started 2" in done.stderr


def test_a_disk_that_fills_up_mid_run_stops_the_run_for_resume(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_installed_models: None,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    """The output's disk full at the second photo: the run went on analysing every photo left (a night's hundreds, on
    a cluster's GPUs) only to fail each one, and ended 1, "partly done"; it stops now, as on Ctrl+C, exit 2."""
    import errno

    import annotations.output_folder

    folder, out = tmp_path / "in", tmp_path / "out"
    photos(folder, 4)
    write = annotations.output_folder.atomic_write_bytes

    def fills_up(target: Path, data: bytes, **options: object) -> None:
        if Path(target).name.startswith("eye1"):
            raise OSError(errno.ENOSPC, "No space left on device")
        write(target, data, **options)

    monkeypatch.setattr(annotations.output_folder, "atomic_write_bytes", fills_up)
    assert main(["analyze", str(folder), "--out", str(out), "--device", "cpu"]) == 2
    err = capsys.readouterr().err
    assert err.count("cannot be written (the disk is full)") == 2  # the photo that failed, and why the run stopped
    assert "stopped: 1 of 4 images analysed" in err and "1 failed" in err and "2 not reached" in err
    assert sorted(path.name for path in out.iterdir() if path.is_file()) == ["eye0.json", "eye0_mask.png"]


def test_a_workspace_whose_disk_fills_up_mid_run_stops_the_run_for_resume(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_installed_models: None,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    """The workspace's disk full at the second photo: each photo left was analysed only for its case's save to fail,
    one error each, and the run ended 1 ("partly done"); it stops now, as where --out's disk fills up, exit 2."""
    import errno

    from annotations.workspace.sidecar import CaseFiles

    folder = tmp_path / "in"
    photos(folder, 4)
    save = CaseFiles.save

    def fills_up(self: CaseFiles, doc, *args: object, **kwargs: object):  # noqa: ANN001, ANN202
        if doc.image_path != "eye0.png":
            raise OSError(errno.ENOSPC, "No space left on device")
        return save(self, doc, *args, **kwargs)

    monkeypatch.setattr(CaseFiles, "save", fills_up)
    assert main(["analyze", str(folder), "--workspace", str(folder), "--device", "cpu"]) == 2
    err = capsys.readouterr().err
    assert err.count("the disk is full") == 2  # the photo that failed, and why the run stopped
    assert "stopped: 1 of 4 images analysed" in err and "1 failed" in err and "2 not reached" in err
    monkeypatch.undo()
    with Workspace.open(folder) as workspace:
        assert sorted(case.image_path for case in workspace.cases() if case.analysed) == ["eye0.png"]


def test_a_workspace_taken_over_mid_run_stops_the_run_for_resume_naming_who_holds_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_installed_models: None,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    """Another RetinaReview took the folder over after the first photo (this computer's lock went unrenewed): each
    photo left was analysed only for its case's save to be refused, one error each, and the run ended 1 ("partly
    done"); it stops now, as where the workspace's disk fills up, exit 2, naming the program that holds the lock."""
    from annotations.workspace.sidecar import CaseFiles

    folder = tmp_path / "in"
    photos(folder, 4)
    save = CaseFiles.save
    other = {"pid": 4242, "hostname": "workstation-b", "started": "2026-12-07T02:00:00+00:00", "renewed_every": 60}

    def then_taken_over(self: CaseFiles, doc, *args: object, **kwargs: object):  # noqa: ANN001, ANN202
        saved = save(self, doc, *args, **kwargs)
        (folder / ".retinareview" / "lock").write_text(json.dumps(other))  # workstation-b's lock now
        return saved

    monkeypatch.setattr(CaseFiles, "save", then_taken_over)
    assert main(["analyze", str(folder), "--workspace", str(folder), "--device", "cpu"]) == 2
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith("error: ")]
    assert len(errors) == 2 and errors[0].endswith("eye1.png: the result was not stored, the workspace being taken "
                                                   "over (below)")  # the photo refused, and why the run stopped:
    before, after = batch_msg.TAKEN_OVER.format(holder="HOLDER", folder=folder).split("HOLDER")
    assert errors[1].startswith(f"error: {before}process 4242 on workstation-b (since ") and errors[1].endswith(after)
    # the holder named once, in the command line's words: no window's unsaved edits, no WARNING line of its own
    assert err.count("4242") == 1 and "window" not in err and "WARNING" not in err
    assert "stopped: 1 of 4 images analysed" in err and "1 failed" in err and "2 not reached" in err
    monkeypatch.undo()
    (folder / ".retinareview" / "lock").unlink()  # workstation-b closed the folder
    with Workspace.open(folder) as workspace:
        assert sorted(case.image_path for case in workspace.cases() if case.analysed) == ["eye0.png"]
