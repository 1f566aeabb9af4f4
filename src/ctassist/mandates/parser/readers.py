"""Turn a file into text: plain text/Markdown, DOCX (python-docx) or PDF (pdfplumber).

The format is chosen from the content's magic bytes first and the extension
second, so a PDF saved as ``.txt`` is still read as a PDF and a ``.pdf`` that
is not one is refused with a clear message instead of being decoded as junk.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from .model import ParseError

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")


def read_path(path: str | Path) -> str:
    """Text of the file at ``path``; ParseError (naming the file) for anything unreadable."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise ParseError(name, "no such file")
    if p.is_dir():
        raise ParseError(name, "is a directory, not a file")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ParseError(name, f"cannot read file: {exc.strerror or exc}") from exc
    return read_bytes(data, name, p.suffix.lower())


def read_bytes(data: bytes, name: str, suffix: str = "") -> str:
    """Decode ``data`` according to its sniffed format (``suffix`` only breaks ties)."""
    if not data:
        raise ParseError(name, "file is empty")
    head = data[:1024]
    if b"%PDF-" in head:
        return _pdf(data, name)
    if data.startswith(b"PK\x03\x04"):
        return _docx(data, name)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ParseError(name, "legacy Word (.doc) file is not supported: save it as .docx")
    if data.startswith(b"{\\rtf"):
        raise ParseError(name, "RTF is not supported: save it as .docx or .txt")
    if suffix == ".pdf":
        raise ParseError(name, "not a PDF file (no %PDF header)")
    if suffix == ".docx":
        raise ParseError(name, "not a DOCX file (not a ZIP package)")
    text = _decode(data, name)
    if not text.strip():
        raise ParseError(name, "file is empty (white space only)")
    return text


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ParseError(name, "binary content, not text") from exc
    if b"\x00" in data:
        raise ParseError(name, "binary content, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Old exports are sometimes Windows-1252; accept only if it still looks like text.
        text = data.decode("cp1252", errors="replace")
    if len(_CONTROL.findall(text)) > max(2, len(text) // 100) or text.count("\ufffd") > len(text) // 50:
        raise ParseError(name, "binary content, not text")
    return text


def _pdf(data: bytes, name: str) -> str:
    """Layout-aware text of a PDF (pdfplumber; see docs/decisions/0012-pdf-text-extraction.md).

    Lines are rebuilt from word positions; digits set smaller and raised (footnote
    markers) become superscript digits, so "…Weapons,⁵" can never be read as text;
    a vertical gap wider than a line becomes a blank line, so paragraphs stay apart.
    Page furniture is left in: the structure reader strips it for PDF and text alike.
    """
    import pdfplumber  # imported lazily: only PDF input needs it
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [_pdf_page_text(page) for page in pdf.pages]
    except ParseError:
        raise
    except PDFSyntaxError as exc:
        raise ParseError(name, f"unreadable PDF: the file is damaged or truncated ({exc})") from exc
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many unrelated types on damaged files
        if "password" in str(exc).lower() or "encrypt" in type(exc).__name__.lower():
            raise ParseError(name, "PDF is encrypted") from exc
        raise ParseError(name, f"unreadable PDF: the file is damaged or truncated ({type(exc).__name__}: {exc})") from exc
    text = "\n\n".join(pages)
    if not text.strip():
        raise ParseError(name, "PDF has no text layer (a scan?): run OCR first")
    return text


def _pdf_page_text(page) -> str:  # noqa: ANN001 - pdfplumber Page
    # extra_attrs splits a word where the size changes, so "Weapons,⁵" arrives as "Weapons," + "5".
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False, extra_attrs=["size"])
    if not words:
        return ""
    sizes = sorted(w["size"] for w in words)
    body_size = sizes[len(sizes) // 2]
    small = [w for w in words if w["text"].isdigit() and w["size"] < 0.8 * body_size]
    small_ids = {id(w) for w in small}
    rows: list[dict] = []  # {"top", "bottom", "words"}
    for w in sorted((w for w in words if id(w) not in small_ids), key=lambda w: (w["bottom"], w["x0"])):
        row = rows[-1] if rows else None
        if row is not None and abs(row["bottom"] - w["bottom"]) <= 2:
            row["words"].append(w)
            row["top"] = min(row["top"], w["top"])
        else:
            rows.append({"top": w["top"], "bottom": w["bottom"], "words": [w]})
    for w in small:
        mid = (w["top"] + w["bottom"]) / 2
        row = next((r for r in rows if r["top"] - 1 <= mid <= r["bottom"] + 1), None)
        if row is None:
            rows.append({"top": w["top"], "bottom": w["bottom"], "words": [w]})
            continue
        if w["bottom"] < row["bottom"] - 0.15 * w["size"]:
            w["raised"] = True
        row["words"].append(w)
    rows.sort(key=lambda r: r["top"])
    out: list[str] = []
    prev: dict | None = None
    for row in rows:
        row["words"].sort(key=lambda w: w["x0"])
        height = row["bottom"] - row["top"]
        if prev is not None and row["top"] - prev["bottom"] > 0.9 * max(height, prev["bottom"] - prev["top"]):
            out.append("")  # a gap wider than a line: a new paragraph (or a footnote block)
        pieces: list[str] = []
        last = None
        for w in row["words"]:
            text = w["text"]
            if w.get("raised"):
                text = text.translate(_SUPERSCRIPT)
                if pieces and last is not None and w["x0"] - last["x1"] < 1.5:
                    pieces[-1] += text  # glued to the word before it: a footnote marker
                    last = w
                    continue
            pieces.append(text)
            last = w
        out.append(" ".join(pieces))
        prev = row
    return "\n".join(out)


# A resolution's DOCX is well under a megabyte expanded; a decompression bomb is refused before python-docx
# reads it. (The parser stands alone, without Django, so it keeps its own copy of the pipeline's check,
# ``ctassist.core.importing.check_archive``.)
MAX_PART = 30 * 1024 * 1024
MAX_EXPANDED = 60 * 1024 * 1024


def _docx(data: bytes, name: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if "word/document.xml" not in z.namelist():
                raise ParseError(name, "ZIP archive, not a DOCX document")
            parts = z.infolist()
    except zipfile.BadZipFile as exc:
        raise ParseError(name, "damaged ZIP/DOCX file") from exc
    if any(p.file_size > MAX_PART for p in parts) or sum(p.file_size for p in parts) > MAX_EXPANDED:
        raise ParseError(name, f"DOCX expands to more than {MAX_EXPANDED // 1024 // 1024} MB (refused)")
    import docx  # imported lazily: only DOCX input needs it

    try:
        document = docx.Document(io.BytesIO(data))
        return _docx_text(document)
    except ParseError:
        raise
    except Exception as exc:  # noqa: BLE001 - python-docx/lxml raise many types on damaged files
        raise ParseError(name, f"unreadable DOCX ({type(exc).__name__}: {exc})") from exc


def _docx_text(document) -> str:  # noqa: ANN001 - python-docx Document
    """Paragraph texts with *italics*, superscript footnote numbers and list numbers restored."""
    from docx.oxml.ns import qn

    notes = _docx_footnotes(document)
    order: dict[str, int] = {}  # footnote id -> number shown, by first reference
    counters: dict[tuple[str, int], int] = {}
    out: list[str] = []
    for para in document.paragraphs:
        pieces: list[tuple[bool, str]] = []
        for item in para.iter_inner_content():
            for run in getattr(item, "runs", [item]):
                text = run.text
                for ref in run._r.findall(qn("w:footnoteReference")):
                    fid = ref.get(qn("w:id"))
                    order.setdefault(fid, len(order) + 1)
                    text += f"[^{order[fid]}]"
                if run.font.superscript and text.strip().isdigit():
                    text = text.strip().translate(_SUPERSCRIPT)
                italic = bool(run.italic) and bool(text.strip())
                if pieces and pieces[-1][0] == italic:
                    pieces[-1] = (italic, pieces[-1][1] + text)
                else:
                    pieces.append((italic, text))
        line = "".join(_italic(t) if it else t for it, t in pieces)
        out.append(_list_prefix(para, counters) + line)
    for fid, number in order.items():
        if fid in notes:
            out.append(f"[^{number}]: {notes[fid]}")
    return "\n\n".join(out)


def _italic(text: str) -> str:
    core = text.strip()
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    return f"{lead}*{core}*{trail}"


def _list_prefix(para, counters: dict[tuple[str, int], int]) -> str:  # noqa: ANN001 - python-docx Paragraph
    """Automatic Word numbering is not in the text: rebuild "1.", "(a)", "(i)" from w:numPr."""
    ppr = para._p.pPr
    numpr = ppr.numPr if ppr is not None else None
    if numpr is None or numpr.numId is None:
        return ""
    num_id = str(numpr.numId.val)
    level = int(numpr.ilvl.val) if numpr.ilvl is not None else 0
    for key in [k for k in counters if k[0] == num_id and k[1] > level]:
        del counters[key]  # a new item at this level restarts the deeper ones
    n = counters[(num_id, level)] = counters.get((num_id, level), 0) + 1
    if level == 0:
        return f"{n}. "
    if level == 1:
        return f"({chr(ord('a') + (n - 1) % 26)}) "
    return f"({_roman(n)}) "


def _roman(n: int) -> str:
    values = ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    out = ""
    for value, letters in values:
        while n >= value:
            out += letters
            n -= value
    return out


def _docx_footnotes(document) -> dict[str, str]:  # noqa: ANN001 - python-docx Document
    """Footnote id -> text, from the package's footnotes part (python-docx has no API for it)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    for rel in document.part.rels.values():
        if rel.reltype.endswith("/footnotes") and not rel.is_external:
            root = parse_xml(rel.target_part.blob)
            notes: dict[str, str] = {}
            for fn in root.iter(qn("w:footnote")):
                if fn.get(qn("w:type")) in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                text = " ".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in fn.iter(qn("w:p")))
                notes[fn.get(qn("w:id"))] = " ".join(text.split())
            return notes
    return {}
