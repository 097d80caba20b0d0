"""The program's side of GDCM's child processes (annotations.dicom.gdcm_child): children that decode frame after
frame, started when a frame first needs one, so that a frame costs its decoding and not a Python start each (0.3 s:
an OCT volume's B-scan slider waited that at every step).

A child decodes one frame at a time. A thread takes an idle child, or starts one where none is idle, and gives it
back with the frame decoded: threads decoding at once (the window's B-scan, an analysis's photos) do not wait on
each other's frames, and as many children live as frames are decoded at once, IDLE_KEPT of them waiting between
frames (78 MB each), where one child per thread would leave one for every pool thread that ever decoded, and one
child behind a lock would hold a B-scan behind an analysis's 12-megapixel photo.
A child that ends during a frame (GDCM ended it on damaged data) makes that frame's error, naming how it ended; one
that takes longer than DECODE_TIMEOUT_S is killed; one found ended between frames is replaced unseen. At exit the
children are killed (atexit); where the program leaves without atexit (os._exit, a crash) each sees its standard
input close and ends. A process forked from the program (multiprocessing, a DataLoader's workers) starts its own
children: at the fork it forgets its parent's (whose lock a thread it has not may hold) and closes its copies of
their pipes, so that neither reads the other's replies and the parent's children still end with the parent.
"""
from __future__ import annotations

import atexit
import io
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
from typing import TYPE_CHECKING, BinaryIO

import numpy as np

from annotations.dicom.gdcm_child import CHILD, FAILED, REPLY_HEAD, REQUEST_HEAD, read_exactly

if TYPE_CHECKING:
    from pydicom.dataset import Dataset

# -P: the child's folder (annotations/dicom) is not put first on its path, so it imports nothing of the program;
# PYTHONPATH and the user site stay as the program has them (-I dropped them: a pydicom installed with pip
# --user or --target was not found, and every frame failed)
COMMAND = [sys.executable, "-P", str(CHILD)]
DECODE_TIMEOUT_S = 120  # a 120-megapixel 16-bit frame decodes in seconds; a stuck decoder ends there
IDLE_KEPT = 2  # idle children kept for the next frames (a B-scan's, an analysis's photo's); more are closed
EXIT_WAIT_S = 5  # a child whose pipe closed is ending; its exit status says how
ERROR_CHARS = 500
# the Image Pixel module's elements that say how to read a frame; windowing and rescale stay with the reader
PIXEL_DESCRIPTION = {"SamplesPerPixel": int, "PhotometricInterpretation": str, "PlanarConfiguration": int,
                     "Rows": int, "Columns": int, "BitsAllocated": int, "BitsStored": int, "HighBit": int,
                     "PixelRepresentation": int}


class DecoderStopped(RuntimeError):
    """The child failed or died; the text says how, as its own error or its exit."""


def decoded_apart(dataset: Dataset, syntax: str, stream: bytes) -> np.ndarray:
    """The frame whose codestream is ``stream``, described by ``dataset``'s pixel description, decoded by GDCM
    through pydicom in a child process, as pydicom's pixel_array gives it."""
    description = {keyword: convert(dataset[keyword].value) for keyword, convert in PIXEL_DESCRIPTION.items()
                   if keyword in dataset}
    header = json.dumps({"syntax": syntax, "description": description}).encode()
    child = _decoders.take()
    try:
        return child.decoded(header, stream)
    finally:
        _decoders.give_back(child)


def shutdown() -> None:
    """Kill this process's children and wait for them; a later frame starts a new one."""
    _decoders.shutdown()


class _Child:
    """One child process, used by one thread at a time. Its standard error goes to a file: the last words of a
    child GDCM ended (a pipe that nobody reads between frames would fill with warnings and stop the child)."""

    def __init__(self) -> None:
        self._said = tempfile.TemporaryFile()  # for the child's whole life: closed in let_go
        self._process = subprocess.Popen(COMMAND, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._said,
                                         bufsize=0,  # nothing buffered: a forked process's copy never flushes
                                         creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))  # no console
        self._late = False

    @property
    def running(self) -> bool:
        return self._process.poll() is None

    def decoded(self, header: bytes, stream: bytes) -> np.ndarray:
        """The frame of the request ``header`` + ``stream``; DecoderStopped with GDCM's error, or how the child
        ended (then it is not running)."""
        self._said.seek(0)
        self._said.truncate()
        watchdog = threading.Timer(DECODE_TIMEOUT_S, self._kill_late)
        watchdog.start()
        try:
            reply = self._exchange(header, stream)
        except BaseException:  # an interrupt between request and reply: the next reply would answer this request
            self._process.kill()
            raise
        finally:
            watchdog.cancel()
        if reply is None:
            raise DecoderStopped(self._how_it_ended())
        status, answer = reply
        if status == FAILED:
            raise DecoderStopped(answer.decode("utf-8", "replace").strip()[-ERROR_CHARS:])
        return np.load(io.BytesIO(answer), allow_pickle=False)

    def _exchange(self, header: bytes, stream: bytes) -> tuple[int, bytearray] | None:
        """The child's reply to the request; None where it ended before it replied."""
        requests, replies = self._process.stdin, self._process.stdout
        assert requests is not None and replies is not None
        try:
            _write_all(requests, REQUEST_HEAD.pack(len(header), len(stream)) + header)
            _write_all(requests, stream)
            head = read_exactly(replies, REPLY_HEAD.size)
            if len(head) == REPLY_HEAD.size:
                status, size = REPLY_HEAD.unpack(head)
                answer = read_exactly(replies, size)
                if len(answer) == size:
                    return status, answer
        except OSError:  # the pipe broke: the child ended while the request was written
            pass
        return None

    def _kill_late(self) -> None:
        self._late = True
        self._process.kill()

    def _how_it_ended(self) -> str:
        try:
            code = self._process.wait(EXIT_WAIT_S)
        except subprocess.TimeoutExpired:  # its replies' pipe closed, yet it runs
            self._process.kill()
            code = self._process.wait()
        if self._late:
            return f"GDCM did not finish in {DECODE_TIMEOUT_S} s"
        self._said.seek(0)
        said = self._said.read().decode("utf-8", "replace").strip()[-ERROR_CHARS:]
        return f"GDCM stopped ({_exit(code)}): {said}"

    def kill(self) -> None:
        """Kill the child and wait for it (no zombie); its pipes stay open for the thread that may be using it."""
        self._process.kill()
        self._process.wait()

    def close(self) -> None:
        """Kill the child, wait for it, and close its pipes."""
        self.kill()
        self.let_go()

    def let_go(self) -> None:
        """Close this process's ends of the child's pipes, leaving the child to the process that started it."""
        for pipe in (self._process.stdin, self._process.stdout, self._said):
            if pipe is not None:
                pipe.close()


class _Decoders:
    """This process's children: the idle ones, and every one started (to kill at exit)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: list[_Child] = []
        self._started: set[_Child] = set()

    def take(self) -> _Child:
        """An idle child still running, else a new one."""
        ended = []
        with self._lock:
            while self._idle:
                child = self._idle.pop()
                if child.running:
                    break
                self._started.discard(child)
                ended.append(child)  # killed between frames: closed below, its replacement decodes this frame
            else:
                child = _Child()
                self._started.add(child)
        for gone in ended:
            gone.close()
        return child

    def give_back(self, child: _Child) -> None:
        """``child`` idle again, or closed where it ended, shutdown let it go meanwhile or IDLE_KEPT wait."""
        with self._lock:
            keep = child in self._started and child.running and len(self._idle) < IDLE_KEPT
            if keep:
                self._idle.append(child)
            else:
                self._started.discard(child)
        if not keep:
            child.close()

    def shutdown(self) -> None:
        with self._lock:
            idle, busy = self._idle, self._started.difference(self._idle)
            self._idle, self._started = [], set()
        for child in idle:
            child.close()
        for child in busy:  # its thread, reading its reply, finds it ended and closes it
            child.kill()

    def let_go(self) -> None:
        """In a forked process: close its copies of the parent's pipes (the parent's children then still see their
        standard input close when the parent ends). No lock: the fork is the only thread here."""
        for child in self._started:
            child.let_go()


def _write_all(pipe: BinaryIO, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[pipe.write(view):]


def _exit(returncode: int) -> str:
    if returncode < 0:
        try:
            return signal.Signals(-returncode).name
        except ValueError:
            return f"signal {-returncode}"
    return f"exit status {returncode}"


def _forked() -> None:
    global _decoders
    inherited, _decoders = _decoders, _Decoders()
    inherited.let_go()


_decoders = _Decoders()
atexit.register(shutdown)
if hasattr(os, "register_at_fork"):  # POSIX: elsewhere processes are spawned, and import this module afresh
    os.register_at_fork(after_in_child=_forked)
