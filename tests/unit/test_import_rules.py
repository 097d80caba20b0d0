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


# layers inside inference/, lowest first: a module may import its own layer and those below, never one above
INFERENCE_LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("core", ()),  # every module not named below: models, pipeline, data sets, metrics, plots ...
    ("evaluation", ("inference.evaluation", "inference.box_eval", "inference.pixel_eval")),
    ("training", ("inference.training",)),
)


def module_name(source: Path) -> str:
    return ".".join(source.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def first_party_imports(source: Path) -> list[tuple[str, bool]]:
    """(module, inside a function) for each import of inference/ or annotations/ in ``source``; ``from inference
    import pipeline`` counts as inference.pipeline."""
    tree = ast.parse(source.read_text(encoding="utf-8"), filename=str(source))
    nested = {id(node) for fn in ast.walk(tree) if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef))
              for node in ast.walk(fn)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        known = [name for name in names if _is_module(name)]
        found += [(name, id(node) in nested) for name in known if name.split(".")[0] in ("inference", "annotations")]
    return found


def _is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def inference_layer(module: str) -> int:
    for rank, (_, prefixes) in enumerate(INFERENCE_LAYERS):
        if any(module == prefix or module.startswith(prefix + ".") for prefix in prefixes):
            return rank
    return 0


def test_inference_layers_import_downwards_only() -> None:
    violations = []
    for source in sorted((ROOT / "inference").rglob("*.py")):
        here = module_name(source)
        for target, _ in first_party_imports(source):
            if target.startswith("inference") and inference_layer(target) > inference_layer(here):
                violations.append(f"{here} ({INFERENCE_LAYERS[inference_layer(here)][0]}) imports {target} "
                                  f"({INFERENCE_LAYERS[inference_layer(target)][0]})")
    assert not violations, "\n".join(violations)


def late_imports_without_a_reason(source: Path) -> list[int]:
    """Lines of first-party imports inside functions that carry no comment saying why they are late."""
    lines = source.read_text(encoding="utf-8").splitlines()
    tree = ast.parse("\n".join(lines), filename=str(source))
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(function):
            module = node.module if isinstance(node, ast.ImportFrom) and node.level == 0 else None
            if isinstance(node, ast.Import):
                module = node.names[0].name
            if module and module.split(".")[0] in ("annotations", "inference") and \
                    not any("#" in line for line in lines[node.lineno - 1:node.end_lineno]):
                found.append(node.lineno)
    return found


def test_core_packages_hide_no_imports_of_their_own_modules_in_functions() -> None:
    """A function-level import hides a dependency (and, before, a cycle); a module that loads a heavy library
    (pydicom, torch) may be imported late on purpose, with a comment on the import saying so."""
    hidden = [f"{source.relative_to(ROOT)}:{line} imports inside a function without saying why"
              for package in ("annotations", "inference") for source in sorted((ROOT / package).rglob("*.py"))
              for line in late_imports_without_a_reason(source)]
    assert not hidden, "\n".join(hidden)


def unit_of(module: str) -> str:
    """A sub-package (inference.training, annotations.workspace ...) is one unit; a top module is its own."""
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 2 or (ROOT.joinpath(*parts) / "__init__.py").is_file() else module


def test_no_import_cycles_between_core_modules_and_sub_packages() -> None:
    graph: dict[str, set[str]] = {}
    for package in ("annotations", "inference"):
        for source in sorted((ROOT / package).rglob("*.py")):
            here = unit_of(module_name(source))
            graph.setdefault(here, set()).update(
                target for target in (unit_of(name) for name, _ in first_party_imports(source)) if target != here)
    finished: set[str] = set()

    def visit(unit: str, path: list[str]) -> None:
        assert unit not in path, "import cycle: " + " -> ".join(path[path.index(unit):] + [unit])
        if unit not in finished:
            for target in sorted(graph.get(unit, ())):
                visit(target, path + [unit])
            finished.add(unit)

    for unit in sorted(graph):
        visit(unit, [])


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
