"""Which process of a run this is: one process alone, or one rank of a torchrun launch (DistributedDataParallel).

torchrun sets RANK, WORLD_SIZE and LOCAL_RANK (and MASTER_ADDR/PORT); with WORLD_SIZE above 1 the run joins the
process group (nccl on CUDA, gloo on CPU). Rank 0 alone writes checkpoints, the model folder, the card and
progress; the others wait for it at a barrier. Batch norms share their batch statistics across ranks
(SyncBatchNorm) on CUDA only: SyncBatchNorm has no CPU (gloo) implementation.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

import torch
import torch.distributed as dist
from torch import nn


@dataclass(frozen=True)
class Ranks:
    rank: int = 0
    world_size: int = 1
    local_rank: int = 0

    @classmethod
    def from_environment(cls) -> "Ranks":
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

    def device(self, device: torch.device) -> torch.device:
        """One GPU per local rank; CPU stays CPU."""
        if device.type == "cuda" and self.distributed:
            torch.cuda.set_device(self.local_rank)
            return torch.device("cuda", self.local_rank)
        return device

    def join(self, device: torch.device) -> None:
        if self.distributed and not dist.is_initialized():
            dist.init_process_group("nccl" if device.type == "cuda" else "gloo")

    def leave(self) -> None:
        if self.distributed and dist.is_initialized():
            dist.destroy_process_group()

    def barrier(self) -> None:
        if self.distributed:
            dist.barrier()

    def gathered(self, items: list) -> list:
        """Every rank's ``items`` (picklable), in rank order, on every rank."""
        if not self.distributed:
            return items
        everyone: list[list] = [[] for _ in range(self.world_size)]
        dist.all_gather_object(everyone, items)
        return [item for part in everyone for item in part]

    def mean(self, value: float, device: torch.device) -> float:
        """The mean of ``value`` over all ranks (the loss the history and the progress report)."""
        if not self.distributed:
            return value
        tensor = torch.tensor([value], dtype=torch.float64, device=device)
        dist.all_reduce(tensor)
        return float(tensor.item()) / self.world_size

    def sync_batch_norm(self, device: torch.device) -> bool:
        """Whether batch norms share statistics across ranks: with several processes on CUDA (NCCL). SyncBatchNorm
        does not run on CPU, so CPU ranks (gloo) keep plain batch norm, each over its own share of the batch."""
        return self.distributed and device.type == "cuda"


def synchronise_batch_norm(model: nn.Module, ranks: Ranks, device: torch.device) -> tuple[nn.Module, str]:
    """``model`` with SyncBatchNorm where ``ranks.sync_batch_norm(device)``, and what was done, for the card and
    the log. The parameters stay the same tensors and the state dict the same keys, so checkpoints, optimizers
    and the saved model do not see the difference."""
    if not ranks.distributed:
        return model, "plain (one process)"
    if ranks.sync_batch_norm(device):
        return (nn.SyncBatchNorm.convert_sync_batchnorm(model),
                f"synchronised across the {ranks.world_size} processes (SyncBatchNorm)")
    return model, (f"per process: each of the {ranks.world_size} processes normalises over its own share of the "
                   "batch (SyncBatchNorm needs CUDA; these processes ran on the CPU with gloo)")
