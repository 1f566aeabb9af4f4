"""State names in the user's language (``geo.names`` resolves names found in documents).

English names are the M49 short names of the UN Statistics Division (the ``name`` field). For the
other official languages, ctassist holds no table of the UN's own short names yet, so names come
from the Unicode Common Locale Data Repository (CLDR), through Babel, keyed by the ISO 3166 alpha-2
code; where CLDR has no name, the M49 English name is shown. :func:`name_source` says which applies.
"""

from __future__ import annotations

from functools import lru_cache

import babel
from babel import Locale, UnknownLocaleError
from django.utils.translation import get_language

M49 = "UN Statistics Division, M49 standard (English short name)"


@lru_cache(maxsize=16)
def _territories(language: str) -> dict[str, str]:
    try:
        return dict(Locale.parse(language.replace("-", "_"), sep="_").territories)
    except (UnknownLocaleError, ValueError):
        return {}


def _language(language: str | None) -> str:
    return (language or get_language() or "en").lower()


def state_name(name: str, iso2: str, language: str | None = None) -> str:
    """The State's short name in ``language`` (default: the active language)."""
    lang = _language(language)
    if lang.startswith("en"):
        return name
    return _territories(lang).get(iso2.upper(), name)


def name_source(iso2: str, language: str | None = None) -> str:
    lang = _language(language)
    if lang.startswith("en") or iso2.upper() not in _territories(lang):
        return M49
    return f"Unicode CLDR via Babel {babel.__version__} ({lang})"
