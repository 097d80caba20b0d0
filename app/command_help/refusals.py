"""argparse's own reasons for refusing a command line (context "CommandRefusals"), as templates: each is the very
text Python 3.11's argparse.py passes to its gettext ``_`` or ``ngettext`` while it parses, so the English template is
argparse's msgid too (app.command_parser translates through this table). A translation keeps the template's
``%s``, ``%r`` and ``%(name)s`` placeholders: argparse fills it with ``%``. Left out: texts for a program's own
mistakes (a conflicting option string), and the two argparse says of no command line a person types
("unexpected option string", "unknown parser": an invalid choice is said first)."""
from __future__ import annotations

from annotations.wording import QT_TRANSLATE_NOOP

CONTEXT = "CommandRefusals"
# named for LISTED below
REQUIRED = QT_TRANSLATE_NOOP("CommandRefusals", "the following arguments are required: %s")
AMBIGUOUS = QT_TRANSLATE_NOOP("CommandRefusals", "ambiguous option: %(option)s could match %(matches)s")  # abbreviated
INVALID_CHOICE = QT_TRANSLATE_NOOP("CommandRefusals", "invalid choice: %(value)r (choose from %(choices)s)")
REASONS = (
    QT_TRANSLATE_NOOP("CommandRefusals", "argument %(argument_name)s: %(message)s"),  # the reasons below that name
    # an option or argument: "%(message)s" is one of them
    REQUIRED,
    QT_TRANSLATE_NOOP("CommandRefusals", "unrecognized arguments: %s"),
    AMBIGUOUS,
    INVALID_CHOICE,
    QT_TRANSLATE_NOOP("CommandRefusals", "invalid %(type)s value: %(value)r"),  # %(type)s: int, float, ...
    QT_TRANSLATE_NOOP("CommandRefusals", "ignored explicit argument %r"),  # a value given to an option that takes none
    QT_TRANSLATE_NOOP("CommandRefusals", "expected one argument"),
    QT_TRANSLATE_NOOP("CommandRefusals", "expected at most one argument"),
    QT_TRANSLATE_NOOP("CommandRefusals", "expected at least one argument"),
    QT_TRANSLATE_NOOP("CommandRefusals", "expected %s argument"),  # ngettext's singular and plural
    QT_TRANSLATE_NOOP("CommandRefusals", "expected %s arguments"),
    QT_TRANSLATE_NOOP("CommandRefusals", "not allowed with argument %s"),  # mutually exclusive options
    QT_TRANSLATE_NOOP("CommandRefusals", "one of the arguments %s is required"),
)
# The reasons argparse fills with a list it joined with ", ": the value that holds the list (None: the reason's one
# %s), which app.command_parser joins again as the parser's language lists names ("、" in Chinese).
LISTED = {REQUIRED: None, AMBIGUOUS: "matches", INVALID_CHOICE: "choices"}
