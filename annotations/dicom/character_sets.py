"""The character set of a header whose text is not in the one it declares, as devices in Chinese clinics write it:
the patient's name in GB 18030 (or UTF-8) bytes with no Specific Character Set, the default repertoire (ASCII only)
or Latin-1 (many devices' default, whatever the computer's code page) named, or GBK bytes under UTF-8. pydicom reads
those bytes as Latin-1, so 王^小明 was shown, printed and filed as "Ð¡Ã÷ Íõ" (under UTF-8: "С�� ��").
A header whose text is in the character set it names is read as it says."""
from __future__ import annotations

from pydicom.charset import convert_encodings
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
TEXT_VRS = frozenset({"PN", "LO", "SH", "ST", "LT", "UT", "UC"})
_CHARSET = Tag("SpecificCharacterSet")
_LATIN_1_CONTROLS = bytes(range(0x80, 0xA0))  # C1: no Latin-1 name holds them; GBK and GB 18030 bytes often do


def read_text_as_written(dataset: Dataset) -> None:
    """Where ``dataset`` (its values not yet read) declares no character set beyond ASCII, or declares Latin-1, but
    its text holds other bytes: they are read as UTF-8 where they are valid UTF-8, else as GB 18030 where they are
    GB 2312 (the common Chinese characters), or hold bytes no Latin-1 text holds; else as pydicom reads them
    (Latin-1: "Müller" stays Müller). Where it declares UTF-8 and its text is not, but is GB 18030 (GBK's
    superset): as GB 18030. Where it names ASCII's, then one character set that has no code extensions (GB 18030,
    GBK, UTF-8), as that one. The file is not changed."""
    declared = dataset.get_item(_CHARSET)
    values = declared.value if declared is not None else ""
    if isinstance(values, bytes):
        values = values.decode("ascii", "replace").split("\\")
    first, *extensions = [str(value).strip() for value in ([values] if isinstance(values, str) else values)] or [""]
    named, texts = "\\".join([first, *extensions]), _raw_texts(dataset)
    if first in DEFAULT_REPERTOIRE and len(extensions) == 1 and extensions[0] in STANDALONE:
        _read_as(dataset, extensions[0])
    elif named in DEFAULT_REPERTOIRE or named in LATIN_1:
        if all(text.isascii() for text in texts):
            return
        if _all_decode(texts, "utf-8"):
            _read_as(dataset, UTF_8)
        elif _all_decode(texts, "gb2312") or (any(_has_latin_1_controls(text) for text in texts)
                                              and _all_decode(texts, "gb18030")):
            _read_as(dataset, "GB18030")
    elif named == UTF_8 and not _all_decode(texts, "utf-8") and _all_decode(texts, "gb18030"):
        _read_as(dataset, "GB18030")


def _read_as(dataset: Dataset, character_set: str) -> None:
    """Text values not read yet are read in ``character_set`` (pydicom reads them in the one the data set was read
    with; the Specific Character Set element is not added: the file does not say it)."""
    dataset.set_original_encoding(*dataset.original_encoding, convert_encodings([character_set]))


def _raw_texts(dataset: Dataset) -> list[bytes]:
    """The bytes of the data set's own text values not read yet (a sequence's items keep the character set they were
    read with)."""
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
            texts.append(element.value)
    return texts


def _all_decode(texts: list[bytes], encoding: str) -> bool:
    try:
        for text in texts:
            text.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _has_latin_1_controls(text: bytes) -> bool:
    return any(byte in _LATIN_1_CONTROLS for byte in text)
