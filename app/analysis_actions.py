"""The analysis the person asks for: the open case (F5; a case whose file could not be read is read again first),
or every case of the folder (Analyse all), which asks first whether cases that already have an AI result are analysed
again, and says at the end how it went; and the AI a blind reader's submission reveals. A failed analysis is said
in the status bar, naming its case where it is not the open one. The work itself runs in AnalysisController."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject

from annotations.bscan_scope import with_bscans
from annotations.case_scopes import analysis_scope
from annotations.workspace import Workspace, WorkspaceError
from app.analysis_controller import BatchTally
from app.folder_items import FolderItems
from app.inference_messages import shown_message
from inference.model_plan import planned_models, saved_by_other_models
from widgets.confirm import ask_choice, ask_yes_no
from widgets.shown_lists import shown_clauses

if TYPE_CHECKING:
    from app.main_window import MainWindow


class AnalysisActions(QObject):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.cases = window.cases
        self.analysis = window.analysis
        # Asked (title, question, answers) before work already done is redone; the index answered, None: cancel.
        self.choose: Callable[[str, str, list[str]], int | None] = \
            lambda title, question, choices: ask_choice(window, title, question, choices)
        self._unreadable_skipped = 0  # of the running Analyse all: cases left out because their file cannot be read
        self._analyse_once_read: str | None = None  # F5 on a case that could not be read: analysed once it is
        # the folder the running Analyse all analyses: its end is said once another folder may be open
        self._batch_workspace: Workspace | None = None
        self.analysis.job_started.connect(self._note_batch_workspace)
        self.analysis.batch_ended.connect(self._on_batch_ended)
        self.analysis.case_failed.connect(self._on_case_failed)
        self.cases.image_loaded.connect(self._on_read_again)
        self.cases.case_failed.connect(self._on_still_unreadable)

    def analyze_current(self) -> None:
        case_id = self.cases.current_id
        if case_id is None or self.cases.workspace is None:
            return
        if self.cases.open_error is not None:  # its file could not be read: read it again (its share may be back)
            self._analyse_once_read = case_id
            self.cases.try_again()
            return
        if self.cases.ai_results.hidden(case_id):
            self.window.show_message(self.tr("Blind reading: the AI's result is shown once you submit this case "
                                             "(mark it done)."))
            return
        if self._may_stop_batch(case_id):
            self.analysis.analyze_case(self.cases.analysis_item(case_id))

    def _may_stop_batch(self, case_id: str) -> bool:
        """One analysis runs at a time: analysing the open case during an "Analyse all" stops the run, which F5 did
        unasked (a morning's run of the whole folder ended by one photo's F5). Asked as closing the folder is."""
        tally = self.analysis.running_batch()
        if tally is None:
            return True
        question = (self.tr("Analyse all is running: {analysed} of {total} cases analysed so far, and it comes to "
                            "this case in its turn. Stop it to analyse this case now? Its results are kept, and "
                            "Analyse all run again offers to analyse only the others.")
                    if self.analysis.analysing(case_id) else
                    self.tr("Analyse all is running: {analysed} of {total} cases analysed so far. Stop it to analyse "
                            "this case now? Its results are kept, and Analyse all run again offers to analyse only "
                            "the others.")).format(analysed=tally.analysed, total=tally.total)
        return ask_yes_no(self.window, self.tr("Analyse case"), question)

    def _on_case_failed(self, case_id: str, error: str) -> None:
        """An analysis failed: a case's that is not the open one (the person moved on before it ended, a case of
        Analyse all, a reveal) is named, or its error would read as the open case's; a job failed as a whole
        (``case_id`` "") and the open case's are not."""
        shown = shown_message(error)
        if case_id and case_id != self.cases.current_id:
            text = self.tr("Analysis of {case} failed: {error}").format(case=self.cases.case_name(case_id), error=shown)
        else:
            text = self.tr("Analysis failed: {error}").format(error=shown)
        self.window.show_message(text)

    def _on_read_again(self, case_id: str, _image: object) -> None:
        if case_id == self._analyse_once_read:
            self._analyse_once_read = None
            if not self.window.display.analyses_when_shown():  # else showing it analyses it
                self.analyze_current()

    def _on_still_unreadable(self, case_id: str, message: str) -> None:
        if case_id == self._analyse_once_read:
            self._analyse_once_read = None
            self.window.show_message(self.tr("Cannot analyse this case: {reason}").format(
                reason=shown_message(message)))

    def reveal(self, case_id: str) -> None:
        """A blind reader submitted the open case: its AI is shown now. A result stored before the folder went blind
        is shown again, analysed anew only when the models changed since (and the settings analyse on opening, as
        a case opened with a result is otherwise shown as stored); without one the case is analysed when the
        settings say so. Either goes on when the reader moves to the next case."""
        cases, analyze_on_open = self.cases, self.window.values.analyze_on_open
        stored = cases.ai_results.withheld(case_id)
        if cases.workspace is None or cases.doc is None or cases.doc.ai is not None:
            return
        if stored is not None and not analyze_on_open:
            cases.ai_results.apply(case_id, stored)
        elif stored is not None or analyze_on_open:
            self.analysis.reveal_case(cases.analysis_item(case_id, stored=stored))

    def analyze_all(self) -> None:
        """Analyse the folder's cases that have no AI result yet; asks first whether to redo those that have one,
        offering apart those whose result names models the analysis no longer runs (a retrained model gone back
        from, a model an update replaced). Each B-scan of an OCT volume is a case here, with its own result
        (annotations.bscan_scope). Which cases those are is read on the storage worker (every case of a big
        folder), then asked here. Progress and Cancel are in the status bar, so browsing and grading go on
        meanwhile."""
        workspace = self.cases.workspace
        if workspace is None or self._runs_already():
            return
        source, blind, folder = self.cases.summaries, self.cases.blind_ai, workspace.folder
        recorded = self.cases.pixels.recorded_modalities()  # a case marked OCT or fundus by hand is analysed as that
        settings = self.window.values.analysis_settings()

        def read() -> tuple[int, FolderItems, FolderItems, FolderItems, int]:
            scope = analysis_scope(with_bscans(workspace, source.facts(worker=True)), blind)
            planned = planned_models(settings)
            outdated = {f.case_id for f in scope.readable if f.analysed
                        and saved_by_other_models(_saved_json(workspace, f.case_id), planned)}
            renewed = {f.case_id for f in scope.readable if not f.analysed or f.case_id in outdated}
            readable = FolderItems(folder, scope.readable, recorded)  # once: the choices are made of its strings
            return (scope.analysed, readable, readable.only({f.case_id for f in scope.new}), readable.only(renewed),
                    scope.unreadable)

        self.window.show_message(self.tr("Counting the cases to analyse…"))
        self.cases.storage.submit(read, done=lambda found: self._analyze_scope(workspace, *found))

    def _analyze_scope(self, workspace: Workspace, analysed: int, readable: FolderItems, new: FolderItems,
                       renewed: FolderItems, unreadable: int) -> None:
        """Ask, then analyse the ``new`` cases (no AI result), or those and the ones made by other models
        (``renewed``), or every ``readable`` case (``analysed`` of them have a result); ``unreadable`` cases are
        left out, and both messages say so."""
        if self.cases.workspace is not workspace:
            return  # another folder was opened meanwhile
        if self._runs_already():  # started meanwhile (Shift+F5 pressed twice while the cases were counted)
            return
        chosen = new
        if analysed:
            outdated = len(renewed) - len(new)
            options: list[tuple[str, FolderItems]] = []
            if new:
                question = self.tr("{analysed} of {total} cases already have an AI result. Analyse only the {new} "
                                   "without one, or all {total} again?").format(
                    analysed=analysed, total=len(readable), new=len(new))
                options.append((self.tr("Only the {new} new").format(new=len(new)), new))
            else:
                question = self.tr("All {total} cases already have an AI result. Analyse them all again?").format(
                    total=len(readable))
            if outdated:
                question += " " + self.tr("{outdated} of the results were made by models the analysis no longer "
                                          "uses.").format(outdated=outdated)
                options.append(((self.tr("The {new} new and the {outdated} of other models") if new
                                 else self.tr("Only the {outdated} of other models")).format(
                    new=len(new), outdated=outdated), renewed))
            options.append((self.tr("All {total} again").format(total=len(readable)) if options
                            else self.tr("Analyse again"), readable))
            answer = self.choose(self.tr("Analyse all"), question, [text for text, _ in options])
            if answer is None:
                self.window.statusBar().clearMessage()
                return
            chosen = options[answer][1]
        skipped = [self._unreadable_clause(unreadable)] if unreadable else []
        if not chosen:
            self.window.show_message(shown_clauses([self.tr("No case to analyse")] + skipped))
            return
        self._unreadable_skipped = unreadable
        self.analysis.analyze_all(chosen)
        started = self._started(chosen).format(count=len(chosen), volumes=chosen.volumes, series=chosen.photo_series)
        self.window.show_message(shown_clauses([started] + skipped
                                               + [self.tr("progress and Cancel are in the status bar.")]))

    def _started(self, chosen: FolderItems) -> str:
        """What an "Analyse all" of ``chosen`` says it analyses, with the multi-frame files whose frames it counts."""
        if chosen.volumes and chosen.photo_series:
            return self.tr("Analysing {count} case(s), each B-scan of {volumes} OCT volume(s) and each frame of "
                           "{series} multi-frame photo(s) one of them")
        if chosen.volumes:
            return self.tr("Analysing {count} case(s), each B-scan of {volumes} OCT volume(s) one of them")
        if chosen.photo_series:
            return self.tr("Analysing {count} case(s), each frame of {series} multi-frame photo(s) one of them")
        return self.tr("Analysing {count} case(s)")

    def _runs_already(self) -> bool:
        """Analyse all asked for while one runs leaves it going, and says so: it replaced the run, its case under
        way analysed again from the start (that work thrown away) and the cases it would come to asked about anew.
        One being cancelled (the person's Cancel, its case still ending) may be replaced."""
        tally = self.analysis.running_batch()
        if tally is None:
            return False
        self.window.show_message(self.tr("Analyse all is already running: {analysed} of {total} cases analysed so "
                                         "far; progress and Cancel are in the status bar.").format(
            analysed=tally.analysed, total=tally.total))
        return True

    def _unreadable_clause(self, count: int) -> str:
        return self.tr("{count} left out because their files cannot be read (opening one reads it again)").format(
            count=count)

    def _note_batch_workspace(self) -> None:
        if self.analysis.batch_running:
            self._batch_workspace = self.cases.workspace

    def _on_batch_ended(self, tally: BatchTally) -> None:
        """One message for the whole run: each case's warnings are kept with its result and shown in its findings,
        so they are counted here rather than flashed one after the other. A run its folder's closing stopped ends
        once the next folder is open (or opening): the message names the folder it was about."""
        if tally.cancelled and self.analysis.running_batch() is not None:
            return  # replaced by Analyse all asked for after its Cancel: said, "cancelled" hid the new run's start
        workspace, self._batch_workspace = self._batch_workspace, None
        if workspace is not None and workspace is not self.cases.workspace:
            head = (self.tr("Closing {folder} stopped its Analyse all: {count} case(s) analysed") if tally.cancelled
                    else self.tr("Analyse all of {folder} done: {count} case(s) analysed"))
        else:
            head = (self.tr("Analyse all cancelled: {count} case(s) analysed") if tally.cancelled
                    else self.tr("Analyse all done: {count} case(s) analysed"))
        folder = "" if workspace is None else workspace.folder.name or str(workspace.folder)
        head = head.format(count=tally.analysed, folder=folder)
        parts = [head]
        if tally.warned:
            parts.append(self.tr("{count} with warnings, shown in each case's findings").format(count=tally.warned))
        if tally.failed:
            parts.append(self.tr("{count} failed").format(count=tally.failed))
        if self._unreadable_skipped:
            parts.append(self._unreadable_clause(self._unreadable_skipped))
            self._unreadable_skipped = 0
        self.window.show_message(shown_clauses(parts))


def _saved_json(workspace: Workspace, case_id: str) -> dict | None:
    """A case file without its arrays; None where it cannot be read (its analysis is not offered again for it)."""
    try:
        data = workspace.case_files.read_json(case_id)
    except (WorkspaceError, OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
