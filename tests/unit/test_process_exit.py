"""Leaving while a model load runs on a daemon thread inside torch (app.process_exit): without it, Python's
finalisation ends that thread inside a C++ destructor and the process aborts (134, "terminate called ...")."""
import subprocess
import sys
import threading
import time
from pathlib import Path

from app.process_exit import leave

ROOT = Path(__file__).resolve().parents[2]

# A fake load always inside torch (matmul releases the GIL in C++; short ones, so one ends soon even on a busy
# machine); a finaliser that sleeps lets it come back for the GIL while Python finalises, which a real exit hits by
# chance.
EXIT_DURING_LOAD = """
import sys, threading, time, torch
from app.process_exit import leave
inside = threading.Event()
def load():
    a = torch.randn(200, 200)
    inside.set()
    while True:
        a @ a
thread = threading.Thread(target=load, name="model preload", daemon=True)
thread.start()
inside.wait()
class SlowFinalise:
    def __del__(self):
        time.sleep(2.0)
keep = SlowFinalise()
print("saved", flush=True)
sys.exit(leave(3, [thread]))
"""


def test_exit_during_a_load_keeps_the_exit_code_and_the_output() -> None:
    done = subprocess.run([sys.executable, "-c", EXIT_DURING_LOAD], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert "terminate called" not in done.stderr
    assert (done.returncode, done.stdout) == (3, "saved\n")


def test_nothing_running_returns_the_code() -> None:
    ended = threading.Thread(target=time.sleep, args=(0,))
    ended.start()
    ended.join()
    assert leave(2, [ended]) == 2
    assert leave(0, []) == 0
