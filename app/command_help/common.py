"""The help's words every command shares (context "CommandHelp"): argparse's own that a parser can be given
(app.command_parser), the program's description and options, and the help of options several commands take alike."""
from __future__ import annotations

from annotations.wording import QT_TRANSLATE_NOOP

CONTEXT = "CommandHelp"
# argparse's words, as it writes them (its usage line's start, its two sections' headings, -h's and --version's help)
USAGE = QT_TRANSLATE_NOOP("CommandHelp", "usage: ")
POSITIONALS = QT_TRANSLATE_NOOP("CommandHelp", "positional arguments")
OPTIONS = QT_TRANSLATE_NOOP("CommandHelp", "options")
HELP = QT_TRANSLATE_NOOP("CommandHelp", "show this help message and exit")
VERSION = QT_TRANSLATE_NOOP("CommandHelp", "show program's version number and exit")

DESCRIPTION = QT_TRANSLATE_NOOP("CommandHelp", "Review, annotate and grade retinal images offline.")
VERBOSE = QT_TRANSLATE_NOOP("CommandHelp", "log debug messages")
LANG = QT_TRANSLATE_NOOP("CommandHelp", "language of what the command prints for this run (default: the Settings' "
                                        "choice, else the system's)")  # every command's --lang but open's, report's
FOLDER = QT_TRANSLATE_NOOP("CommandHelp", "the folder of images (the workspace)")  # a workspace's FOLDER argument
VOC_LABEL_MAP = QT_TRANSLATE_NOOP("CommandHelp", "VOC class names, e.g. hard_exudates=EX,haemorrhage=HE,"
                                                 "optic_disc=OD")  # train's and evaluate's --label-map
