"""FollowedHistory: a view follows one case's undo stack at a time."""
from __future__ import annotations

from annotations.commands import SetGrade
from annotations.document import CaseDocument, ReaderGrade
from annotations.followed_history import FollowedHistory
from annotations.history import History


def test_the_view_hears_only_the_followed_history_and_is_shown_each_switch() -> None:
    first, second = (History(CaseDocument(name, f"{name}.png", 8, 8)) for name in ("a", "b"))
    seen: list[History | None] = []
    followed = FollowedHistory(lambda: seen.append(followed.history))
    followed.follow(first)
    assert seen == [first]  # shown at once, with the new history already in place
    followed.follow(second)
    first.execute(SetGrade(ReaderGrade(dr_grade=2)))
    assert seen == [first, second]  # the case left behind no longer reaches the view
    second.execute(SetGrade(ReaderGrade(dr_grade=3)))
    assert seen == [first, second, second]
    followed.follow(None)
    second.undo()
    assert seen == [first, second, second, None]
