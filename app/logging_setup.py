"""The log file: every message the program shows, and every failure it survives, also lands in a rotating file.

``configure_logging()`` is called once at start-up (app/cli.py main). The file lives in the user's data folder
(``~/.local/share/RetinaReview/logs/retina-review.log`` on Linux, ``~/Library/Logs/RetinaReview`` on macOS,
``%LOCALAPPDATA%\\RetinaReview\\Logs`` on Windows) or in ``$RETINA_REVIEW_LOG_DIR``. A log folder that cannot be
written (read-only home, full disk) never stops the program: it then logs to stderr only and says so there.
"""
from __future__ import annotations

import logging
import os
import sys
import threading
from contextlib import AbstractContextManager, contextmanager
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import Callable, Iterator

import platformdirs

from annotations.os_reasons import os_reason

LOG_DIR_ENV = "RETINA_REVIEW_LOG_DIR"
LOG_FILE_NAME = "retina-review.log"
APP_NAME = "RetinaReview"  # the folder name, as inference.registry's for models
MAX_BYTES = 2 * 2**20  # a busy day of warnings fits; four files cap the folder at 8 MB
BACKUP_COUNT = 3
FILE_FORMAT = "%(asctime)s %(levelname)s %(name)s [pid %(process)d %(threadName)s]: %(message)s"
CONSOLE_FORMAT = "%(levelname)s %(name)s: %(message)s"
_OURS = "_retina_review_handler"  # marks handlers we installed, so a second call replaces them
# a record logged with extra=FILE_ONLY reaches the log file, not the terminal: a problem the window or the command
# says itself, in its own words (a background task's failure on a file it names), kept whole for a support request
FILE_ONLY_KEY = "retina_review_file_only"
FILE_ONLY = {FILE_ONLY_KEY: True}


def default_log_dir() -> Path:
    override = os.environ.get(LOG_DIR_ENV)
    if override:
        return Path(override).expanduser()
    if sys.platform in ("win32", "darwin"):
        return platformdirs.user_log_path(APP_NAME, appauthor=False)
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "logs"  # where earlier versions logged


def configure_logging(verbose: bool = False, log_dir: str | os.PathLike | None = None, console: bool = True,
                      max_bytes: int = MAX_BYTES, backup_count: int = BACKUP_COUNT) -> Path | None:
    """Send log records to the rotating file (and stderr); returns the log file, or None when it cannot be written.

    Calling it again replaces the handlers it installed before. Uncaught exceptions, on any thread, are logged
    with their traceback before Python's own report.
    """
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, _OURS, False)]:
        root.removeHandler(handler)
        handler.close()
    level = logging.DEBUG if verbose else logging.INFO
    root.setLevel(level)
    if console:
        terminal = logging.StreamHandler(sys.stderr)
        terminal.addFilter(lambda record: not getattr(record, FILE_ONLY_KEY, False))
        _add(root, terminal, level, CONSOLE_FORMAT)
    path = Path(log_dir) if log_dir is not None else default_log_dir()
    log_file: Path | None = path / LOG_FILE_NAME
    try:
        path.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(log_file, maxBytes=max_bytes, backupCount=backup_count, encoding="utf-8")
    except OSError as exc:
        log_file = None
        print(f"warning: cannot write the log file in {path} ({os_reason(exc)}); logging to the terminal only. "
              f"Set {LOG_DIR_ENV} to a writable folder to keep a log.", file=sys.stderr)
    else:
        _add(root, handler, level, FILE_FORMAT)
    _install_exception_hooks()
    return log_file


def kept_off_the_console(logger_name: str) -> AbstractContextManager[None]:
    """While the block runs, the records of ``logger_name`` (and of its children) reach the log file, not the
    terminal: for a command that says those problems itself, so that each is said once, in its own words."""
    passes = logging.Filter(logger_name)
    return _on_the_console(lambda record: not passes.filter(record))


def console_records_below(end_line: Callable[[], None]) -> AbstractContextManager[None]:
    """While the block runs, ``end_line`` runs before each record the terminal shows: a progress bar redrawn on one
    line (app.progress_bar's ``finish``) ends it, so that the record starts on a line of its own."""
    def below(_record: logging.LogRecord) -> bool:
        end_line()
        return True

    return _on_the_console(below)


@contextmanager
def _on_the_console(keeps: Callable[[logging.LogRecord], bool]) -> Iterator[None]:
    """While the block runs, the terminal shows the records ``keeps`` (a filter of the console handlers we
    installed)."""
    consoles = [handler for handler in logging.getLogger().handlers
                if getattr(handler, _OURS, False) and not isinstance(handler, logging.FileHandler)]
    for handler in consoles:
        handler.addFilter(keeps)
    try:
        yield
    finally:
        for handler in consoles:
            handler.removeFilter(keeps)


def scan_kept_off_the_console() -> AbstractContextManager[None]:
    """For a command opening a folder (analyze --workspace, export, import, report): the folder scan's warnings about
    its images reach the log file only. The scan warns of a damaged image once, when it first meets the file; the
    command names each image its work needs in its own summary or error, so that each is named once."""
    from annotations.workspace.catalog import log as scan_log  # the workspace loads with the command, not at start

    return kept_off_the_console(scan_log.name)


def takeover_kept_off_the_console() -> AbstractContextManager[None]:
    """For a command that stops when its workspace is taken over (analyze --workspace) and says so itself, naming
    the program that took it: the workspace's own words (of the window's unsaved edits) reach the log file only."""
    from annotations.workspace.lock_renewal import taken_over_log

    return kept_off_the_console(taken_over_log.name)


def _add(root: logging.Logger, handler: logging.Handler, level: int, fmt: str) -> None:
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(fmt))
    setattr(handler, _OURS, True)
    root.addHandler(handler)


def _install_exception_hooks() -> None:
    if getattr(sys.excepthook, _OURS, False):
        return
    previous_hook, previous_thread_hook = sys.excepthook, threading.excepthook

    def log_uncaught(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if not issubclass(kind, KeyboardInterrupt):
            logging.getLogger("retina_review").critical("uncaught exception", exc_info=(kind, value, tb))
        previous_hook(kind, value, tb)

    def log_uncaught_in_thread(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is not None and not issubclass(args.exc_type, SystemExit):
            name = args.thread.name if args.thread is not None else "?"
            logging.getLogger("retina_review").critical(
                "uncaught exception in thread %s", name, exc_info=(args.exc_type, args.exc_value, args.exc_traceback))
        previous_thread_hook(args)

    setattr(log_uncaught, _OURS, True)
    sys.excepthook = log_uncaught
    threading.excepthook = log_uncaught_in_thread
