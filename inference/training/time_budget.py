"""A training run sized to a wall-clock budget (`train --minutes`): a lent GPU machine's few minutes, or an hour
of a workstation. A probe run of a few short epochs times this machine's steps, epoch ends and the work before and
after them; the run then takes as many whole epochs as the rest of the budget holds. Its cosine schedule is fixed
before its first step, as any run's: the card records the run as `--epochs N`, and that command with `--resume`
continues it."""
from __future__ import annotations

import dataclasses
import math
import statistics
import tempfile
from time import monotonic
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from annotations.progress import NullState, TaskState
from inference.training import messages as msg
from inference.training.config import TrainConfig
from inference.training.distributed import Ranks
from inference.training.run import refuse_early, train

# The probe's last epoch and the end of the one before it come after the warm-up (loader workers starting, kernels
# loading, the first batches' wait), which a run pays once: timed from the probe's first steps, the warm-up made a
# lent H200 look 3.5 times slower than it was (8.5 minutes sized to 8 epochs that took 2.2).
PROBE_EPOCHS, PROBE_STEPS_PER_EPOCH = 3, 20


@dataclass(frozen=True)
class RunCosts:
    """Seconds a run of this configuration spends, as a probe of it measured."""
    fixed: float  # preparing the images, building the network, the warm-up, tuning thresholds, the figures, saving
    per_epoch: float  # an epoch's validation and checkpoint
    per_step: float  # a step: its batch, forward, backward and update

    @classmethod
    def measured(cls, step_ends: Sequence[float], wall_seconds: float) -> "RunCosts":
        """From the times (seconds since the probe started) its PROBE_EPOCHS x PROBE_STEPS_PER_EPOCH steps ended and
        its whole time: a step is the median gap between the last epoch's steps, an epoch's end the gap across the
        last epoch boundary less a step, and the rest of the probe's time is fixed."""
        last_epoch = step_ends[-PROBE_STEPS_PER_EPOCH:]
        per_step = statistics.median(later - earlier for earlier, later in zip(last_epoch, last_epoch[1:]))
        per_epoch = max(0.0, last_epoch[0] - step_ends[-PROBE_STEPS_PER_EPOCH - 1] - per_step)
        fixed = max(0.0, wall_seconds - PROBE_EPOCHS * per_epoch - len(step_ends) * per_step)
        return cls(fixed=fixed, per_epoch=per_epoch, per_step=per_step)

    def epochs_within(self, seconds: float, steps_per_epoch: int) -> int:
        """Whole epochs of ``steps_per_epoch`` steps that ``seconds`` hold after the fixed costs."""
        return math.floor((seconds - self.fixed) / (self.per_epoch + steps_per_epoch * self.per_step))


def sized_to_budget(config: TrainConfig, seconds: float, state: TaskState = NullState()) -> TrainConfig:
    """``config`` with as many epochs as ``seconds`` (counted from now) hold, timed by a probe run of PROBE_EPOCHS short
    epochs written to a scratch folder; ValueError when not even one epoch fits after the probe, FileProblem when
    ``config.out`` holds a model the run may not replace."""
    if config.steps_per_epoch is None or config.resume or Ranks.from_environment().distributed:
        raise ValueError(msg.BUDGET_OPTIONS)
    refuse_early(config)  # before the probe's minutes, not after
    started, step_ends = monotonic(), []
    with tempfile.TemporaryDirectory(prefix="probe-") as scratch:
        probe = dataclasses.replace(config, out=Path(scratch), epochs=PROBE_EPOCHS,
                                    steps_per_epoch=PROBE_STEPS_PER_EPOCH, overwrite=True)
        train(probe, state, on_step=lambda *_: step_ends.append(monotonic() - started))
    wall = monotonic() - started
    costs = RunCosts.measured(step_ends, wall)
    epochs = costs.epochs_within(seconds - wall, config.steps_per_epoch)
    if epochs < 1:
        epoch = costs.per_epoch + config.steps_per_epoch * costs.per_step
        raise ValueError(msg.BUDGET_TOO_SHORT.format(minutes=f"{seconds / 60:g}", probe=f"{wall:.0f}",
                                                     epoch=f"{epoch:.0f}"))
    return dataclasses.replace(config, epochs=epochs)
