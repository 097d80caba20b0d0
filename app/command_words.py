"""What a command prints, in the interface's language (app.i18n: the Settings' choice, else the system locale): its
own templates translated, and the texts annotations/ writes shown as the window shows them
(widgets.domain_messages). English needs no Qt; another language installs its catalogues for the command's run alone
(removed after it: a test's window, or a caller's, keeps its own)."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from annotations.command_end import said_stop
from annotations.wording import QT_TRANSLATE_NOOP, fill
from app.i18n import ENGLISH

CONTEXT = "CommandWords"
ERROR = QT_TRANSLATE_NOOP("CommandWords", "error: {error}")  # every command's line saying why it stopped
WARNING = QT_TRANSLATE_NOOP("CommandWords", "warning: {warning}")  # a line saying what went wrong, the run going on
NOTE = QT_TRANSLATE_NOOP("CommandWords", "note: {note}")  # a line saying what the run does otherwise than asked
INTERRUPTED = QT_TRANSLATE_NOOP("CommandWords", "interrupted")  # Ctrl+C or a stop signal (annotations.command_end)


class CommandWords:
    def __init__(self, english: bool) -> None:
        self.english = english

    def tr(self, context: str, template: str) -> str:
        """``template`` (marked QT_TRANSLATE_NOOP in ``context``) in the interface's language."""
        if self.english:
            return template
        from PySide6.QtCore import QCoreApplication

        return QCoreApplication.translate(context, template)

    def said(self, context: str, template: str, **values: object) -> str:
        """``template`` (marked QT_TRANSLATE_NOOP in ``context``) in the interface's language, filled with
        ``values``."""
        return fill(self.tr(context, template), **values)

    def error(self, text: str) -> str:
        """The console's line saying why the command stopped: ``text``, in the interface's language already."""
        return self.tr(CONTEXT, ERROR).format(error=text)

    def warning(self, text: str) -> str:
        """The console's line saying what went wrong while the command goes on: ``text``, in the interface's
        language already."""
        return self.tr(CONTEXT, WARNING).format(warning=text)

    def note(self, text: str) -> str:
        """The console's line saying what the command does otherwise than asked: ``text``, in the interface's
        language already."""
        return self.tr(CONTEXT, NOTE).format(note=text)

    def task_name(self, task: str) -> str:
        """A model card's task ("lesion-segmentation") as the Settings dialog names it in the interface's language
        (病灶分割); in English as the card writes it, where the command runs without Qt."""
        if self.english:
            return task
        from widgets.settings_dialog import shown_task_name

        return shown_task_name(task)

    def shown(self, text: str) -> str:
        """A text annotations/ wrote (an error naming a file), in the interface's language where it is a known one."""
        if self.english:
            return text
        from widgets.domain_messages import shown_message

        return shown_message(text)

    def os_reason(self, exc: OSError) -> str:
        """Why the system refused to read or write a file (annotations.os_reasons), in the interface's language."""
        if self.english:
            from annotations.os_reasons import os_reason

            return os_reason(exc)
        from widgets.domain_messages import shown_os_reason

        return shown_os_reason(exc)

    def shown_inference(self, text: str) -> str:
        """A text inference/ (or annotations/) wrote (a model that cannot be used, a photo a batch could not analyse),
        in the interface's language where it is a known one, with the command line's advice (its options, not the
        window's Settings)."""
        if self.english:
            return text
        from app.inference_messages import command_line_message

        return command_line_message(text)

    def analysis_progress(self, text: str) -> str:
        """What an analysis says while it works (``3/12 'a.png': grading``: app.pipeline_progress), in the interface's
        language where it is a known text: the ``said`` of `analyze`'s and `report`'s progress bars."""
        if self.english:
            return text
        from app.pipeline_progress import batch_progress

        return batch_progress(text)


def interface_language(option: str | None = None, settings_file: Path | None = None) -> str:
    """The interface's language for a command: ``option`` (--lang), else the Settings' choice (in ``settings_file``
    where one is given, `open --settings`; else the user's), else the system locale (app.i18n); the locale alone where
    the settings cannot be read (a command needs none)."""
    from app.i18n import resolve_language

    try:
        from app.settings import Settings

        chosen = (Settings.from_file(settings_file) if settings_file else Settings()).load().language
    except Exception:  # noqa: BLE001 - as app.commands.report: the defaults serve a command-line run
        chosen = None
    return resolve_language(option, chosen)


@contextmanager
def command_words(language: str) -> Iterator[CommandWords]:
    """The words of a command run in ``language``; its catalogues are installed until the run ends."""
    if language == ENGLISH:
        yield CommandWords(english=True)
        return
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QLocale

    from app.i18n import install_language

    made = QCoreApplication.instance() is None  # the translators need one; a window's, where there is one
    app = QCoreApplication([sys.argv[0]]) if made else QCoreApplication.instance()
    locale = QLocale()
    installed = install_language(app, language)
    words = CommandWords(english=False)
    try:
        yield words
    except KeyboardInterrupt as stop:  # said while the catalogues are installed; the exit status is run_command's
        if not getattr(stop, "said", False):  # a torchrun process other than the first says nothing (train)
            said_stop(stop, words.tr(CONTEXT, INTERRUPTED))
        raise
    finally:
        for translator in installed:
            app.removeTranslator(translator)
        QLocale.setDefault(locale)
        if made:  # else a window made after it in the process (a test's) would find this bare one, and abort
            shiboken6.delete(app)
