"""`retina-review agreement`'s help (app.commands.agreement), as templates marked for translation."""
from __future__ import annotations

from annotations.wording import QT_TRANSLATE_NOOP

CONTEXT = "AgreementHelp"
HELP = QT_TRANSLATE_NOOP("AgreementHelp", "agreement between a folder's readers and with the AI (kappa, Dice, F1)")
DESCRIPTION = QT_TRANSLATE_NOOP(
    "AgreementHelp", "Quadratic-weighted Cohen's kappa and exact agreement for the DR grade, agreement on referable, "
                     "Cohen's kappa for the OCT class, per-class pixel Dice and box F1 at IoU 0.5 between every two "
                     "readers, and each reader against the AI (sensitivity and specificity for referable, kappa for "
                     "the grade); in double reading the consensus (agreed or arbitrated) against the AI too, cases "
                     "with no consensus yet left out and counted. In double reading only submitted readings count.")
READERS = QT_TRANSLATE_NOOP("AgreementHelp", "compare only these readers (default: every reader of the folder)")
OUT = QT_TRANSLATE_NOOP("AgreementHelp", "also write agreement.json and, per pair of readers, a confusion matrix PNG "
                                         "for the DR grade, one for the DME risk and one for the OCT class, each where "
                                         "they have cases on it, and in double reading one for the DR grade of the "
                                         "consensus against the AI")
OVERWRITE = QT_TRANSLATE_NOOP("AgreementHelp", "replace files already in DIR that this command did not write (one an "
                                               "earlier run wrote and someone changed since is kept beside, renamed "
                                               "NAME.edited-TIME), and remove an earlier run's pictures of pairs no "
                                               "longer compared")
