"""Draw docs/import-graph.png: which package imports which, read from the code with ast (every import, also
those inside functions), grouped by layer. Needs graphviz's `dot` on PATH.

    python docs/make_import_graph.py [--out docs/import-graph.png]
"""
from __future__ import annotations

import argparse
import ast
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ("annotations", "inference", "widgets", "app")  # lowest first, as DESIGN.md orders them
SUB_PACKAGE_DEPTH = 2  # "inference.training", "annotations.workspace"; top modules of a layer fold into it
# inference's evaluation layer (tests/unit/test_import_rules.py INFERENCE_LAYERS) is drawn as its own node
EVALUATION_MODULES = frozenset({"inference.evaluation", "inference.box_eval", "inference.pixel_eval"})
EVALUATION_NODE = "inference (evaluation)"


def node_of(module: str) -> str | None:
    """The graph node of a module: its sub-package (inference.training), or its layer for a top-level module;
    None outside the four layers."""
    parts = module.split(".")
    if parts[0] not in LAYERS:
        return None
    if ".".join(parts[:2]) in EVALUATION_MODULES:
        return EVALUATION_NODE
    if len(parts) >= SUB_PACKAGE_DEPTH and (ROOT.joinpath(*parts[:SUB_PACKAGE_DEPTH]) / "__init__.py").is_file():
        return ".".join(parts[:SUB_PACKAGE_DEPTH])
    return parts[0]


def module_of(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def imports_of(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [f"{node.module}.{alias.name}" for alias in node.names]
    return found


def edges() -> Counter[tuple[str, str]]:
    """(importer node, imported node) -> number of import statements, self-edges left out."""
    counted: Counter[tuple[str, str]] = Counter()
    for layer in LAYERS:
        for path in sorted((ROOT / layer).rglob("*.py")):
            here = node_of(module_of(path))
            for target in {node_of(name) for name in imports_of(path)} - {None, here}:
                counted[(here, target)] += 1
    return counted


def dot_source(counted: Counter[tuple[str, str]]) -> str:
    nodes = sorted({n for edge in counted for n in edge} | set(LAYERS))
    lines = ["digraph imports {", '  rankdir=BT; node [shape=box, style="rounded,filled", fontname="Helvetica"];',
             '  edge [color="#555555", arrowsize=0.7];']
    colours = {"annotations": "#E3F2FD", "inference": "#E8F5E9", "widgets": "#FFF8E1", "app": "#FCE4EC"}
    for rank, layer in enumerate(LAYERS):
        members = [n for n in nodes if n.split(" ")[0].split(".")[0] == layer]
        lines.append(f'  subgraph cluster_{layer} {{ label="{layer}/ (layer {rank})"; style=dashed; '
                     f'color="#999999"; fontname="Helvetica";')
        lines += [f'    "{n}" [fillcolor="{colours[layer]}"];' for n in members]
        lines.append("  }")
    lines += [f'  "{a}" -> "{b}" [penwidth={min(1 + n / 8, 4):.1f}, tooltip="{n} files"];'
              for (a, b), n in sorted(counted.items())]
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "import-graph.png")
    args = parser.parse_args(argv)
    source = dot_source(edges())
    try:
        subprocess.run(["dot", "-Tpng", "-Gdpi=110", "-o", str(args.out)], input=source, text=True, check=True)
    except FileNotFoundError:
        print("error: graphviz `dot` not found; install graphviz (apt-get install graphviz)", file=sys.stderr)
        return 2
    print(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
