"""Every photo (and, for segmentation, every mask) of a run's splits checked before the first step, so that a night's
run never learns for hours and then fails on a file it could have found in seconds.

The rule, for the command line and the retrain dialog alike (both train through inference.training.run): a sample
whose photo or mask cannot be read for what the file holds (damaged, truncated, not an image, a mask of another size)
is left out of the run, with a note naming the file and why (printed before training, kept in the card's
training.notes, which the retrain dialog shows), and the split sizes and held-out names count only what was used; a
file the system cannot read (a share away, a permission) stops the run at once: it is not the file's fault, and the
same folder would fail again while training reads it. Left out rather than refused, as a night's run wants to finish:
a large public set often holds a few damaged photos, and the retrain export leaves a case it cannot read out with a
note likewise; the note comes before the first step, so whoever starts the run sees it while still there.

The check is what reading refuses, at a decode's lowest cost: a JPEG photo decoded at an eighth of its side (DCT
scaling reads every byte of the image, so a truncated file is found; about 1.5 ms for a 1024x680 photo, 10 ms for
12 MP, against 9 and 150-220 ms for the whole decode), a mask opened and decoded as reading does before it looks at
its pixels. DataLoader worker processes check in parallel; under torchrun each rank checks its share.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

import torch
from torch.utils.data import DataLoader, Dataset

from annotations.errors import FileProblem
from annotations.formats.masks import check_class_mask
from annotations.image_io import load_image, read_image_info
from annotations.progress import TaskState, check_cancelled
from annotations.regular_files import refused_by_the_system
from inference.dataset import DatasetIndex, Sample
from inference.training import messages as msg
from inference.training.distributed import Ranks
from inference.training.prepared_items import quiet_worker

CHECK_PIXELS = 64 * 64  # the check decodes a photo to about this many pixels (a JPEG by DCT scaling: cheap)
# What a check found wrong with a sample: (path, reason, hint, whether the system refused the read)
Found = tuple[str, str, str, bool]


def leave_out_unreadable(index: DatasetIndex, masks: bool, state: TaskState, workers: int,
                         ranks: Ranks = Ranks()) -> DatasetIndex:
    """``index`` without the samples of its splits whose photo (or, with ``masks``, a mask) cannot be read, a note
    for each (module doc); the first FileProblem the system refused is raised instead, on every rank."""
    names = sorted({name for split in index.splits.values() for name in split if name in index.samples})
    mine = names[ranks.rank::ranks.world_size]
    checks = _Checks([index.samples[name] for name in mine], masks)
    loader = DataLoader(checks, batch_size=None, num_workers=min(workers, len(mine)), collate_fn=_as_is,
                        worker_init_fn=quiet_worker, generator=torch.Generator())  # not the global generator
    found: list[tuple[str, Found]] = []
    for number, (position, problem) in enumerate(loader):
        check_cancelled(state)
        if problem is not None:
            found.append((mine[position], problem))
        state.progress((number + 1) / max(len(mine), 1), msg.CHECKING.format(image=mine[position]))
    found = sorted(ranks.gathered(found))
    refused = [FileProblem(*problem[:3]) for _, problem in found if problem[3]]
    if refused:
        raise refused[0]
    left_out = {name: FileProblem(*problem[:3]) for name, problem in found}
    notes = [msg.LEFT_OUT_UNREADABLE.format(split=split, problem=left_out[name])
             for split, members in index.splits.items() for name in members if name in left_out]
    return replace(index, samples={name: s for name, s in index.samples.items() if name not in left_out},
                   splits={split: [n for n in members if n not in left_out] for split, members in index.splits.items()},
                   notes=[*index.notes, *notes])


def check_sample(sample: Sample, masks: bool) -> None:
    """Raises the FileProblem that training would meet reading ``sample``'s photo, or with ``masks`` its masks."""
    info = read_image_info(sample.image)  # the size after EXIF orientation, as training reads it
    load_image(sample.image, CHECK_PIXELS)
    if masks:
        for path in sample.mask_files.values():
            check_class_mask(path, (info.height, info.width))


class _Checks(Dataset):
    def __init__(self, samples: Sequence[Sample], masks: bool) -> None:
        self.samples, self.masks = samples, masks

    def __len__(self) -> int:
        return len(self.samples)

    def __getitem__(self, position: int) -> tuple[int, Found | None]:
        """What is wrong, as plain values: a FileProblem does not cross from a worker process intact."""
        try:
            check_sample(self.samples[position], self.masks)
        except FileProblem as problem:
            return position, (problem.path, problem.reason, problem.hint, refused_by_the_system(problem))
        return position, None


def _as_is(item: object) -> object:
    return item
