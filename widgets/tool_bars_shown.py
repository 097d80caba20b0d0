"""Which lesion tool bars show: none while an OCT scan is shown, and for a photo each one the reader did not hide
(the tool bars' context menu and View ▸ Tool bars and panels list them). Opening a case no longer brings back a bar
the reader hid, and the window saves the reader's choice, not the OCT mode's."""
from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QToolBar


class ToolBarsShown:
    def __init__(self, bars: Sequence[QToolBar]) -> None:
        self.bars = tuple(bars)
        self.hidden_by_reader: set[QToolBar] = set()
        for bar in self.bars:
            bar.toggleViewAction().triggered.connect(lambda shown, bar=bar: self._reader_chose(bar, shown))

    def restored(self) -> None:
        """The bars hidden in the window's saved state are the ones the reader hid."""
        self.hidden_by_reader = {bar for bar in self.bars if bar.isHidden()}

    def set_oct_mode(self, oct_mode: bool) -> None:
        """While an OCT scan is shown a bar's entry is unticked and greyed, wherever it is listed: the scan hid it,
        not the reader, and ticking it would put lesion tools over the scan."""
        for bar in self.bars:
            bar.setVisible(not oct_mode and bar not in self.hidden_by_reader)
            toggle = bar.toggleViewAction()
            toggle.setEnabled(not oct_mode)
            toggle.setToolTip(QCoreApplication.translate("ToolBarsShown", "Hidden while an OCT scan is shown")
                              if oct_mode else "")  # "": the default, the bar's title

    def _reader_chose(self, bar: QToolBar, shown: bool) -> None:
        if shown:
            self.hidden_by_reader.discard(bar)
        else:
            self.hidden_by_reader.add(bar)
