"""Which process of a run this is: one process alone, or one rank of a torchrun launch (DistributedDataParallel).

torchrun sets RANK, WORLD_SIZE and LOCAL_RANK (and MASTER_ADDR/PORT); with WORLD_SIZE above 1 the run joins the
process group (nccl on CUDA, gloo on CPU). Rank 0 alone writes checkpoints, the model folder, the card and
progress; the others wait for it at a barrier. Batch norms share their batch statistics across ranks
(SyncBatchNorm) on CUDA only: SyncBatchNorm has no CPU (gloo) implementation.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import timedelta

import torch
import torch.distributed as dist
from torch import nn

from inference.training.launch import Launch

REFUSAL_KEY = "retina-review/refusal"  # rank 0's refusal in the process group's store (say_refusal_once)
REFUSAL_WAIT_S = 10.0  # how long another rank waits for it: every rank runs the same checks at about the same time
OWN_REFUSAL = "refused_by_this_rank_alone"  # the attribute that marks such a refusal (own_refusal)
LOST_PROCESS_GRACE_S = 10.0  # how long a rank waits for torchrun's stop after an error (outlive_a_lost_process)


@dataclass(frozen=True)
class Ranks(Launch):
    """This process's rank (Launch) and what it does with the others of the run."""

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

    def outlive_a_lost_process(self) -> None:
        """Called on an error that is no refusal. Where another process of the run ended (the OOM killer, a crash),
        this one meets the lost connection in its next collective, as an error, and torchrun stops it (SIGTERM)
        moments later: waiting LOST_PROCESS_GRACE_S for that stop, the run ends as a stopped one (rank 0 saying that
        the checkpoint stays for --resume), not as a bug of the program. An error of this process alone is raised
        after the wait."""
        if self.distributed:
            time.sleep(LOST_PROCESS_GRACE_S)

    def say_refusal_once(self, refusal: BaseException) -> None:
        """Under torchrun rank 0 alone says a refusal that every rank meets (an option, the data, the checkpoint):
        rank 0 leaves its text in the process group's store, another rank waits for it up to REFUSAL_WAIT_S and,
        when rank 0 refused otherwise or not at all (a file of this rank's own share), marks ``refusal`` as its own
        to say (own_refusal). For a refusal met while the group is joined."""
        if not self.distributed or not dist.is_initialized():
            return
        text = str(refusal)
        try:
            store = dist.distributed_c10d._get_default_store()
            if self.is_main:
                store.set(REFUSAL_KEY, text)
                return
            store.wait([REFUSAL_KEY], timedelta(seconds=REFUSAL_WAIT_S))
            alike = store.get(REFUSAL_KEY).decode("utf-8", "replace") == text
        except RuntimeError:  # no word from rank 0 in time (DistStoreError), or its store gone with it
            alike = False
        setattr(refusal, OWN_REFUSAL, not alike)

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


def own_refusal(refusal: BaseException, ranks: Ranks) -> bool:
    """Whether this process says ``refusal``: rank 0 (or the one process) always; another rank only what it met
    alone (Ranks.say_refusal_once). A refusal before the ranks joined (the options, the device) is every rank's."""
    return ranks.is_main or getattr(refusal, OWN_REFUSAL, False)
