"""The analysis of one image or a batch: field of view, quality, lesions, optic disc, findings, grade, Grad-CAM.

``analyze(images, models, state)`` is the Orange3-style entry point shared by the GUI, the command line and the
tests: progress and cancellation are checked between images and between stages. With no learned models it still
reports quality and field of view, and proposes lesion candidates with the classical detector.
"""
from __future__ import annotations

import logging
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, NamedTuple, Sequence

import numpy as np
import torch

from annotations.classes import LesionClass, is_referable
from annotations.document import AIResult, Modality
from annotations.findings import BLENDED_SOURCE, CLASSICAL_SOURCE, GATED_SOURCE, FieldOfViewFindings, Findings
from annotations.image_io import (ImageLoadError, MeasuredImage, load_image, load_image_with_header, read_image_info,
                                  tiff_pages)
from annotations.modality import guess_modality
from annotations.pixel_spacing import PixelSpacing, photo_mm_per_px
from annotations.probability_maps import compact_cam, probability_levels
from annotations.progress import (Cancelled, NullState, QuietState, SubState, TaskState, check_cancelled,
                                  until_cancelled)
from inference import messages as msg
from inference.anatomy import DISC_TO_FOV_RADIUS
from inference.candidate_blend import blend_partner, blended, partner_boxed, partner_probability
from inference.classical import MASK_THRESHOLD as CLASSICAL_THRESHOLD
from inference.classical import detect_lesions
from inference.classical.optic_disc import find_optic_disc
from inference.classical.working import make_working_copy
from inference.classification import ClassificationResult, classify_prepared
from inference.device import (configure_cpu_threads, is_memory_shortage, is_out_of_memory, release_accelerator_memory,
                              resolve_device)
from inference.findings import icdr_grade_from_findings, lesion_findings, mm_per_pixel
from inference.large_images import ANALYSIS_MAX_PIXELS, restore_full_size, shrink_for_budget
from inference.lesion_candidates.detector import CandidateLesions, find_candidate_lesions
from inference.lesion_candidates.green_pyramid import resolution_supported
from inference.lesion_candidates.region_painting import CandidateRegions
from inference.lesion_sources import candidate_class, candidates_draw, lesion_sources
from inference.loading import LoadedModel, ModelSet
from inference.model_card import CANDIDATE_TASKS, ModelCard, ModelError
from inference.preprocess import FieldOfView, Prepared, Reductions, find_fov, prepare, whole_image_fov
from inference.quality import assess_oct_quality, assess_quality
from inference.segmentation import SegmentationResult, gate_by_model, region_centre, segment
from inference.stored_maps import AveragedMaps, BoxedMap

if TYPE_CHECKING:
    from annotations.dicom.reader import DicomHeader

log = logging.getLogger(__name__)

# The progress bar's share of the two stages that report their own progress: each ends where the next stage starts.
SEGMENTATION_SHARE = (0.08, 0.3)
LESIONS_SHARE = (0.32, 0.48)  # the classical detector, where it runs
CLASSICAL_DETECTOR = {"name": CLASSICAL_SOURCE, "version": "1", "sha256": "", "task": "lesion-segmentation"}


@dataclass
class PipelineOptions:
    tiled: bool = False  # sliding-window segmentation at higher resolution (slower, finer lesions)
    cam_target: int | None = None  # DR grade the heat map explains; None: the predicted grade
    modality: Modality | None = Modality.FUNDUS  # None: decide per image, from its name and pixels
    keep_probabilities: bool = False  # AnalysisOutcome.probabilities: the maps the shown masks are thresholded from
    store_probabilities: bool = False  # AIResult.probabilities: the same maps reduced, kept with a case
    max_pixels: int = ANALYSIS_MAX_PIXELS  # larger images are analysed reduced (inference.large_images)


class DiscPlace(NamedTuple):
    """Where the optic disc is, in image pixels. ``measured``: its radius is the outline's a disc model drew; else it
    is the disc's usual share of the field of view (anatomy.DISC_TO_FOV_RADIUS), which is no scale of its own."""
    x: float
    y: float
    radius: float
    measured: bool


@dataclass
class LearnedDisc:
    bits: np.ndarray  # uint8 mask, OD bit only, image size
    place: DiscPlace


@dataclass
class AnalysisOutcome:
    source: str  # file path, or "image N" for arrays
    result: AIResult | None
    error: str | None = None
    # the machine's memory ran out (``error`` is NOT_ENOUGH_MEMORY), not the image's fault: the exception, its
    # traceback logged and dropped (kept, it would hold its frames' arrays while the batch goes on)
    memory_shortage: BaseException | None = None
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage, plus "total"
    warnings: list[str] = field(default_factory=list)
    image: np.ndarray | None = None  # the decoded RGB image, so writers need not decode it again
    # class name -> uint8 map of the image's size, round(255 x probability) of the source that drew the class
    probabilities: dict[str, np.ndarray] = field(default_factory=dict)


def analyze(images: Sequence[Path | str | np.ndarray | MeasuredImage], models: ModelSet | None,
            state: TaskState | None = None, device: str | torch.device = "auto", options: PipelineOptions | None = None,
            on_result: Callable[[AnalysisOutcome], None] | None = None, keep_images: bool = False,
            ) -> list[AnalysisOutcome]:
    """Analyse each image in turn; a bad image gives an outcome with ``error`` and the batch goes on. An image is a
    file, decoded pixels, or decoded pixels with the pixel size their file records (a calibrated photo's scale).

    Raises Cancelled when ``state`` asks to stop (outcomes finished so far were already passed to ``on_result``).
    A CUDA out-of-memory error moves the models to the CPU for the rest of the job, with a warning.
    """
    state = state or NullState()
    models = models or ModelSet()
    options = options or PipelineOptions()
    target = prepare_device(device, models)
    outcomes: list[AnalysisOutcome] = []
    for index, item in enumerate(images):
        check_cancelled(state)
        stage_state = SubState(state, index / len(images), (index + 1) / len(images))
        loaded = load_for_analysis(item, index, options, stage_state)
        outcome, target = analyze_loaded(loaded, models, stage_state, target, options, keep_images)
        outcomes.append(outcome)
        if on_result is not None:
            on_result(outcome)
    state.progress(1.0, "done")
    return outcomes


@dataclass
class LoadedImage:
    """One batch item decoded for analysis (or the error that stopped its decoding), so that decoding the next
    photo can overlap the analysis of this one."""
    item: Path | str | np.ndarray | MeasuredImage
    source: str  # file path, or "image N" for arrays
    image: np.ndarray | None
    full_shape: tuple[int, int] | None  # the file's size; larger than ``image`` when it was decoded reduced
    seconds: float
    error: Exception | None = None
    spacing: PixelSpacing | None = None  # the size of a pixel of ``full_shape`` as the file records it
    header: DicomHeader | None = None  # a DICOM file's, as its frame was decoded by: what it is is read from it


def load_for_analysis(item: Path | str | np.ndarray | MeasuredImage, index: int, options: PipelineOptions,
                      state: TaskState | None = None) -> LoadedImage:
    """Decode one batch item as analyze() does (a huge file reduced to ``options.max_pixels``), with the pixel size
    its file records; errors are kept."""
    decoded = isinstance(item, (np.ndarray, MeasuredImage))
    source = f"image {index + 1}" if decoded else str(item)
    (state or NullState()).progress(0.0, f"{Path(source).name}: loading")
    started = time.perf_counter()
    try:
        if decoded:
            pixels, spacing = item if isinstance(item, MeasuredImage) else (item, None)
            return LoadedImage(item, source, pixels, pixels.shape[:2], time.perf_counter() - started, spacing=spacing)
        # a huge photo is decoded reduced; a DICOM frame whole, its header read once (a round trip on a share) for
        # its pixels, size and modality
        (image, spacing), header = load_image_with_header(item, max_pixels=options.max_pixels)
        if header is None:
            info = read_image_info(item)
            full_shape = info.height, info.width
        else:
            full_shape = image.shape[:2]
        return LoadedImage(item, source, image, full_shape, time.perf_counter() - started, spacing=spacing,
                           header=header)
    except Exception as exc:  # noqa: BLE001 - reported by analyze_loaded as this image's error
        return LoadedImage(item, source, None, None, time.perf_counter() - started, exc)


def analyze_loaded(loaded: LoadedImage, models: ModelSet, state: TaskState, target: torch.device,
                   options: PipelineOptions, keep_images: bool = False) -> tuple[AnalysisOutcome, torch.device]:
    """The outcome for one decoded item, and the device later items run on (the CPU after running out of GPU
    memory). Raises Cancelled; any other error becomes the outcome's ``error``."""
    source = loaded.source
    outcome = AnalysisOutcome(source, None)
    started = time.perf_counter() - loaded.seconds
    try:
        if loaded.error is not None:
            raise loaded.error
        image, full_shape = loaded.image, loaded.full_shape
        outcome.timings["load"] = loaded.seconds
        decided = options if options.modality else replace(options, modality=guess_modality(source, image,
                                                                                             loaded.header))
        if not isinstance(loaded.item, (np.ndarray, MeasuredImage)):
            outcome.warnings += file_notes(loaded.item)
        outcome.result, target = _analyze_with_fallback(image, models, state, target, decided, outcome, full_shape,
                                                        loaded.spacing)
        if keep_images:
            outcome.image = image if image.shape[:2] == full_shape else load_image(loaded.item)
    except Cancelled:
        raise
    except (ImageLoadError, ModelError, ValueError, RuntimeError, OSError, MemoryError) as exc:
        outcome.error = image_failure(source, exc)
        if is_memory_shortage(exc):
            outcome.memory_shortage = exc.with_traceback(None)
    except Exception as exc:  # noqa: BLE001 - a defect met by one image fails that image, not the batch
        outcome.error = msg.INTERNAL_ERROR.format(error=f"{type(exc).__name__}: {exc}")
        log.exception("%s: analysis failed", source)
    outcome.timings["total"] = time.perf_counter() - started
    return outcome, target


def file_notes(source: Path | str) -> list[str]:
    """What the analysis of a file's picture says of the file beyond it: a multi-page TIFF's pages not analysed (one
    that is no volume: a volume's pages are B-scans, each analysed as a case of its own)."""
    pages = tiff_pages(source)
    return [msg.FIRST_PAGE_ANALYSED.format(pages=pages)] if pages > 1 else []


def image_failure(source: str, exc: BaseException) -> str:
    """The error of an image ``source`` that ``exc`` stopped: the machine short of memory is NOT_ENOUGH_MEMORY,
    neither the image's fault nor a defect to report (the error's type and traceback go to the log: a bug asking for
    an absurd allocation reads the same), else the error's text, or its type when it has none. Whoever receives it
    says it (the window's status bar and log, a batch's list of failures): logged here too, even at debug level
    (-v), it named the photo twice."""
    if is_memory_shortage(exc):
        log.warning("%s: short of memory (%s: %s)", source, type(exc).__name__, exc, exc_info=exc)
        return msg.NOT_ENOUGH_MEMORY
    return str(exc) or type(exc).__name__


def analyze_image(image_rgb: np.ndarray, models: ModelSet | None, state: TaskState | None = None,
                  device: str | torch.device = "auto", options: PipelineOptions | None = None,
                  spacing: PixelSpacing | None = None) -> AIResult:
    """One decoded image, whose file records ``spacing`` if it records a pixel size; errors are raised (ModelError,
    ValueError, RuntimeError), Cancelled on cancel."""
    models = models or ModelSet()
    target = prepare_device(device, models)
    outcome = AnalysisOutcome("image", None)
    options = options or PipelineOptions()
    if options.modality is None:
        options = replace(options, modality=guess_modality(outcome.source, image_rgb))
    result, _ = _analyze_with_fallback(image_rgb, models, state or NullState(), target, options, outcome,
                                       spacing=spacing)
    return result


def trained_on_filled_boxes(card: ModelCard) -> bool:
    """The card's training run filled VOC boxes as masks (``train --box-mode fill``)."""
    return (card.training.get("hyper_parameters") or {}).get("box_mode") == "fill"


def prepare_device(device: str | torch.device, models: ModelSet) -> torch.device:
    """The device ``models`` now sit on (CPU threads set to the cores allowed when it is the CPU)."""
    target = device if isinstance(device, torch.device) else resolve_device(device)
    if target.type == "cpu":
        configure_cpu_threads()
    models.to(target)
    return target


def _analyze_with_fallback(image: np.ndarray, models: ModelSet, state: TaskState, device: torch.device,
                           options: PipelineOptions, outcome: AnalysisOutcome,
                           full_shape: tuple[int, int] | None = None, spacing: PixelSpacing | None = None,
                           ) -> tuple[AIResult, torch.device]:
    """The analysis of ``image`` (of an image of ``full_shape``, when it was decoded reduced), within the memory
    budget: a larger image is analysed reduced and the result scaled back to the full size. A photo whose file
    records ``spacing``, the size of a pixel of ``full_shape``, is measured by it where photo_mm_per_px takes it."""
    full_shape = full_shape or image.shape[:2]
    work = shrink_for_budget(image, options.max_pixels)
    recorded = photo_mm_per_px(spacing)
    if recorded is not None:  # in the analysed image's pixels: restore_full_size brings it back with the rest
        recorded *= full_shape[1] / work.shape[1]
    result, device = _run_with_fallback(work, models, state, device, options, outcome, recorded)
    if work.shape[:2] != tuple(full_shape):
        restore_full_size(result, outcome.probabilities, work.shape[:2], full_shape)
        outcome.warnings.append(msg.ANALYSED_REDUCED.format(
            width=full_shape[1], height=full_shape[0], limit=f"{options.max_pixels / 1e6:.0f}",
            work_width=work.shape[1], work_height=work.shape[0]))
    if result.cam is not None:  # kept as it is stored: a ninth of a 12 MP photo's pixels, 8-bit levels
        result.cam = compact_cam(result.cam)
    result.warnings = list(outcome.warnings)
    result.device = str(device)
    return result, device


def _run_with_fallback(image: np.ndarray, models: ModelSet, state: TaskState, device: torch.device,
                       options: PipelineOptions, outcome: AnalysisOutcome,
                       recorded_mm_per_px: float | None = None) -> tuple[AIResult, torch.device]:
    try:
        return _ImageRun(image, models, state, options, outcome, recorded_mm_per_px).run(), device
    except RuntimeError as exc:
        if device.type == "cpu" or not is_out_of_memory(exc):
            raise
    message = msg.OUT_OF_MEMORY.format(device=device.type.upper())
    log.warning(message)
    outcome.warnings.append(message)
    cpu = torch.device("cpu")
    models.to(cpu)
    release_accelerator_memory()
    configure_cpu_threads()
    return _ImageRun(image, models, state, options, outcome, recorded_mm_per_px).run(), cpu


def _referred_by(signs: bool | None, by_grade: bool, grade_rule: str) -> str:
    """What referred (Findings.referable_source): the grade rule alone without a DR signs classifier; with one, the
    classifier, the grade or both, whichever said so ("decided by" the rule "classifier or grade" read as if the
    classifier had referred a photo it found no signs in), and that rule where neither referred."""
    if signs is None:
        return grade_rule
    if signs and by_grade:
        return f"DR signs classifier and {grade_rule}"
    if signs or by_grade:
        return "DR signs classifier" if signs else grade_rule
    return f"DR signs classifier or {grade_rule}"


class _ImageRun:
    """The stages for one image; each is timed, and cancellation is checked before each."""

    def __init__(self, image: np.ndarray, models: ModelSet, state: TaskState, options: PipelineOptions,
                 outcome: AnalysisOutcome, recorded_mm_per_px: float | None = None) -> None:
        self.image, self.models, self.state, self.options = image, models, state, options
        self.recorded_mm_per_px = recorded_mm_per_px  # a calibrated photo's scale, in ``image``'s pixels
        self.outcome, self.timings = outcome, outcome.timings
        self.result = AIResult(created_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                               modality=options.modality.value if options.modality else "")
        self._prepared: dict[str, Prepared] = {}
        self._reductions = Reductions(image)  # every model's input is shrunk from the photo once, not per model
        self.sources: dict[str, str] = {}  # class name -> what drew it
        self.findings = Findings()  # the fundus stages fill it; an OCT scan has none
        # work that needs no lesion model's output runs on a second thread beside the lesion networks: single-thread
        # code (the candidates' finding) and a second network use the cores better than one network's layers split
        # over them (a 12 MP analysis on 2 cores: see docs/models.md, "Speed")
        self._beside = ThreadPoolExecutor(1, thread_name_prefix="analysis-beside")
        self._found: dict[str, Future[CandidateLesions | CandidateRegions]] = {}

    def run(self) -> AIResult:
        try:
            return self._run_oct() if self.options.modality is Modality.OCT else self._run_fundus()
        finally:
            self._beside.shutdown(cancel_futures=True)

    def _run_fundus(self) -> AIResult:
        fov = self._stage("fov", 0.02, "finding the field of view", find_fov, self.image)
        self.result.quality = self._stage("quality", 0.05, "checking image quality", self._quality, fov)
        self._start_beside(fov)
        segmented = self._stage("segmentation", SEGMENTATION_SHARE[0], "segmenting lesions", self._segment_lesions,
                                fov)
        learned_disc = self._stage("optic_disc", SEGMENTATION_SHARE[1], "locating the optic disc", self._learned_disc,
                                   fov, segmented)
        candidates = self._drawing_candidates(fov, segmented)
        bits, od = self._stage("lesions", LESIONS_SHARE[0], "finding lesions", self._lesions, fov, segmented,
                               learned_disc, {candidate_class(model.card) for model in candidates})
        self._stage("lesion_candidates", LESIONS_SHARE[1], "rescoring lesion candidates", self._candidate_lesions,
                    fov, bits, segmented, candidates)
        if segmented is not None:  # the members' own maps serve the candidates' means only (57 MB at 12 MP)
            segmented.members.clear()
        od = self._stage("disc_place", 0.5, "placing the optic disc", self._place_disc, fov, bits, od, learned_disc)
        self.result.mask = bits
        self.result.findings = self.findings = self._stage("findings", 0.6, "measuring findings", self._findings,
                                                           bits, od, fov)
        self._stage("dr_grade", 0.7, "grading", self._grade, fov)
        self._stage("lesions_present", 0.85, "lesions present", self._lesions_present, fov)
        self._stage("referable", 0.95, "referable DR", self._referable, fov)
        self.state.progress(1.0, "done")
        return self.result

    def _run_oct(self) -> AIResult:
        """A B-scan has no circular field of view: quality is brightness and blur only, the classifier sees every
        pixel."""
        self.result.quality = self._stage("quality", 0.05, "checking scan quality", assess_oct_quality, self.image)
        whole = whole_image_fov(self.image.shape[1], self.image.shape[0])
        self._stage("oct", 0.5, "classifying the OCT scan", self._oct, whole)
        self.state.progress(1.0, "done")
        return self.result

    def _stage(self, name: str, fraction: float, message: str, function: Callable[..., Any], *args: Any) -> Any:
        check_cancelled(self.state)
        self.state.progress(fraction, message)
        started = time.perf_counter()
        value = function(*args)
        self.timings[name] = time.perf_counter() - started
        return value

    def _use(self, model: LoadedModel) -> None:
        self.result.models.append(model.card.summary())

    def _quality(self, fov: FieldOfView) -> dict[str, Any]:
        return dict(assess_quality(self.image, fov))

    def _segment_lesions(self, fov: FieldOfView) -> SegmentationResult | None:
        model = self.models.get("lesion-segmentation")
        if model is None:
            return None
        self._use(model)
        return segment(model, self.image, fov, self.options.tiled, SubState(self.state, *SEGMENTATION_SHARE),
                       self._reductions, self._beside)

    def _lesions(self, fov: FieldOfView, segmented: SegmentationResult | None, disc: LearnedDisc | None,
                 replaced: set[LesionClass]) -> tuple[np.ndarray, DiscPlace | None]:
        """The lesion mask and the classical finder's disc (when it ran). Per class one source draws
        (inference.lesion_sources): the lesion model's pixels, the classical detector (no model, or a class the card
        gives to it), or classical candidates gated by a lesion-region model. The ``replaced`` classes, which
        candidates models draw next, are left to them."""
        bits = np.zeros(self.image.shape[:2], np.uint8)
        sources = lesion_sources(segmented.card if segmented is not None else None)
        classical = tuple(cls for cls, source in sources.items() if source.classical and cls not in replaced)
        spared = any(source.classical and cls in replaced for cls, source in sources.items())
        gated = any(source.gate for source in sources.values())
        drawn = [cls for cls, source in sources.items() if not source.classical and cls not in replaced]
        self.result.mask_thresholds = {cls.name: float(source.threshold) for cls, source in sources.items()
                                       if source.threshold is not None}
        if segmented is not None and drawn:
            card = segmented.card
            bits |= segmented.mask_bits(drawn)
            self.sources.update({cls.name: card.name for cls in drawn})
            self._keep_probabilities(drawn, lambda cls: segmented.probability(cls.name), card.threshold,
                                     lambda cls: segmented.boxed(cls.name))
        if not classical and (disc is not None or not spared):
            return bits, None
        # it ran for the classes spared and drew the disc with them: without a learned disc it still draws that
        self._classical_ran()
        # the classical detector spares the disc's surroundings: spare the learned disc's, not its own guess's
        centre = disc.place[:2] if disc is not None else None
        found = detect_lesions(self.image, fov, SubState(self.state, *LESIONS_SHARE), centre,
                               classes=(*classical, LesionClass.OD))
        od = None
        if found.od_center is not None and found.od_radius:
            od = DiscPlace(float(found.od_center[0]), float(found.od_center[1]), float(found.od_radius), False)
        wanted = np.uint8(sum(cls.bit for cls in classical) | LesionClass.OD.bit)
        candidates = found.mask_bits.astype(np.uint8) & wanted
        name = CLASSICAL_DETECTOR["name"]
        if gated:
            candidates = gate_by_model(candidates, segmented)
            name = GATED_SOURCE.format(model=segmented.card.name)
        bits |= candidates
        self.sources.update({cls.name: name for cls in classical})
        shown = (*classical, LesionClass.OD) if disc is None else classical  # a learned disc's map is kept already
        self._keep_probabilities([cls for cls in shown if cls in found.probabilities], found.probabilities.get,
                                 lambda _: CLASSICAL_THRESHOLD, found.probabilities.boxed)
        return bits, od

    def _start_beside(self, fov: FieldOfView) -> None:
        """Starts, on the second thread, finding the candidates of each candidates model that may draw on this photo
        (``_drawing_candidates`` before it knows whether a blending one's partner ran: where it did not, that finding
        goes unused). The lesion model's members follow them there (``segment``). The disc model stays on this
        thread, after the lesion model: its input is averaged from the lesion model's reduction (``Reductions``).
        They stop with the analysis' Cancel (``run`` waits for the second thread to be free before it returns)."""
        lesion_model = self.models.get("lesion-segmentation")
        for model in self._candidate_models(fov, lesion_model.card if lesion_model is not None else None):
            self._found[model.card.name] = self._beside.submit(find_candidate_lesions, model.module, model.card,
                                                               self.image, fov, QuietState(self.state))

    def _drawing_candidates(self, fov: FieldOfView, segmented: SegmentationResult | None) -> list[LoadedModel]:
        """The candidates models that draw on this photo: those installed, on photos large enough for the scale
        they learned, a blending one only beside its partner (inference.lesion_sources.candidates_draw) and, when it
        blends with a member, where that member ran (inference.candidate_blend.blend_partner)."""
        return [model for model in self._candidate_models(fov, segmented.card if segmented is not None else None)
                if not model.card.blend_with or blend_partner(model.card, segmented) is not None]

    def _candidate_models(self, fov: FieldOfView, lesion_card: ModelCard | None) -> list[LoadedModel]:
        """The candidates models installed that draw beside the lesion model of ``lesion_card``, on photos large
        enough for the scale they learned."""
        if not resolution_supported(self.image, fov):
            return []
        models = [self.models.get(task) for task in CANDIDATE_TASKS]
        return [model for model in models if model is not None and candidates_draw(model.card, lesion_card)]

    def _candidate_lesions(self, fov: FieldOfView, bits: np.ndarray, segmented: SegmentationResult | None,
                           candidates: list[LoadedModel]) -> None:
        """Each candidates model draws its class in place of the source ``_lesions`` took for it (it ships only where
        it beat that source on validation photos: inference/training/candidate_run.py); a blending one averages its
        probability with the lesion model's first. Cancel is looked at between them (0.1-0.3 s each at 12 MP)."""
        for model in until_cancelled(candidates, self.state):
            self._use(model)
            self._draw_candidates(model.card, self._found[model.card.name].result(), bits,
                                  blend_partner(model.card, segmented) if model.card.blend_with else None)

    def _draw_candidates(self, card: ModelCard, found: CandidateLesions | CandidateRegions, bits: np.ndarray,
                         partner: SegmentationResult | None) -> None:
        """``found``'s class into ``bits`` in place of what drew it; with ``partner``, the network a blending card
        averages with (inference.candidate_blend), the mean of the two probability maps is what the threshold cuts."""
        cls, shape, threshold = candidate_class(card), bits.shape, found.threshold
        if partner is None:
            mask = found.mask(shape)
            self._keep_probabilities([cls], lambda _: found.probability(shape), lambda _: threshold,
                                     lambda _: found.boxed(shape))
        else:
            mean = blended(found.probability(shape), partner_probability(card, partner))
            mask = mean >= threshold
            self._keep_probabilities([cls], lambda _: mean, lambda _: threshold,
                                     lambda _: AveragedMaps((found.boxed(shape), partner_boxed(card, partner))))
        bits &= np.uint8(~cls.bit & 0xFF)
        bits |= np.multiply(mask, np.uint8(cls.bit))
        self.sources[cls.name] = (BLENDED_SOURCE.format(model=card.name, partner=card.blend_with) if card.blend_with
                                  else card.name)
        self.result.mask_thresholds = {**(self.result.mask_thresholds or {}), cls.name: float(threshold)}

    def _keep_probabilities(self, classes: Sequence[LesionClass], probability: Callable[[LesionClass], np.ndarray],
                            threshold: Callable[[str], float],
                            boxed: Callable[[LesionClass], BoxedMap | AveragedMaps]) -> None:
        """The 8-bit maps of ``classes`` each source drew, only when asked: full-size in the outcome (each costs a
        full-size upsample) and reduced in the result (from ``boxed``, the map at the source's own resolution),
        with the thresholds their masks were cut at."""
        options = self.options
        if not (options.keep_probabilities or options.store_probabilities):
            return
        for cls in classes:
            if options.keep_probabilities:
                self.outcome.probabilities[cls.name] = probability_levels(probability(cls))
            if options.store_probabilities:
                self.result.probabilities[cls.name] = boxed(cls).stored_levels()
            self.result.probability_thresholds[cls.name] = float(threshold(cls.name))

    def _learned_disc(self, fov: FieldOfView, segmented: SegmentationResult | None) -> LearnedDisc | None:
        """The learned disc: the disc model's, else the lesion model's when it learned the disc from pixel masks;
        None without either or when it finds no disc (the classical finder then places it)."""
        model = self.models.get("optic-disc")
        if model is not None:
            self._use(model)
            result = segment(model, self.image, fov, reductions=self._reductions)
        elif (segmented is not None and segmented.card.mask_mode == "pixels"
              and LesionClass.OD in segmented.classes.values()):
            result = segmented
        else:
            return None
        disc = result.largest_region(LesionClass.OD)
        self._keep_probabilities([LesionClass.OD], lambda cls: result.probability(cls.name), result.card.threshold,
                                 lambda cls: result.boxed(cls.name))
        drawn = region_centre(disc, LesionClass.OD)
        if drawn is None:
            return None
        self.sources[LesionClass.OD.name] = result.card.name
        outlined = not trained_on_filled_boxes(result.card)
        if fov.found and not outlined:
            # a mask learned from loose boxes places the disc well but overstates its size: the radius is the
            # disc's usual share of the field of view, as the classical finder's
            return LearnedDisc(disc, DiscPlace(drawn[0], drawn[1], DISC_TO_FOV_RADIUS * fov.radius, False))
        return LearnedDisc(disc, DiscPlace(*drawn, outlined))  # a box's radius (1.2-1.3x the disc's) is no scale

    def _place_disc(self, fov: FieldOfView, bits: np.ndarray, known: DiscPlace | None,
                    learned: LearnedDisc | None) -> DiscPlace | None:
        """(x, y, radius) of the disc: the learned disc's, its mask put into ``bits``, else the classical finder's:
        ``known``, found (and drawn) where the classical detector ran in ``_lesions``, else placed here on its own,
        without a mask (a lesion model drew every class). Its quadrants are the findings' (its scale too where its
        radius is measured), so they name the classical detector as the disc's source, and the status bar and the
        findings panel say who placed it."""
        if learned is not None:
            bits &= np.uint8(~LesionClass.OD.bit & 0xFF)  # one disc on the mask: the model's
            bits |= learned.bits
            return learned.place
        if known is None and fov.found:  # the detector did not run: where it runs it always places a disc
            self._classical_ran()
            work = make_working_copy(self.image, fov)
            disc = find_optic_disc(work)
            known = DiscPlace(*work.point_to_original(disc.x, disc.y), disc.radius / work.scale, False)
        if known is not None:
            self.sources[LesionClass.OD.name] = CLASSICAL_DETECTOR["name"]
        return known

    def _classical_ran(self) -> None:
        """The classical detector among the result's models, once, for its lesion classes or for the disc alone."""
        if CLASSICAL_DETECTOR not in self.result.models:
            self.result.models.append(dict(CLASSICAL_DETECTOR))

    def _findings(self, bits: np.ndarray, od: DiscPlace | None, fov: FieldOfView) -> Findings:
        # a disc sized as the field's share measures nothing the field does not: the areas rest on the field then
        measured = od.radius if od is not None and od.measured else None
        mm_per_px, scale_source = mm_per_pixel(measured, fov.radius if fov.found else None, self.recorded_mm_per_px)
        findings = lesion_findings(bits, (od.x, od.y) if od else None, None, mm_per_px,
                                   od_radius=od.radius if od else None, scale_source=scale_source)
        learned = self.models.get("lesion-segmentation")
        findings.lesion_source = learned.card.name if learned else CLASSICAL_DETECTOR["name"]
        findings.lesion_sources = dict(self.sources)
        findings.field_of_view = FieldOfViewFindings(fov.found, round(fov.cx, 1), round(fov.cy, 1),
                                                     round(fov.radius, 1))
        return findings

    def _classify(self, task: str, fov: FieldOfView, with_cam: bool = False) -> ClassificationResult | None:
        model = self.models.get(task)
        if model is None:
            return None
        self._use(model)
        card = model.card
        key = repr((tuple(card.input_size), card.preprocessing, card.normalisation))
        if key not in self._prepared:  # classifiers configured alike share one preprocessing run
            self._prepared[key] = prepare(self.image, card, fov, reductions=self._reductions)
        target = self.options.cam_target if task == "dr-grade" else None
        if task == "lesions-present":  # the heat map always shows where the signs are, even when judged absent
            target = len(card.classes) - 1
        return classify_prepared(model, self._prepared[key], with_cam, target)

    def _grade(self, fov: FieldOfView) -> None:
        graded = self._classify("dr-grade", fov, with_cam=True)
        if graded is not None:
            self.result.dr_grade = graded.predicted
            self.result.grade_probs = graded.probabilities
            self.result.grade_source = "model"
            self.result.cam = graded.cam
            self.findings.grade_confidence = round(graded.confidence, 4)
            return
        grade, sentence = icdr_grade_from_findings(self.findings.classes)
        self.result.dr_grade, self.result.grade_source = int(grade), "icdr-rules"
        self.findings.grade_rule = sentence

    def _referable(self, fov: FieldOfView) -> None:
        """A referable model decides when installed. Without one, a "DR signs present" classifier refers every
        image it finds signs in (mild NPDR too: a cautious screen), and the ICDR rules (grade 2 or more) refer on
        their own as well, so the classifier never clears what the lesion findings refer."""
        referable = self._classify("referable", fov, with_cam=self.result.cam is None)
        if referable is not None:
            probability = referable.positive_probability()
            self.result.referable_prob = probability
            self.result.referable = probability >= referable.card.threshold(referable.card.classes[-1])
            self.findings.referable_source = "referable model"
            if self.result.cam is None and referable.cam is not None:
                self.result.cam = referable.cam
            return
        graded_by = "ICDR rules" if self.result.grade_source == "icdr-rules" else "grade model"
        grade_rule = f"DR grade >= 2 ({graded_by})"
        signs, by_grade = self.findings.lesions_present_signs, is_referable(self.result.dr_grade)
        self.result.referable = by_grade or bool(signs)
        self.findings.referable_source = _referred_by(signs, by_grade, grade_rule)

    def _lesions_present(self, fov: FieldOfView) -> None:
        present = self._classify("lesions-present", fov, with_cam=self.result.cam is None)
        if present is not None:
            probability = present.positive_probability()
            self.findings.lesions_present_probability = round(probability, 4)
            self.findings.lesions_present_signs = bool(probability >= present.card.threshold(present.card.classes[-1]))
            if self.result.cam is None and present.cam is not None:  # no grade/referable model: explain this one
                self.result.cam = present.cam

    def _oct(self, fov: FieldOfView) -> None:
        result = self._classify("oct", fov, with_cam=True)
        if result is not None:
            self.result.oct_probs = result.by_name()
            self.result.cam = result.cam

