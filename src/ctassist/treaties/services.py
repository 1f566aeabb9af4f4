"""Every change to instruments and participation."""

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
from ctassist.treaties.choices import CONSENT_KINDS, ActionKind, InstrumentKind, Status
from ctassist.treaties.events import TreatyEvent
from ctassist.treaties.models import Instrument, Participation, ParticipationAction

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
    for name, kind in (
        ("universal_instruments.csv", InstrumentKind.UNIVERSAL),
        ("related_instruments.csv", InstrumentKind.RELATED),
    ):
        with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
            rows += [(row, kind) for row in csv.DictReader(handle)]
    existing = {i.code: i for i in Instrument.objects.all()}
    amends: dict[str, str] = {}
    for position, (row, kind) in enumerate(rows, start=1):
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
            "parties_source": row.get("parties_source", ""),
            "dates_source": row.get("dates_source", "")
            or "UN Treaty Collection, chapter XVIII (see treaties/data/SOURCES.md)",
            "notes": row.get("notes", ""),
            "position": position,
        }
        amends[row["code"]] = row.get("amends_or_supplements") or row.get("supplements") or ""
        instrument = existing.get(row["code"])
        if instrument is None:
            instrument = Instrument(code=row["code"], **fields)
            audit.save_with_log(instrument, acting_user=acting_user)
            existing[row["code"]] = instrument
            counts["created"] += 1
            continue
        before = audit.snapshot(instrument)
        for name, value in fields.items():
            setattr(instrument, name, value)
        changed = audit.save_with_log(instrument, acting_user=acting_user, before=before)
        counts["updated" if changed else "unchanged"] += 1
    for code, parent_code in amends.items():
        instrument = existing[code]
        parent = existing[parent_code] if parent_code else None
        if instrument.amends_id != (parent.pk if parent else None):
            before = audit.snapshot(instrument)
            instrument.amends = parent
            audit.save_with_log(instrument, acting_user=acting_user, before=before)
    return counts


def recompute(participation: Participation) -> None:
    """Derive the standing (status, dates) from the recorded actions."""
    actions = list(participation.actions.all())
    signatures = [a.date for a in actions if a.kind == ActionKind.SIGNATURE and a.date]
    consents = sorted((a for a in actions if a.kind in CONSENT_KINDS and a.date), key=lambda a: a.date)
    denunciations = sorted((a for a in actions if a.kind == ActionKind.DENUNCIATION and a.date), key=lambda a: a.date)
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


def save_participation(participation: Participation, *, acting_user: Any, before: dict | None) -> None:
    """Save a participation whose actions changed, with its change log entry."""
    recompute(participation)
    participation.full_clean()
    participation.save()
    if before is None:
        audit.log_change(acting_user=acting_user, obj=participation, action="create")
    elif before != audit.snapshot(participation):
        audit.log_change(acting_user=acting_user, obj=participation, action="update", before=before)
    policy.enforce(acting_user, policy.CHANGE, participation)


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
    before = audit.snapshot(participation) if participation else None
    if participation is None:
        participation = Participation(state=state, instrument=instrument)
    if kind in CONSENT_KINDS and participation.pk and participation.actions.filter(kind__in=CONSENT_KINDS).exists():
        raise ValidationError({"kind": _("Consent to be bound is already recorded; correct it instead.")})
    if date and date < instrument.concluded_date and kind not in _STATEMENTS:
        raise ValidationError(
            {
                "date": _("%(instrument)s was adopted on %(date)s.")
                % {"instrument": instrument, "date": instrument.concluded_date.isoformat()}
            }
        )
    participation.is_demo = is_demo
    participation.source = source or participation.source
    participation.save()
    action = ParticipationAction(
        participation=participation, kind=kind, date=date, effective_date=effective_date, text=text, source=source
    )
    audit.save_with_log(action, acting_user=acting_user)
    save_participation(participation, acting_user=acting_user, before=before)
    audit.emit(_event_for(kind), acting_user=acting_user, obj=participation, kind=kind, date=date)
    return action
