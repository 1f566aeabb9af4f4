"""Drafting the Secretary-General's report from the records.

``build_content`` returns the report as JSON-ready data. The HTML preview (templates) and the
DOCX (``reporting.docx``) are both rendered from it.

Shape::

    {"resolution": {...}, "period": {"start", "end"}, "title", "chapters": [
        {"heading", "blocks": [...], "sections": [{"heading", "key", "blocks": [...]}]}],
     "figures": {key: {"value", "label", "model", "ids", "list_href"?}},
     "notes": ["footnote text", ...], "annexes": [{"title", "intro"?, "headers", "rows"}],
     "unmatched_activities": n, "funding_available": bool, "demo": bool}

A block is ``{"type": "para", "n": 7, "parts": [text | {"f": key}], "notes": [1]}``,
``{"type": "table", "caption", "headers", "rows": [[text | {"f": key}]]}`` or
``{"type": "list", "items": [text], "more": {"f": key} | None, "plain"?: True}``. A section is a
pillar or thematic area (``pillars``); each activity is counted in exactly one. Paragraphs are numbered
through the whole report like a UN report. Every figure names the model and ids of the records
it counts, so the page "records behind this figure" lists exactly those records.
"""

from __future__ import annotations

from ctassist.reporting.builder.compute import build_content

__all__ = ["build_content"]
