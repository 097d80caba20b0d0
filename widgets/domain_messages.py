"""Texts that annotations/ writes in English (errors that name a file, the workspace's messages, an import's or
export's warnings, double reading's notes, why a tool cannot act), shown in the interface's language.

One KnownTexts per context, built from the very templates the Qt-free code formats (its ``messages`` modules),
so the two cannot drift; ``shown_message`` tries them all, and the most specific that matches wins. Every place
that shows such a text calls it: the status bar, the case list's tool tip, a case that cannot be shown, the import
and export summaries."""
from __future__ import annotations

from annotations import case_names, errors
from annotations import messages as file_messages
from annotations.dicom import messages as dicom_messages
from annotations.formats import messages as format_messages
from annotations.os_reasons import os_reason
from annotations.reading import messages as reading_messages
from annotations.tools import messages as tool_messages
from annotations.workspace import messages as workspace_messages
from annotations.workspace import transfer_messages
from annotations.wording import CLAUSE_SEPARATOR, LIST_CONTEXT, MORE_NAMES, QUOTED_NAME
from widgets.known_texts import AsWritten, KnownTexts, ListOf, OneOf, most_specific

QUOTED = AsWritten(QUOTED_NAME)  # a file or image name as annotations/ quotes it (wording.quote_name)
MORE = KnownTexts(LIST_CONTEXT, (MORE_NAMES,), parts={"count": (AsWritten("[0-9]+"),)})  # "... (+2)": a list cut short

# Lists, joined as the interface's language lists them: file or image names, each quoted by annotations/ (wording.
# join_names), so a name holding ", " stays one name, and how many more; words that hold no ", " (class codes, shape
# kinds, column names, choices), joined by wording.join_items; cases' names and "case -> stem" renamings (below). A
# word that could hold ", " made a text with many (a model card's problems, each "…, not a list") try every way of
# splitting it against a template listing words: seconds on the interface's thread.
NAMES = ListOf(OneOf(QUOTED, MORE))
WORDS = ListOf(AsWritten("(?:(?!, ).)+"))

# A case as a message names it (annotations.case_names): its quoted image, or a volume's B-scan (a multi-frame
# photo's frame) by its number (digits only: in a list, "'v.dcm', B-scan 799, x" is no case).
CASE_NAME = OneOf(KnownTexts("CaseNames", (case_names.BSCAN_NAME, case_names.FRAME_NAME),
                             parts={"image": (QUOTED,), "number": (AsWritten("[0-9]+"),)}), QUOTED)
CASE_NAMES = ListOf(OneOf(CASE_NAME, MORE))  # wording.join_named
RENAMINGS = ListOf(KnownTexts("OutputRenamings", (file_messages.RENAMED_AS,),
                              parts={"path": (CASE_NAME,), "stem": (QUOTED,)}))  # a case's name -> its stem

# why the system refused a write or a read (annotations.os_reasons), or a decoder the content of a file it read
# (annotations.decoder_reasons): the causes a person can fix, else the system's or the library's words
OS_REASONS = KnownTexts("OsReasons", file_messages.OS_REASONS)
DECODER_REASONS = KnownTexts("DecoderReasons", file_messages.DECODER_REASONS)
SYSTEM_REASON = (OS_REASONS, DECODER_REASONS, AsWritten())
WRITE_HINTS = KnownTexts("WriteHints", file_messages.WRITE_HINTS)  # what to do about it, by its cause


def shown_os_reason(exc: OSError) -> str:
    """Why the system refused a write (annotations.os_reasons.os_reason), in the interface's language: what a
    window says after "Cannot write {path}"."""
    return OS_REASONS(os_reason(exc))


FILE_SIZES = (KnownTexts("FileSizes", (file_messages.SIZE_IN_BYTES,)), AsWritten())  # else in MB, as written
FILE_TEXTS = KnownTexts("FileMessages", file_messages.TEMPLATES,
                        # "is {kind}, not a regular file"; "too large for {what}"
                        {word: word for word in (*file_messages.FILE_KINDS, *file_messages.FILE_ROLES)},
                        parts={"renamed": (RENAMINGS,), "error": SYSTEM_REASON, "size": FILE_SIZES,
                               "limit": FILE_SIZES})
# a transfer syntax's UID only: its name may hold brackets of its own ("JPEG Extended (Process 2 and 4)")
DICOM_TEXTS = KnownTexts("DicomMessages", dicom_messages.TEMPLATES,
                         parts={"supported": (WORDS,), "uid": (AsWritten(r"[0-9.]+"),), "error": SYSTEM_REASON})
LABEL_FILE_PLACES = KnownTexts("LabelFilePlaces", format_messages.PLACES)
BOX_REPAIRS = KnownTexts("BoxRepairs", format_messages.REPAIRS)
LABEL_FILE_TEXTS = KnownTexts("LabelFileMessages", format_messages.TEMPLATES,
                              parts={"where": (LABEL_FILE_PLACES,), "repair": (BOX_REPAIRS,), "columns": (WORDS,),
                                     "missing": (WORDS,), "names": (WORDS,),
                                     "error": SYSTEM_REASON})  # the system's, a decoder's or a parser's words
# what a FileProblem says is wrong, and what to do; a decoder's reason alone where it is the whole of it (a DICOM
# file cut short)
FILE_REASONS = (FILE_TEXTS, LABEL_FILE_TEXTS, DICOM_TEXTS, DECODER_REASONS)
FILE_PROBLEMS = KnownTexts("FileProblem", errors.TEMPLATES, parts={"reason": FILE_REASONS, "hint": FILE_REASONS})

WORKSPACE_LINKS = KnownTexts("WorkspaceLinks", workspace_messages.LINKS)
LOCK_HOLDERS = KnownTexts("LockHolders", workspace_messages.HOLDERS)
READ_ONLY_REASONS = KnownTexts("ReadOnlyReasons", workspace_messages.READ_ONLY,
                               parts={"error": (WORKSPACE_LINKS, *SYSTEM_REASON), "holder": (LOCK_HOLDERS,)})
CASE_FILE_CONTENT = KnownTexts("CaseFileProblems", workspace_messages.CASE_FILE_PROBLEMS)
WORKSPACE_TEXTS = KnownTexts("WorkspaceMessages", workspace_messages.MESSAGES,
                             {workspace_messages.SNAPSHOT_SUPERSEDED: workspace_messages.SNAPSHOT_SUPERSEDED},
                             # a failed save's, or a saved case file's, mask's or AI file's read
                             parts={"error": (CASE_FILE_CONTENT, *SYSTEM_REASON),
                                    "hint": (WRITE_HINTS,),
                                    "reason": (READ_ONLY_REASONS,),  # a kept snapshot's {problem} may be the former
                                    "image": (CASE_NAME, AsWritten()),  # AsWritten: a document's stored address
                                    # (NOT_A_BSCAN), a snapshot's case id (NOT_RECOVERED)
                                    "images": (CASE_NAMES,)})
# the problems of one case's files, joined as clauses (WorkspaceError.whole): its mask and AI file both missing
CASE_FILE_PROBLEMS = ListOf(WORKSPACE_TEXTS, CLAUSE_SEPARATOR)
READING_TEXTS = KnownTexts("ReadingMessages", reading_messages.TEMPLATES,
                           parts={"image": (CASE_NAME,), "error": (FILE_PROBLEMS, *SYSTEM_REASON)})  # reading.json's

UNKNOWN_LABELS = KnownTexts("UnknownLabels", (transfer_messages.UNLABELLED_SHAPES,  # before the template it fits
                                             transfer_messages.UNKNOWN_LABEL), parts={"files": (NAMES,)})
TRANSFER_WARNINGS = KnownTexts("TransferWarnings", transfer_messages.TEMPLATES,
                               parts={"names": (ListOf(UNKNOWN_LABELS),), "files": (NAMES,), "images": (CASE_NAMES,),
                                      "photos": (NAMES,),  # a folder's photos by their names, listed cut short
                                      "image": (CASE_NAME,), "kinds": (WORDS,), "note": (LABEL_FILE_TEXTS,),
                                      "error": (FILE_PROBLEMS, WORKSPACE_TEXTS, WORKSPACE_LINKS,
                                                CASE_FILE_PROBLEMS)})

LABEL_MAPS = KnownTexts("LabelMaps", file_messages.LABEL_MAPS, parts={"accepted": (WORDS,)})
TOOL_TEXTS = KnownTexts("ToolMessages", tool_messages.TEMPLATES, parts={"painted": (WORDS,)})  # "HE [2], EX [3]"

# the families a text may be one of: the most specific that matches it shows it (known_texts.most_specific)
SHOWN = (FILE_PROBLEMS, WORKSPACE_TEXTS, READ_ONLY_REASONS, WORKSPACE_LINKS, READING_TEXTS, TRANSFER_WARNINGS,
        LABEL_MAPS, TOOL_TEXTS, FILE_TEXTS, CASE_FILE_PROBLEMS)


def shown_message(text: str) -> str:
    """``text`` in the interface's language when it is one of the known texts, else as written."""
    shown = most_specific(SHOWN, text)
    return text if shown is None else shown.text
