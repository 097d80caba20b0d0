"""A name a person gave (a reader's, a folder's, an image's, a model's) put into a text Qt takes a mnemonic from (a
button, an action, a menu, a form's label): its "&" doubled, so Qt shows it, rather than take it as the shortcut
marker, drop it and underline the next letter ("R&D Lab" shown as "RD Lab", Alt+D pressing the button)."""
from __future__ import annotations


def escape_mnemonic(name: str) -> str:
    """``name`` to be shown as it is written in a text with mnemonics (QKeySequence.mnemonic finds none in it)."""
    return name.replace("&", "&&")
