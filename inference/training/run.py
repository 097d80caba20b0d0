"""``train(config, state)``: one training run from a data folder to a model folder the registry loads.

The loop is shared by segmentation and classification (their trainers supply a data set of prepared items, loss
and validation; inference.training.loader turns it into batches in worker processes). Seeded and deterministic
(the data's choices derive from seed and epoch, torch's generator for weights, deterministic kernels where PyTorch
has them); AdamW with a cosine learning rate computed from the step, so a resumed run continues the same schedule;
a checkpoint after every epoch; mixed precision on CUDA; progress, a per-step loss callback and cancellation
for the GUI. Cancelling raises Cancelled and leaves the last epoch's checkpoint for ``resume``.
"""
from __future__ import annotations

import contextlib
import copy
import logging
import math
import os
import sys
import time
from typing import Any, Callable, Iterator

import numpy as np
import torch
from torch import nn
from torch.nn.parallel import DistributedDataParallel

from annotations.formats.label_map import parse_label_map
from annotations import messages as file_msg
from annotations.output_folder import OutputError, held_folder, refuse_obstacles, refuse_unwritable
from annotations.progress import NullState, SubState, TaskState, check_cancelled
from inference.dataset import load_index
from inference.device import resolve_device
from inference.evaluation import held_out, json_safe
from inference.loading import LoadedModel
from inference.model_card import CARD_FILE, WEIGHTS_FILE, default_card, save_model_folder
from inference.models import build_model
from inference.training import messages as msg
from inference.training.card import finish_card, initial_card
from inference.training.checkpoint import (HYPER, Checkpoint, CheckpointError, has_checkpoint, load_checkpoint,
                                           refuse_linked_checkpoint, remove_checkpoint, save_checkpoint)
from inference.training.cls_trainer import ClassificationTrainer
from inference.training.config import TrainConfig, TrainResult, ignored_fields
from inference.training.distributed import Ranks, synchronise_batch_norm
from inference.training.init_from import load_initial_weights
from inference.training.loader import EpochLoader, default_workers
from inference.training.losses import kept_output_loss
from inference.training.model_folder import refuse_foreign_folder
from inference.training.prepared_cache import PreparedCache, default_cache_dir
from inference.training.readable_samples import leave_out_unreadable
from inference.training.seg_trainer import SegmentationTrainer

StepCallback = Callable[[int, float, dict[str, float]], None]  # (global step, loss, loss parts)
CHECK_SHARE, PREPARE_SHARE, TRAIN_SHARE = 0.01, 0.1, 0.8  # of the progress bar; evaluation takes the rest
MIN_LR_FRACTION = 0.01
log = logging.getLogger(__name__)


def train(config: TrainConfig, state: TaskState = NullState(), on_step: StepCallback | None = None,
          finish_requested: Callable[[], bool] = lambda: False,
          on_note: Callable[[str], None] | None = None) -> TrainResult:
    """Train, evaluate on the held-out split, write ``config.out`` (model.safetensors + model.json).

    A model already in ``config.out`` (one installed, or shipped) is not replaced unless ``config.overwrite``:
    refused before the first step, not after an hour of training. Launched by torchrun, every rank trains its
    share of each batch (DistributedDataParallel); rank 0 alone reports, checkpoints, evaluates and saves.
    ``finish_requested`` (one process: the retrain dialog's "Finish now") is asked after each step; once true, the
    epoch ends there, validated and checkpointed as any other, and the model is written from it. Asked again before
    each epoch after the first: true once the one before was validated, the model is written from that one.
    ``on_note`` hears, before the first step, what the run does otherwise than asked: the data's notes, a sample
    left out as unreadable (readable_samples); the card keeps them (training.notes).
    The main process holds ``config.out`` for the run (held_folder): two runs into one folder removed each other's
    checkpoint files at every save, and the last to end replaced the other's model."""
    ranks = Ranks.from_environment()
    try:
        refuse_early(config)  # every rank alike, at once: under torchrun the first to end has the others stopped
    except Exception:
        ranks.let_main_say_it()
        raise
    with contextlib.ExitStack() as held:
        if ranks.is_main:
            held.enter_context(held_folder(config.out, msg.TRAINING_BUSY))
        if not ranks.is_main:
            state, on_step, on_note = NullState(), None, None
        device = ranks.device(resolve_device(config.device))
        ranks.join(device)
        try:
            return _train(config, state, on_step, ranks, device, finish_requested, on_note or (lambda note: None))
        except Exception as refusal:  # under torchrun said once, by rank 0, where every rank meets it
            ranks.say_refusal_once(refusal)
            raise
        finally:
            ranks.leave()


def refuse_early(config: TrainConfig) -> None:
    """A new run (not ``resume``, or one with no checkpoint to resume) into a folder that holds a model raises
    FileProblem unless ``overwrite``, as does an output folder that cannot be written or that is not a model's
    (model_folder.refuse_foreign_folder); one into a folder holding an unfinished run's checkpoint, and a ``finish``
    with no checkpoint to finish from, raise CheckpointError; before images are prepared."""
    if config.out.exists() and not config.out.is_dir():  # found at the first checkpoint, after an epoch's work
        raise OutputError(config.out, file_msg.OUTPUT_IS_FILE, file_msg.GIVE_FOLDER)
    refuse_foreign_folder(config.out, config.data)
    refuse_unwritable(config.out)  # a read-only or unreachable disk, likewise
    refuse_linked_checkpoint(config.out)
    checkpoint = has_checkpoint(config.out)
    if config.finish and not checkpoint:
        raise CheckpointError(msg.NOTHING_TO_FINISH.format(folder=config.out))
    if not config.resume or not checkpoint:  # a --resume with nothing to resume trains anew: a finished model stays
        refuse_obstacles([config.out / WEIGHTS_FILE, config.out / CARD_FILE], set(), config.overwrite)
    if not config.resume and checkpoint and not config.overwrite:  # an interrupted run's hours: replaced at epoch 1
        raise CheckpointError(msg.UNFINISHED_RUN.format(folder=config.out))


def _train(config: TrainConfig, state: TaskState, on_step: StepCallback | None, ranks: Ranks,
           device: torch.device, finish_requested: Callable[[], bool], on_note: Callable[[str], None]
           ) -> TrainResult:
    label_map = parse_label_map(config.label_map) if config.label_map else None
    classes = default_card(config.card_task).classes if not config.is_segmentation else None
    index = load_index(config.data, label_map, classes, config.seed, splits_dir=config.splits)
    workers = config.workers if config.workers is not None else default_workers(ranks)
    index = leave_out_unreadable(index, config.is_segmentation, SubState(state, 0.0, CHECK_SHARE), workers, ranks)
    for note in index.notes:
        on_note(note)
    card = initial_card(config, index.split("train"))
    with _deterministic(device):
        torch.manual_seed(config.seed)
        model, batch_norm = synchronise_batch_norm(build_model(card).to(device), ranks, device)
        if ranks.is_main:
            log.info("batch norm: %s", batch_norm)
        initial = load_initial_weights(model, config.init_from, card) if config.init_from is not None else None
        # the network as it starts, frozen: what --keep-classes keeps of it (never trained, never checkpointed)
        reference = _frozen_copy(model) if config.keep_classes else None
        trainer_class = SegmentationTrainer if config.is_segmentation else ClassificationTrainer
        cache = PreparedCache(config.cache_dir or default_cache_dir(), config.cache_limit)
        cache.claim()  # here, where a refusal is said in words: a DataLoader worker would say it in a traceback
        trainer = trainer_class(config, card, index.split("train"), index.split("val"),
                                SubState(state, CHECK_SHARE, PREPARE_SHARE), cache, workers, ranks)
        optimizer = torch.optim.AdamW(model.parameters(), lr=config.lr, weight_decay=config.weight_decay,
                                      foreach=True)  # one kernel per step for all tensors, CPU too
        steps_per_epoch = config.steps_per_epoch or max(
            1, math.ceil(trainer.train_size / (config.batch_size * ranks.world_size)))
        total_steps = steps_per_epoch * config.epochs
        identity = _identity(config, card, steps_per_epoch, ranks.world_size)
        history: list[dict[str, Any]] = []
        start_epoch = 0
        checkpoint = (load_checkpoint(config.out, identity, json_safe(TrainConfig.hyper_parameter_defaults()),
                                      ignored_fields(config.task)) if config.resume else None)
        if checkpoint is not None:
            model.load_state_dict(checkpoint.model_state)
            optimizer.load_state_dict(checkpoint.optimizer_state)
            torch.set_rng_state(checkpoint.torch_rng)
            if device.type == "cuda" and checkpoint.cuda_rng:
                torch.cuda.set_rng_state_all(checkpoint.cuda_rng)
            history, start_epoch = checkpoint.history, checkpoint.epoch
        earlier_seconds = checkpoint.seconds if checkpoint is not None else 0.0  # the stretches before --resume
        network = model
        if ranks.distributed:  # channels-last like the inputs, so gradients match DDP's buckets (no copies)
            model.to(memory_format=torch.channels_last)
            if reference is not None:
                reference.to(memory_format=torch.channels_last)
            network = DistributedDataParallel(model, device_ids=[device.index] if device.type == "cuda" else None)
        loader = EpochLoader(trainer.dataset, trainer.weights, config.batch_size, steps_per_epoch, config.seed,
                             workers, ranks)
        autocast, half = _autocast(device, config.amp)
        scaler = torch.amp.GradScaler("cuda", enabled=half)  # float16 gradients underflow without scaling
        started, images_seen, step = time.perf_counter(), 0, start_epoch * steps_per_epoch
        step_seconds = 0.0  # optimisation and waiting for batches: throughput leaves out validation and checkpoints
        finishing = config.finish  # the checkpoint's weights as they are
        for epoch in range(start_epoch, config.epochs):
            # asked while the epoch before was validated and checkpointed: the run ends at it, with no step more
            if finishing or (epoch > start_epoch and finish_requested()):
                break
            network.train()
            losses = []
            batches = loader.epoch(epoch)
            for _ in range(steps_per_epoch):
                check_cancelled(state)
                step_started = time.perf_counter()
                for group in optimizer.param_groups:
                    group["lr"] = cosine_lr(config.lr, step, total_steps)
                inputs, targets = next(batches)
                inputs = inputs.to(device).contiguous(memory_format=torch.channels_last)
                targets = _to_device(targets, device)
                with autocast():
                    logits = network(inputs)
                loss, parts = trainer.loss(logits, targets)
                if reference is not None:
                    loss, parts = _keeping(loss, parts, logits, reference, inputs, trainer.kept_channels,
                                           config.keep_factor, autocast)
                optimizer.zero_grad(set_to_none=True)
                scaler.scale(loss).backward()
                scaler.step(optimizer)
                scaler.update()
                step += 1
                images_seen += inputs.shape[0] * ranks.world_size
                losses.append(ranks.mean(float(loss.detach()), device))  # synchronises: the time below is real
                step_seconds += time.perf_counter() - step_started
                if on_step is not None:
                    on_step(step, losses[-1], parts)
                state.progress(PREPARE_SHARE + TRAIN_SHARE * step / total_steps,
                               f"epoch {epoch + 1}/{config.epochs}, step {step}/{total_steps}, loss {losses[-1]:.4f}")
                if finish_requested():  # "Finish now": this epoch ends here, scored and saved as any other
                    finishing = True
                    break
            del batches
            model.eval()
            if ranks.is_main:
                history.append({"epoch": epoch + 1, "train_loss": float(np.mean(losses)),
                                **trainer.validation(model, device)})
                save_checkpoint(config.out, Checkpoint(
                    epoch + 1, step, history, model.state_dict(), optimizer.state_dict(), torch.get_rng_state(),
                    torch.cuda.get_rng_state_all() if device.type == "cuda" else [], identity,
                    earlier_seconds + time.perf_counter() - started))
            ranks.barrier()  # the others go on once the epoch's checkpoint is complete
        seconds = earlier_seconds + time.perf_counter() - started
        del loader  # its worker processes end here
    images_per_second = images_seen / step_seconds if step_seconds > 0 else 0.0
    if not ranks.is_main:
        return TrainResult(config.out, card, history, {}, step, seconds, images_per_second, start_epoch)
    model.eval()
    # a class the validation split cannot tune keeps the threshold the card has: a fine-tuned model's base's (better
    # than 0.5 for a network that starts as that one), else the default
    tuned = trainer.tune_thresholds(model, device) if config.is_segmentation else {}
    card.thresholds = {**card.thresholds, **tuned}
    split_name, samples = held_out(index)
    metrics = trainer.held_out_metrics(LoadedModel(model, card, config.out), samples,
                                       SubState(state, PREPARE_SHARE + TRAIN_SHARE, 1.0))
    metrics = json_safe({"split": split_name, **metrics})
    finish_card(card, config, index, metrics, history, seconds, step, str(device), tuned, trainer.train_size)
    if step < total_steps:  # its cosine schedule cut short: the learning rate had not come down yet
        card.training["finished_early"] = {"step": step, "of_steps": total_steps, "epoch": len(history),
                                           "of_epochs": config.epochs}
    card.training["processes"] = ranks.world_size  # DistributedDataParallel ranks (1: one process)
    card.training["batch_norm"] = batch_norm
    if initial is not None:
        card.training["init_from"] = initial
    save_model_folder(config.out, model.state_dict(), card)
    remove_checkpoint(config.out)
    state.progress(1.0, f"saved {config.out}")
    return TrainResult(config.out, card, history, metrics, step, seconds, images_per_second, start_epoch)


def _frozen_copy(model: nn.Module) -> nn.Module:
    """``model``'s copy that no step trains. Its batch norms normalise by the batch, as the network's do in training,
    so the two outputs differ only by what training changed (none at the first step); its dropout and drop paths
    are off (some encoders have them): the target holds still."""
    reference = copy.deepcopy(model).eval()
    for module in reference.modules():
        if isinstance(module, nn.modules.batchnorm._BatchNorm):
            module.train()
    reference.requires_grad_(False)
    return reference


def _keeping(loss: torch.Tensor, parts: dict[str, float], logits: torch.Tensor, reference: nn.Module,
             inputs: torch.Tensor, channels: list[int], factor: float, autocast: Callable[[], Any]
             ) -> tuple[torch.Tensor, dict[str, float]]:
    """``loss`` plus ``factor`` times losses.kept_output_loss against the reference network on the same batch."""
    with torch.no_grad(), autocast():
        reference_logits = reference(inputs)
    kept = kept_output_loss(logits, reference_logits, channels)
    return loss + factor * kept, {**parts, "kept": float(kept.detach())}


def cosine_lr(base: float, step: int, total: int) -> float:
    """Half a cosine from ``base`` down to 1 % of it over ``total`` steps."""
    progress = min(step / max(total, 1), 1.0)
    return base * (MIN_LR_FRACTION + (1 - MIN_LR_FRACTION) * 0.5 * (1 + math.cos(math.pi * progress)))


def _identity(config: TrainConfig, card, steps_per_epoch: int, world_size: int) -> dict[str, Any]:
    """What must match for a checkpoint to continue this run."""
    return json_safe({"task": card.task, "architecture": card.architecture, "encoder": card.encoder,
                      "classes": card.classes, "input_size": list(card.input_size), "steps_per_epoch": steps_per_epoch,
                      "world_size": world_size, "init_from": str(config.init_from or ""),
                      HYPER: config.hyper_parameters()})


def _to_device(targets: Any, device: torch.device) -> Any:
    if isinstance(targets, (tuple, list)):  # segmentation: (labels, allowed), a list once collated
        return tuple(t.to(device) for t in targets)
    return targets.to(device)


def _autocast(device: torch.device, enabled: bool) -> tuple[Callable[[], contextlib.AbstractContextManager], bool]:
    """(context factory, whether it runs in float16): bfloat16 where the GPU has it, else float16."""
    if device.type != "cuda" or not enabled:
        return contextlib.nullcontext, False
    dtype = torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    return (lambda: torch.autocast("cuda", dtype=dtype)), dtype == torch.float16


@contextlib.contextmanager
def _deterministic(device: torch.device) -> Iterator[None]:
    """Deterministic kernels for the run only (inference elsewhere in the program keeps the fast ones)."""
    if device.type == "cuda":
        os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    previous = torch.are_deterministic_algorithms_enabled(), torch.is_deterministic_algorithms_warn_only_enabled()
    benchmark = torch.backends.cudnn.benchmark
    _use_deterministic_kernels(True, warn_only=True)
    torch.backends.cudnn.benchmark = False
    try:
        yield
    finally:
        _use_deterministic_kernels(*previous)
        torch.backends.cudnn.benchmark = benchmark


def _use_deterministic_kernels(mode: bool, warn_only: bool) -> None:
    """torch.use_deterministic_algorithms without importing torch._inductor to set its compiler's flag as well:
    training compiles nothing, and that import took 2.4-2.6 s in a fresh process on 2 cores, the first seconds of
    every training run (bench retrain_start: Start to a retraining's first word ~21 s). Where the compiler is loaded
    already, or torch lacks the kernels' own switch, the public function sets both."""
    switch = getattr(torch._C, "_set_deterministic_algorithms", None)
    if switch is None or "torch._inductor.config" in sys.modules:
        torch.use_deterministic_algorithms(mode, warn_only=warn_only)
    else:
        switch(mode, warn_only=warn_only)
