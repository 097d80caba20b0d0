"""Qt's own words that this program's Chinese says otherwise, overridden in its interface catalogue.

Qt's qtbase catalogue words the widgets Qt builds itself: a text field's standard context menu says 撤消 where the
Edit menu and every message of this program say 撤销; Qt's own file dialog (the one Qt draws where the desktop
offers none) kept "&Look in:" and "Files of &type:" English (the catalogue has them without their access keys) and
named a file's size 体积 (a volume). The interface catalogue is installed after Qt's, so Qt looks a text up there
first (app.i18n.install_language); only the texts marked here differ, the rest stay Qt's own."""
from __future__ import annotations

from annotations.wording import QT_TRANSLATE_NOOP

# (Qt's context, its English)
OVERRIDDEN: tuple[tuple[str, str], ...] = (
    # the line edit's menu, and the one the text boxes share
    ("QLineEdit", QT_TRANSLATE_NOOP("QLineEdit", "&Undo")),
    ("QWidgetTextControl", QT_TRANSLATE_NOOP("QWidgetTextControl", "&Undo")),
    # the file dialog's labels and its file list's column
    ("QFileDialog", QT_TRANSLATE_NOOP("QFileDialog", "&Look in:")),
    ("QFileDialog", QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:")),
    ("QFileSystemModel", QT_TRANSLATE_NOOP("QFileSystemModel", "Size")),
)
