"""Every change to instruments and participation.

Every write goes through ``core.services`` (validated, logged with before and after,
checked against the policy after the write); every act recorded is a domain event, and
every act removed (when an import replaces a State's table acts) is logged and an event.
"""

from __future__ import annotations

import csv
import datetime
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ctassist.core import audit, policy
from ctassist.core import services as core
from ctassist.treaties import sources
from ctassist.treaties.choices import CONSENT_KINDS, ActionKind, InstrumentKind, Status
from ctassist.treaties.events import TreatyEvent
from ctassist.treaties.models import Instrument, Participation, ParticipationAction, StatusImport

DATA_DIR = Path(__file__).resolve().parent / "data"
_STATEMENTS = {
    ActionKind.RESERVATION,
    ActionKind.DECLARATION,
    ActionKind.OBJECTION,
    ActionKind.WITHDRAWAL_OF_RESERVATION,
}


def _date(value: str) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


@transaction.atomic
def load_instruments(*, acting_user: Any = None) -> dict[str, int]:
    """Create or update the 19 universal instruments and UNTOC with its Protocols."""
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    rows: list[tuple[dict[str, str], str]] = []
    for name, table_kind in (
        ("universal_instruments.csv", InstrumentKind.UNIVERSAL),
        ("related_instruments.csv", InstrumentKind.RELATED),
    ):
        with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
            rows += [(row, table_kind) for row in csv.DictReader(handle)]
    existing = {i.code: i for i in Instrument.objects.all()}
    amends: dict[str, str] = {}
    for position, (row, kind) in enumerate(rows, start=1):
        cited = sources.sources_for(row["code"])
        if row.get("parties_reported") and "parties" not in cited:
            raise ValueError(f"{row['code']}: a parties count without the depositary's statement behind it")
        fields = {
            "kind": kind,
            "family": row.get("family") or "organized-crime",
            "short_name": row["short_name"],
            "official_title": row["official_title"],
            "concluded_date": _date(row["concluded_date"]),
            "place": row["place"],
            "adopted_under": row.get("adopted_under", ""),
            "adopting_resolution": row.get("adopting_resolution", ""),
            "entry_into_force": _date(row["entry_into_force"]),
            "depositary": row["depositary"],
            "untc_ref": row["untc_ref"],
            "parties_reported": row.get("parties_reported", ""),
            "parties_as_of": row.get("parties_as_of", ""),
            # Each fact's source is the depositary or the text (``treaties.sources``); the model keeps
            # the dates' and the count's source (where to check it, while the count is unverified).
            "parties_source": sources.as_text(cited.get("parties") or cited.get("status")),
            "dates_source": sources.as_text(cited.get("entry_into_force")),
            "notes": "",
            "position": position,
        }
        amends[row["code"]] = row.get("amends_or_supplements") or row.get("supplements") or ""
        instrument = existing.get(row["code"])
        if instrument is None:
            instrument = Instrument(code=row["code"], **fields)
            core.save(instrument, acting_user=acting_user)
            existing[row["code"]] = instrument
            counts["created"] += 1
            continue
        before = audit.snapshot(instrument)
        for name, value in fields.items():
            setattr(instrument, name, value)
        changed = core.save(instrument, acting_user=acting_user, before=before)
        counts["updated" if changed else "unchanged"] += 1
    for code, parent_code in amends.items():
        instrument = existing[code]
        parent = existing[parent_code] if parent_code else None
        if instrument.amends_id != (parent.pk if parent else None):
            before = audit.snapshot(instrument)
            instrument.amends = parent
            core.save(instrument, acting_user=acting_user, before=before)
    return counts


def recompute(participation: Participation) -> None:
    """Derive the standing (status, dates) from the recorded actions."""
    actions = list(participation.actions.all())
    signatures = [a.date for a in actions if a.kind == ActionKind.SIGNATURE and a.date]
    consents = sorted((a for a in actions if a.kind in CONSENT_KINDS and a.date), key=lambda a: a.date or datetime.date.min)
    denunciations = sorted((a for a in actions if a.kind == ActionKind.DENUNCIATION and a.date), key=lambda a: a.date or datetime.date.min)
    participation.signature_date = min(signatures) if signatures else None
    participation.consent_kind = consents[0].kind if consents else ""
    participation.consent_date = consents[0].date if consents else None
    last = denunciations[-1] if denunciations else None
    participation.denunciation_date = last.date if last else None
    participation.denunciation_effective_date = (last.effective_date or last.date) if last else None
    today = timezone.localdate()
    if participation.consent_date and participation.is_party_on(today):
        participation.status = Status.PARTY
    elif participation.denunciation_effective_date and participation.denunciation_effective_date <= today:
        participation.status = Status.DENOUNCED
    elif participation.consent_date:
        participation.status = Status.PARTY  # denunciation made but not yet in effect
    elif participation.signature_date:
        participation.status = Status.SIGNATORY
    else:
        participation.status = Status.NONE


def _event_for(kind: str) -> TreatyEvent:
    if kind == ActionKind.SIGNATURE:
        return TreatyEvent.SIGNATURE_RECORDED
    if kind in CONSENT_KINDS:
        return TreatyEvent.CONSENT_RECORDED
    if kind == ActionKind.DENUNCIATION:
        return TreatyEvent.DENUNCIATION_RECORDED
    return TreatyEvent.STATEMENT_RECORDED


def participation_for(
    *, acting_user: Any, state, instrument: Instrument, source: str = "", is_demo: bool = False
) -> tuple[Participation, dict | None]:
    """The participation of ``state`` in ``instrument`` and its snapshot, created (and logged) if there is none.

    The snapshot is ``None`` for a participation created here, so that :func:`save_participation`
    can tell the caller's change from what stood before.
    """
    participation = Participation.objects.filter(state=state, instrument=instrument).first()
    if participation is not None:
        return participation, audit.snapshot(participation)
    participation = Participation(state=state, instrument=instrument, source=source, is_demo=is_demo)
    core.save(participation, acting_user=acting_user, action=policy.CHANGE)
    return participation, None


def save_participation(participation: Participation, *, acting_user: Any, before: dict | None) -> str:
    """Save a participation whose actions changed: its standing derived again, logged, checked."""
    recompute(participation)
    return core.save(participation, acting_user=acting_user, before=before, action=policy.CHANGE)


def record_act(participation: Participation, *, acting_user: Any, kind: str, date: datetime.date | None,
               effective_date: datetime.date | None = None, text: str = "", source: str = "") -> ParticipationAction:
    """Write one act of a participation (the caller saves the participation after its acts)."""
    action = ParticipationAction(
        participation=participation, kind=kind, date=date, effective_date=effective_date, text=text, source=source
    )
    core.save(action, acting_user=acting_user, action=policy.CHANGE)
    return action


def remove_act(action: ParticipationAction, *, acting_user: Any, reason: str) -> None:
    """Remove one act (replaced by an import); checked on the participation being changed."""
    policy.enforce(acting_user, policy.CHANGE, action.participation)
    core.delete(action, acting_user=acting_user, event=TreatyEvent.ACTION_REMOVED, check=False,
                details={"participation": action.participation_id, "kind": action.kind, "date": action.date,
                         "reason": reason})  # fmt: skip


@transaction.atomic
def record_action(
    *,
    acting_user: Any,
    state,
    instrument: Instrument,
    kind: str,
    date: datetime.date | None,
    effective_date: datetime.date | None = None,
    text: str = "",
    source: str = "",
    is_demo: bool = False,
) -> ParticipationAction:
    """Record one act of a State towards an instrument and update its standing."""
    participation = Participation.objects.filter(state=state, instrument=instrument).first()
    if kind in CONSENT_KINDS and participation and participation.actions.filter(kind__in=CONSENT_KINDS).exists():
        raise ValidationError({"kind": _("Consent to be bound is already recorded; correct it instead.")})
    if date and date < instrument.concluded_date and kind not in _STATEMENTS:
        raise ValidationError(
            {
                "date": _("%(instrument)s was adopted on %(date)s.")
                % {"instrument": instrument, "date": instrument.concluded_date.isoformat()}
            }
        )
    participation, before = participation_for(
        acting_user=acting_user, state=state, instrument=instrument, source=source, is_demo=is_demo
    )
    participation.is_demo = is_demo
    participation.source = source or participation.source
    action = record_act(participation, acting_user=acting_user, kind=kind, date=date, effective_date=effective_date,
                        text=text, source=source)  # fmt: skip
    save_participation(participation, acting_user=acting_user, before=before)
    # The act is the event, whether or not it changed the State's standing (a reservation does not).
    audit.emit(_event_for(kind), acting_user=acting_user, obj=participation, kind=kind, date=date)
    return action


def discard_generated(instrument: Instrument, *, acting_user: Any, reason: str) -> int:
    """Remove every generated participation (and its acts) of ``instrument``: a real table replaces them.

    Called inside the import's transaction, so real and generated status never mix. Generated
    rows were written in bulk without a log entry each; their removal is one event likewise.
    """
    policy.enforce(acting_user, policy.CHANGE, instrument)
    generated = Participation.objects.filter(instrument=instrument, is_demo=True)
    count = generated.count()
    if count:
        ParticipationAction.objects.filter(participation__in=generated).delete()
        generated.delete()
        audit.emit(TreatyEvent.ACTION_REMOVED, acting_user=acting_user, obj=instrument, generated=count, reason=reason)
    return count


def record_status_import(instrument: Instrument, *, acting_user: Any, **fields: Any) -> StatusImport:
    """Keep where the status of ``instrument`` now comes from (the depositary, its "as at" date, counts)."""
    record = StatusImport(instrument=instrument, **fields)
    core.save(record, acting_user=acting_user, action=policy.CHANGE)
    return record
