"""What a batch analysis says about the workspace it stores results in, as templates (see inference/messages.py)."""
from __future__ import annotations

from annotations.wording import QT_TRANSLATE_NOOP

CANNOT_BE_WRITTEN = QT_TRANSLATE_NOOP("BatchMessages", "{folder} cannot be written")
NOT_AMONG_CASES = QT_TRANSLATE_NOOP("BatchMessages", "{photos}: not among the cases of {folder}; --workspace takes the "
                                                     "results of that folder's own images")
NOT_A_CASE = QT_TRANSLATE_NOOP("BatchMessages", "{photo}: not a case of the workspace {folder}")
TEMPLATES: tuple[str, ...] = (CANNOT_BE_WRITTEN, NOT_AMONG_CASES, NOT_A_CASE)
