"""Double reading at full size (4288 x 2848): a case's state when the grades differ or agree, preparing the
arbitration view and drawing its three panes at a large screen's sizes, and the agreement figures per case (the
readers' labels alike, so a case whose grades agree is agreed; with the AI against the consensus, before the consensus
is stored and after). Generated images; prints medians in milliseconds."""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

from annotations.document import AIResult, ReaderGrade, ReviewState
from annotations.reading.consensus import settle_agreed, state_of
from annotations.reading.readers import open_consensus, open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from annotations.reading.side_by_side import READING_PANES, Pane, fitted_size, prepare_arbitration, render_panes
from annotations.workspace.scan import case_id_for
from bench.bench_workspace import FULL_SIZE, median_ms, painted_mask
from inference.agreement import folder_agreement

CASES = 6


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "photos"
        folder.mkdir()
        rng = np.random.default_rng(0)
        for index in range(CASES):
            Image.fromarray(rng.integers(0, 255, (*FULL_SIZE, 3), np.uint8)).save(folder / f"p{index}.jpg")
        save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
        masks = [painted_mask(rng) for _ in range(CASES)]
        for name, grade_of in (("A", lambda i: 2), ("B", lambda i: 2 if i % 2 else 3)):
            with open_reader(folder, name) as ws:
                for index in range(CASES):
                    doc = ws.load_case(case_id_for(f"p{index}.jpg"))
                    doc.mask = masks[index].copy()
                    doc.grade = ReaderGrade(dr_grade=grade_of(index), dme_risk=0)
                    doc.review_state = ReviewState.DONE
                    if name == "A":
                        doc.ai = AIResult(dr_grade=2, referable=True, grade_source="model")
                    ws.save_case(doc)
        differ, agree = case_id_for("p0.jpg"), case_id_for("p1.jpg")
        print(f"state, grades differ (case files only): {median_ms(lambda _: state_of(folder, differ)):8.1f} ms")
        print(f"state, grades agree (masks compared):   {median_ms(lambda _: state_of(folder, agree), 3):8.1f} ms")
        print(f"arbitration view prepared:              "
              f"{median_ms(lambda _: prepare_arbitration(folder, differ), 3):8.1f} ms")
        case = prepare_arbitration(folder, differ)
        for side in (1500, 3000, FULL_SIZE[1]):  # panes of a 2560-pixel screen; of a 4K one at twice the density
            wanted = {pane: fitted_size(case.image_size, side) for pane in (*READING_PANES, Pane())}
            print(f"arbitration panes drawn {side} px wide:   "
                  f"{median_ms(lambda _: render_panes(case, wanted), 3):8.1f} ms")
        print(f"agreement figures per case (2 readers): {_agreement_ms(folder):8.1f} ms")
        with open_consensus(folder, "Arbiter") as consensus:
            settle_agreed(consensus, "Arbiter")
        print(f"  the agreed consensus stored:          {_agreement_ms(folder):8.1f} ms")


def _agreement_ms(folder: Path) -> float:
    """folder_agreement's time per case."""
    started = time.perf_counter()
    folder_agreement(folder)
    return (time.perf_counter() - started) * 1000 / CASES


if __name__ == "__main__":
    main()
