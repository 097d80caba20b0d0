"""The OCT class codes are written out in one place, annotations.classes: every module that needs them (the default
OCT model card, the grades file, the report's follow-up, the class names people read) takes them from there, so a
code cannot change in one and be left behind in another."""
from __future__ import annotations

import ast
from pathlib import Path

from annotations.classes import OCT_CLASSES
from inference.model_card import default_card

ROOT = Path(__file__).resolve().parents[2]
SOURCE_PACKAGES = ("annotations", "app", "bench", "inference", "widgets")
HOME = Path("annotations/classes.py")


def written_out_codes(source: Path) -> list[str]:
    """"path:line CODE" for each string literal in ``source`` that is an OCT class code."""
    tree = ast.parse(source.read_text(encoding="utf-8"), filename=str(source))
    return [f"{source.relative_to(ROOT)}:{node.lineno} {node.value}" for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in OCT_CLASSES]


def test_oct_class_codes_are_written_out_only_in_annotations_classes() -> None:
    sources = [ROOT / "main.py"] + [path for package in SOURCE_PACKAGES
                                    for path in sorted((ROOT / package).rglob("*.py"))]
    found = [hit for source in sources if source.relative_to(ROOT) != HOME for hit in written_out_codes(source)]
    assert found == []
    assert written_out_codes(ROOT / HOME)  # the check sees the codes where they are written


def test_the_default_oct_model_classifies_into_the_oct_classes() -> None:
    assert default_card("oct").classes == list(OCT_CLASSES)
