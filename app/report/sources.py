"""Where a report's cases come from on the command line: an image (with its folder's workspace when there is one)
or a workspace case id; images without an AI result are analysed first. torch is imported only to analyse."""
from __future__ import annotations

import logging
import os
from contextlib import ExitStack
from pathlib import Path
from typing import Any, Callable, Sequence

from annotations.case_names import case_name
from annotations.document import AIResult, CaseDocument, Modality
from annotations.frames import split_bscan_case_id, split_frame
from annotations.image_io import ImageLoadError, load_image_with_header
from annotations.new_case import new_case
from annotations.pixel_spacing import PixelSpacing
from annotations.progress import TaskState
from annotations.reading.readers import holds_case_of, main_sidecar, open_consensus
from annotations.reading.report_grading import double_reading
from annotations.report_kind import ReportKind, report_kind
from annotations.saved_modality import case_modality
from annotations.volume_files import bscan_address
from annotations.volume_severity import other_bscans
from annotations.workspace import CaseSummary, Workspace, WorkspaceError
from annotations.store_folder import SIDECAR_NAME
from annotations.volume_summary import GradedFields
from annotations.wording import QT_TRANSLATE_NOOP, Translate

from app.logging_setup import scan_kept_off_the_console
from app.report.model import EyeInput
from inference.analysis_settings import AnalysisSettings

log = logging.getLogger(__name__)


# What an input that cannot be read is said as (context "ReportSources"; app.commands.report says it in the
# interface's language); an error annotations/ wrote is said as {error}
NO_SUCH_CASE = QT_TRANSLATE_NOOP("ReportSources", "{item}: no such case: {folder} was never opened in RetinaReview (it "
                                                  "has no {sidecar} folder); give the image file")
NO_SUCH_IMAGE = QT_TRANSLATE_NOOP("ReportSources", "{item}: no such image file (give --workspace FOLDER to name a case "
                                                   "id)")
NOT_A_CASE = QT_TRANSLATE_NOOP("ReportSources", "{item}: no case of {folder} has this id or image path; give an "
                                                "image's path in the folder (e.g. {example})")
NO_CASES = QT_TRANSLATE_NOOP("ReportSources", "{item}: {folder} lists no case; give an image file")
OTHER_PATIENTS = QT_TRANSLATE_NOOP("ReportSources", "the images belong to different patients ({patients}); a report "
                                                    "covers one patient (give --patient-id to report them together "
                                                    "anyway)")
ANNOTATIONS_ERROR = "{error}"


class SourceError(RuntimeError):
    """An input of the report cannot be read; the message names it and what to do: ``template`` (above) filled with
    ``values``, which ``shown`` says in another language."""

    def __init__(self, template: str, **values: str) -> None:
        super().__init__(template.format(**values))
        self.template, self.values = template, values

    @classmethod
    def of(cls, error: Exception) -> "SourceError":
        """The error annotations/ raised (an image, a workspace), as it wrote it."""
        return cls(ANNOTATIONS_ERROR, error=str(error))

    def shown(self, translate: Translate, shown_text: Callable[[str], str]) -> str:
        """The message worded by ``translate``; annotations/ wrote the error it carries, said by ``shown_text``."""
        if self.template == ANNOTATIONS_ERROR:
            return shown_text(self.values["error"])
        return translate("ReportSources", self.template).format(**self.values)


class Analyzer:
    """Runs the analysis pipeline on images that have no AI result yet; the models load on first use, after
    ``on_loading`` (a command says that they load: seconds before the first step)."""

    def __init__(self, settings: AnalysisSettings, on_loading: Callable[[], None] = lambda: None) -> None:
        self.settings, self.on_loading = settings, on_loading
        self._models: Any = None  # inference.analysis_models.AnalysisModels, once loaded

    def __call__(self, image: Any, source: str, modality: Modality, spacing: PixelSpacing | None = None,
                 state: TaskState | None = None) -> AIResult | None:
        """The analysis of ``image`` as ``modality`` (which decides the models that run), its file recording
        ``spacing`` if it records a pixel size, as the window's would; its steps reported to ``state``."""
        from inference.analysis_models import assemble_models, no_models  # torch only when an image needs analysing
        from inference.model_plan import loads_models
        from inference.pipeline import PipelineOptions, analyze_image

        try:
            if not loads_models(modality, self.settings):  # an OCT scan without an OCT model: its quality alone
                used = no_models(self.settings)
            else:
                if self._models is None:
                    self.on_loading()
                    self._models = assemble_models(self.settings)
                used = self._models
            return analyze_image(image, used.models, state, used.device, PipelineOptions(modality=modality), spacing)
        except Exception as error:  # a broken model or device must not stop the report: it says "no AI result"
            log.warning("analysis of %s failed (%s); the report shows no AI result for it", source, error)
            return None


class ReportSources:
    """Opens each workspace once (within ``stack``, which closes them) and loads the inputs' cases."""

    def __init__(self, stack: ExitStack, workspace: Path | None = None, analyzer: Analyzer | None = None) -> None:
        self.stack, self.workspace, self.analyzer = stack, workspace, analyzer
        self._open: dict[Path, Workspace] = {}

    @property
    def opened(self) -> list[Workspace]:
        """The workspaces opened so far, in the order opened."""
        return list(self._open.values())

    def _workspace(self, folder: Path) -> Workspace:
        folder = folder.absolute()
        if folder not in self._open:
            try:
                with scan_kept_off_the_console():  # an image the report needs is named by its error
                    self._open[folder] = self.stack.enter_context(open_consensus(folder, ""))
            except WorkspaceError as error:
                raise SourceError.of(error) from error
        return self._open[folder]

    def load(self, item: str, progress: Callable[[str], TaskState] | None = None) -> EyeInput:
        """The case and image for one input, analysed when it has no AI result and an analyzer is given; the
        analysis reports to the state ``progress`` gives for the case's name (annotations.case_names). A DICOM
        file's header is read once, with its pixels: the new case, its B-scan count, its modality and the DICOM
        report's study are taken from that read (each read is a round trip on a network share)."""
        path = Path(item)
        try:
            if image_file_of(path) is not None:
                ws, listed = self._listing(path)
                (image, spacing), header = load_image_with_header(path)
                doc = listed or new_case(path.stem, path.name, path, header)  # a new case: its header's patient, eye
                header_eye = ws.header_eye(doc.case_id) if ws is not None else doc.patient.eye
                # named as messages name it: a volume's own case by its shown B-scan (numbered from its header alone)
                address = ws.case_address(doc.case_id) if ws is not None else bscan_address(path.parent,
                                                                                             doc.image_path, header)
            elif self.workspace is not None and not main_sidecar(self.workspace).is_dir():
                # opening the folder would make its store: a report only reads. Its image, by its path there
                if image_file_of(self.workspace / item) is not None:
                    return self.load(str(self.workspace / item))
                raise SourceError(NO_SUCH_CASE, item=item, folder=str(self.workspace), sidecar=SIDECAR_NAME)
            elif self.workspace is not None:
                ws = self._workspace(self.workspace)
                case_id = _case_id(ws, item)
                doc = ws.load_case(case_id)
                header_eye = ws.header_eye(case_id)
                address = ws.case_address(case_id)
                path = ws.image_file(case_id)
                (image, spacing), header = load_image_with_header(path)
            else:
                raise SourceError(NO_SUCH_IMAGE, item=item)
        except (ImageLoadError, WorkspaceError) as error:
            raise SourceError.of(error) from error
        # as the window takes the case: as recorded with it, else as its file and pixels say (a case never saved, an
        # image of no workspace); it decides the report's kind and what the analysis runs as
        doc.modality = case_modality(ws.case_files if ws is not None else None, doc.case_id, path, image, header)
        if doc.ai is None and self.analyzer is not None:
            log.info("analysing %s (no saved AI result)", path)
            state = progress(case_name(address)) if progress is not None else None
            doc.ai = self.analyzer(image, str(path), doc.modality, spacing, state)
        return EyeInput(doc, image, source_file=str(path), image_address=address,
                        source_header=header.dataset if header is not None else None,
                        double_reading=double_reading(ws, doc) if ws is not None else None, header_eye=header_eye,
                        pixel_spacing=spacing, other_bscans=_other_bscans(ws, doc),
                        recovered_unchecked=ws is not None and doc.case_id in ws.to_check)

    def _listing(self, image: Path) -> tuple[Workspace | None, CaseDocument | None]:
        """The workspace that lists ``image`` and its case there: the one given (--workspace), else the nearest
        folder above the image that holds its saved case, in its store or a reader's (a folder per patient under the
        clinic's; a folder that holds none is neither scanned nor locked); none where no such folder lists it."""
        image = image.absolute()
        given = self.workspace.absolute() if self.workspace is not None else None
        if given is not None and main_sidecar(given).is_dir() and image.is_relative_to(given):
            ws = self._workspace(given)
            listed = _case_for_image(ws, image)
            if listed is not None:
                return ws, listed
        for folder in image.parents:
            try:
                holds = folder != given and holds_case_of(folder, image.relative_to(folder).as_posix())
            except OSError:  # a store this user may not read (another's, mode 700), as the window passes it over
                continue
            if holds:
                ws = self._workspace(folder)
                listed = _case_for_image(ws, image)
                if listed is not None:
                    return ws, listed
        return None, None


def _other_bscans(ws: Workspace | None, doc: CaseDocument) -> dict[int, GradedFields]:
    """An OCT B-scan's other B-scans of its volume as saved (EyeInput.other_bscans); none for a photo."""
    return other_bscans(ws, doc.case_id) if ws is not None and report_kind(doc) is ReportKind.OCT else {}


def _case_id(ws: Workspace, item: str) -> str:
    """The case ``item`` names in ``ws``: its image's path in the folder as the case list shows it ("left/a.jpg"; the
    ids carry a hash no command lists), a B-scan's address as the grades CSV writes it, or its case id (a volume's
    B-scan's too)."""
    cases = ws.cases()
    listed = _listed_case_id(ws, cases, item)
    if listed is not None:
        return listed
    volume_id = split_bscan_case_id(item)[0]  # a B-scan's case: its volume is the one listed
    if any(case.case_id == volume_id for case in cases):
        return item
    if not cases:
        raise SourceError(NO_CASES, item=item, folder=str(ws.folder))
    raise SourceError(NOT_A_CASE, item=item, folder=str(ws.folder), example=repr(cases[0].image_path))


def _case_for_image(ws: Workspace, image: Path) -> CaseDocument | None:
    try:
        in_folder = image.absolute().relative_to(ws.folder).as_posix()
    except ValueError:  # the folder named through a link: not the image's path as the case list has it
        return None
    case_id = _listed_case_id(ws, ws.cases(), in_folder)
    return ws.load_case(case_id) if case_id is not None else None


def _listed_case_id(ws: Workspace, cases: Sequence[CaseSummary], image_path: str) -> str | None:
    """The id of the case at ``image_path`` in the folder: a listed case's image, or a B-scan's address
    (annotations.frames: ``vol.dcm#frame=2``, as exports and the grades CSV name it) of a listed volume, whose
    B-scan it must have (WorkspaceError)."""
    listed = {case.image_path: case.case_id for case in cases}
    file, number = split_frame(image_path)
    if image_path in listed or number is None or file not in listed:
        return listed.get(image_path)
    return ws.bscan_case_id(listed[file], number)


def image_file_of(item: str | os.PathLike) -> Path | None:
    """The file a report's input names, where it names one: an image's path as spelled, else the volume a B-scan's
    address names (``vol.dcm#frame=2``); None where there is no such file."""
    for candidate in (Path(item), Path(split_frame(item)[0])):
        if candidate.is_file():
            return candidate
    return None
