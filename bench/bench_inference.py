"""Inference speed on a 4288x2848 fundus photo: the shipped defaults (every model in resources/models, exactly as a
fresh install analyses) beside a reference configured as a published DR system was (Unet with an SE-ResNet50
encoder at 960x960, plain eager fp32), on CPU and, when present, GPU.

The reference uses randomly initialised weights (speed does not depend on the values). Each pipeline runs in its own
process so peak memory is its own; times are the best of several warm runs (the first run pays one-time kernel
set-up, and the best run is the least disturbed by other processes on a shared machine).
"""
from __future__ import annotations

import multiprocessing
import os
import resource
import time
from pathlib import Path
from typing import Any, Callable

from bench.shared_data import shared_photos

REPEATS = 5
REFERENCE_REPEATS = 2  # the reference takes ~20 s per photo on 2 cores
REFERENCE_SEG_SIZE = 960
REFERENCE_CLS_SIZE = 512  # the reference's grader: the same SE-ResNet50 encoder with a linear head
TARGET_FULL_CPU_S = 2.0  # issue 20: full analysis with the pixel-mask lesion model, warm, 2 CPU cores (issue 18 asked
# 1.0 s of the box-trained defaults before it; idrid-lesions version 3 met that, 4 and 5 spend ~0.35 s on a 2nd view)
TARGET_RATIO = 4.0  # issue 18: at least this many times faster than the reference, measured side by side
ROWS = [("load", "decode JPEG"), ("full", "whole analysis of one photo (ours: every stage the program runs)")]


def main() -> None:
    images = shared_photos("fullsize")  # 4288x2848
    if not images:
        return
    import torch

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"   load average before the run: {load:.1f} on {os.cpu_count()} cores "
          "(other processes on these cores slow every figure below)")
    devices = ["cpu"] + (["cuda"] if torch.cuda.is_available() else [])
    context = multiprocessing.get_context("spawn")
    for device in devices:
        with context.Pool(1) as pool:
            ours = pool.apply(measure, (str(images[0]), device, False))
        with context.Pool(1) as pool:
            reference = pool.apply(measure, (str(images[0]), device, True))
        print_table(device, images[0], ours, reference)
    if devices == ["cpu"]:
        print("   GPU: not available on this machine (figures above are CPU only)")


def print_table(device: str, image: Path, ours: dict[str, Any], reference: dict[str, Any]) -> None:
    print(f"{image.name} {ours['size']}, device {device}, torch threads {ours['threads']}")
    print(f"   {'stage':<16}{'ours':>10}{'reference':>12}{'ref/ours':>10}   what")
    for key, what in ROWS:
        mine, theirs = ours[key], reference[key]
        target = (f" (targets <= {TARGET_FULL_CPU_S:g} s on 2 CPU cores, >= {TARGET_RATIO:g}x)"
                  if key == "full" and device == "cpu" else "")
        print(f"   {key:<16}{mine * 1000:>8.0f}ms{theirs * 1000:>10.0f}ms{theirs / mine:>9.1f}x   {what}{target}")
    mine, theirs = ours["peak_mb"], reference["peak_mb"]
    label = "peak RSS" if device == "cpu" else "peak GPU memory"
    print(f"   {'peak memory':<16}{mine:>8.0f}MB{theirs:>10.0f}MB{theirs / mine:>9.1f}x   {label}")
    if ours.get("single_thread_work") is not None:
        mine, theirs = ours["single_thread_work"], reference["single_thread_work"]
        print(f"   CPU work of one analysis (torch and OpenCV on one thread): ours {mine:.2f} s, "
              f"reference {theirs:.2f} s, {theirs / mine:.1f}x (hardly changed by other processes on the cores, "
              f"unlike the wall times; ours bounds the wall time on 2 free cores)")
    stages = ", ".join(f"{name} {value * 1000:.0f}" for name, value in ours["stages"].items() if name != "total")
    print(f"   ours, full analysis by stage (ms): {stages}")
    print(f"   ours: {ours['config']}\n   reference: {reference['config']}")


def measure(image_path: str, device_name: str, reference: bool) -> dict[str, Any]:
    """Runs in a fresh process: warm up, then time each stage. Ours starts as the program does (app.cli.main)."""
    kept = False
    if not reference:
        from app.allocator import keep_freed_memory

        kept = keep_freed_memory()
    import torch

    from annotations.image_io import load_image
    from inference.device import configure_cpu_threads

    threads = configure_cpu_threads()
    device = torch.device(device_name)
    image = load_image(image_path)
    timings = (_measure_reference if reference else _measure_ours)(image_path, image, device)
    timings["load"] = _best(lambda: load_image(image_path), REPEATS)
    if device.type == "cuda":
        timings["peak_mb"] = torch.cuda.max_memory_allocated() / 2**20
    else:
        timings["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    timings.update(threads=threads, size=f"{image.shape[1]}x{image.shape[0]}")
    if kept:
        timings["config"] += "; glibc keeps freed blocks (app.allocator, as the program starts)"
    return timings


def _measure_ours(image_path: str, image: Any, device: Any) -> dict[str, Any]:
    from inference.analysis_models import assemble_models
    from inference.analysis_settings import AnalysisSettings
    from inference.pipeline import analyze
    from inference.registry import ModelRegistry

    # exactly what the window and `analyze` run on a fresh install: default settings, the bundled models
    models = assemble_models(AnalysisSettings(device=device.type), ModelRegistry.bundled()).models
    analyze([image_path], models, None, device)  # warm-up, and moves the models to the device
    best_run = min((analyze([image_path], models, None, device)[0].timings for _ in range(REPEATS)),
                   key=lambda timings: timings["total"])
    single_thread_work = _single_thread_cpu_seconds(lambda: analyze([image_path], models, None, device)) \
        if device.type == "cpu" else None
    return {
        "single_thread_work": single_thread_work,
        "full": best_run["total"],
        "stages": best_run,
        "config": "shipped defaults: " + "; ".join(
            f"{m.card.name} ({m.card.task}, {m.card.encoder} {m.card.input_size[1]}x{m.card.input_size[0]})"
            for m in models.all()) + "; channels_last, inference_mode, quality + optic disc + findings; the "
                                     "lesion model's member and the candidates' finding on a second thread",
    }


def _measure_reference(image_path: str, image: Any, device: Any) -> dict[str, Any]:
    """What a typical published training repository's predict script does, with its model configuration."""
    import cv2
    import numpy as np
    import segmentation_models_pytorch as smp
    import torch
    import torch.nn.functional as F

    from annotations.image_io import load_image
    from inference.model_card import IMAGENET_MEAN, IMAGENET_STD
    from inference.models import Classifier, SmpFeatures

    seg = smp.Unet("se_resnet50", encoder_weights=None, classes=5).eval().to(device)
    grader = Classifier(SmpFeatures("se_resnet50"), 5).eval().to(device)
    mean, std = np.array(IMAGENET_MEAN, np.float32), np.array(IMAGENET_STD, np.float32)

    def preprocess(picture: np.ndarray, side: int) -> torch.Tensor:
        resized = cv2.resize(picture, (side, side), interpolation=cv2.INTER_LINEAR).astype(np.float32) / 255
        return torch.from_numpy(((resized - mean) / std).transpose(2, 0, 1).copy())[None].to(device)

    def classification(tensor: torch.Tensor) -> torch.Tensor:
        with torch.no_grad():
            return torch.softmax(grader(tensor), dim=1)

    def grad_cam(picture: np.ndarray, tensor: torch.Tensor) -> np.ndarray:
        """pytorch-grad-cam style: hooks on the layer, full backward with weight gradients."""
        store: dict[str, torch.Tensor] = {}
        handle = grader.features.register_forward_hook(lambda m, i, o: store.update(a=o) or o.retain_grad())
        logits = grader(tensor)
        grader.zero_grad()
        logits[0, int(logits.argmax())].backward()
        handle.remove()
        activation = store["a"]
        cam = torch.relu((activation.grad.mean(dim=(2, 3), keepdim=True) * activation).sum(1))[0]
        cam = (cam / cam.max().clamp(min=1e-8)).detach().cpu().numpy()
        return cv2.resize(cam, (picture.shape[1], picture.shape[0]))

    def timed_run() -> dict[str, float]:
        """One photo the reference's way, each stage timed (stages run strictly one after another)."""
        clock = [time.perf_counter()]

        def lap() -> float:
            if device.type == "cuda":
                torch.cuda.synchronize()
            clock.append(time.perf_counter())
            return clock[-1] - clock[-2]

        picture = load_image(image_path)
        times = {"load": lap()}
        seg_input = preprocess(picture, REFERENCE_SEG_SIZE)
        cls_input = preprocess(picture, REFERENCE_CLS_SIZE)
        times["preprocess"] = lap()
        with torch.no_grad():
            probs = torch.softmax(seg(seg_input), dim=1)
            full = F.interpolate(probs, size=picture.shape[:2], mode="bilinear", align_corners=False)
            (full[0, 1:] > 0.5).cpu().numpy()
        times["segmentation"] = lap()
        classification(cls_input)
        times["classification"] = lap()
        grad_cam(picture, cls_input)
        times["grad_cam"] = lap()
        times["full"] = clock[-1] - clock[0]
        return times

    timed_run()  # warm-up
    runs = [timed_run() for _ in range(REFERENCE_REPEATS)]
    best: dict[str, Any] = {key: min(run[key] for run in runs) for key in runs[0]}
    best["single_thread_work"] = (_single_thread_cpu_seconds(timed_run, REFERENCE_REPEATS)
                                  if device.type == "cpu" else None)
    best["config"] = (f"lesion-segmentation: unet se_resnet50 {REFERENCE_SEG_SIZE}x{REFERENCE_SEG_SIZE}; dr-grade: "
                      f"se_resnet50 classifier {REFERENCE_CLS_SIZE}x{REFERENCE_CLS_SIZE}; eager fp32, no_grad, NCHW; "
                      "no quality, optic disc or findings")
    return best


def _single_thread_cpu_seconds(function: Callable[[], Any], repeats: int = REPEATS) -> float:
    """CPU seconds one run costs with torch and OpenCV on one thread (the analysis' own second thread counted in):
    unlike wall time, hardly changed by other processes competing for the cores, and an upper bound for the wall
    time on two free cores (a second thread can only help)."""
    import cv2
    import torch

    threads, cv_threads = torch.get_num_threads(), cv2.getNumThreads()
    torch.set_num_threads(1)
    cv2.setNumThreads(1)
    try:
        function()  # warm-up at this thread count
        costs = []
        for _ in range(repeats):
            started = time.process_time()
            function()
            costs.append(time.process_time() - started)
        return min(costs)
    finally:
        torch.set_num_threads(threads)
        cv2.setNumThreads(cv_threads)


def _best(function: Callable[[], Any], repeats: int, device: Any = None) -> float:
    import torch

    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        if device is not None and device.type == "cuda":
            torch.cuda.synchronize()
        times.append(time.perf_counter() - started)
    return min(times)
