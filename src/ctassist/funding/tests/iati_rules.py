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
- ``related-activity`` with ``ref`` and ``type`` in 1–5;
- ``result``: ``type`` in 1, 2, 3, 9; a title; each ``indicator`` with ``measure`` in 1–5 and a
  title; ``baseline`` with a ``year``; ``period`` with ``period-start`` and ``period-end`` ISO dates
  (start ≤ end), in that order, before targets and actuals; numeric ``value`` attributes.
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
    for i, t in enumerate(activity.findall("transaction")):
        _check_transaction(t, f"{where} transaction {i + 1}", activity.get("default-currency"), problems)
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
