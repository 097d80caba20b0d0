"""The fonts shipped in resources/fonts (DejaVu Sans, Droid Sans Fallback for Chinese): one place for their paths,
read by the reports, the window's Chinese fallback and the evaluation plots."""
from __future__ import annotations

from pathlib import Path

FONT_DIR = Path(__file__).resolve().parents[1] / "resources" / "fonts"
SHIPPED_REGULAR = FONT_DIR / "DejaVuSans.ttf"
SHIPPED_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
SHIPPED_CJK = FONT_DIR / "DroidSansFallback.ttf"
