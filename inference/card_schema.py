"""The model card as a checked schema: every field's type, and every number finite and in its range.

A card is untrusted input (a user drops model folders into a models folder), so nothing in it is believed: a NaN
threshold would silently make every comparison false, a NaN temperature or std turns probabilities into NaN, an
input size of 32768 allocates gigabytes, a class list of the wrong length crashes after the analysis. Each
check returns a message naming the field, so a refused model says what to fix.
"""
from __future__ import annotations

import math
from typing import Any, Mapping

from annotations.classes import OCT_CLASSES, class_from_name
from annotations.wording import join_items
from inference import messages as msg

MIN_INPUT_SIDE = 32
PATCH_INPUT_SIDES = (16, 64)  # a patch classifier's patches (inference/lesion_candidates) are small
MAX_INPUT_SIDE = 2048  # a 2048 x 2048 network input is 4 MP, far beyond what retinal models are trained at
MAX_TEMPERATURE = 100.0
MAX_DECODER_CHANNELS = 2048
TEXT_FIELDS = ("name", "task", "architecture", "encoder", "activation", "version", "cam_layer", "sha256", "created",
               "limits", "mask_mode", "blend_with", "blend_sha256", "blend_member")
DICT_FIELDS = ("training", "metrics")
PREPROCESSING_FLAGS = ("crop_fov", "clahe", "ben_graham", "keep_aspect_pad")
BACKGROUND = "background"
# exact class counts for tasks whose outputs the program reads by position (grade 0-4; negative, positive)
CLASS_COUNTS = {"dr-grade": 5, "referable": 2, "lesions-present": 2}
# a segmentation card's averaged_views: each view of the input by the axes of an (N, C, H, W) batch it flips
VIEW_FLIPS: dict[str, tuple[int, ...]] = {"original": (), "left-right": (3,), "up-down": (2,), "both": (2, 3)}
MIRROR_VIEWS = ("original", "left-right")  # what `mirror_average: true` of a card written before averaged_views meant


def field_type_problems(data: Mapping[str, Any]) -> list[str]:
    """Wrong JSON types in a card read from disk (before anything is built from it)."""
    problems = [msg.MUST_BE_TEXT.format(key=key, kind=_kind(data[key])) for key in TEXT_FIELDS
                if key in data and not isinstance(data[key], str)]
    problems += [msg.MUST_BE_OBJECT.format(key=key, kind=_kind(data[key])) for key in DICT_FIELDS
                 if key in data and not isinstance(data[key], dict)]
    for key in ("classes", "classical_classes"):
        if key in data and not (isinstance(data[key], list) and all(isinstance(c, str) for c in data[key])):
            problems.append(msg.MUST_BE_NAMES.format(key=key))
    if "input_size" in data and not (isinstance(data["input_size"], list) and len(data["input_size"]) == 2
                                     and all(_is_int(v) for v in data["input_size"])):
        problems.append(msg.INPUT_SIZE_TYPE)
    if "temperature" in data and not _is_number(data["temperature"]):
        problems.append(msg.TEMPERATURE_TYPE.format(kind=_kind(data["temperature"])))
    thresholds = data.get("thresholds")
    if thresholds is not None and not (isinstance(thresholds, dict)
                                       and all(_is_number(v) for v in thresholds.values())):
        problems.append(msg.THRESHOLDS_TYPE)
    norm = data.get("normalisation")
    if norm is not None and not (isinstance(norm, dict) and all(
            isinstance(norm.get(key), list) and all(_is_number(v) for v in norm[key]) for key in ("mean", "std"))):
        problems.append(msg.NORMALISATION_TYPE.format(shape='{"mean": [3 numbers], "std": [3 numbers]}'))
    prep = data.get("preprocessing")
    if prep is not None and not (isinstance(prep, dict) and set(prep) <= set(PREPROCESSING_FLAGS)
                                 and all(isinstance(v, bool) for v in prep.values())):
        problems.append(msg.PREPROCESSING_TYPE.format(flags=join_items(PREPROCESSING_FLAGS)))
    smallest = data.get("min_component_pixels")
    if smallest is not None and not (isinstance(smallest, dict) and all(_is_int(v) and v >= 0
                                                                         for v in smallest.values())):
        problems.append(msg.MIN_COMPONENT_TYPE)
    channels = data.get("decoder_channels")
    if channels is not None and not (isinstance(channels, list) and all(_is_int(v) for v in channels)):
        problems.append(msg.DECODER_CHANNELS_TYPE)
    if "mirror_average" in data and not isinstance(data["mirror_average"], bool):
        problems.append(msg.MIRROR_AVERAGE_TYPE)
    if "averaged_views" in data and not (isinstance(data["averaged_views"], list)
                                         and all(isinstance(view, str) for view in data["averaged_views"])):
        problems.append(msg.MUST_BE_NAMES.format(key="averaged_views"))
    if "mirror_average" in data and "averaged_views" in data:
        problems.append(msg.MIRROR_AND_VIEWS)
    if "member_min_field" in data and not (_is_int(data["member_min_field"]) and data["member_min_field"] >= 0):
        problems.append(msg.MEMBER_MIN_FIELD_TYPE)
    if "members_averaged" in data and not isinstance(data["members_averaged"], bool):
        problems.append(msg.MEMBERS_AVERAGED_TYPE)
    levels = data.get("member_levels")
    if levels is not None and not (isinstance(levels, dict) and all(
            isinstance(pair, list) and all(_is_number(v) for v in pair) for pair in levels.values())):
        problems.append(msg.MEMBER_LEVELS)
    blend_levels = data.get("blend_levels")
    if blend_levels is not None and not (isinstance(blend_levels, list) and all(_is_number(v) for v in blend_levels)):
        problems.append(msg.BLEND_LEVELS)
    for key in ("class_members", "member_sha256"):
        if key in data and not (isinstance(data[key], dict) and all(isinstance(v, str) for v in data[key].values())):
            problems.append(msg.MUST_MAP_TEXT.format(key=key))
    return problems


def view_problems(views: list[str]) -> list[str]:
    """A card's averaged_views: different names of VIEW_FLIPS."""
    if all(view in VIEW_FLIPS for view in views) and len(set(views)) == len(views):
        return []
    return [msg.AVERAGED_VIEWS.format(views=join_items(VIEW_FLIPS))]


def value_problems(card: Any) -> list[str]:
    """Numbers that are not finite or out of range, and class lists that do not fit the task (any ModelCard)."""
    problems = []
    low, high = PATCH_INPUT_SIDES if card.architecture == "patch-classifier" else (MIN_INPUT_SIDE, MAX_INPUT_SIDE)
    if len(card.input_size) != 2 or not all(low <= side <= high for side in card.input_size):
        problems.append(msg.INPUT_SIZE_RANGE.format(size=list(card.input_size), low=low, high=high))
    if not (_finite(card.temperature) and 0 < card.temperature <= MAX_TEMPERATURE):
        problems.append(msg.TEMPERATURE_RANGE.format(value=card.temperature, limit=f"{MAX_TEMPERATURE:g}"))
    for name, value in card.thresholds.items():
        if not (_finite(value) and 0.0 <= value <= 1.0):
            problems.append(msg.THRESHOLD_RANGE.format(name=name, value=value))
        if name not in card.classes:
            problems.append(msg.THRESHOLD_CLASS.format(name=name, names=join_items(card.classes)))
    for name in card.min_component_pixels:
        if name not in card.classes:
            problems.append(msg.MIN_COMPONENT_CLASS.format(name=name))
    norm = card.normalisation
    if not (len(norm.get("mean", ())) == 3 and len(norm.get("std", ())) == 3
            and all(_finite(v) for v in (*norm["mean"], *norm["std"])) and min(norm["std"]) > 0):
        problems.append(msg.NORMALISATION_VALUES)
    if card.decoder_channels is not None and (len(card.decoder_channels) != 5 or not all(
            0 < c <= MAX_DECODER_CHANNELS for c in card.decoder_channels)):
        problems.append(msg.DECODER_CHANNELS_VALUES.format(limit=MAX_DECODER_CHANNELS))
    problems += view_problems(card.averaged_views)
    problems += class_problems(card.task, card.classes)
    return problems


def class_problems(task: str, classes: list[str]) -> list[str]:
    """The class list against what the task's outputs mean."""
    if not classes:
        return [msg.CLASSES_EMPTY]
    if len(set(classes)) != len(classes):
        return [msg.CLASS_TWICE.format(classes=classes)]
    expected = CLASS_COUNTS.get(task)
    if expected is not None and len(classes) != expected:
        return [msg.CLASS_COUNT_FOR_TASK.format(count=len(classes), task=task, expected=expected)]
    if task == "oct" and (len(classes) < 2 or not set(classes) <= set(OCT_CLASSES)):
        return [msg.OCT_CLASS_NAMES.format(classes=classes, count=len(OCT_CLASSES), names=join_items(OCT_CLASSES))]
    if task in ("lesion-segmentation", "optic-disc"):
        unknown = [name for name in classes if name != BACKGROUND and not _lesion_name(name)]
        if unknown or all(name == BACKGROUND for name in classes):
            return [msg.LESION_CLASS_NAMES.format(classes=classes, task=task, background=repr(BACKGROUND))]
        if task == "optic-disc" and "OD" not in classes:
            return [msg.DISC_CLASS.format(classes=classes)]
    if task in ("lesion-candidates", "region-candidates") and (len(classes) != 1
                                                               or classes[0] not in ("MA", "HE", "EX", "SE")):
        return [msg.CANDIDATE_CLASS.format(classes=classes)]
    return []


def _lesion_name(name: str) -> bool:
    try:
        class_from_name(name)
    except ValueError:
        return False
    return True


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _finite(value: Any) -> bool:
    return _is_number(value) and math.isfinite(value)


def _kind(value: Any) -> str:
    an_object, a_list, text, true_false, null, a_number = msg.JSON_KINDS
    return {dict: an_object, list: a_list, str: text, bool: true_false, type(None): null}.get(type(value), a_number)
