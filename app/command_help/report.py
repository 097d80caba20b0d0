"""`retina-review report`'s help (app.commands.report), as templates marked for translation."""
from __future__ import annotations

from annotations.wording import QT_TRANSLATE_NOOP

CONTEXT = "ReportHelp"
HELP = QT_TRANSLATE_NOOP("ReportHelp", "write a PDF report for one eye, or both eyes of a patient")
DESCRIPTION = QT_TRANSLATE_NOOP("ReportHelp", "Write a clinical PDF report. Each IMAGE is read with its case where the "
                                              "folder it is in, or one above it, holds its saved case (--workspace "
                                              "first): labels, reader grade, patient, saved AI result; an image not "
                                              "analysed yet is analysed first. Two images (or cases) make a two-eye "
                                              "report. Patient options override what the workspace holds.")
INPUTS = QT_TRANSLATE_NOOP("ReportHelp", "image files, or cases of the workspace given with --workspace, each by its "
                                         "image's path in that folder (as the case list shows it) or its case id; an "
                                         "OCT B-scan as the grades CSV names it, vol.dcm#frame=2 (at most two)")
DICOM = QT_TRANSLATE_NOOP("ReportHelp", "also (or instead) write the report as a DICOM Encapsulated PDF object in the "
                                        "source images' study (a new study when they are not DICOM), for the clinic's "
                                        "archive")
WORKSPACE = QT_TRANSLATE_NOOP("ReportHelp", "folder whose cases are given")
OVERWRITE = QT_TRANSLATE_NOOP("ReportHelp", "replace FILE.pdf if it exists (an input image is never replaced)")
SETTINGS = QT_TRANSLATE_NOOP("ReportHelp", "the program's settings to take the defaults below from (default: the "
                                           "user's preferences, as the window saved them)")

PATIENT = QT_TRANSLATE_NOOP("ReportHelp", "patient")  # the heading of the patient's options
AGE = QT_TRANSLATE_NOOP("ReportHelp", "in years, 0-{max_age}")
SEX = QT_TRANSLATE_NOOP("ReportHelp", "F, M or X (女, 男 too)")
EYE = QT_TRANSLATE_NOOP("ReportHelp", "OD (right) or OS (left; 右, 左 too), once per input in the same order")

REPORT = QT_TRANSLATE_NOOP("ReportHelp", "report")  # the heading of the report's own options
READER = QT_TRANSLATE_NOOP("ReportHelp", "the reader's name, printed beside the signature line (default: the Settings' "
                                         "reader, else the one last typed in the window's report dialog)")
RECOMMENDATION = QT_TRANSLATE_NOOP("ReportHelp", "default: suggested from the grades")
LANG = QT_TRANSLATE_NOOP("ReportHelp", "language of the report and of what the command prints (default: the report's, "
                                       "the one last chosen in the window's report dialog, else the interface's: the "
                                       "Settings' language, else the system's, else English; what it prints, the "
                                       "interface's)")
CLINIC_NAME = QT_TRANSLATE_NOOP("ReportHelp", "default, and for the three below: the Settings' own")
CLINIC_ADDRESS = QT_TRANSLATE_NOOP("ReportHelp", "use \\n between lines")
LOGO = QT_TRANSLATE_NOOP("ReportHelp", "clinic logo (PNG or JPEG)")
CJK_FONT = QT_TRANSLATE_NOOP("ReportHelp", "TrueType font for Chinese/Japanese/Korean text (else a system font, else "
                                           "shipped)")

ANALYSIS = QT_TRANSLATE_NOOP("ReportHelp", "analysis of images without an AI result")  # the heading of its options
NO_ANALYSIS = QT_TRANSLATE_NOOP("ReportHelp", "report without AI results instead")
DEVICE = QT_TRANSLATE_NOOP("ReportHelp", "where models run (default: the program's setting, else auto)")
