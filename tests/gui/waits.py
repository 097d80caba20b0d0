"""How long a GUI test may wait for work on a worker (a training run, a count, an analysis with the shipped models).

Nearly the suite's own per-test timeout (pyproject's [tool.pytest.ini_options] timeout), not a shorter guess: on a
loaded machine a tiny training run has taken over a minute. A wait ends a minute before that timeout, so that a line
that never comes fails its test with the wait's own message instead of stopping the whole run."""
from __future__ import annotations

import tomllib
from pathlib import Path

SUITE_TIMEOUT_MS = 1000 * (int(tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(
    encoding="utf-8"))["tool"]["pytest"]["ini_options"]["timeout"]) - 60)
