"""`retina-review train candidates --data DIR --out MODEL_DIR [--classes MA|HE] [--steps N] [--blend-with MODEL]`: a
patch classifier over the classical detector's dark-dot or dark-region candidates (inference.training.candidate_run),
written only when it beats the shipped models' class on the val photos. app.commands.train registers it and refuses
a network's options first."""
from __future__ import annotations

import argparse
import json
import shlex
import sys
from typing import TYPE_CHECKING

from annotations.command_end import DONE, PARTLY_DONE, USAGE_ERROR
from app import train_command_messages as msg

if TYPE_CHECKING:  # the command imports what it runs when run
    from app.command_words import CommandWords


def run_candidates(args: argparse.Namespace, words: CommandWords) -> int:
    """Exit 1 when the model does not beat the shipped class (nothing is written then). What the run says on the
    way (inference's lines) and its refusals in ``words``; the validation figures as JSON."""
    if args.blend_member and not args.blend_with:
        return _fail(words, words.said(msg.CONTEXT, msg.BLEND_MEMBER_ALONE))

    from annotations.errors import FileProblem
    from inference.dataset import DataError
    from inference.training.candidate_run import CandidateRun, train_candidates
    from inference.training.candidate_trainer import TrainingSettings
    from inference.training.region_trainer import RegionTrainingSettings

    if args.out.exists() and any(args.out.iterdir()) and not args.overwrite:
        return _fail(words, words.said(msg.CONTEXT, msg.OUT_NOT_EMPTY, folder=args.out))
    steps = args.steps or (RegionTrainingSettings() if args.classes == "HE" else TrainingSettings()).steps
    command = ["retina-review", "train", "candidates", "--data", str(args.data), "--out", str(args.out),
               "--classes", args.classes, "--steps", str(steps), "--seed", str(args.seed)]
    command += ["--splits", str(args.splits)] if args.splits else []
    command += ["--name", args.name] if args.name else []
    command += ["--blend-with", args.blend_with] if args.blend_with else []
    command += ["--blend-member", args.blend_member] if args.blend_member else []
    run = CandidateRun(args.data, args.splits, args.out, args.classes, TrainingSettings(steps=steps, seed=args.seed),
                       args.name, shlex.join(command), args.blend_with, args.blend_member)
    try:
        metrics = train_candidates(run, lambda line: print(words.shown_inference(line), flush=True))
    except (ValueError, DataError, FileProblem) as exc:
        return _fail(words, words.shown_inference(str(exc)))
    print(json.dumps(metrics["validation_per_class"], indent=1))  # figures a script reads: as the card holds them
    return DONE if metrics["wins"] else PARTLY_DONE


def _fail(words: CommandWords, message: str) -> int:
    """Say why the run stops (``message``, in the interface's language already); the exit status."""
    print(words.error(message), file=sys.stderr)
    return USAGE_ERROR
