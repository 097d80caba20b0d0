"""How many Ray actors a batch starts and what each asks the cluster for (CPUs, a share of a GPU), and the device
an actor runs its models on. Plain functions of the cluster's resources, so they are tested without Ray or a GPU."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping, Sequence

from annotations.wording import fill
from inference.batch import messages as msg

CPUS_PER_WORKER = 2  # CPUs per actor (torch threads, pre- and post-processing): more actors, not more threads


@dataclass(frozen=True)
class WorkerPlan:
    count: int  # actors to start
    cpus: int  # CPUs each asks for
    gpus: float  # share of one GPU each asks for; 0: a CPU worker

    def describe(self) -> str:
        if not self.gpus:
            return msg.CPU_WORKERS.format(count=self.count, cpus=self.cpus)
        return msg.GPU_WORKERS.format(count=self.count, cpus=self.cpus, gpus=f"{self.gpus:g}")


def worker_count(text: str, refusal: str = msg.NOT_A_WORKER_COUNT) -> int:
    """``--ray-workers``: how many actors to start, 1 or more; a ValueError saying ``refusal`` (NOT_A_WORKER_COUNT,
    in the command line's language) otherwise (0 or less started none, and the batch ended at once as if it were
    done)."""
    try:
        count = int(text)
    except ValueError:
        count = 0
    if count < 1:
        raise ValueError(fill(refusal, count=text))
    return count


def gpu_share(text: str, refusal: str = msg.NOT_A_GPU_SHARE) -> float:
    """``--ray-gpus-per-worker``: a share of one GPU, 0 (CPU workers) to 1 (a whole GPU); a ValueError saying
    ``refusal`` (NOT_A_GPU_SHARE, in the command line's language) otherwise. An actor runs its models on one device,
    so more than one GPU each would be wasted."""
    try:
        share = float(text)
    except ValueError:  # not a number: refused below, in the refusal's words rather than Python's
        share = math.nan
    if not 0.0 <= share <= 1.0:
        raise ValueError(fill(refusal, share=text))
    return share


def plan_workers(resources: Mapping[str, float], workers: int | None = None, gpus_per_worker: float | None = None,
                 device: str = "auto", loads_models: bool = True) -> WorkerPlan:
    """Actors for a cluster with ``resources`` (``ray.cluster_resources()``): on a cluster with GPUs each takes
    ``gpus_per_worker`` of one (default a whole GPU), as many as the GPUs hold, at most ``workers``; without GPUs
    (or with ``device`` cpu, a share of 0, or no model to load: BatchRecipe.loads_models) one per CPUS_PER_WORKER
    CPUs, at most one per CPU. ValueError when a GPU share is asked of a cluster without GPUs, or device cuda of
    workers without them."""
    if not loads_models:  # OCT scans alone, no OCT model: nothing runs on a GPU, which each worker held from others
        device = "cpu"
    cpus, gpus = max(1, int(resources.get("CPU", 1))), float(resources.get("GPU", 0))
    if device == "cpu":
        share = 0.0
    elif gpus_per_worker is None:
        share = 1.0 if gpus else 0.0
    else:
        share = gpus_per_worker
    if share and not gpus:
        raise ValueError(msg.NO_GPUS_TO_SHARE.format(share=f"{share:g}"))
    if device.startswith("cuda") and not share:
        raise ValueError((msg.NO_GPU_SHARE if gpus else msg.NO_GPUS_FOR_DEVICE).format(device=device))
    if share:
        capacity = max(1, int(gpus / share + 1e-9))  # GPUs report fractions that do not add up exactly
    else:
        capacity = max(1, cpus // CPUS_PER_WORKER)
    count = min(workers or capacity, capacity if share else cpus)
    return WorkerPlan(count, max(1, min(CPUS_PER_WORKER, cpus // count)), share)


def actor_device(requested: str, gpu_ids: Sequence[object]) -> str:
    """The device for an actor's models: Ray shows an actor given a GPU only that GPU, as ``cuda`` (cuda:0), so a
    requested ``auto`` or ``cuda:N`` runs there. An actor given none runs on the CPU: Ray leaves the node's GPUs
    visible to it, but they are other actors'."""
    return "cuda" if gpu_ids and requested != "cpu" else "cpu"
