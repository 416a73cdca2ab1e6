"""Text as people type it: names compared accent-, case- and spacing-insensitively."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Accent-, case- and spacing-insensitive form of ``text``."""
    if text.isascii():  # most names: the same result without decomposing them
        return " ".join(text.lower().replace("- ", "-").split())
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    for dash in "‐‑‒–—":
        stripped = stripped.replace(dash, "-")
    stripped = stripped.replace("’", "'")
    return " ".join(stripped.replace("- ", "-").split())
