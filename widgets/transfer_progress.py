"""What an import's or export's progress says, in the interface's language: the export and import dialogs, the retrain
dialog's export, and the `import` and `export` commands' progress bars (app.transfer_command)."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from widgets.domain_messages import CASE_NAME
from widgets.known_texts import AsWritten, KnownTexts

# What an export's progress says besides the image it is at (annotations.workspace.transfer and
# annotations.formats.dataset) or its sorting out of a consensus (annotations.reading.messages SETTLING, COMPARING), in
# the interface's language; the retrain dialog shows it too. {name}: a case as messages name it (transfer; a B-scan's
# in this language) or an exported file's stem (dataset). An import's is the image it is at, and before, its walk for
# folders of labels (annotations.workspace.scan.LOOKING_FOR_LABEL_FOLDERS, CHECKING_FOR_LABEL_FOLDERS).
EXPORT_PROGRESS = KnownTexts("TransferDialog", (
    QT_TRANSLATE_NOOP("TransferDialog", "done"),
    QT_TRANSLATE_NOOP("TransferDialog", "Exporting {name} ({number} of {count})"),
    QT_TRANSLATE_NOOP("TransferDialog", "Storing agreed cases as the consensus: {name} ({number} of {count})"),
    QT_TRANSLATE_NOOP("TransferDialog", "Comparing the readings of {name} ({number} of {count})"),
    QT_TRANSLATE_NOOP("TransferDialog", "Exported {count} cases to {folder}"),
    QT_TRANSLATE_NOOP("TransferDialog", "Looking for folders of labels… {count} folder(s) looked into"),
    QT_TRANSLATE_NOOP("TransferDialog",
                      "Looking for folders of labels… {done} of {count} file(s) named as masks checked")),
    parts={"name": (CASE_NAME, AsWritten())})
# An export's part among several (annotations.export_steps.STEP): the export dialog's and the `export` command's.
STEP_PROGRESS = KnownTexts("ExportDialog", (QT_TRANSLATE_NOOP("ExportDialog", "Step {number} of {count}: {progress}"),),
                           parts={"progress": (EXPORT_PROGRESS,)})


def export_progress(message: str) -> str:
    """An export's progress ``message``, of one part or of several, in the interface's language."""
    return STEP_PROGRESS.match(message) or EXPORT_PROGRESS(message)
