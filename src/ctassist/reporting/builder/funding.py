"""Voluntary contributions received in the period (never pledges), and the donors thanked.

Totals come from the funding area's own counting rule (``funding.queries.contributions_received``);
the records behind each figure from the same rule row by row (``received_contributions``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ctassist.reporting.builder.data import ReportData
from ctassist.reporting.builder.text import Draft, join_and, num, plural, usd

MAX_THANKED = 12


def block(draft: Draft, key: str, data: ReportData, period: str) -> dict[str, Any]:
    rows = data.contributions
    if not rows:
        return draft.para(
            [
                "No voluntary contribution received in the period was recorded."
                if rows is not None
                else "No information on voluntary contributions is available: the funding area holds no data."
            ]
        )
    in_kind = [r for r in rows if r["in_kind"]]
    if data.donor_totals is not None:
        total = sum((t.usd for t in data.donor_totals), Decimal(0))
        valued = sum((t.in_kind_usd for t in data.donor_totals), Decimal(0))
        donors = [t.donor for t in data.donor_totals]  # largest first
    else:
        total = sum(((r["usd_amount"] or Decimal(0)) for r in rows if r["financial"]), Decimal(0))
        valued = sum(((r["in_kind_value_usd"] or Decimal(0)) for r in in_kind), Decimal(0))
        donors = sorted({r["donor__organisation__name"] for r in rows})
    parts: list[Any] = [
        f"From {period}, UNODC received ",
        draft.figure(
            f"{key}.contributions",
            len(rows),
            "contributions received in the period",
            "funding.contribution",
            [r["id"] for r in rows],
        ),
        f" voluntary {plural(len(rows), 'contribution', 'contributions')} from {num(len(donors))} "
        f"{plural(len(donors), 'donor', 'donors')}, amounting to ",
        draft.figure(
            f"{key}.contributions.usd",
            usd(total),
            "financial contributions received (USD)",
            "funding.contribution",
            [r["id"] for r in rows if r["financial"]],
        ),
        " in financial contributions",
    ]
    if in_kind:
        parts += [
            " and ",
            draft.figure(
                f"{key}.contributions.in_kind",
                len(in_kind),
                "in-kind contributions received",
                "funding.contribution",
                [r["id"] for r in in_kind],
            ),
            f" in-kind {plural(len(in_kind), 'contribution', 'contributions')} valued at {usd(valued)}",
        ]
    named = donors[:MAX_THANKED] + (["the other donors listed in the records"] if len(donors) > MAX_THANKED else [])
    parts.append(f". The Secretary-General thanks {join_and(named)} for their support.")
    if data.pledged:
        parts.append(f" Pledges of {usd(data.pledged)} made in the period are not counted until received.")
    return draft.para(parts)
