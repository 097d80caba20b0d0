"""Files `retina-review analyze` writes per image, chosen with ``--outputs`` (inference.output_kinds):

- json: STEM.json (grade, probabilities, referable, quality, findings, models, timings, the files written);
- mask: STEM_mask.png, a palette PNG of the image's size, lossless (annotations.formats.masks, keep_overlaps);
- overlay, cam: STEM_overlay.jpg, STEM_cam.jpg, the masks or the heat map over the photo, reduced JPEGs to look at;
- probabilities: STEM_prob_CLASS.png, 8-bit grey of the image's size, round(255 x probability).
"""
from __future__ import annotations

import enum
import io
import json
import math
from pathlib import Path
from typing import Any, Sequence

import cv2
import numpy as np
from PIL import Image

from annotations.classes import ALL_CLASSES, DR_GRADE_NAMES
from annotations.document import AIResult, Modality
from annotations.findings import findings_to_json
from annotations.formats.masks import indexed_png_bytes
from annotations.output_folder import OutputFolder
from annotations.probability_maps import probability_levels
from annotations.render import heatmap_rgb, overlay_mask
from inference.output_kinds import OUTPUT_CHOICES
from inference.pipeline import CLASSICAL_DETECTOR, AnalysisOutcome

PNG_COMPRESS_LEVEL = 1  # 12-megapixel probability maps: level 1 is several times faster than the default
PREVIEW_MAX_SIDE = 2048  # overlays are for looking at: 2048 px wide keeps lesions visible at ~0.3 MB per JPEG
PREVIEW_JPEG_QUALITY = 85
HEAT_ALPHA = 0.45  # as render.overlay_heatmap
NO_LEARNED_MODEL = ("no learned model is installed: the grade comes from ICDR rules applied to classical lesion "
                    "candidates; treat it as a rough pointer, not a model result")
NO_OCT_MODEL = ("no OCT model is installed (retina-review train oct): the scan's quality only, no OCT class and no "
                "grade")


def write_outputs(outcome: AnalysisOutcome, image: np.ndarray, out: OutputFolder, stem: str,
                  outputs: Sequence[str] = OUTPUT_CHOICES) -> list[Path]:
    """Write the files for one analysed image; returns their paths. The JSON is written last, as the marker."""
    return [out.write_bytes(name, data) for name, data in encode_outputs(outcome, image, stem, outputs)]


def encode_outputs(outcome: AnalysisOutcome, image: np.ndarray, stem: str,
                   outputs: Sequence[str] = OUTPUT_CHOICES) -> list[tuple[str, bytes]]:
    """(file name, contents) of the ``outputs`` asked for that the analysis has, the JSON last. Encoding is kept
    apart from writing so that a cluster worker encodes and the one process that owns the folder writes."""
    result = outcome.result
    if result is None:
        raise ValueError(f"{outcome.source}: nothing to write ({outcome.error})")
    encoded: list[tuple[str, bytes]] = []
    files: dict[str, str] = {}

    def add(kind: str, name: str, data: bytes) -> None:
        encoded.append((name, data))
        files[kind] = name

    if result.mask is not None and "mask" in outputs:
        add("mask", f"{stem}_mask.png", indexed_png_bytes(result.mask, keep_overlaps=True))
    if result.mask is not None and "overlay" in outputs:
        add("overlay", f"{stem}_overlay.jpg", preview_jpeg_bytes(mask_overlay(image, result.mask)))
    if result.cam is not None and "cam" in outputs:
        add("cam", f"{stem}_cam.jpg", preview_jpeg_bytes(heat_overlay(image, result.cam)))
    if "probabilities" in outputs:
        for name, levels in outcome.probabilities.items():
            add(f"prob_{name}", f"{stem}_prob_{name}.png", png_bytes(levels))
    if "json" in outputs:
        text = json.dumps(result_json(outcome, image.shape, files, outputs), indent=2) + "\n"
        encoded.append((f"{stem}.json", text.encode("utf-8")))
    return encoded


def _without_models(result: AIResult) -> str:
    """What a result made with no learned model is: an OCT scan's has no grade from rules (was said to have one)."""
    return NO_OCT_MODEL if result.modality == Modality.OCT.value else NO_LEARNED_MODEL


def result_json(outcome: AnalysisOutcome, shape: tuple[int, ...], files: dict[str, str],
                outputs: Sequence[str] = ()) -> dict[str, Any]:
    """``outputs``: the kinds the run asked for (--outputs), kept so that `analyze --resume` asking for more knows
    this image lacks them; ``files`` those it had (no heat map without a grade model, for one)."""
    result: AIResult = outcome.result  # type: ignore[assignment]
    learned = [m for m in result.models if m.get("name") != CLASSICAL_DETECTOR["name"]]
    grade = result.dr_grade
    data = {
        "image": outcome.source,
        "image_size": {"width": int(shape[1]), "height": int(shape[0])},
        "dr_grade": grade,
        "dr_grade_name": DR_GRADE_NAMES[grade] if grade is not None else None,
        "grade_probs": result.grade_probs,
        "grade_source": result.grade_source,
        "referable": result.referable,
        "referable_prob": result.referable_prob,
        "oct_probs": result.oct_probs,
        "quality": result.quality,
        "findings": findings_to_json(result.findings),
        "models": result.models,
        "learned_models_used": bool(learned),
        "notes": ([] if learned else [_without_models(result)]) + list(outcome.warnings),
        "timings_s": {name: round(value, 4) for name, value in outcome.timings.items()},
        "files": files,
        "outputs": list(outputs),
        "created_at": result.created_at,
        "device": result.device,
    }
    return json_ready(data)


def json_ready(value: Any) -> Any:
    """Plain JSON types: numpy scalars and small arrays, enums (by name), tuples; NaN becomes null."""
    if isinstance(value, dict):
        return {_key(k): json_ready(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [json_ready(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.name if not isinstance(value.value, str) else value.value
    if isinstance(value, np.ndarray):
        return json_ready(value.tolist()) if value.size <= 64 else f"<array {list(value.shape)}>"
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, Path):
        return str(value)
    return value


def mask_overlay(image: np.ndarray, mask_bits: np.ndarray) -> np.ndarray:
    """render.overlay_mask applied only around the labelled pixels (a 12-megapixel float copy takes a second)."""
    out = image.copy()
    rows, cols = np.nonzero(mask_bits.any(axis=1))[0], np.nonzero(mask_bits.any(axis=0))[0]
    if rows.size == 0:
        return out
    margin = 3  # the optic disc outline is found by erosion: keep its neighbours in the window
    y0, y1 = max(0, rows[0] - margin), min(image.shape[0], rows[-1] + margin + 1)
    x0, x1 = max(0, cols[0] - margin), min(image.shape[1], cols[-1] + margin + 1)
    out[y0:y1, x0:x1] = overlay_mask(image[y0:y1, x0:x1], mask_bits[y0:y1, x0:x1], classes=ALL_CLASSES)
    return out


def heat_overlay(image: np.ndarray, cam: np.ndarray, alpha: float = HEAT_ALPHA) -> np.ndarray:
    """render.overlay_heatmap's colours and weighting via a 256-entry lookup table and integer blending; ``cam``
    (kept reduced, annotations.probability_maps.compact_cam) is stretched over the image."""
    levels = probability_levels(cam)
    if levels.shape != image.shape[:2]:
        levels = cv2.resize(levels, (image.shape[1], image.shape[0]), interpolation=cv2.INTER_LINEAR)
    ramp = np.linspace(0.0, 1.0, 256, dtype=np.float32)
    colours = heatmap_rgb(ramp[None, :])[0].astype(np.uint16)[levels]
    weight = np.round(alpha * ramp * 256).astype(np.uint16)[levels][..., None]
    blended = image.astype(np.uint16) * (256 - weight) + colours * weight
    return ((blended + 128) >> 8).astype(np.uint8)


def preview_jpeg_bytes(rgb: np.ndarray) -> bytes:
    """A JPEG no wider or taller than PREVIEW_MAX_SIDE (area-averaged, so single-pixel lesions still tint it)."""
    image = Image.fromarray(rgb)
    scale = PREVIEW_MAX_SIDE / max(image.size)
    if scale < 1:
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        image = image.resize(size, Image.Resampling.BOX)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=PREVIEW_JPEG_QUALITY)
    return buffer.getvalue()


def png_bytes(pixels: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format="PNG", compress_level=PNG_COMPRESS_LEVEL)
    return buffer.getvalue()


def _key(key: Any) -> str:
    if isinstance(key, enum.Enum):
        return key.name
    return str(key)
