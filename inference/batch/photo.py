"""One photo's share of a batch: what a worker is given (PhotoTask, BatchRecipe) and what it hands back to the
writer (PhotoReport: encoded files and, for a workspace, the AI result)."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from annotations.case_names import case_name
from annotations.document import AIResult, Modality
from annotations.frames import split_frame
from annotations.modality import file_modality
from inference.analysis_settings import AnalysisSettings
from inference.batch import messages as msg
from inference.outputs import encode_outputs
from inference.pipeline import AnalysisOutcome, PipelineOptions


@dataclass(frozen=True)
class PhotoTask:
    source: str  # the photo's path as given: results and errors name it so, whichever machine analysed it
    stem: str  # the output files' stem (annotations.output_names.plan_stems)
    name: str  # how progress names it: the case's name (annotations.case_names), in English as the command line speaks
    # the modality recorded with the workspace case it is stored in (annotations.saved_modality), which its result
    # must fit; None: the recipe's options decide (--oct, else its name and pixels), as for a case never saved
    modality: Modality | None = None


@dataclass(frozen=True)
class BatchRecipe:
    """Everything a worker needs to analyse any photo of the batch the way the command line asked."""
    settings: AnalysisSettings
    options: PipelineOptions
    outputs: tuple[str, ...]  # inference.outputs kinds to encode; () when only a workspace takes the results
    keep_results: bool = False  # hand the AIResult (with its mask and heat map) back for a workspace
    # the settings' models are loaded; False: OCT scans alone, whose analysis runs none (model_plan.any_loads_models)
    loads_models: bool = True


def task_options(recipe: BatchRecipe, task: PhotoTask) -> PipelineOptions:
    """What ``task`` is analysed with, on any engine: the recipe's options, as the modality its case records."""
    return recipe.options if task.modality is None else replace(recipe.options, modality=task.modality)


def task_modality(recipe: BatchRecipe, task: PhotoTask) -> Modality:
    """What ``task`` is analysed as, told before it is decoded for its analysis: its case's recorded modality, else
    the recipe's (--oct), else what its file says (its header or name, else its pixels decoded reduced), as the
    pipeline decides from its name and pixels."""
    return task_options(recipe, task).modality or file_modality(task.source)


@dataclass
class PhotoReport:
    source: str
    error: str | None = None  # names the photo
    files: list[tuple[str, bytes]] = field(default_factory=list)  # (output name, contents), the JSON last
    result: AIResult | None = None  # when the recipe keeps results


def report_for(outcome: AnalysisOutcome, task: PhotoTask, recipe: BatchRecipe) -> PhotoReport:
    """Encode ``outcome``'s outputs; an analysis or encoding error becomes the report's error."""
    if outcome.error or outcome.result is None or outcome.image is None:
        return PhotoReport(task.source, error=named_error(task.source, outcome.error or msg.NO_RESULT))
    try:
        files = encode_outputs(outcome, outcome.image, task.stem, recipe.outputs) if recipe.outputs else []
    except (OSError, ValueError) as exc:
        return PhotoReport(task.source, error=named_error(task.source, msg.CANNOT_ENCODE.format(error=exc)))
    return PhotoReport(task.source, files=files, result=outcome.result if recipe.keep_results else None)


def source_name(source: str) -> str:
    """How the batch's messages name ``source``: a photo by its path as given, a B-scan by its volume's path as
    given and its number (annotations.case_names: ``'/p/vol.dcm', B-scan 3``), never by its address."""
    return source if split_frame(source)[1] is None else case_name(source)


def named_error(source: str, error: str) -> str:
    """``error`` after the name of ``source``, once: a file's error names its file already (a volume's, for a
    B-scan: that name gives way to the B-scan's)."""
    file, number = split_frame(source)
    if number is None:
        return error if error.startswith(source) else msg.PHOTO_FAILED.format(image=source, reason=error)
    return msg.PHOTO_FAILED.format(image=source_name(source),
                                   reason=error.removeprefix(f"{source}: ").removeprefix(f"{file}: "))
