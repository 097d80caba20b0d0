"""`retina-review analyze IMAGE_OR_FOLDER... --out DIR [--model NAME_OR_PATH ...] [--device auto|cpu|cuda]`."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from annotations.image_io import is_image_file


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "analyze", help="run the models on images and write grade, findings, masks, overlays and heat maps",
        description="Analyse fundus photos and OCT scans. Per image, DIR receives STEM.json (grade, "
                    "probabilities, referable, quality, findings, models with sha256, timings), STEM_mask.png "
                    "(indexed, original size), STEM_overlay.png and, when a classifier ran, STEM_cam.png. "
                    "Without learned models it still reports quality and field of view.")
    parser.add_argument("inputs", nargs="+", type=Path, metavar="IMAGE_OR_FOLDER",
                        help="image files, or folders whose images (not sub-folders) are analysed")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="where to write (created if needed)")
    parser.add_argument("--model", action="append", default=[], metavar="NAME_OR_PATH",
                        help="a model name, model folder or state-dict checkpoint; repeat for one per task "
                             "(default: the installed models, one per task)")
    parser.add_argument("--arch", default=None, metavar="ARCH:ENCODER",
                        help="architecture of a plain .pth checkpoint given with --model, e.g. unet:resnet34")
    parser.add_argument("--device", default=None, metavar="auto|cpu|cuda|cuda:N|mps",
                        help="where models run (default: the program's setting, else auto: CUDA, MPS, CPU)")
    parser.add_argument("--tiled", action="store_true",
                        help="segment with a sliding window at twice the model's resolution (slower, finer)")
    parser.add_argument("--cam-grade", type=int, default=None, choices=range(5), metavar="0-4",
                        help="DR grade the heat map explains (default: the predicted grade)")
    parser.add_argument("--oct", action="store_true",
                        help="the images are OCT B-scans (default: decided per image from its name and pixels, "
                             "as in the window)")
    parser.add_argument("--probabilities", action="store_true",
                        help="also write STEM_prob_MA.png, _HE, _EX, _SE, _OD: 8-bit grey maps of the image's size, "
                             "value = round(255 x probability), the maps the masks are thresholded from")
    parser.add_argument("--overwrite", action="store_true",
                        help="replace files already in DIR that this run did not write (never the input images)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from annotations.document import Modality
    from annotations.output_folder import OutputError, OutputFolder
    from annotations.output_names import plan_stems
    from app.saved_analysis import saved_analysis_settings
    from app.progress_bar import TextProgressBar
    from inference.analysis_models import assemble_models
    from inference.device import DeviceError
    from inference.model_card import ModelError
    from inference.outputs import output_names, write_outputs
    from inference.pipeline import AnalysisOutcome, PipelineOptions, analyze
    from inference.registry import ModelRegistry

    images, problems = collect_images(args.inputs)
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    if not images:
        print("error: no images to analyse (supported: .jpg .jpeg .png .tif .tiff .bmp, DICOM)", file=sys.stderr)
        return 2
    stems, notes = plan_stems([str(path) for path in images], flat=True)
    try:
        out = OutputFolder(args.out, originals=images, overwrite=args.overwrite,
                           photo_folders={path.parent for path in images})
        out.reserve(name for stem in stems for name in output_names(stem))
    except OutputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    stem_of = dict(zip((str(path) for path in images), stems))
    registry = ModelRegistry()
    try:
        assembled = assemble_models(saved_analysis_settings(args.device, args.model, args.arch), registry)
    except (DeviceError, ModelError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    models, device = assembled.models, assembled.device
    if models.is_empty:
        searched = ", ".join(str(d) for d in registry.dirs)
        print(f"No learned model installed (searched {searched}): reporting image quality and field of view, "
              "lesion candidates from the classical detector and a grade from ICDR rules only.", file=sys.stderr)
    else:
        used = ", ".join(f"{m.card.name} ({m.card.task})" for m in models.all())
        print(f"models: {used}; device: {device}", file=sys.stderr)

    failures: list[str] = []

    def save(outcome: AnalysisOutcome) -> None:
        if outcome.error or outcome.image is None:
            named = outcome.error and outcome.error.startswith(outcome.source)  # file errors name their file
            failures.append(outcome.error if named else f"{outcome.source}: {outcome.error}")
            return
        try:
            write_outputs(outcome, outcome.image, out, stem_of[outcome.source])
        except (OSError, OutputError) as exc:
            failures.append(f"{outcome.source}: cannot write to {args.out} ({exc})")
        outcome.image = None  # large batches: keep no full-size arrays once written
        outcome.probabilities = {}
        if outcome.result is not None:
            outcome.result.mask = outcome.result.cam = None

    bar = TextProgressBar("analyze")
    options = PipelineOptions(tiled=args.tiled, cam_target=args.cam_grade,
                              modality=Modality.OCT if args.oct else None, keep_probabilities=args.probabilities)
    outcomes = analyze(images, models, bar, device, options, on_result=save, keep_images=True)
    bar.finish()
    for failure in failures:
        print(f"error: {failure}", file=sys.stderr)
    print(f"{len(outcomes) - len(failures)} of {len(outcomes)} images analysed; {out.files_written} file(s) written "
          f"to {args.out}")
    return 1 if failures else 0


def collect_images(inputs: list[Path]) -> tuple[list[Path], list[str]]:
    images: list[Path] = []
    problems: list[str] = []
    for item in inputs:
        if item.is_dir():
            found = sorted(p for p in item.iterdir() if p.is_file() and is_image_file(p))
            if not found:
                problems.append(f"{item}: no images in this folder")
            images.extend(found)
        elif item.is_file() and is_image_file(item):
            images.append(item)
        elif item.is_file():
            problems.append(f"{item}: not an image file, skipped")
        else:
            problems.append(f"{item}: not found")
    return images, problems
