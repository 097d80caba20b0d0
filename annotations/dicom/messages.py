"""What the DICOM reader says about a file it cannot show (the reasons and hints of its DicomErrors), as
templates: filled with ``.format`` in English, matched by the interface (widgets/domain_messages.py) to show
them in the interface's language."""
from __future__ import annotations

from annotations.wording import QT_TRANSLATE_NOOP

HEADER_DAMAGED = QT_TRANSLATE_NOOP("DicomMessages", "the DICOM header is damaged ({error})")
REEXPORT = QT_TRANSLATE_NOOP("DicomMessages", "re-export it from the device")
NO_PIXEL_DATA = QT_TRANSLATE_NOOP("DicomMessages", "the DICOM object has no pixel data")
NO_PIXEL_DATA_OF = QT_TRANSLATE_NOOP("DicomMessages", "the DICOM object has no pixel data (it is {kind})")
OPEN_IMAGE_OBJECTS = QT_TRANSLATE_NOOP("DicomMessages", "open the image objects of the study instead, or copy the "
                                                        "file again if it was cut short")
CANNOT_DECODE = QT_TRANSLATE_NOOP("DicomMessages", "the pixel data cannot be decoded ({error})")
REEXPORT_OTHERS_FINE = QT_TRANSLATE_NOOP("DicomMessages", "re-export it from the device; the other cases are "
                                                          "unaffected")
CODESTREAM_SIZE = QT_TRANSLATE_NOOP("DicomMessages", "frame {number}'s compressed data declares {width}x{height} "
                                                     "pixels of {components} component(s) but the header says "
                                                     "{header_width}x{header_height} pixels of {samples}")
CODESTREAM_WITHOUT_SIZE = QT_TRANSLATE_NOOP("DicomMessages", "frame {number}'s compressed data does not say its size "
                                                             "(no JPEG or JPEG 2000 frame header)")
FRAME_SIZE = QT_TRANSLATE_NOOP("DicomMessages", "a frame decodes to {width}x{height} pixels but the header says "
                                                "{header_width}x{header_height}")
NO_SUCH_FRAME = QT_TRANSLATE_NOOP("DicomMessages", "it has {frames} frame(s); frame {number} does not exist")
# the reader does not know what the frames are (an OCT volume's B-scans, a photo series' frames): neutral words
LABELS_KEPT = QT_TRANSLATE_NOOP("DicomMessages", "the labels of that frame are kept; open the file it was labelled on")
TOO_LARGE = QT_TRANSLATE_NOOP("DicomMessages", "the file is {size} GB, too large to open safely")
GIGABYTES_REFUSED = QT_TRANSLATE_NOOP("DicomMessages", "files above {limit} GB are refused")
NOT_PART_10 = QT_TRANSLATE_NOOP("DicomMessages", "not a DICOM Part 10 file ({error})")
EXPORT_AS_DICOM = QT_TRANSLATE_NOOP("DicomMessages", "export it from the device as a DICOM file (with the DICM "
                                                     "header)")
SYNTAX_UNSUPPORTED = QT_TRANSLATE_NOOP("DicomMessages", "its transfer syntax {name} ({uid}) cannot be decoded here")
SYNTAX_BITS_UNSUPPORTED = QT_TRANSLATE_NOOP("DicomMessages", "its transfer syntax {name} ({uid}) cannot be decoded "
                                                             "here at {bits} bits")
NO_DECODER = QT_TRANSLATE_NOOP("DicomMessages", "its transfer syntax {name} ({uid}) needs a decoder that is not "
                                                "installed")
INSTALL_DECODER = QT_TRANSLATE_NOOP("DicomMessages", "install one in the program's environment (pip install "
                                                     "{packages}), or convert the file to Explicit VR Little Endian "
                                                     "(e.g. with gdcmconv --raw)")
CONVERT_SYNTAX = QT_TRANSLATE_NOOP("DicomMessages", "convert it to one of {supported} (e.g. with dcmdjpeg or "
                                                    "gdcmconv)")
DEFLATE_DAMAGED = QT_TRANSLATE_NOOP("DicomMessages", "the deflated data set is damaged ({error})")
DEFLATE_BOMB = QT_TRANSLATE_NOOP("DicomMessages", "the deflated data set inflates to over {limit} MB (a deflate "
                                                  "bomb, or a damaged file)")
REFUSED = QT_TRANSLATE_NOOP("DicomMessages", "the file was refused")
DESCRIPTION_INCOMPLETE = QT_TRANSLATE_NOOP("DicomMessages", "the image description is incomplete ({error})")
FRAMES_DECLARED = QT_TRANSLATE_NOOP("DicomMessages", "the header declares {frames} frame(s) of {width}x{height} "
                                                     "pixels")
MEGAPIXELS_REFUSED = QT_TRANSLATE_NOOP("DicomMessages", "frames above {limit} megapixels are refused")
NO_PIXELS_DECLARED = QT_TRANSLATE_NOOP("DicomMessages", "the header declares no pixels ({frames} frame(s) of "
                                                        "{width}x{height})")
NOT_A_PHOTO = QT_TRANSLATE_NOOP("DicomMessages", "{samples} sample(s) per pixel at {bits_stored} of {bits} bits "
                                                 "({photometric}) is not a photograph or OCT scan this program shows")
GREY_OR_RGB = QT_TRANSLATE_NOOP("DicomMessages", "export it as grey or RGB, 8 or 16 bits")
PIXELS_SHORT = QT_TRANSLATE_NOOP("DicomMessages", "the pixel data holds {length} bytes, the header declares "
                                                  "{expected}")
TRUNCATED = QT_TRANSLATE_NOOP("DicomMessages", "the file is truncated or damaged; re-export it from the device")
CHANGED_SINCE_READ = QT_TRANSLATE_NOOP("DicomMessages", "the file was replaced or changed after its header was read")
OPEN_AGAIN = QT_TRANSLATE_NOOP("DicomMessages", "open the case again")

TEMPLATES: tuple[str, ...] = (
    HEADER_DAMAGED, REEXPORT, NO_PIXEL_DATA, NO_PIXEL_DATA_OF, OPEN_IMAGE_OBJECTS, CANNOT_DECODE, REEXPORT_OTHERS_FINE,
    CODESTREAM_SIZE, CODESTREAM_WITHOUT_SIZE, FRAME_SIZE, NO_SUCH_FRAME, LABELS_KEPT, TOO_LARGE, GIGABYTES_REFUSED,
    NOT_PART_10, EXPORT_AS_DICOM, SYNTAX_UNSUPPORTED, SYNTAX_BITS_UNSUPPORTED, CONVERT_SYNTAX, DEFLATE_DAMAGED,
    DEFLATE_BOMB, REFUSED, NO_DECODER, INSTALL_DECODER, DESCRIPTION_INCOMPLETE, FRAMES_DECLARED, MEGAPIXELS_REFUSED,
    NO_PIXELS_DECLARED, NOT_A_PHOTO, GREY_OR_RGB, PIXELS_SHORT, TRUNCATED, CHANGED_SINCE_READ, OPEN_AGAIN)
