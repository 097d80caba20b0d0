"""The prepared-image cache stays within its size limit: after a run has prepared its images the least recently
used items go (reading an item counts as using it), never one used within the last hour, so this run's images and
those of a run still training from the same cache stay."""
from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np
import pytest

from app.commands.train import parse_size
from inference.dataset import DataError
from inference.training.prepared_cache import CACHE_TAG, META_FILE, RECENT_USE_S, PreparedCache
from tests.unit.test_training_fixtures import write_mask_set
from tests.unit.test_training_loader import prepared

ITEM = {"image": np.zeros((32, 32, 3), np.uint8)}


def fill(cache: PreparedCache, keys: str, hours_ago: float = 2.0) -> None:
    """Items named by single hex letters, each last used ``hours_ago``, the first letter longest ago."""
    for age, key in enumerate(keys):
        cache.store(key * 64, ITEM, {"n": key})
        used = time.time() - hours_ago * 3600 - (len(keys) - age)
        for path in cache.folder(key * 64).iterdir():
            os.utime(path, (used, used))


def item_size(cache: PreparedCache) -> int:
    return cache.items()[0].size


def cached(cache: PreparedCache) -> str:
    return "".join(sorted(item.folder.name[0] for item in cache.items()))


def test_the_least_recently_used_items_go_until_the_cache_is_within_its_limit(tmp_path: Path) -> None:
    cache = PreparedCache(tmp_path / "cache")
    fill(cache, "abcd")
    size = item_size(cache)
    cache.limit_bytes = 2 * size
    assert cache.meta("b" * 64) == {"n": "b"}  # reading b makes it the most recently used
    eviction = cache.evict()
    assert cached(cache) == "bd" and (eviction.removed, eviction.freed, eviction.kept) == (2, 2 * size, 2 * size)
    assert cache.meta("a" * 64) is None and not cache.folder("a" * 64).exists()
    assert cache.evict().removed == 0  # within the limit: nothing more goes


def test_reading_an_items_arrays_counts_as_using_it(tmp_path: Path) -> None:
    cache = PreparedCache(tmp_path / "cache")
    fill(cache, "abc")
    cache.limit_bytes = item_size(cache)
    cache.arrays("a" * 64, ["image"])
    cache.evict()
    assert cached(cache) == "a"


def test_items_used_within_the_last_hour_stay_even_above_the_limit(tmp_path: Path) -> None:
    cache = PreparedCache(tmp_path / "cache", limit_bytes=0)
    fill(cache, "ab", hours_ago=RECENT_USE_S / 3600 / 2)  # another run, still training, read them recently
    fill(cache, "c")
    eviction = cache.evict()
    assert cached(cache) == "ab" and eviction.kept == 2 * item_size(cache)


def test_a_half_written_item_left_by_a_crash_goes_too(tmp_path: Path) -> None:
    cache = PreparedCache(tmp_path / "cache", limit_bytes=0)
    fill(cache, "ab")
    (cache.folder("a" * 64) / META_FILE).unlink()  # the crash came before meta.json
    assert cache.meta("a" * 64) is None and cached(cache) == "ab"
    cache.evict()
    assert cached(cache) == "" and not any((tmp_path / "cache").glob("*/*"))


def test_links_in_the_cache_are_neither_followed_nor_removed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious.npy").write_bytes(b"x" * 10_000)
    cache = PreparedCache(tmp_path / "cache", limit_bytes=0)
    fill(cache, "a")
    (tmp_path / "cache" / "zz").symlink_to(outside, target_is_directory=True)
    (cache.folder("a" * 64) / "linked.npy").symlink_to(outside / "precious.npy")
    assert item_size(cache) < 10_000  # the linked file is not counted
    cache.evict()
    assert (outside / "precious.npy").read_bytes() == b"x" * 10_000 and cached(cache) == ""


def test_a_folder_the_program_did_not_make_is_refused_before_anything_is_written_or_removed(tmp_path: Path) -> None:
    """--cache-dir pointed at the training data: eviction removed every photo two levels down, then the run said a
    photo was not found."""
    photo = tmp_path / "data" / "codras" / "images" / "a.jpg"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(b"photo")
    os.utime(photo, (0, 0))
    cache = PreparedCache(tmp_path / "data", limit_bytes=0)
    for use in (cache.evict, lambda: cache.store("a" * 64, ITEM, {})):
        with pytest.raises(DataError, match="data: not a training cache .it holds codras.*new or empty folder"):
            use()
    assert photo.read_bytes() == b"photo" and sorted(p.name for p in (tmp_path / "data").iterdir()) == ["codras"]


def test_a_new_folder_with_a_file_managers_files_or_a_link_to_a_scratch_disk_is_taken(tmp_path: Path) -> None:
    """A folder made in Finder (.DS_Store) or Explorer (desktop.ini) was refused, as was a link to a new folder."""
    made = tmp_path / "made"
    made.mkdir()
    (made / ".DS_Store").write_bytes(b"finder")
    (made / "desktop.ini").write_text("[.ShellClassInfo]")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    (tmp_path / "linked").symlink_to(scratch, target_is_directory=True)
    for root in (made, tmp_path / "linked"):
        PreparedCache(root).store("a" * 64, ITEM, {})
        assert (root / CACHE_TAG).is_file()
    (tmp_path / "file").write_text("x")
    with pytest.raises(DataError, match="file: is a file, not a folder"):
        PreparedCache(tmp_path / "file").claim()


def test_only_the_caches_own_files_go_and_an_earlier_untagged_cache_is_adopted(tmp_path: Path) -> None:
    cache = PreparedCache(tmp_path / "cache", limit_bytes=0)
    fill(cache, "ab")
    (tmp_path / "cache" / CACHE_TAG).unlink()  # as an earlier version left it: key folders only
    kept = [cache.folder("a" * 64) / "notes.txt", tmp_path / "cache" / "ab" / "a_photo" / "x.npy"]
    for path in kept:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"mine")
        os.utime(path, (0, 0))
    cache = PreparedCache(tmp_path / "cache", limit_bytes=0)  # a later run
    assert cache.evict().removed == 2 and cached(cache) == "a"  # a's folder stays for the file it still holds
    assert all(path.read_bytes() == b"mine" for path in kept) and (tmp_path / "cache" / CACHE_TAG).is_file()
    assert sorted(p.name for p in cache.folder("a" * 64).iterdir()) == ["notes.txt"]


def test_an_item_removed_while_a_run_reads_it_says_what_to_do(tmp_path: Path) -> None:
    cache = PreparedCache(tmp_path / "cache")
    fill(cache, "a")
    (cache.folder("a" * 64) / "image.npy").unlink()
    with pytest.raises(DataError, match="left the cache while training used it.*--cache-limit.*--resume"):
        cache.arrays("a" * 64, ["image"])


def test_a_run_keeps_its_own_images_and_removes_older_ones_beyond_the_limit(tmp_path: Path) -> None:
    write_mask_set(tmp_path / "data")
    cache = PreparedCache(tmp_path / "cache")
    fill(cache, "ef", hours_ago=48)  # a run of two days ago
    cache.limit_bytes = 0  # smaller than this run's own images: they stay all the same
    _, items, message = prepared(tmp_path, cache)
    assert message == "4 images prepared (0 from the cache)"
    assert sorted(item.folder.name for item in cache.items()) == sorted(items.keys)
    assert items.arrays(0)["image"].shape == (64, 64, 3)


def test_cache_limit_sizes() -> None:
    assert parse_size("20G") == 20 * 2**30 and parse_size("800 MB") == 800 * 2**20
    assert parse_size("1.5TiB") == 1.5 * 2**40
    assert parse_size("4096") == 4096 and parse_size("0") == 0
    for text in ("-1G", "G", "20X", "nan", "", "9" * 400 + "G"):
        with pytest.raises(ValueError, match="not a size such as 50G"):
            parse_size(text)


def test_train_refuses_a_cache_limit_that_is_not_a_size(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main

    with pytest.raises(SystemExit):
        main(["train", "seg", "--data", str(tmp_path), "--out", str(tmp_path / "m"), "--cache-limit", "lots"])
    assert "--cache-limit: 'lots' is not a size such as 50G" in capsys.readouterr().err
