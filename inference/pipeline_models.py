"""The --model words of an evaluation that name no one network (torch-free: `evaluate` looks any other --model up
among the installed models before torch loads)."""
from __future__ import annotations

CLASSICAL_ONLY = "classical"  # an evaluation's --model: no learned model (the classical detector, the ICDR rules)
SHIPPED_DEFAULTS = "defaults"  # an evaluation's --model: every bundled model together, as a fresh install runs them
PIPELINE_MODELS = (CLASSICAL_ONLY, SHIPPED_DEFAULTS)  # names that evaluate the pipeline rather than one network
