"""Unit tests run with Qt made unimportable: annotations/ and inference/ must not need it."""
from __future__ import annotations

import importlib.abc
import sys

BLOCKED = ("PySide6", "shiboken6")


class _BlockQt(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path, target=None):  # noqa: ANN001 - importlib protocol
        if fullname.split(".")[0] in BLOCKED:
            raise ImportError(f"{fullname} is blocked in unit tests: this code must stay Qt-free")
        return None


if not any(name.split(".")[0] in BLOCKED for name in sys.modules):
    sys.meta_path.insert(0, _BlockQt())
