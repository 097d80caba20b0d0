"""`retina-review train seg|grade|referable|oct|present|disc --data DIR --out MODEL_DIR [options]`."""
from __future__ import annotations

import argparse
import dataclasses
import functools
import math
import re
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from annotations.command_end import DONE, USAGE_ERROR
from annotations.wording import Translate, english, fill, join_clauses, join_items
from app import train_command_messages as msg
from app.command_help import common
from app.command_help import train as helps
from app.command_parser import value_check
from app.language_option import add_language_option
from inference.training.config import (DEFAULT_KEEP_FACTOR, PIXEL_LOSSES, REGION_LOSSES, TASKS, TrainConfig,
                                       ignored_fields)

if TYPE_CHECKING:  # the command imports what it runs when run
    from app.command_words import CommandWords
    from app.progress_bar import TextProgressBar
    from inference.training.launch import Launch

TRAIN_TASKS = ("seg", "grade", "referable", "oct", "present", "disc", "candidates")
SIZE_UNITS = {"": 1, "K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}  # --cache-limit
SIZE = re.compile(r"(\d+(?:\.\d*)?)\s*([KMGT]?)(?:I?B)?")


CANDIDATES_ONLY = ("classes", "steps", "blend_with", "blend_member")  # `train candidates` options other tasks ignore
# how the run is told and how it speaks (the command word, --verbose, --lang), not what it trains: every task takes them
RUN_ONLY = ("command", "func", "verbose", "lang")
# what a `train candidates` run reads (with RUN_ONLY); it refuses the rest
CANDIDATES_USE = (*RUN_ONLY, "task", "data", "out", "splits", "name", "seed", "overwrite", *CANDIDATES_ONLY)


def register(subparsers: argparse._SubParsersAction, words: CommandWords) -> None:
    tr = functools.partial(words.tr, helps.CONTEXT)
    parser = subparsers.add_parser("train", help=tr(helps.HELP), description=tr(helps.DESCRIPTION))
    parser.add_argument("task", choices=TRAIN_TASKS)
    parser.add_argument("--data", type=Path, required=True, metavar="DIR")
    parser.add_argument("--out", type=Path, required=True, metavar="MODEL_DIR")
    parser.add_argument("--arch", default="unet", choices=("unet", "unetplusplus", "manet"), help=tr(helps.ARCH))
    parser.add_argument("--encoder", default=None,
                        help=words.said(helps.CONTEXT, helps.ENCODER, networks=default_networks(words)))
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--size", type=int, default=None, metavar="PX", help=tr(helps.SIZE))
    parser.add_argument("--crop", type=int, default=None, metavar="PX", help=tr(helps.CROP))
    parser.add_argument("--batch-size", type=int, default=4)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--device", default="auto", choices=("auto", "cpu", "cuda", "mps"))
    parser.add_argument("--loss", default="ce", choices=PIXEL_LOSSES, help=tr(helps.LOSS))
    parser.add_argument("--region-loss", default="dice", choices=REGION_LOSSES, help=tr(helps.REGION_LOSS))
    parser.add_argument("--dice-weights", default="", metavar="MA=1.5,HE=0.6,...", help=tr(helps.DICE_WEIGHTS))
    parser.add_argument("--box-mode", default="weak", choices=("weak", "fill"), help=tr(helps.BOX_MODE))
    parser.add_argument("--box-factor", type=float, default=0.5, metavar="W", help=tr(helps.BOX_FACTOR))
    parser.add_argument("--weak-share", type=float, default=None, metavar="F", help=tr(helps.WEAK_SHARE))
    parser.add_argument("--label-map", default="", metavar="NAME=CLASS,...",
                        help=words.tr(common.CONTEXT, common.VOC_LABEL_MAP))
    parser.add_argument("--ordinal", action="store_true", help=tr(helps.ORDINAL))
    parser.add_argument("--steps-per-epoch", type=int, default=None)
    parser.add_argument("--minutes", type=float, default=None, metavar="M", help=tr(helps.MINUTES))
    parser.add_argument("--no-augment", action="store_true")
    parser.add_argument("--tiled", action="store_true", help=tr(helps.TILED))
    parser.add_argument("--ben-graham", action="store_true", help=tr(helps.BEN_GRAHAM))
    parser.add_argument("--clahe", action="store_true", help=tr(helps.CLAHE))
    parser.add_argument("--splits", type=Path, default=None, metavar="DIR", help=tr(helps.SPLITS))
    parser.add_argument("--licence", default="", help=tr(helps.LICENCE))
    parser.add_argument("--name", default="", help=tr(helps.NAME))
    parser.add_argument("--workers", type=int, default=None, metavar="N", help=tr(helps.WORKERS))
    parser.add_argument("--cache-dir", type=Path, default=None, metavar="DIR", help=tr(helps.CACHE_DIR))
    size = value_check(parse_size, words.tr(msg.CONTEXT, msg.NOT_A_SIZE))  # in the parser's language: a
    # value is checked as the line is parsed, after the catalogues are gone
    parser.add_argument("--cache-limit", type=size, default=None, metavar="SIZE", help=tr(helps.CACHE_LIMIT))
    parser.add_argument("--init-from", default=None, metavar="MODEL_DIR_OR_NAME", help=tr(helps.INIT_FROM))
    parser.add_argument("--keep-classes", default="", metavar="EX,HE", help=tr(helps.KEEP_CLASSES))
    parser.add_argument("--keep-factor", type=float, default=DEFAULT_KEEP_FACTOR, metavar="W",
                        help=words.said(helps.CONTEXT, helps.KEEP_FACTOR, factor=f"{DEFAULT_KEEP_FACTOR:g}"))
    parser.add_argument("--resume", action="store_true", help=tr(helps.RESUME))
    parser.add_argument("--finish", action="store_true", help=tr(helps.FINISH))
    parser.add_argument("--overwrite", action="store_true", help=tr(helps.OVERWRITE))
    parser.add_argument("--classes", default="MA", choices=("MA", "HE"), help=tr(helps.CLASSES))
    parser.add_argument("--steps", type=int, default=None, help=tr(helps.STEPS))
    parser.add_argument("--blend-with", default="", metavar="LESION_MODEL", help=tr(helps.BLEND_WITH))
    parser.add_argument("--blend-member", default="", metavar="MEMBER", help=tr(helps.BLEND_MEMBER))
    add_language_option(parser, words)
    parser.set_defaults(func=functools.partial(run, default=parser.get_default))


def default_networks(words: CommandWords) -> str:
    """Each task's encoder and input side when the run names neither (model_card.default_card), in ``words``."""
    from inference.model_card import default_card

    cards = {word: default_card(task) for word, task in TASKS.items()}
    return join_items([words.said(helps.CONTEXT, helps.NETWORK, task=word, encoder=card.encoder,
                                  side=card.input_size[0]) for word, card in cards.items()], words.tr)


def run(args: argparse.Namespace, default: Callable[[str], object]) -> int:
    """``default``: an option's value when it is not given (a candidates run refuses the network options given, a
    network's run the candidates options)."""
    from app.command_words import command_words, interface_language

    with command_words(interface_language(args.lang)) as words:
        if args.task == "candidates":
            from app.train_candidates import run_candidates

            network_options = _given(args, [key for key in vars(args) if key not in CANDIDATES_USE], default)
            if network_options:
                return _fail(words, words.said(msg.CONTEXT, msg.NETWORK_OPTIONS,
                                               options=join_items(network_options, words.tr)))
            return run_candidates(args, words)
        candidates_options = _given(args, CANDIDATES_ONLY, default)
        if candidates_options:
            return _fail(words, words.said(msg.CONTEXT, msg.CANDIDATES_OPTIONS,
                                           options=join_items(candidates_options, words.tr), task=args.task))
        return _train(args, words)


def _train(args: argparse.Namespace, words: CommandWords) -> int:
    """A network's run, in the words of the interface's language: a mistake in the command line (an option, the
    data folder, --init-from) is refused before torch loads (some 4 s and 0.7 GB a process)."""
    from annotations import errors
    from inference.dataset import DataError
    from inference.training.launch import Launch

    launch = Launch.from_environment()  # under torchrun rank 0 alone reports
    try:
        config = _config(args, words, launch)
    except (ValueError, DataError, errors.FileProblem) as exc:  # every rank meets it: rank 0 says it
        launch.let_main_say_it()
        if launch.is_main:
            print(words.error(words.shown_inference(str(exc))), file=sys.stderr)
        return USAGE_ERROR
    return _train_config(args, config, words)


def _config(args: argparse.Namespace, words: CommandWords, launch: Launch) -> TrainConfig:
    """The run the command line asks for, its data folder checked; ValueError, DataError or FileProblem where it
    cannot be (torch-free)."""
    from inference.dataset import require_data_folder
    from inference.registry import ModelRegistry

    # a name as analyze and evaluate take it (the installed models' folders), or a folder
    init_from = ModelRegistry().find(args.init_from) if args.init_from is not None else None
    config = TrainConfig(
        task=args.task, data=args.data, out=args.out, arch=args.arch, encoder=args.encoder, epochs=args.epochs,
        size=args.size, crop=args.crop, batch_size=args.batch_size, lr=args.lr, seed=args.seed,
        device=args.device, loss=args.loss, region_loss=args.region_loss,
        dice_weights=parse_weights(args.dice_weights, words.tr),
        box_mode=args.box_mode, box_factor=args.box_factor, weak_share=args.weak_share,
        label_map=args.label_map, ordinal=args.ordinal,
        steps_per_epoch=args.steps_per_epoch, augment=not args.no_augment, tiled=args.tiled, resume=args.resume,
        finish=args.finish,
        overwrite=args.overwrite, ben_graham=args.ben_graham, clahe=args.clahe, splits=args.splits,
        workers=args.workers, cache_dir=args.cache_dir, cache_limit=args.cache_limit, init_from=init_from,
        keep_classes=[name.strip().upper() for name in args.keep_classes.split(",") if name.strip()],
        keep_factor=args.keep_factor, name=args.name, licence=args.licence,
        command=command_line(args, launch_words(launch)))
    require_data_folder(config.data)
    return config


def _train_config(args: argparse.Namespace, config: TrainConfig, words: CommandWords) -> int:
    """``config``'s run, in ``words``."""
    from annotations import errors
    from annotations.progress import NullState
    from app.progress_bar import TextProgressBar
    from app.segmentation_lines import segmentation_lines
    from app.training_words import progress_words
    from inference.device import DeviceError
    from inference.training.checkpoint import CheckpointError, checkpoint_stamp, has_checkpoint
    from inference.dataset import DataError
    from app.stop_signals import stop_signals_interrupt
    from inference.training.distributed import Ranks, own_refusal
    from inference.training.init_from import dropped_members_note
    from inference.training.run import train

    ranks = Ranks.from_environment()
    main_process = ranks.is_main
    refusals = (ValueError, DataError, errors.FileProblem, DeviceError, CheckpointError)  # said in words, status 2
    try:
        bar = TextProgressBar(f"train {args.task}", said=progress_words(words)) if main_process else NullState()
        earlier = checkpoint_stamp(args.out)  # a new run's first epoch replaces an earlier run's (--overwrite)
        try:
            with stop_signals_interrupt():  # a scheduler's SIGTERM (torchrun's, to every rank) stops as Ctrl+C does
                if args.minutes is not None:
                    config = sized_run(config, args, words)
                try:
                    result = train(config, bar, on_note=functools.partial(_note, bar, words))
                except Exception as exc:
                    if not isinstance(exc, (*refusals, OSError)):  # another process lost, or a bug (said as one)
                        ranks.outlive_a_lost_process()
                    raise
        except KeyboardInterrupt as stop:  # said, with how to go on where it stopped
            if main_process and has_checkpoint(args.out):
                print("\n" + _stopped(args, config, words, own=args.resume or args.finish
                                       or checkpoint_stamp(args.out) != earlier), file=sys.stderr)
            if not main_process:  # a stop reaches every rank: rank 0 says it
                stop.said = True  # type: ignore[attr-defined]
            raise
        if not main_process:
            return DONE
        bar.finish()
    except refusals as exc:
        if own_refusal(exc, ranks):
            print(words.error(words.shown_inference(str(exc))), file=sys.stderr)
        return USAGE_ERROR
    except OSError as exc:  # a disk filled or lost on the way (a checkpoint, the model): the file, in words
        if own_refusal(exc, ranks):
            problem = words.said(errors.CONTEXT, errors.FILE_PROBLEM, path=exc.filename or args.out,
                                 reason=words.os_reason(exc))
            if has_checkpoint(args.out):
                problem = join_clauses([problem, words.tr(msg.CONTEXT, msg.CHECKPOINT_STAYS)], words.tr)
            print(words.error(problem), file=sys.stderr)
        return USAGE_ERROR
    print(words.said(msg.CONTEXT, msg.MODEL, folder=result.model_dir, steps=result.steps,
                     seconds=f"{result.seconds:.0f}", rate=f"{result.images_per_second:.1f}"))
    for key, value in result.metrics.items():  # named as the card's metrics name them
        if not isinstance(value, (dict, list)):
            print(f"  {key}: {value}")
    for line in segmentation_lines(result.metrics, words.tr):  # a class without ground truth, the box figures
        print(line)
    if note := dropped_members_note(result.card):
        print(words.note(words.shown_inference(note)))
    return DONE


def _stopped(args: argparse.Namespace, config: TrainConfig, words: CommandWords, own: bool) -> str:
    """How to go on from a run stopped with a checkpoint in its folder: ``own``, this run's (resumed, or written at
    an epoch's end: a --minutes run's once sized_run chose its epochs), else an earlier run's that this one had not
    yet replaced, which --resume would continue instead of this run (stopped while --minutes sized it, or in its
    first epoch)."""
    if not own:
        return words.said(msg.CONTEXT, msg.STOPPED_BEFORE_EPOCH, folder=args.out)
    if args.minutes is not None:
        return words.said(msg.CONTEXT, msg.STOPPED_SIZED, folder=args.out, epochs=config.epochs,
                          minutes=f"{args.minutes:g}")
    return words.said(msg.CONTEXT, msg.STOPPED, folder=args.out)


def _note(bar: TextProgressBar, words: CommandWords, note: str) -> None:
    """A note the run says before its first step (a photo left out), on its own line below the bar so far."""
    bar.finish()
    print(words.note(words.shown_inference(note)), file=sys.stderr, flush=True)


def sized_run(config: TrainConfig, args: argparse.Namespace, words: CommandWords) -> TrainConfig:
    """``config`` with the epochs ``--minutes`` hold; its recorded command names them instead of the minutes."""
    from app.progress_bar import TextProgressBar
    from app.training_words import progress_words
    from inference.training.time_budget import sized_to_budget

    bar = TextProgressBar(words.said(msg.CONTEXT, msg.TIMING, command=f"train {args.task}"),
                          said=progress_words(words))
    sized = sized_to_budget(config, args.minutes * 60, bar)
    bar.finish()
    print(words.said(msg.CONTEXT, msg.SIZED, minutes=f"{args.minutes:g}", epochs=sized.epochs,
                     steps=sized.steps_per_epoch), flush=True)
    chosen = argparse.Namespace(**{**vars(args), "epochs": sized.epochs, "minutes": None})
    return dataclasses.replace(sized, command=command_line(chosen))


def launch_words(ranks: Launch) -> list[str]:
    """How the command was started, as the card records it: ``retina-review``, or torchrun's launch of several
    processes, which the command reproduces only with it (each process takes --batch-size of one step's batch, and
    the steps of an epoch without --steps-per-epoch are shared among them)."""
    if not ranks.distributed:
        return ["retina-review"]
    per_node = ranks.local_world_size
    nodes = max(1, ranks.world_size // per_node)
    where = ["--standalone"] if nodes == 1 else [f"--nnodes={nodes}"]  # machines: each runs it, with a rendezvous
    return ["torchrun", *where, f"--nproc_per_node={per_node}", "-m", "app.cli"]


def command_line(args: argparse.Namespace, launcher: Sequence[str] = ("retina-review",)) -> str:
    """The command as the card records it, rebuilt from the parsed options (defaults included, so it is complete;
    the candidates-only options only for that task, and none that config.ignored_fields says the task ignores: the
    segmentation-only ones outside segmentation, --ordinal outside grade), after ``launcher`` (launch_words).
    Without --resume and --finish: a resumed run's weights are the whole run's, which the command without them
    reproduces (with them it is refused where the model stands, and --finish anywhere without a checkpoint); a
    finished one's card says where it ended (training.finished_early)."""
    words = [*launcher, "train", args.task]
    for key, value in vars(args).items():
        if key in (*RUN_ONLY, "task", "resume", "finish") or value is None or value is False \
                or value == "":
            continue
        if key in CANDIDATES_ONLY and args.task != "candidates" or key in ignored_fields(args.task):
            continue
        if key == "keep_factor" and not args.keep_classes:  # the weight of a term the run does not have
            continue
        words += [_option(key)] + ([] if value is True else [str(value)])
    return shlex.join(words)


def _option(key: str) -> str:
    """The command-line option of a parsed option's key: blend_with -> --blend-with."""
    return f"--{key.replace('_', '-')}"


def _given(args: argparse.Namespace, keys: Iterable[str], default: Callable[[str], object]) -> list[str]:
    """The options among ``keys`` that the command line gave a value other than their default."""
    return [_option(key) for key in keys if vars(args)[key] != default(key)]


def parse_weights(text: str, translate: Translate = english) -> dict[str, float]:
    """``MA=1.5,HE=0.6`` -> {"MA": 1.5, "HE": 0.6}; ValueError naming the bad entry, in ``translate``'s language."""
    weights = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, sep, value = item.partition("=")
        try:
            weights[name.strip().upper()] = float(value)
        except ValueError:
            sep = ""
        if not sep or name.strip().upper() not in ("MA", "HE", "EX", "SE", "OD"):
            raise ValueError(fill(translate(msg.CONTEXT, msg.BAD_DICE_WEIGHT), entry=repr(item)))
    return weights


def parse_size(text: str, refusal: str = msg.NOT_A_SIZE) -> int:
    """``20G`` -> 20 x 2**30 bytes (K, M, G, T, optionally followed by B or iB); a ValueError saying ``refusal``, the
    text named in it."""
    match = SIZE.fullmatch(text.strip().upper())
    size = float(match.group(1)) * SIZE_UNITS[match.group(2)] if match else math.nan
    if not math.isfinite(size):  # more digits than a float holds: int() raised OverflowError, past argparse
        raise ValueError(fill(refusal, text=repr(text)))
    return int(size)


def _fail(words: CommandWords, message: str) -> int:
    """Say why the run stops (``message``, in the interface's language already); the exit status."""
    print(words.error(message), file=sys.stderr)
    return USAGE_ERROR
