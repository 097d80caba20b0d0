"""The window's test fixtures: windows here load no models in advance when a folder opens (app.model_preload); the
tests of that preload turn it back on."""
from __future__ import annotations

import pytest

from app.model_preload import PRELOAD_ENV


@pytest.fixture(autouse=True)
def _no_model_preload(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PRELOAD_ENV, "0")
