"""Every kind of file a reader names for "file is 80 MB, too large for {what}" is a word the interface translates
(annotations.messages.FILE_ROLES): the Chinese window said 对 a case file 来说过大. A new reader that names its file
a new way fails here until the word is added there."""
from __future__ import annotations

import ast
import inspect
from pathlib import Path

from annotations import messages
from annotations.regular_files import open_regular

ROOT = Path(__file__).resolve().parents[2]
READERS = {"open_regular": 2, "read_regular_bytes": 2, "parse_untrusted_xml": 2}  # the reader: ``what``'s position


def _named_roles() -> dict[str, str]:
    """Each literal ``what`` the program's sources pass to a reader, and where."""
    named = {}
    for path in sorted((*ROOT.glob("annotations/**/*.py"), *ROOT.glob("inference/**/*.py"), *ROOT.glob("app/**/*.py"))):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name not in READERS:
                continue
            given = [*node.args[READERS[name]:READERS[name] + 1], *(k.value for k in node.keywords if k.arg == "what")]
            for value in given:
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    named[value.value] = f"{path.relative_to(ROOT)}:{node.lineno}"
    return named


def test_every_kind_of_file_a_reader_names_is_translated() -> None:
    named = _named_roles()
    assert len(named) > 15 and "a case file" in named  # the walk finds the readers
    untranslated = {role: where for role, where in named.items() if role not in messages.FILE_ROLES}
    assert untranslated == {}


def test_the_readers_default_is_translated_too() -> None:
    assert inspect.signature(open_regular).parameters["what"].default in messages.FILE_ROLES
