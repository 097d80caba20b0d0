"""Shared fixtures: where the real data lives, and a skip when it is absent (a user's fresh clone)."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Iterator

import pytest

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared data not found at {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture(autouse=True)
def _log_to_temp(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Commands run by tests log into a temporary folder, never into the user's log."""
    monkeypatch.setenv("RETINA_REVIEW_LOG_DIR", str(tmp_path_factory.getbasetemp() / "logs"))


@pytest.fixture(autouse=True, scope="session")
def _training_cache_in_temp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Prepared training images go to a temporary folder, never the user's cache; for the whole session, because
    module-scoped fixtures train before any function-scoped fixture runs."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RETINA_REVIEW_CACHE", str(tmp_path_factory.getbasetemp() / "training-cache"))
        yield


@pytest.fixture(autouse=True)
def _english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands speak the interface's language, which follows the system locale (app.i18n): tests run in English,
    whatever the machine's, unless they choose another (a developer's LANG=zh_CN.UTF-8 failed them)."""
    for variable in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(autouse=True)
def _log_handlers_left_as_found() -> Iterator[None]:
    """A command a test runs (app.cli.main) logs to the test's captured stderr, closed once the test ends: a later
    test's log record then printed "Logging error" into the run. Each test leaves the root logger's handlers as it
    found them."""
    root = logging.getLogger()
    before = list(root.handlers)
    yield
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()


@pytest.fixture(autouse=True)
def _lock_renewals_end_with_the_test(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A workspace a test leaves open, as a crash does (the lock faked as a dead program's), kept its renewal
    thread: a minute later it found the lock gone or another's and logged so into whichever test ran then (a
    caplog there saw two records). Each test is one program's run: its renewals end with it, as a dead
    program's do."""
    from annotations.workspace.lock_renewal import LockRenewal

    started: list[LockRenewal] = []
    start = LockRenewal.start

    def recorded_start(renewal: LockRenewal) -> None:
        started.append(renewal)
        start(renewal)

    monkeypatch.setattr(LockRenewal, "start", recorded_start)
    yield
    for renewal in started:
        renewal.stop()
