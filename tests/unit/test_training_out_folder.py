"""`train --out DIR`: a file given as DIR is refused before anything is trained (an epoch's work went, then a
traceback at the first checkpoint), a link planted as DIR/.checkpoint is refused before it is written through
(the run wrote its checkpoint into the folder it led to, then deleted the files there), and so is a DIR that is the
data folder, inside it, or holds files that are not a model's (the model was written among them)."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.folder_claim import FolderClaim
from app.cli import main
from inference.training.checkpoint import remove_checkpoint
from tests.unit.test_training_fixtures import write_mask_set

QUICK = ["--epochs", "1", "--steps-per-epoch", "1", "--size", "64", "--batch-size", "2", "--device", "cpu",
         "--workers", "0"]


def test_a_file_given_as_the_model_folder_is_refused_before_training(tmp_path: Path, capsys) -> None:
    data, out = write_mask_set(tmp_path / "data"), tmp_path / "notes.txt"
    out.write_text("mine")
    assert main(["train", "seg", "--data", str(data), "--out", str(out), "--cache-dir", str(tmp_path / "c"),
                 *QUICK]) == 2
    assert f"{out}: is a file, not a folder" in capsys.readouterr().err and out.read_text() == "mine"
    assert not (tmp_path / "c").exists()  # refused before any image was prepared


def test_a_link_planted_as_the_checkpoint_folder_is_neither_written_through_nor_emptied(tmp_path: Path,
                                                                                      capsys) -> None:
    data, out, victim = write_mask_set(tmp_path / "data"), tmp_path / "model", tmp_path / "victim"
    victim.mkdir()
    (victim / "state.json").write_text("a person's file")
    out.mkdir()
    (out / ".checkpoint").symlink_to(victim, target_is_directory=True)
    assert main(["train", "seg", "--data", str(data), "--out", str(out), "--cache-dir", str(tmp_path / "c"),
                 *QUICK]) == 2
    assert "a link (to " in capsys.readouterr().err
    remove_checkpoint(out)  # as a run finishing would
    assert (victim / "state.json").read_text() == "a person's file" and [p.name for p in victim.iterdir()] == [
        "state.json"]


def test_a_cache_folder_of_photos_is_refused_in_words_before_any_worker_starts(tmp_path: Path, capsys) -> None:
    """The refusal came from a DataLoader worker, as "Caught DataError in DataLoader worker process 0" and a
    traceback."""
    data = write_mask_set(tmp_path / "data")
    options = [option if option != "0" else "1" for option in QUICK]  # one loader worker
    assert main(["train", "seg", "--data", str(data), "--out", str(tmp_path / "m"), "--cache-dir", str(data),
                 *options]) == 2
    said = capsys.readouterr().err
    assert f"{data}: not a training cache" in said and "Traceback" not in said and "worker" not in said


def test_a_bad_mask_met_by_a_loader_worker_is_said_in_words_not_as_a_crash(tmp_path: Path, capsys) -> None:
    """torch rebuilt the worker's FormatError as a RuntimeError: a traceback and status 70, "a bug". (A mask that
    cannot be decoded is left out before, by the run's check of every file: readable_samples; a photo saved as a
    mask decodes, and only reading its pixels finds it no mask.)"""
    data = write_mask_set(tmp_path / "data")
    damaged = data / "masks" / "case00_HE.png"
    damaged.write_bytes((data / "images" / "case00.png").read_bytes())
    options = [option if option != "0" else "1" for option in QUICK]  # one loader worker
    assert main(["train", "seg", "--data", str(data), "--out", str(tmp_path / "m"), "--cache-dir",
                 str(tmp_path / "c"), *options]) == 2
    said = capsys.readouterr().err
    assert f"{damaged}: looks like a photo, not a class mask" in said and "Traceback" not in said
    assert "worker" not in said


def test_a_model_folder_that_cannot_be_written_is_refused_before_training(tmp_path: Path, capsys,
                                                                          monkeypatch) -> None:
    """A read-only disk was found at the first checkpoint, after an epoch's work, as a traceback."""
    import errno
    import tempfile

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    data = write_mask_set(tmp_path / "data")
    monkeypatch.setattr(tempfile, "TemporaryFile", read_only)
    assert main(["train", "seg", "--data", str(data), "--out", str(tmp_path / "ro" / "m"), "--cache-dir",
                 str(tmp_path / "c"), *QUICK]) == 2
    assert f"{tmp_path / 'ro' / 'm'}: cannot be written (the disk or folder is read-only)" in capsys.readouterr().err
    assert not (tmp_path / "c").exists() and not (tmp_path / "ro").exists()  # refused before anything was made


def test_a_run_stopped_by_a_signal_says_how_to_go_on(tmp_path: Path, capsys, monkeypatch) -> None:
    """A scheduler's SIGTERM ended the run with status 143 and no word of the checkpoint kept."""
    from annotations.command_end import StoppedBySignal
    from inference.training import run as training_run

    data, out = write_mask_set(tmp_path / "data"), tmp_path / "m"
    real_train = training_run.train

    def stopped_after_an_epoch(config, *args, **kwargs):
        real_train(config, *args, **kwargs)  # its checkpoint, as after the epoch a stop interrupts the next of
        (out / "model.safetensors").unlink()
        (out / "model.json").unlink()
        (out / ".checkpoint").mkdir(exist_ok=True)
        (out / ".checkpoint" / "state.json").write_text("{}")
        raise StoppedBySignal(15)

    monkeypatch.setattr(training_run, "train", stopped_after_an_epoch)
    assert main(["train", "seg", "--data", str(data), "--out", str(out), "--cache-dir", str(tmp_path / "c"),
                 *QUICK]) == 143
    said = capsys.readouterr().err
    assert f"stopped: {out} keeps the checkpoint of the last epoch finished; the same command with --resume" in said


def test_a_disk_that_fills_on_the_way_is_said_naming_the_file(tmp_path: Path, capsys, monkeypatch) -> None:
    """A full disk at a checkpoint ended the run with a traceback and status 70, naming no file."""
    import errno

    from inference.training import run as training_run

    data, out = write_mask_set(tmp_path / "data"), tmp_path / "m"

    def disk_full(config, *args, **kwargs):
        (out / ".checkpoint").mkdir(parents=True)
        (out / ".checkpoint" / "state.json").write_text("{}")  # an epoch finished before the disk filled
        raise OSError(errno.ENOSPC, "No space left on device", str(out / "model.safetensors"))

    monkeypatch.setattr(training_run, "train", disk_full)
    assert main(["train", "seg", "--data", str(data), "--out", str(out), "--cache-dir", str(tmp_path / "c"),
                 *QUICK]) == 2
    said = capsys.readouterr().err
    assert f"error: {out / 'model.safetensors'}: the disk is full; the last checkpoint stays (--resume" in said


@pytest.mark.parametrize("inside", ["", "models/first"])
def test_a_model_folder_in_the_data_folder_is_refused_before_training(tmp_path: Path, capsys, inside: str) -> None:
    """`--out DATA` (or a folder in it) exited 0 with model.json and model.safetensors among the training data."""
    data = write_mask_set(tmp_path / "data")
    out = data / inside if inside else data
    before = sorted(data.rglob("*"))
    assert main(["train", "seg", "--data", str(data), "--out", str(out), "--cache-dir", str(tmp_path / "c"),
                 "--overwrite", *QUICK]) == 2
    assert f"{out}: is the data folder {data} or inside it" in capsys.readouterr().err
    assert sorted(data.rglob("*")) == before and not (tmp_path / "c").exists()


def test_a_folder_of_photos_is_refused_as_the_model_folder_naming_what_it_holds(tmp_path: Path, capsys) -> None:
    """`--out /folder/of/patient/photos` exited 0 with the model's files beside the photos (--overwrite or not)."""
    data, photos = write_mask_set(tmp_path / "data"), tmp_path / "photos"
    photos.mkdir()
    (photos / "patient 1.jpg").write_bytes(b"a photo")
    for overwrite in ([], ["--overwrite"]):
        assert main(["train", "seg", "--data", str(data), "--out", str(photos), "--cache-dir", str(tmp_path / "c"),
                     *overwrite, *QUICK]) == 2
        said = capsys.readouterr().err
        assert f"{photos}: holds 1 file(s) or folder(s) that are not a model's (first patient 1.jpg)" in said
        assert "give --out a new or empty folder outside the data" in said
        assert [p.name for p in photos.iterdir()] == ["patient 1.jpg"]



def test_a_candidates_model_is_not_written_into_the_data_folder_either(tmp_path: Path, capsys) -> None:
    data = write_mask_set(tmp_path / "data")
    assert main(["train", "candidates", "--data", str(data), "--out", str(data), "--overwrite", "--steps", "2"]) == 2
    assert f"{data}: is the data folder {data} or inside it" in capsys.readouterr().err
    assert not (data / "model.json").exists()


def test_a_file_managers_files_beside_a_model_do_not_make_its_folder_anothers(tmp_path: Path) -> None:
    """A model folder opened in Finder or Explorer gained .DS_Store or Thumbs.db, and --resume or --overwrite into it
    was refused as a folder of other files (review)."""
    from annotations.output_folder import OutputError
    from inference.training.model_folder import refuse_foreign_folder

    out = tmp_path / "model"
    (out / ".checkpoint").mkdir(parents=True)
    (out / ".checkpoint" / "state.json").write_text("{}")
    for name in (".DS_Store", "Thumbs.db", "desktop.ini", "._model.json"):
        (out / name).write_bytes(b"a file manager's")
    refuse_foreign_folder(out, tmp_path / "data")
    (out / "notes.txt").write_text("a person's")
    with pytest.raises(OutputError, match="first notes.txt"):
        refuse_foreign_folder(out, tmp_path / "data")


def test_a_model_folder_another_run_writes_into_now_is_refused_before_training(tmp_path: Path, capsys) -> None:
    """Two runs into one --out (a second started with --resume while the first still trained) each removed the
    other's checkpoint files at every save, leaving a state naming files gone, and the last to end replaced the
    other's model."""
    data, out = write_mask_set(tmp_path / "data"), tmp_path / "model"
    out.mkdir()
    other = FolderClaim(out)  # the run already training there
    other.acquire()
    try:
        assert main(["train", "seg", "--data", str(data), "--out", str(out), "--cache-dir", str(tmp_path / "c"),
                     *QUICK]) == 2
    finally:
        other.release()
    assert "another run is writing into this folder now" in capsys.readouterr().err
    assert list(out.iterdir()) == [] and not (tmp_path / "c").exists()  # nothing prepared, trained or written


def test_resume_with_no_checkpoint_does_not_replace_a_finished_model(tmp_path: Path, capsys) -> None:
    """A run's command given --resume again after it finished (a scheduler's job run again, the card's command of a
    resumed run) found no checkpoint, trained anew from its first step and replaced the finished model unasked; a
    --resume into a new folder still starts the run (a job script that always resumes)."""
    data, out = write_mask_set(tmp_path / "data"), tmp_path / "model"
    out.mkdir()
    (out / "model.json").write_text('{"name": "finished"}')
    (out / "model.safetensors").write_bytes(b"hours of training")
    command = ["train", "seg", "--data", str(data), "--cache-dir", str(tmp_path / "c"), *QUICK, "--resume"]
    assert main([*command, "--out", str(out)]) == 2
    assert f"{out / 'model.safetensors'}: already exists (2 file(s)" in capsys.readouterr().err
    assert (out / "model.safetensors").read_bytes() == b"hours of training" and not (tmp_path / "c").exists()
    assert main([*command, "--out", str(tmp_path / "new")]) == 0


def test_a_resumed_runs_card_records_the_command_that_reproduces_it(tmp_path: Path, monkeypatch) -> None:
    """The card of a run stopped and resumed (or finished from its checkpoint) recorded --resume (and --finish): run
    again where the model stands it is refused, and --finish anywhere else finds no checkpoint. It records the run's
    own command, which, run into another folder, trains the same weights."""
    import shlex
    import shutil

    from inference.model_card import load_card
    from inference.training import run as training_run
    from tests.unit.test_training_run import same_weights

    data, out = write_mask_set(tmp_path / "data"), tmp_path / "m"
    real_train = training_run.train

    def stopped_in_the_second_epoch(config, state, on_step=None, **kwargs):
        def step(number: int, *_) -> None:
            if number == 2:
                raise KeyboardInterrupt  # Ctrl+C, after the first epoch's checkpoint
        return real_train(config, state, on_step=step, **kwargs)

    run = ["train", "seg", "--data", str(data), "--out", str(out), "--cache-dir", str(tmp_path / "c"),
           *QUICK[:1], "2", *QUICK[2:]]
    with monkeypatch.context() as patched:
        patched.setattr(training_run, "train", stopped_in_the_second_epoch)
        assert main(run) == 130
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)  # its checkpoint, finished as it is
    assert main([*run, "--resume"]) == 0
    assert main([*run, "--out", str(copy), "--resume", "--finish"]) == 0
    command = load_card(out).training["command"]
    assert not {"--resume", "--finish"} & {*shlex.split(command), *shlex.split(load_card(copy).training["command"])}
    again = [str(tmp_path / "again") if word == str(out) else word for word in shlex.split(command)[1:]]
    assert main(again) == 0 and same_weights(out, tmp_path / "again")
