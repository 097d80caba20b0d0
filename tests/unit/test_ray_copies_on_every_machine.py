"""A Ray worker ended mid-photo (a run stopped, a crash, memory running out) leaves its copy of the photo, a patient's,
in its machine's temporary folder (inference.batch.worker_copies). The next worker to start on that machine removed
it, and the run's end on the driver's: on a cluster machine no worker started on again it stayed. A run's end now
removes them on every machine of the cluster. Two Ray nodes on this machine (ray.cluster_utils.Cluster), each with a
temporary folder of its own as two machines have (TMPDIR, which the node's workers inherit), the second with no
CPU for a worker; slow: starting two nodes and a worker."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from inference.analysis_settings import AnalysisSettings
from inference.batch.photo import BatchRecipe, PhotoTask
from inference.batch.ray_engine import run_ray
from inference.batch.worker_copies import PREFIX
from inference.output_kinds import DEFAULT_OUTPUTS
from inference.pipeline import PipelineOptions
from tests.unit.test_batch_engines import photo_folder
from tests.unit.test_inference_cli import no_installed_models  # noqa: F401 - fixture
from tests.unit.test_inference_fixtures import saved_model, tiny_segmentation_card


def _ended_process_number() -> int:
    process = subprocess.Popen([sys.executable, "-c", ""])
    process.wait()
    return process.pid


@pytest.mark.slow
def test_a_photo_copy_left_on_a_machine_no_worker_starts_on_is_removed_as_a_run_ends(
        tmp_path: Path, no_installed_models: None) -> None:  # noqa: F811
    pytest.importorskip("ray")
    from ray.cluster_utils import Cluster

    here, far = tmp_path / "here", tmp_path / "far"  # the temporary folders of the two machines
    here.mkdir()
    far.mkdir()
    left = far / f"{PREFIX}{_ended_process_number()}-a1b2"  # what a worker killed there mid-photo left
    left.mkdir()
    (left / "eye0.png").write_bytes(b"a patient's photo")
    photo = photo_folder(tmp_path / "photos", broken=False)[0]
    model = saved_model(tmp_path / "models", tiny_segmentation_card())
    recipe = BatchRecipe(AnalysisSettings(device="cpu", explicit=(str(model),)), PipelineOptions(), DEFAULT_OUTPUTS)
    reports = []
    cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": 2, "env_vars": {"TMPDIR": str(here)}})
    try:
        cluster.add_node(num_cpus=0, env_vars={"TMPDIR": str(far)})  # no room for a worker there
        run_ray([PhotoTask(str(photo), photo.stem, photo.name)], recipe, reports.append, address=cluster.address)
    finally:
        cluster.shutdown()
    assert [report.error for report in reports] == [None]
    assert not left.exists()


@pytest.mark.parametrize("own_ray", [True, False])
def test_only_a_cluster_joined_is_swept_by_a_task(monkeypatch: pytest.MonkeyPatch, own_ray: bool) -> None:
    """The sweep's task, on a Ray started for the run (this machine alone), waited for Ray to start a process to run
    it: 1.6-2.3 s of a 33-49 s run of 3 photos on 2 busy CPUs. run_on_ray removes this machine's copies once that Ray
    is down (test_ray_driver: ..._of_a_worker_ended_mid_photo_here_is_removed_as_the_run_ends). A fake Ray."""
    from types import SimpleNamespace

    from inference.batch import ray_engine

    tasks: list[dict[str, object]] = []  # the keywords of each task sent
    task = SimpleNamespace(options=lambda **_: SimpleNamespace(remote=lambda **kwargs: tasks.append(kwargs)))
    node = {"NodeID": "ab" * 28, "Alive": True}  # an ID as Ray writes them
    ray = SimpleNamespace(is_initialized=lambda: False, remote=lambda **_: lambda _function: task,
                          wait=lambda *_, **__: None, shutdown=lambda: None, nodes=lambda: [node])
    monkeypatch.setattr(ray_engine, "import_ray", lambda: ray)
    monkeypatch.setattr(ray_engine, "_join", lambda *_: own_ray)
    monkeypatch.setattr(ray_engine, "start_workers", lambda *_: SimpleNamespace(stop=lambda: None))
    monkeypatch.setattr(ray_engine, "shard", lambda *_: None)
    recipe = BatchRecipe(AnalysisSettings(device="cpu"), PipelineOptions(), DEFAULT_OUTPUTS)
    run_ray([], recipe, lambda _: None)
    assert len(tasks) == (0 if own_ray else 1)
