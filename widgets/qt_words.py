"""Qt's own words that this program's Chinese says otherwise, overridden in its interface catalogue.

A text field's standard context menu is Qt's, worded by Qt's qtbase catalogue, which writes 撤消 where the Edit menu
and every message of this program write 撤销. The interface catalogue is installed after Qt's, so Qt looks a text
up there first (app.i18n.install_language); only the texts marked here differ, the rest stay Qt's own."""
from __future__ import annotations

from annotations.wording import QT_TRANSLATE_NOOP

# (Qt's context, its English): the line edit's menu, and the one the text boxes share (QWidgetTextControl)
OVERRIDDEN: tuple[tuple[str, str], ...] = (
    ("QLineEdit", QT_TRANSLATE_NOOP("QLineEdit", "&Undo")),
    ("QWidgetTextControl", QT_TRANSLATE_NOOP("QWidgetTextControl", "&Undo")),
)
