"""Importing test scores and completions into one session, on the one import pipeline.

From an e-learning platform's CSV (or XLSX) export — columns (header names, case-insensitive):
identifier (the person's stable identifier, as nominated), pre (pre-test score, 0-100), post
(post-test score, 0-100), satisfaction (1-5), completed (yes/no: every day of the session
attended) — or from xAPI statements as JSON (:class:`XapiImporter`), which become the same table.
Empty cells leave a value unrecorded. Each problem names its row and column; a table with any
problem writes nothing.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ctassist.core import policy
from ctassist.core.importing import (
    CHANGED,
    UNCHANGED,
    Importer,
    ImportRejected,
    Limits,
    Plan,
    PlannedRow,
    Problem,
    Row,
    Table,
)
from ctassist.training import services
from ctassist.training.choices import NominationStatus
from ctassist.training.models import Nomination, normalise_identifier

COLUMNS = ("identifier", "pre", "post", "satisfaction", "completed")
_YES, _NO = {"yes", "y", "true", "1"}, {"no", "n", "false", "0", ""}


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
            completed = cells.get("completed", "").strip().lower()
            if completed not in _YES | _NO:
                plan.problem(_("“%(value)s” (use yes or no)") % {"value": completed}, number, "completed")
            if len(plan.problems) > found or nomination is None:
                continue
            data = {"nomination": nomination.pk, "pre_score": pre, "post_score": post, "satisfaction": satisfaction,
                    "completed": completed in _YES}  # fmt: skip
            same = (nomination.pre_score, nomination.post_score, nomination.satisfaction) == (pre, post, satisfaction)
            same = same and completed not in _YES
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
        completed: dict[int, Any] = {}
        for row in plan.rows_to_write():
            data = dict(row.data)
            nomination = nominations[data.pop("nomination")]
            if data.pop("completed"):
                completed[nomination.pk] = self.target.days()
            services.record_results(acting_user=acting_user, nomination=nomination, **data)
        if completed:
            services.record_attendance(acting_user=acting_user, session=self.target, present=completed)


# xAPI verbs that say a learner finished the course, and the activity ids that mark a pre-test.
COMPLETION_VERBS = {"completed", "passed"}
PRE_TEST_MARKERS = ("pre-test", "pretest", "pre_test")


class XapiImporter(ResultsImporter):
    """xAPI statements (a JSON list, or ``{"statements": [...]}`` as a Learning Record Store answers).

    Each statement names its learner by ``actor.mbox`` (``mailto:`` + the stable identifier) or
    ``actor.account.name``; a ``result.score`` (``scaled`` 0-1, or ``raw`` out of ``max``) is the
    post-test score, or the pre-test score when the activity id says pre-test; the verbs completed
    and passed mark the course completed. A learner's statements become one row, numbered as their
    first statement (counting from 1), so a problem names that statement; the rules are the CSV's.
    """

    key = "training.xapi"
    limits = Limits(max_bytes=5 * 1024 * 1024, max_rows=5000)

    def read(self, *, upload: Any = None, text: str = "") -> Table:
        if upload is not None:
            raw = upload.read(self.limits.max_bytes + 1)
            if len(raw) > self.limits.max_bytes:
                raise ImportRejected([Problem(_("The file is larger than the import allows."))])
            text = raw.decode("utf-8-sig", errors="replace")
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ImportRejected([Problem(_("Not valid JSON: %(error)s") % {"error": exc})]) from None
        statements = data.get("statements") if isinstance(data, dict) else data
        if not isinstance(statements, list):
            raise ImportRejected([Problem(_("Expected a list of xAPI statements."))])
        if len(statements) > self.limits.max_rows:
            raise ImportRejected([Problem(_("Too many statements: at most %(n)s.") % {"n": self.limits.max_rows})])
        merged: dict[str, list[str]] = {}
        rows = []
        for number, statement in enumerate(statements, start=1):
            identifier, pre, post, completed = _statement(statement)
            if not identifier:
                rows.append(Row(number, ["", "", "", "", "no"]))
                continue
            cells = merged.get(identifier)
            if cells is None:
                cells = merged[identifier] = [identifier, "", "", "", "no"]
                rows.append(Row(number, cells))
            if pre:
                cells[1] = pre
            if post:
                cells[2] = post
            if completed:
                cells[4] = "yes"
        header = ["identifier", "pre", "post", "satisfaction", "completed"]
        return Table(header=header, rows=rows, format="xapi", name=getattr(upload, "name", "") or "")


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _statement(statement: Any) -> tuple[str, str, str, bool]:
    """(identifier, pre score, post score, completed) of one statement; empty identifier if it names none."""
    if not isinstance(statement, dict):
        return "", "", "", False
    actor = _dict(statement.get("actor"))
    mbox = str(actor.get("mbox") or "")
    account = _dict(actor.get("account"))
    identifier = mbox.removeprefix("mailto:") if mbox else str(account.get("name") or "")
    verb = _dict(statement.get("verb"))
    verb_name = str(verb.get("id") or "").rstrip("/").rsplit("/", 1)[-1].lower()
    target = _dict(statement.get("object"))
    is_pre = any(marker in str(target.get("id") or "").lower() for marker in PRE_TEST_MARKERS)
    result = _dict(statement.get("result"))
    score = _dict(result.get("score"))
    value = ""
    if isinstance(score.get("scaled"), (int, float)):
        value = str(round(Decimal(str(score["scaled"])) * 100, 2))
    elif isinstance(score.get("raw"), (int, float)) and isinstance(score.get("max"), (int, float)) and score["max"]:
        value = str(round(Decimal(str(score["raw"])) * 100 / Decimal(str(score["max"])), 2))
    elif "score" in result:
        value = str(score or result.get("score"))
    completed = verb_name in COMPLETION_VERBS or result.get("completion") is True
    return identifier, value if is_pre else "", "" if is_pre else value, completed
