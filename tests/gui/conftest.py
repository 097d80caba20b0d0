"""The window's test fixtures: windows here load no models in advance when a folder opens (app.model_preload); the
tests of that preload turn it back on. A question left open as a test's windows close fails that test rather than
hanging the run."""
from __future__ import annotations

import time
from typing import Iterator

import pytest

from app.model_preload import PRELOAD_ENV


@pytest.fixture
def chinese_interface(qapp) -> Iterator[None]:
    """The interface's catalogues installed as a Chinese window installs them; removed after the test."""
    from PySide6.QtCore import QLocale

    from app.i18n import install_language

    before = QLocale()
    installed = install_language(qapp, "zh_CN")
    yield
    for translator in installed:
        qapp.removeTranslator(translator)
    QLocale.setDefault(before)


@pytest.fixture
def ticks(qapp) -> Iterator[list[float]]:
    """When the event loop turned, every 10 ms from the test's start to its end: a window frozen meanwhile adds none
    (count those after a moment to see it turned since)."""
    from PySide6.QtCore import QTimer

    turned: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: turned.append(time.monotonic()))
    timer.start(10)
    yield turned
    timer.stop()


@pytest.fixture(autouse=True)
def _no_model_preload(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PRELOAD_ENV, "0")


@pytest.fixture(autouse=True, scope="session")
def _settings_in_temp(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The user's preferences (QSettings' own place) are a temporary folder's: a command the tests run without
    --settings (report) took the developer's clinic, reader, logo and language."""
    from PySide6.QtCore import QSettings

    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(tmp_path_factory.mktemp("user-settings")))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    """A question a window asks as the test's widgets close (an Analyse all left running: "Stop it and close?")
    waited for an answer no one gives, and the run hung there for good. Such a question is dismissed, and the
    test fails naming it."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    left_open: list[str] = []

    def dismiss() -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None:
            left_open.append(getattr(modal, "text", modal.windowTitle)() or type(modal).__name__)
            if isinstance(modal, QDialog):
                modal.reject()  # close() is refused by a message box without an Escape button
            else:
                modal.close()

    watch = QTimer()
    watch.setInterval(200)
    watch.timeout.connect(dismiss)
    watch.start()
    try:
        return (yield)
    finally:
        watch.stop()
        if left_open:
            pytest.fail(f"left waiting for an answer as its windows closed: {left_open}", pytrace=False)
