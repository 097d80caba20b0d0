"""`retina-review open`'s help (app.commands.open), as templates marked for translation."""
from __future__ import annotations

from annotations.wording import QT_TRANSLATE_NOOP

CONTEXT = "OpenHelp"
HELP = QT_TRANSLATE_NOOP("OpenHelp", "open the review window (optionally on a folder or image files)")
DESCRIPTION = QT_TRANSLATE_NOOP("OpenHelp", "Open the review window on a folder of images or on image files of one "
                                            "folder.")
PATHS = QT_TRANSLATE_NOOP("OpenHelp", "a folder, or image files")
SCREENSHOT = QT_TRANSLATE_NOOP("OpenHelp", "wait until the first case is analysed, save the window as a PNG and exit")
TIMEOUT = QT_TRANSLATE_NOOP("OpenHelp", "with --screenshot: give up waiting for the analysis after this long (default "
                                        "{seconds})")
OVERWRITE = QT_TRANSLATE_NOOP("OpenHelp", "with --screenshot: replace an earlier screenshot of that name (never a "
                                          "photo or another file)")
SETTINGS = QT_TRANSLATE_NOOP("OpenHelp", "read and write settings in this file instead of the user's preferences")
LANG = QT_TRANSLATE_NOOP("OpenHelp", "interface language for this run (default: the Settings choice, else the "
                                     "system's)")
