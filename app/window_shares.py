"""How the review window first shares its room: the photo is what the reader is there to look at, so the case list
and the History dock get a share and the photo and the findings the rest, the photo never narrower than the list
beside it while the list's columns can give way. The reader's own sizes win: a dragged
splitter handle (widgets.ruled_splitter; its width kept for the next run) and the dock layout restored from the
settings (MainWindow)."""
from __future__ import annotations

CASE_LIST_MAX = 560  # px: the thumbnail, a long file name and every column, on a wide screen
CASE_LIST_SHARE = 3  # the list takes at most a third of the window: 455 px at 1366, room for a typical name
DRAGGED_LIST_SHARE = 2  # a width dragged in an earlier run, perhaps on a wider screen: at most half the window
HISTORY_SHARE = 8  # the History dock, an eighth of the window's height: three rows at 768 px; the findings the rest
DOCK_SHARE = 3  # the findings dock, widened on a wider screen, takes at most a third of a window narrowed to it


def case_list_width(window_width: int, dragged: int | None = None, least: int = 0, floor: int = 0,
                    shared: int | None = None) -> int:
    """The case list's width in a window ``window_width`` px wide, ``dragged`` the width the reader dragged it to in
    an earlier run (None: never; 0, dragged shut, counts as never: the list would open hidden behind the window's
    edge, with no menu entry to bring it back), ``least`` the width its columns need (CaseListWidget.least_width: more
    than a third of a 1280-pixel window in double reading), up to half the window and half of ``shared``,
    the room the list and the photo share (None: the whole window), unless ``floor``, the width of the columns that
    never give way (CaseListWidget.floor_width), needs more: at 1093 px every column had left the photo 264 px."""
    if not dragged:
        wanted = min(max(least, min(CASE_LIST_MAX, window_width // CASE_LIST_SHARE)),
                     window_width // DRAGGED_LIST_SHARE)
        return wanted if shared is None else min(wanted, max(floor, shared // 2))
    return min(dragged, window_width // DRAGGED_LIST_SHARE)


def dock_heights(window_height: int) -> tuple[int, int]:
    """The findings dock's and the History dock's heights asked of Qt in a window ``window_height`` px high (Qt fits
    them to the dock column, keeping their proportion when the window is resized, the History dock no lower than
    its minimum)."""
    history = window_height // HISTORY_SHARE
    return window_height - history, history


def narrowed_dock_width(window_width: int, dock_width: int) -> int | None:
    """The width the findings dock gives way to as the window becomes ``window_width`` px wide, None where it keeps its
    own: Qt keeps a dock's width and narrows the photo, and a dock widened on a 4K monitor (900 px) left the photo
    217 px on a 1366-pixel laptop (Qt keeps it no narrower than its contents need)."""
    most = window_width // DOCK_SHARE
    return most if dock_width > most else None
