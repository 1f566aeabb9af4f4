"""Importing a depositary's participant table: the treaties' importer on the one import pipeline.

The pipeline (``core.importing``) reads the file (size limits, encoding, XLSX), validates
every row, plans, previews and applies atomically. What is the treaties' own:

- the text shape of a UN Treaty Collection status page (:meth:`ParticipationImporter.read_text`):
  the header line found under any preamble, cells separated by tabs, commas or aligned under
  the header (see ``untc``);
- the rows: participant names or ISO codes resolved to States (a name no State answers to is
  skipped and reported), dates read with the letter after them, each problem naming its row
  and column;
- applying a row: the State's signature, consent and denunciation replaced by the table's,
  every act removed or written logged, the standing derived again.
"""

from __future__ import annotations

import csv
import datetime
import json
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ctassist.core import audit, policy
from ctassist.core.importing import (
    CHANGED,
    NEW,
    SKIPPED,
    UNCHANGED,
    Importer,
    ImportRejected,
    Limits,
    MappingField,
    Plan,
    PlannedRow,
    Problem,
    Row,
    Table,
    check_cells,
    check_text,
    csv_rejection,
    markup_kind,
    set_csv_limit,
)
from ctassist.core.text import strip_controls
from ctassist.geo.models import State
from ctassist.geo.names import alias_index, normalize
from ctassist.treaties import services, untc
from ctassist.treaties.choices import CONSENT_KINDS, ActionKind
from ctassist.treaties.events import TreatyEvent
from ctassist.treaties.models import Depositary, Instrument, Participation

_TABLE_KINDS = {ActionKind.SIGNATURE, ActionKind.DENUNCIATION, *CONSENT_KINDS}
_STATEMENT_KINDS = {"reservation": ActionKind.RESERVATION, "declaration": ActionKind.DECLARATION,
                    "objection": ActionKind.OBJECTION}  # fmt: skip
_SECTION_LABELS = {
    "declarations": gettext_lazy("Declarations and reservations"),
    "objections": gettext_lazy("Objections"),
    "territorial": gettext_lazy("Territorial application"),
}
_KIND_LABELS = {
    "reservation": gettext_lazy("Reservation"),
    "declaration": gettext_lazy("Declaration"),
    "objection": gettext_lazy("Objection"),
}


def _describe(label: str, old: Any, new: Any) -> str:
    return f"{label}: {old or '—'} → {new or '—'}"


def _day(value: Any) -> str:
    return value.strftime("%d %b %Y").lstrip("0") if value else ""


class ParticipationImporter(Importer):
    """One instrument's participant table (``target``); ``source`` names where it comes from."""

    key = "participation"
    preview_headers = (gettext_lazy("State"), gettext_lazy("Signature"), gettext_lazy("Consent"),
                       gettext_lazy("Reservations, declarations, objections"))  # fmt: skip

    mapping_fields = (
        MappingField("state", gettext_lazy("State"), "Participant",
                     ("participant", "contracting state", "state", "country", "party", "name"), required=True),
        MappingField("signature", gettext_lazy("Date of signature"), "Signature",
                     ("date of signature", "signature", "signed")),
        MappingField("consent", gettext_lazy("Date of deposit (ratification, acceptance, approval, accession)"),
                     "Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)",
                     ("date of deposit", "deposit", "ratification", "accession", "consent")),
        MappingField("kind", gettext_lazy("Type of instrument"), "Kind",
                     ("type of instrument", "instrument type", "nature of instrument", "type", "kind")),
        MappingField("in_force", gettext_lazy("Entry into force for the State"), "Entry into force",
                     ("entry into force", "effective date", "in force", "effective")),
        MappingField("denunciation", gettext_lazy("Denunciation"), "Denunciation", ("denunciation", "withdrawal")),
        MappingField("notes", gettext_lazy("Notes"), "Notes", ("notes", "remarks", "observations", "note")),
    )  # fmt: skip

    @property
    def instrument(self) -> Instrument:
        return self.target

    def needs_mapping(self, table: Table) -> bool:
        """A UNTC table is read by its headers; any other list (a column no header names) is mapped first."""
        roles = [untc.column_role(h) for h in table.header if h.strip()]
        return "name" not in roles or not ({"signature", "consent"} & set(roles)) or "" in roles

    def mapped(self, table: Table, mapping: dict[str, int | None]) -> Table:
        """The list under the UNTC headers, its dates written as the reader reads them."""
        result = super().mapped(table, mapping)
        dated = [i for i, h in enumerate(result.header) if untc.column_role(h) in {"signature", "consent", "in_force",
                                                                                 "denunciation"}]  # fmt: skip
        for row in result.rows:
            for i in dated:
                if i < len(row.cells):
                    row.cells[i] = untc.normalise_date(row.cells[i])
        return result

    def check_permission(self, acting_user: Any) -> None:
        policy.enforce(acting_user, policy.CHANGE, self.instrument)

    # reading

    def read_text(self, text: str, *, limits: Limits, encoding: str = "", name: str = "") -> Table:
        """A UNTC status page in any of its shapes (pasted, or a text, CSV, HTML or XML file).

        The facts of the header block and the notes below the table travel with the table
        (``meta``), so the preview and the apply read the same thing.
        """
        check_text(text, limits)
        if not text.strip():
            raise ImportRejected([Problem(_("The file has no rows."))])
        set_csv_limit(limits)
        try:
            page = untc.read_status(text)
        except untc.TableError as exc:
            raise ImportRejected([Problem(str(exc))]) from None
        except csv.Error as exc:  # a field over the cell limit, a broken quote
            raise csv_rejection(exc, limits) from None
        body = [(number, [strip_controls(c) for c in cells]) for number, cells in page.body]
        check_cells(body, limits)
        rows = [Row(number, cells) for number, cells in body if any(c.strip() for c in cells)]
        if len(rows) > limits.max_rows:
            raise ImportRejected(
                [Problem(_("The file has more than %(max)s rows; split it into smaller files.") % {"max": limits.max_rows})]
            )
        roles = [untc.column_role(h) for h in page.header]
        names = [untc.split_name(r.cells[roles.index("name")])[0] for r in rows if "name" in roles and r.cells]
        notes = untc.read_notes(page.sections, names, normalize)
        shape = markup_kind(text) or page.shape
        meta = dict(page.facts.items())
        meta["sections"] = ",".join(sorted(page.sections))
        meta["notes"] = json.dumps(notes.to_dict(), ensure_ascii=False)
        return Table(header=page.header, rows=rows, format=shape, encoding=encoding, name=name, meta=meta)

    # planning

    def plan(self, table: Table) -> Plan:
        """Read the rows and compare them with what is recorded, writing nothing."""
        plan = Plan()
        instrument = self.instrument
        try:
            parsed = untc.parse_records(table.header, [(r.number, r.cells) for r in table.rows])
        except untc.TableError as exc:
            plan.problem(str(exc))
            return plan
        for error in parsed.errors:
            plan.problem(error.message, row=error.line, column=error.column)
        plan.ignored_columns = parsed.ignored_columns
        notes = read_table_notes(table)
        replaced_sections = {s for s in table.meta.get("sections", "").split(",") if s in {"declarations", "objections"}}
        index = alias_index()
        states = {s.pk: s for s in State.objects.all()}
        existing = {p.state_id: p for p in Participation.objects.filter(instrument=instrument).prefetch_related("actions")}
        seen_states: dict[int, int] = {}
        for row in parsed.rows:
            state_id = index.get(normalize(row.code)) if row.code else None
            state_id = state_id or index.get(normalize(row.name))
            if state_id is None:
                plan.add(PlannedRow(row.line, SKIPPED, label=row.name, changes=[_("not a known State")],
                                    data=RowData(row, None), display=["—", _day(row.signature), _consent(row), ""]))  # fmt: skip
                continue
            if state_id in seen_states:
                plan.problem(_("“%(name)s” is the same State as row %(first)s") % {"name": row.name,
                             "first": seen_states[state_id]}, row=row.line)  # fmt: skip
                continue
            seen_states[state_id] = row.line
            for label, day in ((_("signature"), row.signature), (_("consent"), row.consent)):
                if day and day < instrument.concluded_date:
                    plan.problem(_("%(what)s date %(date)s is before %(instrument)s was adopted")
                                 % {"what": label, "date": day.isoformat(), "instrument": instrument},
                                 row=row.line)  # fmt: skip
            data = RowData(row, states[state_id], *participation_notes(row, notes, replaced_sections))
            plan.add(self._compare(data, existing.get(state_id)))
        plan.warnings += completeness_warnings(table, parsed.rows)
        generated = sum(1 for p in existing.values() if p.is_demo)
        if generated:
            plan.warnings.append(
                _("The %(count)s generated (demonstration) participations of %(instrument)s will be removed: "
                  "once a depositary's table is applied, the instrument shows that table only.")
                % {"count": generated, "instrument": instrument}
            )  # fmt: skip
        return plan

    def _compare(self, data: RowData, current: Participation | None) -> PlannedRow:
        row = data.row
        item = PlannedRow(row.line, NEW, label=row.name, data=data,
                          display=[data.state, _day(row.signature), _consent(row), len(data.statements) or ""])  # fmt: skip
        if current is None:
            return item
        if current.signature_date != row.signature:
            item.changes.append(_describe(_("signature"), current.signature_date, row.signature))
        if current.consent_date != row.consent:
            item.changes.append(_describe(_("consent"), current.consent_date, row.consent))
        if row.consent and current.consent_kind != row.consent_kind:
            item.changes.append(_describe(_("act"), current.consent_kind, row.consent_kind))
        if row.denunciation and current.denunciation_date != row.denunciation:
            item.changes.append(_describe(_("denunciation"), current.denunciation_date, row.denunciation))
        if data.notes != current.notes and (data.notes or data.replaces):
            item.changes.append(_("depositary's notes"))
        if data.replaces:
            recorded = sorted((a.kind, a.text) for a in current.actions.all() if a.kind in data.replaces)
            if recorded != sorted((ActionKind(k), t) for k, t, _d in data.statements):
                item.changes.append(_("reservations, declarations or objections"))
        if current.is_demo:
            item.changes.append(_("replaces demonstration data"))
        item.outcome = CHANGED if item.changes else UNCHANGED
        return item

    # applying

    def source(self, plan: Plan, acting_user: Any) -> str:
        if self.options.get("source"):
            return str(self.options["source"])
        name = (plan.table.name if plan.table else "") or "pasted table"
        return _("%(name)s, imported %(date)s by %(user)s") % {
            "name": name,
            "date": timezone.localdate().isoformat(),
            "user": acting_user.get_username() if acting_user is not None else "system",
        }

    def apply(self, plan: Plan, *, acting_user: Any) -> None:
        instrument, source = self.instrument, self.source(plan, acting_user)
        services.discard_generated(instrument, acting_user=acting_user, reason=source)
        for item in plan.rows_to_write():
            data: RowData = item.data
            row, state = data.row, data.state
            participation, before = services.participation_for(
                acting_user=acting_user, state=state, instrument=instrument, source=source
            )
            participation.is_demo = False
            participation.source = source
            participation.notes = data.notes
            for old in participation.actions.filter(kind__in=_TABLE_KINDS | data.replaces):
                services.remove_act(old, acting_user=acting_user, reason=source)
            for kind, day in (
                (ActionKind.SIGNATURE, row.signature),
                (row.consent_kind, row.consent),
                (ActionKind.DENUNCIATION, row.denunciation),
            ):
                if day:
                    services.record_act(participation, acting_user=acting_user, kind=kind, date=day, source=source)
            for kind, text, day in data.statements:
                services.record_act(participation, acting_user=acting_user, kind=kind, date=day, text=text, source=source)
            had_consent = bool(before and before.get("consent_date"))
            services.save_participation(participation, acting_user=acting_user, before=before)
            if row.consent and not had_consent:
                audit.emit(TreatyEvent.CONSENT_RECORDED, acting_user=acting_user, obj=participation,
                           kind=row.consent_kind, date=row.consent)  # fmt: skip
        meta = plan.table.meta if plan.table else {}
        parsed_rows = [item.data.row for item in plan.rows]
        services.record_status_import(
            instrument, acting_user=acting_user,
            depositary=self.options.get("depositary") or depositary_of(instrument, meta),
            as_at=_iso(meta.get("as_at", "")),
            imported_by=acting_user.get_username() if acting_user is not None else "",
            file_name=((plan.table.name if plan.table else "") or "")[:255],
            entry_into_force=meta.get("entry_into_force", "")[:400],
            registration=meta.get("registration", "")[:400],
            declared_signatories=_int(meta.get("signatories", "")),
            declared_parties=_int(meta.get("parties", "")),
            rows_read=len(parsed_rows),
            parties_read=_parties(parsed_rows),
            signatories_read=_signatories(parsed_rows),
        )  # fmt: skip
        audit.emit(TreatyEvent.PARTICIPATION_IMPORTED, acting_user=acting_user, obj=instrument, source=source,
                   **plan.counts)  # fmt: skip


class RowData:
    """What one planned row carries to the apply step: the row read, its State, its notes and statements."""

    def __init__(self, row: untc.Row, state: State | None, notes: str = "",
                 statements: list[tuple[str, str, datetime.date | None]] | None = None,
                 replaces: set[str] | None = None) -> None:  # fmt: skip
        self.row, self.state, self.notes = row, state, notes
        self.statements = statements or []
        self.replaces = replaces or set()

    def __getitem__(self, index: int) -> Any:  # (row, state), as the plan's rows were before notes
        return (self.row, self.state)[index]


def read_table_notes(table: Table) -> untc.Notes:
    try:
        return untc.Notes.from_dict(json.loads(table.meta.get("notes") or "{}"))
    except (ValueError, TypeError, AttributeError):
        return untc.Notes()


def participation_notes(
    row: untc.Row, notes: untc.Notes, sections: set[str]
) -> tuple[str, list[tuple[str, str, datetime.date | None]], set[str]]:
    """The text kept on a State's participation, the acts its notes name, and the kinds they replace.

    The participation keeps every note printed for the State (the numbered end notes its name
    and dates point to, territorial application, declarations, objections); a text labelled
    as a reservation or declaration, and every objection, is also an act. The depositary prints
    that declarations and reservations were made upon ratification, accession or succession
    unless it says otherwise, so they take the consent date (the signature date when made upon signature).
    """
    lines: list[str] = []
    statements: list[tuple[str, str, datetime.date | None]] = []
    if row.in_force:
        lines.append(_("Entry into force for the State: %(date)s") % {"date": row.in_force.isoformat()})
    if row.remarks:
        lines.append(_("Depositary's remarks: %(text)s") % {"text": row.remarks})
    for number in row.footnotes:
        if notes.endnotes.get(number):
            lines.append(_("Note %(number)s: %(text)s") % {"number": number, "text": notes.endnotes[number]})
    key = normalize(row.name)
    printed = next((items for name, items in notes.by_name.items() if normalize(name) == key), [])
    for statement in printed:
        label = str(_KIND_LABELS.get(statement.kind) or _SECTION_LABELS.get(statement.section) or "")
        lines.append(f"{label}: {statement.text}")
        if statement.kind in _STATEMENT_KINDS:
            day = row.signature if statement.upon_signature else (row.consent or row.signature)
            if statement.kind == "objection":
                day = None
            statements.append((_STATEMENT_KINDS[statement.kind], statement.text, day))
    replaces = {ActionKind.OBJECTION if s == "objections" else None for s in sections}
    if "declarations" in sections:
        replaces |= {ActionKind.RESERVATION, ActionKind.DECLARATION}
    return "\n".join(lines), statements, {k for k in replaces if k}


def completeness_warnings(table: Table, rows: list[untc.Row]) -> list[str]:
    """Warn, naming both numbers, where the table holds fewer or more than the depositary declares."""
    warnings = []
    as_at = table.meta.get("as_at", "")
    for key, read, message in (
        ("parties", _parties(rows),
         gettext_lazy("The depositary declares %(declared)s parties; the table has %(read)s. "
                      "Check that the whole table was copied before applying it.")),
        ("signatories", _signatories(rows),
         gettext_lazy("The depositary declares %(declared)s signatories; the table has %(read)s signatures. "
                      "Check that the whole table was copied before applying it.")),
    ):  # fmt: skip
        declared = _int(table.meta.get(key, ""))
        if declared is not None and declared != read:
            warnings.append(str(message) % {"declared": declared, "read": read})
    if not as_at:
        warnings.append(_("The table does not say when its status was taken (“STATUS AS AT”)."))
    return warnings


def depositary_of(instrument: Instrument, meta: dict[str, str]) -> str:
    """Where a table comes from: the UN Treaty Collection for its own layout; a mapped list from the
    instrument's depositary as the reference data name it."""
    if not meta.get("mapping"):
        return Depositary.UNTC
    named = instrument.depositary.upper()
    for depositary in (Depositary.ICAO, Depositary.IMO, Depositary.IAEA):
        if depositary.value.upper() in named:
            return depositary
    return Depositary.UNTC if "SECRETARY-GENERAL" in named else Depositary.OTHER


def _parties(rows: list[untc.Row]) -> int:
    return sum(1 for r in rows if r.consent and not r.denunciation)


def _signatories(rows: list[untc.Row]) -> int:
    return sum(1 for r in rows if r.signature)


def _int(value: str) -> int | None:
    return int(value) if value and value.isdigit() else None


def _iso(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _consent(row: untc.Row) -> str:
    return f"{_day(row.consent)} {row.consent_kind}".strip()
