"""The one writer of stored data runs jobs in the order given, and flush waits for all of them."""
from __future__ import annotations

import threading
import time
from pathlib import Path

from annotations.bounded_cache import BoundedCache
from annotations.serial_executor import SerialExecutor
from annotations.thumbnail_requests import ThumbnailRequests


def test_jobs_run_in_order_on_one_thread_and_flush_waits_for_them() -> None:
    executor = SerialExecutor()
    done: list[int] = []
    threads: set[int] = set()

    def job(number: int) -> None:
        time.sleep(0.001 * (5 - number % 5))  # later jobs are quicker: order must not follow speed
        threads.add(threading.get_ident())
        done.append(number)

    for number in range(20):
        executor.submit(job, number)
    assert executor.flush(5.0)
    assert done == list(range(20)) and len(threads) == 1 and threading.get_ident() not in threads
    executor.shutdown()
    assert executor.flush()  # nothing left, and no error after shutdown


def test_bounded_cache_keeps_the_most_recently_used() -> None:
    cache: BoundedCache[str, int] = BoundedCache(3)
    for key, value in (("a", 1), ("b", 2), ("c", 3)):
        cache.put(key, value)
    assert cache.get("a") == 1  # a is now the most recent
    cache.put("d", 4)
    assert len(cache) == 3 and "b" not in cache and cache.get("a") == 1 and cache.get("d") == 4


def test_thumbnail_requests_newest_first_once_each_and_bounded() -> None:
    requests = ThumbnailRequests(limit=3)
    for case_id in ("a", "b", "c", "b", "d"):
        requests.add(case_id, Path(f"/photos/{case_id}.jpg"))
    assert len(requests) == 3  # a, asked first and longest ago, was dropped
    assert [requests.take()[0] for _ in range(3)] == ["d", "b", "c"]
    assert requests.take() is None
