"""The words of `evaluate`'s plots (inference.evaluation.plot_pngs), as templates marked for translation (context
"EvaluationPlots"): drawn in the interface's language where the command passes its translation (app.commands.
evaluate), in English without Qt; evaluation.json stays as written."""
from __future__ import annotations

from annotations.wording import QT_TRANSLATE_NOOP

CONTEXT = "EvaluationPlots"
# a lesion model's pixel precision-recall curves, one per class ({name}: MA, HE, EX, SE)
PR_TITLE = QT_TRANSLATE_NOOP("EvaluationPlots", "Pixel precision-recall")
RECALL = QT_TRANSLATE_NOOP("EvaluationPlots", "recall")
PRECISION = QT_TRANSLATE_NOOP("EvaluationPlots", "precision")
AP_SERIES = QT_TRANSLATE_NOOP("EvaluationPlots", "{name} AP {ap}")
# a referable DR model's ROC curve
ROC_TITLE = QT_TRANSLATE_NOOP("EvaluationPlots", "Referable DR: ROC")
FALSE_POSITIVE_RATE = QT_TRANSLATE_NOOP("EvaluationPlots", "1 - specificity")
SENSITIVITY = QT_TRANSLATE_NOOP("EvaluationPlots", "sensitivity")
AUC_SERIES = QT_TRANSLATE_NOOP("EvaluationPlots", "AUC {auc}")
# the confusion matrix of a classifier, by evaluate TASK, with whose its rows and columns are
CONFUSION_TITLES = {"grade": QT_TRANSLATE_NOOP("EvaluationPlots", "DR grade: confusion matrix"),
                    "referable": QT_TRANSLATE_NOOP("EvaluationPlots", "Referable DR: confusion matrix"),
                    "oct": QT_TRANSLATE_NOOP("EvaluationPlots", "OCT class: confusion matrix")}
TRUTH = QT_TRANSLATE_NOOP("EvaluationPlots", "truth (rows)")
PREDICTED = QT_TRANSLATE_NOOP("EvaluationPlots", "predicted (columns)")
# the referable task's two levels, as evaluation.json names them
REFERABLE_LEVELS = {"non-referable": QT_TRANSLATE_NOOP("EvaluationPlots", "non-referable"),
                    "referable": QT_TRANSLATE_NOOP("EvaluationPlots", "referable")}
