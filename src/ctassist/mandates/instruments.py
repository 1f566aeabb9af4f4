"""Which of the instruments (treaties.Instrument) a paragraph names, and in which words.

The names are data: each instrument's official title (from the treaties app) and
the other forms resolutions use, in ``data/instrument_names.json`` with where each
form comes from. Matching ignores case, spacing and line-wrap hyphens; at each
place the longest name wins and names are never read inside a longer one, so the
full title of a Protocol "supplementing the United Nations Convention against
Transnational Organized Crime" names the Protocol only.

Pure Python; no Django.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

NAMES_PATH = Path(__file__).resolve().parent / "data" / "instrument_names.json"
_WRAP_HYPHEN = re.compile(r"(?<=[a-z])[-\u00ad]\s+(?=[a-z])")  # "Ter- rorism" as a PDF line wrap leaves it
_SEPARATOR = re.compile(r"[\s\-\u2010\u2011]+")


@dataclass(frozen=True, slots=True)
class Name:
    name: str
    instruments: tuple[str, ...]
    source: str


def load_names(path: Path = NAMES_PATH) -> list[Name]:
    """The name forms of the data file, checked: every entry has a name, codes and a known source."""
    data = json.loads(path.read_text(encoding="utf-8"))
    sources = data.get("sources", {})
    names: list[Name] = []
    for i, entry in enumerate(data.get("names", []), 1):
        name, codes, source = entry.get("name", "").strip(), entry.get("instruments") or [], entry.get("source", "")
        if not name or not codes or source not in sources:
            raise ValueError(f"{path.name}: name entry {i} needs a name, its instruments and a source in 'sources'")
        names.append(Name(name, tuple(codes), source))
    return names


def _normal(text: str) -> str:
    """Line-wrap hyphens removed; every run of spaces and hyphens one space (same for names and texts)."""
    return _SEPARATOR.sub(" ", _WRAP_HYPHEN.sub("", text)).strip()


class Matcher:
    """Finds the instruments named in a text: ``{code: [the words that named it, ...]}``.

    Plain substring search on normalised text (fast: no large regular expression is run),
    then the regular-expression rule: at each place the longest name, no name inside another,
    whole words only.
    """

    def __init__(self, titles: Mapping[str, str], names: Iterable[Name] = ()) -> None:
        by_name: dict[str, tuple[str, ...]] = {}
        for code, title in titles.items():
            by_name.setdefault(_normal(title).casefold(), (code,))
        for n in names:
            known = tuple(c for c in n.instruments if c in titles)
            if known:
                by_name.setdefault(_normal(n.name).casefold(), known)
        self._names = sorted(by_name.items(), key=lambda item: len(item[0]), reverse=True)

    def find(self, text: str) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        if not text or not self._names:
            return found
        shown = _normal(text)
        folded = shown.casefold()
        if len(folded) != len(shown):  # a rare letter whose case folding changes the length
            shown = folded
        hits: list[tuple[int, int, tuple[str, ...]]] = []
        for name, codes in self._names:
            at = folded.find(name)
            while at != -1:
                end = at + len(name)
                if (at == 0 or not folded[at - 1].isalnum()) and (end == len(folded) or not folded[end].isalnum()):
                    hits.append((at, end, codes))
                at = folded.find(name, at + 1)
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        reached = 0
        for at, end, codes in hits:
            if at < reached:
                continue
            reached = end
            words = shown[at:end]
            for code in codes:
                if words not in found.setdefault(code, []):
                    found[code].append(words)
        return found


@lru_cache(maxsize=4)
def matcher_for(titles: tuple[tuple[str, str], ...]) -> Matcher:
    """One compiled matcher per set of instruments (the set changes only when instruments are loaded)."""
    return Matcher(dict(titles), load_names())
