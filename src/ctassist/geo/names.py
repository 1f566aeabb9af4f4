"""Resolving a State from any of the names documents use.

Participant tables and letters say "Bolivia (Plurinational State of)",
"Turkey", "Cote d'Ivoire", or add footnote markers ("Albania 2", "Belgium³").
Names are normalised (accents, case, punctuation, footnote markers, a leading
"the") and matched against every known variant.
"""

from __future__ import annotations

import re
import unicodedata

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TRAILING_MARKERS = re.compile(r"[\s,*†‡" + _SUPERSCRIPTS + r"\d]+$")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def strip_footnote_markers(name: str) -> str:
    """``"Bahrain 3,4"`` → ``"Bahrain"``; names themselves never end in digits."""
    return _TRAILING_MARKERS.sub("", name.strip()).strip()


def normalize(name: str) -> str:
    text = strip_footnote_markers(name)
    text = text.replace("’", "'").replace("‘", "'")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("&", " and ").replace("'", "")
    text = _NON_WORD.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


def resolve(name: str, *, index: dict[str, int] | None = None):
    """Return the State a name stands for, or None.

    Pass ``index`` (from ``alias_index()``) when resolving many names at once.
    """
    from ctassist.geo.models import State

    key = normalize(name)
    if not key:
        return None
    if index is None:
        index = alias_index()
    state_id = index.get(key)
    return State.objects.filter(pk=state_id).first() if state_id else None


def alias_index() -> dict[str, int]:
    """normalised name → State id, for every name, official name, code and variant."""
    from ctassist.geo.models import State, StateAlias

    index: dict[str, int] = {}
    for state in State.objects.only("id", "name", "official_name", "iso3"):
        for value in (state.name, state.official_name, state.iso3):
            if value:
                index.setdefault(normalize(value), state.id)
    for alias in StateAlias.objects.only("state_id", "normalized"):
        index.setdefault(alias.normalized, alias.state_id)
    return index
