"""Which label entry an import gives to which image: exact names first, then a stem for what is left, and a stem
only where one label entry and one workspace image carry it, so a label named for ``OD/img1.jpg`` never lands on
``OS/img1.jpg`` and no label entry goes to two cases. A file is never its own label (--from the photos' folder: a
label image there is listed as a case too)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Hashable, Iterable, Protocol, Sequence

from annotations.case_names import case_name
from annotations.progress import NullState, TaskState, check_cancelled
from annotations.wording import join_items
from annotations.workspace import transfer_messages as warning
from annotations.workspace.label_names import exported_stems, own_stem


class MatchableLabels(Protocol):
    def exact(self, image_paths: Iterable[str]) -> Hashable | None: ...

    def with_stem(self, stem: str) -> list[Hashable]: ...

    def label_name(self, key: Any) -> str: ...


@dataclass(frozen=True)
class ImportTarget:
    """A case labels may go to: a listed case, or one B-scan of a volume (annotations.frames)."""

    case_id: str
    image_path: str
    exported_as: str  # Workspace.export_path: a volume's shown B-scan is exported by its number
    image_file: Path  # the file the case's image is read from
    name_key: bytes | None = None  # the folder's data set name key (name_key.existing_name_key), where it has one
    # a TIFF volume's B-scan 1, which takes the labels named for its file (``image_path``): they were drawn on its
    # first page, as a TIFF opened before it was a volume (annotations.workspace.first_pages)
    first_page: bool = False

    def is_own_file(self, key: Hashable) -> bool:
        """Whether the label entry ``key`` is this case's own image file."""
        try:
            return isinstance(key, Path) and os.path.samefile(key, self.image_file)
        except OSError:
            return False

    def addresses(self) -> tuple[str, str]:
        """``image_path`` and ``exported_as``, in the order a label named for either is looked for: a first page's
        B-scan's own name (``vol_b001.xml``) before its file's (``vol.xml``), which is then left unmatched."""
        return (self.exported_as, self.image_path) if self.first_page else (self.image_path, self.exported_as)

    def stems(self) -> list[str]:
        exported = exported_stems(*self.addresses(), self.name_key)
        return list(dict.fromkeys([*exported, own_stem(self.image_path)]))

    def named_for_file(self, stem: str) -> bool:
        """Whether labels found by ``stem`` were named for a first page's file (``vol``), not for its B-scan
        (``vol_b001``): FIRST_PAGE_LABELS says where they went."""
        return self.first_page and stem not in (own_stem(self.exported_as),
                                                *exported_stems(self.exported_as, self.exported_as, self.name_key))

    def entry_named_for_file(self, labels: MatchableLabels, key: Hashable) -> bool:
        """named_for_file of a label entry ``key`` of ``labels``: neither B-scan 1's exact name nor stem finds it."""
        return self.first_page and labels.exact([self.exported_as]) != key and not any(
            key in labels.with_stem(stem) for stem in self.stems() if not self.named_for_file(stem))


@dataclass
class LabelMatches:
    cases: dict[str, Hashable]  # case id -> its label entry
    warnings: list[str]  # one per label entry left out because its stem fits several images
    own_files: set[Hashable]  # label entries that are a case's own image and went to no other case (a photo)


def match_labels(labels: MatchableLabels, targets: Sequence[ImportTarget],
                 state: TaskState = NullState()) -> LabelMatches:
    """Which label entry each target gets, if any (exact names, then stems for what is left). Raises Cancelled
    when ``state`` is cancelled: a large import spends a while here before its progress loop."""
    matched: dict[str, Hashable] = {}
    used: set[Hashable] = set()  # the label entries matched so far: a set, not matched.values() (quadratic)
    own: set[Hashable] = set()
    for target in targets:
        check_cancelled(state)
        key = labels.exact(dict.fromkeys(target.addresses()))
        if key is None or key in used:
            continue
        if target.is_own_file(key):
            own.add(key)
        else:
            matched[target.case_id] = key
            used.add(key)
    claimed: dict[str, list[ImportTarget]] = {}  # stem -> the targets that may carry it
    for target in targets:
        for stem in target.stems():
            claimed.setdefault(stem, []).append(target)
    ambiguous: dict[Hashable, list[ImportTarget]] = {}
    for target in targets:
        check_cancelled(state)
        if target.case_id in matched:
            continue
        for stem in target.stems():
            keys = labels.with_stem(stem)
            if len(keys) != 1 or keys[0] in used:
                continue
            fits = [other for other in claimed[stem] if not other.is_own_file(keys[0])]
            if len(fits) > 1:
                ambiguous[keys[0]] = fits
                continue
            if fits != [target]:
                continue
            matched[target.case_id] = keys[0]
            used.add(keys[0])
            break
    warnings = [warning.STEM_FITS_SEVERAL.format(label=labels.label_name(key),
                                                 images=join_items(case_name(fit.exported_as) for fit in fits))
                for key, fits in ambiguous.items() if key not in used]
    return LabelMatches(matched, warnings, own - used)
