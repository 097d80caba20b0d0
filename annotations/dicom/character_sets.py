"""The character set of a header whose text is not in the one it declares, as devices in Chinese clinics write it:
the patient's name in GB 18030 (or UTF-8) bytes with no Specific Character Set, the default repertoire (ASCII only)
or Latin-1 (many devices' default, whatever the computer's code page) named, GBK bytes under UTF-8, or under GB 2312
in ISO 2022 (IR 58) with or without its escape sequences, or GB 18030 named after Latin-1 (``ISO_IR 100\\GB18030``,
which the standard forbids: pydicom ignores the second). pydicom reads those bytes as Latin-1, so 王^小明 was shown,
printed and filed as "Ð¡Ã÷ Íõ" (under UTF-8: "С�� ��"), and a name beyond GB 2312 (王^喆) with replacement characters.
A header whose text is in the character set it names is read as it says."""
from __future__ import annotations

import logging
import os
import re
import threading
import warnings

from pydicom.charset import convert_encodings, python_encoding
from pydicom.datadict import dictionary_VR
from pydicom.dataelem import RawDataElement
from pydicom.dataset import Dataset
from pydicom.tag import Tag

DEFAULT_REPERTOIRE = frozenset({"", "ISO_IR 6", "ISO 2022 IR 6"})  # ASCII: other bytes break the standard
# Latin-1 reads any bytes: what a Chinese device's text in it reads as is told apart as for a header naming none
LATIN_1 = frozenset({"ISO_IR 100", "ISO 2022 IR 100"})
UTF_8 = "ISO_IR 192"
# Character sets without code extensions: pydicom ignores one named after another ("ISO 2022 IR 6\\GB18030")
STANDALONE = frozenset({"GB18030", "GBK", UTF_8})
CHINESE = frozenset({"GB18030", "GBK"})
# GB 2312 in ISO 2022: its characters' bytes are GB 18030's, its escape sequences ASCII (reader.header_text drops
# them); devices write GBK's characters beyond GB 2312 (喆, 堃) under it, and leave the escape sequences out
GB_2312_ISO_2022 = "ISO 2022 IR 58"
ESCAPE_SEQUENCE = r"\x1b[\x20-\x2f]+[\x30-\x7e]"  # ISO 2022's, e.g. ESC $ ) A before GB 2312's characters
_ESCAPE_BYTES = re.compile(ESCAPE_SEQUENCE.encode())
TEXT_VRS = frozenset({"PN", "LO", "SH", "ST", "LT", "UT", "UC"})
_CHARSET = Tag("SpecificCharacterSet")
_LATIN_1_CONTROLS = bytes(range(0x80, 0xA0))  # C1: no Latin-1 name holds them; GBK and GB 18030 bytes often do
# Other bytes beside an ASCII letter: accented letters inside a Latin word ("Rößler" is also GB 2312: "R鲞ler")
_INSIDE_LATIN_WORD = re.compile(rb"[A-Za-z][\x80-\xff]|[\x80-\xff][A-Za-z]")
_LETTER_BESIDE_OTHER = re.compile(r"[A-Za-z][^\x00-\x7f]|[^\x00-\x7f][A-Za-z]")  # the same in text read
# What pydicom warns of (on the console, as a warning and a log record, for a file read right) where this module reads
# the text itself: a character set without code extensions named second (_written_in reads the text in it), and an
# escape sequence in text read as GB 18030 (reader.header_text drops it). Its other warnings stay. Its words are the
# same where _written_in does not read the text so (ISO_IR 100\\GB18030 over a Latin-1 name) and name no file:
# read_text_as_written says that one itself (IGNORED_EXTENSION).
HANDLED_WARNINGS = re.compile("|".join((
    r"Value '(%s)' cannot be used as code extension, ignoring it" % "|".join(map(re.escape, STANDALONE)),
    r"Found unknown escape sequence in encoded string value - using encoding GB18030")))
_PYDICOM = "pydicom"
IGNORED_EXTENSION = ("%s: its Specific Character Set '%s' names %s as a code extension, which it cannot be: the "
                     "text is read without it (a name written in it shows as other letters, 王小明 as Ð¡Ã÷ Íõ); have "
                     "the device name %s alone")
# The files IGNORED_EXTENSION was said of in this run (absolute paths): a header is read at each step (the folder's
# scan, the case's open, its pixels, its B-scan count), which said it 3 to 5 times over of one file. Scans run on
# worker threads, hence the lock.
_said_of: set[str] = set()
_said_lock = threading.Lock()

log = logging.getLogger(__name__)


def quiet_handled_warnings() -> None:
    """Keep pydicom's warnings of what this module handles (HANDLED_WARNINGS) off the console and the log (the
    reader calls it as it loads)."""
    warnings.filterwarnings("ignore", HANDLED_WARNINGS.pattern, module=_PYDICOM)
    logger = logging.getLogger(_PYDICOM)
    if _not_handled not in logger.filters:
        logger.addFilter(_not_handled)


def _not_handled(record: logging.LogRecord) -> bool:
    return HANDLED_WARNINGS.match(record.getMessage()) is None


def read_text_as_written(dataset: Dataset, path: str | os.PathLike) -> None:
    """Where the text of ``dataset`` (its values not yet read), the header of ``path``, is not in the character set
    it declares, it is read in the one it is written in (_written_in). The file is not changed. A character set
    without code extensions it names after another and is not read in is warned of, naming ``path``, once a run
    (IGNORED_EXTENSION): pydicom's own warning of it is kept quiet (HANDLED_WARNINGS)."""
    texts = _raw_texts(dataset)
    declared = _declared(dataset)
    character_set = _written_in(declared, [text for _, text in texts], [text for vr, text in texts if vr == "PN"])
    if character_set is not None:
        _read_as(dataset, character_set)
    ignored = _ignored_extensions(declared, character_set)
    if ignored and _first_said_of(path):
        for name in ignored:
            log.warning(IGNORED_EXTENSION, os.fspath(path), "\\".join(declared), name, name)


def _first_said_of(path: str | os.PathLike) -> bool:
    """Whether IGNORED_EXTENSION is said of ``path`` for the first time this run (it now counts as said)."""
    key = os.path.abspath(path)
    with _said_lock:
        first = key not in _said_of
        _said_of.add(key)
    return first


def _ignored_extensions(declared: list[str], read_in: str | None) -> list[str]:
    """The character sets without code extensions ``declared`` names after another, as code extensions, which pydicom
    ignores, and the text is not read in (``read_in``). Not where it names one first: pydicom reads the text in that
    one, and says the others are ignored in words HANDLED_WARNINGS does not match."""
    if declared[0] in STANDALONE:
        return []
    return list(dict.fromkeys(name for name in declared[1:] if name in STANDALONE and name != read_in))


def _written_in(declared: list[str], texts: list[bytes], names: list[bytes]) -> str | None:
    """The character set ``texts`` (the person ``names`` among them) are written in, where it is not the one
    ``declared`` names as pydicom reads it.

    Where the declaration names no character set beyond ASCII, or names Latin-1, but the text holds other bytes: UTF-8
    where they are valid UTF-8, else GB 18030 where they are GB 2312 (the common Chinese characters) and none stands
    inside a Latin word of a name, or hold bytes no Latin-1 text holds; else None (Latin-1: "Müller" and "Rößler"
    stay so). Where it names UTF-8 and the text is not, but is GB 18030 (GBK's superset): GB 18030. Where it names
    ASCII's, then one character set that has no code extensions (GB 18030, GBK, UTF-8): that one. Where it names GB
    2312 in ISO 2022 and ASCII's alone, and the text is not GB 2312 behind escape sequences (none, or characters
    beyond it): GB 18030, where the text is. Where it names Latin-1, then GB 18030 or GBK (as some Chinese devices
    do): that one, where the text is in it and no name then reads as a Latin word (_latin_word); else Latin-1, as
    pydicom reads it ("José")."""
    first, *extensions = declared
    named = "\\".join(declared)
    if first in DEFAULT_REPERTOIRE and len(extensions) == 1 and extensions[0] in STANDALONE:
        return extensions[0]
    if first in LATIN_1 and len(extensions) == 1 and extensions[0] in CHINESE:
        # invalid (PS3.3 C.12.1.1.2: a character set without code extensions is the only value), yet it names what
        # the device wrote: read so unless a name reads as a Latin word then ("Müller" is GB 18030's bytes too)
        codec = python_encoding[extensions[0]]
        read = _all_decode(texts, codec) and not any(_latin_word(name.decode(codec)) for name in names)
        return extensions[0] if read else None
    if GB_2312_ISO_2022 in declared and set(declared) <= DEFAULT_REPERTOIRE | {GB_2312_ISO_2022}:
        if any(_ESCAPE_BYTES.search(text) for text in texts) and _all_decode(
                [_ESCAPE_BYTES.sub(b"", text) for text in texts], "gb2312"):
            return None  # as the standard writes it: pydicom reads it
        return "GB18030" if _all_decode(texts, "gb18030") else None
    if named in DEFAULT_REPERTOIRE or named in LATIN_1:
        if all(text.isascii() for text in texts):
            return None
        if _all_decode(texts, "utf-8"):
            return UTF_8
        latin_words = any(_INSIDE_LATIN_WORD.search(name) for name in names)  # not "OCT检查" in a description
        if (_all_decode(texts, "gb2312") and not latin_words) or (
                any(_has_latin_1_controls(text) for text in texts) and _all_decode(texts, "gb18030")):
            return "GB18030"
        return None
    if named == UTF_8 and not _all_decode(texts, "utf-8") and _all_decode(texts, "gb18030"):
        return "GB18030"
    return None


def _declared(dataset: Dataset) -> list[str]:
    """The character sets ``dataset`` names, in order (at least one: "" where it names none)."""
    element = dataset.get_item(_CHARSET)
    values = element.value if element is not None else ""
    if isinstance(values, bytes):
        values = values.decode("ascii", "replace").split("\\")
    return [str(value).strip() for value in ([values] if isinstance(values, str) else values)] or [""]


def _read_as(dataset: Dataset, character_set: str) -> None:
    """Text values not read yet are read in ``character_set`` (pydicom reads them in the one the data set was read
    with; the Specific Character Set element is not added: the file does not say it)."""
    dataset.set_original_encoding(*dataset.original_encoding, convert_encodings([character_set]))


def _raw_texts(dataset: Dataset) -> list[tuple[str, bytes]]:
    """The VR and bytes of the data set's own text values not read yet (a sequence's items keep the character set
    they were read with)."""
    texts = []
    for tag in dataset.keys():
        element = dataset.get_item(tag, keep_deferred=True)
        if not isinstance(element, RawDataElement) or not isinstance(element.value, bytes):
            continue
        try:
            vr = element.VR or dictionary_VR(tag)
        except KeyError:  # a private element of an implicit VR file: its kind is not known
            continue
        if vr in TEXT_VRS:
            texts.append((vr, element.value))
    return texts


def _all_decode(texts: list[bytes], encoding: str) -> bool:
    try:
        for text in texts:
            text.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _latin_word(name: str) -> bool:
    """A letter beyond ASCII beside an ASCII one, as in a Latin word ("M黮ler": Müller's Latin-1 bytes read as GB
    18030), not in a Chinese name ("Wang^Xiaoming=王^小明")."""
    return _LETTER_BESIDE_OTHER.search(name) is not None


def _has_latin_1_controls(text: bytes) -> bool:
    return any(byte in _LATIN_1_CONTROLS for byte in text)
