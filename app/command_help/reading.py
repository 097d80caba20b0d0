"""`retina-review reading`'s help (app.commands.reading), as templates marked for translation."""
from __future__ import annotations

from annotations.wording import QT_TRANSLATE_NOOP

CONTEXT = "ReadingHelp"
HELP = QT_TRANSLATE_NOOP("ReadingHelp", "single or double reading of a folder: settings, readers, cases needing "
                                        "arbitration")
DESCRIPTION = QT_TRANSLATE_NOOP("ReadingHelp", "Shows (and with options, changes) how FOLDER is read. In double "
                                               "reading every case needs two independent readings; readings that "
                                               "differ (grade, referable, DME risk, or a lesion class below the "
                                               "threshold's mask Dice or box F1) go to an arbiter.")
BLIND_AI = QT_TRANSLATE_NOOP("ReadingHelp", "double reading: readers do not see the AI's result until they submit")
THRESHOLD = QT_TRANSLATE_NOOP("ReadingHelp", "per-class mask Dice and box F1 below X make two readings disagree "
                                             "(default 0.5)")
SINGLE_READER = QT_TRANSLATE_NOOP("ReadingHelp", "single reading: the name the folder's labels go by (default "
                                                 "'reader 1')")
ARBITERS = QT_TRANSLATE_NOOP("ReadingHelp", "double reading: who arbitrates (they open the consensus, not a reader's "
                                            "store)")
