"""What `agreement` prints on the console, as templates marked for translation (context "AgreementCommand"): said in
the interface's language (app.command_words), as `reading` and `evaluate` say their own. inference.agreement_report
words the figures and the confusion-matrix pictures with them (English without Qt, for a caller that passes no
translation); agreement.json stays as written."""
from __future__ import annotations

from annotations.wording import QT_TRANSLATE_NOOP

CONTEXT = "AgreementCommand"
INDENT = "  "  # a pair's figures, under the pair's line
# why a run does not start
FOLDER_NOT_FOUND = QT_TRANSLATE_NOOP("AgreementCommand", "{folder}: folder not found")
NO_READER = QT_TRANSLATE_NOOP("AgreementCommand", "no reader {names} in this folder (readers: {readers})")
NO_READERS = QT_TRANSLATE_NOOP("AgreementCommand", "none")  # NO_READER's {readers} in a folder with none

# the figures: the folder, then each pair of readers, then the AI against each reader and against the consensus
SINGLE_HEADER = QT_TRANSLATE_NOOP("AgreementCommand", "{folder}: single reading, {readers} reader(s), {cases} case(s) "
                                                      "with saved readings")
DOUBLE_HEADER = QT_TRANSLATE_NOOP("AgreementCommand", "{folder}: double reading, {readers} reader(s), {cases} case(s) "
                                                      "with saved readings")
FOLDERS_LABELS = QT_TRANSLATE_NOOP("AgreementCommand", "the folder's labels")  # as reader_naming names them
PAIR = QT_TRANSLATE_NOOP("AgreementCommand", "{a} vs {b} ({cases} case(s) read by both)")
# a pair's lines: their labels padded so that the figures line up
GRADE = QT_TRANSLATE_NOOP("AgreementCommand", "DR grade   kappa (quadratic) {kappa}  exact agreement {exact}  "
                                              "({cases} graded by both)")
GRADABILITY = QT_TRANSLATE_NOOP("AgreementCommand", "ungradable to both readers {both}, to one only (the other "
                                                    "graded it) {one}")
DME = QT_TRANSLATE_NOOP("AgreementCommand", "DME risk   kappa (quadratic) {kappa}  exact agreement {exact}  "
                                            "({cases} graded by both)")
REFERABLE = QT_TRANSLATE_NOOP("AgreementCommand", "referable  agreement {agreement}  kappa {kappa}")
OCT_CLASS = QT_TRANSLATE_NOOP("AgreementCommand", "OCT class  kappa {kappa}  exact agreement {exact}  "
                                                  "({cases} classed by both)")
LESIONS = QT_TRANSLATE_NOOP("AgreementCommand", "lesions    {figures}")
LESION = QT_TRANSLATE_NOOP("AgreementCommand", "{lesion} Dice {dice} F1 {f1}")  # LESIONS' {figures}, each
VERSUS_READER = QT_TRANSLATE_NOOP("AgreementCommand", "AI vs {reader} as reference: grade kappa {kappa} exact {exact} "
                                                      "({graded}); referable sensitivity {sensitivity} specificity "
                                                      "{specificity} ({referable})")
VERSUS_CONSENSUS = QT_TRANSLATE_NOOP("AgreementCommand", "AI vs consensus as reference: grade kappa {kappa} exact "
                                                         "{exact} ({graded}); referable agreement {agreement} kappa "
                                                         "{referable_kappa} sensitivity {sensitivity} specificity "
                                                         "{specificity} ({referable}); {unsettled} photo(s) without a "
                                                         "consensus yet")
# under each of the two lines above: their photos ungradable to one side or both, left out of their figures
AI_GRADABILITY = QT_TRANSLATE_NOOP("AgreementCommand", "ungradable to both {both}, to the reference only (the AI "
                                                       "graded it) {reference}, to the AI only (the reference graded "
                                                       "it) {ai}")
# the confusion-matrix pictures (--out): a title, and whose grades its rows and its columns are
PICTURE_TITLE = QT_TRANSLATE_NOOP("AgreementCommand", "{scale}: {a} vs {b} (kappa {kappa})")
GRADE_SCALE = QT_TRANSLATE_NOOP("AgreementCommand", "DR grade")
DME_SCALE = QT_TRANSLATE_NOOP("AgreementCommand", "DME risk")
OCT_SCALE = QT_TRANSLATE_NOOP("AgreementCommand", "OCT class")
ROWS = QT_TRANSLATE_NOOP("AgreementCommand", "{reader} (rows)")
COLUMNS = QT_TRANSLATE_NOOP("AgreementCommand", "{reader} (columns)")
CONSENSUS = QT_TRANSLATE_NOOP("AgreementCommand", "consensus")  # the consensus picture's rows
AI = QT_TRANSLATE_NOOP("AgreementCommand", "AI")  # its columns
# the files written
WROTE = QT_TRANSLATE_NOOP("AgreementCommand", "wrote {path}")
