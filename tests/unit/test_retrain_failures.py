"""A failure the retrain comparison catches (FAILURES is broad: ValueError, RuntimeError …) says why in its column
and leaves its traceback in the log, so a bug caught there can still be found."""
from __future__ import annotations

import logging
from typing import Callable

import pytest
import torch

from inference.device import DeviceError
from inference.training.retrain_failures import current_unusable, not_scored
from inference.training.retrain_results import DEVICE_UNUSABLE, NOT_SCORED, ModelScore


NO_MEMORY = "There was not enough memory, so the comparison was not scored; close other programs and retrain to " \
            "compare the models"


def _raised(exc: Exception) -> Exception:
    try:
        raise exc
    except Exception as caught:  # with its traceback, as FAILURES catches it
        return caught


@pytest.mark.parametrize("column", [current_unusable, not_scored])
@pytest.mark.parametrize("exc", [RuntimeError("a bug in the pipeline"), DeviceError("device 'cuda' requested")])
def test_a_caught_failure_leaves_its_traceback_in_the_log(caplog: pytest.LogCaptureFixture, exc: Exception,
                                                          column: Callable[[Exception], ModelScore]) -> None:
    caught = _raised(exc)
    with caplog.at_level(logging.WARNING, logger="inference.training.retrain_failures"):
        score = column(caught)
    assert str(exc) in score.note
    [record] = caplog.records
    assert record.exc_info is not None and record.exc_info[1] is caught
    assert "Traceback" in caplog.text and "in _raised" in caplog.text


@pytest.mark.parametrize("column", [current_unusable, not_scored])
@pytest.mark.parametrize("exc", [torch.cuda.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB"),
                                 RuntimeError("MPS backend out of memory (MPS allocated: 9.00 GB)")])
def test_running_out_of_device_memory_is_the_device_failing(exc: Exception,
                                                             column: Callable[[Exception], ModelScore]) -> None:
    """Loading a model onto the device or scoring on it: neither the models in use nor the photos are to blame."""
    assert column(_raised(exc)) == ModelScore(DEVICE_UNUSABLE, None,
                                              "The device ran out of memory, so the comparison was not scored")


def test_a_failure_that_merely_mentions_memory_is_no_device_failure() -> None:
    assert not_scored(_raised(ValueError("out of memory"))).label == NOT_SCORED


def _cpu_allocator_failure() -> RuntimeError:
    """What torch's CPU allocator raises when the machine cannot give it the memory (here: an exbibyte)."""
    try:
        torch.empty(1 << 60, dtype=torch.uint8)
    except RuntimeError as exc:
        return exc
    raise AssertionError("an exbibyte was allocated")


@pytest.mark.parametrize("column", [current_unusable, not_scored])
@pytest.mark.parametrize("exc", [MemoryError(), _cpu_allocator_failure()], ids=["MemoryError", "torch-cpu"])
def test_the_machine_short_of_memory_is_said_as_such(exc: Exception, column: Callable[[Exception], ModelScore]) -> None:
    """Loading the models in use or scoring: neither they nor the photos are to blame, nor the device; torch's own
    text (in the log) is for programmers."""
    assert column(_raised(exc)) == ModelScore(NOT_SCORED, None, NO_MEMORY)
