"""A strict checker for the IATI activity standard 2.03 rules the export implements.

``check(xml_bytes, org_ref)`` returns a list of problems (empty when the document passes). It
checks, for the document:

- root ``iati-activities`` with ``version="2.03"`` and an ISO 8601 ``generated-datetime``;

and for each ``iati-activity``:

- child elements in the order of the 2.03 schema's sequence (and only known elements);
- ``iati-identifier`` present, non-empty, starting with the reporting-org ref followed by "-";
- ``reporting-org`` with ``ref`` (equal to the expected one) and a ``type``, and a narrative;
- ``title`` with a non-empty ``narrative``; every ``description`` with a narrative;
- every ``participating-org`` with a ``role`` in 1–4 and a narrative or a ref;
- exactly one ``activity-status`` with a code in 1–6;
- ``activity-date`` types in 1–4, ISO dates, at least one of type 1 or 2;
- ``recipient-country`` or ``recipient-region`` present; percentages (where several) sum to 100
  over countries and regions together; country codes two capital letters;
- ``sector``: vocabulary given; per vocabulary, percentages sum to 100 (when more than one
  sector, every one must have a percentage); DAC (vocabulary 1) codes are five digits;
- ``transaction``: children in schema order; ``transaction-type`` code in 1–13;
  ``transaction-date`` with ISO ``iso-date``; ``value`` numeric with ``value-date`` (ISO) and a
  currency (attribute or the activity's ``default-currency``);
- ``budget``: ``type`` 1 (original) or 2 (revised), ``status`` 1 or 2; ``period-start`` and
  ``period-end`` ISO dates, in that order, start ≤ end, the period **at most one year** long;
  a numeric ``value`` with an ISO ``value-date`` and a currency; no two budgets of the same type
  whose periods overlap;
- ``transaction``: a ``receiver-org`` or ``provider-org`` naming an activity
  (``receiver-activity-id``/``provider-activity-id``) names one that starts with the reporting-org ref;
- ``related-activity`` with ``ref`` and ``type`` in 1–5;
- ``result``: ``type`` in 1, 2, 3, 9; a title; each ``indicator`` with ``measure`` in 1–5 and a
  title; ``baseline`` with a ``year``; ``period`` with ``period-start`` and ``period-end`` ISO dates
  (start ≤ end), in that order, before targets and actuals; numeric ``value`` attributes.

``check_organisation(xml_bytes, org_ref)`` checks an organisation file (IATI organisation standard
2.03): root ``iati-organisations`` (version, generated-datetime) holding only
``iati-organisation`` elements, each with its children in the schema's order, an
``organisation-identifier`` equal to the reporting-org ref, a ``name`` narrative, the
``reporting-org`` as above; every ``total-budget`` (status 1 or 2), ``total-expenditure`` and
their ``budget-line``/``expense-line`` with a period of at most one year, numeric values with a
value-date and a currency, lines summing to no more than their total, and no two total budgets
whose periods overlap.
"""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET
from decimal import Decimal, InvalidOperation

ACTIVITY_ORDER = [
    "iati-identifier", "reporting-org", "title", "description", "participating-org", "other-identifier",
    "activity-status", "activity-date", "contact-info", "activity-scope", "recipient-country", "recipient-region",
    "location", "sector", "tag", "country-budget-items", "humanitarian-scope", "policy-marker", "collaboration-type",
    "default-flow-type", "default-finance-type", "default-aid-type", "default-tied-status", "budget",
    "planned-disbursement", "capital-spend", "transaction", "document-link", "related-activity", "legacy-data",
    "conditions", "result", "crs-add", "fss",
]  # fmt: skip
SINGLE = {"iati-identifier", "reporting-org", "title", "activity-status", "activity-scope", "collaboration-type",
          "default-flow-type", "default-finance-type", "default-tied-status", "capital-spend", "conditions",
          "crs-add", "fss", "country-budget-items"}  # fmt: skip
TRANSACTION_ORDER = [
    "transaction-type", "transaction-date", "value", "description", "provider-org", "receiver-org",
    "disbursement-channel", "sector", "recipient-country", "recipient-region", "flow-type", "finance-type",
    "aid-type", "tied-status",
]  # fmt: skip
RESULT_ORDER = ["title", "description", "document-link", "reference", "indicator"]
INDICATOR_ORDER = ["title", "description", "document-link", "reference", "baseline", "period"]
PERIOD_ORDER = ["period-start", "period-end", "target", "actual"]
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _is_date(value: str | None) -> bool:
    if not value or not ISO_DATE.match(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_datetime(value: str | None) -> bool:
    if not value:
        return False
    try:
        datetime.datetime.fromisoformat(value)
    except ValueError:
        return False
    return "T" in value


def _number(value: str | None) -> Decimal | None:
    try:
        return Decimal(value) if value is not None else None
    except InvalidOperation:
        return None


def _order(children: list[ET.Element], order: list[str], where: str, problems: list[str]) -> None:
    last = -1
    for child in children:
        if child.tag not in order:
            problems.append(f"{where}: unknown element <{child.tag}>")
            continue
        index = order.index(child.tag)
        if index < last:
            problems.append(f"{where}: <{child.tag}> is out of the schema's order")
        last = max(last, index)


def _has_narrative(el: ET.Element) -> bool:
    return any((n.text or "").strip() for n in el.findall("narrative"))


def _percentages(elements: list[ET.Element], where: str, problems: list[str]) -> None:
    if len(elements) <= 1:
        pct = elements[0].get("percentage") if elements else None
        if pct is not None and _number(pct) != 100:
            problems.append(f"{where}: a single one must be 100 %, found {pct}")
        return
    values = [_number(e.get("percentage")) for e in elements]
    if any(v is None for v in values):
        problems.append(f"{where}: every one needs a percentage when there are several")
        return
    if any(v < 0 or v > 100 for v in values):
        problems.append(f"{where}: percentages must lie between 0 and 100")
    if sum(values) != 100:
        problems.append(f"{where}: percentages sum to {sum(values)}, not 100")


def _check_transaction(t: ET.Element, where: str, default_currency: str | None, problems: list[str]) -> None:
    _order(list(t), TRANSACTION_ORDER, where, problems)
    ttype = t.find("transaction-type")
    if ttype is None or ttype.get("code") not in {str(i) for i in range(1, 14)}:
        problems.append(f"{where}: transaction-type code missing or invalid")
    tdate = t.find("transaction-date")
    if tdate is None or not _is_date(tdate.get("iso-date")):
        problems.append(f"{where}: transaction-date with an ISO iso-date is required")
    value = t.find("value")
    if value is None:
        problems.append(f"{where}: value is required")
        return
    if _number((value.text or "").strip()) is None:
        problems.append(f"{where}: value is not a number")
    if not _is_date(value.get("value-date")):
        problems.append(f"{where}: value needs an ISO value-date")
    if not (value.get("currency") or default_currency):
        problems.append(f"{where}: value needs a currency (or the activity's default-currency)")


def _check_result(result: ET.Element, where: str, problems: list[str]) -> None:
    _order(list(result), RESULT_ORDER, where, problems)
    if result.get("type") not in {"1", "2", "3", "9"}:
        problems.append(f"{where}: result type must be 1, 2, 3 or 9")
    title = result.find("title")
    if title is None or not _has_narrative(title):
        problems.append(f"{where}: result needs a title")
    for j, indicator in enumerate(result.findall("indicator")):
        iw = f"{where} indicator {j + 1}"
        _order(list(indicator), INDICATOR_ORDER, iw, problems)
        if indicator.get("measure") not in {"1", "2", "3", "4", "5"}:
            problems.append(f"{iw}: measure must be 1–5")
        ititle = indicator.find("title")
        if ititle is None or not _has_narrative(ititle):
            problems.append(f"{iw}: indicator needs a title")
        for baseline in indicator.findall("baseline"):
            year = baseline.get("year")
            if not (year and year.isdigit() and len(year) == 4):
                problems.append(f"{iw}: baseline needs a four-digit year")
            if baseline.get("iso-date") is not None and not _is_date(baseline.get("iso-date")):
                problems.append(f"{iw}: baseline iso-date is not an ISO date")
            if baseline.get("value") is not None and _number(baseline.get("value")) is None:
                problems.append(f"{iw}: baseline value is not a number")
        for period in indicator.findall("period"):
            _order(list(period), PERIOD_ORDER, f"{iw} period", problems)
            start, end = period.find("period-start"), period.find("period-end")
            if start is None or end is None or not _is_date(start.get("iso-date")) or not _is_date(end.get("iso-date")):
                problems.append(f"{iw}: period needs ISO period-start and period-end")
            elif start.get("iso-date") > end.get("iso-date"):
                problems.append(f"{iw}: period ends before it starts")
            for tag in ("target", "actual"):
                for el in period.findall(tag):
                    if _number(el.get("value")) is None:
                        problems.append(f"{iw}: {tag} value is not a number")


BUDGET_ORDER = ["period-start", "period-end", "value"]
ORGANISATION_ORDER = [
    "organisation-identifier", "name", "reporting-org", "total-budget", "recipient-org-budget",
    "recipient-region-budget", "recipient-country-budget", "total-expenditure", "document-link",
]  # fmt: skip


def _within_a_year(start: str, end: str) -> bool:
    first, last = datetime.date.fromisoformat(start), datetime.date.fromisoformat(end)
    try:
        year_on = first.replace(year=first.year + 1)
    except ValueError:  # 29 February
        year_on = first.replace(year=first.year + 1, day=28) + datetime.timedelta(days=1)
    return last < year_on


def _check_period(el: ET.Element, where: str, problems: list[str]) -> tuple[str, str] | None:
    """A period-start and a period-end, ISO, start ≤ end, at most a year; returns them when sound."""
    start, end = el.find("period-start"), el.find("period-end")
    if start is None or end is None or not _is_date(start.get("iso-date")) or not _is_date(end.get("iso-date")):
        problems.append(f"{where}: period-start and period-end with ISO dates are required")
        return None
    first, last = start.get("iso-date") or "", end.get("iso-date") or ""
    if first > last:
        problems.append(f"{where}: the period ends before it starts")
        return None
    if not _within_a_year(first, last):
        problems.append(f"{where}: the period {first}–{last} is longer than one year")
    return first, last


def _check_value(value: ET.Element | None, where: str, default_currency: str | None, problems: list[str]) -> None:
    if value is None:
        problems.append(f"{where}: value is required")
        return
    if _number((value.text or "").strip()) is None:
        problems.append(f"{where}: value is not a number")
    if not _is_date(value.get("value-date")):
        problems.append(f"{where}: value needs an ISO value-date")
    if not (value.get("currency") or default_currency):
        problems.append(f"{where}: value needs a currency (or the default-currency)")


def _no_overlap(periods: list[tuple[str, str, str]], where: str, problems: list[str]) -> None:
    """``(kind, start, end)``: periods of the same kind must not overlap."""
    by_kind: dict[str, list[tuple[str, str]]] = {}
    for kind, first, last in periods:
        by_kind.setdefault(kind, []).append((first, last))
    for kind, spans in by_kind.items():
        spans.sort()
        for (_a, end_a), (start_b, _b) in zip(spans, spans[1:], strict=False):
            if start_b <= end_a:
                problems.append(f"{where}: budgets of type {kind} overlap ({start_b} starts before {end_a} ends)")


def _check_budgets(activity: ET.Element, where: str, problems: list[str]) -> None:
    periods = []
    for i, budget in enumerate(activity.findall("budget")):
        bw = f"{where} budget {i + 1}"
        _order(list(budget), BUDGET_ORDER, bw, problems)
        if budget.get("type") not in {"1", "2"}:
            problems.append(f"{bw}: budget type must be 1 (original) or 2 (revised)")
        if budget.get("status") not in {"1", "2"}:
            problems.append(f"{bw}: budget status must be 1 (indicative) or 2 (committed)")
        span = _check_period(budget, bw, problems)
        if span:
            periods.append((budget.get("type") or "", *span))
        _check_value(budget.find("value"), bw, activity.get("default-currency"), problems)
    _no_overlap(periods, where, problems)


def check_activity(activity: ET.Element, org_ref: str, problems: list[str], n: int) -> None:
    where = f"activity {n}"
    children = list(activity)
    _order(children, ACTIVITY_ORDER, where, problems)
    for tag in SINGLE:
        if len(activity.findall(tag)) > 1:
            problems.append(f"{where}: more than one <{tag}>")
    ident = activity.find("iati-identifier")
    if ident is None or not (ident.text or "").strip():
        problems.append(f"{where}: iati-identifier is required")
    elif not ident.text.strip().startswith(f"{org_ref}-"):
        problems.append(f"{where}: iati-identifier {ident.text!r} does not start with the reporting-org ref")
    else:
        where = f"activity {ident.text.strip()}"
    rep = activity.find("reporting-org")
    if rep is None:
        problems.append(f"{where}: reporting-org is required")
    else:
        if rep.get("ref") != org_ref:
            problems.append(f"{where}: reporting-org ref {rep.get('ref')!r} is not {org_ref!r}")
        if not rep.get("type"):
            problems.append(f"{where}: reporting-org needs a type")
        if not _has_narrative(rep):
            problems.append(f"{where}: reporting-org needs a narrative")
    title = activity.find("title")
    if title is None or not _has_narrative(title):
        problems.append(f"{where}: title with a narrative is required")
    for d in activity.findall("description"):
        if not _has_narrative(d):
            problems.append(f"{where}: description without narrative")
    porgs = activity.findall("participating-org")
    if not porgs:
        problems.append(f"{where}: at least one participating-org is required")
    for p in porgs:
        if p.get("role") not in {"1", "2", "3", "4"}:
            problems.append(f"{where}: participating-org role must be 1–4")
        if not (p.get("ref") or _has_narrative(p)):
            problems.append(f"{where}: participating-org needs a ref or a narrative")
    status = activity.findall("activity-status")
    if len(status) != 1 or status[0].get("code") not in {"1", "2", "3", "4", "5", "6"}:
        problems.append(f"{where}: exactly one activity-status with a code in 1–6 is required")
    dates = activity.findall("activity-date")
    for d in dates:
        if d.get("type") not in {"1", "2", "3", "4"}:
            problems.append(f"{where}: activity-date type must be 1–4")
        if not _is_date(d.get("iso-date")):
            problems.append(f"{where}: activity-date iso-date is not an ISO date")
    if not any(d.get("type") in {"1", "2"} for d in dates):
        problems.append(f"{where}: an activity-date of type 1 (planned start) or 2 (actual start) is required")
    countries, regions = activity.findall("recipient-country"), activity.findall("recipient-region")
    if not countries and not regions:
        problems.append(f"{where}: recipient-country or recipient-region is required")
    for c in countries:
        if not re.fullmatch(r"[A-Z]{2}", c.get("code") or ""):
            problems.append(f"{where}: recipient-country code must be ISO 3166-1 alpha-2")
    for r in regions:
        if not r.get("code"):
            problems.append(f"{where}: recipient-region needs a code")
    _percentages(countries + regions, f"{where} recipients", problems)
    sectors = activity.findall("sector")
    if not sectors:
        problems.append(f"{where}: at least one sector is required")
    by_vocab: dict[str, list[ET.Element]] = {}
    for s in sectors:
        by_vocab.setdefault(s.get("vocabulary", "1"), []).append(s)
        if not s.get("code"):
            problems.append(f"{where}: sector needs a code")
    for s in by_vocab.get("1", []):
        if not re.fullmatch(r"\d{5}", s.get("code") or ""):
            problems.append(f"{where}: DAC sector code {s.get('code')!r} is not five digits")
    for vocab, items in by_vocab.items():
        _percentages(items, f"{where} sectors (vocabulary {vocab})", problems)
    _check_budgets(activity, where, problems)
    for i, t in enumerate(activity.findall("transaction")):
        _check_transaction(t, f"{where} transaction {i + 1}", activity.get("default-currency"), problems)
        for tag, attr in (("receiver-org", "receiver-activity-id"), ("provider-org", "provider-activity-id")):
            org = t.find(tag)
            named = org.get(attr) if org is not None else None
            if named is not None and not named.startswith(f"{org_ref}-"):
                problems.append(
                    f"{where} transaction {i + 1}: {attr} {named!r} is not an activity of the reporting-org"
                )
    for r in activity.findall("related-activity"):
        if not r.get("ref") or r.get("type") not in {"1", "2", "3", "4", "5"}:
            problems.append(f"{where}: related-activity needs a ref and a type in 1–5")
    for i, result in enumerate(activity.findall("result")):
        _check_result(result, f"{where} result {i + 1}", problems)


def parse(xml: bytes) -> ET.Element:
    """Parse a document this test suite generated itself (trusted input: no external entities)."""
    return ET.fromstring(xml)  # noqa: S314


def check(xml: bytes, org_ref: str) -> list[str]:
    problems: list[str] = []
    try:
        root = parse(xml)
    except ET.ParseError as exc:
        return [f"not well-formed XML: {exc}"]
    if root.tag != "iati-activities":
        problems.append(f"root element is <{root.tag}>, not <iati-activities>")
    if root.get("version") != "2.03":
        problems.append(f"version is {root.get('version')!r}, not '2.03'")
    if not _is_datetime(root.get("generated-datetime")):
        problems.append("generated-datetime is missing or not an ISO 8601 date-time")
    activities = [c for c in root if c.tag == "iati-activity"]
    if len(activities) != len(root):
        problems.append("only iati-activity elements may appear under iati-activities")
    identifiers = [(a.findtext("iati-identifier") or "").strip() for a in activities]
    if len(set(identifiers)) != len(identifiers):
        problems.append("iati-identifiers are not unique in the document")
    for n, activity in enumerate(activities, start=1):
        check_activity(activity, org_ref, problems, n)
    return problems


def _check_reporting_org(rep: ET.Element | None, org_ref: str, where: str, problems: list[str]) -> None:
    if rep is None:
        problems.append(f"{where}: reporting-org is required")
        return
    if rep.get("ref") != org_ref:
        problems.append(f"{where}: reporting-org ref {rep.get('ref')!r} is not {org_ref!r}")
    if not rep.get("type"):
        problems.append(f"{where}: reporting-org needs a type")
    if not _has_narrative(rep):
        problems.append(f"{where}: reporting-org needs a narrative")


def _check_totals(org: ET.Element, tag: str, line_tag: str, where: str, problems: list[str]) -> None:
    default_currency = org.get("default-currency")
    periods = []
    for i, total in enumerate(org.findall(tag)):
        tw = f"{where} {tag} {i + 1}"
        _order(list(total), ["period-start", "period-end", "value", line_tag], tw, problems)
        if tag == "total-budget" and total.get("status") not in {"1", "2"}:
            problems.append(f"{tw}: status must be 1 (indicative) or 2 (committed)")
        span = _check_period(total, tw, problems)
        if span:
            periods.append((tag, *span))
        value = total.find("value")
        _check_value(value, tw, default_currency, problems)
        lines = total.findall(line_tag)
        line_sum = Decimal(0)
        for j, line in enumerate(lines):
            lw = f"{tw} {line_tag} {j + 1}"
            _order(list(line), ["value", "narrative"], lw, problems)
            _check_value(line.find("value"), lw, default_currency, problems)
            if not _has_narrative(line):
                problems.append(f"{lw}: needs a narrative")
            line_sum += _number((line.findtext("value") or "").strip()) or Decimal(0)
        whole = _number((value.text or "").strip()) if value is not None else None
        if lines and whole is not None and line_sum > whole:
            problems.append(f"{tw}: its lines sum to {line_sum}, more than the total {whole}")
    _no_overlap(periods, where, problems)


def check_organisation(xml: bytes, org_ref: str) -> list[str]:
    problems: list[str] = []
    try:
        root = parse(xml)
    except ET.ParseError as exc:
        return [f"not well-formed XML: {exc}"]
    if root.tag != "iati-organisations":
        problems.append(f"root element is <{root.tag}>, not <iati-organisations>")
    if root.get("version") != "2.03":
        problems.append(f"version is {root.get('version')!r}, not '2.03'")
    if not _is_datetime(root.get("generated-datetime")):
        problems.append("generated-datetime is missing or not an ISO 8601 date-time")
    orgs = [c for c in root if c.tag == "iati-organisation"]
    if len(orgs) != len(root) or not orgs:
        problems.append("iati-organisations holds one or more iati-organisation elements and nothing else")
    for n, org in enumerate(orgs, start=1):
        where = f"organisation {n}"
        _order(list(org), ORGANISATION_ORDER, where, problems)
        for tag in ("organisation-identifier", "name", "reporting-org"):
            if len(org.findall(tag)) != 1:
                problems.append(f"{where}: exactly one <{tag}> is required")
        if (org.findtext("organisation-identifier") or "").strip() != org_ref:
            problems.append(f"{where}: organisation-identifier is not {org_ref!r}")
        if not _is_datetime(org.get("last-updated-datetime")):
            problems.append(f"{where}: last-updated-datetime is missing or not an ISO 8601 date-time")
        name = org.find("name")
        if name is None or not _has_narrative(name):
            problems.append(f"{where}: name with a narrative is required")
        _check_reporting_org(org.find("reporting-org"), org_ref, where, problems)
        _check_totals(org, "total-budget", "budget-line", where, problems)
        _check_totals(org, "total-expenditure", "expense-line", where, problems)
    return problems
