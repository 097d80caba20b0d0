"""The background worker: results on the GUI thread, one job at a time, cancel drops stale results."""
from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QThread

from annotations.image_types import ImageLoadError
from annotations.progress import check_cancelled
from app.logging_setup import configure_logging
from app.tasks import TaskRunner


@pytest.fixture
def runner(qtbot):
    runner = TaskRunner("test")
    yield runner
    runner.shutdown()


def _square(value, state):
    state.progress(0.5, "half")
    return value * value, threading.current_thread().name


def test_result_arrives_on_gui_thread_from_another_thread(qtbot, runner) -> None:
    received = []
    task = runner.run(_square, 7)
    task.finished.connect(lambda result: received.append((result, QThread.currentThread())))
    with qtbot.waitSignal(task.ended, timeout=5000):
        pass
    (value, worker_name), thread = received[0]
    assert value == 49
    assert worker_name != threading.main_thread().name
    assert thread is QThread.currentThread()  # delivered to the GUI (test) thread


def test_progress_and_partial_results_are_delivered(qtbot, runner) -> None:
    def job(count, state):
        for index in range(count):
            state.publish(index)
            state.progress((index + 1) / count, f"item {index}")
        return count

    partial, progress = [], []
    task = runner.run(job, 4)
    task.partial.connect(partial.append)
    task.progress.connect(lambda fraction, message: progress.append(fraction))
    with qtbot.waitSignal(task.finished, timeout=5000) as blocker:
        pass
    assert blocker.args == [4]
    assert partial == [0, 1, 2, 3]
    assert progress[-1] == 1.0


def test_new_job_cancels_previous_and_its_result_is_dropped(qtbot, runner) -> None:
    started = threading.Event()

    def slow(value, state):
        started.set()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            check_cancelled(state)
            time.sleep(0.005)
        return value

    first_results, second_results = [], []
    first = runner.run(slow, "stale")
    first.finished.connect(first_results.append)
    assert started.wait(2)
    second = runner.run(_square, 3)
    second.finished.connect(second_results.append)
    with qtbot.waitSignals([first.cancelled, second.finished], timeout=5000):
        pass
    assert first_results == []
    assert second_results[0][0] == 9
    assert first.is_cancelled



def test_cancel_drops_the_jobs_queued_behind_the_running_one_unrun(qtbot, runner) -> None:
    """Only one job runs; those queued behind it (the analysis after a case switch) never start once cancelled."""
    release, ran = threading.Event(), []

    def held(name, state):
        ran.append(name)
        release.wait(5)
        return name

    running = runner.run(held, "running")
    qtbot.waitUntil(lambda: ran == ["running"])
    queued = [runner.run(held, f"queued {index}") for index in range(2)]
    runner.cancel()
    release.set()
    with qtbot.waitSignals([running.cancelled] + [task.cancelled for task in queued], timeout=5000):
        pass
    qtbot.waitUntil(lambda: not runner.busy)
    assert ran == ["running"]

def test_cancelled_job_that_ignores_cancel_still_has_its_result_dropped(qtbot, runner) -> None:
    def stubborn(value, state):
        time.sleep(0.1)
        return value

    results = []
    task = runner.run(stubborn, "late")
    task.finished.connect(results.append)
    task.cancel()
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        pass
    assert results == []


def test_failure_reports_message_and_busy_goes_false(qtbot, runner) -> None:
    def broken(value, state):
        raise ValueError(f"bad input {value}")

    busy = []
    runner.busy_changed.connect(busy.append)
    task = runner.run(broken, 5)
    with qtbot.waitSignal(task.failed, timeout=5000) as blocker:
        pass
    qtbot.waitUntil(lambda: not runner.busy, timeout=2000)
    assert blocker.args == ["bad input 5"]
    assert busy == [True, False]


def test_a_file_problems_traceback_goes_to_the_log_file_alone(qtbot, runner, tmp_path, capsys) -> None:
    """A damaged photo printed Python's traceback on the console above its one-line message (screening probe): a
    file named and said is no bug; its traceback stays in the log file, for a support request. A bug's reaches the
    console too."""
    def damaged(path, state):
        raise ImageLoadError(path, "the file is damaged or truncated", "re-copy the image")

    def buggy(value, state):
        raise ValueError(f"bad input {value}")

    log_file = configure_logging(log_dir=tmp_path)
    for job, argument in ((damaged, "/photos/b.jpg"), (buggy, 5)):
        task = runner.run(job, argument)
        with qtbot.waitSignal(task.failed, timeout=5000):
            pass
    console = capsys.readouterr().err
    assert "ValueError: bad input 5" in console and "b.jpg" not in console
    logged = log_file.read_text()
    assert "ImageLoadError: /photos/b.jpg: the file is damaged" in logged and "ValueError: bad input 5" in logged


def test_event_loop_keeps_ticking_while_a_job_runs(qtbot, runner) -> None:
    def busy_wait(seconds, state):
        end = time.monotonic() + seconds
        total = 0
        while time.monotonic() < end:
            total += sum(range(2000))
        return total

    task = runner.run(busy_wait, 0.4)
    ticks = []
    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(10)
    with qtbot.waitSignal(task.ended, timeout=5000):
        pass
    timer.stop()
    assert len(ticks) > 10


@pytest.mark.parametrize("keep_published, delivered", [(True, ["finished"]), (False, [])])
def test_a_cancel_keeping_published_results_lets_through_those_published_before_it(
        qtbot, runner, keep_published: bool, delivered: list[str]) -> None:
    """An item published, then cancel on the GUI thread before its delivery: kept only when the cancel says so;
    one published after the cancel is dropped either way."""
    published, go_on = threading.Event(), threading.Event()

    def job(_value, state):
        state.publish("finished")
        published.set()
        go_on.wait(5)
        state.publish("after the cancel")
        check_cancelled(state)

    partial = []
    task = runner.run(job)
    task.partial.connect(partial.append)
    assert published.wait(5)  # no event handled meanwhile: the item is still on its way
    task.cancel(keep_published)
    go_on.set()
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        pass
    assert partial == delivered


def test_a_later_cancel_dropping_published_results_wins(qtbot, runner) -> None:
    """The person's Cancel, then the folder closing before the result arrived: dropped (it is the closed folder's)."""
    published = threading.Event()

    def job(_value, state):
        state.publish("finished")
        published.set()
        while not state.is_cancelled():
            time.sleep(0.01)

    partial = []
    task = runner.run(job)
    task.partial.connect(partial.append)
    assert published.wait(5)
    task.cancel(keep_published=True)
    task.cancel()
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        pass
    assert partial == []


def test_a_dropping_cancel_reaches_an_earlier_job_cancelled_keeping_its_results(qtbot, runner) -> None:
    """A case's job, stopped keeping its result by the next case's job, then the folder closing before the result
    arrived: dropped, though that job is no longer the latest (the folder opened next may have a case of that id)."""
    published = threading.Event()

    def first(_value, state):
        state.publish("finished")
        published.set()

    partial = []
    task = runner.run(first)
    task.partial.connect(partial.append)
    assert published.wait(5)  # no event handled meanwhile: the item is still on its way
    runner.run(lambda _value, state: None, keep_published=True)
    runner.cancel()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert partial == []
