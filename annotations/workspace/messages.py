"""What the workspace says when it cannot read, write or open something (its WorkspaceErrors and the messages
it collects in ``Workspace.messages``), as templates: filled with ``.format`` in English (the command line prints
that), matched by the interface (widgets/domain_messages.py) to show them in the interface's language.

Three contexts, because some texts hold others: a refused link (LINKS) is the cause of a read-only opening
(READ_ONLY), whose reason a refused save or import repeats (MESSAGES)."""
from __future__ import annotations

from annotations.wording import QT_TRANSLATE_NOOP

# a write refused because of a link (annotations.workspace.confined.LinkRefused)
LEADS_OUT = QT_TRANSLATE_NOOP("WorkspaceLinks", "{folder} leads out of {root} (to {target}) through a link; nothing "
                                                "is written, renamed or deleted there. Replace the link with an "
                                                "ordinary folder to save here.")
LINK_OUTSIDE = QT_TRANSLATE_NOOP("WorkspaceLinks", "{path} is a link to {target}, outside {root}; it is not written "
                                                   "through. Remove the link to save here.")
FOLDER_IS_LINK = QT_TRANSLATE_NOOP("WorkspaceLinks", "{folder} is a link (to {target}), not the folder this program "
                                                     "made; nothing is written, renamed or deleted through it. Replace "
                                                     "the link with an ordinary folder to save here.")
FILE_IS_LINK = QT_TRANSLATE_NOOP("WorkspaceLinks", "{path} is a link (to {target}), not the file this program made; "
                                                   "it is not written through. Remove the link to save here.")
LINKS: tuple[str, ...] = (LEADS_OUT, LINK_OUTSIDE, FOLDER_IS_LINK, FILE_IS_LINK)

# why a folder was opened read-only
LINK_READ_ONLY = QT_TRANSLATE_NOOP("ReadOnlyReasons", "{error} Opened read-only: labels can be viewed and exported "
                                                      "but not saved.")
CANNOT_WRITE = QT_TRANSLATE_NOOP("ReadOnlyReasons", "Cannot write to {folder} ({error}); opened read-only: labels can "
                                                    "be viewed and exported but not saved.")
OPEN_ELSEWHERE = QT_TRANSLATE_NOOP("ReadOnlyReasons", "This workspace is open in another RetinaReview ({holder}); "
                                                      "opened read-only so nothing is overwritten. Close the other "
                                                      "window, or if that program is no longer running, delete {lock} "
                                                      "and open the folder again.")
# another computer's lock that its program renews: taken over by itself once no longer renewed (a crash, a power cut)
OPEN_ELSEWHERE_RENEWED = QT_TRANSLATE_NOOP(
    "ReadOnlyReasons", "This workspace is open in another RetinaReview ({holder}); opened read-only so nothing is "
                       "overwritten. Close the other window. If that program is no longer running (its computer "
                       "crashed or lost power), the folder can be opened for editing again in {minutes} min, or at "
                       "once after deleting {lock}.")
# the same in a reader's own store (double reading) whose holder gave a reader name: a second person who typed that
# name too is told to give their own
READER_IN_USE = QT_TRANSLATE_NOOP(
    "ReadOnlyReasons", "This reader's readings are open in another RetinaReview ({holder}); opened read-only so "
                       "nothing is overwritten. If that is not you, give a reader name of your own in Settings and "
                       "open the folder again. Else close the other window, or if that program is no longer running, "
                       "delete {lock} and open the folder again.")
READER_IN_USE_RENEWED = QT_TRANSLATE_NOOP(
    "ReadOnlyReasons", "This reader's readings are open in another RetinaReview ({holder}); opened read-only so "
                       "nothing is overwritten. If that is not you, give a reader name of your own in Settings and "
                       "open the folder again. Else close the other window. If that program is no longer running (its "
                       "computer crashed or lost power), the folder can be opened for editing again in {minutes} min, "
                       "or at once after deleting {lock}.")
# this program's own lock taken over while it could not renew it (annotations.workspace.lock_renewal): read-only from
# then on, the window keeping the edits it could not save
TAKEN_OVER = QT_TRANSLATE_NOOP(
    "ReadOnlyReasons", "Another RetinaReview ({holder}) took this folder over while this one could not renew its lock "
                       "(the computer slept or the share was unreachable for over {minutes} min); read-only from now "
                       "on so nothing is overwritten. Your unsaved edits are kept in this window: save them elsewhere "
                       "or reopen the folder.")
READ_ONLY: tuple[str, ...] = (LINK_READ_ONLY, CANNOT_WRITE, OPEN_ELSEWHERE, OPEN_ELSEWHERE_RENEWED, READER_IN_USE,
                               READER_IN_USE_RENEWED, TAKEN_OVER)
# the other program OPEN_ELSEWHERE names (annotations.workspace.recovery.LockOwner): by the reader name it opened the
# store as, where it records one (a second person who typed the same name learns it is taken, and where)
LOCK_HOLDER = QT_TRANSLATE_NOOP("LockHolders", "process {pid} on {host} (since {started})")
LOCK_READER = QT_TRANSLATE_NOOP("LockHolders", "reader {reader} on {host}, process {pid} (since {started})")
HOLDERS: tuple[str, ...] = (LOCK_HOLDER, LOCK_READER)

# opening, reading and saving (annotations.workspace.workspace, .sidecar, .recovery, .transfer)
FOLDER_NOT_FOUND = QT_TRANSLATE_NOOP("WorkspaceMessages", "{folder}: folder not found; choose a folder that contains "
                                                          "images")
LOCK_RECREATED = QT_TRANSLATE_NOOP("WorkspaceMessages", "{path}: could not take the workspace lock (another program "
                                                        "keeps recreating it)")
INDEX_UNREADABLE = QT_TRANSLATE_NOOP("WorkspaceMessages", "{path} could not be read; the case list was rebuilt from "
                                                          "the per-case files (the audit log is not shown).")
INDEX_LOCKED = QT_TRANSLATE_NOOP("WorkspaceMessages", "{path} is locked by another program; using a temporary index "
                                                      "rebuilt from the per-case files. Saves still go to the per-case "
                                                      "files; audit entries of this session are not kept.")
INDEX_DAMAGED = QT_TRANSLATE_NOOP("WorkspaceMessages", "The workspace index {path} was damaged ({error}); rebuilt it "
                                                       "from the per-case files. The old file was kept as {kept} (its "
                                                       "audit log is there).")
INDEX_LINKED = QT_TRANSLATE_NOOP("WorkspaceMessages", "The workspace index {path} has other names on this disk (a "
                                                      "hard link, as a backup's snapshot makes), which its writes "
                                                      "would change too; rebuilt it from the per-case files. The old "
                                                      "file was kept, unchanged, as {kept} (its audit log is there).")
NO_CASE = QT_TRANSLATE_NOOP("WorkspaceMessages", "no case {case} in {folder}; refresh the case list")
# an address past a file's last frame: an OCT volume's are B-scans; a photo series', or a file's of no known kind,
# frames (annotations.case_names.called_bscans)
NO_BSCAN = QT_TRANSLATE_NOOP("WorkspaceMessages", "{image} has {count} B-scan(s), not {number}")
NO_FRAME = QT_TRANSLATE_NOOP("WorkspaceMessages", "{image} has {count} frame(s), not {number}")
CLOSED = QT_TRANSLATE_NOOP("WorkspaceMessages", "the workspace {folder} is closed")
NOT_SAVED_READ_ONLY = QT_TRANSLATE_NOOP("WorkspaceMessages", "{folder} is open read-only; {image} was not saved. "
                                                             "{reason}")
NOT_IMPORTED_READ_ONLY = QT_TRANSLATE_NOOP("WorkspaceMessages", "{folder} is open read-only; nothing was imported. "
                                                                "{reason}")
NOT_SET_ASIDE = QT_TRANSLATE_NOOP("WorkspaceMessages", "{folder}: the damaged file could not be copied aside "
                                                       "({error}); the case was not changed")
SAVE_FAILED = QT_TRANSLATE_NOOP("WorkspaceMessages", "{folder}: saving {image} failed ({error}); the previously saved "
                                                     "labels are intact. {hint}")  # hint: os_reasons.write_hint
INDEX_NOT_UPDATED = QT_TRANSLATE_NOOP("WorkspaceMessages", "{image} was saved, but the index could not be updated "
                                                           "({error}); it is brought up to date the next time the "
                                                           "folder is opened.")
NOT_A_BSCAN = QT_TRANSLATE_NOOP("WorkspaceMessages", "case {case} ({image}) is no B-scan of a volume in {folder}")
NOT_A_FRAME = QT_TRANSLATE_NOOP("WorkspaceMessages", "case {case} ({image}) is no frame of a file in {folder}")
NOT_OURS = QT_TRANSLATE_NOOP("WorkspaceMessages", "case {case} does not belong to {folder}")
# the file beside the photo is a labelImg file never imported, another photo's of the same name, or edited since
BESIDE_NOT_OURS = QT_TRANSLATE_NOOP("WorkspaceMessages", "{file}: not replaced (this program did not write it for "
                                                        "{image}); import it first (Annotate ▸ Import labels, VOC) or "
                                                        "move it away")
AUTOSAVE_FAILED = QT_TRANSLATE_NOOP("WorkspaceMessages", "{path}: autosave of {image} failed ({error}); save the case "
                                                         "to keep its changes")
NOT_RECOVERED = QT_TRANSLATE_NOOP("WorkspaceMessages", "Could not recover {image} from autosave: {error} The snapshot "
                                                       "is kept; the next open tries again.")
# the crash's edits are saved by then (Workspace._recover_snapshots): what is left to do is to look them over
RECOVERED = QT_TRANSLATE_NOOP("WorkspaceMessages", "After a crash, unsaved edits of {count} case(s) were recovered "
                                                   "from autosave and saved; check them (the last seconds' edits may "
                                                   "be lost): {images}")
# the same where the program that crashed holding the store gave a name (Workspace.crashed_reader), and the crash's
# cases are all there is to check: whose reading, in a command's or another person's opening of a reader's store
RECOVERED_OF = QT_TRANSLATE_NOOP("WorkspaceMessages", "After {reader}'s program crashed, their unsaved edits of "
                                                      "{count} case(s) were recovered from autosave and saved; check "
                                                      "them (the last seconds' edits may be lost): {images}")
SNAPSHOT_STUCK = QT_TRANSLATE_NOOP("WorkspaceMessages", "{path}: autosave snapshot cannot be recovered ({problem}) nor "
                                                        "set aside ({error}).")
SNAPSHOT_KEPT = QT_TRANSLATE_NOOP("WorkspaceMessages", "{path}: autosave snapshot is damaged or cannot be recovered "
                                                       "({problem}); kept as {kept}, not tried again.")
SNAPSHOT_SUPERSEDED = QT_TRANSLATE_NOOP("WorkspaceMessages", "not recovered when the folder opened, and this "
                                                             "session's work on the case would replace it")
MASK_CHANGED = QT_TRANSLATE_NOOP("WorkspaceMessages", "{path}: mask is {mode} {width}x{height}, expected 8-bit grey "
                                                      "{image_width}x{image_height} — the sidecar file was changed "
                                                      "by hand")
MASK_UNREADABLE = QT_TRANSLATE_NOOP("WorkspaceMessages", "{path}: cannot read the saved mask ({error}); an autosave "
                                                         "snapshot or backup may still hold it")
MASK_MISSING = QT_TRANSLATE_NOOP("WorkspaceMessages", "{path}: the saved mask of {case} is missing (deleted, or lost "
                                                      "by a sync), so its painted lesions cannot be shown or exported; "
                                                      "put the file back from a backup before painting the case again")
LABELS_UNREADABLE = QT_TRANSLATE_NOOP("WorkspaceMessages", "{path}: the saved labels cannot be read ({error}); restore "
                                                           "the file from a backup or delete the folder to start this "
                                                           "case afresh")
OTHER_CASE = QT_TRANSLATE_NOOP("WorkspaceMessages", "{path}: holds the labels of case {other}, not {case} (the folder "
                                                    "was copied or linked by hand); nothing is saved over it. Remove "
                                                    "this case folder to start the case afresh")
LABELS_INVALID = QT_TRANSLATE_NOOP("WorkspaceMessages", "{path}: the saved labels are not valid ({error})")
# LABELS_INVALID's {error}: why this version does not read a case file's content (annotations.workspace.codec,
# .case_values, .sidecar), each naming the field at fault for whoever mends the file
NOT_CASE_FILE = QT_TRANSLATE_NOOP("CaseFileProblems", "not a RetinaReview case file (format {format})")
NEWER_CASE_FILE = QT_TRANSLATE_NOOP("CaseFileProblems", "case file version {version} is newer than this program "
                                                        "understands ({known}); update RetinaReview")
NO_FIELDS = QT_TRANSLATE_NOOP("CaseFileProblems", "its content is not the named fields of a case file")
FIELD_MISSING = QT_TRANSLATE_NOOP("CaseFileProblems", "the field {field} is missing")
FIELD_VALUE = QT_TRANSLATE_NOOP("CaseFileProblems", "the field {field} holds {value}, a value it cannot hold")
# FIRST_PAGE_NOT_MOVED's {error} where a B-scan 1 has its own labels already (only by hand: none had, back then)
BSCAN_ONE_TAKEN = QT_TRANSLATE_NOOP("CaseFileProblems", "its B-scan 1 has labels of its own")
CASE_FILE_PROBLEMS: tuple[str, ...] = (NOT_CASE_FILE, NEWER_CASE_FILE, NO_FIELDS, FIELD_MISSING, FIELD_VALUE,
                                       BSCAN_ONE_TAKEN)
AI_UNREADABLE = QT_TRANSLATE_NOOP("WorkspaceMessages", "{path}: the saved AI result cannot be read ({error}); run the "
                                                       "analysis again")
AI_MISSING = QT_TRANSLATE_NOOP("WorkspaceMessages", "{path}: the saved AI result of {case} is missing (deleted, or "
                                                    "lost by a sync); run the analysis again")
LABEL_FOLDER_NOT_FOUND = QT_TRANSLATE_NOOP("WorkspaceMessages", "{folder}: folder not found; give the folder that "
                                                                "holds the label files")
LABEL_FOLDER_ZIP = QT_TRANSLATE_NOOP("WorkspaceMessages", "{folder}: is a zip archive, as CVAT downloads an export; "
                                                          "unzip it and give the folder it holds")
# a case the index cannot describe (annotations.workspace.catalog): the case list's tool tip shows it
NAME_NOT_UTF8 = QT_TRANSLATE_NOOP("WorkspaceMessages", "{path}: the file name is not valid UTF-8 text, so it cannot "
                                                       "be stored or exported safely — rename the file (any name in "
                                                       "plain letters) and refresh")
IMAGE_GONE = QT_TRANSLATE_NOOP("WorkspaceMessages", "{path}: image file not found — its labels are kept in {folder}; "
                                                    "put the image back to review it")
NOT_LISTED = QT_TRANSLATE_NOOP("WorkspaceMessages", "{path}: no longer listed as a case (a lesion mask kept beside "
                                                    "its photo is that photo's label file; a folder of outputs holds "
                                                    "no cases) — what was recorded on it is kept in {folder}")
# labels saved on a TIFF of grey B-scans while it opened as one picture, its first page (workspace.first_pages)
FIRST_PAGES_MOVED = QT_TRANSLATE_NOOP("WorkspaceMessages", "A TIFF of grey B-scans opens as an OCT volume now: the "
                                                           "labels saved on {images} when a TIFF opened as one "
                                                           "picture, its first page, were moved to B-scan 1 of their "
                                                           "file")
FIRST_PAGE_NOT_MOVED = QT_TRANSLATE_NOOP("WorkspaceMessages", "{image} opens as an OCT volume now: the labels saved on "
                                                              "it while it opened as one picture, its first page, "
                                                              "could not be moved to its B-scan 1 ({error}); until "
                                                              "they are (the next open tries again), they show on its "
                                                              "B-scan {number}")
FIRST_PAGE_LEFT = QT_TRANSLATE_NOOP("WorkspaceMessages", "{image} opens as an OCT volume now: the labels saved on it "
                                                         "while it opened as one picture, its first page, show on its "
                                                         "B-scan {number} until the folder is opened for editing, "
                                                         "which moves them to its B-scan 1")
HEADER_DEFECT = QT_TRANSLATE_NOOP("WorkspaceMessages", "{path}: cannot read the image header ({error}) — please "
                                                       "report this file; the other cases are unaffected")
MESSAGES: tuple[str, ...] = (
    FOLDER_NOT_FOUND, LOCK_RECREATED, INDEX_UNREADABLE, INDEX_LOCKED, INDEX_DAMAGED, INDEX_LINKED, NO_CASE, NO_BSCAN,
    NO_FRAME, CLOSED,
    NOT_SAVED_READ_ONLY, NOT_IMPORTED_READ_ONLY, NOT_SET_ASIDE, SAVE_FAILED, INDEX_NOT_UPDATED, NOT_A_BSCAN,
    NOT_A_FRAME, NOT_OURS,
    BESIDE_NOT_OURS, AUTOSAVE_FAILED, NOT_RECOVERED, RECOVERED, RECOVERED_OF, SNAPSHOT_STUCK, SNAPSHOT_KEPT,
    SNAPSHOT_SUPERSEDED,
    MASK_CHANGED, MASK_UNREADABLE, MASK_MISSING, LABELS_UNREADABLE, OTHER_CASE, LABELS_INVALID, AI_UNREADABLE,
    AI_MISSING, LABEL_FOLDER_NOT_FOUND, LABEL_FOLDER_ZIP, NAME_NOT_UTF8, IMAGE_GONE, NOT_LISTED, HEADER_DEFECT,
    FIRST_PAGES_MOVED, FIRST_PAGE_NOT_MOVED, FIRST_PAGE_LEFT)
