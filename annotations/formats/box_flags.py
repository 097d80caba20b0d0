"""The marks a box carries besides its class (VOC's difficult and truncated) and how label files spell them: the
one place every format reads them, so a "false" or "0" never marks a box difficult."""
from __future__ import annotations

from typing import Any

BOX_FLAGS = ("difficult", "truncated")  # Box fields: VOC elements, CVAT checkbox attributes, labelme flags
_TRUE_WORDS = frozenset({"1", "true", "yes"})


def flag_set(value: Any) -> bool:
    """Whether a flag's value as a file holds it marks the box: JSON true or 1, or the text 1, true or yes (any
    case, spaces around); anything else (false, 0, "no", "false", missing) does not."""
    if isinstance(value, str):
        return value.strip().lower() in _TRUE_WORDS
    return value is True or (type(value) in (int, float) and value == 1)
