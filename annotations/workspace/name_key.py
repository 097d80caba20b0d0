"""The secret that keys a data set's file names (output_names.plan_stems): a photo whose own name another photo
shares takes a tag of its path, and a tag anyone could compute would let a recipient confirm a guessed patient's
folder (``Wang Xiaoming 1956-03-02/OD.jpg``). Kept in the folder's own store, which no export copies, so every
export of the folder (a reader's, the consensus, the command line's while the window holds the folder) names its
cases alike; where the store cannot be written (a read-only medium) an export draws a key of its own, and its names
are then its own too."""
from __future__ import annotations

import os
from pathlib import Path

from annotations.errors import FileProblem
from annotations.regular_files import read_regular_bytes, refused_by_the_system
from annotations.store_folder import SIDECAR_NAME
from annotations.workspace.confined import ConfinedFolder
from annotations.workspace.errors import WorkspaceError
from annotations.workspace.recovery import create_whole

KEY_FILE = "dataset-names.key"
KEY_BYTES = 32


def dataset_name_key(folder: Path, read_only: bool) -> bytes:
    """The key of the photos' ``folder``, made the first time it is asked for unless ``read_only``: created whole,
    keeping one another program made meanwhile (the window and the command line may export the folder at once)."""
    if key := existing_name_key(folder):
        return key
    path = folder / SIDECAR_NAME / KEY_FILE
    key = os.urandom(KEY_BYTES)
    if not read_only:
        try:
            confined = ConfinedFolder(folder)
            if not create_whole(confined.check_folder(path.parent) / path.name, key) and _read_key(path) is None:
                confined.write_bytes(path, key)  # a damaged key: no name made with it can be found again anyway
            return _read_key(path) or key  # another export may have made its key first: the one kept
        except (OSError, WorkspaceError):  # a full disk, a store linked away, a key this user may not read (another
            return key  # user's, kept for their names): this export's names are its own
    return key


def existing_name_key(folder: Path) -> bytes | None:
    """The key of the photos' ``folder`` where an export made one (an import looks for its names); else None."""
    try:
        return _read_key(folder / SIDECAR_NAME / KEY_FILE)
    except OSError:
        return None


def _read_key(path: Path) -> bytes | None:
    """The key a regular file holds; None for none or a damaged one: a named pipe or a device put in its place is
    not read (it would block the export, or fill the memory), nor a file too long to be one. Raises the system's
    OSError where it refuses the read (a permission): that key may be whole, and is not to be replaced."""
    try:
        key = read_regular_bytes(path, KEY_BYTES)
    except FileProblem as problem:
        if refused_by_the_system(problem):
            raise problem.__cause__ from None
        return None
    return key if len(key) == KEY_BYTES else None
