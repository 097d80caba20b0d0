"""What `open` prints on the console (app.commands.open), as templates marked for translation (context
"OpenCommand"): said in the interface's language (app.command_words), as the other commands say their own."""
from __future__ import annotations

from annotations.wording import QT_TRANSLATE_NOOP

CONTEXT = "OpenCommand"
# an option that tunes --screenshot, given without it (the parser's own error; two such options at most)
ONE_NEEDS_SCREENSHOT = QT_TRANSLATE_NOOP("OpenCommand", "{option} needs --screenshot OUT.png: without it nothing is "
                                                        "waited for or saved")
TWO_NEED_SCREENSHOT = QT_TRANSLATE_NOOP("OpenCommand", "{first} and {second} need --screenshot OUT.png: without it "
                                                       "nothing is waited for or saved")
NO_DISPLAY = QT_TRANSLATE_NOOP("OpenCommand", "no display found (DISPLAY and WAYLAND_DISPLAY are unset); start "
                                              "RetinaReview from a desktop session, or use --screenshot OUT.png to "
                                              "render the window without one")

# why a file must not be the settings file (--settings), after its name: SETTINGS_FILE
SETTINGS_FILE = QT_TRANSLATE_NOOP("OpenCommand", "--settings {path}: {problem}")
AN_IMAGE = QT_TRANSLATE_NOOP("OpenCommand", "an image; the settings would be written over it: give an .ini file")
NOT_A_FILE = QT_TRANSLATE_NOOP("OpenCommand", "not a file")
UNREADABLE = QT_TRANSLATE_NOOP("OpenCommand", "cannot be read ({reason})")  # {reason}: the system's words
FOREIGN = QT_TRANSLATE_NOOP("OpenCommand", "not this program's settings file ({why}), and the settings would be "
                                           "written over it: give a new file or one the program wrote")
# FOREIGN's {why}: the file's size, or its first line the settings would not keep
TOO_LARGE = QT_TRANSLATE_NOOP("OpenCommand", "larger than a settings file")
NOT_A_SECTION = QT_TRANSLATE_NOOP("OpenCommand", "line {number}: [{section}] is not a section of its settings")
NOT_A_SETTING = QT_TRANSLATE_NOOP("OpenCommand", "line {number} is not a setting (key=value)")
NOT_ITS_SETTING = QT_TRANSLATE_NOOP("OpenCommand", "line {number}: {key} is not one of its settings")

# the screenshot (--screenshot)
STILL_RUNNING = QT_TRANSLATE_NOOP("OpenCommand", "analysis still running after {seconds} s; saving the window as it "
                                                 "is")  # a warning
SAVED = QT_TRANSLATE_NOOP("OpenCommand", "saved {path}")
NOT_A_FORMAT = QT_TRANSLATE_NOOP("OpenCommand", "cannot write {path}: not an image format the program writes; name it "
                                                ".png")
NOT_WRITTEN = QT_TRANSLATE_NOOP("OpenCommand", "could not write {path} ({reason}); check the folder exists and is "
                                               "writable")  # {reason}: the system's (annotations.os_reasons)
