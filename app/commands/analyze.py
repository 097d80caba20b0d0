"""`retina-review analyze IMAGE_OR_FOLDER... --out DIR [--outputs KINDS] [--engine local|ray] [--workspace FOLDER]`."""
from __future__ import annotations

import argparse
import contextlib
import functools
import os
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from annotations.command_end import DONE, PARTLY_DONE, USAGE_ERROR
from annotations.formats.mask_folders import folder_class
from annotations.formats.masks import class_mask_parts
from annotations.formats.photo_modes import PhotoModes
from annotations.formats.photo_sorter import is_label_folder, photo_folders_of, photos_in
from annotations.image_io import is_case_image, is_image_file
from annotations.wording import NAMES_SHOWN, join_clauses, join_items, join_names
from app import analyze_command_messages as msg
from app.command_help import analyze as helps
from app.command_parser import value_check
from app.language_option import add_language_option
from inference.batch import messages as batch_msg
from inference.batch.worker_plan import gpu_share, worker_count  # no torch: --help stays quick

if TYPE_CHECKING:  # torch loads with inference: only when a command runs, not for --help
    from app.command_words import CommandWords
    from app.progress_bar import TextProgressBar
    from inference.batch.photo import BatchRecipe, PhotoTask
    from inference.batch.results import ResultWriter, WorkspaceCases
    from inference.batch.resume import ResumePlan
    from inference.loading import ModelSet


def register(subparsers: argparse._SubParsersAction, words: CommandWords) -> None:
    tr = functools.partial(words.tr, helps.CONTEXT)
    parser = subparsers.add_parser("analyze", help=tr(helps.HELP), description=tr(helps.DESCRIPTION))
    parser.add_argument("inputs", nargs="+", type=Path, metavar="IMAGE_OR_FOLDER", help=tr(helps.INPUTS))
    parser.add_argument("--out", type=Path, default=None, metavar="DIR", help=tr(helps.OUT))
    parser.add_argument("--outputs", default=None, metavar="KINDS", help=tr(helps.OUTPUTS))
    parser.add_argument("--workspace", type=Path, default=None, metavar="FOLDER", help=tr(helps.WORKSPACE))
    parser.add_argument("--engine", choices=("local", "ray"), default="local", help=tr(helps.ENGINE))
    parser.add_argument("--ray-address", default=None, metavar="HOST:PORT", help=tr(helps.RAY_ADDRESS))
    # the refusals in the parser's language: a value is checked as the line is parsed, after the catalogues are gone
    workers = value_check(worker_count, words.tr(batch_msg.RUN_CONTEXT, batch_msg.NOT_A_WORKER_COUNT))
    share = value_check(gpu_share, words.tr(batch_msg.RUN_CONTEXT, batch_msg.NOT_A_GPU_SHARE))
    parser.add_argument("--ray-workers", type=workers, default=None, metavar="N", help=tr(helps.RAY_WORKERS))
    parser.add_argument("--ray-gpus-per-worker", type=share, default=None, metavar="SHARE",
                        help=tr(helps.RAY_GPUS_PER_WORKER))
    parser.add_argument("--model", action="append", default=[], metavar="NAME_OR_PATH", help=tr(helps.MODEL))
    parser.add_argument("--arch", default=None, metavar="ARCH:ENCODER", help=tr(helps.ARCH))
    parser.add_argument("--device", default=None, metavar="auto|cpu|cuda|cuda:N|mps", help=tr(helps.DEVICE))
    parser.add_argument("--tiled", action="store_true", help=tr(helps.TILED))
    parser.add_argument("--cam-grade", type=int, default=None, choices=range(5), metavar="0-4",
                        help=tr(helps.CAM_GRADE))
    parser.add_argument("--oct", action="store_true", help=tr(helps.OCT))
    parser.add_argument("--probabilities", action="store_true", help=tr(helps.PROBABILITIES))
    parser.add_argument("--overwrite", action="store_true", help=tr(helps.OVERWRITE))
    parser.add_argument("--resume", action="store_true", help=tr(helps.RESUME))
    add_language_option(parser, words)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.command_words import command_words, interface_language

    with command_words(interface_language(args.lang)) as words:
        refused = _refused_under_torchrun(words)
        return _run(args, words) if refused is None else refused


def _refused_under_torchrun(words: CommandWords) -> int | None:
    """`torchrun … -m app.cli analyze`: the exit status of every process, rank 0 alone saying why, as torchrun's
    environment says it (inference.training.launch), before anything loads (torch was some 10 s and 0.7 GB a
    process); None where torchrun did not start this one."""
    from inference.training.launch import Launch

    launch = Launch.from_environment()
    if not launch.distributed:
        return None
    if not launch.is_main:
        return USAGE_ERROR
    return _fail(words, words.said(msg.CONTEXT, msg.UNDER_TORCHRUN, count=launch.world_size))


def _run(args: argparse.Namespace, words: CommandWords) -> int:
    """``run`` in the words of the interface's language: a mistake in the command line is refused before torch loads
    (some 9 s and 0.7 GB)."""
    from inference.device_names import DeviceError, device_kind
    from inference.model_card import ModelError
    from inference.output_kinds import DEFAULT_OUTPUTS, parse_outputs
    from inference.registry import ModelRegistry

    if args.out is None and args.workspace is None:
        return _fail(words, words.said(msg.CONTEXT, msg.NO_DESTINATION))
    try:
        outputs = parse_outputs((args.outputs or ",".join(DEFAULT_OUTPUTS)) +
                                (",probabilities" if args.probabilities else ""))
    except ValueError as exc:
        return _fail(words, words.shown_inference(str(exc)))
    ray_options = [option for option, value in (("--ray-address", args.ray_address),
                                                ("--ray-workers", args.ray_workers),
                                                ("--ray-gpus-per-worker", args.ray_gpus_per_worker))
                   if value is not None]
    if ray_options and args.engine != "ray":
        return _fail(words, words.said(msg.CONTEXT, msg.RAY_OPTIONS, options=join_items(ray_options, words.tr)))
    if args.cam_grade is not None and "cam" not in outputs and args.workspace is None:
        return _fail(words, words.said(msg.CONTEXT, msg.NO_HEAT_MAP))
    try:
        if args.device is not None:  # a saved device is the Settings dialog's choice
            device_kind(args.device)
        for name in args.model:  # found as assemble_models finds it; its card and weights are read when it loads
            ModelRegistry().find(name)
    except (DeviceError, ModelError) as exc:
        return _fail(words, words.shown_inference(str(exc)))
    if args.resume and args.out is not None and "json" not in outputs:
        return _fail(words, words.shown_inference(batch_msg.NEEDS_JSON))
    if args.engine == "ray":
        from inference.batch.ray_engine import RayUnavailable, import_ray

        try:
            import_ray()  # before anything is written or loaded
        except RayUnavailable as exc:
            return _fail(words, words.shown_inference(str(exc)))
    named, problems, left_out = collect_images(args.inputs, words)
    images = _once_each(named)
    for problem in problems:
        print(words.warning(problem), file=sys.stderr)
    if not images:
        return _fail(words, words.said(msg.CONTEXT, msg.NO_IMAGES))
    return _run_images(args, outputs, named, images, left_out, words)


def _run_images(args: argparse.Namespace, outputs: tuple[str, ...], named: list[Path], images: list[Path],
                left_out: list[Path], words: CommandWords) -> int:
    """The run of ``images`` (``named`` as collect_images found them, ``left_out`` among the inputs), its command
    line found sound: the destinations claimed and checked, then the analysis."""
    from annotations.case_names import case_name
    from annotations.output_folder import OutputError, OutputFolder, refuse_unwritable
    from annotations.output_names import plan_stems
    from annotations.workspace.errors import WorkspaceError
    from app.logging_setup import scan_kept_off_the_console, takeover_kept_off_the_console
    from app.opening_warnings import warn_opening
    from inference.batch.photo import PhotoTask
    from inference.batch.results import ResultWriter, WorkspaceCases
    from inference.output_kinds import output_names

    out = cases = None
    tasks: list[PhotoTask] = []
    held = contextlib.ExitStack()  # the output folder, claimed until the run ends: one writer at a time
    try:
        if args.workspace is not None:
            # a photo its scan cannot read fails its analysis, which names it with the batch's other failures
            with scan_kept_off_the_console():
                cases = WorkspaceCases.open(args.workspace, images)
            warn_opening(cases.workspace, words)  # a crash's edits it recovered: said before its cases are analysed
        sources = _sources(images, cases)
        stems, notes = plan_stems(sources, flat=True)  # over every B-scan too: no name is planned twice
        for source, stem in zip(sources, stems):
            image, folder = _named(source, cases)
            recorded = cases.recorded_modality(source) if cases is not None else None
            tasks.append(PhotoTask(source, stem, case_name(image, folder=folder), recorded))
        resume = _resume_plan(args, tasks, cases, outputs, words)
        if args.out is not None:
            # the folder of every image named, a link taken once too: images written there would become cases
            out = OutputFolder(args.out, originals=images, overwrite=args.overwrite,
                               photo_folders={path.parent for path in named})
            held.enter_context(out.claimed())
            refuse_unwritable(args.out)  # a read-only disk: now, not at the first photo's results, its models loaded
            out.allow_replacing(resume.replaceable)
            kept = resume.finished | resume.files_kept
            out.reserve(name for task in tasks if task.source not in kept for name in output_names(task.stem, outputs))
    except (OutputError, WorkspaceError) as exc:
        held.close()
        if cases is not None:
            cases.workspace.close()
        return _fail(words, _with_resume_hint(words.shown_inference(str(exc)), args, outputs, tasks, words))
    for note in notes if out is not None else ():  # names of files, none of which is written without --out
        print(words.note(words.shown(note)), file=sys.stderr)
    try:
        with takeover_kept_off_the_console():  # a workspace taken over stops the run, which says so once
            return _analyze(args, outputs, tasks, resume.finished, ResultWriter(out, cases, resume.files_kept), words,
                            inputs_left_out=bool(left_out))
    finally:
        held.close()
        if cases is not None:
            cases.workspace.close()


def _resume_plan(args: argparse.Namespace, tasks: list[PhotoTask], cases: WorkspaceCases | None,
                 outputs: tuple[str, ...], words: CommandWords) -> ResumePlan:
    """With --resume, what an earlier run finished (inference.batch.resume); else nothing, and a workspace whose
    cases hold AI results already is said to have them analysed again."""
    from inference.batch.resume import ResumePlan, resume_plan

    if args.resume:
        plan = resume_plan(tasks, args.out, cases, outputs)
        if plan.extended:
            print(words.note(words.said(msg.CONTEXT, msg.EXTENDED, count=len(plan.extended),
                                        outputs=",".join(outputs))),
                  file=sys.stderr)
        return plan
    if cases is not None:
        analysed = sum(1 for task in tasks if cases.analysed(task.source))
        if analysed:
            print(words.note(words.said(msg.CONTEXT, msg.ANALYSED_BEFORE, count=analysed, total=len(tasks),
                                   workspace=args.workspace)), file=sys.stderr)
    return ResumePlan(frozenset(), frozenset())


def _with_resume_hint(error: str, args: argparse.Namespace, outputs: tuple[str, ...], tasks: list[PhotoTask],
                      words: CommandWords) -> str:
    """``error``, refusing a run whose --out holds an earlier run's finished images, with how to go on with that
    run."""
    from inference.batch.resume import finished_in_folder

    if args.resume or args.out is None or "json" not in outputs:
        return error
    done = sum(1 for task in tasks if finished_in_folder(args.out, task))
    return words.said(msg.CONTEXT, msg.FINISHED_THERE, error=error, count=done) if done else error


def _sources(images: list[Path], cases: WorkspaceCases | None) -> list[str]:
    """What to analyse: each photo; with a workspace, each B-scan of an OCT volume, addressed as its frame (each
    stored in its own case, as the window's "Analyse all" does, and named STEM_bNNN by plan_stems, as exports name
    it)."""
    if cases is None:
        return [str(path) for path in images]
    return [source for path in images for source in cases.sources(path)]


def _named(source: str, cases: WorkspaceCases | None) -> tuple[str, str | os.PathLike]:
    """The image and folder progress names ``source`` by (annotations.case_names): its path in the workspace, whose
    case it is; else its name in the folder it was found in (an input folder, not searched into sub-folders, or a
    file's own), a volume by its shown B-scan's number (its header is read)."""
    if cases is not None:
        return cases.image_path(source), cases.workspace.folder
    folder, name = os.path.split(source)
    return name, folder


def _analyze(args: argparse.Namespace, outputs: tuple[str, ...], tasks: list[PhotoTask], finished: frozenset[str],
             writer: ResultWriter, words: CommandWords, inputs_left_out: bool = False) -> int:
    """The run once its photos and destinations are settled; ``inputs_left_out``: a file named was not found or is
    not an image (warned of): the run ends PARTLY_DONE, as where an image failed."""
    from annotations.document import Modality
    from app.progress_bar import TextProgressBar
    from app.saved_analysis import saved_analysis_settings
    from inference.analysis_models import assemble_models, no_models
    from inference.batch.local_engine import run_local
    from inference.batch.photo import BatchRecipe, task_modality
    from inference.batch.ray_shard import RunStopped
    from inference.batch.results import OutputLost
    from inference.device import DeviceError, device_kind
    from inference.model_card import ModelError
    from inference.model_plan import any_loads_models
    from inference.pipeline import PipelineOptions
    from inference.registry import ModelRegistry

    todo = [task for task in tasks if task.source not in finished]
    if finished:
        print(words.note(words.said(msg.CONTEXT, msg.SKIPPED, count=len(finished), total=len(tasks), todo=len(todo))),
              file=sys.stderr)
    if not todo:  # no model to load for nothing
        return _report(args, writer, len(tasks), len(finished), time.monotonic(), TextProgressBar("analyze"), words,
                       inputs_left_out=inputs_left_out)
    settings = saved_analysis_settings(args.device, args.model, args.arch)
    registry = ModelRegistry()
    options = PipelineOptions(tiled=args.tiled, cam_target=args.cam_grade,
                              modality=Modality.OCT if args.oct else None,
                              keep_probabilities="probabilities" in outputs,
                              store_probabilities=writer.cases is not None)  # as the window's analysis does
    recipe = BatchRecipe(settings, options, outputs if writer.out is not None else (),
                         keep_results=writer.cases is not None)
    # OCT scans alone and no OCT model (none ships): their quality check loads no model (the photos' took 15 s), here
    # nor on Ray's workers (each loaded them all: 1 GB and 30 s before its first scan)
    loads = any_loads_models((task_modality(recipe, task) for task in todo), settings, registry)
    if not loads:  # analysed as the OCT scans they were found to be, whatever their full pixels would say
        recipe = replace(recipe, options=replace(options, modality=Modality.OCT), loads_models=False)
    else:
        print(words.said(msg.CONTEXT, msg.LOADING), file=sys.stderr, flush=True)  # 5-20 s before the first image
    bar = TextProgressBar("analyze", said=words.analysis_progress)
    try:
        if args.engine == "ray":  # the workers' device, on their machines: this one may have no GPU
            device_kind(settings.device)
        here = settings if args.engine == "local" else replace(settings, device="cpu")
        # with Ray too: a bad model is refused here, once
        assembled = assemble_models(here, registry) if loads else no_models(here)
    except (DeviceError, ModelError) as exc:
        return _fail(words, words.shown_inference(str(exc)))
    except KeyboardInterrupt:  # Ctrl+C, SIGTERM or SIGHUP (app.cli): the summary says nothing was analysed
        _report(args, writer, len(tasks), len(finished), time.monotonic(), bar, words, stopped=True)
        raise
    models, device = assembled.models, assembled.device
    if not loads:
        print(words.said(msg.CONTEXT, msg.OCT_ONLY), file=sys.stderr)
    elif models.is_empty:
        searched = join_items((str(folder) for folder in registry.dirs), words.tr)
        print(words.said(msg.CONTEXT, msg.NO_MODEL, folders=searched), file=sys.stderr)
    else:
        used = join_items((words.said(msg.CONTEXT, msg.MODEL_FOR_TASK, name=m.card.name,
                                      task=words.task_name(m.card.task)) for m in models.all()),
                          words.tr)
        where = device if args.engine == "local" else words.said(msg.CONTEXT, msg.EACH_RAY_WORKER)
        print(words.said(msg.CONTEXT, msg.MODELS, models=used, device=where), file=sys.stderr)
    if loads and args.cam_grade is not None and models.get("dr-grade") is None:
        print(words.warning(words.said(msg.CONTEXT, msg.NO_GRADE_MODEL)), file=sys.stderr)
    untiled = _untiled(models, words) if args.tiled else []
    if untiled:
        print(words.warning(words.said(msg.CONTEXT, msg.UNTILED, networks=join_clauses(untiled, words.tr))),
              file=sys.stderr)
    fundus_cases = sum(1 for task in todo if task.modality is Modality.FUNDUS) if args.oct else 0  # not skipped
    if fundus_cases:
        print(words.note(words.said(msg.CONTEXT, msg.FUNDUS_CASES, count=fundus_cases)), file=sys.stderr)
    started = time.monotonic()
    try:
        if args.engine == "ray":
            code = _run_on_ray(todo, recipe, writer, bar, args, words)
            if code:
                _stopped(writer)
                return code
        else:
            run_local(todo, recipe, models, device, writer.accept, bar)
    except KeyboardInterrupt:
        _stopped(writer)
        _report(args, writer, len(tasks), len(finished), started, bar, words, stopped=True)
        raise
    except (RunStopped, OutputLost) as exc:  # every Ray worker, the cluster, or the disk of --out or the workspace
        # lost: what was done is kept, --resume goes on
        _stopped(writer)
        _report(args, writer, len(tasks), len(finished), started, bar, words, stopped=True,
                why=words.shown_inference(str(exc)))
        return USAGE_ERROR
    return _report(args, writer, len(tasks), len(finished), started, bar, words, inputs_left_out=inputs_left_out)


def _stopped(writer: ResultWriter) -> None:
    """The run stops before its end: --out stays marked unfinished (an import of it, the next run into it say so)."""
    if writer.out is not None:
        writer.out.stop()


def _report(args: argparse.Namespace, writer: ResultWriter, total: int, skipped: int, started: float,
            bar: TextProgressBar, words: CommandWords, stopped: bool = False, why: str | None = None,
            inputs_left_out: bool = False) -> int:
    """Each failure, then why the run stopped (``why``, in the interface's language already) and the summary
    (inference.batch.summary); the exit status: 1 when an image failed or a file named was left out (not found, or
    not an image)."""
    from inference.batch.summary import BatchCounts, batch_summary

    bar.finish()
    for failure in writer.failures:
        print(words.error(words.shown_inference(failure)), file=sys.stderr)
    for note in writer.out.notes() if writer.out is not None else ():  # an earlier output edited since, kept aside
        print(words.warning(words.shown(note)), file=sys.stderr)
    if why is not None:
        print(words.error(why), file=sys.stderr)
    first, last = writer.first_result_at, writer.last_result_at
    counts = BatchCounts(total, writer.analysed, writer.failed, skipped, time.monotonic() - started,
                         None if first is None else first - started, None if last is None else last - started,
                         writer.out.files_written if writer.out is not None else None,
                         writer.stored if writer.cases is not None else None)
    print(batch_summary(counts, str(args.out), str(args.workspace), stopped, words.tr),
          file=sys.stderr if stopped else sys.stdout)
    return PARTLY_DONE if writer.failures or inputs_left_out else DONE


def _untiled(models: ModelSet, words: CommandWords) -> list[str]:
    """What --tiled runs on maps unlike those it was trained or tuned on: the lesion model and its member networks
    (``members``) not trained tiled (`train seg --tiled`), and a candidates model averaging with their map (`train
    candidates --blend-with` chooses its threshold on the untiled map)."""
    from inference.lesion_sources import candidates_draw

    lesion = models.get("lesion-segmentation")
    if lesion is None:
        return []
    networks = [(lesion.card.name, lesion.card),
                *((words.said(msg.CONTEXT, msg.MEMBER, model=lesion.card.name, member=name), member.card)
                  for name, member in lesion.members.items())]
    said = [words.said(msg.CONTEXT, msg.TRAINED_AT, name=name, size=card.input_size[1]) for name, card in networks
            if not card.trained_tiled]
    return said + [words.said(msg.CONTEXT, msg.BLENDED, name=model.card.name)
                   for model in models.all() if model.card.blend_with and candidates_draw(model.card, lesion.card)]


def _run_on_ray(tasks: list[PhotoTask], recipe: BatchRecipe, writer: ResultWriter, bar: TextProgressBar,
                args: argparse.Namespace, words: CommandWords) -> int:
    """The batch on the Ray cluster (inference.batch.ray_driver); its lines said below the progress bar. Raises
    RunStopped where the workers or the cluster were lost on the way."""
    from inference.batch.ray_driver import RayFailed, run_on_ray

    def say(line: str) -> None:
        bar.finish()
        print(words.shown_inference(line), file=sys.stderr, flush=True)

    try:
        run_on_ray(tasks, recipe, writer.accept, bar, args.ray_address, args.ray_workers, log=say,
                   gpus_per_worker=args.ray_gpus_per_worker)
    except (RayFailed, ConnectionError, ValueError) as exc:  # ValueError: GPUs the cluster lacks
        return _fail(words, words.said(msg.CONTEXT, msg.RAY_FAILED, error=words.shown_inference(str(exc))))
    return DONE


def _fail(words: CommandWords, message: str) -> int:
    """Say why the run stops (``message``, in the interface's language already); the exit status."""
    print(words.error(message), file=sys.stderr)
    return USAGE_ERROR


def collect_images(inputs: list[Path], words: CommandWords) -> tuple[list[Path], list[str], list[Path]]:
    """The images ``inputs`` name, in order and as often as named (_once_each takes each file once), the problems
    met, in ``words``, and the inputs left out (among the problems): not found, or a file named that is not an image
    (a folder's other files are not inputs: its images are)."""
    # hidden files and label images left out, as the window's scan leaves them (a Mac's ._IMG_0001.jpg is no photo,
    # nor IDRiD_01_MA.tif beside IDRiD_01.jpg, nor labels/IDRiD_01_MA.png named with images/: photo_sorter)
    listed = {item: _images_in(item) for item in inputs if item.is_dir()}
    modes = PhotoModes()  # each header of a file named as a mask read once, however many sortings need it
    found = {folder: sorted(folder / name for name in names)
             for folder, names in photos_in(listed, modes=modes).items()}
    named = {os.path.realpath(path) for paths in found.values() for path in paths} | \
        {os.path.realpath(item) for item in inputs if item.is_file()}  # a sub-folder named too is analysed
    images: list[Path] = []
    problems: list[str] = []
    left_out: list[Path] = []
    label_files: dict[tuple[Path, tuple[Path, ...]], list[Path]] = {}  # (folder, its photos' folders) -> named there
    for item in inputs:
        if item in found:
            photo_folders = _photo_folders_beside(item, listed[item], modes) if found[item] else []
            if photo_folders:  # `analyze DATA/masks`: DATA/images' masks, not photos
                problems.append(words.said(msg.CONTEXT, msg.MASKS_OF_PHOTOS, folder=item,
                                           photos=join_items((str(path) for path in photo_folders), words.tr)))
                left_out.append(item)
            elif not found[item]:
                said = msg.LABELS_ONLY if listed[item] else msg.NO_IMAGES_IN_FOLDER
                problems.append(words.said(msg.CONTEXT, said, folder=item, count=len(listed[item])))
            problems.extend(_nested_images(item, named, words, modes))
            images.extend([] if photo_folders else found[item])
        elif item.is_file() and is_image_file(item):
            # only a file named as a mask, or in a folder named for a class, may be in a folder of labels
            # (photo_sorter): no other's folder is listed
            photo_folders = _photo_folders_beside(item.parent, _images_in(item.parent), modes, item.name) \
                if class_mask_parts(item.name) is not None or folder_class(item.parent.absolute())[0] else []
            if photo_folders:
                label_files.setdefault((item.parent, tuple(photo_folders)), []).append(item)
                left_out.append(item)
            else:
                images.append(item)
        elif item.is_file():
            problems.append(words.said(msg.CONTEXT, msg.NOT_AN_IMAGE, path=item))
            left_out.append(item)
        else:
            problems.append(words.said(msg.CONTEXT, msg.NOT_FOUND, path=item))
            left_out.append(item)
    for (folder, photo_folders), files in label_files.items():
        problems.append(words.said(msg.CONTEXT, msg.MASK_FILES_OF_PHOTOS, folder=folder, count=len(files),
                                   files=join_names([path.name for path in files], NAMES_SHOWN, words.tr),
                                   photos=join_items((str(path) for path in photo_folders), words.tr)))
    return images, problems, left_out


def _images_in(folder: Path) -> list[str]:
    return [path.name for path in folder.iterdir()
            if not path.name.startswith(".") and path.is_file() and is_case_image(path)]


def _photo_folders_beside(folder: Path, names: list[str], modes: PhotoModes, named: str | None = None) -> list[Path]:
    """The folders beside ``folder``, or the one above it, holding the photos its images (``names``) are all label
    files of, as the window's scan of the folder above sorts them (photo_sorter); for a folder named for its class,
    the scan of the folder a level up too (DDR's ``label/EX/`` of ``image/``). None for a folder of photos, whose
    neighbours stay unlisted. ``modes``: the headers read so far (photo_sorter.photos_in); ``named``: the one of
    ``names`` named (photo_sorter.photo_folders_of looks at it first)."""
    parent = _above(folder)
    for top in (parent, _above(parent))[:2 if folder_class(folder.absolute())[0] else 1]:
        inside = Path(os.path.relpath(os.path.abspath(folder), os.path.abspath(top)))  # as that scan names it
        if is_label_folder(inside, names):
            found = photo_folders_of(inside, names, _images_beside(top, folder), top, modes, [named] if named else [])
            if found:
                return [top / place for place in found]
    return []


def _above(folder: Path) -> Path:
    """The folder holding ``folder``, spelled as it was named where it can be (``.`` and ``..`` have no name)."""
    return folder.parent if folder.name not in ("", "..") else Path(os.path.abspath(folder)).parent


def _images_beside(top: Path, folder: Path) -> dict[Path, list[str]]:
    """The images of ``top`` and of each of its sub-folders but ``folder``, by their paths relative to ``top``: what
    the scan of ``top`` lists beside ``folder`` (output and hidden folders are not looked into)."""
    from annotations.workspace.scan import skipped_folder

    beside: dict[Path, list[str]] = {}
    try:
        beside[Path(".")] = _images_in(top)  # eye.jpg with its masks/ in one folder
        others = sorted(path for path in top.iterdir() if path.is_dir() and not skipped_folder(path))
    except OSError:
        return {}
    for other in others:
        try:
            if not os.path.samefile(other, folder):
                beside[Path(other.name)] = _images_in(other)
        except OSError:  # a folder beside that cannot be read holds no photos for this one
            continue
    return beside


def _nested_images(folder: Path, named: set[str], words: CommandWords, modes: PhotoModes) -> list[str]:
    """What a folder's sub-folders hold that is left out: the images the window lists there as cases (output folders
    and hidden ones are not looked into, as there), but those among the images ``named`` (resolved paths); those of a
    sub-folder of masks of the photos beside ``folder`` (DDR's ``label/EX/`` of ``image/``), which a scan of ``folder``
    alone takes for photos, said as such. ``modes``: the headers read so far (photo_sorter.photos_in)."""
    from annotations.workspace.scan import scan_images

    nested = [path for path in scan_images(folder, modes.within(folder))
              if "/" in path and os.path.realpath(folder / path) not in named]
    in_folder: dict[str, list[str]] = {}
    for path in nested:
        in_folder.setdefault(os.path.dirname(path), []).append(path)
    masks: dict[tuple[Path, ...], list[str]] = {}  # the photos' folders -> the sub-folders holding their masks
    for sub in in_folder:
        photo_folders = _photo_folders_beside(folder / sub, _images_in(folder / sub), modes)
        if photo_folders:
            masks.setdefault(tuple(photo_folders), []).append(sub)
    said = [words.said(msg.CONTEXT, msg.MASKS_IN_SUB_FOLDERS, folder=folder,
                       count=sum(len(in_folder[sub]) for sub in subs), names=join_names(subs, 3, words.tr),
                       photos=join_items((str(path) for path in photo_folders), words.tr))
            for photo_folders, subs in masks.items()]
    of_masks = {sub for subs in masks.values() for sub in subs}
    others = [path for path in nested if os.path.dirname(path) not in of_masks]
    if others:
        said.insert(0, words.said(msg.CONTEXT, msg.IN_SUB_FOLDERS, folder=folder, count=len(others),
                                  names=join_names(others, 3, words.tr)))
    return said


def _once_each(images: list[Path]) -> list[Path]:
    """``images`` without a file already among them (by resolved path, as the workspace's cases are matched), as
    first named: a file named twice (its folder and itself, or through a link) is analysed once and has one set of
    outputs, not a second under a ``_2`` name."""
    seen: set[str] = set()
    kept: list[Path] = []
    for path in images:
        resolved = os.path.realpath(path)
        if resolved not in seen:
            seen.add(resolved)
            kept.append(path)
    return kept
