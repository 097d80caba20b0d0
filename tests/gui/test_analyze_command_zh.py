"""`analyze` prints everything in the interface's language (its warnings, notes, errors, progress and summary, and what
inference/ says: a photo that failed, an option it refuses, the Ray cluster), and so do export's own lines: a Chinese
clinic's IT person ran `analyze` on a day's folder and read English, where `report`, `reading`, `import` and
`export`'s summary spoke Chinese.

The command's catalogues are a pseudo translator's here (tests.gui.pseudo_walk: every translated text ⟦wrapped⟧), so
a line that bypassed translation shows words outside the brackets whether or not the .ts translates it yet."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QCoreApplication

import app.i18n
from annotations.case_names import case_name
from annotations.frames import with_frame
from annotations.workspace import Workspace
from annotations.workspace import messages as workspace_messages
from app.cli import main
from app.inference_messages import command_line_message, shown_message
from app.pipeline_progress import batch_progress
from inference import messages as inference_messages
from inference.batch import messages as batch_messages
from inference.batch.summary import BatchCounts, batch_summary
from inference.batch.worker_plan import WorkerPlan
from inference.registry import ModelRegistry
from tests.gui.pseudo_walk import CLOSE, OPEN, PseudoTranslator, pseudo_locale, unwrapped
from tests.unit.test_analyze_console_english import photos  # noqa: F401 - a fixture: a day's folder, no model
from tests.unit.test_analyze_resume import stop_at_photo

COMMAND = "analyze"  # the progress bar's label: the command's name, as typed
RAY_CAUSE = "The actor is dead because its node has died. Node Id: 9f3e"  # Ray's words: data


@pytest.fixture
def pseudo_chinese(qapp, monkeypatch: pytest.MonkeyPatch) -> PseudoTranslator:
    """The interface's language is Chinese (the system locale's), and its catalogues a pseudo translator."""
    translator = PseudoTranslator()

    def install(application: QCoreApplication, language: str) -> list[PseudoTranslator]:
        application.installTranslator(translator)
        return [translator]

    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.setattr(app.i18n, "install_language", install)
    return translator


def _lines(capsys: pytest.CaptureFixture[str], *argv: str) -> list[tuple[str, str]]:
    """What ``retina-review ARGV`` printed, line by line, each with the command that printed it."""
    main(list(argv))
    printed = capsys.readouterr()
    return [(" ".join(argv[:2]), line) for line in (printed.out + printed.err).splitlines() if line.strip()]


def test_analyze_says_everything_it_prints_in_the_interfaces_language(
        pseudo_chinese: PseudoTranslator, photos: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = str(tmp_path / "out")
    runs = [
        # warnings on the inputs, the models, progress, a photo that failed, the summary
        ("analyze", str(photos), str(tmp_path / "missing.png"), str(tmp_path / "notes.txt"),
         str(tmp_path / "bad.png"), "--out", out),
        ("analyze", str(photos), "--out", out),  # refused: an earlier run's files, and how to go on with it
        ("analyze", str(photos), "--out", out, "--resume"),  # all finished: skipped
        ("analyze", str(photos), "--out", out, "--resume", "--outputs", "json,mask,overlay"),  # analysed again
        ("analyze", str(photos)),  # nowhere to go
        ("analyze", str(photos), "--out", out, "--ray-workers", "2"),
        ("analyze", str(photos), "--out", out, "--cam-grade", "2"),
        ("analyze", str(photos), "--out", out, "--outputs", "bogus"),
        ("analyze", str(photos), "--out", str(tmp_path / "new"), "--resume", "--outputs", "mask"),
        ("analyze", str(tmp_path / "notes.txt"), "--out", out),  # no images
    ]
    said = [line for argv in runs for line in _lines(capsys, *argv)]
    assert len(said) > 25
    assert unwrapped(said, data=(COMMAND, "'a.png'", "'b.png'")) == []
    assert all(line.startswith((OPEN, COMMAND)) for _, line in said), said  # the bar's label first, else a word


def test_exports_own_lines_are_in_the_interfaces_language(pseudo_chinese: PseudoTranslator, photos: Path,
                                                          tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    said = _lines(capsys, "export", str(photos), "--format", "voc", "--out", str(tmp_path / "voc"))  # never opened
    Workspace.open(photos).close()
    said += _lines(capsys, "export", str(photos), "--format", "voc", "--out", str(tmp_path / "voc"), "--reader",
                   "Nobody")
    said += _lines(capsys, "export", str(photos), "--format", "csv", "--out", str(tmp_path / "csv"), "--reader", "all")
    assert len(said) == 6  # --reader all: the summary under a line naming whose it is ("Reader reader 1:")
    # a reader's name is data; the progress bar's label names the command and the reader, its message the case
    assert unwrapped(said, data=("'Nobody'", "'reader 1'", "export reader 1", "'a.png'", "'b.png'")) == []


def test_what_inference_says_on_the_command_line_is_translated_with_its_own_advice(qapp) -> None:
    with pseudo_locale():
        no_cuda = inference_messages.NO_CUDA.format(advice=inference_messages.USE_AUTO_OR_CPU)
        assert command_line_message(no_cuda) == ("⟦device 'cuda' requested but no CUDA GPU is available; "
                                                 "⟦use --device auto or cpu⟧⟧")
        assert "Settings" in shown_message(no_cuda)  # the window's advice is its own
        bscan = case_name(with_frame("/p/vol.dcm", 3))
        taken_over = batch_messages.TAKEN_OVER.format(holder=workspace_messages.LOCK_HOLDER.format(
            pid=4242, host="workstation-b", started="2026-12-07 02:00"), folder="/p")
        texts = [
            batch_messages.PHOTO_FAILED.format(image=bscan, reason=inference_messages.NOT_ENOUGH_MEMORY),
            batch_messages.PHOTO_FAILED.format(image="/p/a.png", reason=batch_messages.WORKER_FAILED.format(
                error="ActorDiedError")),
            batch_messages.CANNOT_STORE_RESULT.format(image="/p/a.png", error="database is locked"),
            batch_messages.NOT_STORED_TAKEN_OVER.format(image="/p/a.png"),
            taken_over,
            batch_messages.RAY_CLUSTER.format(cpus="16", gpus="2", devices="cuda",
                                              workers=WorkerPlan(2, 2, 1.0).describe()),
            batch_messages.RAY_WAITING.format(waiting=1, workers=WorkerPlan(2, 2, 1.0).describe(), cpus="16",
                                              gpus="0"),
            batch_messages.WORKERS_LEFT_OUT.format(late=1, minutes=5, working=1),
            batch_messages.WORKER_STOPPED,
            batch_messages.WORKER_STOPPED_SAYING.format(cause=RAY_CAUSE),
            batch_messages.WORKER_OUT_OF_MEMORY,
            batch_messages.WORKER_BACK.format(working=2, count=2),
            batch_messages.WORKER_GONE.format(working=1, count=2),
            batch_messages.NO_WORKERS_LEFT,
            batch_messages.NO_MEMORY_LEFT,
            batch_messages.CLUSTER_LOST.format(status=1),
            batch_messages.SOME_FOR_MEMORY.format(memory=1, others=2),
            batch_messages.PHOTO_FAILED.format(image="/p/a.png", reason=batch_messages.WORKER_LOST.format(
                first=batch_messages.STOPPED_OUT_OF_MEMORY, second=batch_messages.STOPPED_SAYING.format(
                    cause=RAY_CAUSE))),
            batch_messages.PHOTO_FAILED.format(image="/p/a.png", reason=batch_messages.WORKER_LOST_ALIKE.format(
                cause=batch_messages.STOPPED_UNSAID)),
            batch_messages.NO_TOKEN.format(error="Could not connect to 10.0.0.5:6379"),
            batch_messages.CANNOT_REACH.format(address="10.0.0.5:6379", reason="Connection refused"),
            batch_messages.NOT_A_WORKER_COUNT.format(count="-1"),
            inference_messages.UNKNOWN_OUTPUT.format(kinds=inference_messages.NONE_GIVEN, choices="json,mask"),
        ]
        data = ("/p/a.png", "database is locked", "ActorDiedError", "Could not connect to 10.0.0.5:6379",
                "json,mask", "'/p/vol.dcm'", "cuda", "10.0.0.5:6379", "Connection refused", "-1", RAY_CAUSE,
                "4242", "workstation-b", "2026-12-07 02:00", "/p")
        assert unwrapped([("inference", command_line_message(text)) for text in texts], data) == []
        assert f"{OPEN}process 4242 on workstation-b" in command_line_message(taken_over)  # who holds it, too


def test_the_batchs_progress_and_summary_are_translated(qapp) -> None:
    with pseudo_locale():
        bscan = case_name(with_frame("/p/vol.dcm", 3))
        progress = [batch_progress(f"3/12 {bscan}: segmenting lesions"), batch_progress("3/12 'a.png'"),
                    batch_progress("3/12 'a.png': done"), batch_progress("3/12 'a.png': failed"),
                    batch_progress("done")]
        counts = BatchCounts(total=30, analysed=12, failed=1, skipped=2, seconds=200.0, first_result_s=100.0,
                             last_result_s=190.0, files=24, stored=12)
        summary = batch_summary(counts, "/out", "/cases", stopped=True, translate=QCoreApplication.translate)
    assert unwrapped([("progress", text) for text in progress], data=("'/p/vol.dcm'", "'a.png'")) == []
    assert unwrapped([("summary", summary)], data=("/out", "/cases")) == []
    assert "⟦3 min 20 s⟧" in summary  # the units too


def test_analyze_speaks_chinese_with_the_shipped_catalogues(qapp, photos: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """The words the catalogues translate already (the pipeline's steps, "error: …", a file's problem) are Chinese;
    the catalogues are removed after the run."""
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert main(["analyze", str(photos / "a.png"), str(tmp_path / "bad.png"), "--out", str(tmp_path / "out")]) == 1
    printed = capsys.readouterr().err
    assert any("'a.png'" in line and "正在检查扫描质量" in line for line in printed.splitlines()), printed
    assert f"错误：{tmp_path / 'bad.png'}：" in printed, printed
    assert QCoreApplication.translate("CommandWords", "error: {error}") == "error: {error}"  # catalogues left


def test_a_stopped_analysis_says_so_in_the_interfaces_language_once(
        pseudo_chinese: PseudoTranslator, photos: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Ctrl+C at the second photo: the summary of what was done and how to go on, then "interrupted", each once."""
    stop_at_photo(monkeypatch, 2)
    assert main(["analyze", str(photos), "--out", str(tmp_path / "out")]) == 130
    said = [("stopped", line) for line in capsys.readouterr().err.splitlines()]
    assert unwrapped(said, data=(COMMAND, "'a.png'", "'b.png'")) == []
    assert said[-1] == ("stopped", "⟦interrupted⟧")
    assert said[-2][1].startswith("⟦stopped: ") and "not reached" in said[-2][1]


def test_the_models_line_names_each_models_task_in_the_interfaces_language(
        pseudo_chinese: PseudoTranslator, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With the shipped models the line read 模型：idrid-lesions（lesion-segmentation）、codras-optic-disc（optic-disc）…:
    each task as its model card writes it, where the Settings and About dialogs name it 病灶分割, 视盘."""
    # coloured: a photo, whose analysis loads the models (a flat grey picture is an OCT scan, which loads none)
    Image.fromarray(np.full((40, 60, 3), (90, 60, 30), np.uint8)).save(tmp_path / "a.png")
    said = _lines(capsys, "analyze", str(tmp_path / "a.png"), "--out", str(tmp_path / "out"), "--outputs", "json")
    (line,) = [line for _, line in said if line.startswith(f"{OPEN}models: ")]
    tasks = {entry.card.task for entry in ModelRegistry().entries() if entry.card is not None}
    assert "lesion-segmentation" in tasks and not [task for task in tasks if f"({task})" in line], line
    assert f"{OPEN}Lesion segmentation{CLOSE}" in line  # as the Settings dialog's catalogue words it
