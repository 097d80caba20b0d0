"""What `reading` prints on the console, as templates marked for translation (context "ReadingCommand"): said in
the interface's language (app.command_words), as `report` says its own."""
from __future__ import annotations

from annotations.wording import QT_TRANSLATE_NOOP

CONTEXT = "ReadingCommand"
FOLDER_NOT_FOUND = QT_TRANSLATE_NOOP("ReadingCommand", "{folder}: folder not found")
# a damaged reading.json replaced by the settings given (--mode): the damaged one kept beside it, never lost
DAMAGED_KEPT_ASIDE = QT_TRANSLATE_NOOP("ReadingCommand", "{path} could not be read: kept aside as {kept}, and "
                                                         "replaced by the settings below (the readers' readings are "
                                                         "not touched)")
WROTE = QT_TRANSLATE_NOOP("ReadingCommand", "wrote {path}")
SINGLE = QT_TRANSLATE_NOOP("ReadingCommand", "single reading, blind AI {blind}, threshold {threshold}")
DOUBLE = QT_TRANSLATE_NOOP("ReadingCommand", "double reading, blind AI {blind}, threshold {threshold}")
ON = QT_TRANSLATE_NOOP("ReadingCommand", "on")
OFF = QT_TRANSLATE_NOOP("ReadingCommand", "off")
READERS = QT_TRANSLATE_NOOP("ReadingCommand", "readers: {readers}")
READERS_AND_ARBITERS = QT_TRANSLATE_NOOP("ReadingCommand", "readers: {readers}; arbiters: {arbiters}")
NONE_YET = QT_TRANSLATE_NOOP("ReadingCommand", "none yet")
READ_SO_FAR = QT_TRANSLATE_NOOP("ReadingCommand", "cases read so far: {counts}")
COUNT_IN_STATE = QT_TRANSLATE_NOOP("ReadingCommand", "{count} {state}")  # a state's name reads after a count
CASE_IN_STATE = QT_TRANSLATE_NOOP("ReadingCommand", "  {state}: {case}")
SECOND_READING = QT_TRANSLATE_NOOP("ReadingCommand", "  needs a second reading: {case} (submitted by {readers})")
