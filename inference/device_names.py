"""The devices a person may name (--device, the Settings' choice), told apart without torch: a command refuses a
mistyped one before a model loads (inference.device resolves one to the machine's)."""
from __future__ import annotations

from annotations.wording import join_items
from inference import messages as msg

DEVICE_CHOICES: tuple[str, ...] = ("auto", "cpu", "cuda", "mps")


class DeviceError(ValueError):
    pass


def device_kind(name: str) -> str:
    """The kind of device ``name`` names (auto, cpu, cuda, mps: "cuda:1" is cuda), whether or not this machine has
    it; DeviceError for a name that is none of them."""
    name = (name or "auto").strip().lower()
    kind = name.split(":")[0]
    if kind not in DEVICE_CHOICES:
        raise DeviceError(msg.UNKNOWN_DEVICE.format(name=repr(name), choices=join_items(DEVICE_CHOICES)))
    return kind
