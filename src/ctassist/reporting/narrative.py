"""The narrative officers write over the computed draft: parts, live figure references, merging, diff.

A report has parts an officer may rewrite: the summary, each chapter's own paragraphs and each
section of chapter II (keyed as in ``Report.content``). The text of a part is paragraphs separated
by blank lines. ``{{ figure:key }}`` inserts the current value of the computed figure ``key``
(in the preview it links to the records behind it, as the generated figures do), and
``{{ note:n }}`` puts the mark of footnote ``n`` at the end of its paragraph. A part the narrative
does not name keeps the generated text; a part given as empty text has no paragraphs.

The written paragraphs replace the generated paragraphs of their part (its lists and tables stay,
after them); paragraphs are then numbered again through the whole report.
"""

from __future__ import annotations

import copy
import difflib
import re
from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

PLACEHOLDER = re.compile(r"\{\{\s*(figure|note)\s*:\s*([^}\s]+)\s*\}\}")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def parts_of(content: dict[str, Any]) -> list[tuple[str, str, dict[str, Any] | None]]:
    """The parts an officer may write: (key, heading, the chapter or section dict; None for the summary)."""
    out: list[tuple[str, str, dict[str, Any] | None]] = [("summary", "Summary", None)]
    for index, chapter in enumerate(content.get("chapters", []), start=1):
        out.append((chapter.get("key") or f"chapter-{index}", chapter["heading"], chapter))
        for section in chapter["sections"]:
            out.append((section["key"], section["heading"], section))
    return out


def _placeholder_text(parts: list[Any]) -> str:
    return "".join(f"{{{{ figure:{part['f']} }}}}" if isinstance(part, dict) else str(part) for part in parts)


def generated_texts(content: dict[str, Any]) -> dict[str, str]:
    """The computed draft of every part as editable text with live references (the starting narrative)."""
    texts: dict[str, str] = {}
    for key, _heading, holder in parts_of(content):
        if holder is None:
            texts[key] = _placeholder_text(content.get("summary", []))
            continue
        paragraphs = []
        for block in holder["blocks"]:
            if block["type"] != "para":
                continue
            text = _placeholder_text(block["parts"])
            text += "".join(f" {{{{ note:{n} }}}}" for n in block.get("notes", []))
            paragraphs.append(text)
        texts[key] = "\n\n".join(paragraphs)
    return texts


def parse(text: str, figures: dict[str, Any], notes: int) -> list[dict[str, Any]]:
    """The paragraphs of ``text`` as report blocks (numbered later); ``ValueError`` names a bad reference."""
    paragraphs = []
    for chunk in PARAGRAPH_BREAK.split(text.replace("\r\n", "\n").strip()):
        chunk = " ".join(chunk.split())
        if not chunk:
            continue
        parts: list[Any] = []
        marks: list[int] = []
        position = 0
        for match in PLACEHOLDER.finditer(chunk):
            if match.start() > position:
                parts.append(chunk[position : match.start()])
            kind, name = match.groups()
            if kind == "figure":
                if name not in figures:
                    raise ValueError(f"no figure is named “{name}”")
                parts.append({"f": name})
            else:
                if not name.isdigit() or not 1 <= int(name) <= notes:
                    raise ValueError(f"there is no footnote {name}")
                marks.append(int(name))
            position = match.end()
        if position < len(chunk):
            parts.append(chunk[position:])
        if parts and isinstance(parts[-1], str):
            parts[-1] = parts[-1].rstrip()
        if "{{" in "".join(p for p in parts if isinstance(p, str)):
            raise ValueError("a reference is not written as {{ figure:key }} or {{ note:n }}")
        paragraphs.append({"type": "para", "n": 0, "parts": parts, "notes": marks})
    return paragraphs


def errors(texts: dict[str, str], content: dict[str, Any]) -> dict[str, str]:
    """What is wrong with ``texts`` for this content, by part key (empty when they are all right)."""
    known = {key: heading for key, heading, _holder in parts_of(content)}
    figures = content.get("figures", {})
    found: dict[str, str] = {}
    for key, text in texts.items():
        if key not in known:
            found[key] = f"The report has no part “{key}”."
            continue
        try:
            parse(text, figures, len(content.get("notes", [])))
        except ValueError as exc:
            found[key] = f"{known[key]}: {exc}."
    return found


def merged(content: dict[str, Any], texts: dict[str, str] | None) -> dict[str, Any]:
    """The content with the written parts in place of the generated paragraphs, numbered again."""
    out = copy.deepcopy(content)
    texts = texts or {}
    figures, notes = out.get("figures", {}), len(out.get("notes", []))
    for key, _heading, holder in parts_of(out):
        if key not in texts:
            continue
        try:
            paragraphs = parse(texts[key], figures, notes)
        except ValueError:  # a figure gone since the text was saved (the draft was rebuilt)
            paragraphs = parse(
                PLACEHOLDER.sub(lambda m: "?" if m.group(1) == "figure" else "", texts[key]), figures, notes
            )
        if holder is None:
            out["summary"] = [p for i, para in enumerate(paragraphs) for p in ([" "] if i else []) + para["parts"]]
            continue
        holder["blocks"] = paragraphs + [b for b in holder["blocks"] if b["type"] != "para"]
    number = 0
    for chapter in out.get("chapters", []):
        for holder in (chapter, *chapter["sections"]):
            for block in holder["blocks"]:
                if block["type"] == "para":
                    number += 1
                    block["n"] = number
    return out


def diff_html(before: str, after: str) -> SafeString:
    """Word-level difference of two texts: deletions in ``<del>``, insertions in ``<ins>`` (escaped)."""
    a, b = re.split(r"(\s+)", before or ""), re.split(r"(\s+)", after or "")
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(format_html("{}", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(format_html("<del>{}</del>", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(format_html("<ins>{}</ins>", "".join(b[j1:j2])))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped by format_html above


def narrative_content(report: Any, user: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The report's content with its narrative in place, and what the DOCX and preview say of its clearance.

    The latest version is shown; it is marked cleared only when the narrative is cleared.
    """
    from ctassist.reporting.models import Narrative  # the models module imports this one's users

    content = report.content or {}
    record = Narrative.objects.restrict(user, "view").filter(report=report).select_related("cleared_by").first()
    latest = record.versions.order_by("-number").first() if record is not None else None
    if record is None or latest is None:
        return content, {"status": "generated", "cleared": False, "version": 0}
    clearance = {
        "status": record.status,
        "label": str(record.get_status_display()),
        "cleared": record.is_cleared,
        "version": latest.number,
        "cleared_by": str(record.cleared_by) if record.cleared_by else "",
        "cleared_on": record.cleared_at.date().isoformat() if record.cleared_at else "",
    }
    return merged(content, latest.texts), clearance
