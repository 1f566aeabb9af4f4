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
    Plan,
    PlannedRow,
    Problem,
    Row,
    Table,
    check_text,
)
from ctassist.geo.models import State
from ctassist.geo.names import alias_index, normalize
from ctassist.treaties import services, untc
from ctassist.treaties.choices import CONSENT_KINDS, ActionKind
from ctassist.treaties.events import TreatyEvent
from ctassist.treaties.models import Instrument, Participation

_TABLE_KINDS = {ActionKind.SIGNATURE, ActionKind.DENUNCIATION, *CONSENT_KINDS}


def _describe(label: str, old: Any, new: Any) -> str:
    return f"{label}: {old or '—'} → {new or '—'}"


def _day(value: Any) -> str:
    return value.strftime("%d %b %Y").lstrip("0") if value else ""


class ParticipationImporter(Importer):
    """One instrument's participant table (``target``); ``source`` names where it comes from."""

    key = "participation"
    preview_headers = (gettext_lazy("State"), gettext_lazy("Signature"), gettext_lazy("Consent"))

    @property
    def instrument(self) -> Instrument:
        return self.target

    def check_permission(self, acting_user: Any) -> None:
        policy.enforce(acting_user, policy.CHANGE, self.instrument)

    # reading

    def read_text(self, text: str, *, limits: Limits, encoding: str = "", name: str = "") -> Table:
        """The table as a UNTC status page prints it (pasted, or a text or CSV file)."""
        check_text(text, limits)
        if not text.strip():
            raise ImportRejected([Problem(_("The file has no rows."))])
        try:
            header, body = untc.read_cells(text)
        except untc.TableError as exc:
            raise ImportRejected([Problem(str(exc))]) from None
        rows = [Row(number, cells) for number, cells in body if any(c.strip() for c in cells)]
        if len(rows) > limits.max_rows:
            raise ImportRejected(
                [Problem(_("The file has more than %(max)s rows; split it into smaller files.") % {"max": limits.max_rows})]
            )
        return Table(header=header, rows=rows, format="text", encoding=encoding, name=name)

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
        index = alias_index()
        states = {s.pk: s for s in State.objects.all()}
        existing = {p.state_id: p for p in Participation.objects.filter(instrument=instrument)}
        seen_states: dict[int, int] = {}
        for row in parsed.rows:
            state_id = index.get(normalize(row.code)) if row.code else None
            state_id = state_id or index.get(normalize(row.name))
            if state_id is None:
                plan.add(PlannedRow(row.line, SKIPPED, label=row.name, changes=[_("not a known State")],
                                    data=(row, None), display=["—", _day(row.signature), _consent(row)]))  # fmt: skip
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
            plan.add(self._compare(row, states[state_id], existing.get(state_id)))
        return plan

    def _compare(self, row: untc.Row, state: State, current: Participation | None) -> PlannedRow:
        item = PlannedRow(row.line, NEW, label=row.name, data=(row, state),
                          display=[state, _day(row.signature), _consent(row)])  # fmt: skip
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
        for item in plan.rows_to_write():
            row, state = item.data
            participation, before = services.participation_for(
                acting_user=acting_user, state=state, instrument=instrument, source=source
            )
            participation.is_demo = False
            participation.source = source
            for old in participation.actions.filter(kind__in=_TABLE_KINDS):
                services.remove_act(old, acting_user=acting_user, reason=source)
            for kind, day in (
                (ActionKind.SIGNATURE, row.signature),
                (row.consent_kind, row.consent),
                (ActionKind.DENUNCIATION, row.denunciation),
            ):
                if day:
                    services.record_act(participation, acting_user=acting_user, kind=kind, date=day, source=source)
            had_consent = bool(before and before.get("consent_date"))
            services.save_participation(participation, acting_user=acting_user, before=before)
            if row.consent and not had_consent:
                audit.emit(TreatyEvent.CONSENT_RECORDED, acting_user=acting_user, obj=participation,
                           kind=row.consent_kind, date=row.consent)  # fmt: skip
        audit.emit(TreatyEvent.PARTICIPATION_IMPORTED, acting_user=acting_user, obj=instrument, source=source,
                   **plan.counts)  # fmt: skip


def _consent(row: untc.Row) -> str:
    return f"{_day(row.consent)} {row.consent_kind}".strip()
