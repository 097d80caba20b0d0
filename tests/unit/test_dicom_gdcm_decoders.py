"""GDCM's child processes last: a JPEG-LS volume's B-scans are decoded by one child (a child started per frame cost
the B-scan slider 0.3 s a step), which is replaced when it ended, killed past its timeout, shared by no two threads
at once nor by a forked process, and killed at exit."""
from __future__ import annotations

import multiprocessing
import os
import signal
import site
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Iterator

import numpy as np
import pytest
from pydicom import uid

import annotations.dicom.gdcm_decoders as gdcm_decoders
from annotations.frames import with_frame
from annotations.image_io import ImageLoadError, load_image
from tests.dicom_files import write_dicom

ROOT = Path(__file__).resolve().parents[2]
VOLUME = np.random.default_rng(3).integers(0, 256, (7, 48, 64)).astype(np.uint8)  # no two B-scans alike


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[subprocess.Popen]]:
    """The children started during the test, none running before it."""
    gdcm_decoders.shutdown()
    children: list[subprocess.Popen] = []
    popen = subprocess.Popen

    def started_child(*args, **kwargs) -> subprocess.Popen:
        children.append(popen(*args, **kwargs))
        return children[-1]

    monkeypatch.setattr(gdcm_decoders.subprocess, "Popen", started_child)
    yield children
    gdcm_decoders.shutdown()


@pytest.fixture
def volume(tmp_path: Path) -> Path:
    return write_dicom(tmp_path / "vol.dcm", VOLUME, uid.OphthalmicTomographyImageStorage, syntax=uid.JPEGLSLossless,
                       frames=True)


def bscan(path: Path, number: int) -> np.ndarray:
    return load_image(with_frame(str(path), number))[..., 0]


def test_the_b_scans_of_a_volume_are_decoded_by_one_child(started: list[subprocess.Popen], volume: Path) -> None:
    for number in (4, 5, 3, 1, 7):
        np.testing.assert_array_equal(bscan(volume, number), VOLUME[number - 1])
    assert len(started) == 1 and started[0].poll() is None


def test_a_child_killed_between_frames_is_replaced_unseen(started: list[subprocess.Popen], volume: Path) -> None:
    bscan(volume, 1)
    started[0].kill()
    started[0].wait()
    np.testing.assert_array_equal(bscan(volume, 2), VOLUME[1])
    assert len(started) == 2 and started[1].poll() is None


def test_a_frame_that_ends_its_child_is_its_error_and_the_next_frame_gets_a_new_one(
        started: list[subprocess.Popen], tmp_path: Path, volume: Path) -> None:
    """A JPEG Lossless frame whose Huffman table's marker is damaged: GDCM aborts the child decoding it."""
    path = write_dicom(tmp_path / "eye.dcm", VOLUME[0], syntax=uid.JPEGLosslessSV1)
    data = path.read_bytes()
    table = data.index(b"\xff\xc4", data.index(b"\xff\xd8"))  # DHT in the frame's codestream
    path.write_bytes(data[:table] + b"\0" + data[table + 1:])
    with pytest.raises(ImageLoadError, match=r"eye.dcm: the pixel data cannot be decoded \(GDCM stopped \(SIGABRT\)"):
        load_image(path)
    assert started[0].returncode == -signal.SIGABRT  # waited for: no zombie
    np.testing.assert_array_equal(bscan(volume, 6), VOLUME[5])
    assert len(started) == 2


def test_a_frame_past_the_timeout_kills_its_child(started: list[subprocess.Popen], volume: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    gdcm = gdcm_decoders.COMMAND, gdcm_decoders.DECODE_TIMEOUT_S
    monkeypatch.setattr(gdcm_decoders, "DECODE_TIMEOUT_S", 0.5)
    monkeypatch.setattr(gdcm_decoders, "COMMAND", [sys.executable, "-c", "import time; time.sleep(60)"])
    began = time.monotonic()
    with pytest.raises(ImageLoadError) as caught:
        bscan(volume, 1)
    assert "vol.dcm: the pixel data cannot be decoded (GDCM did not finish in 0.5 s)" in str(caught.value)
    assert time.monotonic() - began < 10 and started[0].returncode == -signal.SIGKILL
    gdcm_decoders.COMMAND, gdcm_decoders.DECODE_TIMEOUT_S = gdcm  # the next frame: GDCM's, in its time
    np.testing.assert_array_equal(bscan(volume, 1), VOLUME[0])
    assert len(started) == 2


def test_threads_decoding_at_once_each_get_their_own_frames(started: list[subprocess.Popen], volume: Path) -> None:
    threads, together = 4, threading.Barrier(4)
    wrong: list[str] = []

    def decode(first: int) -> None:
        together.wait()
        for step in range(2 * len(VOLUME)):
            number = (first + step) % len(VOLUME) + 1
            if not np.array_equal(bscan(volume, number), VOLUME[number - 1]):
                wrong.append(f"B-scan {number} by thread {first}")

    workers = [threading.Thread(target=decode, args=(first,)) for first in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert not wrong and 1 <= len(started) < threads * len(VOLUME)  # not one child a frame (IDLE_KEPT close some)
    waiting = [child for child in started if child.poll() is None]
    assert 1 <= len(waiting) <= gdcm_decoders.IDLE_KEPT  # the others closed: 78 MB each, kept for nothing


def test_shutdown_leaves_no_child_running(started: list[subprocess.Popen], volume: Path) -> None:
    bscan(volume, 1)
    gdcm_decoders.shutdown()
    assert len(started) == 1 and started[0].returncode is not None  # killed and waited for
    np.testing.assert_array_equal(bscan(volume, 2), VOLUME[1])  # a later frame starts another
    assert len(started) == 2


def _decode_in_fork(path: Path, number: int, answers: multiprocessing.SimpleQueue,
                    started: list[subprocess.Popen]) -> None:
    gdcm_decoders.shutdown()  # as the fork's exit would: the parent's child is not the fork's to end
    inherited = len(started)
    answers.put((np.array_equal(bscan(path, number), VOLUME[number - 1]), len(started) - inherited))


@pytest.mark.skipif(sys.platform == "win32", reason="no fork")
def test_a_forked_process_starts_its_own_child_and_leaves_its_parents(started: list[subprocess.Popen],
                                                                      volume: Path) -> None:
    """multiprocessing's fork, as a DataLoader's workers, made while another thread was taking a child (its lock
    held): the fork waited forever for a lock that no thread of its own would let go."""
    bscan(volume, 1)
    fork = multiprocessing.get_context("fork")
    answers = fork.SimpleQueue()
    worker = fork.Process(target=_decode_in_fork, args=(volume, 2, answers, started))
    with gdcm_decoders._decoders._lock:
        worker.start()
    worker.join(30)
    stuck = worker.is_alive()
    worker.kill()
    worker.join()
    assert not stuck and answers.get() == (True, 1)  # its pixels, by a child of its own
    np.testing.assert_array_equal(bscan(volume, 3), VOLUME[2])
    assert len(started) == 1 and started[0].poll() is None


EXIT = """
import atexit, subprocess, sys, threading, time
started, popen = [], subprocess.Popen
subprocess.Popen = lambda *args, **kwargs: started.append(popen(*args, **kwargs)) or started[-1]
atexit.register(lambda: print([child.returncode for child in started]))  # runs last: after the decoders' own
import annotations.dicom.gdcm_decoders as gdcm_decoders
from annotations.image_io import load_image
command, gdcm_decoders.COMMAND = gdcm_decoders.COMMAND, [sys.executable, "-c", "import time; time.sleep(60)"]
threading.Thread(target=load_image, args=(sys.argv[1],), daemon=True).start()  # its child busy at exit
while not started:
    time.sleep(0.01)
gdcm_decoders.COMMAND = command
load_image(sys.argv[1])  # its child idle at exit
"""


def test_the_program_ending_kills_its_children_idle_or_busy(volume: Path) -> None:
    """As the window closes: its process does not wait for a frame being decoded, nor leave a child behind."""
    ended = subprocess.run([sys.executable, "-c", EXIT, str(volume)], cwd=ROOT, capture_output=True, text=True,
                           timeout=30, check=True)
    assert ended.stdout.strip() == f"[{-signal.SIGKILL}, {-signal.SIGKILL}]"


LEAVE = """
import os, subprocess, sys
started, popen = [], subprocess.Popen
subprocess.Popen = lambda *args, **kwargs: started.append(popen(*args, **kwargs)) or started[-1]
from annotations.image_io import load_image
load_image(sys.argv[1])
print(started[0].pid, flush=True)
os._exit(0)  # as the window leaves while a model still loads (app.process_exit): no atexit
"""


def _ended(pid: int) -> bool:
    try:
        return "zombie" in Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="reads /proc")
def test_a_child_ends_when_the_program_leaves_without_atexit(volume: Path) -> None:
    left = subprocess.run([sys.executable, "-c", LEAVE, str(volume)], cwd=ROOT, capture_output=True, text=True,
                          timeout=30, check=True)
    deadline = time.monotonic() + 10
    while not _ended(int(left.stdout)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _ended(int(left.stdout))  # its standard input closed: it ended


FROM_PYTHONPATH = """
import sys
from annotations.image_io import load_image
assert "site-packages" not in sys.prefix and load_image(sys.argv[1]).shape == (48, 64, 3)
"""


@pytest.mark.skipif(sys.prefix == sys.base_prefix, reason="needs a virtual environment to reach by PYTHONPATH")
def test_a_child_finds_the_packages_its_program_found_by_pythonpath(volume: Path) -> None:
    """Packages installed with pip --target or --user reach the program by PYTHONPATH or the user site; the child
    (started -I) could not import pydicom, and every compressed frame failed as a file to re-export."""
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), *site.getsitepackages()]))
    subprocess.run([sys._base_executable, "-c", FROM_PYTHONPATH, str(volume)], cwd=ROOT, env=environment,
                   capture_output=True, timeout=60, check=True)
