"""Training in a child process, so that a crash in training (out of memory, a native fault) never takes the calling
program down, and cancelling can always stop it.

The child, ``python -m inference.training.train_process CONFIG.json``, runs ``train`` and writes one JSON object a
line on stdout: ``{"progress": f, "message": m}``, ``{"step": n, "loss": x, "parts": {...}}``, then one of
``{"done": MODEL_DIR}``, ``{"cancelled": true}`` or ``{"error": TEXT}``; everything else it says goes to stderr.
SIGTERM (or its parent going away) cancels it between steps, leaving the last epoch's checkpoint. A file FINISH_FLAG
beside CONFIG.json asks it to finish now: its epoch ends after the current step (between epochs: the one just
validated is the last) and the model is written from it (a file, not a signal: Windows has no SIGUSR1).

The parent, ``train_in_subprocess(config, state, on_step)``, forwards progress and losses, terminates the child when
``state`` is cancelled (killing it when it does not stop within STOP_GRACE_S), and raises TrainingProcessError with
the child's own message, or the end of its stderr when it died without one; once ``finish`` is set it writes the
flag file.
"""
from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import asdict
from pathlib import Path
from typing import IO, Any, Callable

from annotations.progress import Cancelled, TaskState, check_cancelled
from inference.model_card import ModelCard, load_card
from inference.training import messages as msg
from inference.training.config import TrainConfig

PROJECT_ROOT = Path(__file__).resolve().parents[2]
STOP_GRACE_S = 5.0  # a step in progress may finish; then the child is killed
POLL_S = 0.1
STDERR_TAIL_CHARS = 2000
FINISH_FLAG = "finish"
StepCallback = Callable[[int, float, dict[str, float]], None]


class TrainingProcessError(Exception):
    """The training process reported an error or died; the text is its own message."""


def child_command(config_file: Path) -> list[str]:
    return [sys.executable, "-m", "inference.training.train_process", str(config_file)]


def train_in_subprocess(config: TrainConfig, state: TaskState, on_step: StepCallback | None = None,
                        finish: threading.Event | None = None) -> ModelCard:
    """Train ``config`` in a child process; the saved model's card. Cancelled when ``state`` is cancelled; once
    ``finish`` is set, the child stops training after its current step and saves the model so far."""
    config.out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".train-", dir=config.out.parent) as scratch:
        config_file = Path(scratch) / "config.json"
        config_file.write_text(json.dumps(asdict(config), default=str), encoding="utf-8")
        with open(Path(scratch) / "stderr.txt", "w+", encoding="utf-8", errors="replace") as stderr:
            finishing = (finish, Path(scratch) / FINISH_FLAG) if finish is not None else None
            outcome = _supervise(child_command(config_file), stderr, state, on_step, finishing)
            stderr.seek(0)
            tail = stderr.read()[-STDERR_TAIL_CHARS:].strip()
    returncode, last = outcome
    if "done" in last and returncode == 0:
        return load_card(Path(last["done"]))
    if "cancelled" in last:
        raise Cancelled()
    if "error" in last:
        raise TrainingProcessError(last["error"])
    how = msg.BY_SIGNAL.format(number=-returncode) if returncode < 0 else msg.WITH_EXIT_CODE.format(number=returncode)
    stopped = msg.PROCESS_STOPPED_SAYING if tail else msg.PROCESS_STOPPED
    raise TrainingProcessError(stopped.format(how=how, tail=tail))


def _supervise(command: list[str], stderr: IO[str], state: TaskState, on_step: StepCallback | None,
               finishing: tuple[threading.Event, Path] | None) -> tuple[int, dict[str, Any]]:
    """Run ``command``, relaying its lines; (exit code, its last event). Cancelled stops it first; ``finishing``
    (event, flag file): the event set writes the flag file the child looks for."""
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH", "")]))}
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr, stdin=subprocess.DEVNULL, text=True,
                             encoding="utf-8", errors="replace", cwd=PROJECT_ROOT, env=environment)
    lines: queue.Queue[str | None] = queue.Queue()
    threading.Thread(target=_read_lines, args=(child.stdout, lines), daemon=True).start()
    last: dict[str, Any] = {}
    try:
        while True:
            check_cancelled(state)
            if finishing is not None and finishing[0].is_set() and not finishing[1].exists():
                finishing[1].touch()
            try:
                line = lines.get(timeout=POLL_S)
            except queue.Empty:
                continue
            if line is None:  # stdout closed: the child is ending
                return child.wait(), last
            event = _event(line)
            if "progress" in event:
                state.progress(float(event["progress"]), str(event.get("message", "")))
            elif "step" in event and on_step is not None:
                on_step(int(event["step"]), float(event["loss"]), dict(event.get("parts") or {}))
            elif event:
                last = event
    except BaseException:
        stop(child)
        raise


def stop(child: subprocess.Popen) -> None:
    """SIGTERM (the child cancels between steps), then a kill after STOP_GRACE_S."""
    if child.poll() is not None:
        return
    child.terminate()
    try:
        child.wait(STOP_GRACE_S)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()


def _read_lines(stream: IO[str], lines: queue.Queue) -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)


def _event(line: str) -> dict[str, Any]:
    try:
        event = json.loads(line)
    except json.JSONDecodeError:
        return {}
    return event if isinstance(event, dict) else {}


# the child ------------------------------------------------------------------------------------------------------
class JsonLinesState:
    """Progress as JSON lines on stdout; cancelled by SIGTERM or when the parent process has gone; asked to finish
    by ``finish_flag`` existing."""

    def __init__(self, finish_flag: Path) -> None:
        self.finish_flag = finish_flag
        self.cancelled = False
        self.parent = os.getppid()
        self.last_emit = 0.0

    def progress(self, fraction: float, message: str = "") -> None:
        now = time.monotonic()
        if now - self.last_emit >= POLL_S or fraction >= 1.0:
            self.last_emit = now
            emit({"progress": fraction, "message": message})

    def is_cancelled(self) -> bool:
        return self.cancelled or os.getppid() != self.parent

    def finish_requested(self) -> bool:
        return self.finish_flag.exists()


def emit(event: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    from inference.training.run import train  # torch loads here, in the child only

    config_file = Path((argv if argv is not None else sys.argv[1:])[0])
    state = JsonLinesState(config_file.with_name(FINISH_FLAG))
    signal.signal(signal.SIGTERM, lambda signum, frame: setattr(state, "cancelled", True))
    try:
        config = TrainConfig(**json.loads(config_file.read_text(encoding="utf-8")))
        result = train(config, state, on_step=lambda step, loss, parts: emit(
            {"step": step, "loss": loss, "parts": {k: float(v) for k, v in parts.items()}}),
                       finish_requested=state.finish_requested)
    except Cancelled:
        emit({"cancelled": True})
        return 0
    except Exception as exc:  # the message goes to the parent; the traceback to stderr for the log
        traceback.print_exc()
        emit({"error": str(exc) or type(exc).__name__})
        return 1
    emit({"done": str(result.model_dir)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
