"""Reading participant tables in the shape the UN Treaty Collection prints them.

Plain Python, no database: text in, rows and line-numbered errors out. Three
shapes are read:

* text pasted from a UNTC status page (cells separated by tabs, or aligned
  with spaces under the header);
* a CSV with the page's columns: ``Participant``, ``Signature``,
  ``Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)``;
* a CSV with ISO dates and a ``Kind`` column naming the act.

Dates look like ``14 Dec 1973`` or ``1973-12-14``; the letters ``a``, ``A``,
``AA``, ``d`` and ``s`` after a consent date say which act it was; footnote
markers after a participant's name are dropped.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass, field

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
MARKERS = {
    "": "ratification",
    "A": "acceptance",
    "AA": "approval",
    "a": "accession",
    "d": "succession",
    "s": "definitive-signature",
}
KIND_WORDS = {
    "ratification": "ratification",
    "acceptance": "acceptance",
    "approval": "approval",
    "accession": "accession",
    "succession": "succession",
    "definitive signature": "definitive-signature",
}

_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})(?:\s*\(?\s*(AA|A|a|d|s)\s*\)?)?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:\s*\(?\s*(AA|A|a|d|s)\s*\)?)?$")
_SPACES = re.compile(r"\s{2,}")
_WORD_RUN = re.compile(r"\S+(?: \S+)*")
_FOOTNOTES = re.compile(r"[\s,*†‡⁰¹²³⁴⁵⁶⁷⁸⁹\d]+$")


class TableError(ValueError):
    """The table as a whole cannot be read (no rows, no participant column...)."""


@dataclass
class LineError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", column “{self.column}”" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class Row:
    line: int
    name: str
    code: str = ""
    signature: datetime.date | None = None
    consent: datetime.date | None = None
    consent_kind: str = ""
    denunciation: datetime.date | None = None


@dataclass
class Table:
    rows: list[Row] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


def parse_date(cell: str) -> tuple[datetime.date, str]:
    """``"14 Dec 1973 a"`` → ``(date(1973, 12, 14), "a")``. Raises ValueError with a reason."""
    text = cell.strip().replace("\u00a0", " ")
    match = _DAY_MONTH_YEAR.match(text)
    if match:
        day, month_name, year, marker = match.groups()
        month = MONTHS.get(month_name[:4].lower()) or MONTHS.get(month_name[:3].lower())
        if month is None:
            raise ValueError(f"unknown month “{month_name}”")
    else:
        match = _ISO.match(text)
        if not match:
            raise ValueError(f"“{cell.strip()}” is not a date like 14 Dec 1973 or 1973-12-14")
        year, month_text, day, marker = match.groups()
        month = int(month_text)
    try:
        return datetime.date(int(year), int(month), int(day)), marker or ""
    except ValueError:
        raise ValueError(f"“{cell.strip()}” is not a real calendar date") from None


def clean_name(name: str) -> str:
    return _FOOTNOTES.sub("", name.replace("\u00a0", " ").strip()).strip()


def _role(header: str) -> str:
    h = header.strip().lower()
    if any(w in h for w in ("ratification", "accession", "acceptance", "approval", "consent")):
        return "consent"
    if "denunciation" in h or "withdrawal" in h:
        return "denunciation"
    if "signature" in h:
        return "signature"
    if h in {"participant", "name", "state", "country", "participants"} or h.startswith("participant"):
        return "name"
    if h in {"code", "iso", "iso3", "iso_alpha3", "iso code"}:
        return "code"
    if h in {"kind", "type", "action"}:
        return "kind"
    return ""


def _split(line: str, offsets: list[int] | None) -> list[str]:
    if "\t" in line:
        return [cell.strip() for cell in line.split("\t")]
    if offsets:
        # Space-aligned text: each run of words belongs to the column whose
        # header starts at or just after it (pasted pages drift by a character or two).
        cells = [""] * len(offsets)
        for match in _WORD_RUN.finditer(line):
            column = 0
            for index, start in enumerate(offsets):
                if start <= match.start() + 2:
                    column = index
            cells[column] = (cells[column] + " " + match.group()).strip()
        return cells
    return [cell.strip() for cell in _SPACES.split(line.strip())]


def _header_offsets(line: str) -> list[int]:
    return [m.start() for m in _WORD_RUN.finditer(line)]


def read_cells(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Find the header and split every following line into cells, keeping line numbers.

    Raises TableError when there is no header line."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    header_index = next(
        (
            i
            for i, line in enumerate(lines)
            if any(_role(c.strip().strip('"')) == "name" for c in re.split(r"[\t,]|\s{2,}", line))
        ),
        None,
    )
    if header_index is None:
        raise TableError("no header line: the table needs a “Participant” (or “Name”) column")
    header_line = lines[header_index]
    if "\t" not in header_line and "," in header_line and not _SPACES.search(header_line.strip()):
        reader = csv.reader(io.StringIO("\n".join(lines[header_index:])))
        header = next(reader)
        body = []
        for record in reader:
            # reader.line_num counts physical lines, so quoted multi-line cells keep numbers right
            body.append((header_index + reader.line_num, [c.strip() for c in record]))
        return [h.strip() for h in header], body
    offsets = None if "\t" in header_line else _header_offsets(header_line)
    header = _split(header_line, None) if offsets is None else [m.group() for m in _WORD_RUN.finditer(header_line)]
    body = [(i + 1, _split(line, offsets)) for i, line in enumerate(lines[header_index + 1 :], start=header_index + 1)]
    return header, body


def parse_table(text: str) -> Table:
    """Read a participant table. Raises TableError when no row can be read at all."""
    if not text or not text.strip():
        raise TableError("the table is empty")
    if "\x00" in text:
        raise TableError("the file is binary, not a text or CSV table")
    return parse_records(*read_cells(text))


def parse_records(header: list[str], body: list[tuple[int, list[str]]]) -> Table:
    """The participant rows of a table already split into cells (``(line number, cells)`` under ``header``)."""
    roles = [_role(h) for h in header]
    if "name" not in roles:
        raise TableError("no “Participant” column")
    if "consent" not in roles and "signature" not in roles:
        raise TableError("no “Signature” or “Ratification, Acceptance(A)…” column")
    table = Table(ignored_columns=[h for h, r in zip(header, roles, strict=True) if not r and h])
    seen: dict[str, int] = {}
    for line_no, cells in body:
        if not any(c.strip() for c in cells):
            continue
        row = _read_row(line_no, header, roles, cells, table.errors)
        if row is None:
            continue
        key = (row.code or clean_name(row.name)).casefold()
        if key in seen:
            table.errors.append(LineError(line_no, "", f"“{row.name}” is listed twice (first on line {seen[key]})"))
            continue
        seen[key] = line_no
        table.rows.append(row)
    if not table.rows and not table.errors:
        raise TableError("the table has a header but no participant rows")
    return table


def _read_row(
    line_no: int, header: list[str], roles: list[str], cells: list[str], errors: list[LineError]
) -> Row | None:
    if len(cells) > len(header) and any(c for c in cells[len(header) :]):
        errors.append(LineError(line_no, "", f"{len(cells)} cells where the header has {len(header)}"))
        return None
    values = {role: cells[i].strip() if i < len(cells) else "" for i, role in enumerate(roles) if role}
    name = values.get("name", "")
    if not name:
        errors.append(LineError(line_no, header[roles.index("name")], "the participant's name is missing"))
        return None
    row = Row(line=line_no, name=name, code=values.get("code", "").upper())
    failed = False
    for role in ("signature", "consent", "denunciation"):
        cell = values.get(role, "")
        if not cell:
            continue
        column = header[roles.index(role)]
        try:
            day, marker = parse_date(cell)
        except ValueError as exc:
            errors.append(LineError(line_no, column, str(exc)))
            failed = True
            continue
        if role == "consent":
            row.consent, row.consent_kind = day, MARKERS[marker]
        elif role == "signature":
            row.signature = day
        else:
            row.denunciation = day
    kind_word = values.get("kind", "").strip().lower()
    kind_word = re.sub(r"\s*\(.*\)$", "", kind_word)
    if kind_word:
        kind = KIND_WORDS.get(kind_word)
        if kind is None:
            errors.append(LineError(line_no, header[roles.index("kind")], f"unknown act “{values['kind']}”"))
            failed = True
        elif row.consent is None:
            errors.append(LineError(line_no, header[roles.index("kind")], "an act is named but no date is given"))
            failed = True
        else:
            if row.consent_kind not in {"ratification", kind}:
                errors.append(
                    LineError(
                        line_no,
                        header[roles.index("kind")],
                        f"“{values['kind']}” contradicts the marker after the date",
                    )
                )
                failed = True
            row.consent_kind = kind
    if row.signature and row.consent and row.signature > row.consent and row.consent_kind == "ratification":
        errors.append(LineError(line_no, "", "the signature is dated after the ratification"))
        failed = True
    if not failed and row.signature is None and row.consent is None and row.denunciation is None:
        errors.append(LineError(line_no, "", "no date in the row"))
        failed = True
    return None if failed else row
