"""The window's test fixtures: windows here load no models in advance when a folder opens (app.model_preload); the
tests of that preload turn it back on."""
from __future__ import annotations

import pytest

from app.model_preload import PRELOAD_ENV


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
