"""Turn a file into text: plain text/Markdown, DOCX (python-docx) or PDF (pypdf).

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
    from pypdf import PdfReader  # imported lazily: only PDF input needs it

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ParseError(name, "PDF is encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
    except ParseError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many unrelated types on damaged files
        raise ParseError(name, f"unreadable PDF ({type(exc).__name__}: {exc})") from exc
    text = "\n\n".join(pages)
    if not text.strip():
        raise ParseError(name, "PDF has no text layer (a scan?): run OCR first")
    return text


def _docx(data: bytes, name: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if "word/document.xml" not in z.namelist():
                raise ParseError(name, "ZIP archive, not a DOCX document")
    except zipfile.BadZipFile as exc:
        raise ParseError(name, "damaged ZIP/DOCX file") from exc
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
