"""A key's refusal on the open case, said in the status bar ("No AI result for this case: run the analysis (F5)
first", "The AI is still analysing this case: G takes its grade once it is shown"), is taken back once it may no
longer hold: the case's analysis starts or delivers, or another case opens (app.case_message). It stayed its 15 s
beside the analysis' progress the reader had started with F5, over the AI's grade once shown, and on the next case,
which it did not name."""
from __future__ import annotations

from typing import TYPE_CHECKING

from app.case_message import CaseMessage

if TYPE_CHECKING:
    from app.main_window import MainWindow


class CaseRefusal(CaseMessage):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        window.analysis.job_started.connect(self.withdraw)
        window.analysis.result_ready.connect(lambda case_id, _result: self._delivered(case_id))

    def _delivered(self, case_id: str) -> None:
        if case_id == self.window.cases.current_id:
            self.withdraw()
