"""Ship a lesion model some of whose classes another network draws: the one model (one card, one name) holding a
member network for the classes it wins on validation photos (card ``class_members``).

``python -m inference.training.ship_member BASE MEMBER OUT --data IDRID_SEG --splits SPLITS [--version N]
[--min-field PX] [--average] [--as NAME]``:
scores BASE alone and MEMBER alone on the validation split (never trained on), gives MEMBER each lesion class it wins
by the rule ship_pixels uses against the classical detector (``classes_won``; not the classes BASE leaves to the
classical detector), and writes OUT: BASE's weights and card, MEMBER as its sub-folder ``--as`` (default: MEMBER's
folder name), MEMBER's map of those classes mapped onto BASE's thresholds (card ``member_levels``), both sides'
figures and then the composite's on the same split recorded in the card; ``--min-field``: the member draws only on
photos whose field is at least that many px across (card ``member_min_field``); ``--average``: its map is averaged
with BASE's instead of replacing it (card ``members_averaged``). Exit status 1, and no OUT, when MEMBER
wins nothing, or the composite (as it ships) loses a class MEMBER won alone.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from annotations.atomic import atomic_write_text
from inference.card_schema import BACKGROUND
from inference.evaluation import evaluate
from inference.model_card import (CARD_FILE, WEIGHTS_FILE, ModelCard, checked_card, file_sha256, load_card,
                                  plain_name)
from inference.training.ship_pixels import COMPARED_FIGURES, PRECISION_FLOOR, classes_won
from inference.training.tool_end import run_tool


def offered_classes(base: ModelCard, member: ModelCard) -> list[str]:
    """The lesion classes a member may take: drawn by the base's own pixels and among the member's classes."""
    return [name for name in base.classes if name not in (BACKGROUND, "OD") and name in member.classes
            and name not in base.classical_classes]


def ship(base: Path, member: Path, out: Path, data: Path, splits: Path, device: str = "cpu",
         version: str | None = None, folder_name: str = "", min_field: int = 0, averaged: bool = False
         ) -> dict[str, Any] | None:
    """Write the composite to ``out`` (assembled beside it, then renamed into place) and return its card's metrics;
    None, writing nothing, when the member wins no class, or the composite as it ships (averaged, on the photos
    ``min_field`` allows) does not win every class the member won alone. ``base`` holds no members of its own."""
    card, member_card = checked_card(base), checked_card(member)  # weights as their cards say, before minutes of work
    offered = offered_classes(card, member_card)
    with tempfile.TemporaryDirectory() as scratch:
        sides = {side: evaluate("seg", folder, data, Path(scratch) / side, "val", device, splits_dir=splits)
                 for side, folder in (("base", base), ("member", member))}
    won = classes_won(sides["member"]["per_class"], sides["base"]["per_class"], offered)
    if not won:
        return None
    card.version = version or card.version
    card.member_min_field, card.members_averaged = min_field, averaged
    card.metrics = {**card.metrics, "validation_members": {side: _figures(result) for side, result in sides.items()},
                    "member_rule": f"per lesion class the base draws from its pixels, the member draws when its "
                                   f"validation Dice beats the base's at a precision of at least {PRECISION_FLOOR}; "
                                   f"offered {offered}, the member draws {won}"}
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        assemble(partial, card, base, member, folder_name or member.resolve().name, won)
        with tempfile.TemporaryDirectory() as scratch:
            composite = evaluate("seg", partial, data, scratch, "val", device, splits_dir=splits)
        if classes_won(composite["per_class"], sides["base"]["per_class"], won) != won:  # what ships must win too
            shutil.rmtree(partial, ignore_errors=True)
            return None
        card.metrics["validation_members"]["composite"] = _figures(composite)
        # the held-out figures the card shows are of the model as it ships: the composite (as ship_pixels records)
        card.metrics.update({key: value for key, value in composite.items() if key in card.metrics})
        atomic_write_text(partial / CARD_FILE, card.to_json())
        os.replace(partial, out)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return card.metrics


def assemble(folder: Path, card: ModelCard, base: Path, member: Path, folder_name: str, classes: list[str]) -> None:
    """Write ``card`` with the weights of ``base`` to ``folder`` and the model in ``member`` as its sub-folder
    ``folder_name``, drawing ``classes``: the member's map mapped so that its own threshold falls on the card's
    (``member_levels``), so the card's thresholds and speck sizes, and a reader's threshold, cut it on every photo."""
    member_card = load_card(member)
    _copy_model(member, folder / folder_name, member_card)
    card.class_members = {name: folder_name for name in classes}
    card.member_sha256 = {folder_name: member_card.sha256}
    card.member_levels = {name: [member_card.threshold(name), card.threshold(name)] for name in classes}
    card.training = {**card.training, "members": {
        "by": "inference.training.ship_member", "version": card.version, "classes": classes,
        "member": {"folder": folder_name, "source": str(member.resolve()), "name": member_card.name,
                   "version": member_card.version, "sha256": member_card.sha256}}}
    _copy_model(base, folder, card)


def _copy_model(source: Path, folder: Path, card: ModelCard) -> None:
    """``card`` beside a byte-for-byte copy of ``source``'s weights, whose checksum other cards pin (he-candidates'
    blend_sha256, the parent's member_sha256): saving the tensors again would not keep it, as safetensors writes
    their metadata in no fixed order."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source / WEIGHTS_FILE, folder / WEIGHTS_FILE)
    card.sha256 = file_sha256(folder / WEIGHTS_FILE)
    card.validate(folder)
    atomic_write_text(folder / CARD_FILE, card.to_json())


def _figures(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {name: {key: values.get(key) for key in COMPARED_FIGURES} for name, values in result["per_class"].items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m inference.training.ship_member", description=__doc__)
    parser.add_argument("base", type=Path)
    parser.add_argument("member", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--splits", type=Path, required=True)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--version", help="the composite card's version (default: the base card's)")
    parser.add_argument("--min-field", type=int, default=0, metavar="PX",
                        help="the member draws only on photos whose field of view is at least PX across (default 0: "
                             "every photo)")
    parser.add_argument("--average", action="store_true",
                        help="average the member's map with the base's for the classes it wins instead of replacing "
                             "it (card members_averaged)")
    parser.add_argument("--as", dest="folder_name", default="", metavar="NAME",
                        help="the member's sub-folder name (default: the member's folder name)")
    args = parser.parse_args(argv)
    if args.out.exists():
        parser.error(f"{args.out} exists; give a new folder")
    # refused before minutes of evaluation
    if load_card(args.base).class_members:  # their folders would have to come along: give its own network
        parser.error(f"{args.base} already holds members; give a model without")
    if load_card(args.member).class_members:  # a member draws its classes itself (loading refuses one with members)
        parser.error(f"{args.member} holds members of its own; give a model without")
    if args.folder_name and not plain_name(args.folder_name):
        parser.error(f"--as {args.folder_name!r}: give a plain folder name, without a path")
    if args.min_field < 0:
        parser.error(f"--min-field {args.min_field}: give 0 or more pixels")
    metrics = ship(args.base, args.member, args.out, args.data, args.splits, args.device, args.version,
                   args.folder_name, args.min_field, args.average)
    if metrics is None:
        print(f"{args.member} wins no class from {args.base} on the validation photos, alone and as assembled; "
              "nothing written", file=sys.stderr)
        return 1
    print(json.dumps({key: metrics[key] for key in ("validation_members", "member_rule")}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(run_tool(main))
