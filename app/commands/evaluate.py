"""`retina-review evaluate seg|grade|referable|oct|boxes --model MODEL --data DIR --out DIR`."""
from __future__ import annotations

import argparse
import functools
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from annotations.command_end import DONE, USAGE_ERROR
from annotations.wording import join_items
from app import evaluate_command_messages as msg
from app.command_help import common
from app.command_help import evaluate as helps
from app.language_option import add_language_option, in_its_language

if TYPE_CHECKING:  # the commands import what they run when run
    from annotations.output_folder import OutputFolder
    from app.command_words import CommandWords

EVALUATE_TASKS = ("seg", "grade", "referable", "oct", "boxes")


def register(subparsers: argparse._SubParsersAction, words: CommandWords) -> None:
    tr = functools.partial(words.tr, helps.CONTEXT)
    parser = subparsers.add_parser("evaluate", help=tr(helps.HELP), description=tr(helps.DESCRIPTION))
    parser.add_argument("task", choices=EVALUATE_TASKS)
    parser.add_argument("--model", required=True, metavar="MODEL_DIR_OR_NAME")
    parser.add_argument("--data", type=Path, required=True, metavar="DIR")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR")
    parser.add_argument("--split", default="auto", choices=("auto", "train", "val", "test", "all"),
                        help=tr(helps.SPLIT))
    parser.add_argument("--splits", type=Path, default=None, metavar="DIR", help=tr(helps.SPLITS))
    parser.add_argument("--label-map", default="", metavar="NAME=CLASS,...",
                        help=words.tr(common.CONTEXT, common.VOC_LABEL_MAP))
    parser.add_argument("--device", default="auto", choices=("auto", "cpu", "cuda", "mps"))
    parser.add_argument("--tiled", action=argparse.BooleanOptionalAction, default=None, help=tr(helps.TILED))
    parser.add_argument("--overwrite", action="store_true", help=tr(helps.OVERWRITE))
    add_language_option(parser, words)
    parser.set_defaults(func=in_its_language(_run))


def _run(args: argparse.Namespace, words: CommandWords) -> int:
    """The command, in the words of its --lang: a mistake in the command line is refused before torch loads
    (some 3-5 s and 0.74 GB)."""
    refused = _refused(args, words)
    return _evaluate_into_out(args, words) if refused is None else refused


def _refused(args: argparse.Namespace, words: CommandWords) -> int | None:
    """The exit status of a command line refused (said in ``words``), torch-free; None where it is not: the options,
    the --data folder (box evaluation words a missing one its own way), a --model neither installed nor a folder, a
    box evaluation's --data without a photo with VOC boxes to score (in --split)."""
    from annotations.formats.label_map import parse_label_map
    from inference import messages as data_msg
    from inference.box_pairs import list_pairs, split_ids
    from inference.dataset import DataError, require_data_folder
    from inference.model_card import ModelError
    from inference.pipeline_models import CLASSICAL_ONLY, PIPELINE_MODELS
    from inference.registry import ModelRegistry

    if args.tiled is not None and (args.task != "seg" or args.model == CLASSICAL_ONLY):  # else silently ignored
        return _fail(words, words.said(msg.CONTEXT, msg.TILED_OPTION, task=args.task, model=args.model))
    try:
        parse_label_map(args.label_map)
        require_data_folder(args.data, data_msg.NO_BOX_FOLDER if args.task == "boxes" else data_msg.NOT_A_DATA_FOLDER)
        if not (args.task in ("seg", "boxes") and args.model in PIPELINE_MODELS):  # a network's name or folder
            ModelRegistry().find(args.model)
        if args.task == "boxes":  # the folder read last: the costliest check (0.1 s for 412 CODRAS photos)
            list_pairs(args.data, split_ids(args.data, args.split))
    except (ValueError, DataError, ModelError) as exc:
        return _fail(words, words.shown_inference(str(exc)))
    return None


def _evaluate_into_out(args: argparse.Namespace, words: CommandWords) -> int:
    """The evaluation of a command line not refused, its files in --out."""
    from annotations.formats import FormatError
    from annotations.image_io import ImageLoadError
    from annotations.output_folder import OutputError, OutputFolder
    from inference import box_eval, evaluation
    from inference.device import DeviceError
    from inference.model_card import ModelError
    from inference.dataset import DataError

    boxes = args.task == "boxes"
    names = (box_eval.RESULT_FILE,) if boxes else evaluation.OUTPUTS[args.task]
    out: OutputFolder | None = None
    try:
        out = OutputFolder(args.out, overwrite=args.overwrite, photo_folders=[args.data],
                           job=box_eval.JOB if boxes else evaluation.JOB)
        with out.claimed():
            out.reserve(names)  # before any image is read: a person's file, or a photo of --data, is never replaced
            code = _evaluate_boxes(args, out, words) if boxes else _evaluate(args, out, words)
            if args.overwrite:  # asked to replace: an earlier run's plot this one does not draw would read as its own
                out.remove_earlier()
    except (ValueError, DataError, FormatError, ImageLoadError, ModelError, DeviceError, OutputError) as exc:
        return _fail(words, words.shown_inference(str(exc)))
    finally:  # earlier runs' files kept aside, removed or left: said by a run stopped part-way too
        for note in out.notes() if out is not None else ():
            print(words.warning(words.shown(note)), file=sys.stderr)
    return code


def _evaluate(args: argparse.Namespace, out: OutputFolder, words: CommandWords) -> int:
    from app.progress_bar import TextProgressBar
    from app.segmentation_lines import INDENT, segmentation_lines
    from app.commands.agreement import level_namer
    from app.training_words import progress_words
    from inference import evaluation

    bar = TextProgressBar(f"evaluate {args.task}", said=progress_words(words))
    try:  # the plots in the interface's language, their levels named as the window names them
        result = evaluation.evaluate(args.task, args.model, args.data, out, args.split, args.device,
                                     args.label_map, bar, args.tiled, args.splits, words.tr, level_namer(words.tr))
    finally:
        bar.finish()
    summary = {k: v for k, v in result.items() if not isinstance(v, (dict, list))}
    print(json.dumps(evaluation.json_safe(summary), indent=1))  # as evaluation.json: a figure not defined is null
    for line in segmentation_lines(result, words.tr):
        print(line)
    for row in result.get("per_image", []):
        if row.get("dice"):
            figures = join_items((f"{name} {v:.3f}" for name, v in row["dice"].items()), words.tr)
            print(INDENT + words.said(msg.CONTEXT, msg.IMAGE_DICE, image=row["image"], figures=figures))
    results, plots = args.out / evaluation.RESULT_FILE, join_items(result["plots"], words.tr)
    print(words.said(msg.CONTEXT, msg.WRITTEN, results=results, plots=plots) if plots else
          words.said(msg.CONTEXT, msg.WRITTEN_NO_PLOTS, results=results))
    return DONE


def _evaluate_boxes(args: argparse.Namespace, out: OutputFolder, words: CommandWords) -> int:
    from annotations.formats.label_map import parse_label_map
    from app.box_table import box_table
    from app.progress_bar import TextProgressBar
    from app.training_words import progress_words, split_words
    from inference.box_eval import evaluate_boxes
    from inference.box_pairs import split_ids

    label_map = parse_label_map(args.label_map) if args.label_map else {}
    ids = split_ids(args.data, args.split)
    bar = TextProgressBar(f"evaluate {args.task}", said=progress_words(words))
    try:
        result = evaluate_boxes(args.model, args.data, label_map, out, bar, ids=ids, device=args.device)
    finally:
        bar.finish()
    print(box_table(result, words.tr, split_words(words)))
    if result["skipped_labels"] and not any(counts["boxes"] for counts in result["classes"].values()):
        return _fail(words, words.said(msg.CONTEXT, msg.NOTHING_MEASURED))  # a script must not read 0 for it
    return DONE


def _fail(words: CommandWords, message: str) -> int:
    """Say why the run stops (``message``, in the interface's language already); the exit status."""
    print(words.error(message), file=sys.stderr)
    return USAGE_ERROR

