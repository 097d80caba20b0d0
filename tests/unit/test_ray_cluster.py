"""`retina-review analyze --engine ray --ray-address HOST:PORT` on an existing cluster: a Ray head started with `ray
start --head` (2 CPUs, token authentication with a token of the test's own, its own ports and temporary folder, so
other Rays on the machine are untouched) gives the local engine's files; the head and everything it started are
stopped afterwards, also when the test fails. The command runs as a process of its own, as an operator runs it.
Slow: about 40-60 s on a busy 2-core machine (starting the head, the command and its actor is most of it)."""
from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterator

import pytest

from app.cli import main
from tests.unit.test_batch_engines import comparable, photo_folder
from tests.unit.test_inference_cli import no_installed_models  # noqa: F401 - fixture
from tests.unit.test_inference_fixtures import saved_model, tiny_segmentation_card

ROOT = Path(__file__).resolve().parents[2]
HEAD_START_TIMEOUT_S = 120
HEAD_STOP_TIMEOUT_S = 15


def free_ports(count: int) -> list[int]:
    """Ports nothing listens on now (held open together, so they differ)."""
    with contextlib.ExitStack() as stack:
        sockets = [stack.enter_context(socket.socket()) for _ in range(count)]
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]


@contextlib.contextmanager
def ray_head(auth: dict[str, str], cpus: int = 2) -> Iterator[tuple[str, Callable[[], None]]]:
    """A Ray head as an operator starts one (`ray start --head`), with the environment ``auth``, in a process group
    of its own: stopping the group stops exactly this head (`ray stop` would stop every Ray of the user on the
    machine). Yields its address, and what stops it (as the head's machine going down would)."""
    ray_command = Path(sys.executable).with_name("ray")
    if not ray_command.exists():
        pytest.skip("the `ray` command is not installed next to this Python")
    port, client_port, dashboard_port, agent_port, agent_grpc_port, env_agent_port, metrics_port = free_ports(7)
    folder = Path(tempfile.mkdtemp(prefix="rr-ray-", dir="/tmp"))  # short: Ray's socket paths must fit 107 bytes
    log = folder / "head.log"
    command = [str(ray_command), "start", "--head", "--block", "--num-cpus", str(cpus), "--num-gpus", "0",
               "--node-ip-address", "127.0.0.1", "--port", str(port), *client_server_option(client_port),
               "--dashboard-port", str(dashboard_port), "--dashboard-agent-listen-port", str(agent_port),
               "--dashboard-agent-grpc-port", str(agent_grpc_port), "--runtime-env-agent-port", str(env_agent_port),
               "--metrics-export-port", str(metrics_port), "--include-dashboard", "false",
               "--disable-usage-stats", "--temp-dir", str(folder)]
    env = {**os.environ, **auth, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}  # the program "installed" there
    with log.open("wb") as output:
        head = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_for(lambda: b"Ray runtime started" in log.read_bytes() or head.poll() is not None,
                  HEAD_START_TIMEOUT_S)
        if head.poll() is not None or b"Ray runtime started" not in log.read_bytes():
            pytest.fail(f"the Ray head did not start:\n{log.read_text(errors='replace')[-3000:]}")
        yield f"127.0.0.1:{port}", lambda: _stop_group(head)
    finally:
        _stop_group(head)
        shutil.rmtree(folder, ignore_errors=True)


def client_server_option(port: int) -> list[str]:
    """The Ray Client server's own port where Ray Client is installed (`ray[client]`: its default port would clash
    with another Ray on the machine); with the minimal `ray` of the dev extra no client server starts, and naming a
    port is refused."""
    from ray._private.utils import get_ray_client_dependency_error

    return [] if get_ray_client_dependency_error() is not None else ["--ray-client-server-port", str(port)]


def _stop_group(head: subprocess.Popen) -> None:
    """SIGKILL to the head's process group: its gcs_server, raylet, agents and the actors' workers. (Ray's own
    SIGTERM handling waits out grace periods, 30 s and more on a busy machine; the test head keeps no state.)"""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(head.pid, signal.SIGKILL)
    head.wait()
    if not _wait_for(lambda: not _group_alive(head.pid), HEAD_STOP_TIMEOUT_S):
        pytest.fail(f"processes of the Ray head (process group {head.pid}) outlived SIGKILL")


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def _wait_for(done, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def token_authentication() -> dict[str, str]:
    """Ray 2.59 and later start a head with token authentication (Ray before 2.52 ignores these variables)."""
    return {"RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN": secrets.token_hex(32)}


@pytest.mark.slow
def test_ray_engine_on_an_existing_cluster_gives_the_local_engines_files_and_says_when_it_is_lost(
        tmp_path: Path, no_installed_models: None) -> None:  # noqa: F811
    """The cluster stopped mid-run (`ray stop` on the head): Ray ended the command itself, exit 1, with no word, no
    summary, no --resume; the command's process, apart from Ray's driver now, says so."""
    pytest.importorskip("ray")
    photos = photo_folder(tmp_path / "photos", broken=False)
    model = saved_model(tmp_path / "models", tiny_segmentation_card())
    common = [str(tmp_path / "photos"), "--model", str(model), "--device", "cpu", "--outputs", "json,mask"]
    assert main(["analyze", *common, "--out", str(tmp_path / "local")]) == 0
    many = tmp_path / "many"  # a run long enough to lose its cluster on the way
    many.mkdir()
    for copy in range(10):
        for photo in photos:
            shutil.copy(photo, many / f"{photo.stem}_{copy}.png")
    auth = token_authentication()
    env = {**os.environ, **auth, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    with ray_head(auth) as (address, stop_head):
        command = [sys.executable, "-m", "app.cli", "analyze", *common, "--out", str(tmp_path / "ray"),
                   "--engine", "ray", "--ray-address", address]
        run = subprocess.run(command, env=env, capture_output=True, text=True, timeout=HEAD_START_TIMEOUT_S * 2)
        command = [sys.executable, "-m", "app.cli", "analyze", str(many), "--model", str(model), "--device", "cpu",
                   "--out", str(tmp_path / "lost"), "--engine", "ray", "--ray-address", address]
        with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as lost:
            _wait_for(lambda: any((tmp_path / "lost").glob("*.json")) or lost.poll() is not None,
                      HEAD_START_TIMEOUT_S)
            stop_head()
            lost_out, lost_err = lost.communicate(timeout=HEAD_START_TIMEOUT_S)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Ray cluster: 2 CPU(s), 0 GPU(s); 1 worker(s) of 2 CPU(s) on cpu" in run.stderr
    assert "3 of 3 images analysed" in run.stdout
    for photo in photos:
        json_name, mask = f"{photo.stem}.json", f"{photo.stem}_mask.png"
        assert comparable(tmp_path / "ray" / json_name) == comparable(tmp_path / "local" / json_name)
        assert (tmp_path / "ray" / mask).read_bytes() == (tmp_path / "local" / mask).read_bytes()
    assert lost.returncode == 2, lost_err[-3000:]
    said = lost_err.splitlines()
    assert ("error: the connection to the Ray cluster was lost (Ray ended the process that drove the run, status 1): "
            "the cluster stopped, or this machine left it") in said
    assert said[-1].startswith("stopped: ") and "not reached: run the same command with --resume" in said[-1]
