"""The agreement figures as text, agreement.json and one grade confusion-matrix PNG per pair of readers."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from annotations.classes import DR_GRADE_NAMES, LESION_CLASSES
from annotations.output_folder import OutputFolder
from annotations.reading.readers import reader_id
from inference.plots import confusion_png

REPORT_FILE = "agreement.json"


def _show(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def format_text(report: dict[str, Any]) -> str:
    lines = [f"{report['folder']}: {report['mode']} reading, {len(report['readers'])} reader(s), "
             f"{report['cases']} case(s) with saved readings"]
    for pair in report["pairs"]:
        grade, dme, referable = pair["grade"], pair["dme"], pair["referable"]
        lines += [f"{pair['readers'][0]} vs {pair['readers'][1]} ({pair['cases']} case(s) read by both)",
                  f"  DR grade   kappa (quadratic) {_show(grade['kappa_quadratic'])}  exact agreement "
                  f"{_show(grade['exact_agreement'])}  ({grade['cases']} graded by both)",
                  f"  DME risk   kappa (quadratic) {_show(dme['kappa_quadratic'])}  exact agreement "
                  f"{_show(dme['exact_agreement'])}  ({dme['cases']} graded by both)",
                  f"  referable  agreement {_show(referable['agreement'])}  kappa {_show(referable['kappa'])}",
                  "  lesions    " + "  ".join(f"{c.name} Dice {_show(pair['pixel_dice'][c.name])} "
                                             f"F1 {_show(pair['box_f1_iou50'][c.name])}" for c in LESION_CLASSES)]
    for row in report["versus_ai"]:
        grade, referable = row["grade"], row["referable"]
        lines.append(f"AI vs {row['reader']} as reference: grade kappa {_show(grade['kappa_quadratic'])} exact "
                     f"{_show(grade['exact_agreement'])} ({grade['cases']}); referable sensitivity "
                     f"{_show(referable['sensitivity'])} specificity {_show(referable['specificity'])} "
                     f"({referable['cases']})")
    return "\n".join(lines)


def write_report(report: dict[str, Any], out_dir: Path, overwrite: bool = False) -> list[Path]:
    """agreement.json and ``grades_A_vs_B.png`` for each pair, through an OutputFolder (a file there that this
    run did not write is replaced only with ``overwrite``); returns the files written."""
    out = OutputFolder(out_dir, overwrite=overwrite)
    names = [f"grades_{reader_id(p['readers'][0])}_vs_{reader_id(p['readers'][1])}.png" for p in report["pairs"]]
    out.reserve([REPORT_FILE, *names])  # refused before the first byte is written
    written = [out.write_text(REPORT_FILE, json.dumps(report, indent=1, ensure_ascii=False))]
    for pair, name in zip(report["pairs"], names):
        a, b = pair["readers"]
        written.append(out.write_bytes(name, confusion_png(
            pair["grade"]["confusion"], DR_GRADE_NAMES,
            f"DR grade: {a} vs {b} (kappa {_show(pair['grade']['kappa_quadratic'])})",
            row_title=f"{a} (rows)", column_title=f"{b} (columns)")))
    return written
