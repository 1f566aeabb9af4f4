"""Words as the SQLite index holds them: each language stemmed by its own rules, Chinese in bigrams.

PostgreSQL stems a document in its language's text-search configuration (``index.TEXT_CONFIGS``);
SQLite's FTS5 has no stemmer but Porter's English one, so on SQLite ctassist writes the stems itself
into the document's ``index_title`` / ``index_body`` and compiles each query word with the same
function, configuration by configuration (``backends.SqliteBackend``):

- ``english``, ``french``, ``spanish``, ``russian``, ``arabic``: the Snowball stemmers
  (``snowballstemmer``; the Arabic one is a light stemmer: articles, prefixes and suffixes);
- ``simple`` (Chinese and every other language): words as written, lower case, as PostgreSQL's
  ``simple`` configuration does; runs of CJK characters are indexed as overlapping bigrams
  (恐怖主义 → 恐怖 怖主 主义 义, the run's last character alone so that a one-character query finds it).

The same word always gives the same stem in index and query, so "financement" finds "financer" in
French documents and "терроризма" finds "терроризм" in Russian ones, as PostgreSQL does.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import snowballstemmer

# text configuration (``index.TEXT_CONFIGS``) → Snowball algorithm; ``simple`` has none.
ALGORITHMS = {"english": "english", "french": "french", "spanish": "spanish", "russian": "russian", "arabic": "arabic"}
CONFIGS = ("english", "french", "spanish", "russian", "arabic", "simple")

_CJK_CLASS = "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_CJK_CHAR = re.compile(f"[{_CJK_CLASS}]")
# A run of CJK characters, or a word of anything else (letters, digits).
_TOKEN = re.compile(f"[{_CJK_CLASS}]+|[^\\W{_CJK_CLASS}]+", re.UNICODE)


@lru_cache(maxsize=8)
def _stemmer(config: str) -> Any:
    algorithm = ALGORITHMS.get(config)
    return snowballstemmer.stemmer(algorithm) if algorithm else None


def is_cjk(word: str) -> bool:
    return bool(_CJK_CHAR.match(word))


def bigrams(run: str) -> list[str]:
    """Overlapping pairs of a CJK run, then its last character: ``ABC`` → ``AB BC C``."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]


@lru_cache(maxsize=200_000)
def stem(word: str, config: str) -> str:
    """One word (no CJK) as the index of ``config`` holds it.

    Cached: Snowball in pure Python stems a few thousand words a second, and a legal text repeats
    its words (the cache is what keeps indexing a law to a fraction of a second).
    """
    lowered = word.lower()
    stemmer = _stemmer(config)
    return stemmer.stemWord(lowered) if stemmer else lowered


def index_text(text: str, config: str) -> str:
    """``text`` as the SQLite index of a document in configuration ``config`` reads it."""
    out: list[str] = []
    for token in _TOKEN.findall(text or ""):
        if is_cjk(token):
            out.extend(bigrams(token))
        else:
            out.append(stem(token, config))
    return " ".join(out)


def query_tokens(words: tuple[str, ...] | list[str], config: str) -> list[str]:
    """The words of a term or phrase (as the parser gives them: CJK one character each) in index form.

    Consecutive CJK characters are put back together and cut into the bigrams the index holds
    (without the run's last character alone: the bigrams already end with it).
    """
    out: list[str] = []
    run = ""
    for word in [*words, ""]:
        if word and is_cjk(word):
            run += word
            continue
        if run:
            out.extend([run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)])
            run = ""
        if word:
            out.append(stem(word, config))
    return out
