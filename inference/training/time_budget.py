"""A training run sized to a wall-clock budget (`train --minutes`): a lent GPU machine's few minutes, or an hour
of a workstation. A probe run of one epoch times this machine's steps, epoch ends and the work before and after the
steps; the run then takes as many whole epochs as the rest of the budget holds. Its cosine schedule is fixed before
its first step, as any run's: the card records the run as `--epochs N`, and that command with `--resume` continues
it."""
from __future__ import annotations

import dataclasses
import math
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from annotations.progress import NullState, TaskState
from inference.training import messages as msg
from inference.training.config import TrainConfig, TrainResult
from inference.training.distributed import Ranks
from inference.training.run import refuse_replacing_a_model, train

PROBE_STEPS = 50  # a few dozen steps: past the GPU's warm-up, short beside any budget worth sizing


@dataclass(frozen=True)
class RunCosts:
    """Seconds a run of this configuration spends, as a probe of it measured."""
    fixed: float  # preparing the images, building the network, tuning thresholds, the held-out figures, saving
    per_epoch: float  # an epoch's validation and checkpoint
    per_step: float  # a step: its batch, forward, backward and update

    @classmethod
    def measured(cls, probe: TrainResult, wall_seconds: float, batch_size: int) -> "RunCosts":
        steps_seconds = probe.steps * batch_size / probe.images_per_second
        return cls(fixed=max(0.0, wall_seconds - probe.seconds), per_epoch=max(0.0, probe.seconds - steps_seconds),
                   per_step=steps_seconds / probe.steps)

    def epochs_within(self, seconds: float, steps_per_epoch: int) -> int:
        """Whole epochs of ``steps_per_epoch`` steps that ``seconds`` hold after the fixed costs."""
        return math.floor((seconds - self.fixed) / (self.per_epoch + steps_per_epoch * self.per_step))


def sized_to_budget(config: TrainConfig, seconds: float, state: TaskState = NullState()) -> TrainConfig:
    """``config`` with as many epochs as ``seconds`` (counted from now) hold, timed by a probe run of PROBE_STEPS
    steps written to a scratch folder; ValueError when not even one epoch fits after the probe, FileProblem when
    ``config.out`` holds a model the run may not replace."""
    if config.steps_per_epoch is None or config.resume or Ranks.from_environment().distributed:
        raise ValueError(msg.BUDGET_OPTIONS)
    refuse_replacing_a_model(config)  # before the probe's minutes, not after
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="probe-") as scratch:
        probe = dataclasses.replace(config, out=Path(scratch), epochs=1, steps_per_epoch=PROBE_STEPS, overwrite=True)
        result = train(probe, state)
    wall = time.monotonic() - started
    costs = RunCosts.measured(result, wall, config.batch_size)
    epochs = costs.epochs_within(seconds - wall, config.steps_per_epoch)
    if epochs < 1:
        epoch = costs.per_epoch + config.steps_per_epoch * costs.per_step
        raise ValueError(msg.BUDGET_TOO_SHORT.format(minutes=f"{seconds / 60:g}", probe=f"{wall:.0f}",
                                                     epoch=f"{epoch:.0f}"))
    return dataclasses.replace(config, epochs=epochs)
