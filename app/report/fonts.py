"""Fonts for reports: every glyph comes from an embedded TrueType font, so a report prints the same anywhere.

Latin text uses the shipped DejaVu Sans. Chinese, Japanese and Korean runs use a CJK TrueType font: one named
in the settings, else one installed on the system (Windows, macOS, Linux locations), else the shipped
Droid Sans Fallback. reportlab embeds only TrueType outlines, so CFF/OpenType fonts (Noto CJK .otf/.ttc)
are tried and skipped.
"""
from __future__ import annotations

import os
import sys
import threading
import unicodedata
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from annotations.shipped_fonts import FONT_DIR, SHIPPED_BOLD, SHIPPED_CJK, SHIPPED_REGULAR
from annotations.wording import Translate, english

from app.report.fake_bold import bold_run
from app.report.problems import FONT_MISSING, FONT_NOT_CJK, FONT_NOT_EMBEDDABLE, ReportProblem


REGULAR = "RR-Sans"
BOLD = "RR-Sans-Bold"
_PROBE = "中"  # a candidate CJK font must map this character
# reportlab is not thread-safe (its font registry is a module-level dict): the report dialog's worker and the GUI
# thread (the settings dialog's font note) may both ask for the fonts, so one registers at a time
_REGISTERING = threading.Lock()
# why each CJK font setting tried this session gave no fonts, with its file as it was then (_file_state): a bad
# configured font was read again by every build
_FAILED: dict[str, tuple[tuple[int, int] | None, FontError]] = {}


class FontError(ReportProblem):
    """A font needed for reports is missing or unusable; the message names the file and what to do."""


def _windows_candidates() -> list[tuple[Path, int]]:
    fonts = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    return [(fonts / name, index) for name, index in (
        ("msyh.ttc", 0), ("msyh.ttf", 0), ("simhei.ttf", 0), ("simsun.ttc", 0), ("msjh.ttc", 0),
        ("meiryo.ttc", 0), ("malgun.ttf", 0))]


def _mac_candidates() -> list[tuple[Path, int]]:
    return [(Path(path), 0) for path in (
        "/System/Library/Fonts/PingFang.ttc", "/System/Library/Fonts/STHeiti Light.ttc",
        "/System/Library/Fonts/Hiragino Sans GB.ttc", "/Library/Fonts/Arial Unicode.ttf",
        "/System/Library/Fonts/Supplemental/Arial Unicode.ttf")]


def _linux_candidates() -> list[tuple[Path, int]]:
    return [(Path(path), 0) for path in (
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "/usr/share/fonts/truetype/arphic/uming.ttc", "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
        "/usr/share/fonts/google-droid/DroidSansFallback.ttf")]


def system_cjk_candidates() -> list[tuple[Path, int]]:
    """(font file, index inside a .ttc) worth trying on this platform, best first."""
    if sys.platform.startswith("win"):
        return _windows_candidates()
    if sys.platform == "darwin":
        return _mac_candidates()
    return _linux_candidates()


@dataclass(frozen=True)
class FontSet:
    """Registered reportlab font names and where they came from (shown in the report dialog)."""

    regular: str
    bold: str
    cjk: str
    latin_path: Path
    cjk_path: Path
    latin_chars: frozenset[int]
    cjk_chars: frozenset[int]

    def describe(self, translate: Translate = english) -> str:
        """Which font files the report embeds, in the language of ``translate``."""
        # a shipped font's path is the program's own folder, of no use to the reader; a system font's says which
        text = (translate("ReportFonts", "Latin: {latin} (shipped); CJK: {cjk} (shipped); all fonts are embedded in "
                                         "the PDF") if self.cjk_path.parent == FONT_DIR else
                translate("ReportFonts", "Latin: {latin} (shipped); CJK: {cjk} (system, {path}); all fonts are "
                                         "embedded in the PDF"))
        return text.format(latin=self.latin_path.name, cjk=self.cjk_path.name, path=self.cjk_path)

    def runs(self, text: str, bold: bool = False) -> list[tuple[str, str]]:
        """``text`` cut into (run, font name) pieces: the CJK font for runs the Latin font cannot draw. Its letters
        composed (NFC): reportlab draws a combining mark as a glyph of its own, at a small letter's height, so a name
        typed decomposed (macOS, some archives) printed its accents across the capitals (Á, Å, Ñ) and stacked into
        one another (ễ); the fonts hold the composed letters."""
        base = self.bold if bold else self.regular
        runs: list[tuple[str, str]] = []
        current: list[str] = []
        current_cjk = False
        for char in unicodedata.normalize("NFC", text):
            is_cjk = (ord(char) not in self.latin_chars and ord(char) in self.cjk_chars)
            if current and is_cjk != current_cjk:
                runs.append(("".join(current), self.cjk if current_cjk else base))
                current = []
            current_cjk = is_cjk
            current.append(char)
        if current:
            runs.append(("".join(current), self.cjk if current_cjk else base))
        return runs

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """How wide ``text`` is drawn at ``size`` points, each run in its font."""
        return sum(stringWidth(run, font, size) for run, font in self.runs(text, bold))

    def markup(self, text: str, bold: bool = False) -> str:
        """Escape ``text`` for a Paragraph and switch to the CJK font for runs the Latin font cannot draw; bold
        CJK runs are drawn outlined (app.report.fake_bold), the CJK font having no bold face."""
        base = self.bold if bold else self.regular
        runs = self.runs(text, bold)
        outline = bold and any(font == self.cjk for _, font in runs)
        body = "".join(self._run(run, font, outline) for run, font in runs).replace("\n", "<br/>")
        return body if base == self.regular else f'<font name="{base}">{body}</font>'

    def _run(self, run: str, font: str, outline: bool) -> str:
        markup = f'<font name="{font}">{escape(run)}</font>' if font == self.cjk else escape(run)
        return bold_run(markup, outlined=font == self.cjk) if outline else markup


def _load(name: str, path: Path, index: int = 0) -> TTFont:
    if not path.is_file():
        raise FontError(FONT_MISSING, path=str(path))
    try:
        return TTFont(name, str(path), subfontIndex=index)
    except (TTFError, OSError, ValueError, KeyError) as error:
        raise FontError(FONT_NOT_EMBEDDABLE, path=str(path), error=str(error)) from error


def _cjk_name(path: Path, index: int) -> str:
    """One reportlab name per font file, so switching the CJK font never renames an earlier choice."""
    return f"RR-CJK-{zlib.crc32(f'{path}#{index}'.encode()):08x}"


def _usable_cjk(path: Path, index: int) -> TTFont | None:
    try:
        font = _load(_cjk_name(path, index), path, index)
    except FontError:
        return None
    return font if ord(_PROBE) in font.face.charToGlyph else None


def find_cjk_font(configured: str = "", candidates: list[tuple[Path, int]] | None = None) -> tuple[TTFont, Path]:
    """The configured CJK font (error if unusable), else the first usable system candidate, else the shipped one."""
    if configured:
        font = _load(_cjk_name(Path(configured), 0), Path(configured))
        if ord(_PROBE) not in font.face.charToGlyph:
            raise FontError(FONT_NOT_CJK, path=configured)
        return font, Path(configured)
    for path, index in (system_cjk_candidates() if candidates is None else candidates):
        if path.is_file():
            font = _usable_cjk(path, index)
            if font is not None:
                return font, path
    return _load(_cjk_name(SHIPPED_CJK, 0), SHIPPED_CJK), SHIPPED_CJK


def resolve_fonts(cjk_path: str = "") -> FontSet:
    """Register the report fonts with reportlab (once per CJK choice) and say which files they come from; from any
    thread, one registration at a time. A choice that gave none raises the same FontError without its file read
    again while the file stays as it was (another path, or the file put there or replaced, is tried anew)."""
    with _REGISTERING:
        state = _file_state(cjk_path)
        seen, failed = _FAILED.get(cjk_path, (None, None))
        if failed is not None and seen == state:
            raise failed.with_traceback(None)  # each raise would lengthen the one kept's traceback
        try:
            return _registered(cjk_path)
        except FontError as error:
            _FAILED[cjk_path] = (state, error)
            raise


def _file_state(path: str) -> tuple[int, int] | None:
    """When ``path`` was last changed and its size, from one look (None: there is nothing there, or no path)."""
    try:
        found = os.stat(path) if path else None
    except (OSError, ValueError):  # ValueError: a NUL in the path, which _load's is_file takes for no file
        return None
    return None if found is None else (found.st_mtime_ns, found.st_size)


@lru_cache(maxsize=1)
def _latin() -> TTFont:
    """The Latin fonts, registered once a session: another CJK choice never replaces the fonts a build on its way
    draws with. Returns the regular face."""
    regular = _load(REGULAR, SHIPPED_REGULAR)
    for font in (regular, _load(BOLD, SHIPPED_BOLD)):
        pdfmetrics.registerFont(font)
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    return regular


@lru_cache(maxsize=4)
def _registered(cjk_path: str) -> FontSet:
    regular = _latin()
    cjk, found = find_cjk_font(cjk_path)
    pdfmetrics.registerFont(cjk)
    return FontSet(regular=REGULAR, bold=BOLD, cjk=cjk.fontName, latin_path=SHIPPED_REGULAR, cjk_path=found,
                   latin_chars=frozenset(regular.face.charToGlyph), cjk_chars=frozenset(cjk.face.charToGlyph))
