"""`retina-review report IMAGE_OR_CASE... --out FILE.pdf [--dicom FILE.dcm] [patient fields]`: a clinical PDF for
one or both eyes, and the same PDF as a DICOM Encapsulated PDF object."""
from __future__ import annotations

import argparse
import functools
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

from annotations.command_end import DONE, USAGE_ERROR
from annotations.patients import MAX_AGE, read_date, renamed, written_date
from annotations.wording import fill
from app.command_help import report as helps
from app.command_parser import value_check
from app.file_option import file_to_write
from app.report import command_messages as msg
from app.report.model import PAPER_SIZES, TEMPLATES, EyeInput  # app.report loads reportlab only when a report is built
from app.report.text import REPORT_LANGUAGES

SEXES = ("F", "M", "X")
CHINESE_CODES = {"女": "F", "男": "M", "右": "OD", "右眼": "OD", "左": "OS", "左眼": "OS"}

if TYPE_CHECKING:
    from annotations.own_outputs import SingleKind
    from app.command_words import CommandWords
    from app.progress_bar import TextProgressBar
    from app.report.sources import ReportSources


def register(subparsers: argparse._SubParsersAction, words: CommandWords) -> None:
    tr = functools.partial(words.tr, helps.CONTEXT)
    parser = subparsers.add_parser("report", help=tr(helps.HELP), description=tr(helps.DESCRIPTION))
    parser.add_argument("inputs", nargs="+", metavar="IMAGE_OR_CASE", help=tr(helps.INPUTS))
    parser.add_argument("--out", type=file_to_write(words, "report.pdf"), default=None, metavar="FILE.pdf")
    parser.add_argument("--dicom", type=file_to_write(words, "report.dcm"), default=None, metavar="FILE.dcm",
                        help=tr(helps.DICOM))
    parser.add_argument("--workspace", type=Path, metavar="FOLDER", help=tr(helps.WORKSPACE))
    parser.add_argument("--overwrite", action="store_true", help=tr(helps.OVERWRITE))
    parser.add_argument("--settings", type=Path, metavar="FILE.ini", help=tr(helps.SETTINGS))
    # the refusals in the parser's language: a value is checked as the line is parsed, after the catalogues are gone
    age = value_check(_age, words.tr(msg.CONTEXT, msg.NOT_AN_AGE))
    iso_date = value_check(_iso_date, words.tr(msg.CONTEXT, msg.NOT_A_DATE))
    patient = parser.add_argument_group(tr(helps.PATIENT))
    patient.add_argument("--patient-name", default=None)
    patient.add_argument("--patient-id", default=None)
    patient.add_argument("--age", type=age, default=None, help=words.said(helps.CONTEXT, helps.AGE, max_age=MAX_AGE))
    patient.add_argument("--sex", type=_code, choices=SEXES, default=None, help=tr(helps.SEX))
    patient.add_argument("--eye", type=_code, choices=("OD", "OS"), action="append", default=[], help=tr(helps.EYE))
    patient.add_argument("--birth-date", type=iso_date, default=None, metavar="YYYY-MM-DD")
    patient.add_argument("--exam-date", type=iso_date, default=None, metavar="YYYY-MM-DD")
    options = parser.add_argument_group(tr(helps.REPORT))
    options.add_argument("--reader", default=None, help=tr(helps.READER))
    options.add_argument("--diagnosis", default="")
    options.add_argument("--recommendation", default="", help=tr(helps.RECOMMENDATION))
    options.add_argument("--template", choices=TEMPLATES, default=TEMPLATES[0])
    options.add_argument("--paper", choices=PAPER_SIZES, default=PAPER_SIZES[0])
    options.add_argument("--lang", choices=REPORT_LANGUAGES, default=None, metavar="|".join(REPORT_LANGUAGES),
                         help=tr(helps.LANG))  # written as every command writes it (app.language_option)
    options.add_argument("--clinic-name", default=None, help=tr(helps.CLINIC_NAME))
    options.add_argument("--clinic-address", default=None, help=tr(helps.CLINIC_ADDRESS))
    options.add_argument("--logo", default=None, metavar="IMAGE", help=tr(helps.LOGO))
    options.add_argument("--cjk-font", default=None, metavar="FONT.ttf", help=tr(helps.CJK_FONT))
    analysis = parser.add_argument_group(tr(helps.ANALYSIS))
    analysis.add_argument("--no-analysis", action="store_true", help=tr(helps.NO_ANALYSIS))
    analysis.add_argument("--model", action="append", default=[], metavar="NAME_OR_PATH")
    analysis.add_argument("--device", default=None, choices=("auto", "cpu", "cuda", "mps"), help=tr(helps.DEVICE))
    parser.set_defaults(func=run)


def _code(text: str) -> str:
    """``--sex``, ``--eye``: the code, whether typed in capitals or not, or as a Chinese clinic writes it."""
    return CHINESE_CODES.get(text.strip(), text.strip().upper())


def _age(text: str, refusal: str) -> int:
    """``--age``: whole years a patient may be; ValueError saying ``refusal`` otherwise (value_check)."""
    try:
        age = int(text)
    except ValueError:
        age = -1
    if not 0 <= age <= MAX_AGE:
        raise ValueError(fill(refusal, text=repr(text), max_age=MAX_AGE))
    return age


def _iso_date(text: str, refusal: str) -> str:
    """``--exam-date``, ``--birth-date``: a real date written YYYY-MM-DD, or year first another way (2026/11/30,
    2026年11月30日: patients.written_date), as its ISO date (2024-13-45 was printed as it was typed); ValueError
    saying ``refusal`` otherwise (value_check)."""
    iso = written_date(text)
    if read_date(iso) is None:
        raise ValueError(fill(refusal, text=repr(text)))
    return iso


def run(args: argparse.Namespace) -> int:
    from app.command_words import command_words
    from app.i18n import resolve_language
    from app.report.text import report_language

    if args.settings is not None and not args.settings.is_file():  # a mistyped name read as no settings at all
        with command_words(resolve_language(args.lang, None)) as words:
            return _refused(words, words.tr(msg.CONTEXT, msg.NO_SETTINGS).format(path=args.settings))
    saved, last_language, reader = _saved_settings(args.settings)
    interface = resolve_language(args.lang, saved and saved.language)  # --lang: the console's too (app.language_option)
    if args.reader is None:
        args.reader = reader
    with command_words(interface) as words:
        return _report(args, saved, args.lang or report_language(last_language, interface), words)


def _report(args: argparse.Namespace, saved, language: str, words: CommandWords) -> int:  # noqa: ANN001
    """``run`` once the settings are read (``saved``: SettingsValues or None), the report's ``language`` and the
    words of the console chosen."""
    from app.report.problems import ReportProblem
    from app.report.sources import SourceError, image_file_of

    if args.out is None and args.dicom is None:
        return _refused(words, words.tr(msg.CONTEXT, msg.NO_OUTPUT))
    if len(args.inputs) > 2:
        return _refused(words, words.tr(msg.CONTEXT, msg.TOO_MANY))
    if args.eye and len(args.eye) != len(args.inputs):
        return _refused(words, words.tr(msg.CONTEXT, msg.EYE_PER_INPUT).format(count=len(args.inputs)))
    # before the minutes of analysis; a B-scan's volume too
    given = [file for file in map(image_file_of, args.inputs) if file is not None]
    refused = _output_refused(args.out, args.dicom, given, args.overwrite, words)
    if refused is not None:
        return refused
    try:
        _read_clinic_files(args.logo, args.cjk_font)
        with ExitStack() as stack:
            report = _build_input(args, stack, saved, language, words)
            return _write(report, args.out, args.dicom, args.overwrite, words)
    except SourceError as exc:
        return _refused(words, exc.shown(words.tr, words.shown))
    except ReportProblem as exc:
        return _refused(words, exc.shown(words.tr, words.shown))


def _read_clinic_files(logo: str | None, cjk_font: str | None) -> None:
    """The --logo and --cjk-font given, read as the report reads them, before the minutes of analysis: a mistyped
    name was refused only once the photos were analysed. ReportProblem where one cannot be read."""
    from app.report.builder import read_logo
    from app.report.fonts import resolve_fonts

    if logo:
        read_logo(logo)
    if cjk_font:
        resolve_fonts(cjk_font)  # kept for the report (registered once)


def _build_input(args: argparse.Namespace, stack: ExitStack, saved, language: str,  # noqa: ANN001
                 words: CommandWords):  # noqa: ANN202 - ReportInput, imported lazily
    from dataclasses import replace

    from annotations.patients import (date_checks, detail_differences, other_patients, reported_edited_age,
                                      unreadable_dates)
    from annotations.wording import join_clauses, join_items
    from app import __version__
    from app import analyze_command_messages as analyze_msg
    from app.progress_bar import TextProgressBar
    from app.report.bridge import clinic_from_settings
    from app.report.model import ReportInput
    from app.saved_analysis import saved_analysis_settings
    from app.opening_warnings import warn_opening
    from app.report.sources import OTHER_PATIENTS, Analyzer, ReportSources, SourceError

    bar = TextProgressBar("report", said=words.analysis_progress)  # drawn while an image without a result is analysed
    # said as `analyze` says it: the models load before the first analysis's first step, so below no bar
    loading = functools.partial(print, words.said(analyze_msg.CONTEXT, analyze_msg.LOADING), file=sys.stderr,
                                flush=True)
    analyzer = None if args.no_analysis else Analyzer(saved_analysis_settings(args.device, args.model, saved=saved),
                                                      on_loading=loading)
    sources = ReportSources(stack, args.workspace, analyzer)
    try:
        eyes = _loaded(sources, args.inputs, bar)
    finally:  # a crash's edits their opening recovered: the report may print them, and a refusal left them recovered
        for workspace in sources.opened:
            warn_opening(workspace, words)
    for eye, label in zip(eyes, args.eye):
        eye.eye = label
    for eye in eyes:  # a B-scan printed as the window shows it (View ▸ B-scan at true shape), else its pixels square
        eye.true_shape = bool(saved and saved.bscan_true_shape)
    patients = other_patients([eye.doc.patient for eye in eyes], words.tr)
    if patients and args.patient_id is None:
        raise SourceError(OTHER_PATIENTS, patients=join_items(patients, words.tr))
    recorded = eyes[0].doc.patient
    given = {key: value for key, value in {"patient_id": args.patient_id, "age": args.age, "sex": args.sex,
                                           "birth_date": args.birth_date, "exam_date": args.exam_date}.items()
             if value is not None}
    if args.patient_name is not None:  # replaces both forms of a name a DICOM header wrote, unless it is it as shown
        named = renamed(recorded, args.patient_name, [words.tr])
        given.update(name=named.name, ideographic_name=named.ideographic_name)
    patient = replace(recorded, **given)
    # a date given changes the age, as one typed in the dialog does; an age given stands
    patient = replace(patient, age=reported_edited_age(recorded, patient, age_typed="age" in given))
    differences = detail_differences([replace(eye.doc.patient, **given) for eye in eyes], words.tr)
    if differences:  # a correction typed on one eye's case only
        _warn(words, words.tr(msg.CONTEXT, msg.DETAILS_DIFFER).format(
            differences=join_clauses(differences, words.tr)))
    # a mistyped year, given or recorded; a date no date (recorded as typed in the patient panel), printed as written
    for check in [*date_checks(patient.birth_date, patient.exam_date, words.tr),
                  *unreadable_dates(patient.birth_date, patient.exam_date, words.tr)]:
        _warn(words, check)
    clinic = clinic_from_settings(saved.to_dict() if saved else {})  # as the report dialog takes it; options win
    address = None if args.clinic_address is None else args.clinic_address.replace("\\n", "\n")
    given_clinic = {"name": args.clinic_name, "address": address, "logo_path": args.logo,
                    "cjk_font_path": args.cjk_font}
    clinic = replace(clinic, **{key: value for key, value in given_clinic.items() if value is not None})
    for field, what in (("logo_path", msg.LOGO), ("cjk_font_path", msg.CJK_FONT)):
        path = getattr(clinic, field)
        if path and given_clinic[field] is None and not Path(path).is_file():  # one the window saved, moved since
            _warn(words, words.tr(msg.CONTEXT, msg.SETTINGS_FILE_GONE).format(what=words.tr(msg.CONTEXT, what),
                                                                              path=path))
            clinic = replace(clinic, **{field: ""})
    return ReportInput(eyes=eyes, patient=patient, reader=args.reader,
                       diagnosis=args.diagnosis, recommendation=args.recommendation, template=args.template,
                       paper=args.paper, clinic=clinic, program_version=__version__, language=language)


def _loaded(sources: ReportSources, inputs: list[str], bar: TextProgressBar) -> list[EyeInput]:
    """Each input's case and image (ReportSources.load); an analysis drawn on ``bar``, its input's share of it, the
    image named as `analyze` names a photo, and a line logged meanwhile below it."""
    from annotations.progress import NamedState
    from app.logging_setup import console_records_below

    count = len(inputs)

    def analysis(index: int, name: str) -> NamedState:
        return NamedState(bar, index / count, (index + 1) / count, f"{index + 1}/{count} {name}")

    try:
        with console_records_below(bar.finish):
            return [sources.load(item, functools.partial(analysis, index)) for index, item in enumerate(inputs)]
    finally:
        bar.finish()  # what follows (a refusal, Ctrl+C's "interrupted", the warnings) on a line of its own


def _saved_settings(path: Path | None):  # noqa: ANN202 - (SettingsValues | None, str, str); app.settings loads Qt
    """The program's settings as the window saved them (``path``, else the user's), the report language last chosen
    in its report dialog and the reader a report names (Settings.report_reader); (None, "", "") where Qt or the
    settings cannot be read: a report needs neither."""
    try:
        from app.settings import Settings

        settings = Settings.from_file(path) if path else Settings()
        values = settings.load()
        return values, settings.last_report_language(), settings.report_reader(values)
    except Exception:  # noqa: BLE001 - as saved_analysis_settings: the defaults serve a command-line run
        return None, "", ""


def _refused(words: CommandWords, text: str) -> int:
    """Say why the report was not made; the status that says so."""
    print(words.error(text), file=sys.stderr)
    return USAGE_ERROR


def _warn(words: CommandWords, text: str) -> None:
    print(words.tr(msg.CONTEXT, msg.WARNING).format(warning=text), file=sys.stderr)


def _eye_not_recorded(eye, words: CommandWords) -> str:  # noqa: ANN001 - EyeInput
    """The warning for an eye the report prints as not recorded, with the side the AI found the optic disc on."""
    from annotations.case_names import case_name
    from annotations.patients import eye_label, suggested_eye

    case, suggested = case_name(eye.address, words.tr), suggested_eye(eye.doc.ai, eye.doc.width)
    if not suggested:
        return words.tr(msg.CONTEXT, msg.EYE_NOT_RECORDED).format(case=case)
    return words.tr(msg.CONTEXT, msg.EYE_SUGGESTED).format(case=case, suggested=eye_label(suggested, words.tr))


def _output_kinds(out: Path | None, dicom: Path | None) -> list[tuple[Path, SingleKind]]:
    """The outputs asked for, each with the kind of file it may replace (annotations.own_outputs)."""
    from annotations.own_outputs import DICOM_REPORT, PDF_REPORT

    return [(target, kind) for target, kind in ((out, PDF_REPORT), (dicom, DICOM_REPORT)) if target is not None]


def _output_refused(out: Path | None, dicom: Path | None, sources: list[Path], overwrite: bool,
                    words: CommandWords) -> int | None:
    """The refusal of an output that may not be written (its status), None when each may: both checked before
    either is written (an input image is never replaced, an earlier report only if asked, a PDF never under a name
    but FILE.pdf: a photo's the folder's scan would list as a case, r.txt no viewer opens; nothing into a folder that
    cannot be written)."""
    from annotations.output_folder import OutputError, file_identities, probe_writable, refuse_single_outputs

    try:
        refuse_single_outputs(_output_kinds(out, dicom), file_identities(sources), overwrite)
    except OutputError as exc:
        return _refused(words, words.shown(str(exc)))
    if out is not None and out.suffix.lower() != ".pdf":
        return _refused(words, words.tr(msg.CONTEXT, msg.OUT_NOT_PDF).format(out=out))
    for target, _kind in _output_kinds(out, dicom):
        try:
            probe_writable(target.parent)
        except OSError as exc:  # a read-only disk: now, not once the report is built
            return _refused(words, _cannot_write(target, exc, words))
    return None


def _cannot_write(target: Path, exc: OSError, words: CommandWords) -> str:
    """Why ``target`` cannot be written (``exc``), as a report's failed write and its check before say it."""
    return words.tr(msg.CONTEXT, msg.CANNOT_WRITE).format(target=target, reason=words.os_reason(exc))


def _write(report, out: Path | None, dicom: Path | None, overwrite: bool,  # noqa: ANN001 - ReportInput
           words: CommandWords) -> int:
    from annotations.acted_grade import effective_oct_class
    from annotations.case_names import case_name
    from annotations.dicom.report_object import images_patient_ids, report_dicom_bytes
    from annotations.output_folder import OutputError, write_single_output
    from annotations.own_outputs import DICOM_REPORT, PDF_REPORT
    from annotations.patients import eye_disagreements, files_apart_from_images
    from annotations.unfinished_reading import unfinished_warnings
    from annotations.volume_severity import severer_bscans_warning
    from annotations.wording import join_items
    from app.report.builder import build_report_pdf
    from app.report.fonts import resolve_fonts
    from app.report.layout import eye_names, one_eye_twice
    from app.report.text import dicom_title
    from widgets.clinical_terms import oct_class_name

    fonts = resolve_fonts(report.clinic.cjk_font_path)
    sources = [eye.source_file for eye in report.eyes if eye.source_file]
    refused = _output_refused(out, dicom, sources, overwrite, words)  # again: the inputs' cases name their images
    if refused is not None:
        return refused
    pdf = build_report_pdf(report, fonts)
    studies = [eye.dicom_source for eye in report.eyes if eye.source_file]
    contents = {PDF_REPORT: lambda: pdf,
                DICOM_REPORT: lambda: report_dicom_bytes(pdf, report.patient, studies, dicom_title(report.language))}
    labels = eye_names(report.eyes, words.tr)
    eyes = labels[0] if len(labels) == 1 or one_eye_twice([eye.eye_label for eye in report.eyes]) else \
        words.tr(msg.CONTEXT, msg.BOTH_EYES).format(first=labels[0], second=labels[1])  # as the PDF's title
    for target, kind in _output_kinds(out, dicom):
        try:
            write_single_output(target, contents[kind](), originals=sources, overwrite=overwrite, kind=kind)
        except OutputError as exc:
            return _refused(words, words.shown(str(exc)))
        except OSError as exc:
            return _refused(words, _cannot_write(target, exc, words))
        print(words.tr(msg.CONTEXT, msg.WRITTEN).format(eyes=eyes, target=target))
    header_ids = images_patient_ids(studies) if dicom is not None else []
    if files_apart_from_images(report.patient.patient_id, header_ids):
        _warn(words, words.tr(msg.CONTEXT, msg.STUDY_OF_ITS_OWN).format(
            patient_id=repr(report.patient.patient_id), dicom=dicom,
            header_ids=join_items(dict.fromkeys(h for h in header_ids if h), words.tr)))
    for eye in report.eyes:  # printed in the report beside the eye: a script's log must not hide it either
        for unfinished in unfinished_warnings(eye.doc, case_name(eye.address, words.tr), words.tr,  # as the dialog
                                              eye.recovered_unchecked):
            _warn(words, unfinished)
        for check in eye_disagreements(eye.eye_label, eye.doc, eye.header_eye, words.tr):
            _warn(words, words.tr(msg.CONTEXT, msg.ABOUT_CASE).format(case=case_name(eye.address, words.tr),
                                                                      check=check))
        if not eye.eye_label:  # a report without the eye is one to redo: said while the image is at hand
            _warn(words, _eye_not_recorded(eye, words))
        if eye.unsettled:
            _warn(words, words.tr(msg.CONTEXT, msg.NOT_CONSENSUS).format(case=case_name(eye.address, words.tr)))
        printed = effective_oct_class(eye.doc).oct_class  # the class this B-scan's report acts on
        severer = severer_bscans_warning(case_name(eye.address, words.tr), printed, eye.other_bscans, words.tr,
                                         functools.partial(oct_class_name, translate=words.tr))
        if severer is not None:
            _warn(words, severer)
    print(words.tr(msg.CONTEXT, msg.FONTS).format(fonts=fonts.describe(words.tr)))
    return DONE
