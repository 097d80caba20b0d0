"""The Ray engine's actors, chosen from the cluster's resources without Ray or a GPU: one whole GPU each where the
cluster has GPUs (or the share --ray-gpus-per-worker gives), else CPU workers; and the device an actor's models
run on."""
from __future__ import annotations

import pytest

from app.cli import main
from inference.batch.worker_plan import WorkerPlan, actor_device, gpu_share, plan_workers


def test_a_cluster_without_gpus_gets_one_cpu_worker_per_two_cpus() -> None:
    assert plan_workers({"CPU": 8.0}) == WorkerPlan(count=4, cpus=2, gpus=0.0)
    assert plan_workers({"CPU": 1.0}) == WorkerPlan(count=1, cpus=1, gpus=0.0)
    assert plan_workers({"CPU": 8.0}, workers=8) == WorkerPlan(count=8, cpus=1, gpus=0.0)
    assert plan_workers({"CPU": 2.0}, workers=5).count == 2  # never more actors than CPUs


def test_a_cluster_with_gpus_gets_one_worker_per_gpu_each_asking_for_one() -> None:
    cluster = {"CPU": 32.0, "GPU": 4.0}
    assert plan_workers(cluster) == WorkerPlan(count=4, cpus=2, gpus=1.0)
    assert plan_workers(cluster, workers=2) == WorkerPlan(count=2, cpus=2, gpus=1.0)
    assert plan_workers(cluster, workers=9).count == 4  # a fifth actor would wait for a GPU forever
    assert plan_workers({"CPU": 2.0, "GPU": 4.0}).cpus == 1  # few CPUs: shared out, at least one each


def test_a_share_of_a_gpu_puts_several_workers_on_each() -> None:
    assert plan_workers({"CPU": 32.0, "GPU": 2.0}, gpus_per_worker=0.5) == WorkerPlan(count=4, cpus=2, gpus=0.5)
    assert plan_workers({"CPU": 32.0, "GPU": 1.0}, gpus_per_worker=1 / 3).count == 3  # despite rounding
    assert plan_workers({"CPU": 32.0, "GPU": 2.0}, gpus_per_worker=0.0) == WorkerPlan(count=16, cpus=2, gpus=0.0)


def test_device_cpu_asks_for_no_gpus() -> None:
    assert plan_workers({"CPU": 8.0, "GPU": 2.0}, device="cpu") == WorkerPlan(count=4, cpus=2, gpus=0.0)


def test_a_run_that_loads_no_model_asks_for_no_gpu_whatever_its_options() -> None:
    """OCT scans alone without an OCT model (BatchRecipe.loads_models): each worker held a GPU it never used."""
    assert plan_workers({"CPU": 8.0, "GPU": 2.0}, loads_models=False) == WorkerPlan(count=4, cpus=2, gpus=0.0)
    assert plan_workers({"CPU": 8.0, "GPU": 2.0}, gpus_per_worker=0.5, loads_models=False).gpus == 0.0
    assert plan_workers({"CPU": 8.0}, gpus_per_worker=0.5, device="cuda", loads_models=False).gpus == 0.0


@pytest.mark.parametrize("cluster, share, device, advice", [
    ({"CPU": 8.0}, 0.5, "auto", "cluster has no GPUs.*leave out --ray-gpus-per-worker"),
    ({"CPU": 8.0}, None, "cuda", "cluster has no GPUs.*use --device auto or cpu"),
    ({"CPU": 8.0}, None, "cuda:1", "cluster has no GPUs.*use --device auto or cpu"),
    ({"CPU": 8.0, "GPU": 1.0}, 0.0, "cuda", "--ray-gpus-per-worker 0 gives the workers none.*--device auto or cpu"),
])
def test_a_gpu_asked_of_workers_without_one_is_refused_with_what_to_do(cluster, share, device, advice) -> None:
    with pytest.raises(ValueError, match=advice):
        plan_workers(cluster, gpus_per_worker=share, device=device)


def test_an_actor_with_a_gpu_runs_its_models_on_it() -> None:
    assert actor_device("auto", [3]) == "cuda"  # Ray shows it GPU 3 alone, as cuda:0
    assert actor_device("cuda:1", ["3"]) == "cuda"
    assert actor_device("auto", []) == "cpu"  # the node's GPUs, visible to it, are other actors'
    assert actor_device("cpu", [0]) == "cpu"


def test_gpu_share_must_be_a_share_of_one_gpu(capsys: pytest.CaptureFixture[str]) -> None:
    assert gpu_share("0.25") == 0.25 and gpu_share("0") == 0.0 and gpu_share("1") == 1.0
    for text in ("2", "-0.5", "nan", "half"):  # "half": refused by the template, not Python's float() error
        with pytest.raises(ValueError, match="between 0 and 1"):
            gpu_share(text)
    with pytest.raises(SystemExit):
        main(["analyze", "photo.jpg", "--out", "out", "--engine", "ray", "--ray-gpus-per-worker", "1.5"])
    assert "--ray-gpus-per-worker: 1.5 is not a share of one GPU" in capsys.readouterr().err
