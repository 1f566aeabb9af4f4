"""Parse UN resolutions (General Assembly, ECOSOC; basic Security Council and HRC support).

Public API::

    parse_text(text, source="<text>") -> Resolution
    parse_file(path) -> Resolution          # .txt/.md, .docx, .pdf (sniffed)
    ParseError                              # message: "<source>: <what is wrong>"

``parse_text`` raises ParseError when the text is empty, has no opening line
("The General Assembly,"), has no operative paragraph, ends inside its last
operative paragraph with no closing meeting line (truncated), or lacks a
symbol or an adoption date. A text cut exactly between two paragraphs cannot
be told from a complete one and is parsed as it stands.

Pure Python; no Django import here or below.
"""

from __future__ import annotations

from pathlib import Path

from .model import Annex, Footnote, Paragraph, ParseError, Resolution, Subparagraph
from .readers import read_path
from .structure import build

__all__ = [
    "Annex",
    "Footnote",
    "Paragraph",
    "ParseError",
    "Resolution",
    "Subparagraph",
    "parse_file",
    "parse_text",
]


def parse_text(text: str, *, source: str = "<text>") -> Resolution:
    """Parse the text of one resolution."""
    if not isinstance(text, str):
        raise TypeError("parse_text expects str; use parse_file for bytes or paths")
    return build(text, source)


def parse_file(path: str | Path) -> Resolution:
    """Read and parse a .txt/.md, .docx or .pdf file; the format is sniffed from the content."""
    return build(read_path(path), str(path))
