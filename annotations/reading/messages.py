"""What double reading says when its files cannot be used, and its notes to a retrain and an export, as
templates: filled with ``.format`` in English (the command line prints that), matched by the interface
(widgets/domain_messages.py) to show them in the interface's language. The notes end without a full stop, as the
export's warnings do: each is a line of an export's summary ("warning: ...") or of the retrain dialog's notes,
beside the warnings of the export it trained on."""
from __future__ import annotations

from annotations.wording import QT_TRANSLATE_NOOP

SETTINGS_UNREADABLE = QT_TRANSLATE_NOOP("ReadingMessages", "{path}: the folder's reading settings cannot be read "
                                                           "({error}); fix or delete the file (without it the folder "
                                                           "is read by a single reader)")
# ... where readers' stores are kept: the file deleted, the folder was read by one reader in the main store (the
# consensus's) and the readers read on there, their readings out of sight, unsaid; `reading --mode` replaces it
SETTINGS_UNREADABLE_READERS = QT_TRANSLATE_NOOP(
    "ReadingMessages", "{path}: the folder's reading settings cannot be read ({error}); fix the file, or set "
                       "them again before anyone reads on (retina-review reading \"{folder}\" --mode double "
                       "--arbiters NAMES keeps the damaged file aside). Deleted, it leaves the folder read by a "
                       "single reader in its main store, and the readings kept in {readers} unused")
THRESHOLD_RANGE = QT_TRANSLATE_NOOP("ReadingMessages",
                                    "the disagreement threshold (Dice, F1) must lie in 0..1, not {value}")
READER_SIDECAR_LINK = QT_TRANSLATE_NOOP("ReadingMessages", "{path} is a link; a reader's labels are kept only in real "
                                                           "folders inside {folder}. Replace the link by a folder.")
NAME_NEEDED = QT_TRANSLATE_NOOP("ReadingMessages", "a reader needs a name")
TOO_FEW_READINGS = QT_TRANSLATE_NOOP("ReadingMessages", "{count} submitted reading(s); arbitration needs two")
TRAINED_ON_CONSENSUS = QT_TRANSLATE_NOOP("ReadingMessages", "Double reading: trained on the consensus of {count} "
                                                            "case(s) (arbitrated, or agreed by both readers), not on "
                                                            "one reader's labels")
SETTLED_FIRST = QT_TRANSLATE_NOOP("ReadingMessages", "{count} agreed case(s) were stored as the consensus first")
# An export of the consensus (consensus_export): what it left out, and what it wrote from the readings.
NOT_SETTLED_LEFT_OUT = QT_TRANSLATE_NOOP("ReadingMessages", "left out {count} case(s) whose consensus is not settled: "
                                                            "{arbitrate} to arbitrate, {readers} still with their "
                                                            "readers")
FROM_READINGS_READ_ONLY = QT_TRANSLATE_NOOP("ReadingMessages", "{count} agreed case(s) were exported from the readers' "
                                                               "agreeing reading: the consensus store is read-only, so "
                                                               "it could not store them as the consensus")
REVISED_WRITTEN_AS_ARBITRATED = QT_TRANSLATE_NOOP("ReadingMessages", "{count} case(s) were written as arbitrated, "
                                                                     "though a reader revised their reading since: "
                                                                     "{images} (the arbitration stands; `reading "
                                                                     "FOLDER` lists them)")
FROM_READINGS = QT_TRANSLATE_NOOP("ReadingMessages", "{count} agreed case(s) were exported from the readers' agreeing "
                                                     "reading: the consensus store does not hold them as the consensus "
                                                     "yet")
READINGS_CHANGED = QT_TRANSLATE_NOOP("ReadingMessages", "{image}: its readings changed during the export and no "
                                                        "longer agree; export again")
# Sorting out the consensus before an export or a retrain: its progress at each case, translated where shown
# (widgets.transfer_progress.EXPORT_PROGRESS), as the export's own (annotations.formats.dataset.EXPORTING).
COMPARING = "Comparing the readings of {name} ({number} of {count})"
# Storing the agreed cases as the consensus first (consensus.settle_agreed): its progress at each case, shown alike.
SETTLING = "Storing agreed cases as the consensus: {name} ({number} of {count})"
RECOVERY_NOT_NOTED = QT_TRANSLATE_NOOP("ReadingMessages", "{image}: recovered from autosave, but not noted as the "
                                                         "arbiter's correction of the consensus ({error}); settling "
                                                         "may replace it with the readers' agreement: fix that, then "
                                                         "correct the case again")
# An arbiter's save (or recovered edits) that changed the labels of a case its readers do not agree on
# (consensus.ArbiterSave.NOT_CONSENSUS): saved, yet not decided; the window says it, and how it is decided.
SAVED_NOT_CONSENSUS = QT_TRANSLATE_NOOP("ReadingMessages", "{image}: saved, but not as the consensus: its readers do "
                                                          "not agree (or one has not submitted it); decide it with "
                                                          "Case ▸ Arbitrate case")

TEMPLATES: tuple[str, ...] = (
    SETTINGS_UNREADABLE, SETTINGS_UNREADABLE_READERS, THRESHOLD_RANGE, READER_SIDECAR_LINK, NAME_NEEDED,
    TOO_FEW_READINGS, TRAINED_ON_CONSENSUS, SETTLED_FIRST, NOT_SETTLED_LEFT_OUT, REVISED_WRITTEN_AS_ARBITRATED,
    FROM_READINGS_READ_ONLY, FROM_READINGS, READINGS_CHANGED, RECOVERY_NOT_NOTED, SAVED_NOT_CONSENSUS)
