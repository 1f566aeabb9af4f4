"""Importing authorities from a table: the directory's importer on the one import pipeline (``core.importing``).

Columns (header row; names as in the CSV export, in any case, spaces or underscores):
state (name or ISO alpha-3), authority_type, name are required; name_local, address,
telephones, emails, website, office_hours, time_zone, languages_accepted,
channels_accepted, accepts_un_conventions, urgent_by_email, requirements,
legislation, status, contact_name, contact_title, contact_email,
contact_telephone, contact_languages are optional. Several values in one cell are
separated by semicolons; the n-th value of each contact_* column describes the
n-th person. Rows are numbered as a spreadsheet shows them (the header is row 1).
Reading the file (CSV, XLSX, pasted text; limits, encoding, the export's formula
guard and demonstration notice) is the pipeline's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ctassist.core import audit, policy
from ctassist.core.importing import CHANGED, NEW, UNCHANGED, Importer, ImportRejected, Plan, PlannedRow, Problem, Table
from ctassist.core.services import EditConflict
from ctassist.directory import services, validation
from ctassist.directory.choices import AuthorityType, Channel, EntryStatus, Language
from ctassist.directory.events import DirectoryEvent
from ctassist.directory.models import CONTACT_FIELDS, DirectoryEntry, join_codes
from ctassist.directory.policies import PUBLISH
from ctassist.geo.models import State
from ctassist.geo.names import alias_index, normalize

REQUIRED = ("state", "authority_type", "name")
TEXT_COLUMNS = ("name", "name_local", "address", "office_hours", "requirements")
CONTACT_COLUMNS = tuple(f"contact_{name}" for name in CONTACT_FIELDS)
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


def column_key(header: str) -> str:
    """``Authority type`` (the export's heading) and ``authority_type`` both name the same column."""
    return header.strip().lower().replace(" ", "_")


@dataclass
class EntryRow:
    """What one valid row would write."""

    state: State
    fields: dict[str, Any]
    contacts: list[dict[str, str]]
    status: str
    existing: DirectoryEntry | None = None


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


class DirectoryImporter(Importer):
    """Authorities, one per row: a row naming an existing entry (State, type, name) updates it."""

    key = "directory"
    preview_headers = (gettext_lazy("State"), gettext_lazy("Type"))

    def check_permission(self, acting_user: Any) -> None:
        # Only UNODC imports: what it imports is published.
        if acting_user is not None and not policy.may(acting_user, PUBLISH, DirectoryEntry):
            raise PermissionDenied(_("Only UNODC staff import directory entries."))

    def plan(self, table: Table) -> Plan:
        """Validate every row and compare it with the directory, writing nothing."""
        plan = Plan()
        header = [column_key(h) for h in table.header]
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            plan.problem(_("The header row lacks the column(s): %(cols)s.") % {"cols": ", ".join(missing)})
            return plan
        plan.ignored_columns = sorted({h for h in header if h} - KNOWN - EXPORT_ONLY)
        index = alias_index()
        states = {s.pk: s for s in State.objects.all()}
        existing = {
            (e.state_id, e.authority_type, e.name.casefold()): e
            for e in DirectoryEntry.objects.filter(revision_of__isnull=True)
            .exclude(status=EntryStatus.ARCHIVED)
            .prefetch_related("contacts")
        }
        seen: dict[tuple, int] = {}
        for number, row in table.records(key=column_key):
            item = self._row(plan, number, row, index, states)
            if item is None:
                continue
            key = (item.state.pk, item.fields["authority_type"], item.fields["name"].casefold())
            if key in seen:
                plan.problem(_("the same authority as row %(row)s.") % {"row": seen[key]}, row=number, column="name")
                continue
            seen[key] = number
            plan.add(self._compare(number, item, existing.get(key)))
        return plan

    def _row(
        self, plan: Plan, number: int, row: dict[str, str], index: dict[str, int], states: dict[int, State]
    ) -> EntryRow | None:
        """The row's values, or ``None`` when it has problems (each added to the plan)."""
        before = len(plan.problems)

        def error(column: str, message: str) -> None:
            plan.problem(message, row=number, column=column)

        state_id = index.get(normalize(row.get("state", "")))
        if state_id is None:
            error(
                "state",
                _("“%(value)s” is not a known State name or ISO alpha-3 code.") % {"value": row.get("state", "")},
            )
        types, unknown = _codes(row.get("authority_type", ""), AuthorityType)
        if unknown or len(types) != 1:
            error("authority_type", _("give one type code: %(codes)s.") % {"codes": ", ".join(AuthorityType.values)})
        fields: dict[str, Any] = {c: row.get(c, "") for c in TEXT_COLUMNS}
        for column, check in (("telephones", validation.validate_phone), ("emails", validation.validate_email_address)):
            values = validation.split_values(row.get(column, ""))
            for value in values:
                try:
                    check(value)
                except ValidationError as exc:
                    error(column, exc.messages[0])
            fields[column] = "\n".join(values)
        for column, check in (("website", validation.validate_url), ("time_zone", validation.validate_time_zone)):
            value = row.get(column, "")
            try:
                if value:
                    check(value)
            except ValidationError as exc:
                error(column, exc.messages[0])
            fields[column] = value
        for column, choices in (("languages_accepted", Language), ("channels_accepted", Channel)):
            codes, unknown = _codes(row.get(column, ""), choices)
            if unknown:
                error(column, _("unknown code(s) %(codes)s; known: %(known)s.")
                      % {"codes": ", ".join(unknown), "known": ", ".join(choices.values)})  # fmt: skip
            fields[column] = join_codes(codes)
        for column in ("accepts_un_conventions", "urgent_by_email"):
            value = _bool(row.get(column, ""))
            if value == "?":
                error(column, _("write yes, no or leave it empty."))
                value = None
            fields[column] = value
        fields["legislation"] = "\n".join(validation.split_values(row.get("legislation", "")))
        status = (row.get("status") or EntryStatus.PUBLISHED).lower()
        if status not in EntryStatus.values:
            error("status", _("write draft, published or archived."))
        contacts = self._contacts(row, error)
        if len(plan.problems) > before:
            return None
        fields["authority_type"] = types[0]
        candidate = DirectoryEntry(state_id=state_id, status=status, **fields)
        try:
            candidate.full_clean(exclude=["state"], validate_unique=False)
        except ValidationError as exc:
            for column, messages in exc.message_dict.items():
                error(column, " ".join(messages))
            return None
        return EntryRow(state=states[state_id], fields=fields, contacts=contacts, status=status)

    @staticmethod
    def _contacts(row: dict[str, str], error) -> list[dict[str, str]]:
        columns = {
            c: [v.strip() for v in row.get(c, "").split(";")] if row.get(c, "").strip() else [] for c in CONTACT_COLUMNS
        }
        count = max((len(v) for v in columns.values()), default=0)
        contacts = []
        for i in range(count):
            person = {
                c.removeprefix("contact_"): (columns[c][i] if i < len(columns[c]) else "") for c in CONTACT_COLUMNS
            }
            if not person["name"]:
                error("contact_name", _("person %(n)s has no name.") % {"n": i + 1})
                continue
            for name, check in (("email", validation.validate_email_address), ("telephone", validation.validate_phone)):
                if person[name]:
                    try:
                        check(person[name])
                    except ValidationError as exc:
                        error(f"contact_{name}", exc.messages[0])
            codes, unknown = _codes(person["languages"].replace(" ", ";"), Language)
            if unknown:
                error("contact_languages", _("unknown code(s) %(codes)s.") % {"codes": ", ".join(unknown)})
            person["languages"] = join_codes(codes)
            contacts.append(person)
        return contacts

    @staticmethod
    def _compare(number: int, item: EntryRow, current: DirectoryEntry | None) -> PlannedRow:
        display = [item.state.name, AuthorityType(item.fields["authority_type"]).label]
        row = PlannedRow(number, NEW, label=item.fields["name"], data=item, display=display)
        if current is None:
            return row
        item.existing = current
        row.changes = [
            str(DirectoryEntry._meta.get_field(name).verbose_name)
            for name, value in item.fields.items()
            if getattr(current, name) != value
        ]
        current_people = [{k: getattr(c, k) for k in CONTACT_FIELDS} for c in current.contacts.all()]
        if item.contacts and current_people != item.contacts:
            row.changes.append(_("contact persons"))
        row.outcome = CHANGED if row.changes else UNCHANGED
        return row

    def apply(self, plan: Plan, *, acting_user: Any) -> None:
        for row in plan.rows_to_write():
            item: EntryRow = row.data
            try:
                if row.outcome == NEW:
                    services.create_entry(acting_user=acting_user, state=item.state, fields=item.fields,
                                          contacts=item.contacts, status=item.status)  # fmt: skip
                elif item.existing is not None:
                    # Planned again inside the import's transaction: the version read is the current one.
                    services.update_entry(acting_user=acting_user, entry=item.existing, fields=item.fields,
                                          contacts=item.contacts or None, expected_version=item.existing.version)  # fmt: skip
            except EditConflict:
                raise ImportRejected([Problem(_("the entry changed while the import was applied; preview the file "
                                                "again."), row=row.number)]) from None  # fmt: skip
        audit.emit(
            DirectoryEvent.IMPORTED, acting_user=acting_user, source=self.source(plan, acting_user), **plan.counts
        )

    @staticmethod
    def source(plan: Plan, acting_user: Any) -> str:
        """Where the imported data came from, for the event."""
        name = (plan.table.name if plan.table else "") or _("pasted table")
        values = {"name": name, "date": timezone.localdate().isoformat()}
        if acting_user is None:
            return _("%(name)s, imported %(date)s from the command line") % values
        return _("%(name)s, imported %(date)s by %(user)s") % {**values, "user": acting_user.get_username()}
