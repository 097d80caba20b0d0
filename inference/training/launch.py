"""Which process of a run this is, as torchrun's environment says (RANK, WORLD_SIZE, LOCAL_RANK, LOCAL_WORLD_SIZE),
read without importing torch: `analyze`, which refuses torchrun, says so before it loads anything (each process
imported torch first, some 10 s and 0.7 GB). What the ranks do together, in a process group, is
inference.training.distributed.Ranks's."""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import Self

EARLY_REFUSAL_GRACE_S = 5.0  # how long another rank waits before it ends on a refusal met before the ranks joined


@dataclass(frozen=True)
class Launch:
    rank: int = 0
    world_size: int = 1
    local_rank: int = 0

    @classmethod
    def from_environment(cls) -> Self:
        world = int(os.environ.get("WORLD_SIZE", "1"))
        if world <= 1:
            return cls()
        return cls(int(os.environ["RANK"]), world, int(os.environ.get("LOCAL_RANK", os.environ["RANK"])))

    @property
    def distributed(self) -> bool:
        return self.world_size > 1

    @property
    def is_main(self) -> bool:
        return self.rank == 0

    @property
    def local_world_size(self) -> int:
        return int(os.environ.get("LOCAL_WORLD_SIZE", self.world_size))

    def let_main_say_it(self) -> None:
        """A refusal every rank meets before the ranks joined (refuse_early) is said by rank 0 alone (own_refusal);
        torchrun stops the other ranks once one ends, so another rank ending first had rank 0 stopped before it said
        it (seen in CI: torchrun's report alone, no reason). Another rank waits EARLY_REFUSAL_GRACE_S first: rank 0,
        at the same check, has ended by then and torchrun stops this one."""
        if self.distributed and not self.is_main:
            time.sleep(EARLY_REFUSAL_GRACE_S)
