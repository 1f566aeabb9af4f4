"""The one import pipeline: read → rows → validate all → plan → preview → apply atomically.

Every importer (participation tables, directory entries, participant lists...) is an
:class:`Importer` that says how to turn a :class:`Table` into a :class:`Plan` and how
to apply a plan through its app's services. The pipeline does the rest, once:

- **Reading** (:func:`read_upload`, :func:`read_text`): CSV (comma, semicolon or tab),
  tab-separated text, text aligned in columns, and XLSX, with limits on the file
  size, the uncompressed size of an XLSX, the number of rows and the length of a
  cell; the text encoding detected (UTF-8, else a maintained detector) and reported;
  the demonstration notice line of the product's own exports skipped.
- **Validation**: every row is checked before anything is written; each problem
  names its row and column (:class:`Problem`).
- **Preview**: the plan counts new, changed, unchanged, skipped and rejected rows;
  the table travels to the confirmation step signed (:meth:`Table.dumps`), so a
  tampered or expired preview is refused with a clear message, never a 500.
- **Apply**: :meth:`Importer.run` re-plans the signed table and applies it inside one
  transaction; any problem raises :class:`ImportRejected` and nothing is written.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from django.core import signing
from django.db import transaction
from django.utils.translation import gettext as _

from ctassist.core.exports import is_demo_notice
from ctassist.core.text import strip_controls

NEW, CHANGED, UNCHANGED, SKIPPED, REJECTED = "new", "changed", "unchanged", "skipped", "rejected"
OUTCOMES = (NEW, CHANGED, UNCHANGED, SKIPPED, REJECTED)
TEXT_SUFFIXES = (".csv", ".tsv", ".txt", ".tab", ".html", ".htm", ".xml")
_ALIGNED = re.compile(r"\S+(?: \S+)*")  # runs of words separated by single spaces


@dataclass(frozen=True)
class Limits:
    """What a reader accepts before it refuses the input."""

    max_bytes: int = 5 * 1024 * 1024
    max_uncompressed: int = 50 * 1024 * 1024  # an archive (XLSX, DOCX): all its parts expanded
    max_part: int = 25 * 1024 * 1024  # one part of an archive, expanded
    max_rows: int = 20_000
    max_cell: int = 32 * 1024
    max_text: int = 5_000_000  # characters of text extracted from a document


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, and where: row (as a spreadsheet numbers it) and column."""

    message: str
    row: int | None = None
    column: str = ""

    def __str__(self) -> str:
        if self.row is not None and self.column:
            return _("row %(row)s, column %(column)s: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        if self.row is not None:
            return _("row %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        if self.column:
            return _("column %(column)s: %(message)s") % {"column": self.column, "message": self.message}
        return self.message


class ImportRejected(ValueError):
    """The input has problems; nothing was written."""

    def __init__(self, problems: Sequence[Problem | str]):
        self.problems = [p if isinstance(p, Problem) else Problem(str(p)) for p in problems]
        super().__init__("; ".join(str(p) for p in self.problems))

    @property
    def errors(self) -> list[str]:
        return [str(p) for p in self.problems]


class ConfirmationNeeded(ImportRejected):
    """The plan has consequences (``Plan.confirmations``) the person importing has not agreed to; nothing was written."""

    def __init__(self, plan: Any):
        self.plan = plan
        super().__init__([Problem(_("Confirm the consequences shown before applying the import."))]
                         + [Problem(text) for text in plan.confirmations])  # fmt: skip


@dataclass
class Row:
    """One row of cells, with the number a spreadsheet shows for it."""

    number: int
    cells: list[str]


@dataclass
class Table:
    """What a reader found: a header row and the rows under it."""

    header: list[str]
    rows: list[Row]
    format: str = "csv"
    encoding: str = ""
    name: str = ""
    notes: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)

    def records(self, *, key=lambda h: h.strip().lower().replace(" ", "_")) -> Iterator[tuple[int, dict[str, str]]]:
        """``(row number, {column key: cell})`` for every row; keys from the header through ``key``."""
        keys = [key(h) for h in self.header]
        for row in self.rows:
            yield row.number, {k: (row.cells[i] if i < len(row.cells) else "") for i, k in enumerate(keys) if k}

    def dumps(self, salt: str) -> str:
        """The table signed for the confirmation step."""
        payload = {"h": self.header, "r": [[r.number, r.cells] for r in self.rows], "f": self.format,
                   "e": self.encoding, "n": self.name, "t": self.notes, "m": self.meta}  # fmt: skip
        return signing.dumps(payload, salt=f"ctassist.import.{salt}", compress=True)

    @classmethod
    def loads(cls, token: str, salt: str, *, max_age: int = 6 * 3600) -> Table:
        try:
            data = signing.loads(token, salt=f"ctassist.import.{salt}", max_age=max_age)
            return cls(
                header=[str(h) for h in data["h"]],
                rows=[Row(int(n), [str(c) for c in cells]) for n, cells in data["r"]],
                format=str(data.get("f", "")),
                encoding=str(data.get("e", "")),
                name=str(data.get("n", "")),
                notes=[str(n) for n in data.get("t", [])],
                meta={str(k): str(v) for k, v in dict(data.get("m", {})).items()},
            )
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            raise ImportRejected([Problem(_("The preview has expired or was altered; upload the file again."))]) from None


# -- readers -----------------------------------------------------------------------------------


def decode(content: bytes) -> tuple[str, str]:
    """``(text, encoding)``: UTF-8 (with or without BOM) when it is, else the detected encoding."""
    if b"\x00" in content[:4096] and not content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportRejected([Problem(_("The file is binary, not text; save the table as CSV or XLSX."))])
    try:
        return content.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    results = from_bytes(content[:200_000])
    best = results.best()
    # Officials' spreadsheets come from Excel: among equally plausible Western code pages, prefer Windows-1252.
    encoding = best.encoding if best is not None else ""
    for candidate in results:
        if best is not None and candidate.chaos <= best.chaos + 0.01 and "cp1252" in candidate.could_be_from_charset:
            encoding = "cp1252"
            break
    if best is None:
        raise ImportRejected([Problem(_("The text encoding of the file could not be recognised; save it as CSV UTF-8."))])
    try:
        return content.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        raise ImportRejected([Problem(_("The file mixes text encodings; save it as CSV UTF-8."))]) from None


def _table(cells: list[list[str]], *, fmt: str, limits: Limits, encoding: str = "", name: str = "") -> Table:
    """Drop empty rows and the demonstration notice, check the limits, split off the header."""
    numbered = [(n, [_unguard(strip_controls(c).strip()) for c in row]) for n, row in enumerate(cells, start=1)]
    numbered = [(n, row) for n, row in numbered if any(row)]
    notes = []
    if numbered and is_demo_notice(numbered[0][1]):
        numbered = numbered[1:]
        notes.append(_("The file is an export of demonstration data; its notice line was skipped."))
    if not numbered:
        raise ImportRejected([Problem(_("The file has no rows."))])
    if len(numbered) - 1 > limits.max_rows:
        raise ImportRejected(
            [Problem(_("The file has more than %(max)s rows; split it into smaller files.") % {"max": limits.max_rows})]
        )
    check_cells(numbered, limits)
    (_header_number, header), body = numbered[0], numbered[1:]
    return Table(header=header, rows=[Row(n, row) for n, row in body], format=fmt, encoding=encoding, name=name,
                 notes=notes)  # fmt: skip


def check_cells(rows: Sequence[tuple[int, Sequence[str]]], limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse rows (``(row number, cells)``) with a cell longer than ``max_cell``, naming row and column."""
    problems = [
        Problem(_("the cell is longer than %(max)s characters.") % {"max": limits.max_cell}, row=n, column=str(i + 1))
        for n, row in rows
        for i, cell in enumerate(row)
        if len(cell) > limits.max_cell
    ]
    if problems:
        raise ImportRejected(problems[:20])


def csv_rejection(exc: csv.Error, limits: Limits = DEFAULT_LIMITS, row: int | None = None) -> ImportRejected:
    """What to tell the person importing when Python's CSV reader stops (a field over the limit, a bad quote)."""
    if "field larger than field limit" in str(exc):
        return ImportRejected([Problem(_("the cell is longer than %(max)s characters.") % {"max": limits.max_cell},
                                       row=row)])  # fmt: skip
    return ImportRejected([Problem(_("The CSV cannot be read: %(reason)s") % {"reason": exc}, row=row)])


def set_csv_limit(limits: Limits = DEFAULT_LIMITS) -> None:
    """Set Python's CSV field limit (one for the process) to the reader's cell limit, before reading."""
    csv.field_size_limit(limits.max_cell + 1)


def _unguard(text: str) -> str:
    """Exports write ``'=…`` for cells that start like formulas; read such cells back as they were."""
    if text[:1] == "'" and text[1:2] in {"=", "+", "-", "@"}:
        return text[1:]
    return text


def _check_size(size: int, limits: Limits) -> None:
    if size > limits.max_bytes:
        raise ImportRejected(
            [Problem(_("The file is larger than %(max)s MB.") % {"max": round(limits.max_bytes / 1024 / 1024, 1)})]
        )


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.0f}"


def check_archive(content: bytes, limits: Limits = DEFAULT_LIMITS, *, kind: str = "XLSX") -> None:
    """Refuse a ZIP-based file (XLSX, DOCX) that expands too far, before anything parses it.

    A decompression bomb is small on disk and huge once read: every part's expanded size
    (``max_part``) and their sum (``max_uncompressed``) are checked from the archive's
    directory. ``zipfile`` never expands a part past the size its directory declares, so a
    part that lies about its size cannot get past these limits either.
    """
    _check_size(len(content), limits)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise ImportRejected([Problem(_("The file is not a readable %(kind)s file.") % {"kind": kind})]) from None
    if len(parts) > 10_000:
        raise ImportRejected([Problem(_("The %(kind)s file holds more than %(max)s parts; it is refused.")
                                      % {"kind": kind, "max": 10_000})])  # fmt: skip
    for part in parts:
        if part.file_size > limits.max_part:
            raise ImportRejected([Problem(
                _("The %(kind)s file expands to more than %(max)s MB in one part (%(part)s); it is refused.")
                % {"kind": kind, "max": _mb(limits.max_part), "part": part.filename[:80]})])  # fmt: skip
    if sum(part.file_size for part in parts) > limits.max_uncompressed:
        raise ImportRejected([Problem(_("The %(kind)s file expands to more than %(max)s MB; it is refused.")
                                      % {"kind": kind, "max": _mb(limits.max_uncompressed)})])  # fmt: skip


def check_extracted_text(text: str, limits: Limits = DEFAULT_LIMITS) -> str:
    """Refuse text extracted from a document that is longer than ``max_text`` characters."""
    if len(text) > limits.max_text:
        raise ImportRejected([Problem(_("The document holds more than %(max)s characters of text; split it.")
                                      % {"max": f"{limits.max_text:,}"})])  # fmt: skip
    return text


def read_xlsx(content: bytes, *, limits: Limits = DEFAULT_LIMITS, name: str = "") -> Table:
    """The first sheet of a workbook, each cell as text; refuses archives that expand too far."""
    check_archive(content, limits, kind="XLSX")
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise ImportRejected([Problem(_("The file is not a readable XLSX workbook."))]) from None
    try:
        cells = []
        for row in book.worksheets[0].iter_rows(values_only=True):
            cells.append(["" if v is None else _xlsx_text(v) for v in row])
            if len(cells) > limits.max_rows + 10:
                raise ImportRejected([Problem(_("The file has more than %(max)s rows; split it into smaller files.")
                                              % {"max": limits.max_rows})])  # fmt: skip
    finally:
        book.close()
    return _table(cells, fmt="xlsx", limits=limits, name=name)


def _xlsx_text(value: Any) -> str:
    if hasattr(value, "date") and hasattr(value, "hour") and not (value.hour or value.minute or value.second):
        return value.date().isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def split_aligned(line: str) -> list[str]:
    """Cells of a line of text aligned in columns: runs separated by two spaces or more."""
    return [m.group(0) for m in _ALIGNED.finditer(line.replace("\u00a0", " "))]


def check_text(text: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse text that is too large or holds binary data: every text reader starts with this."""
    _check_size(len(text.encode("utf-8", "ignore")), limits)
    if "\x00" in text:
        raise ImportRejected([Problem(_("The text holds binary data; paste or upload the table as text."))])


def read_text(text: str, *, limits: Limits = DEFAULT_LIMITS, encoding: str = "", name: str = "") -> Table:
    """A table from text: tab-separated, CSV (comma or semicolon), aligned in columns, or a saved web page."""
    check_text(text, limits)
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise ImportRejected([Problem(_("The file has no rows."))])
    if markup_kind(text) == "html":
        return html_table(text, limits=limits, encoding=encoding, name=name)
    sample = "\n".join(lines[:50])
    if "\t" in sample:
        cells = [line.split("\t") for line in text.splitlines()]
        return _table(cells, fmt="tsv", limits=limits, encoding=encoding, name=name)
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;")
        delimited = True
    except csv.Error:
        dialect, delimited = csv.excel, "," in sample or ";" in sample
    if not delimited or (
        all(dialect.delimiter not in line for line in lines[:5]) and any("  " in line for line in lines[:5])
    ):
        cells = [split_aligned(line) for line in text.splitlines()]
        return _table(cells, fmt="aligned", limits=limits, encoding=encoding, name=name)
    # A field over the limit stops the reader on its row (the limit is the module's, so it is set each time).
    set_csv_limit(limits)
    reader = csv.reader(io.StringIO(text), dialect)
    cells = []
    try:
        for row in reader:
            cells.append(row)
            if len(cells) > limits.max_rows + 10:
                raise ImportRejected([Problem(_("The file has more than %(max)s rows; split it into smaller files.")
                                              % {"max": limits.max_rows})])  # fmt: skip
    except csv.Error as exc:
        raise csv_rejection(exc, limits, row=reader.line_num) from None
    return _table(cells, fmt="csv", limits=limits, encoding=encoding, name=name)


def markup_kind(text: str) -> str:
    """``"html"`` for a web page, ``"xml"`` for an XML document, ``""`` for a table of text."""
    head = text.lstrip()[:2000].lower()
    if not head.startswith("<"):
        return ""
    if "<html" in head or "<!doctype html" in head:
        return "html"
    if head.startswith("<?xml"):
        return "xml"
    return "html" if "<table" in text.lower() else "xml"


class _HTMLText(HTMLParser):
    """An HTML page as lines of text: each data table row one line of tab-separated cells, blocks on lines.

    A row whose cell holds another table is page layout: its text is read as lines, not as cells.
    """

    BLOCKS = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section",
                        "article", "header", "footer", "caption", "dt", "dd", "hr", "thead", "tbody"})  # fmt: skip
    SKIP = frozenset({"script", "style", "head", "noscript", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.text: list[str] = []
        self.rows: list[tuple[list[list[str]], list[bool]]] = []  # open rows: (cells, [is layout])
        self.skipping = 0

    def _flush(self) -> None:
        line = " ".join("".join(self.text).split())
        if line:
            self.lines.append(line)
        self.text = []

    def _in_data_row(self) -> bool:
        return bool(self.rows) and not self.rows[-1][1][0] and bool(self.rows[-1][0])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag == "table":
            if self.rows and not self.rows[-1][1][0]:
                cells, layout = self.rows[-1]
                layout[0] = True  # a table inside a cell: the outer row is layout
                self.text.append(" ".join(" ".join("".join(c) for c in cells).split()))
            self._flush()
        elif tag == "tr":
            self._flush()
            self.rows.append(([], [False]))
        elif tag in {"td", "th"} and self.rows:
            if self.rows[-1][1][0]:
                self._flush()
            else:
                self.rows[-1][0].append([])
        elif tag == "sup":
            self.handle_data(" ")
        elif tag in self.BLOCKS:
            if self._in_data_row():
                self.handle_data(" ")
            else:
                self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "tr" and self.rows:
            cells, layout = self.rows.pop()
            if layout[0]:
                self._flush()
            else:
                texts = [" ".join("".join(c).split()) for c in cells]
                if any(texts):
                    self.lines.append("\t".join(texts))
        elif tag in self.BLOCKS and not self._in_data_row():
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self._in_data_row():
            self.rows[-1][0][-1].append(data.replace("\t", " "))
        elif not self.rows or self.rows[-1][1][0]:
            self.text.append(data)

    def result(self) -> str:
        self._flush()
        return "\n".join(self.lines)


def html_text(html: str, limits: Limits = DEFAULT_LIMITS) -> str:
    """A saved web page as text: each table row a line of tab-separated cells, other blocks on lines."""
    check_text(html, limits)
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    return parser.result()


def xml_text(xml: str, limits: Limits = DEFAULT_LIMITS) -> str:
    """An XML document as text: rows (``row``, ``tr``) as tab-separated cells, ``label``/text pairs as
    ``label: text``, every other leaf on its own line. Entities and DTDs are refused (defusedxml)."""
    check_text(xml, limits)
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(xml.encode("utf-8"))
    except DefusedXmlException:
        raise ImportRejected([Problem(_("The XML declares entities or a DTD; it is refused."))]) from None
    except Exception as exc:  # noqa: BLE001 - ElementTree.ParseError and expat errors
        raise ImportRejected([Problem(_("The XML cannot be read: %(reason)s") % {"reason": exc})]) from None
    lines: list[str] = []

    def name(element: Any) -> str:
        return str(element.tag).rsplit("}", 1)[-1].lower()

    def text_of(element: Any) -> str:
        return " ".join(" ".join(element.itertext()).split())

    def walk(element: Any) -> None:
        children = list(element)
        if name(element) in {"row", "tr"}:
            cells = [text_of(c) for c in children] if children else [text_of(element)]
            if any(cells):
                lines.append("\t".join(cells))
            return
        if not children:
            if text_of(element):
                lines.append(text_of(element))
            return
        if all(not list(c) for c in children) and "label" in name(children[0]):
            label, rest = text_of(children[0]), " ".join(text_of(c) for c in children[1:]).strip()
            lines.append(f"{label.rstrip(':')}: {rest}" if rest else label)
            return
        if (element.text or "").strip():
            lines.append(" ".join(element.text.split()))
        for child in children:
            walk(child)
            if (child.tail or "").strip():
                lines.append(" ".join(child.tail.split()))

    walk(root)
    return "\n".join(lines)


def html_table(html: str, *, limits: Limits = DEFAULT_LIMITS, encoding: str = "", name: str = "") -> Table:
    """The largest table of a saved web page (the page's data table, not its layout)."""
    blocks: list[list[list[str]]] = [[]]
    for line in html_text(html, limits).splitlines():
        if "\t" in line:
            blocks[-1].append(line.split("\t"))
        elif blocks[-1]:
            blocks.append([])
    best = max(blocks, key=len)
    if not best:
        raise ImportRejected([Problem(_("The page has no table."))])
    return _table(best, fmt="html", limits=limits, encoding=encoding, name=name)


TextReader = Callable[..., Table]


def read_upload(upload: Any, *, limits: Limits = DEFAULT_LIMITS, text_reader: TextReader | None = None) -> Table:
    """A table from an uploaded file (``.csv``, ``.tsv``, ``.txt`` or ``.xlsx``).

    ``text_reader`` (``read_text`` by default) splits a decoded text file into a table, for
    importers that read a text shape of their own (see :meth:`Importer.read_text`).
    """
    name = getattr(upload, "name", "") or ""
    size = getattr(upload, "size", None)
    if size is not None:
        _check_size(size, limits)
    content = upload.read(limits.max_bytes + 1)
    return read_bytes(name, content, limits=limits, text_reader=text_reader)


def read_bytes(
    name: str, content: bytes, *, limits: Limits = DEFAULT_LIMITS, text_reader: TextReader | None = None
) -> Table:
    """A table from a file's name and content."""
    _check_size(len(content), limits)
    lower = name.lower()
    if lower.endswith(".xlsx") or content[:4] == b"PK\x03\x04":
        return read_xlsx(content, limits=limits, name=name)
    if lower and not lower.endswith(TEXT_SUFFIXES):
        raise ImportRejected([Problem(_("Upload a .csv, .tsv, .txt, .html, .xml or .xlsx file."))])
    text, encoding = decode(content)
    return (text_reader or read_text)(text, limits=limits, encoding=encoding, name=name)


# -- column mapping ----------------------------------------------------------------------------
#
# A depositary's own list (ICAO, IMO, IAEA...) has its own columns. An importer that can read such a
# list names its fields (:class:`MappingField`); the pipeline guesses which column holds each one
# from the headers (:func:`guess_mapping`), the person importing confirms or changes the guess, may
# save it under a name (``core.models.ColumnMapping``) and reuse it; :func:`map_table` then turns the
# table into one under the headers the importer reads.


@dataclass(frozen=True)
class MappingField:
    """One field an importer reads, the header it reads it under, and header words that suggest it."""

    key: str
    label: Any
    header: str
    hints: tuple[str, ...] = ()
    required: bool = False


def _header_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", str(text).casefold()).split())


def guess_mapping(header: Sequence[str], fields: Sequence[MappingField]) -> dict[str, int | None]:
    """field key → the index of the column that looks like it (by the hints, in the fields' order), or None."""
    keys = [_header_key(h) for h in header]
    taken: set[int] = set()
    mapping: dict[str, int | None] = {}
    for f in fields:
        found = None
        for hint in f.hints:
            hint_key = _header_key(hint)
            found = next((i for i, k in enumerate(keys) if i not in taken and k and (k == hint_key or
                          re.search(rf"\b{re.escape(hint_key)}\b", k))), None)  # fmt: skip
            if found is not None:
                break
        mapping[f.key] = found
        if found is not None:
            taken.add(found)
    return mapping


def mapping_from_headers(header: Sequence[str], columns: dict[str, str]) -> dict[str, int | None]:
    """A saved mapping (field key → header text) applied to a table's header: field key → column index."""
    keys = [_header_key(h) for h in header]
    return {
        field_key: (keys.index(_header_key(text)) if text and _header_key(text) in keys else None)
        for field_key, text in columns.items()
    }


def mapping_problems(mapping: dict[str, int | None], fields: Sequence[MappingField], width: int) -> list[Problem]:
    """What is wrong with a mapping: a required field without a column, a column used twice, no such column."""
    problems = []
    used: dict[int, str] = {}
    for f in fields:
        index = mapping.get(f.key)
        if index is None:
            if f.required:
                problems.append(Problem(_("Say which column holds “%(field)s”.") % {"field": f.label}))
            continue
        if not 0 <= index < width:
            problems.append(Problem(_("“%(field)s”: the table has no column %(number)s.") % {"field": f.label,
                                                                                          "number": index + 1}))  # fmt: skip
        elif index in used:
            problems.append(Problem(_("“%(field)s” and “%(other)s” cannot both be read from one column.")
                                    % {"field": f.label, "other": used[index]}))  # fmt: skip
        else:
            used[index] = str(f.label)
    return problems


def map_table(table: Table, mapping: dict[str, int | None], fields: Sequence[MappingField]) -> Table:
    """The table under the importer's headers: one column per mapped field, other columns left out.

    Raises :class:`ImportRejected` when the mapping is not usable (see :func:`mapping_problems`).
    """
    problems = mapping_problems(mapping, fields, len(table.header))
    if problems:
        raise ImportRejected(problems)
    chosen = [(f, mapping[f.key]) for f in fields if mapping.get(f.key) is not None]
    rows = [Row(r.number, [(r.cells[i] if i is not None and i < len(r.cells) else "") for _f, i in chosen])
            for r in table.rows]  # fmt: skip
    mapped = {f.key: table.header[i] for f, i in chosen if i is not None}
    meta = {**table.meta, "mapping": "; ".join(f"{f.label} ← {mapped[f.key]}" for f, _i in chosen)}
    return Table(header=[f.header for f, _i in chosen], rows=rows, format=table.format, encoding=table.encoding,
                 name=table.name, notes=list(table.notes), meta=meta)  # fmt: skip


def mapping_profiles(importer_key: str, user: Any = None) -> list[Any]:
    """The saved column mappings of one import, by name."""
    from ctassist.core.models import ColumnMapping

    return list(ColumnMapping.objects.restrict(user).filter(importer=importer_key).order_by("name"))


def save_mapping_profile(importer_key: str, name: str, header: Sequence[str], mapping: dict[str, int | None], *,
                         acting_user: Any) -> Any:  # fmt: skip
    """Save (or replace) the named mapping: each field key with the header text of its column."""
    from ctassist.core import services
    from ctassist.core.audit import snapshot
    from ctassist.core.models import ColumnMapping

    columns = {key: (header[index] if index is not None and index < len(header) else "")
               for key, index in mapping.items()}  # fmt: skip
    profile = ColumnMapping.objects.filter(importer=importer_key, name=name.strip()).first()
    if profile is None:
        profile = ColumnMapping(importer=importer_key, name=name.strip(), columns=columns)
        services.save(profile, acting_user=acting_user)
        return profile
    before = snapshot(profile)
    profile.columns = columns
    services.save(profile, acting_user=acting_user, before=before)
    return profile


# -- plans and importers -----------------------------------------------------------------------


@dataclass
class PlannedRow:
    """What applying the table would do with one row."""

    number: int
    outcome: str
    label: str = ""
    changes: list[str] = field(default_factory=list)
    data: Any = None
    display: list[Any] = field(default_factory=list)  # the importer's own preview columns


@dataclass
class Plan:
    """Every row's outcome and every problem, computed without writing anything."""

    rows: list[PlannedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    table: Table | None = None
    # Consequences the person importing must agree to before the plan is applied (a wider audience...).
    confirmations: list[str] = field(default_factory=list)
    # ``progress(done, total)`` while the plan is applied (an import in a job shows rows done on its page).
    on_progress: Callable[[int, int], None] | None = None

    def add(self, row: PlannedRow) -> PlannedRow:
        self.rows.append(row)
        return row

    def problem(self, message: str, row: int | None = None, column: str = "") -> None:
        self.problems.append(Problem(message, row=row, column=column))

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.rows if r.outcome == outcome)

    @property
    def counts(self) -> dict[str, int]:
        return {o: self.count(o) for o in OUTCOMES}

    @property
    def errors(self) -> list[str]:
        return [str(p) for p in self.problems]

    @property
    def can_apply(self) -> bool:
        return not self.problems and (self.count(NEW) + self.count(CHANGED)) > 0

    def rows_to_write(self) -> Iterator[PlannedRow]:
        """The new and changed rows; while an import is applied in a job, each one counts as done when taken."""
        rows = [r for r in self.rows if r.outcome in (NEW, CHANGED)]
        if self.on_progress is None:
            return iter(rows)
        return self._reporting(rows, self.on_progress)

    @staticmethod
    def _reporting(rows: list[PlannedRow], report: Callable[[int, int], None]) -> Iterator[PlannedRow]:
        total, step = len(rows), max(1, len(rows) // 100)
        for done, row in enumerate(rows):
            if done % step == 0:
                report(done, total)
            yield row
        report(total, total)


class Importer:
    """One kind of import. Subclasses set ``key`` and implement :meth:`plan` and :meth:`apply`.

    ``target`` is the record the import is about (an instrument, an activity), if any.
    :meth:`read` may be overridden for inputs of a special shape; it returns a Table.
    """

    key: str = ""
    limits: Limits = DEFAULT_LIMITS
    # Headers of the preview columns each PlannedRow fills in ``display``.
    preview_headers: Sequence[Any] = ()
    # The fields a table of other columns can be mapped onto (empty: the importer reads its own headers only).
    mapping_fields: Sequence[MappingField] = ()

    def __init__(self, target: Any = None, **options: Any):
        self.target = target
        self.options = options

    # reading

    def read(self, *, upload: Any = None, text: str = "") -> Table:
        if upload is not None:
            return read_upload(upload, limits=self.limits, text_reader=self.read_text)
        return self.read_text(text, limits=self.limits)

    def read_text(self, text: str, *, limits: Limits, encoding: str = "", name: str = "") -> Table:
        """Split text (pasted, or a decoded file) into a table; importers of a special text shape override it."""
        return read_text(text, limits=limits, encoding=encoding, name=name)

    def read_file(self, name: str, content: bytes) -> Table:
        """A table from a file's name and content (for management commands)."""
        return read_bytes(name, content, limits=self.limits, text_reader=self.read_text)

    def read_or_problem(self, *, upload: Any = None, text: str = "") -> tuple[Table | None, list[Problem]]:
        try:
            return self.read(upload=upload, text=text), []
        except ImportRejected as exc:
            return None, exc.problems

    # mapping

    def needs_mapping(self, table: Table) -> bool:
        """Whether the table's columns must be mapped before it can be read (its headers are not the importer's)."""
        return False

    def mapped(self, table: Table, mapping: dict[str, int | None]) -> Table:
        """The table under the importer's headers (``map_table``); importers may also tidy the cells there."""
        return map_table(table, mapping, self.mapping_fields)

    # planning and applying

    def plan(self, table: Table) -> Plan:
        raise NotImplementedError

    def apply(self, plan: Plan, *, acting_user: Any) -> None:
        """Write the plan through the app's services (called inside one transaction)."""
        raise NotImplementedError

    def check_permission(self, acting_user: Any) -> None:
        """Refuse (PermissionDenied) a user who may not import; called before anything is read back."""

    def preview(self, table: Table) -> Plan:
        plan = self.plan(table)
        plan.table = table
        plan.warnings = [*table.notes, *plan.warnings]
        return plan

    def run(self, table: Table, *, acting_user: Any, agreed: bool = False,
            progress: Callable[[int, int], None] | None = None) -> Plan:  # fmt: skip
        """Plan the table again and apply it, all or nothing.

        A plan with ``confirmations`` is applied only when the person agreed to them (``agreed``);
        otherwise :class:`ConfirmationNeeded` is raised and nothing is written. ``progress(done,
        total)`` hears of the rows written (an import applied in a job, ``core.jobs.run_import``).
        """
        self.check_permission(acting_user)
        with transaction.atomic():
            if progress is not None:
                progress(0, len(table.rows))
            plan = self.preview(table)
            if plan.problems:
                raise ImportRejected(plan.problems)
            if plan.confirmations and not agreed:
                raise ConfirmationNeeded(plan)
            plan.on_progress = progress
            self.apply(plan, acting_user=acting_user)
        return plan
