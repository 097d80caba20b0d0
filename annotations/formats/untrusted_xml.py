"""XML label files (VOC, CVAT) are untrusted input: parsed with entity resolution, DTD loading and network access
disabled, and a file that declares a DOCTYPE at all is refused (neither labelImg nor CVAT writes one; XXE and
billion-laughs payloads need one)."""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from annotations.formats import FormatError
from annotations.formats.archives import is_zip
from annotations.regular_files import read_regular_bytes

# Defence in depth behind the DOCTYPE refusal: even a parsed DTD can neither pull in files nor reach the network.
SAFE_PARSER_OPTIONS = dict(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False,
                           remove_comments=True, remove_pis=True)


def parse_untrusted_xml(path: Path, max_bytes: int, what: str, not_xml: str, doctype: str,
                        zipped: str | None = None) -> etree._Element:
    """The root element of the XML file ``path`` (at most ``max_bytes``, ``what`` names its kind for the size
    message); FormatError with ``not_xml`` (a template with ``{error}``) or ``doctype`` for a file refused, or with
    ``zipped``, where given, for a zip archive (a tool's export as it downloads it)."""
    data = read_regular_bytes(path, max_bytes, what, FormatError)
    if zipped is not None and is_zip(data):
        raise FormatError(path, zipped)
    # A fresh parser per call: lxml parsers must not be shared between threads.
    parser = etree.XMLParser(**SAFE_PARSER_OPTIONS)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise FormatError(path, not_xml.format(error=exc)) from exc
    if root.getroottree().docinfo.doctype:
        raise FormatError(path, doctype)
    return root
