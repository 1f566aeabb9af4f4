"""Where each reference fact about an instrument comes from (``data/fact_sources.csv``).

Every fact shown about an instrument (its adoption, entry into force, depositary, parties count and
signature period) cites its owner: the depositary's status page (UN Treaty Collection, ICAO, IMO,
IAEA) or the instrument's own text, by article and paragraph, with a link to the depositary's page
for the instrument. No mirror or secondary site is a source: :func:`check_url` refuses any address
outside :data:`OWNER_DOMAINS`, and a test runs it over every address in the treaties data.

A parties count is kept only where a depositary states it with an "as at" date; otherwise the count
is unverified and the page says so, linking to the depositary's status page (``status``).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

DATA_DIR = Path(__file__).resolve().parent / "data"
FACT_SOURCES = DATA_DIR / "fact_sources.csv"

# The owners of the facts: the depositaries, the United Nations (its resolutions and legal pages)
# and UNODC. A sub-domain of one of these is the same owner (www.icao.int, legal.un.org).
OWNER_DOMAINS = ("treaties.un.org", "un.org", "icao.int", "imo.org", "iaea.org", "unodc.org")

# The facts a row may cite; every instrument has the first four (``REQUIRED``).
FACTS = ("status", "adoption", "entry_into_force", "depositary", "parties")
REQUIRED = ("status", "adoption", "entry_into_force", "depositary")
URL = re.compile(r"https?://[^\s\"'<>,;)]+")


@dataclass(frozen=True)
class Source:
    """One fact's source: what to read (an article, or the depositary's statement) and where."""

    fact: str
    citation: str
    url: str


def owner_of(url: str) -> str | None:
    """The owner domain ``url`` belongs to, or None when it is not an owner's address."""
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        return None
    host = parts.hostname.lower()
    return next((d for d in OWNER_DOMAINS if host == d or host.endswith("." + d)), None)


def check_url(url: str, where: str) -> None:
    """Refuse an address that is not an owner's (a mirror, an encyclopaedia, a news site, plain http)."""
    if owner_of(url) is None:
        raise ValueError(
            f"{where}: {url} is not a source owned by a depositary or the United Nations "
            f"(allowed: {', '.join(OWNER_DOMAINS)})"
        )


def read(path: Path = FACT_SOURCES) -> dict[str, dict[str, Source]]:
    """The fact sources by instrument code, each checked; a bad row names its line and field."""
    found: dict[str, dict[str, Source]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            where = f"{path.name}, line {line}"
            code, fact = (row.get("code") or "").strip(), (row.get("fact") or "").strip()
            citation, url = (row.get("citation") or "").strip(), (row.get("url") or "").strip()
            if not code:
                raise ValueError(f"{where}, field code: empty")
            if fact not in FACTS:
                raise ValueError(f"{where}, field fact: {fact!r} is not one of {', '.join(FACTS)}")
            if not citation:
                raise ValueError(f"{where}, field citation: empty")
            check_url(url, f"{where}, field url")
            if fact in found.setdefault(code, {}):
                raise ValueError(f"{where}: a second {fact} source for {code}")
            found[code][fact] = Source(fact, citation, url)
    return found


@cache
def _table() -> dict[str, dict[str, Source]]:
    return read()


def sources_for(code: str) -> dict[str, Source]:
    """The sources of instrument ``code``'s facts, by fact (``status``, ``adoption``, ...)."""
    return dict(_table().get(code, {}))


def urls_in(text: str) -> list[str]:
    """Every web address written in ``text`` (for checking data files that cite in prose)."""
    return URL.findall(text)


def as_text(source: Source | None) -> str:
    """A source in one line, for the model's ``dates_source``/``parties_source`` and the API."""
    return f"{source.citation}: {source.url}" if source else ""
