"""How a folder is read: ``.retinareview/reading.json`` (mode, blind AI, agreement threshold, single reader)."""
from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass, fields
from enum import Enum
from pathlib import Path

from annotations.decoder_reasons import decoder_reason
from annotations.errors import FileProblem
from annotations.kept_aside import DAMAGED, aside_path
from annotations.reading import messages as msg
from annotations.regular_files import read_regular_bytes
from annotations.workspace.confined import ConfinedFolder
from annotations.workspace.errors import WorkspaceError
from annotations.store_folder import SIDECAR_NAME

SETTINGS_FILE = "reading.json"
MAX_SETTINGS_BYTES = 64 << 10
# between names typed on one line: the comma, as English and Chinese write it, and the Chinese enumeration comma
_NAME_SEPARATORS = re.compile("[,，、]")


class ReadingMode(str, Enum):
    SINGLE = "single"
    DOUBLE = "double"


@dataclass(frozen=True)
class ReadingSettings:
    mode: ReadingMode = ReadingMode.SINGLE
    blind_ai: bool = False  # in double reading, a reader also does not see the AI's result until they submit
    dice_threshold: float = 0.5  # masks (Dice) or boxes (F1 at IoU 0.5) below this for a class: the readings differ
    single_reader: str = "reader 1"  # in single mode, whose readings the main sidecar holds
    arbiters: tuple[str, ...] = ()  # in double mode, who opens the consensus instead of a reader's store

    @property
    def double(self) -> bool:
        return self.mode is ReadingMode.DOUBLE

    def __post_init__(self) -> None:
        object.__setattr__(self, "mode", ReadingMode(self.mode))
        object.__setattr__(self, "arbiters", tuple(str(name) for name in self.arbiters))
        if not 0.0 <= float(self.dice_threshold) <= 1.0:
            raise ValueError(msg.THRESHOLD_RANGE.format(value=self.dice_threshold))


def parse_names(text: str) -> tuple[str, ...]:
    """The names in ``text`` as a person types a list of them ("Anna, Ben", "张三，李四", "张三、李四")."""
    return tuple(name.strip() for name in _NAME_SEPARATORS.split(text) if name.strip())


def settings_path(folder: Path) -> Path:
    return Path(folder) / SIDECAR_NAME / SETTINGS_FILE


def load_settings(folder: Path) -> ReadingSettings:
    """The folder's reading settings; single reading when the file is absent (every folder before double reading)."""
    path = settings_path(folder)
    if not os.path.lexists(path):
        return ReadingSettings()
    try:
        data = json.loads(read_regular_bytes(path, MAX_SETTINGS_BYTES, "reading settings").decode("utf-8"))
        known = {f.name for f in fields(ReadingSettings)}
        return ReadingSettings(**{k: v for k, v in data.items() if k in known})
    except (FileProblem, ValueError, TypeError, AttributeError) as exc:
        error = decoder_reason(exc)  # where its JSON stops, not json's "Expecting ',' delimiter"
        readers = _reader_stores(folder)
        if readers is not None:  # deleting the file is no cure here: the message says what it does
            raise WorkspaceError(msg.SETTINGS_UNREADABLE_READERS.format(path=path, error=error, readers=readers,
                                                                        folder=folder)) from exc
        raise WorkspaceError(msg.SETTINGS_UNREADABLE.format(path=path, error=error)) from exc


def _reader_stores(folder: Path) -> Path | None:
    """The folder of the readers' stores, where it holds any (the folder was read twice), else None."""
    from annotations.reading.readers import readers_dir  # readers reads the settings through this module
    readers = readers_dir(folder)
    try:
        with os.scandir(readers) as entries:
            return readers if any(entry.is_dir(follow_symlinks=False) for entry in entries) else None
    except OSError:  # none there, or out of reach: the plain message
        return None


def keep_damaged_aside(folder: Path) -> Path | None:
    """Set the folder's settings file aside (annotations.kept_aside) when it cannot be read, so that settings given
    anew can take its place and the damaged one is not lost; the readers' stores stay as they are. Where it is kept,
    None when the file is absent or readable (nothing moved)."""
    try:
        load_settings(folder)
        return None
    except WorkspaceError:
        path = settings_path(folder)
        kept = aside_path(path, DAMAGED)
        ConfinedFolder(Path(folder)).replace(path, kept)  # a link is moved itself, never what it points to
        return kept


def save_settings(folder: Path, settings: ReadingSettings) -> Path:
    path = settings_path(folder)
    confined = ConfinedFolder(Path(folder))
    confined.mkdir(path.parent)
    data = asdict(settings) | {"mode": settings.mode.value, "arbiters": list(settings.arbiters)}
    confined.write_text(path, json.dumps(data, indent=1, ensure_ascii=False))
    return path
