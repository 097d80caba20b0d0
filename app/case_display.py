"""The open case in the window: its preview at once, then its pixels and overlays on the canvas, its findings,
or a notice saying why it cannot be shown. The view follows the case's modality (an OCT scan gets the heat map,
not the lesion tools), and the heat-map actions what the findings panel can show. A folder's first case shown takes
the keyboard to the canvas, as labelImg's does, so the arrows nudge a box and Del deletes it from the start."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QObject
from PySide6.QtWidgets import (QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit,
                               QWidget)

from annotations.commands import Change
from annotations.document import AIResult, CaseDocument, Modality, ReviewState
from annotations.frames import listed_case_id
from annotations.history import History
from annotations.reading.arbiter_list import arbiter_review_state, unsettled_done
from app import actions as action_table
from app.inference_messages import shown_message
from inference.analysis_settings import AnalysisSettings
from inference.model_card import ModelError
from inference.model_plan import outdated_models, planned_models

if TYPE_CHECKING:
    from app.main_window import MainWindow


TYPING_WIDGETS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox)


class CaseDisplay(QObject):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.cases = window.cases
        self.canvas = window.canvas
        self.findings = window.findings
        self.centre, self.notice = window.centre, window.notice  # the canvas or the notice
        self.actions = window.actions
        self.analysis = window.analysis
        cases = self.cases
        cases.case_loading.connect(self._on_case_loading)
        cases.case_opened.connect(self._on_case_opened)
        self._keys_to_canvas = False  # a folder just opened: its first case shown takes the keyboard to the canvas
        self._typing_focus: QWidget | None = None  # the field typed in as the case being read was chosen
        cases.workspace_opened.connect(lambda _workspace: setattr(self, "_keys_to_canvas", True))
        cases.case_failed.connect(self._on_case_failed)
        self.notice.retry_requested.connect(cases.try_again)
        self.notice.set_aside_requested.connect(cases.set_aside_damaged)
        cases.preview_ready.connect(self._on_preview)
        cases.image_loaded.connect(self._on_image_loaded)
        cases.modality_changed.connect(self._on_modality)
        cases.document_changed.connect(self._on_document_changed)
        self.findings.review_shown = self._review_shown
        self.findings.grade_withheld = self._grade_withheld
        self.findings.outdated_models = self._outdated_models
        self._outdated: tuple[AIResult, bool, AnalysisSettings, list[str]] | None = None  # the last one asked
        self._full_photo: tuple[object, str] | None = None  # (folder, case id) whose full photo the canvas shows
        cases.listing.reading_states_changed.connect(self.findings.show_review_state)  # disputed now, or settled

    def _on_case_loading(self, case_id: str) -> None:
        """The case chosen is read from the store (a network share may take seconds): its row is the current one at
        once, and the previous case's labels and findings go, as nothing of theirs can be edited now. A field typed
        in keeps the keyboard once the case is in (its panel is disabled meanwhile)."""
        focus = QApplication.focusWidget()
        self._typing_focus = focus if isinstance(focus, TYPING_WIDGETS) else None
        self.window.case_list.select_case(listed_case_id(case_id))
        self.canvas.set_document(None)
        self.findings.show_document(None, self.findings.oct_mode)
        self.window.update_title()

    def _on_case_opened(self, doc: CaseDocument, history: History) -> None:
        self.window.case_list.select_case(listed_case_id(doc.case_id))  # a B-scan's row is its volume's
        self.analysis.case_switched(doc.case_id)
        # The case whose photo is shown opened again (its folder reopened after an import): its labels at once,
        # over the photo, not the photo alone until its pixels are decoded again.
        same_photo = self._photo_key(doc.case_id) == self._full_photo and self.canvas.image_size() == (doc.width,
                                                                                                        doc.height)
        self.canvas.set_document(doc if same_photo else None)
        if not same_photo:
            self._full_photo = None
        self.findings.withhold_ai(self.cases.ai_results.hidden(doc.case_id, doc))
        # A placeholder comes next (preview_ready, within this switch), a large JPEG's preview, then its full pixels,
        # read on the worker. The document
        # (overlays) follows with the full pixels: building a 12-megapixel overlay takes tens of
        # milliseconds, which would delay the first paint of the preview.
        self.findings.show_document(doc, self.cases.modality is Modality.OCT)
        self.window.update_title()
        focus, self._typing_focus = self._typing_focus, None
        if focus is not None and focus.isEnabled() and not isinstance(QApplication.focusWidget(), TYPING_WIDGETS):
            focus.setFocus()
        if self._keys_to_canvas:
            self._keys_to_canvas = False
            if not isinstance(QApplication.focusWidget(), TYPING_WIDGETS):  # never from under the person's typing
                self.canvas.setFocus()

    def _outdated_models(self, ai: AIResult, oct_mode: bool) -> list[str]:
        """The models that made ``ai`` which the analysis no longer runs (inference.model_plan.outdated_models: the
        model folders' cards, read without torch), asked again only for another result or other settings."""
        settings = self.window.values.analysis_settings()
        last = self._outdated
        if last is None or last[0] is not ai or last[1:3] != (oct_mode, settings):
            try:
                names = outdated_models(ai.models, planned_models(settings), oct_mode)
            except (ModelError, OSError, ValueError):  # a model folder that cannot be read: nothing to say of it
                names = []
            self._outdated = last = (ai, oct_mode, settings, names)
        return last[3]

    def _review_shown(self, doc: CaseDocument) -> ReviewState:
        """The Review box as the arbiter's list shows the case (annotations.reading.arbiter_list): one whose readers
        disagree is to do until it is arbitrated, whatever the consensus store marked done (e.g. a stale agreement)."""
        return arbiter_review_state(doc.review_state, self._arbiters_reading_state(doc))

    def _grade_withheld(self, doc: CaseDocument) -> bool:
        """The grade as the arbiter's list shows it: none where the store holds done a case its readers dispute (an
        agreement disputed since): that grade is no consensus."""
        return unsettled_done(doc.review_state, self._arbiters_reading_state(doc))

    def _arbiters_reading_state(self, doc: CaseDocument) -> str:
        """Where the readings of ``doc``'s case stand (a CaseState's value) in the arbiter's window; "" elsewhere."""
        if not self.cases.holds_consensus:
            return ""
        state = self.cases.listing.reading_states.get(doc.case_id)
        return state.value if state is not None else ""

    def _on_preview(self, case_id: str, rgb: np.ndarray | None, width: int, height: int) -> None:
        if case_id == self.cases.current_id:
            if self._photo_key(case_id) == self._full_photo:
                return  # its full photo is shown already: no reduced one over it
            self._full_photo = None
            self.canvas.show_preview(rgb, width, height)  # a large JPEG shows reduced at once
            self.centre.setCurrentWidget(self.canvas)

    def _show_document_on_canvas(self) -> None:
        """The canvas takes the document once it shows an image of the document's size."""
        doc = self.cases.doc
        if doc is not None and self.canvas.image_size() == (doc.width, doc.height):
            self.canvas.set_document(doc)
            self.centre.setCurrentWidget(self.canvas)
            self._update_heatmap_actions()

    def _photo_key(self, case_id: str) -> tuple[object, str]:
        workspace = self.cases.workspace
        return (workspace.folder if workspace is not None else None, case_id)

    def _on_image_loaded(self, case_id: str, image: np.ndarray) -> None:
        self.canvas.set_image(image, self.cases.pixel_spacing)  # a B-scan drawn at its true shape
        self._full_photo = self._photo_key(case_id)
        self._show_document_on_canvas()
        self._analyse_if_wanted(case_id)

    def analyses_when_shown(self) -> bool:
        """Whether showing the open case analyses it: no AI result yet, the settings say so, no Analyse all runs."""
        doc = self.cases.doc
        return doc is not None and doc.ai is None and self.window.values.analyze_on_open \
            and not self.analysis.batch_running

    def _analyse_if_wanted(self, case_id: str) -> None:
        """Analyse the open case from its pixels just shown when it has no AI result and the settings say so (a blind
        reader's submission reveals it through AnalysisActions.reveal)."""
        doc = self.cases.doc
        if not self.analyses_when_shown():
            return
        if self.analysis.owes(case_id):
            return  # its reveal is under way or waiting: analysing it here too would put that off for nothing
        if not self.cases.ai_results.hidden(case_id, doc):  # a blind reader's result would only be dropped
            self.analysis.analyze_case(self.cases.analysis_item(case_id))

    def _on_case_failed(self, case_id: str, message: str) -> None:
        message = shown_message(message)  # e.g. an ImageLoadError's text, which names the file
        self._full_photo = None
        self.window.case_list.select_case(listed_case_id(case_id))
        self.analysis.case_switched(case_id)
        self.findings.show_error(message, self.cases.pixels.failed_modality(case_id) is Modality.OCT)
        self.show_notice(self.tr("This case cannot be shown:\n\n{reason}").format(reason=message), can_retry=True,
                         can_set_aside=self.cases.open_damaged)
        self.window.update_title()

    def show_notice(self, text: str, can_retry: bool = False, can_set_aside: bool = False) -> None:
        """``text`` in place of the canvas; ``can_retry``: with Try again, which opens the case again;
        ``can_set_aside``: with Open without the damaged file (CaseController.set_aside_damaged)."""
        self.notice.show_text(text, can_retry, can_set_aside)
        self.centre.setCurrentWidget(self.notice)

    def _on_document_changed(self, change: Change) -> None:
        doc = self.cases.doc
        if doc is None:
            return
        if change.kind == "review":  # a blind reader who submits the case sees the AI's result from now on
            was_withheld, withheld = self.findings.ai_withheld, self.cases.ai_results.hidden(doc.case_id, doc)
            self.findings.withhold_ai(withheld)
            if was_withheld and not withheld:  # any other review change: the analysis running (or cancelled) stands
                self.window.analysis_actions.reveal(doc.case_id)
        if change.kind in ("grade", "findings", "review", "ai"):
            self.findings.show_document(doc)
        if self.canvas.layers.document() is doc:
            self.canvas.apply_change(change)
        if change.kind == "ai":
            self._update_heatmap_actions()

    def _on_modality(self, modality: Modality) -> None:
        oct_mode = modality is Modality.OCT
        if oct_mode != self.findings.oct_mode:  # the reader's H choice stands while the modality stays
            self.actions["layer_heatmap"].setChecked(oct_mode)
        self.findings.set_oct_mode(oct_mode)
        self._update_heatmap_actions()
        for name in ("layer_MA", "layer_HE", "layer_EX", "layer_SE", "layer_OD", "layer_boxes",
                     *action_table.READER_GRADE_ACTIONS):  # their keys say why (MainWindow's GreyedKeys)
            self.actions[name].setEnabled(not oct_mode)
        if oct_mode:  # OCT scans get the heat map, not the lesion tools
            self.window.annotation.choose_tool("none")
        self.window.annotation.tool_bars_shown.set_oct_mode(oct_mode)

    def _update_heatmap_actions(self) -> None:
        """H and Shift+H work when the findings panel has a heat map to show (Grad-CAM or a class's)."""
        self.actions["layer_heatmap"].setEnabled(self.findings.heat.shown_source() is not None)
        self.actions["next_heatmap"].setEnabled(len(self.findings.heat.available_sources()) > 1)
