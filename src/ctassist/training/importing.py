"""Importing test scores into one session (an e-learning platform's CSV export), on the one pipeline.

Columns (header names, case-insensitive): identifier (the person's stable identifier, as
nominated), pre (pre-test score, 0-100), post (post-test score, 0-100), satisfaction (1-5).
Empty cells leave a value unrecorded. Each problem names its row and column; a table with any
problem writes nothing.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ctassist.core import policy
from ctassist.core.importing import CHANGED, UNCHANGED, Importer, Limits, Plan, PlannedRow, Table
from ctassist.training import services
from ctassist.training.choices import NominationStatus
from ctassist.training.models import Nomination, normalise_identifier

COLUMNS = ("identifier", "pre", "post", "satisfaction")


def _key(header: str) -> str:
    return header.strip().lower()


class ResultsImporter(Importer):
    """Pre- and post-test scores and satisfaction for the enrolled participants of the session ``target``."""

    key = "training.results"
    limits = Limits(max_bytes=2 * 1024 * 1024, max_rows=5000)
    preview_headers = (gettext_lazy("pre-test score"), gettext_lazy("post-test score"), gettext_lazy("satisfaction (1-5)"))

    def check_permission(self, acting_user: Any) -> None:
        policy.enforce(acting_user, policy.CHANGE, self.target)

    def plan(self, table: Table) -> Plan:
        plan = Plan()
        keys = [_key(h) for h in table.header]
        if "identifier" not in keys:
            plan.problem(_("the column is missing."), column="identifier")
        plan.ignored_columns = [h for h, k in zip(table.header, keys, strict=True) if k and k not in COLUMNS]
        if plan.problems:
            return plan
        enrolled = {
            n.person.identifier: n
            for n in Nomination.objects.filter(session=self.target, status=NominationStatus.ACCEPTED).select_related(
                "person"
            )
        }
        seen: dict[str, int] = {}
        for number, cells in table.records(key=_key):
            found = len(plan.problems)
            identifier = normalise_identifier(cells.get("identifier", ""))
            nomination = enrolled.get(identifier)
            if not identifier:
                plan.problem(_("empty"), number, "identifier")
            elif nomination is None:
                plan.problem(_("“%(value)s” is not enrolled in this session") % {"value": identifier}, number,
                             "identifier")  # fmt: skip
            elif identifier in seen:
                plan.problem(_("also on row %(row)s") % {"row": seen[identifier]}, number, "identifier")
            seen.setdefault(identifier, number)
            pre = self._score(plan, number, cells, "pre")
            post = self._score(plan, number, cells, "post")
            satisfaction = self._satisfaction(plan, number, cells)
            if len(plan.problems) > found or nomination is None:
                continue
            data = {"nomination": nomination.pk, "pre_score": pre, "post_score": post, "satisfaction": satisfaction}
            same = (nomination.pre_score, nomination.post_score, nomination.satisfaction) == (pre, post, satisfaction)
            plan.add(PlannedRow(number, UNCHANGED if same else CHANGED, label=nomination.person.full_name, data=data,
                                display=[pre if pre is not None else "—", post if post is not None else "—",
                                         satisfaction or "—"]))  # fmt: skip
        return plan

    def _score(self, plan: Plan, number: int, cells: dict[str, str], column: str) -> Decimal | None:
        text = cells.get(column, "").replace(",", ".").rstrip("%").strip()
        if not text:
            return None
        try:
            value = Decimal(text)
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite() or not (0 <= value <= 100):
            plan.problem(_("“%(value)s” is not a score from 0 to 100") % {"value": cells.get(column, "")}, number, column)
            return None
        return value.quantize(Decimal("0.01"))

    def _satisfaction(self, plan: Plan, number: int, cells: dict[str, str]) -> int | None:
        text = cells.get("satisfaction", "").strip()
        if not text:
            return None
        if text not in {"1", "2", "3", "4", "5"}:
            plan.problem(_("“%(value)s” is not a rating from 1 to 5") % {"value": text}, number, "satisfaction")
            return None
        return int(text)

    def apply(self, plan: Plan, *, acting_user: Any) -> None:
        nominations = Nomination.objects.in_bulk([row.data["nomination"] for row in plan.rows_to_write()])
        for row in plan.rows_to_write():
            data = dict(row.data)
            services.record_results(acting_user=acting_user, nomination=nominations[data.pop("nomination")], **data)
