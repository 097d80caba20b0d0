"""match_labels: each label entry goes to one case at most, and a cancelled import stops while matching."""
from __future__ import annotations

from pathlib import Path
from typing import Hashable, Iterable

import pytest

from annotations.progress import CallbackState, Cancelled
from annotations.workspace.label_matching import ImportTarget, match_labels


class NamedLabels:
    """Label entries keyed by the image path they name exactly."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names  # image path -> label entry

    def exact(self, image_paths: Iterable[str]) -> Hashable | None:
        return next((self.names[path] for path in image_paths if path in self.names), None)

    def with_stem(self, stem: str) -> list[Hashable]:
        return []

    def label_name(self, key: Hashable) -> str:
        return str(key)


def target(case_id: str, image_path: str) -> ImportTarget:
    return ImportTarget(case_id, image_path, image_path, Path("/nonexistent") / image_path)


def test_a_label_entry_named_by_two_targets_goes_to_the_first_only() -> None:
    labels = NamedLabels({"a.jpg": "a.xml", "b.jpg": "a.xml", "c.jpg": "c.xml"})
    matches = match_labels(labels, [target("1", "a.jpg"), target("2", "b.jpg"), target("3", "c.jpg")])
    assert matches.cases == {"1": "a.xml", "3": "c.xml"}


def test_a_cancelled_import_stops_while_matching() -> None:
    state = CallbackState()
    state.cancel()
    with pytest.raises(Cancelled):
        match_labels(NamedLabels({"a.jpg": "a.xml"}), [target("1", "a.jpg")], state)
