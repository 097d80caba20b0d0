"""torchrun with two CPU processes (gloo) trains one tiny segmentation model with DistributedDataParallel through
`python -m app.cli train`: rank 0 alone writes the model folder, which loads and segments. About 30-40 s on two
shared cores (two interpreters import torch), hence slow. Batch norms are synchronised across processes on CUDA
only (checked without a GPU: the choice and the conversion need none)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch
from torch import nn

from inference.loading import load_model_folder
from inference.segmentation import segment
from inference.training.checkpoint import checkpoint_dir
from inference.training.distributed import Ranks, synchronise_batch_norm
from tests.unit.test_inference_fixtures import TINY_SEG_ENCODER
from tests.unit.test_training_fixtures import lesion_image, write_mask_set

ROOT = Path(__file__).resolve().parents[2]


def test_batch_norms_are_synchronised_only_across_several_cuda_processes() -> None:
    two = Ranks(rank=1, world_size=2, local_rank=1)
    assert two.sync_batch_norm(torch.device("cuda", 1))
    assert not two.sync_batch_norm(torch.device("cpu"))  # SyncBatchNorm has no CPU (gloo) implementation
    assert not Ranks().sync_batch_norm(torch.device("cuda"))


def test_synchronised_batch_norm_keeps_the_parameters_and_the_saved_keys() -> None:
    model = nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4), nn.ReLU())
    parameters, keys = list(model.parameters()), list(model.state_dict())
    synced, note = synchronise_batch_norm(model, Ranks(0, 2, 0), torch.device("cuda", 0))
    assert isinstance(synced[1], nn.SyncBatchNorm) and note.startswith("synchronised across the 2 processes")
    assert all(new is old for new, old in zip(synced.parameters(), parameters, strict=True))  # the optimiser's
    assert list(synced.state_dict()) == keys  # checkpoints and the saved model load into plain batch norm

    plain, note = synchronise_batch_norm(nn.Sequential(nn.BatchNorm2d(4)), Ranks(0, 2, 0), torch.device("cpu"))
    assert type(plain[0]) is nn.BatchNorm2d and "SyncBatchNorm needs CUDA" in note
    alone, note = synchronise_batch_norm(nn.Sequential(nn.BatchNorm2d(4)), Ranks(), torch.device("cuda"))
    assert type(alone[0]) is nn.BatchNorm2d and note == "plain (one process)"


@pytest.mark.slow
def test_torchrun_with_two_cpu_processes_trains_one_model(tmp_path: Path) -> None:
    data = write_mask_set(tmp_path / "data")
    out = tmp_path / "model"
    command = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node=2",
               "-m", "app.cli", "train", "seg", "--data", str(data), "--out", str(out), "--encoder", TINY_SEG_ENCODER,
               "--size", "64", "--crop", "32", "--batch-size", "2", "--epochs", "2", "--steps-per-epoch", "2",
               "--device", "cpu", "--workers", "0"]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    launcher = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, start_new_session=True)
    try:
        stdout, stderr = launcher.communicate(timeout=170)
    finally:  # a hung rank must not outlive the test
        if launcher.poll() is None:
            os.killpg(launcher.pid, signal.SIGKILL)
    assert launcher.returncode == 0, stderr[-3000:]
    assert stdout.count("model: ") == 1, stdout  # rank 0 alone reports
    assert "Grad strides do not match" not in stderr

    model = load_model_folder(out)
    assert model.card.training["processes"] == 2 and model.card.training["steps"] == 4
    assert "SyncBatchNorm needs CUDA" in model.card.training["batch_norm"]  # the CPU processes say why not
    assert [entry["epoch"] for entry in model.card.training["history"]] == [1, 2]
    assert not checkpoint_dir(out).exists()
    image, _ = lesion_image(7)
    assert segment(model, image).mask_bits().shape == image.shape[:2]
    assert np.isfinite(model.card.training["history"][-1]["train_loss"])
