"""What `report` prints on the console, as templates marked for translation (context "ReportCommand"): said in the
interface's language (app.command_words)."""
from __future__ import annotations

from annotations.wording import QT_TRANSLATE_NOOP

CONTEXT = "ReportCommand"
WARNING = QT_TRANSLATE_NOOP("ReportCommand", "warning: {warning}")
# a patient field's value refused as the command line is parsed ({text}: the value as typed, quoted)
NOT_AN_AGE = QT_TRANSLATE_NOOP("ReportCommand", "{text} is not an age: give whole years, 0-{max_age}")
NOT_A_DATE = QT_TRANSLATE_NOOP("ReportCommand", "{text} is not a date: write it YYYY-MM-DD, e.g. 2026-11-30")
NO_OUTPUT = QT_TRANSLATE_NOOP("ReportCommand", "give --out FILE.pdf, --dicom FILE.dcm or both")
TOO_MANY = QT_TRANSLATE_NOOP("ReportCommand", "a report covers one patient: give one image, or two (both eyes)")
EYE_PER_INPUT = QT_TRANSLATE_NOOP("ReportCommand", "give --eye once per input ({count}), in the same order")
DETAILS_DIFFER = QT_TRANSLATE_NOOP("ReportCommand", "the images record different patient details ({differences}): "
                                                    "the report prints the first image's; check them, or give them "
                                                    "(--patient-name, --birth-date, --sex)")
OUT_NOT_PDF = QT_TRANSLATE_NOOP("ReportCommand", "--out {out}: a report is a PDF: name it .pdf")
CANNOT_WRITE = QT_TRANSLATE_NOOP("ReportCommand", "cannot write {target} ({reason}); choose another file")
WRITTEN = QT_TRANSLATE_NOOP("ReportCommand", "report for {eyes} written to {target}")
BOTH_EYES = QT_TRANSLATE_NOOP("ReportCommand", "{first} and {second}")
STUDY_OF_ITS_OWN = QT_TRANSLATE_NOOP("ReportCommand", "the patient ID {patient_id} is not the one in the images' "
                                                      "DICOM header ({header_ids}): {dicom} is filed as a study of "
                                                      "its own, not with the images (an archive refuses a study of "
                                                      "two patients)")
ABOUT_CASE = QT_TRANSLATE_NOOP("ReportCommand", "{case}: {check}")
EYE_NOT_RECORDED = QT_TRANSLATE_NOOP("ReportCommand", "{case}: no eye is recorded for it, and the report prints it as "
                                                      "not recorded; give --eye OD or OS, once per input")
EYE_SUGGESTED = QT_TRANSLATE_NOOP("ReportCommand", "{case}: no eye is recorded for it, and the report prints it as not "
                                                   "recorded; where the AI found the optic disc suggests {suggested}; "
                                                   "give --eye OD or OS, once per input")
NOT_CONSENSUS = QT_TRANSLATE_NOOP("ReportCommand", "{case}: the grade printed is not the consensus of the double "
                                                   "reading (to arbitrate, with its readers, or agreed but not stored "
                                                   "as the consensus yet)")
FONTS = QT_TRANSLATE_NOOP("ReportCommand", "fonts: {fonts}")
NO_SETTINGS = QT_TRANSLATE_NOOP("ReportCommand", "--settings {path}: not a file; give the settings file the window "
                                                 "wrote (open --settings), or leave it out for the user's own")
SETTINGS_FILE_GONE = QT_TRANSLATE_NOOP("ReportCommand", "the Settings' {what} {path} is not there; the report is made "
                                                        "without it")
LOGO = QT_TRANSLATE_NOOP("ReportCommand", "clinic logo")
CJK_FONT = QT_TRANSLATE_NOOP("ReportCommand", "Chinese font")
