"""Why a tool cannot act here (the texts of its ToolUnavailable), as templates: filled with ``.format`` in English,
matched by the interface (widgets/domain_messages.py) to show them in the interface's language."""
from __future__ import annotations

from annotations.wording import QT_TRANSLATE_NOOP

MAGIC_NEEDS_AI = QT_TRANSLATE_NOOP("ToolMessages", "the magic brush needs an AI result with {cls} for this case; run "
                                                   "the analysis (F5) first")
MAGIC_NO_MAP = QT_TRANSLATE_NOOP("ToolMessages", "no probability map of {cls} was kept: the magic brush followed the "
                                                 "AI's mask, not threshold {threshold}; analyse again (F5) to use one")
STILL_LOADING = QT_TRANSLATE_NOOP("ToolMessages", "the photo is still loading; fill again in a moment")
AI_ONLY = QT_TRANSLATE_NOOP("ToolMessages", "this {cls} is the AI's, not in your labels, so there is nothing to erase: "
                                            "accept it into your labels first (C reviews the AI candidates, Enter "
                                            "accepts), then erase or correct it")
ERASER_OTHER_CLASS = QT_TRANSLATE_NOOP("ToolMessages", "no {cls} here to erase: the eraser removes only the selected "
                                                       "class; painted here: {painted}")
PAINTED_NOTHING_OUTSIDE_FOV = QT_TRANSLATE_NOOP(
    "ToolMessages", "nothing painted: with Inside FOV on (the options bar) {cls} is painted inside the field of view "
                    "only; turn it off to paint the photo's dark border")
FILL_CUT_SHORT = QT_TRANSLATE_NOOP("ToolMessages", "the fill looks no further than {radius} px from the click; "
                                                   "the region may go on: click the part left to fill it")
BOX_TOO_SMALL = QT_TRANSLATE_NOOP("ToolMessages", "no box drawn: the drag covered {width}x{height} image pixels; a box "
                                                  "is at least {least} pixels each way")

TEMPLATES: tuple[str, ...] = (MAGIC_NEEDS_AI, MAGIC_NO_MAP, STILL_LOADING, AI_ONLY, ERASER_OTHER_CLASS,
                              PAINTED_NOTHING_OUTSIDE_FOV, FILL_CUT_SHORT, BOX_TOO_SMALL)
