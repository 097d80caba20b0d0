"""Why a decoding library (Pillow, zlib, zipfile, numpy, pydicom, json) could not read a file's content, in words a
person can act on (marked templates, annotations.messages, which the interface shows translated) where its text is a
common one: a file cut short, bytes changed, content of another kind, a size beyond what is safe, where a JSON text
stops being JSON or nests too deep; any other text as the library said it. The one place a decoder's reason is worded;
annotations.os_reasons words the system's."""
from __future__ import annotations

import json
import re
from typing import Iterator

from annotations import messages as msg

# Each library text by how it starts; its {figures}, where the template has any, are the named groups (byte and pixel
# counts, written with thousands separators). The first that matches words it.
_REASONS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(pattern), template) for pattern, template in (
    # Pillow: the pixels or a PNG chunk end early; zlib: a stream ended early; zipfile: an .npz whose end (its
    # directory) is gone; numpy: an empty file, an array's data ended early
    (r"image file is truncated|Truncated File Read|Truncated \w+ chunk|broken PNG file \(incomplete checksum"
     r"|Error -5 while decompressing data|Compressed file ended before the end-of-stream marker"
     r"|File is not a zip file|Truncated file header|No data left in file|EOF: reading array data", msg.CUT_SHORT),
    # Pillow's decoders and a PNG chunk's checksum; zlib's and zipfile's checks of what they read
    (r"broken data stream when reading|unrecognized data stream contents when reading|broken PNG file"
     r"|Error -3 while decompressing data|Bad CRC-32 for file|Bad magic number for", msg.DATA_CHANGED),
    (r"cannot identify image file", msg.UNKNOWN_CONTENT),
    # numpy reads content that is neither .npz nor .npy as a pickle, which is refused; an archive member no array
    (r"This file contains pickled \(object\) data|Cannot load file containing pickled data"
     r"|There is no item named .* in the archive|the magic string is not correct", msg.NOT_SAVED_ARRAYS),
    (r"Image size \((?P<pixels>\d+) pixels\) exceeds limit", msg.DECLARES_TOO_MANY_PIXELS),  # "decompression bomb"
    (r"Decompressed data too large for PngImagePlugin|Too much memory used in text chunks", msg.METADATA_TOO_LARGE),
    (r"The number of bytes of pixel data is less than expected \((?P<held>\d+) vs (?P<declared>\d+) bytes\)",
     msg.PIXEL_DATA_SHORT),  # pydicom
    # pydicom: encapsulated (compressed) pixel data that ends early; it fails on its own warning's text, a TypeError,
    # where the file's name is a descriptor's number (annotations.regular_files opens it so), this in its context
    (r"End of file reached before delimiter", msg.CUT_SHORT),
))


def decoder_reason(exc: BaseException, typed: bool = False) -> str:
    """Why a decoder raised ``exc``: a marked template for its common texts, or for those of the exceptions it was
    raised in handling (a decoder failing on its own error path), else its own text (``typed``: after its type's
    name, where any type may come, e.g. from a damaged header's values converted lazily)."""
    for raised in _chain(exc):
        if isinstance(raised, json.JSONDecodeError):
            return _json_reason(raised)
        if isinstance(raised, UnicodeDecodeError):
            return msg.NOT_UTF8
        if isinstance(raised, RecursionError):  # json's "maximum recursion depth exceeded while decoding …"
            return msg.NESTED_TOO_DEEP
        text = _text(raised)
        for pattern, template in _REASONS:
            found = pattern.match(text)
            if found:
                return template.format(**{name: f"{int(value):,}" for name, value in found.groupdict().items()})
    return f"{type(exc).__name__}: {exc}" if typed else str(exc)


def _json_reason(exc: json.JSONDecodeError) -> str:
    """A JSON text that ends where the parser still wanted more (nothing, or a word begun, is left; a string left
    open runs to the end) was cut short; elsewhere, where it stops being JSON (the parser's words, "Expecting ','
    delimiter", name no fault a person can see)."""
    rest = exc.doc[exc.pos:].strip()
    if any(word.startswith(rest) for word in ("true", "false", "null")) or exc.msg.startswith("Unterminated string"):
        return msg.CUT_SHORT
    return msg.NOT_JSON_AT.format(line=f"{exc.lineno:,}", column=f"{exc.colno:,}")


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """``exc``, then the exception it was raised from or in handling (unless ``raise … from None`` said it is not
    the reason, as a traceback leaves it out), and so on."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)


def _text(exc: BaseException) -> str:
    """What ``exc`` says: a KeyError's message without the quotes its str() adds."""
    if isinstance(exc, KeyError) and len(exc.args) == 1 and isinstance(exc.args[0], str):
        return exc.args[0]
    return str(exc)
