"""What annotations/ says about a file it cannot read or write (image files, output folders, any regular file):
the reasons and hints of its FileProblems, as templates.

The code fills them with ``.format`` in English (the command line prints that); the interface matches a text
against the same templates (widgets/domain_messages.py) and shows it in the interface's language."""
from __future__ import annotations

from annotations.wording import QT_TRANSLATE_NOOP

# any regular file (annotations.regular_files)
NOT_FOUND = QT_TRANSLATE_NOOP("FileMessages", "cannot read the file: not found")
NOT_MOVED = QT_TRANSLATE_NOOP("FileMessages", "check that the file was not moved or deleted")
CANNOT_READ = QT_TRANSLATE_NOOP("FileMessages", "cannot read the file ({error})")
CHECK_PERMISSIONS = QT_TRANSLATE_NOOP("FileMessages", "check the file's permissions")
CHECK_CONNECTION = QT_TRANSLATE_NOOP("FileMessages", "check that the disk or network share holding it is connected, "
                                                     "then try again")
NOT_REGULAR = QT_TRANSLATE_NOOP("FileMessages", "is {kind}, not a regular file; nothing was read from it")
ONLY_ORDINARY = QT_TRANSLATE_NOOP("FileMessages", "only ordinary files are read: replace it with a copy of the real "
                                                  "file")
TOO_LARGE_FOR = QT_TRANSLATE_NOOP("FileMessages", "file is {size}, too large for {what} (at most {limit})")
GREW_TOO_LARGE = QT_TRANSLATE_NOOP("FileMessages", "file grew beyond {limit} while it was read, too large for {what}")
RIGHT_FILE = QT_TRANSLATE_NOOP("FileMessages", "is this the right file?")
# the kinds of file NOT_REGULAR names
FILE_KINDS = (QT_TRANSLATE_NOOP("FileMessages", "a folder"), QT_TRANSLATE_NOOP("FileMessages", "a named pipe (FIFO)"),
              QT_TRANSLATE_NOOP("FileMessages", "a device"), QT_TRANSLATE_NOOP("FileMessages", "a socket"),
              QT_TRANSLATE_NOOP("FileMessages", "a special file"))
# a file's size or limit under 1 MB in TOO_LARGE_FOR and GREW_TOO_LARGE (larger ones in MB, the same in each language)
SIZE_IN_BYTES = QT_TRANSLATE_NOOP("FileSizes", "{count} bytes")
# what TOO_LARGE_FOR and GREW_TOO_LARGE say a file was read as (open_regular's ``what``, as its callers name it): a
# word, translated where shown ("对 a case file 来说过大" was English in the Chinese window)
FILE_ROLES = (
    QT_TRANSLATE_NOOP("FileMessages", "this kind of file"),
    QT_TRANSLATE_NOOP("FileMessages", "a case file"),
    QT_TRANSLATE_NOOP("FileMessages", "a record"),
    QT_TRANSLATE_NOOP("FileMessages", "a labelImg file"),
    QT_TRANSLATE_NOOP("FileMessages", "saved AI arrays"),
    QT_TRANSLATE_NOOP("FileMessages", "a damaged saved file"),
    QT_TRANSLATE_NOOP("FileMessages", "an autosave snapshot"),
    QT_TRANSLATE_NOOP("FileMessages", "a note of a case to check"),
    QT_TRANSLATE_NOOP("FileMessages", "a lock file"),
    QT_TRANSLATE_NOOP("FileMessages", "owed reveals"),
    QT_TRANSLATE_NOOP("FileMessages", "a consensus record"),
    QT_TRANSLATE_NOOP("FileMessages", "reading settings"),
    QT_TRANSLATE_NOOP("FileMessages", "a reader file"),
    QT_TRANSLATE_NOOP("FileMessages", "a VOC annotation"),
    QT_TRANSLATE_NOOP("FileMessages", "a CVAT annotation file"),
    QT_TRANSLATE_NOOP("FileMessages", "a mask"),
    QT_TRANSLATE_NOOP("FileMessages", "a grades CSV"),
    QT_TRANSLATE_NOOP("FileMessages", "YOLO labels"),
    QT_TRANSLATE_NOOP("FileMessages", "a COCO file"),
    QT_TRANSLATE_NOOP("FileMessages", "a labelme file"),
    QT_TRANSLATE_NOOP("FileMessages", "a split list"),
    QT_TRANSLATE_NOOP("FileMessages", "a hard-negatives file"),
    QT_TRANSLATE_NOOP("FileMessages", "a model card"),
)

# images (annotations.image_io)
IMAGE_DAMAGED = QT_TRANSLATE_NOOP("FileMessages", "the file cannot be decoded ({error})")
RECOPY_IMAGE = QT_TRANSLATE_NOOP("FileMessages", "re-export or re-copy the image; the other cases are unaffected")
# an address's frame number on a file of no frames: its kind is not known here, so DICOM's neutral word (a photo
# series' frames are no B-scans, annotations.case_names.called_bscans); either kind of volume named (volume_files)
NOT_A_VOLUME = QT_TRANSLATE_NOOP("FileMessages", "it is neither a multi-frame DICOM file nor a TIFF whose pages are "
                                                 "all grey and of one size, so it has no frame {number}")
OPEN_FILE_ITSELF = QT_TRANSLATE_NOOP("FileMessages", "open the file itself")
EMPTY_FILE = QT_TRANSLATE_NOOP("FileMessages", "the file is empty (0 bytes)")
RECOPY_FROM_SOURCE = QT_TRANSLATE_NOOP("FileMessages", "re-copy the image from its source")
# a saved case's image replaced by another: its labels do not fit it (app.image_loader)
IMAGE_NOT_LABELLED_ONE = QT_TRANSLATE_NOOP("FileMessages", "the image is {width}x{height} pixels, but its case was "
                                                           "labelled on a {labelled_width}x{labelled_height} image")
PUT_LABELLED_BACK = QT_TRANSLATE_NOOP("FileMessages", "put back the image it was labelled on; its labels are kept")
# The size a number of its own, so that a translation says the unit too ("900 megapixels" stayed English in Chinese)
IMAGE_TOO_LARGE = QT_TRANSLATE_NOOP("FileMessages", "image is too large to open safely ({megapixels} megapixels)")
IMAGE_TOO_LARGE_UNSIZED = QT_TRANSLATE_NOOP("FileMessages", "image is too large to open safely")
IMAGE_TOO_MANY_PIXELS = QT_TRANSLATE_NOOP("FileMessages", "image is {width}x{height} pixels, too large to open "
                                                          "safely")
MEGAPIXELS_REFUSED = QT_TRANSLATE_NOOP("FileMessages", "images above {limit} megapixels are refused")
NOT_AN_IMAGE = QT_TRANSLATE_NOOP("FileMessages", "not a readable image (unknown or damaged format)")
SUPPORTED_IMAGES = QT_TRANSLATE_NOOP("FileMessages", "supported formats are JPEG, PNG, TIFF and BMP")
UNSAFE_METADATA = QT_TRANSLATE_NOOP("FileMessages", "the file carries metadata that cannot be read safely ({error})")
STRIP_METADATA = QT_TRANSLATE_NOOP("FileMessages", "re-save the image without its metadata; the other cases are "
                                                   "unaffected")
NO_PIXELS = QT_TRANSLATE_NOOP("FileMessages", "image has no pixels")
# a data set's photo (annotations.formats.bare_photos) whose content is a format its metadata is not left out of
NOT_BARED_FORMAT = QT_TRANSLATE_NOOP("FileMessages", "its content is a {kind} picture: a data set cannot leave out "
                                                     "the metadata of that format")
SAVE_AS_SUPPORTED = QT_TRANSLATE_NOOP("FileMessages", "save it as JPEG, PNG, TIFF or BMP; the other cases are "
                                                      "unaffected")
DECODER_DEFECT = QT_TRANSLATE_NOOP("FileMessages", "cannot be decoded ({error})")  # app.image_loader: a decoder's bug
REPORT_FILE = QT_TRANSLATE_NOOP("FileMessages", "please report this file")

# why the system failed to write or read a file (annotations.os_reasons): the common causes, in words the interface
# translates; rarer ones are shown in the system's words
READ_ONLY_DISK = QT_TRANSLATE_NOOP("OsReasons", "the disk or folder is read-only")
DISK_FULL = QT_TRANSLATE_NOOP("OsReasons", "the disk is full")
NO_PERMISSION = QT_TRANSLATE_NOOP("OsReasons", "permission denied")
PATH_THROUGH_FILE = QT_TRANSLATE_NOOP("OsReasons", "a part of the path is a file, not a folder")
NOT_THERE = QT_TRANSLATE_NOOP("OsReasons", "the file or folder does not exist")
INPUT_OUTPUT = QT_TRANSLATE_NOOP("OsReasons", "input/output error on the disk or network share")
TIMED_OUT = QT_TRANSLATE_NOOP("OsReasons", "the disk or network share did not answer in time")
SHARE_LOST = QT_TRANSLATE_NOOP("OsReasons", "the connection to the network share was lost")
OS_REASONS: tuple[str, ...] = (READ_ONLY_DISK, DISK_FULL, NO_PERMISSION, PATH_THROUGH_FILE, NOT_THERE, INPUT_OUTPUT,
                               TIMED_OUT, SHARE_LOST)

# why a decoding library (Pillow, zlib, zipfile, numpy, pydicom, json) could not read a file's content
# (annotations.decoder_reasons): its common texts, in words the interface translates; rarer ones are shown in the
# library's words
CUT_SHORT = QT_TRANSLATE_NOOP("DecoderReasons", "the file was cut short, e.g. by a copy or download that stopped")
DATA_CHANGED = QT_TRANSLATE_NOOP("DecoderReasons", "bytes inside the file were changed, e.g. by a faulty disk or "
                                                   "transfer")
UNKNOWN_CONTENT = QT_TRANSLATE_NOOP("DecoderReasons", "its content is in no image format known here: another kind of "
                                                      "file given this name?")
NOT_SAVED_ARRAYS = QT_TRANSLATE_NOOP("DecoderReasons", "its content is not arrays as RetinaReview saves them: another "
                                                       "kind of file, or overwritten")
DECLARES_TOO_MANY_PIXELS = QT_TRANSLATE_NOOP("DecoderReasons", "it declares {pixels} pixels, more than can be decoded "
                                                               "safely")
METADATA_TOO_LARGE = QT_TRANSLATE_NOOP("DecoderReasons", "a text or colour profile inside it unpacks to more than can "
                                                         "be read safely")
PIXEL_DATA_SHORT = QT_TRANSLATE_NOOP("DecoderReasons", "its pixel data holds {held} bytes, fewer than the {declared} "
                                                       "its header declares: the file is cut short or damaged")
# a text file (a case.json) whose JSON stops before its end, or that is not text at all: where, for whoever mends it
NOT_JSON_AT = QT_TRANSLATE_NOOP("DecoderReasons", "its text stops being valid JSON at line {line}, column {column}, "
                                                  "e.g. after an edit by hand or a faulty disk")
NOT_UTF8 = QT_TRANSLATE_NOOP("DecoderReasons", "its content is not text: another kind of file, or overwritten")
# JSON nested deeper than Python's recursion limit (thousands of brackets): crafted or damaged, never written so
NESTED_TOO_DEEP = QT_TRANSLATE_NOOP("DecoderReasons", "its content is nested thousands of levels deep, deeper than "
                                                      "can be read safely: a damaged or crafted file")
# the DICOM reader's own, where a file's first bytes are no DICOM file's (zeros, or another kind of file)
NO_DICOM_START = QT_TRANSLATE_NOOP("DecoderReasons", "no DICM marker, file meta or image data set at its start")
DECODER_REASONS: tuple[str, ...] = (CUT_SHORT, DATA_CHANGED, UNKNOWN_CONTENT, NOT_SAVED_ARRAYS,
                                    DECLARES_TOO_MANY_PIXELS, METADATA_TOO_LARGE, PIXEL_DATA_SHORT, NO_DICOM_START,
                                    NOT_JSON_AT, NOT_UTF8, NESTED_TOO_DEEP)

# what to do about a save the system refused (annotations.os_reasons.write_hint), by its cause
FREE_SPACE = QT_TRANSLATE_NOOP("WriteHints", "Free disk space, then save again.")
MAKE_WRITABLE = QT_TRANSLATE_NOOP("WriteHints", "Check that the folder can be written to, then save again.")
RECONNECT = QT_TRANSLATE_NOOP("WriteHints", "Check that the disk or network share is connected, then save again.")
SAVE_AGAIN = QT_TRANSLATE_NOOP("WriteHints", "Save again once the cause is mended.")
SAVE_HINTS: tuple[str, str, str, str] = (FREE_SPACE, MAKE_WRITABLE, RECONNECT, SAVE_AGAIN)
# the same for a case an import could not save: its labels are in no window to save, the import is what to run again
IMPORT_HINTS: tuple[str, str, str, str] = (
    QT_TRANSLATE_NOOP("WriteHints", "Free disk space, then import again."),
    QT_TRANSLATE_NOOP("WriteHints", "Check that the folder can be written to, then import again."),
    QT_TRANSLATE_NOOP("WriteHints", "Check that the disk or network share is connected, then import again."),
    QT_TRANSLATE_NOOP("WriteHints", "Import again once the cause is mended."))
WRITE_HINTS: tuple[str, ...] = SAVE_HINTS + IMPORT_HINTS

# output folders (annotations.output_folder, annotations.output_names)
OUTPUT_IS_FILE = QT_TRANSLATE_NOOP("FileMessages", "is a file, not a folder; nothing was written")
GIVE_FOLDER = QT_TRANSLATE_NOOP("FileMessages", "give a folder to write into")
NAMED_LIKE_FILE = QT_TRANSLATE_NOOP("FileMessages", "is named like a file, but it is the folder the files are "
                                                    "written into; nothing was written")
NOT_PLAIN_NAME = QT_TRANSLATE_NOOP("FileMessages", "not a plain name inside the output folder; nothing was written")
LEADS_OUTSIDE = QT_TRANSLATE_NOOP("FileMessages", "leads outside the output folder through a link; nothing was "
                                                  "written")
NO_LINKS = QT_TRANSLATE_NOOP("FileMessages", "choose an output folder without links in it")
WORK_DIR_IS_LINK = QT_TRANSLATE_NOOP("FileMessages", "is a link, not the program's own folder for its temporary "
                                                     "files; nothing was written")
PHOTO_FOLDER = QT_TRANSLATE_NOOP("FileMessages", "is a folder of photos (or inside one, or holding one) and holds "
                                                 "other files: images written here would be listed as cases; nothing "
                                                 "was written")
OPENED_AS_PHOTOS = QT_TRANSLATE_NOOP("FileMessages", "was opened as a folder of photos (its .retinareview folder "
                                                     "holds their saved labels): files written here would be listed "
                                                     "among its cases or offered as labels of its photos; nothing was "
                                                     "written")
IN_STORE = QT_TRANSLATE_NOOP("FileMessages", "is inside a .retinareview folder, where RetinaReview keeps the saved "
                                             "labels of the photos beside it: an output there could replace them; "
                                             "nothing was written")
NEW_FOLDER = QT_TRANSLATE_NOOP("FileMessages", "write into a new or empty folder, best beside the photos")
FOLDER_BUSY = QT_TRANSLATE_NOOP("FileMessages", "another analysis or export is writing into this folder now; nothing "
                                                "was written")
WAIT_OR_OTHER_FOLDER = QT_TRANSLATE_NOOP("FileMessages", "wait until it has finished, or choose another folder")
NOT_OWN_IMAGE = QT_TRANSLATE_NOOP("FileMessages", "is an image the program did not write here ({count} in the way); "
                                                  "an output never replaces a person's images, even when asked to "
                                                  "replace files; nothing was written")
NOT_OWN_REPORT = QT_TRANSLATE_NOOP("FileMessages", "is not a report this program wrote: a report replaces only an "
                                                   "earlier one, whatever it is asked; nothing was written")
NOT_OWN_DICOM_REPORT = QT_TRANSLATE_NOOP("FileMessages", "is not a DICOM report this program wrote (an Encapsulated "
                                                         "PDF object holding its PDF): a report replaces only an "
                                                         "earlier one, whatever it is asked; nothing was written")
NOT_OWN_SCREENSHOT = QT_TRANSLATE_NOOP("FileMessages", "is not a screenshot this program wrote: a screenshot replaces "
                                                       "only an earlier one, which carries the program's mark in its "
                                                       "PNG or JPEG file, whatever it is asked (to replace one saved "
                                                       "before screenshots carried it, delete it first); nothing was "
                                                       "written")
WRITTEN_TWICE = QT_TRANSLATE_NOOP("FileMessages", "would be written twice in one run: two outputs share this name")
CANNOT_WRITE = QT_TRANSLATE_NOOP("FileMessages", "cannot be written ({error})")
WRITABLE_FOLDER = QT_TRANSLATE_NOOP("FileMessages", "choose a folder you can write to, on a disk with free space")
IS_ORIGINAL = QT_TRANSLATE_NOOP("FileMessages", "is an original image ({count} in the way); an output never replaces "
                                                "originals, nothing was written")
OTHER_OUTPUT = QT_TRANSLATE_NOOP("FileMessages", "choose another output folder or file")
ALREADY_EXISTS = QT_TRANSLATE_NOOP("FileMessages", "already exists ({count} file(s) in the way, not written by this "
                                                   "run); nothing was written")
# ALREADY_EXISTS where those files are a run's that stopped part-way (output_folder.UNFINISHED_MARKER): replacing
# them finishes it
UNFINISHED_IN_THE_WAY = QT_TRANSLATE_NOOP("FileMessages", "holds the files of an export or analysis that stopped "
                                                          "before it ended ({count} in the way); nothing was written")
# a file saved where an output was to go after the run approved the name, without overwrite (OutputFolder.write_bytes)
APPEARED_MEANWHILE = QT_TRANSLATE_NOOP("FileMessages", "was saved here by another program while this run wrote; it "
                                                       "was not replaced, and the run stopped")
# a run (analyze, agreement, grades_by_reader.csv) wrote anew a file an earlier one wrote that someone changed since
# (OutputFolder.kept_aside); an export says more (transfer_messages.EDITED_FILES_KEPT): how to get the changes back
EDITED_OUTPUTS_KEPT = QT_TRANSLATE_NOOP("FileMessages", "kept {count} file(s) changed since an earlier run wrote "
                                                        "them, renamed beside the ones written now, e.g. {file} as "
                                                        "{kept}")
# a run (agreement, evaluate) asked to replace removed an earlier one's files of its kind it no longer writes
# (OutputFolder.remove_earlier: a pair of readers no longer compared), or kept those changed since
EARLIER_OUTPUTS_REMOVED = QT_TRANSLATE_NOOP("FileMessages", "removed {count} file(s) an earlier run wrote that this "
                                                            "one no longer writes, e.g. {example}: left there they "
                                                            "would read as this run's results")
EARLIER_OUTPUTS_LEFT = QT_TRANSLATE_NOOP("FileMessages", "kept {count} file(s) an earlier run wrote that this one no "
                                                         "longer writes, e.g. {example}: changed since, they are not "
                                                         "the program's to remove, and left there they may read as "
                                                         "this run's results; remove them, or write into an empty "
                                                         "folder")
STALE_MASKS = QT_TRANSLATE_NOOP("FileMessages", "a mask this export no longer writes for its case ({count} file(s): "
                                                "{names}); left beside the new masks it would say its class is "
                                                "absent, and no earlier export of this program wrote it as it is, so "
                                                "it is not removed; nothing was written")
REMOVE_OR_EMPTY = QT_TRANSLATE_NOOP("FileMessages", "remove these files, or choose an empty folder")
EMPTY_OR_OVERWRITE = QT_TRANSLATE_NOOP("FileMessages", "choose an empty folder or a new file name, or ask to "
                                                       "overwrite (--overwrite)")
# EMPTY_OR_OVERWRITE where the export dialog refuses (widgets/export_dialog.py): its way to ask is a tick box
EMPTY_OR_TICK_REPLACE = QT_TRANSLATE_NOOP("FileMessages", "choose an empty folder, or tick “Replace files already in "
                                                          "this folder” above")
SHARED_OUTPUT_NAME = QT_TRANSLATE_NOOP("FileMessages", "{count} images share the output name {name}; each got its "
                                                       "own: {renamed}")  # an export's note, not a FileProblem
RESERVED_OUTPUT_NAME = QT_TRANSLATE_NOOP("FileMessages", "the output name {name} is the format's own file; the image "
                                                         "got another: {renamed}")  # an export's note
# a data set's photo named as another's lesion mask (P1_HE beside P1): output_names.plan_stems
MASK_OUTPUT_NAME = QT_TRANSLATE_NOOP("FileMessages", "the output name {name} reads as the lesion mask of another "
                                                     "image beside it; the image got another: {renamed}")
# each of {renamed}, joined by ", ": the case's name (annotations.case_names; a B-scan's holds ", ") and its quoted stem
RENAMED_AS = QT_TRANSLATE_NOOP("OutputRenamings", "{path} -> {stem}")

# label maps typed by a person (annotations.formats.label_map, annotations.classes.class_from_name): a ValueError
LABEL_MAP_ENTRY = QT_TRANSLATE_NOOP("LabelMaps", "label map entry {entry} is not of the form name=CLASS (for example "
                                                 "haemorrhage=HE)")
LABEL_MAP_TWICE = QT_TRANSLATE_NOOP("LabelMaps", "label map names {name} twice, as {first} and {second}")
UNKNOWN_CLASS = QT_TRANSLATE_NOOP("LabelMaps", "unknown lesion class {name}; expected one of {accepted}")
LABEL_MAPS: tuple[str, ...] = (LABEL_MAP_ENTRY, LABEL_MAP_TWICE, UNKNOWN_CLASS)

TEMPLATES: tuple[str, ...] = (
    NOT_FOUND, NOT_MOVED, CANNOT_READ, CHECK_PERMISSIONS, CHECK_CONNECTION, NOT_REGULAR, ONLY_ORDINARY, TOO_LARGE_FOR,
    GREW_TOO_LARGE, RIGHT_FILE, IMAGE_DAMAGED, RECOPY_IMAGE, NOT_A_VOLUME, OPEN_FILE_ITSELF, EMPTY_FILE,
    RECOPY_FROM_SOURCE, IMAGE_NOT_LABELLED_ONE, PUT_LABELLED_BACK, IMAGE_TOO_LARGE, IMAGE_TOO_LARGE_UNSIZED,
    IMAGE_TOO_MANY_PIXELS, MEGAPIXELS_REFUSED, NOT_AN_IMAGE, SUPPORTED_IMAGES, UNSAFE_METADATA, STRIP_METADATA,
    NO_PIXELS, NOT_BARED_FORMAT, SAVE_AS_SUPPORTED, DECODER_DEFECT,
    REPORT_FILE, OUTPUT_IS_FILE, NAMED_LIKE_FILE, GIVE_FOLDER, NOT_PLAIN_NAME, LEADS_OUTSIDE, NO_LINKS,
    WORK_DIR_IS_LINK, PHOTO_FOLDER, OPENED_AS_PHOTOS, IN_STORE, NEW_FOLDER, FOLDER_BUSY, WAIT_OR_OTHER_FOLDER,
    NOT_OWN_IMAGE, NOT_OWN_REPORT, NOT_OWN_DICOM_REPORT, NOT_OWN_SCREENSHOT,
    WRITTEN_TWICE, CANNOT_WRITE,
    WRITABLE_FOLDER, IS_ORIGINAL, OTHER_OUTPUT, ALREADY_EXISTS, UNFINISHED_IN_THE_WAY, APPEARED_MEANWHILE,
    EMPTY_OR_OVERWRITE,
    EMPTY_OR_TICK_REPLACE,
    SHARED_OUTPUT_NAME,
    RESERVED_OUTPUT_NAME, MASK_OUTPUT_NAME, STALE_MASKS, REMOVE_OR_EMPTY, EDITED_OUTPUTS_KEPT, EARLIER_OUTPUTS_REMOVED,
    EARLIER_OUTPUTS_LEFT)
