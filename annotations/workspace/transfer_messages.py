"""What an import or export warns about in its summary (TransferSummary.warnings), as templates: filled with
``.format`` in English (the command line prints that), matched by the interface (widgets/domain_messages.py) to
show them in the interface's language. A warning may hold another known text: a label file's note ({note}), or
the error of a case that was skipped ({error})."""
from __future__ import annotations

from annotations.wording import QT_TRANSLATE_NOOP

UNKNOWN_LABELS = QT_TRANSLATE_NOOP("TransferWarnings", "skipped shapes with labels the label map does not name: "
                                                       "{names}; add them with --label-map name=CLASS")
# each of {names}, joined by ", ": the files (join_names) cut short
UNKNOWN_LABEL = QT_TRANSLATE_NOOP("UnknownLabels", "{name} (in {count} file(s): {files})")
# in place of UNKNOWN_LABEL for shapes whose label is empty (datumaro's CVAT export writes label="" for one)
UNLABELLED_SHAPES = QT_TRANSLATE_NOOP("UnknownLabels", "shapes without a label (in {count} file(s): {files})")
SHAPES_WITHOUT_AREA = QT_TRANSLATE_NOOP("TransferWarnings", "skipped {count} shape(s) without an area to import: "
                                                            "{kinds} (in {files})")
SHAPES_WITHOUT_AREA_IN_FILE = QT_TRANSLATE_NOOP("TransferWarnings", "skipped {count} shape(s) without an area to "
                                                                    "import: {kinds} (in {file}, for images {files})")
# an import from a folder an export stopped writing into part-way (output_folder.unfinished_output)
UNFINISHED_EXPORT = QT_TRANSLATE_NOOP("TransferWarnings", "{folder} holds an export that stopped before it ended "
                                                          "(cancelled, or the program was cut off): cases it has no "
                                                          "labels for may have labels it never wrote; export them "
                                                          "into it again to have them all")
WITHOUT_LABELS = QT_TRANSLATE_NOOP("TransferWarnings", "{count} case(s) had no labels to import in {folder}")
BOXES_ALREADY_THERE = QT_TRANSLATE_NOOP("TransferWarnings", "{count} box(es) were in their cases already and were "
                                                             "not added twice")
FILE_NOTE = QT_TRANSLATE_NOOP("TransferWarnings", "{file}: {note}")
SIZE_MISMATCH = QT_TRANSLATE_NOOP("TransferWarnings", "{file}: labelled on a {width}x{height} image, {image} is "
                                                      "{image_width}x{image_height}; labels were scaled to fit")
# labels drawn on a photo's pixels as stored (labelImg ignores EXIF orientation), turned as the program shows it
EXIF_TURNED = QT_TRANSLATE_NOOP("TransferWarnings", "{file}: labelled on the photo as stored ({width}x{height}); "
                                                    "{image} is shown turned by its EXIF orientation, and the labels "
                                                    "were turned with it")
# labels on a photo mirrored or turned half round (EXIF orientation 2-4), imported as written: drawn on it as stored
# (labelImg) or as shown (this program's export), they cannot be told apart, as the photo keeps its size
EXIF_SIZE_KEPT = QT_TRANSLATE_NOOP("TransferWarnings", "{file}: {image} is shown mirrored or turned half round by its "
                                                       "EXIF orientation; labels drawn on it in a tool that ignores "
                                                       "the orientation (labelImg) lie mirrored or turned from where "
                                                       "they were drawn: check them on the photo")
# labels imported into a saved case whose photo cannot be read (damaged, truncated): checked against the saved size
PHOTO_UNREADABLE = QT_TRANSLATE_NOOP("TransferWarnings", "{file}: imported into {image}, checked against the size "
                                                         "saved with its labels ({width}x{height}) as the photo "
                                                         "cannot be read: {error}")
# the same, the labels drawn on another size: in place of SIZE_MISMATCH, whose {image} size the photo does not have
PHOTO_UNREADABLE_SCALED = QT_TRANSLATE_NOOP("TransferWarnings", "{file}: labelled on a {label_width}x{label_height} "
                                                                "image, imported into {image} scaled to the size "
                                                                "saved with its labels ({width}x{height}) as the "
                                                                "photo cannot be read: {error}")
# labels named for a TIFF volume's file itself (labelImg's vol.xml, an export's vol_MA.png): written while a TIFF
# opened as one picture, its first page, they go to its B-scan 1 as its saved labels move (workspace.first_pages)
FIRST_PAGE_LABELS = QT_TRANSLATE_NOOP("TransferWarnings", "{file}: named for {image}, which opens as an OCT volume "
                                                          "of {pages} B-scans now; labelled while a TIFF opened as "
                                                          "one picture, its first page, so imported into B-scan 1 "
                                                          "of it, not B-scan {shown} that it shows")
FILES_UNMATCHED = QT_TRANSLATE_NOOP("TransferWarnings", "{count} label file(s) matched no image, e.g. {example}")
# in place of FILES_UNMATCHED for labels named for a page of a multi-page TIFF that is no volume (tiff_volume) as for
# a volume's B-scan
TIFF_PAGE_LABELS = QT_TRANSLATE_NOOP("TransferWarnings", "{count} label file(s) named for pages of {image}, e.g. "
                                                         "{example}, were not imported: it is a TIFF of {pages} "
                                                         "pages, which opens as one picture, its first page (a "
                                                         "multi-frame DICOM file opens frame by frame, a TIFF page "
                                                         "by page only where every page is grey and of one size); "
                                                         "save the volume as DICOM, or each page as an image of its "
                                                         "own, to label its pages")
IMAGES_UNMATCHED = QT_TRANSLATE_NOOP("TransferWarnings", "{count} image(s) of {file} matched no case, e.g. {example}")
# beside IMAGES_UNMATCHED: a CVAT project's photos of one name, one per subset, and a flat folder's photo of that name
SUBSETS_OF_ONE_NAME = QT_TRANSLATE_NOOP("TransferWarnings", "no labels imported for {photos}: {file} lists photos of "
                                                            "each name in different subsets of the CVAT project "
                                                            "({files}); export the project's dataset (it puts each "
                                                            "subset in its own folder) or import one task's file")
NOT_LABEL_IMAGES = QT_TRANSLATE_NOOP("TransferWarnings", "skipped {count} image(s) that are no label images (a photo, "
                                                          "or values that are no class number): {files}")
JPEG_MASKS = QT_TRANSLATE_NOOP("TransferWarnings", "{count} mask(s) read from JPEG, their class where brighter than "
                                                    "mid-grey (JPEG blurs a mask's edges: save masks as PNG or TIFF "
                                                    "to keep them exact): {files}")
STEM_FITS_SEVERAL = QT_TRANSLATE_NOOP("TransferWarnings", "{label}: not imported: named for no image exactly, and its "
                                                           "name fits several: {images}")
SKIPPED = QT_TRANSLATE_NOOP("TransferWarnings", "skipped: {error}")
SKIPPED_NO_IMAGE = QT_TRANSLATE_NOOP("TransferWarnings", "skipped (the data set needs the image): {error}")
# a grades CSV lists every case exported, graded or not (an empty cell: not graded), and says how many are not
UNGRADED_ROWS = QT_TRANSLATE_NOOP("TransferWarnings", "{count} of the {total} row(s) have no grade yet (the cases were "
                                                      "not graded, e.g. {example}); their cells are empty")
OVERLAPS_LOST = QT_TRANSLATE_NOOP("TransferWarnings", "{count} pixel(s) painted with two or more classes were written "
                                                     "as one (an indexed PNG holds one class per pixel; MA wins, then "
                                                     "HE, EX, SE, OD): export masks to keep every class whole")
YOLO_FLAGS_LOST = QT_TRANSLATE_NOOP("TransferWarnings", "{count} box(es) marked difficult or truncated lost the mark: "
                                                        "YOLO files cannot hold it (export VOC to keep it)")
# a masks export leaves out the file of a lesion class a case has boxed but not painted (formats.dataset's rule)
BOXED_NOT_PAINTED = QT_TRANSLATE_NOOP("TransferWarnings", "{count} case(s) have a lesion class boxed but not painted, "
                                                          "e.g. {example} ({classes}): no mask file was written for "
                                                          "such a class, as an empty one would say there is none "
                                                          "inside its boxes; masks hold no boxes, so export VOC too "
                                                          "to keep them")
# a dataset export leaves out the masks of a reviewed case whose lesions nobody labelled (formats.dataset's rule)
DATASET_LESIONS_UNKNOWN = QT_TRANSLATE_NOOP("TransferWarnings", "{count} case(s) have no lesion painted or boxed and "
                                                                "no grade of No DR, e.g. {example}: no masks were "
                                                                "written for them, as empty ones would say there is "
                                                                "no lesion where nobody said so; their grades are "
                                                                "kept for the grade tasks")
# and the indexed PNG of a case with a class boxed but not painted, with that class's mask
DATASET_NOT_INDEXED = QT_TRANSLATE_NOOP("TransferWarnings", "{count} case(s) have a class boxed but not painted, e.g. "
                                                            "{example} ({classes}): neither a mask of such a class "
                                                            "nor the case's indexed PNG (masks_indexed) was written, "
                                                            "as they would say there is none inside its boxes; the "
                                                            "boxes are in voc/")
# a masks export with --overwrite removed older masks it proved its own (OutputFolder.remove_own)
STALE_MASKS_REMOVED = QT_TRANSLATE_NOOP("TransferWarnings", "removed {count} mask file(s) an earlier export wrote "
                                                            "that this one no longer writes, e.g. {example}: left "
                                                            "there they would have said a class is absent")
# a voc, masks, indexed, yolo or labelme export with --overwrite removed an earlier one's files of cases it read, or
# no longer in the workspace, that it proved its own (transfer._remove_files_of_cases_replaced)
STALE_CASE_FILES_REMOVED = QT_TRANSLATE_NOOP("TransferWarnings", "removed {count} file(s) an earlier export wrote "
                                                                 "that this one no longer writes, e.g. {example}: "
                                                                 "left there, training would read labels nobody "
                                                                 "drew any more")
# a dataset export with --overwrite removed an earlier export's case files it proved its own (formats.dataset):
# those of every case it does not write, a case the selection leaves out too, whose labels may well stand
DATASET_CASE_FILES_REMOVED = QT_TRANSLATE_NOOP("TransferWarnings", "removed {count} file(s) an earlier export wrote "
                                                                   "that this one no longer writes, e.g. {example}: "
                                                                   "a data set holds one export's cases, and left "
                                                                   "there, training would read cases or labels this "
                                                                   "one leaves out")
# a masks or dataset export with --overwrite left stale files it could not prove its own (OutputFolder.not_removed)
STALE_FILES_KEPT = QT_TRANSLATE_NOOP("TransferWarnings", "kept {count} file(s) an earlier export wrote that this one "
                                                         "no longer writes, e.g. {example}: changed since, they are "
                                                         "not the program's to remove, and left there they may hold "
                                                         "labels nobody drew any more; remove them, or export into an "
                                                         "empty folder")
# a voc, masks, indexed, yolo or labelme export into a folder where an earlier version's export named the same cases by
# their path (earlier_names.earlier_names_note): kept (removed only when proved its own and asked), and said
EARLIER_NAMES_KEPT = QT_TRANSLATE_NOOP("TransferWarnings", "kept {count} file(s) an earlier export wrote for these "
                                                           "cases under the names exports used to give them, e.g. "
                                                           "{example} (now {now}): left there, the folder holds "
                                                           "those cases' labels twice; remove them, or export into "
                                                           "an empty folder")
# an export with --overwrite wrote anew a file an earlier one wrote that someone changed since (OutputFolder.kept_aside)
EDITED_FILES_KEPT = QT_TRANSLATE_NOOP("TransferWarnings", "kept {count} file(s) changed since an earlier export wrote "
                                                          "them, renamed beside the ones written now, e.g. {file} as "
                                                          "{kept}: the files written now do not hold those changes; "
                                                          "to keep them, import the kept files (named back) into the "
                                                          "cases, then export again")
# an export stopped part-way (a full disk, a damaged case, Cancel): what it wrote stays (transfer.LeftBehind)
STOPPED_PART_WAY = QT_TRANSLATE_NOOP("TransferWarnings", "{count} file(s) were written to {folder} before the export "
                                                         "stopped; they are kept")
# beside it, a dataset export with --overwrite: the earlier export's shared files it removed first (formats.dataset)
SHARED_FILES_REMOVED = QT_TRANSLATE_NOOP("TransferWarnings", "removed the earlier export's {files} before this one "
                                                             "wrote its cases: training reads no split lists of a "
                                                             "data set that is not there; export again to write them")
# an import stopped part-way (a full disk, Cancel, Ctrl+C): each case it saved stays imported (transfer.LeftBehind)
IMPORTED_PART_WAY = QT_TRANSLATE_NOOP("TransferWarnings", "{count} case(s) in {folder} were imported before the import "
                                                          "stopped; they are kept, and importing the same labels "
                                                          "again does not add them twice")

TEMPLATES: tuple[str, ...] = (
    UNKNOWN_LABELS, SHAPES_WITHOUT_AREA, SHAPES_WITHOUT_AREA_IN_FILE, UNFINISHED_EXPORT, WITHOUT_LABELS,
    BOXES_ALREADY_THERE,
    SIZE_MISMATCH, EXIF_TURNED, EXIF_SIZE_KEPT, PHOTO_UNREADABLE, PHOTO_UNREADABLE_SCALED, FILES_UNMATCHED,
    TIFF_PAGE_LABELS, FIRST_PAGE_LABELS, IMAGES_UNMATCHED,
    SUBSETS_OF_ONE_NAME,
    SKIPPED, SKIPPED_NO_IMAGE, UNGRADED_ROWS, YOLO_FLAGS_LOST,
    OVERLAPS_LOST, BOXED_NOT_PAINTED, DATASET_LESIONS_UNKNOWN, DATASET_NOT_INDEXED, NOT_LABEL_IMAGES, JPEG_MASKS,
    STEM_FITS_SEVERAL, STOPPED_PART_WAY, SHARED_FILES_REMOVED, IMPORTED_PART_WAY,
    FILE_NOTE, STALE_MASKS_REMOVED, STALE_CASE_FILES_REMOVED, DATASET_CASE_FILES_REMOVED, STALE_FILES_KEPT,
    EARLIER_NAMES_KEPT, EDITED_FILES_KEPT)
