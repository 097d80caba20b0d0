"""The texts annotations/ and inference/ show people (errors that name a file, the workspace's messages, import
and export warnings, label file notes; a model, device, data set or training run that cannot be used, a model
card's problems, the retrain notes) are formatted from the marked templates of their ``messages`` modules, never
written inline, so that the interface can match every one of them and show it in its own language
(widgets/domain_messages.py, app/inference_messages.py; tests/gui/test_domain_messages.py and
test_inference_messages.py check that side)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The errors a person can cause, and the lists of warnings and notes that reach the interface.
ERRORS = {"FileProblem", "FormatError", "ImageLoadError", "DicomError", "OutputError", "WorkspaceError", "LinkRefused",
          "ToolUnavailable", "error"}  # annotations.regular_files raises the error class it is given as ``error``
SHOWN_FIELDS = {"error", "warning", "message"}  # a text stored for the interface to show
COLLECTIONS = {"warnings", "notes", "messages", "problems", "details", "names", "failures"}  # "problems": a model
# card's, a run's; "names": what an analysis ran, for the status bar; "failures": a batch's photos that failed
# inference/: its own errors everywhere; a ValueError where training says it (the retrain dialog shows it); the
# command line's own argument checks and programming defects elsewhere stay English
INFERENCE_ERRORS = ERRORS | {"ModelError", "DataError", "CheckpointError", "TrainingProcessError", "DeviceError"}
TRAINING_ERRORS = INFERENCE_ERRORS | {"ValueError"}
SOURCES = sorted(path for folder in ("formats", "dicom", "workspace", "reading", "tools") for path in
                 (ROOT / "annotations" / folder).glob("*.py")) + \
    [ROOT / "annotations" / name for name in ("errors.py", "image_io.py", "output_folder.py", "output_names.py",
                                              "regular_files.py")]
INFERENCE_SOURCES = sorted((ROOT / "inference").rglob("*.py"))


def _errors(path: Path) -> set[str]:
    if path.is_relative_to(ROOT / "inference" / "training"):
        return TRAINING_ERRORS
    return INFERENCE_ERRORS if path.is_relative_to(ROOT / "inference") else ERRORS


def _inline_text(node: ast.expr) -> bool:
    """An f-string, a string literal with words, or either joined to another text."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and " " in node.value
    if isinstance(node, ast.BinOp):
        return _inline_text(node.left) or _inline_text(node.right)
    if isinstance(node, (ast.GeneratorExp, ast.ListComp)):
        return _inline_text(node.elt)
    if isinstance(node, (ast.List, ast.Tuple)):
        return any(_inline_text(element) for element in node.elts)
    return False


def _shown_texts(tree: ast.AST, errors: set[str] = ERRORS) -> list[tuple[ast.AST, list[ast.expr]]]:
    """Places that raise an error a person reads, add to a list of warnings, notes or messages, or store a text the
    interface shows (a case's or an outcome's ``error``: ``row.update(error=...)``, ``outcome.error = ...``), each
    with the texts it passes."""
    found: list[tuple[ast.AST, list[ast.expr]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in errors:
                found.append((node, node.args))
            elif isinstance(func, ast.Attribute) and func.attr in ("append", "extend"):
                target = func.value
                name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
                if name in COLLECTIONS:
                    found.append((node, node.args))
            if not (isinstance(func, ast.Attribute) and func.attr == "format"):  # a template's figure is no text
                stored = [keyword.value for keyword in node.keywords if keyword.arg in SHOWN_FIELDS]
                if stored:
                    found.append((node, stored))
        elif isinstance(node, ast.Assign) and any(_field(target) in SHOWN_FIELDS for target in node.targets):
            found.append((node, [node.value]))
    return sorted(found, key=lambda place: (place[0].lineno, place[0].col_offset))


def _field(target: ast.expr) -> str | None:
    """The field an assignment writes: ``x.error`` or ``x["error"]``."""
    if isinstance(target, ast.Attribute):
        return target.attr
    if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant):
        return target.slice.value
    return None


@pytest.mark.parametrize("path", SOURCES + INFERENCE_SOURCES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_shown_texts_are_formatted_from_templates(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    inline = [f"line {node.lineno}: {ast.unparse(node)[:100]}" for node, texts in _shown_texts(tree, _errors(path))
              if any(_inline_text(text) for text in texts)]
    assert inline == [], "format these from a template in the package's messages module"


def test_the_check_finds_an_inline_text() -> None:
    calls = _shown_texts(ast.parse('raise FormatError(path, f"line {n}: bad")\nsummary.warnings.append("a b")\n'
                                   'raise FormatError(path, msg.JSON_UNREADABLE.format(error=exc))'))
    assert [any(map(_inline_text, texts)) for _, texts in calls] == [True, True, False]


def test_the_check_finds_an_inline_text_stored_for_the_interface() -> None:
    source = ('row.update(size=None, error=f"{path}: cannot read")\nrow["error"] = "cannot read it"\n'
              'outcome.error = f"{path}: failed"\nrow.update(error=msg.GONE.format(path=p, error=f"{a}: {b}"))\n'
              'row["error"] = str(exc)')
    calls = _shown_texts(ast.parse(source))
    assert [any(map(_inline_text, texts)) for _, texts in calls] == [True, True, True, False, False]


def test_the_check_finds_inline_texts_in_inference() -> None:
    source = ('raise ModelError(path, f"bad {x}", "hint")\nproblems.append("input_size is wrong")\n'
              'raise ValueError("a b")\nraise ModelError(path, msg.CARD_NOT_FOUND, msg.RESTORE_CARD)')
    training = ROOT / "inference" / "training" / "x.py"
    flagged = [any(map(_inline_text, texts)) for _, texts in _shown_texts(ast.parse(source), _errors(training))]
    assert flagged == [True, True, True, False]
    assert len(_shown_texts(ast.parse(source), _errors(ROOT / "inference" / "x.py"))) == 3  # ValueError: training's
