"""What the analysis' second thread gains on a 4288x2848 photo: the shipped analysis, whose lesion model's member
and candidates' finding run beside the lesion U-Net (inference.pipeline), against the same analysis with every
task of that thread run in turn on the calling thread, alternated in one process so that both meet the same load
(on a shared machine the wall times of two runs minutes apart differ by more than the gain).
"""
from __future__ import annotations

import os
import statistics
from concurrent.futures import Executor, Future
from typing import Any, Callable

from bench.shared_data import shared_photos

PAIRS = 10


class InTurn(Executor):
    """An executor that runs each task when it is submitted, on the caller's thread."""

    def __init__(self, *_: Any, **__: Any) -> None:
        pass

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_result(fn(*args, **kwargs))
        return future


def main() -> None:
    images = shared_photos("fullsize")
    if not images:
        return
    from app.allocator import keep_freed_memory

    keep_freed_memory()  # as the program starts (app.cli.main)
    import torch

    from inference import pipeline
    from inference.analysis_models import assemble_models
    from inference.analysis_settings import AnalysisSettings
    from inference.device import configure_cpu_threads
    from inference.registry import ModelRegistry

    threads = configure_cpu_threads()
    models = assemble_models(AnalysisSettings(device="cpu"), ModelRegistry.bundled()).models  # as bench_inference
    beside = pipeline.ThreadPoolExecutor

    def seconds(executor: type[Executor]) -> float:
        pipeline.ThreadPoolExecutor = executor  # type: ignore[misc, assignment]
        try:
            return pipeline.analyze([images[0]], models, None, torch.device("cpu"))[0].timings["total"]
        finally:
            pipeline.ThreadPoolExecutor = beside  # type: ignore[misc]

    seconds(beside), seconds(InTurn)  # warm-up
    times: dict[str, list[float]] = {"beside": [], "in turn": []}
    for pair in range(PAIRS):
        order = ("beside", "in turn") if pair % 2 else ("in turn", "beside")
        for name in order:
            times[name].append(seconds(beside if name == "beside" else InTurn))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{images[0].name}, torch threads {threads}, {PAIRS} pairs alternated, load average after {load:.1f}")
    for name, values in times.items():
        print(f"   {name:<9} best {min(values) * 1000:5.0f} ms, median {statistics.median(values) * 1000:5.0f} ms")
    gains = [alone - together for together, alone in zip(times["beside"], times["in turn"])]
    print(f"   second thread saves {statistics.median(gains) * 1000:.0f} ms (median of the pairs); faster in "
          f"{sum(gain > 0 for gain in gains)} of {PAIRS} pairs")
