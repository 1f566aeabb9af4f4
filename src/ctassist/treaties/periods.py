"""When each instrument is open for signature, as its final clauses say (``data/signature_periods.csv``)."""

from __future__ import annotations

import csv
import datetime
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ctassist.treaties.models import Instrument

DATA = Path(__file__).resolve().parent / "data" / "signature_periods.csv"


@dataclass(frozen=True)
class SignaturePeriod:
    """The first and last day an instrument may be signed (``closes`` None: no end known), and the article."""

    opens: datetime.date
    closes: datetime.date | None
    article: str

    def allows(self, day: datetime.date) -> bool:
        return day >= self.opens and (self.closes is None or day <= self.closes)


@cache
def _rows() -> dict[str, dict[str, str]]:
    with open(DATA, encoding="utf-8", newline="") as handle:
        return {row["code"]: row for row in csv.DictReader(handle)}


def signature_period(instrument: Instrument) -> SignaturePeriod | None:
    """The instrument's signature period, or None where its text is not at hand (unverified)."""
    row = _rows().get(instrument.code)
    if row is None:
        return None
    closes = datetime.date.fromisoformat(row["closes"]) if row["closes"] else None
    if row["closes_at_entry_into_force"] == "yes":
        closes = instrument.entry_into_force
    return SignaturePeriod(datetime.date.fromisoformat(row["opens"]), closes, row["article"])
