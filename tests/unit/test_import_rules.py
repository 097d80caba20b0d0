"""DESIGN.md's module boundaries, checked by walking every import in the source tree."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# package -> top-level modules it must never import
FORBIDDEN: dict[str, set[str]] = {
    "annotations": {"PySide6", "shiboken6", "torch", "torchvision", "segmentation_models_pytorch", "timm",
                    "cv2", "inference", "widgets", "app"},
    "inference": {"PySide6", "shiboken6", "widgets", "app"},
    "widgets": {"torch", "torchvision", "segmentation_models_pytorch", "timm", "inference", "app"},
}


def imported_top_levels(source: Path) -> set[str]:
    tree = ast.parse(source.read_text(encoding="utf-8"), filename=str(source))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_respects_import_rules(package: str) -> None:
    violations = []
    for source in sorted((ROOT / package).rglob("*.py")):
        bad = imported_top_levels(source) & FORBIDDEN[package]
        if bad:
            violations.append(f"{source.relative_to(ROOT)} imports {sorted(bad)}")
    assert not violations, "\n".join(violations)


def test_rule_checker_sees_imports(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import torch.nn as nn\nfrom PySide6.QtCore import Qt\nfrom . import local\n")
    assert imported_top_levels(sample) == {"torch", "PySide6"}


def test_core_packages_import_without_qt() -> None:
    """Import every module of annotations/ and inference/ in a fresh interpreter where PySide6 cannot load."""
    modules = [
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for package in ("annotations", "inference")
        for path in sorted((ROOT / package).rglob("*.py"))
    ]
    script = (
        "import sys, importlib\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6'): raise ImportError('blocked')\n"
        "sys.meta_path.insert(0, Block())\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr


def test_unit_tests_run_without_qt() -> None:
    with pytest.raises(ImportError):
        import PySide6.QtCore  # noqa: F401
