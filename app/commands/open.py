"""`retina-review open PATH... [--screenshot OUT.png [--overwrite]]`: the review window (also what a bare
`retina-review` does).

With --screenshot the window opens the case(s), waits until the first case is loaded and analysed, saves a
PNG of the whole window and exits: for tests, the README, and to see the window as a person would. The picture
carries the program's mark (annotations.own_outputs): an existing file of that name is replaced only with
--overwrite and only where it is an earlier screenshot of the program's, so an opened photo or a person's picture
never.
"""
from __future__ import annotations

import argparse
import functools
import os
import re
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from annotations import messages as msg
from annotations.command_end import DONE, PARTLY_DONE, USAGE_ERROR
from annotations.image_io import is_image_file
from annotations.output_folder import (OutputError, file_identities, refuse_obstacles, refuse_single_outputs,
                                       refuse_store, write_single_output)
from annotations.own_outputs import SCREENSHOT, SCREENSHOT_MARK_KEY, program_mark
from annotations.wording import Translate, english, fill
from annotations.workspace.scan import skipped_whatever_it_holds
from app import open_command_messages as open_msg
from app.command_help import open as helps
from app.file_option import file_to_write
from app.i18n import ENGLISH, LANGUAGES

if TYPE_CHECKING:  # the command imports what it runs when run
    from app.command_words import CommandWords

SCREENSHOT_SIZE = (1600, 1000)
SCREENSHOT_TIMEOUT_S = 600.0
POLL_MS = 100
MAX_SETTINGS_BYTES = 1 << 20  # a recent-folder list and a last case per folder: a few kB


def register(subparsers: argparse._SubParsersAction, words: CommandWords) -> None:
    tr = functools.partial(words.tr, helps.CONTEXT)
    parser = subparsers.add_parser("open", help=tr(helps.HELP), description=tr(helps.DESCRIPTION))
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help=tr(helps.PATHS))
    parser.add_argument("--screenshot", type=file_to_write(words, "screenshot.png"), metavar="OUT.png",
                        help=tr(helps.SCREENSHOT))
    parser.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                        help=words.said(helps.CONTEXT, helps.TIMEOUT, seconds=f"{SCREENSHOT_TIMEOUT_S:.0f}"))
    parser.add_argument("--overwrite", action="store_true", help=tr(helps.OVERWRITE))
    parser.add_argument("--settings", type=Path, metavar="FILE.ini", help=tr(helps.SETTINGS))
    parser.add_argument("--lang", choices=LANGUAGES, metavar="|".join(LANGUAGES), help=tr(helps.LANG))
    parser.set_defaults(func=run, usage_error=parser.error)


def _has_display() -> bool:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def opened_photos_in_the_way(screenshot: Path, paths: list[Path]) -> list[Path]:
    """The screenshot's file when it is an existing image among or under the paths opened: a photo it would
    replace (a screenshot never replaces a photo; any other file of that name only with --overwrite)."""
    if not screenshot.is_file() or not is_image_file(screenshot):
        return []
    target = screenshot.resolve()
    opened = [path.resolve() for path in paths]
    return [screenshot] if any(target == path or target.is_relative_to(path) for path in opened) else []


def photo_folder_holding(screenshot: Path, paths: list[Path]) -> Path | None:
    """The folder of photos opened (a folder given, or a photo's) that would hold the screenshot, where one would:
    the folder's scan lists an image written there as a case (a screenshot beside the photos came back as one), as
    it does not in a sub-folder it skips whatever it holds (scan.skipped_whatever_it_holds)."""
    target = screenshot.absolute().parent.resolve()
    for path in paths:
        folder = (path if path.is_dir() else path.parent).resolve()
        if not target.is_relative_to(folder):
            continue
        inside = target.relative_to(folder).parts
        if not any(skipped_whatever_it_holds(folder.joinpath(*inside[:depth + 1])) for depth in range(len(inside))):
            return folder
    return None


def settings_file_problem(path: Path, translate: Translate = english) -> str:
    """Why ``path`` must not be the settings file, in ``translate``'s language ("" when it may): the settings are
    written back into it as an INI file, which had made a photo, a person's notes, a script or another program's INI
    file one of ours."""
    if is_image_file(path):
        return translate(open_msg.CONTEXT, open_msg.AN_IMAGE)
    if not path.exists():
        return ""
    if not path.is_file():
        return translate(open_msg.CONTEXT, open_msg.NOT_A_FILE)
    try:
        with open(path, "rb") as file:
            data = file.read(MAX_SETTINGS_BYTES + 1)
    except OSError as exc:
        return fill(translate(open_msg.CONTEXT, open_msg.UNREADABLE), reason=exc.strerror)
    # a binary file has no settings lines; Notepad starts its UTF-8 with a byte-order mark
    foreign = translate(open_msg.CONTEXT, open_msg.TOO_LARGE) if len(data) > MAX_SETTINGS_BYTES else \
        _foreign_line(data.decode("utf-8", errors="replace").removeprefix("\ufeff"), translate)
    return fill(translate(open_msg.CONTEXT, open_msg.FOREIGN), why=foreign) if foreign else ""


def _foreign_line(text: str, translate: Translate) -> str:
    """The first line of ``text`` that the program's settings file would not hold (another program's section, a
    [General] key not the program's, a line that is no setting: written back, it would be lost), said in
    ``translate``'s language; "" if none."""
    from app.settings import own_ini_names  # Qt: loaded for `open` alone

    sections, plain_keys = own_ini_names()
    section = "General"
    # lines as Qt's INI reader splits them: a value may hold U+2028 and the like, which str.splitlines splits at
    for number, line in enumerate((line.strip() for line in re.split(r"\r\n|\r|\n", text)), start=1):
        if not line or line.startswith((";", "#")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
            if section not in sections:
                return fill(translate(open_msg.CONTEXT, open_msg.NOT_A_SECTION), number=number, section=section)
        elif "=" not in line:
            return fill(translate(open_msg.CONTEXT, open_msg.NOT_A_SETTING), number=number)
        elif section == "General" and (key := line.split("=", 1)[0].strip()) not in plain_keys:
            return fill(translate(open_msg.CONTEXT, open_msg.NOT_ITS_SETTING), number=number, key=key)
    return ""


def screenshot_options_alone(args: argparse.Namespace) -> list[str]:
    """The options that only tune --screenshot, given without it: accepted, they would change nothing."""
    given = {"--timeout": args.timeout is not None, "--overwrite": args.overwrite}
    return [] if args.screenshot else [option for option, present in given.items() if present]


def interface_language_of(lang: str | None, settings: Path | None) -> str:
    """The interface's language of an `open` run, of its lines and of the window: ``lang`` (--lang), else the Settings'
    choice in the file the window reads (``settings`` where it may be one, else the user's preferences), else the
    system's."""
    from app.command_words import interface_language

    return interface_language(lang, settings if settings and not settings_file_problem(settings) else None)


def run(args: argparse.Namespace) -> int:
    from app.command_words import command_words

    language = interface_language_of(args.lang, args.settings)
    with command_words(language) as words:
        refused = _refused(args, words)
    return refused if refused is not None else _open_window(args, language)


def _refused(args: argparse.Namespace, words: CommandWords) -> int | None:
    """Why the window cannot open, said in ``words``, and the exit status; None when it can. Before a window opens:
    nothing is written."""
    alone = screenshot_options_alone(args)
    if alone:  # the parser's own error: usage, then the reason, exit status 2
        args.usage_error(words.said(open_msg.CONTEXT, open_msg.ONE_NEEDS_SCREENSHOT, option=alone[0])
                         if len(alone) == 1 else words.said(open_msg.CONTEXT, open_msg.TWO_NEED_SCREENSHOT,
                                                            first=alone[0], second=alone[1]))
    if args.screenshot:
        try:
            refuse_store(args.screenshot.absolute().parent)
            photos = file_identities(opened_photos_in_the_way(args.screenshot, args.paths))
            refuse_obstacles([args.screenshot], photos, overwrite=True)  # an opened photo: said first
            among_photos = photo_folder_holding(args.screenshot, args.paths)
            if among_photos is not None:
                raise OutputError(among_photos, msg.PHOTO_FOLDER, msg.NEW_FOLDER)
            refuse_single_outputs([(args.screenshot, SCREENSHOT)], photos, args.overwrite)
        except OutputError as exc:
            return _fail(words, words.shown(str(exc)))
        from widgets.qimage_convert import writes_format  # Qt: after the checks that need none

        if not writes_format(screenshot_format(args.screenshot)):  # not once the window has analysed its case
            return _fail(words, words.said(open_msg.CONTEXT, open_msg.NOT_A_FORMAT, path=args.screenshot))
    problem = settings_file_problem(args.settings, words.tr) if args.settings else ""
    if problem:
        return _fail(words, words.said(open_msg.CONTEXT, open_msg.SETTINGS_FILE, path=args.settings,
                                       problem=problem))
    if not _has_display():
        if not args.screenshot:
            return _fail(words, words.tr(open_msg.CONTEXT, open_msg.NO_DISPLAY))
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a screenshot needs no screen
    from app.xcb_check import check_xcb

    problem = check_xcb(translate=words.tr)  # before Qt loads the plugin and aborts with a message that names nothing
    return _fail(words, problem) if problem else None


def screenshot_format(path: Path) -> str:
    """The format a screenshot is written in: its suffix's, PNG without one."""
    return path.suffix.lstrip(".").upper() or "PNG"


def _fail(words: CommandWords, message: str) -> int:
    """Say why the window does not open (``message``, in the interface's language already); the exit status."""
    print(words.error(message), file=sys.stderr)
    return USAGE_ERROR


def _open_window(args: argparse.Namespace, language: str) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.case_controller import close_without_them
    from app.command_words import CommandWords
    from app.i18n import install_language, register_cjk_font
    from app.long_lived import freeze_long_lived
    from app.main_window import APP_NAME, MainWindow
    from app.process_exit import leave
    from app.settings import Settings
    from app.window_signals import closed_by_stop_signals

    app = QApplication.instance() or QApplication([sys.argv[0]])
    # Load torch before the window exists: importing it later on the analysis worker holds the GIL for a
    # second or more (loading its native libraries), which would freeze the window mid-use.
    import inference.pipeline  # noqa: F401
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    settings = Settings.from_file(args.settings) if args.settings else Settings()
    register_cjk_font()
    install_language(app, language)
    words = CommandWords(english=language == ENGLISH)  # the window's catalogues, installed for the run
    window = MainWindow(settings)
    freeze_long_lived()  # torch, Qt and the window: out of every full garbage collection from now on
    if args.screenshot:
        window.values.analyze_on_open = True  # for this run only; not saved
        window.cases.ask_unsafe = close_without_them  # nobody to ask on closing (e.g. a read-only folder's result)
        window.resize(*SCREENSHOT_SIZE)
        window.show()
    else:
        window.show_first()
    opened = window.open_paths(args.paths) if args.paths else True
    if not args.screenshot:  # a screenshot's run ends by itself: a signal ends it as before, with no picture
        with closed_by_stop_signals(window) as stop_signals:
            code = stop_signals.exit_status(app.exec())
        return leave(code, window.preload.threads())

    outcome = {"code": DONE if opened else USAGE_ERROR}  # paths that cannot be opened: the window says why
    timeout = SCREENSHOT_TIMEOUT_S if args.timeout is None else args.timeout
    deadline = time.monotonic() + timeout
    settled_polls = [0]

    def poll() -> None:
        settled_polls[0] = settled_polls[0] + 1 if window.is_settled() else 0
        timed_out = time.monotonic() > deadline
        if settled_polls[0] < 3 and not timed_out:  # settled for a few ticks: results applied and painted
            return
        timer.stop()
        if args.paths and window.cases.workspace is None:
            outcome["code"] = USAGE_ERROR  # the folder's store could not be opened (the window says why)
        if timed_out:
            print(words.warning(words.said(open_msg.CONTEXT, open_msg.STILL_RUNNING, seconds=f"{timeout:.0f}")),
                  file=sys.stderr)
            outcome["code"] = max(outcome["code"], PARTLY_DONE)  # saved, not all of it shown
        photos = opened_photos_in_the_way(args.screenshot, args.paths)
        if not _save_screenshot(window.grab(), args.screenshot, photos, args.overwrite, words):
            outcome["code"] = USAGE_ERROR
        window.close()
        app.quit()

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(POLL_MS)
    app.exec()
    return leave(outcome["code"], window.preload.threads())


def _save_screenshot(picture, path: Path, photos: list[Path], overwrite: bool,  # noqa: ANN001 - a QPixmap
                     words: CommandWords) -> bool:
    """Written whole or not at all (a file of that name is replaced only by a complete picture, and only when
    ``overwrite`` and it is an earlier screenshot; never one of ``photos``), checked again as written: one may have
    appeared during the analysis. Its format by its suffix (screenshot_format); marked as the program's. Whether it was
    written; said in ``words``, naming the file."""
    from app import __version__
    from widgets.qimage_convert import encoded

    image = picture.toImage()
    image.setText(SCREENSHOT_MARK_KEY, program_mark(__version__))  # what lets a later --overwrite replace it
    data = encoded(image, screenshot_format(path))
    if data is None:
        return _not_saved(words, words.said(open_msg.CONTEXT, open_msg.NOT_A_FORMAT, path=path))
    try:
        refuse_store(path.absolute().parent)  # before its folder is made: not even an empty one goes into a store
        path.parent.mkdir(parents=True, exist_ok=True)
        write_single_output(path, data, originals=photos, overwrite=overwrite, kind=SCREENSHOT)
    except OutputError as exc:
        return _not_saved(words, words.shown(str(exc)))
    except OSError as exc:
        return _not_saved(words, words.said(open_msg.CONTEXT, open_msg.NOT_WRITTEN, path=path,
                                            reason=words.os_reason(exc)))
    print(words.said(open_msg.CONTEXT, open_msg.SAVED, path=path))
    return True


def _not_saved(words: CommandWords, message: str) -> bool:
    """Say why the screenshot was not written (``message``, in the interface's language already)."""
    print(words.error(message), file=sys.stderr)
    return False
