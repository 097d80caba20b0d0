"""The agreement figures as text, agreement.json and, per pair of readers, a confusion-matrix PNG for the DR grade,
one for the DME risk and one for the OCT class, each where the pair has cases on it (a folder of OCT scans gets no
empty DR pictures, a folder of photos no empty OCT one); in double reading one for the DR grade of the consensus
against the AI, where they have photos on it."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, NamedTuple, Sequence

from annotations.classes import DME_RISK_NAMES, DR_GRADE_NAMES, LESION_CLASSES, OCT_CLASSES
from annotations.output_folder import OutputFolder
from annotations.reading.reader_naming import names_the_folders_labels
from annotations.reading.settings import ReadingMode
from annotations.wording import Translate, english, fill
from inference import agreement_messages as msg
from annotations.reading.readers import reader_id
from inference.plots import confusion_png

REPORT_FILE = "agreement.json"
JOB = "agreement"  # what the output folder's manifest records as the kind of run that wrote its files


class ConfusionScale(NamedTuple):
    """A scale a pair's confusion is drawn for."""

    key: str  # its figures among the pair's
    prefix: str  # the PNG's name prefix
    levels: Sequence[str]  # in English, as agreement.json's confusion has them
    title: str  # marked in agreement_messages
    kappa: str  # the key of its kappa among its figures: quadratic on an ordered scale, plain on classes


CONFUSION_SCALES = (ConfusionScale("grade", "grades", DR_GRADE_NAMES, msg.GRADE_SCALE, "kappa_quadratic"),
                    ConfusionScale("dme", "dme", DME_RISK_NAMES, msg.DME_SCALE, "kappa_quadratic"),
                    ConfusionScale("oct_class", "oct", OCT_CLASSES, msg.OCT_SCALE, "kappa"))
GRADE_SCALE = CONFUSION_SCALES[0]  # the consensus picture's
# a level of a scale as a picture names it, by the scale's key and the level's index (the caller's clinical words)
LevelName = Callable[[str, int], str]


def english_level(key: str, index: int) -> str:
    return next(scale for scale in CONFUSION_SCALES if scale.key == key).levels[index]


def _reader(unnamed: str | None, name: str, translate: Translate) -> str:
    """A reader as the figures name them (reader_naming): the folder's unnamed labels as such."""
    return translate(msg.CONTEXT, msg.FOLDERS_LABELS) if names_the_folders_labels(unnamed, name) else name


def _show(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def format_text(report: dict[str, Any], translate: Translate = english) -> str:
    """The report as the command line prints it, in ``translate``'s language (agreement_messages), naming the readers
    as the window does (reader_naming); the OCT class line only where some pair classed OCT scans (a folder of photos
    has no OCT figures to show, as it gets no OCT picture)."""
    def said(template: str, **values: object) -> str:
        return fill(translate(msg.CONTEXT, template), **values)

    def reader(name: str) -> str:
        return _reader(report["folders_labels"], name, translate)

    lines = [said(msg.DOUBLE_HEADER if report["mode"] == ReadingMode.DOUBLE.value else msg.SINGLE_HEADER,
                  folder=report["folder"], readers=len(report["readers"]), cases=report["cases"])]
    any_oct = any(pair["oct_class"]["cases"] for pair in report["pairs"])
    for pair in report["pairs"]:
        grade, dme, referable, oct_class = pair["grade"], pair["dme"], pair["referable"], pair["oct_class"]
        a, b = map(reader, pair["readers"])
        lines += [said(msg.PAIR, a=a, b=b, cases=pair["cases"]),
                  msg.INDENT + said(msg.GRADE, kappa=_show(grade["kappa_quadratic"]),
                                    exact=_show(grade["exact_agreement"]), cases=grade["cases"]),
                  msg.INDENT + said(msg.GRADABILITY, both=pair["gradability"]["both_ungradable"],
                                    one=pair["gradability"]["one_ungradable"]),
                  msg.INDENT + said(msg.DME, kappa=_show(dme["kappa_quadratic"]), exact=_show(dme["exact_agreement"]),
                                    cases=dme["cases"]),
                  msg.INDENT + said(msg.REFERABLE, agreement=_show(referable["agreement"]),
                                    kappa=_show(referable["kappa"]))]
        if any_oct:
            lines.append(msg.INDENT + said(msg.OCT_CLASS, kappa=_show(oct_class["kappa"]),
                                           exact=_show(oct_class["exact_agreement"]), cases=oct_class["cases"]))
        lines.append(msg.INDENT + said(msg.LESIONS, figures="  ".join(
            said(msg.LESION, lesion=c.name, dice=_show(pair["pixel_dice"][c.name]),
                 f1=_show(pair["box_f1_iou50"][c.name])) for c in LESION_CLASSES)))
    def ai_gradability(row: dict[str, Any]) -> str:
        counts = row["gradability"]
        return msg.INDENT + said(msg.AI_GRADABILITY, both=counts["both_ungradable"],
                                 reference=counts["reference_only_ungradable"], ai=counts["ai_only_ungradable"])

    for row in report["versus_ai"]:
        grade, referable = row["grade"], row["referable"]
        lines += [said(msg.VERSUS_READER, reader=reader(row["reader"]), kappa=_show(grade["kappa_quadratic"]),
                       exact=_show(grade["exact_agreement"]), graded=grade["cases"],
                       sensitivity=_show(referable["sensitivity"]), specificity=_show(referable["specificity"]),
                       referable=referable["cases"]),
                  ai_gradability(row)]
    if (versus := report.get("versus_consensus")) is not None:  # double reading
        grade, referable = versus["grade"], versus["referable"]
        lines += [said(msg.VERSUS_CONSENSUS, kappa=_show(grade["kappa_quadratic"]),
                       exact=_show(grade["exact_agreement"]), graded=grade["cases"],
                       agreement=_show(referable["agreement"]), referable_kappa=_show(referable["kappa"]),
                       sensitivity=_show(referable["sensitivity"]), specificity=_show(referable["specificity"]),
                       referable=referable["cases"], unsettled=versus["without_consensus"]),
                  ai_gradability(versus)]
    return "\n".join(lines)


def _picture(scale: ConfusionScale, figures: dict[str, Any], rows: str, columns: str, translate: Translate,
             level_name: LevelName) -> bytes:
    """``figures``' confusion matrix on ``scale``, ``rows`` against ``columns``, in ``translate``'s words."""
    def said(template: str, **values: object) -> str:
        return fill(translate(msg.CONTEXT, template), **values)

    levels = [level_name(scale.key, index) for index in range(len(scale.levels))]
    title = said(msg.PICTURE_TITLE, scale=translate(msg.CONTEXT, scale.title), a=rows, b=columns,
                 kappa=_show(figures[scale.kappa]))
    return confusion_png(figures["confusion"], levels, title, row_title=said(msg.ROWS, reader=rows),
                         column_title=said(msg.COLUMNS, reader=columns))


def _plots(pair: dict[str, Any], unnamed: str | None, translate: Translate, level_name: LevelName) -> dict[str, bytes]:
    """The pair's confusion-matrix PNGs by file name (``grades_A_vs_B.png``, ``dme_A_vs_B.png``, ``oct_A_vs_B.png``,
    by the readers' ids), one per scale the pair has cases on; titled naming the readers as the text does."""
    a, b = pair["readers"]
    shown_a, shown_b = _reader(unnamed, a, translate), _reader(unnamed, b, translate)
    return {f"{scale.prefix}_{reader_id(a)}_vs_{reader_id(b)}.png":
            _picture(scale, figures, shown_a, shown_b, translate, level_name)
            for scale in CONFUSION_SCALES if (figures := pair[scale.key])["cases"]}


CONSENSUS_PLOT = "grades_consensus_vs_ai.png"  # no pair's: no reader's id is "consensus" (readers.reader_id)


def _consensus_plot(report: dict[str, Any], translate: Translate, level_name: LevelName) -> dict[str, bytes]:
    """The DR grade's confusion of the consensus (rows) and the AI (columns), where they have photos on it."""
    versus = report.get("versus_consensus")
    if versus is None or not versus["grade"]["cases"]:
        return {}
    return {CONSENSUS_PLOT: _picture(GRADE_SCALE, versus["grade"], translate(msg.CONTEXT, msg.CONSENSUS),
                                     translate(msg.CONTEXT, msg.AI), translate, level_name)}


def report_folder(report: dict[str, Any], out_dir: Path, overwrite: bool = False) -> OutputFolder:
    """The folder write_report writes in, claimed as the exports claim theirs (job agreement, the compared folder as
    photo folder): a file there that no run wrote is replaced only with ``overwrite``, and the pictures are refused
    in the compared folder or a folder inside it that holds other files (they would be listed as cases). The
    command makes it itself, so that it names what the run did to earlier files however the run ends
    (OutputFolder.notes), as evaluate does."""
    return OutputFolder(out_dir, overwrite=overwrite, photo_folders=[report["folder"]], job=JOB)


def write_report(report: dict[str, Any], out: Path | OutputFolder, translate: Translate = english,
                 level_name: LevelName = english_level) -> OutputFolder:
    """agreement.json, and each pair's confusion matrices (_plots) and the consensus's against the AI in
    ``translate``'s words, their levels named by ``level_name``, through ``out``
    (report_folder's; a path gets a new one, not overwriting): a refused run writes nothing, and one an earlier run
    wrote and someone edited since is kept aside (OutputFolder.kept_aside). With the folder's ``overwrite``, an
    earlier run's files this one no longer writes (a pair of readers, or a scale, no longer compared) are removed
    where still as written (OutputFolder.remove_earlier). Returns the folder, which lists the files written,
    removed, kept aside and left."""
    out = out if isinstance(out, OutputFolder) else report_folder(report, out)
    plots = {name: png for pair in report["pairs"]
             for name, png in _plots(pair, report["folders_labels"], translate, level_name).items()}
    plots.update(_consensus_plot(report, translate, level_name))
    with out.claimed():
        out.reserve([REPORT_FILE, *plots])  # refused before the first byte is written
        out.write_text(REPORT_FILE, json.dumps(report, indent=1, ensure_ascii=False))
        for name, png in plots.items():
            out.write_bytes(name, png)
        if out.overwrite:  # asked to replace: a picture of a pair no longer compared would read as this run's
            out.remove_earlier()
    return out
