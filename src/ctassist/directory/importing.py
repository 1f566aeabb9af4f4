"""Importing authorities from CSV or XLSX: preview first, then apply everything or nothing.

Columns (header row; names as in the CSV export): state (name or ISO alpha-3),
authority_type, name are required; name_local, address, telephones, emails,
website, office_hours, time_zone, languages_accepted, channels_accepted,
accepts_un_conventions, urgent_by_email, requirements, legislation, status,
contact_name, contact_title, contact_email, contact_telephone,
contact_languages are optional. Several values in one cell are separated by
semicolons; the n-th value of each contact_* column describes the n-th person.
Rows are numbered as a spreadsheet shows them (the header is row 1).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ctassist.core import audit, policy
from ctassist.directory import services, validation
from ctassist.directory.choices import AuthorityType, Channel, EntryStatus, Language
from ctassist.directory.events import DirectoryEvent
from ctassist.directory.models import DirectoryEntry, join_codes
from ctassist.directory.policies import PUBLISH
from ctassist.geo.models import State
from ctassist.geo.names import alias_index, normalize

NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"
REQUIRED = ("state", "authority_type", "name")
TEXT_COLUMNS = ("name", "name_local", "address", "office_hours", "requirements")
CONTACT_COLUMNS = ("contact_name", "contact_title", "contact_email", "contact_telephone", "contact_languages")
KNOWN = {
    *REQUIRED,
    *TEXT_COLUMNS,
    "telephones",
    "emails",
    "website",
    "time_zone",
    "languages_accepted",
    "channels_accepted",
    "accepts_un_conventions",
    "urgent_by_email",
    "legislation",
    "status",
    *CONTACT_COLUMNS,
}
# Columns of the CSV export that the importer reads past without complaint.
EXPORT_ONLY = {"iso3", "last_verified_on", "stale", "is_demo"}
_TRUE = {"yes", "y", "true", "1", "oui", "si", "sí"}
_FALSE = {"no", "n", "false", "0", "non"}


class ImportRejected(ValueError):
    """The file has errors; nothing was written."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


class FileError(ValueError):
    pass


def read_rows(name: str, content: bytes) -> list[tuple[int, dict[str, str]]]:
    """(spreadsheet row number, {column: text}) for each non-empty row of a CSV or XLSX file."""
    if name.lower().endswith(".xlsx"):
        return _read_xlsx(content)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileError(
            _("The file is not UTF-8 text (byte %(pos)s); save it as CSV UTF-8.") % {"pos": exc.start}
        ) from None
    if "\x00" in text:
        raise FileError(_("The file is binary; save the table as CSV UTF-8 or XLSX."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    return _rows(list(reader))


def _read_xlsx(content: bytes) -> list[tuple[int, dict[str, str]]]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise FileError(_("The file is not a readable XLSX workbook.")) from None
    sheet = workbook.worksheets[0]
    table = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return _rows(table)


def _rows(table: list[list[str]]) -> list[tuple[int, dict[str, str]]]:
    if not table:
        raise FileError(_("The file is empty."))
    header = [h.strip().lower().replace(" ", "_") for h in table[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise FileError(_("The header row lacks the column(s): %(cols)s.") % {"cols": ", ".join(missing)})
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(str(c).strip() for c in cells):
            continue
        rows.append((number, {h: _cell(cells[i]) if i < len(cells) else "" for i, h in enumerate(header) if h}))
    return rows


def _cell(value) -> str:
    text = str(value).strip()
    # Exports guard against spreadsheet formulas by writing '+254…; read such cells back as they were.
    if text[:1] == "'" and text[1:2] in {"=", "+", "-", "@"}:
        return text[1:]
    return text


@dataclass
class RowPlan:
    number: int
    outcome: str
    state: State
    fields: dict[str, Any]
    contacts: list[dict[str, str]]
    status: str
    existing: DirectoryEntry | None = None
    changes: list[str] = field(default_factory=list)


@dataclass
class ImportPlan:
    rows: list[RowPlan] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.rows if r.outcome == outcome)

    @property
    def counts(self) -> dict[str, int]:
        return {o: self.count(o) for o in (NEW, CHANGED, UNCHANGED)}

    @property
    def can_apply(self) -> bool:
        return not self.errors and (self.count(NEW) + self.count(CHANGED)) > 0


def _codes(value: str, choices) -> tuple[list[str], list[str]]:
    by_label = {str(label).casefold(): code for code, label in choices.choices}
    codes, unknown = [], []
    for part in validation.split_values(value.replace(",", ";")):
        key = part.strip()
        code = key.lower() if key.lower() in choices.values else by_label.get(key.casefold())
        (codes if code else unknown).append(code or key)
    return codes, unknown


def _bool(value: str) -> bool | None | str:
    text = value.strip().casefold()
    if not text:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return "?"


class _RowErrors:
    def __init__(self, number: int, sink: list[str]):
        self.number, self.sink = number, sink

    def add(self, column: str, message: str) -> None:
        self.sink.append(
            _("row %(row)s, column %(col)s: %(msg)s") % {"row": self.number, "col": column, "msg": message}
        )


def plan_import(rows: list[tuple[int, dict[str, str]]]) -> ImportPlan:
    """Validate every row and compare it with the directory, writing nothing."""
    plan = ImportPlan()
    if rows:
        plan.ignored_columns = sorted(set(rows[0][1]) - KNOWN - EXPORT_ONLY)
    index = alias_index()
    states = {s.pk: s for s in State.objects.all()}
    existing = {
        (e.state_id, e.authority_type, e.name.casefold()): e
        for e in DirectoryEntry.objects.filter(revision_of__isnull=True)
        .exclude(status=EntryStatus.ARCHIVED)
        .prefetch_related("contacts")
    }
    seen: dict[tuple, int] = {}
    for number, row in rows:
        errors = _RowErrors(number, plan.errors)
        before = len(plan.errors)
        state_id = index.get(normalize(row.get("state", "")))
        if state_id is None:
            errors.add(
                "state",
                _("“%(value)s” is not a known State name or ISO alpha-3 code.") % {"value": row.get("state", "")},
            )
        types, unknown = _codes(row.get("authority_type", ""), AuthorityType)
        if unknown or len(types) != 1:
            errors.add(
                "authority_type",
                _("give one type code: %(codes)s.") % {"codes": ", ".join(AuthorityType.values)},
            )
        fields: dict[str, Any] = {c: row.get(c, "") for c in TEXT_COLUMNS}
        for column, check in (("telephones", validation.validate_phone), ("emails", validation.validate_email_address)):
            values = validation.split_values(row.get(column, ""))
            for value in values:
                try:
                    check(value)
                except ValidationError as exc:
                    errors.add(column, exc.messages[0])
            fields[column] = "\n".join(values)
        website = row.get("website", "")
        if website:
            try:
                validation.validate_url(website)
            except ValidationError as exc:
                errors.add("website", exc.messages[0])
        fields["website"] = website
        time_zone = row.get("time_zone", "")
        try:
            validation.validate_time_zone(time_zone)
        except ValidationError as exc:
            errors.add("time_zone", exc.messages[0])
        fields["time_zone"] = time_zone
        for column, choices in (("languages_accepted", Language), ("channels_accepted", Channel)):
            codes, unknown = _codes(row.get(column, ""), choices)
            if unknown:
                errors.add(
                    column,
                    _("unknown code(s) %(codes)s; known: %(known)s.")
                    % {"codes": ", ".join(unknown), "known": ", ".join(choices.values)},
                )
            fields[column] = join_codes(codes)
        for column in ("accepts_un_conventions", "urgent_by_email"):
            value = _bool(row.get(column, ""))
            if value == "?":
                errors.add(column, _("write yes, no or leave it empty."))
                value = None
            fields[column] = value
        fields["legislation"] = "\n".join(validation.split_values(row.get("legislation", "")))
        status = (row.get("status") or EntryStatus.PUBLISHED).lower()
        if status not in EntryStatus.values:
            errors.add("status", _("write draft, published or archived."))
        contacts = _contacts(row, errors)
        if len(plan.errors) > before:
            continue
        fields["authority_type"] = types[0]
        candidate = DirectoryEntry(state_id=state_id, status=status, **fields)
        try:
            candidate.full_clean(exclude=["state"], validate_unique=False)
        except ValidationError as exc:
            for column, messages in exc.message_dict.items():
                errors.add(column, " ".join(messages))
            continue
        key = (state_id, types[0], fields["name"].casefold())
        if key in seen:
            errors.add("name", _("the same authority as row %(row)s.") % {"row": seen[key]})
            continue
        seen[key] = number
        plan.rows.append(_compare(number, states[state_id], fields, contacts, status, existing.get(key)))
    return plan


def _contacts(row: dict[str, str], errors: _RowErrors) -> list[dict[str, str]]:
    columns = {
        c: [v.strip() for v in row.get(c, "").split(";")] if row.get(c, "").strip() else [] for c in CONTACT_COLUMNS
    }
    count = max((len(v) for v in columns.values()), default=0)
    contacts = []
    for i in range(count):
        person = {c.removeprefix("contact_"): (columns[c][i] if i < len(columns[c]) else "") for c in CONTACT_COLUMNS}
        if not person["name"]:
            errors.add("contact_name", _("person %(n)s has no name.") % {"n": i + 1})
            continue
        if person["email"]:
            try:
                validation.validate_email_address(person["email"])
            except ValidationError as exc:
                errors.add("contact_email", exc.messages[0])
        if person["telephone"]:
            try:
                validation.validate_phone(person["telephone"])
            except ValidationError as exc:
                errors.add("contact_telephone", exc.messages[0])
        codes, unknown = _codes(person["languages"].replace(" ", ";"), Language)
        if unknown:
            errors.add("contact_languages", _("unknown code(s) %(codes)s.") % {"codes": ", ".join(unknown)})
        person["languages"] = join_codes(codes)
        contacts.append(person)
    return contacts


def _compare(number, state, fields, contacts, status, current: DirectoryEntry | None) -> RowPlan:
    if current is None:
        return RowPlan(number, NEW, state, fields, contacts, status)
    changes = [
        str(DirectoryEntry._meta.get_field(name).verbose_name)
        for name, value in fields.items()
        if getattr(current, name) != value
    ]
    current_people = [{k: getattr(c, k) for k in services.CONTACT_FIELDS} for c in current.contacts.all()]
    if contacts and current_people != contacts:
        changes.append(_("contact persons"))
    outcome = CHANGED if changes else UNCHANGED
    return RowPlan(number, outcome, state, fields, contacts, status, existing=current, changes=changes)


@transaction.atomic
def apply_import(*, acting_user: Any, rows: list[tuple[int, dict[str, str]]], source: str) -> ImportPlan:
    """Write a whole file or nothing. Only UNODC imports (it publishes what it imports)."""
    if acting_user is not None and not policy.may(acting_user, PUBLISH, DirectoryEntry):
        raise PermissionDenied(_("Only UNODC staff import directory entries."))
    plan = plan_import(rows)
    if plan.errors:
        raise ImportRejected(plan.errors)
    for item in plan.rows:
        if item.outcome == NEW:
            services.create_entry(
                acting_user=acting_user,
                state=item.state,
                fields=item.fields,
                contacts=item.contacts,
                status=item.status,
            )
        elif item.outcome == CHANGED:
            services.update_entry(
                acting_user=acting_user,
                entry=item.existing,
                fields=item.fields,
                contacts=item.contacts or None,
            )
    audit.emit(DirectoryEvent.IMPORTED, acting_user=acting_user, source=source, **plan.counts)
    return plan
