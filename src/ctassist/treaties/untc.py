"""Reading participant tables in the shapes depositaries print them.

Plain Python, no database: text in, rows and line-numbered errors out.

* :func:`read_status` reads a whole UN Treaty Collection status page in every shape a user
  gets it: cells separated by tabs (a browser copy), one cell per line (the page's text, the
  header split over several lines), aligned with spaces, CSV, the saved HTML page or the
  status XML (both turned into text first). It keeps the header block (:func:`read_facts`:
  "STATUS AS AT", entry into force, registration, declared counts) and the notes below the
  table, which :func:`read_notes` attaches to the participants they are printed under.
* :func:`parse_records` reads the participant rows: dates like ``14 Dec 1973`` or
  ``1973-12-14``; the letters ``a``, ``A``, ``AA``, ``d`` and ``s`` after a consent date say
  which act it was; footnote numbers after names and dates are split off and kept.
* :func:`normalise_date` reads the dates other depositaries' lists print (ICAO, IMO, IAEA).
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from ctassist.core.importing import html_text, markup_kind, xml_text

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
    "signature without reservation as to ratification": "definitive-signature",
    "signature without reservation": "definitive-signature",
    "ratification": "ratification",
    "acceptance": "acceptance",
    "approval": "approval",
    "accession": "accession",
    "succession": "succession",
    "definitive signature": "definitive-signature",
}

_MARKER = r"(?:\s*\(?\s*(AA|A|a|d|s)\s*\)?)?"
# Footnote numbers printed after a date ("10 Nov 2001 a 5", "3 Jun 1983 2, 3"): one or two digits each.
_DATE_NOTES = r"((?:[\s,]+\d{1,2}\b)*)"
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})" + _MARKER + _DATE_NOTES + r"\s*$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})" + _MARKER + _DATE_NOTES + r"\s*$")
_NAME_NOTES = re.compile(r"^(.*?\D)\s*((?:\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)(?:\s*,\s*(?:\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]+))*)\s*\*?$")
_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
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
    footnotes: list[str] = field(default_factory=list)
    in_force: datetime.date | None = None
    remarks: str = ""


@dataclass
class Table:
    rows: list[Row] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


def parse_date(cell: str) -> tuple[datetime.date, str]:
    """``"14 Dec 1973 a"`` → ``(date(1973, 12, 14), "a")``. Raises ValueError with a reason."""
    day, marker, _notes = parse_date_notes(cell)
    return day, marker


def parse_date_notes(cell: str) -> tuple[datetime.date, str, list[str]]:
    """``"14 Dec 1973 a 5"`` → ``(date(1973, 12, 14), "a", ["5"])``: the date, its letter, its footnotes."""
    text = cell.strip().replace("\u00a0", " ").translate(_SUPERSCRIPT_DIGITS)
    match = _DAY_MONTH_YEAR.match(text)
    if match:
        day, month_name, year, marker, notes = match.groups()
        month = MONTHS.get(month_name[:4].lower()) or MONTHS.get(month_name[:3].lower())
        if month is None:
            raise ValueError(f"unknown month “{month_name}”")
    else:
        match = _ISO.match(text)
        if not match:
            raise ValueError(f"“{cell.strip()}” is not a date like 14 Dec 1973 or 1973-12-14")
        year, month_text, day, marker, notes = match.groups()
        month = int(month_text)
    try:
        return datetime.date(int(year), int(month), int(day)), marker or "", re.findall(r"\d+", notes or "")
    except ValueError:
        raise ValueError(f"“{cell.strip()}” is not a real calendar date") from None


def clean_name(name: str) -> str:
    return _FOOTNOTES.sub("", name.replace("\u00a0", " ").strip()).strip()


def split_name(name: str) -> tuple[str, list[str]]:
    """``"China 3, 4"`` → ``("China", ["3", "4"])``: the name and the footnote numbers printed after it."""
    text = name.replace("\u00a0", " ").strip()
    match = _NAME_NOTES.match(text)
    numbers = re.findall(r"\d+", match.group(2).translate(_SUPERSCRIPT_DIGITS)) if match else []
    return clean_name(text), numbers


def _role(header: str) -> str:
    h = header.strip().lower()
    if any(w in h for w in ("ratification", "accession", "acceptance", "approval", "consent")):
        return "consent"
    if "denunciation" in h or "withdrawal" in h:
        return "denunciation"
    if "entry into force" in h or h.startswith("effective"):
        return "in_force"
    if h in {"notes", "note", "remarks", "observations"}:
        return "notes"
    if "signature" in h:
        return "signature"
    if h in {"participant", "name", "state", "country", "participants", "states", "contracting state",
             "contracting states", "contracting party", "state party"} or h.startswith("participant"):
        return "name"
    if h in {"code", "iso", "iso3", "iso_alpha3", "iso code"}:
        return "code"
    if h in {"kind", "type", "action"}:
        return "kind"
    return ""


def column_role(header: str) -> str:
    """What a column holds, from its header: name, code, signature, consent, denunciation, kind, or ""."""
    return _role(header)


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
    clean, notes = split_name(name)
    row = Row(line=line_no, name=clean or name, code=values.get("code", "").upper(), footnotes=notes)
    failed = False
    row.remarks = values.get("notes", "")
    for role in ("signature", "consent", "denunciation", "in_force"):
        cell = values.get(role, "")
        if not cell:
            continue
        column = header[roles.index(role)]
        try:
            day, marker, date_notes = parse_date_notes(cell)
        except ValueError as exc:
            errors.append(LineError(line_no, column, str(exc)))
            failed = True
            continue
        row.footnotes += [n for n in date_notes if n not in row.footnotes]
        if role == "consent":
            row.consent, row.consent_kind = day, MARKERS[marker]
        elif role == "signature":
            row.signature = day
        elif role == "in_force":
            row.in_force = day
        else:
            row.denunciation = day
    kind_word = " ".join(values.get("kind", "").strip().lower().split())
    kind_word = re.sub(r"\s*\(.*\)$", "", kind_word).strip()
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


# -- the whole status page: header block, table, notes below -----------------------------------

SECTIONS = {
    "declarations and reservations": "declarations",
    "reservations and declarations": "declarations",
    "declarations": "declarations",
    "reservations": "declarations",
    "objections": "objections",
    "territorial application": "territorial",
    "notes": "notes",
    "end notes": "notes",
    "end note": "notes",
}
_HEADER_WORDS = re.compile(
    r"^(participant|signature|ratification|acceptance|approval|accession|succession|definitive|denunciation|"
    r"\(?a{1,2}\)|\(?d\)|\(?s\))",
    re.IGNORECASE,
)
_AS_AT = re.compile(r"status\s+as\s+at\s*:?\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", re.IGNORECASE)
_AS_AT_WORDS = re.compile(r"status\s+as\s+at\s*:?\s*(\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{4})", re.IGNORECASE)
_FACT = re.compile(r"^\s*(entry into force|registration)\s*:\s*(.+?)\s*$", re.IGNORECASE)
_SIGNATORIES = re.compile(r"signatories\s*:\s*(\d+)", re.IGNORECASE)
_PARTIES = re.compile(r"parties\s*:\s*(\d+)", re.IGNORECASE)
_ENDNOTE = re.compile(r"^(\d{1,3})\s*[.)]?(?:\s+(.*))?$")
_LABEL = re.compile(
    r"^(reservations?|declarations?|objections?|interpretative declarations?)\b([^:]{0,80}):\s*(.*)$", re.IGNORECASE
)
_CONSENT_MARKERS = {"a", "A", "AA", "d", "s"}


@dataclass
class Statement:
    """A text the depositary prints under a participant: a reservation, a declaration, an objection, a note."""

    section: str  # declarations, objections, territorial
    kind: str  # reservation, declaration, objection, or "" when the text names no act
    text: str
    upon_signature: bool = False


@dataclass
class StatusPage:
    """A status page read whole: its facts, its participant table, and the notes printed below it."""

    header: list[str]
    body: list[tuple[int, list[str]]]
    shape: str
    facts: dict[str, str] = field(default_factory=dict)
    sections: dict[str, list[tuple[int, str]]] = field(default_factory=dict)


def section_of(line: str) -> str:
    """The notes section a heading line opens ("Declarations and Reservations", "Objections"...), or ""."""
    text = re.sub(r"\s*\(.*$", "", line.strip()).rstrip(":").strip().lower()
    text = re.sub(r"[\s\d,*]+$", "", text)
    return SECTIONS.get(text, "")


def read_facts(lines: list[str]) -> dict[str, str]:
    """The header block: "STATUS AS AT", entry into force, registration, declared counts."""
    facts: dict[str, str] = {}
    for line in lines:
        text = line.replace("\u00a0", " ")
        match = _AS_AT.search(text)
        if match and "as_at" not in facts:
            day, month, year = (int(g) for g in match.groups())
            with contextlib.suppress(ValueError):
                facts["as_at"] = datetime.date(year, month, day).isoformat()
        match = _AS_AT_WORDS.search(text)
        if match and "as_at" not in facts:
            with contextlib.suppress(ValueError):
                facts["as_at"] = parse_date(match.group(1))[0].isoformat()
        match = _FACT.match(text)
        if match:
            key = "entry_into_force" if match.group(1).lower().startswith("entry") else "registration"
            facts.setdefault(key, match.group(2))
        if re.search(r"\bstatus\s*:", text, re.IGNORECASE) or _SIGNATORIES.search(text):
            for key, pattern in (("signatories", _SIGNATORIES), ("parties", _PARTIES)):
                found = pattern.search(text)
                if found:
                    facts.setdefault(key, found.group(1))
    return facts


def _is_header_start(line: str) -> bool:
    cells = [c.strip().strip('"') for c in re.split(r"[\t,]|\s{2,}", line)]
    return any(_role(c) == "name" for c in cells if c)


def _single_cell(line: str) -> bool:
    return "\t" not in line and not _SPACES.search(line.strip()) and "," not in line.strip().rstrip(",")


def read_status(text: str) -> StatusPage:
    """Read a status page in any of its text shapes (tabs, one cell per line, aligned, CSV).

    HTML and XML are turned into text first (:func:`status_text`). Raises TableError
    when there is no participant table.
    """
    text = status_text(text)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start = next((i for i, line in enumerate(lines) if _is_header_start(line)), None)
    if start is None:
        raise TableError("no header line: the table needs a “Participant” (or “Name”) column")
    end = next((i for i in range(start + 1, len(lines)) if section_of(lines[i])), len(lines))
    facts = read_facts(lines[:start])
    if _single_cell(lines[start]) and _role(lines[start].strip()) == "name":
        header, body, shape = _cell_per_line(lines, start, end)
    else:
        header, body = read_cells("\n".join(lines[:end]))
        shape = "tsv" if "\t" in lines[start] else ("csv" if "," in lines[start] and not _SPACES.search(lines[start].strip()) else "aligned")
    page = StatusPage(header=header, body=body, shape=shape, facts=facts)
    current = ""
    for number, line in enumerate(lines[end:], start=end + 1):
        heading = section_of(line)
        if heading:
            current = heading
            page.sections.setdefault(current, [])
            continue
        if current and line.strip():
            page.sections[current].append((number, line.strip()))
    return page


def _cell_per_line(lines: list[str], start: int, end: int) -> tuple[list[str], list[tuple[int, list[str]]], str]:
    """Page text with one cell per line: the header's cells (a long one split over lines), then each
    participant's name followed by its dates. An empty cell prints nothing, so the dates are placed by
    what they are: a consent date carries its letter (a, A, AA, d, s); an unmarked date alone is a
    signature, unless the table has no signature column; two dates are signature and consent."""
    header = [lines[start].strip()]
    index = start + 1
    while index < end:
        line = lines[index].strip()
        if not line:
            index += 1
            continue
        if not _HEADER_WORDS.match(line) or _parses_as_date(line):
            break
        role = _role(line)
        if role in {"signature", "denunciation"} or (role == "consent" and _role(header[-1]) != "consent"):
            header.append(line)
        else:
            header[-1] = f"{header[-1]} {line}".strip()
        index += 1
    roles = [_role(h) for h in header]
    rows: list[tuple[int, str, list[str]]] = []
    for number, raw in enumerate(lines[index:end], start=index + 1):
        line = raw.strip()
        if not line:
            continue
        if _parses_as_date(line) and rows:
            rows[-1][2].append(line)
        elif re.fullmatch(r"[\d,\s]+", line) and rows and not rows[-1][2]:
            rows[-1] = (rows[-1][0], f"{rows[-1][1]} {line}", rows[-1][2])  # footnote numbers on their own line
        else:
            rows.append((number, line, []))
    while rows and not rows[-1][2]:
        rows.pop()  # text after the last participant (page footer) is not a row
    body = []
    for number, name, dates in rows:
        cells = [""] * len(header)
        cells[0] = name
        columns = [i for i, r in enumerate(roles) if r in {"signature", "consent", "denunciation"}]
        if len(dates) == 1 and "signature" in roles and "consent" in roles:
            marker = _marker_of(dates[0])
            cells[roles.index("consent" if marker in _CONSENT_MARKERS else "signature")] = dates[0]
        elif len(dates) <= len(columns):
            for column, cell in zip(columns, dates, strict=False):
                cells[column] = cell
        else:
            cells = [name, *dates]
        body.append((number, cells))
    return header, body, "lines"


def _marker_of(line: str) -> str:
    text = line.strip().replace("\u00a0", " ").translate(_SUPERSCRIPT_DIGITS)
    match = _DAY_MONTH_YEAR.match(text) or _ISO.match(text)
    return (match.group(4) or "") if match else ""


def _parses_as_date(line: str) -> bool:
    """Whether a line is shaped like a date (a wrong one, "31 Feb 2002", too: the row reports it)."""
    text = line.strip().replace("\u00a0", " ").translate(_SUPERSCRIPT_DIGITS)
    return bool(_DAY_MONTH_YEAR.match(text) or _ISO.match(text))


# -- HTML and XML ---------------------------------------------------------------------------------


def status_text(text: str) -> str:
    """A saved HTML page or a status XML turned into the page's text (table rows tab-separated)."""
    kind = markup_kind(text)
    if kind == "html":
        return html_text(text)
    return xml_text(text) if kind == "xml" else text


# -- the notes below the table --------------------------------------------------------------------


@dataclass
class Notes:
    """What the notes say about each participant (by the name printed) and the numbered end notes."""

    by_name: dict[str, list[Statement]] = field(default_factory=dict)
    endnotes: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "s": {name: [[s.section, s.kind, s.text, s.upon_signature] for s in items] for name, items in self.by_name.items()},
            "e": self.endnotes,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Notes:
        by_name = {
            str(name): [Statement(str(a), str(b), str(c), bool(d)) for a, b, c, d in items]
            for name, items in dict(data.get("s", {})).items()
        }
        return cls(by_name=by_name, endnotes={str(k): str(v) for k, v in dict(data.get("e", {})).items()})


def read_notes(sections: dict[str, list[tuple[int, str]]], names: list[str], normalize) -> Notes:
    """Attach the notes to the participants they are printed under.

    ``names`` are the table's participant names; ``normalize`` turns a name into the key
    names are compared by (accents, case, footnote numbers). A line opens a participant's
    notes when it starts with one of those names; in "Declarations and Reservations" a
    label ("Reservation:", "Declaration made upon signature:") says which act a text is.
    """
    keys = {normalize(n): n for n in names if n}
    notes = Notes()
    for section in ("declarations", "objections", "territorial"):
        current: str | None = None
        fresh = False
        for _number, line in sections.get(section, []):
            owner, rest = _owner(line, keys, normalize)
            if owner is not None:
                current, fresh = owner, True
                if not rest:
                    continue
                line = rest
            if current is None or line.startswith("("):
                continue  # the section's own preamble, e.g. "(Unless otherwise indicated...)"
            items = notes.by_name.setdefault(current, [])
            label = _LABEL.match(line) if section == "declarations" else None
            if label:
                word = label.group(1).lower()
                kind = "reservation" if word.startswith("reserv") else "objection" if word.startswith("object") else "declaration"
                items.append(Statement(section, kind, label.group(3).strip(), "signature" in label.group(2).lower()))
            elif fresh or not items or items[-1].section != section:
                items.append(Statement(section, _kind(section), line))
            else:  # territorial application is a table: its cells read as one line
                joiner = " " if section == "territorial" else "\n"
                items[-1].text = f"{items[-1].text}{joiner}{line}".strip()
            fresh = False
    number = ""
    for _line_no, line in sections.get("notes", []):
        match = _ENDNOTE.match(line)
        if match:
            number = match.group(1)
            notes.endnotes[number] = (match.group(2) or "").strip()
        elif number and _continues(notes.endnotes[number], line):
            notes.endnotes[number] = f"{notes.endnotes[number]} {line}".strip()
        else:
            number = ""  # text after the notes (a page footer) is not a note
    for items in notes.by_name.values():
        items[:] = [s for s in items if s.text]
    notes.by_name = {k: v for k, v in notes.by_name.items() if v}
    return notes


def _continues(text: str, line: str) -> bool:
    """Whether a line carries on the note before it: the note is unfinished, or the line opens lower-case."""
    return not text or not text.rstrip().endswith((".", ")", ";")) or line[:1].islower() or line[:1] in "(\"“"


def _kind(section: str) -> str:
    return "objection" if section == "objections" else ""


def _owner(line: str, keys: dict[str, str], normalize) -> tuple[str | None, str]:
    """The participant a line starts with, and the rest of the line."""
    cells = [c.strip() for c in re.split(r"\t|\s{2,}", line) if c.strip()]
    if cells and normalize(cells[0]) in keys:
        return keys[normalize(cells[0])], " ".join(cells[1:])
    head = line.rstrip(":").strip()
    if normalize(head) in keys and len(head) < 80:
        return keys[normalize(head)], ""
    return None, ""


# -- dates as other depositaries print them ----------------------------------------------------------

_NUMERIC_DATE = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})(.*)$")
_DAY_MON_YEAR = re.compile(r"^(\d{1,2})[\s-]([A-Za-z]{3,9})\.?[\s-](\d{4})(.*)$")
_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]{3,9})\.?\s+(\d{1,2}),\s*(\d{4})(.*)$")


def normalise_date(cell: str) -> str:
    """A date as ICAO, IMO or IAEA lists print it, written ``YYYY-MM-DD`` (with any letter after it kept).

    ``10/04/2002`` and ``10.04.2002`` are read day first, as those depositaries write them;
    ``14-Oct-2005`` and ``October 14, 2005`` are read too. A cell that is none of these is returned
    as it is, for the reader to report.
    """
    text = cell.strip().replace("\u00a0", " ")
    if not text:
        return text
    match = _NUMERIC_DATE.match(text)
    if match:
        day, month, year, rest = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}{rest}"
    match = _DAY_MON_YEAR.match(text) or None
    if match:
        day, month_name, year, rest = match.groups()
        month = MONTHS.get(month_name[:4].lower()) or MONTHS.get(month_name[:3].lower())
        return f"{year}-{month:02d}-{int(day):02d}{rest}" if month else text
    match = _MONTH_DAY_YEAR.match(text)
    if match:
        month_name, day, year, rest = match.groups()
        month = MONTHS.get(month_name[:4].lower()) or MONTHS.get(month_name[:3].lower())
        return f"{year}-{month:02d}-{int(day):02d}{rest}" if month else text
    return text
