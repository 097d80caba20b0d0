import numpy as np

from annotations.commands import SetFindings
from annotations.document import CaseDocument
from annotations.history import History
from annotations.history_cache import HistoryCache, history_bytes


def _edited(case_id: str, size: int = 100, saved: bool = True) -> History:
    history = History(CaseDocument(case_id, f"{case_id}.png", size, size))
    history.execute(SetFindings(f"note on {case_id}"))
    if saved:  # as a case left for another is: saved on the way
        history.mark_clean()
    return history


def test_a_kept_history_comes_back_with_its_steps_and_document() -> None:
    cache = HistoryCache()
    history = _edited("a")
    cache.put("a", history)
    assert "a" in cache and cache.get("a") is history
    back = cache.take("a")
    assert back is history and back.entries == ["Edit findings"] and "a" not in cache
    assert back.undo() and back.doc.findings_text == ""


def test_a_history_without_steps_is_not_kept() -> None:
    cache = HistoryCache()
    cache.put("a", History(CaseDocument("a", "a.png", 10, 10)))
    assert len(cache) == 0 and cache.take("a") is None


def test_the_least_recently_used_go_first_when_over_budget() -> None:
    one = history_bytes(_edited("x", 200))
    cache = HistoryCache(max_bytes=int(one * 2.5))
    for case_id in ("a", "b", "c"):
        cache.put(case_id, _edited(case_id, 200))
    assert "a" not in cache and {"b", "c"} <= {k for k in ("a", "b", "c") if k in cache}
    cache.put("b", cache.take("b"))  # b used again: c is now the oldest
    cache.put("d", _edited("d", 200))
    assert "c" not in cache and "b" in cache and "d" in cache
    assert cache.memory_bytes <= cache.max_bytes


def test_the_newest_is_kept_even_alone_over_budget() -> None:
    cache = HistoryCache(max_bytes=10)
    cache.put("big", _edited("big", 300))
    assert "big" in cache
    assert history_bytes(cache.get("big")) >= np.zeros((300, 300), np.uint8).nbytes


def test_a_history_whose_save_failed_is_never_dropped() -> None:
    """Its edits are nowhere else (the save to a share that went away failed; so did the autosave): dropping it over
    the budget lost them without a word."""
    one = history_bytes(_edited("x", 200))
    cache = HistoryCache(max_bytes=int(one * 1.5))
    cache.put("unsaved", _edited("unsaved", 200, saved=False))
    for case_id in ("a", "b", "c"):
        cache.put(case_id, _edited(case_id, 200))
    assert "unsaved" in cache and "c" in cache and "a" not in cache and "b" not in cache
    cache.put("also unsaved", _edited("also unsaved", 200, saved=False))
    assert "unsaved" in cache and "also unsaved" in cache and "c" not in cache
