"""Importing a depositary's participant table: preview first, then apply atomically."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ctassist.core import audit, policy
from ctassist.geo.models import State
from ctassist.geo.names import alias_index, normalize
from ctassist.treaties import untc
from ctassist.treaties.choices import CONSENT_KINDS, ActionKind
from ctassist.treaties.events import TreatyEvent
from ctassist.treaties.models import Instrument, Participation, ParticipationAction
from ctassist.treaties.services import save_participation

NEW, CHANGED, UNCHANGED, UNRESOLVED = "new", "changed", "unchanged", "unresolved"
_TABLE_KINDS = {ActionKind.SIGNATURE, ActionKind.DENUNCIATION, *CONSENT_KINDS}


class ImportRejected(ValueError):
    """The table has errors; nothing was written."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass
class RowPlan:
    row: untc.Row
    outcome: str
    state: State | None = None
    changes: list[str] = field(default_factory=list)


@dataclass
class ImportPlan:
    instrument: Instrument
    rows: list[RowPlan] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.rows if r.outcome == outcome)

    @property
    def counts(self) -> dict[str, int]:
        return {o: self.count(o) for o in (NEW, CHANGED, UNCHANGED, UNRESOLVED)}

    @property
    def can_apply(self) -> bool:
        return not self.errors and (self.count(NEW) + self.count(CHANGED)) > 0


def _describe(label: str, old: Any, new: Any) -> str:
    return f"{label}: {old or '—'} → {new or '—'}"


def plan_import(instrument: Instrument, text: str) -> ImportPlan:
    """Read the table and compare it with what is recorded, writing nothing."""
    plan = ImportPlan(instrument=instrument)
    try:
        table = untc.parse_table(text)
    except untc.TableError as exc:
        plan.errors.append(str(exc))
        return plan
    plan.errors.extend(str(e) for e in table.errors)
    plan.ignored_columns = table.ignored_columns
    index = alias_index()
    states = {s.pk: s for s in State.objects.all()}
    existing = {p.state_id: p for p in Participation.objects.filter(instrument=instrument)}
    seen_states: dict[int, int] = {}
    for row in table.rows:
        state_id = index.get(normalize(row.code)) if row.code else None
        state_id = state_id or index.get(normalize(row.name))
        if state_id is None:
            plan.rows.append(RowPlan(row=row, outcome=UNRESOLVED))
            continue
        if state_id in seen_states:
            plan.errors.append(
                _("line %(line)s: “%(name)s” is the same State as line %(first)s")
                % {"line": row.line, "name": row.name, "first": seen_states[state_id]}
            )
            continue
        seen_states[state_id] = row.line
        for label, day in (("signature", row.signature), ("consent", row.consent)):
            if day and day < instrument.concluded_date:
                plan.errors.append(
                    _("line %(line)s: %(what)s date %(date)s is before %(instrument)s was adopted")
                    % {"line": row.line, "what": label, "date": day.isoformat(), "instrument": instrument}
                )
        current = existing.get(state_id)
        plan.rows.append(_compare(row, states[state_id], current))
    return plan


def _compare(row: untc.Row, state: State, current: Participation | None) -> RowPlan:
    if current is None:
        return RowPlan(row=row, outcome=NEW, state=state)
    changes = []
    if current.signature_date != row.signature:
        changes.append(_describe(_("signature"), current.signature_date, row.signature))
    if current.consent_date != row.consent:
        changes.append(_describe(_("consent"), current.consent_date, row.consent))
    if row.consent and current.consent_kind != row.consent_kind:
        changes.append(_describe(_("act"), current.consent_kind, row.consent_kind))
    if row.denunciation and current.denunciation_date != row.denunciation:
        changes.append(_describe(_("denunciation"), current.denunciation_date, row.denunciation))
    if current.is_demo:
        changes.append(_("replaces demonstration data"))
    return RowPlan(row=row, outcome=CHANGED if changes else UNCHANGED, state=state, changes=changes)


@transaction.atomic
def apply_import(*, acting_user: Any, instrument: Instrument, text: str, source: str) -> ImportPlan:
    """Apply a table in full or not at all. Unresolved names are skipped and reported."""
    policy.enforce(acting_user, policy.CHANGE, instrument)
    plan = plan_import(instrument, text)
    if plan.errors:
        raise ImportRejected(plan.errors)
    for item in plan.rows:
        if item.outcome not in {NEW, CHANGED}:
            continue
        participation = Participation.objects.filter(state=item.state, instrument=instrument).first()
        before = audit.snapshot(participation) if participation else None
        if participation is None:
            participation = Participation(state=item.state, instrument=instrument)
        participation.is_demo = False
        participation.source = source
        participation.save()
        for old in participation.actions.filter(kind__in=_TABLE_KINDS):
            audit.log_change(acting_user=acting_user, obj=old, action="delete", before=audit.snapshot(old))
            old.delete()
        row = item.row
        for kind, day in (
            (ActionKind.SIGNATURE, row.signature),
            (row.consent_kind, row.consent),
            (ActionKind.DENUNCIATION, row.denunciation),
        ):
            if day:
                action = ParticipationAction(participation=participation, kind=kind, date=day, source=source)
                audit.save_with_log(action, acting_user=acting_user)
        had_consent = bool(before and before.get("consent_date"))
        save_participation(participation, acting_user=acting_user, before=before)
        if row.consent and not had_consent:
            audit.emit(
                TreatyEvent.CONSENT_RECORDED,
                acting_user=acting_user,
                obj=participation,
                kind=row.consent_kind,
                date=row.consent,
            )
    audit.emit(
        TreatyEvent.PARTICIPATION_IMPORTED, acting_user=acting_user, obj=instrument, source=source, **plan.counts
    )
    return plan
