"""``search(query, filters, sort, page) -> Results``: the one search interface of ctassist."""

from __future__ import annotations

import datetime
import html
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ctassist.core import roles
from ctassist.core.search import registry
from ctassist.core.search.backends import backend
from ctassist.core.search.index import tag_values
from ctassist.core.search.query import Query, QuerySyntaxError, highlight_pattern, parse
from ctassist.core.taxonomy import THEMES

FACETS = ("type", "state", "regional_group", "kind", "theme", "instrument", "year", "language")
FACET_LABELS = {
    "type": gettext_lazy("Type"),
    "state": gettext_lazy("State"),
    "regional_group": gettext_lazy("Regional group"),
    "kind": gettext_lazy("Kind"),
    "theme": gettext_lazy("Theme"),
    "instrument": gettext_lazy("Instrument"),
    "year": gettext_lazy("Year"),
    "language": gettext_lazy("Language"),
}
SORTS = ("relevance", "date")
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 500
SNIPPET_CHARS = 260


@dataclass
class Hit:
    type: str
    type_label: str
    object_id: int
    title: str
    reference: str
    url: str
    score: float
    snippet: SafeString
    state: str
    state_iso3: str
    kind: str
    kind_label: str
    date: datetime.date | None
    year: int | None
    language: str
    is_demo: bool


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Results:
    query: str = ""
    sort: str = "relevance"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    filters: dict[str, list[str]] = field(default_factory=dict)
    error: str = ""

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.page_size)) if self.total else 1

    @property
    def has_next(self) -> bool:
        return self.page < min(self.pages, MAX_PAGE)

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def _quote_date(value: Any) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])


def make_snippet(text: str, pattern: re.Pattern | None, width: int = SNIPPET_CHARS) -> SafeString:
    """An escaped excerpt of ``text`` around the first match, with matches in <mark>."""
    text = " ".join((text or "").split())
    if not text:
        return mark_safe("")
    start = 0
    if pattern is not None:
        found = pattern.search(text)
        if found:
            start = max(0, found.start() - width // 3)
            if start:
                space = text.find(" ", start)
                start = space + 1 if 0 <= space < found.start() else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + width // 2 else end
    excerpt = text[start:end]
    if pattern is None:
        body = html.escape(excerpt)
    else:
        pieces, last = [], 0
        for m in pattern.finditer(excerpt):
            pieces.append(html.escape(excerpt[last : m.start()]))
            pieces.append(f"<mark>{html.escape(m.group(0))}</mark>")
            last = m.end()
        pieces.append(html.escape(excerpt[last:]))
        body = "".join(pieces)
    return mark_safe(("… " if start else "") + body + (" …" if end < len(text) else ""))  # noqa: S308 - every piece is escaped above


def _clean_filters(filters: dict[str, Any] | None) -> dict[str, list[str]]:
    cleaned: dict[str, list[str]] = {}
    for name in FACETS:
        raw = (filters or {}).get(name)
        if raw in (None, "", []):
            continue
        given: list[Any] = [raw] if isinstance(raw, str | int) else list(raw)
        values = [str(v).strip() for v in given if str(v).strip()][:20]
        if name == "year":
            values = [v for v in values if v.isdigit() and len(v) == 4]
        if name == "state":
            values = [v.upper() for v in values]
        if values:
            cleaned[name] = values
    return cleaned


def _where(user: Any, filters: dict[str, list[str]], state_ids: list[int]) -> tuple[list[str], list]:
    where: list[str] = []
    params: list[Any] = []
    if not roles.is_unodc(user):
        state_id = roles.state_id_of(user)
        if state_id:
            where.append("(d.is_public = %s OR d.owner_state_id = %s)")
            params += [True, state_id]
        else:
            where.append("d.is_public = %s")
            params.append(True)

    def any_of(column: str, values: list) -> None:
        where.append(f"{column} IN ({', '.join(['%s'] * len(values))})")
        params.extend(values)

    if "type" in filters:
        any_of("d.doc_type", filters["type"])
    if "state" in filters:
        any_of("d.state_id", state_ids or [-1])
    for name in ("regional_group", "kind", "language"):
        if name in filters:
            any_of(f"d.{name}", filters[name])
    if "year" in filters:
        any_of("d.year", [int(v) for v in filters["year"]])
    for name in ("theme", "instrument"):
        if name in filters:
            where.append("(" + " OR ".join(["d.tags LIKE %s"] * len(filters[name])) + ")")
            params += [f"%|{name}:{v}|%" for v in filters[name]]
    return where, params


def _labels() -> dict[str, dict[str, str]]:
    kinds: dict[str, str] = {}
    for searchable in registry.types():
        kinds.update({k: str(v) for k, v in searchable.kind_labels.items()})
    return {
        "type": {t.key: str(t.label) for t in registry.types()},
        "regional_group": registry.labels("regional_group"),
        "kind": kinds,
        "theme": dict(THEMES),
        "instrument": registry.labels("instrument"),
        "language": registry.labels("language"),
    }


def search(
    query: str = "",
    filters: dict[str, Any] | None = None,
    sort: str = "relevance",
    page: int = 1,
    *,
    user: Any = None,
    page_size: int = DEFAULT_PAGE_SIZE,
) -> Results:
    """Search every registered type: hits (type, object, score, snippet), facet counts and the total.

    Never raises for user input: a malformed query comes back with ``error`` set.
    """
    State = registry.store().state_model  # noqa: N806 - a model class

    sort = sort if sort in SORTS else "relevance"
    try:
        page = min(max(1, int(page)), MAX_PAGE)
    except (TypeError, ValueError):
        page = 1
    page_size = min(max(1, int(page_size or DEFAULT_PAGE_SIZE)), MAX_PAGE_SIZE)
    cleaned = _clean_filters(filters)
    results = Results(query=query or "", sort=sort, page=page, page_size=page_size, filters=cleaned)
    try:
        parsed: Query | None = parse(query or "")
    except QuerySyntaxError as exc:
        results.error = str(exc)
        return results
    if parsed is None and sort == "relevance":
        sort = "date"
    state_ids = (
        list(State.objects.filter(iso3__in=cleaned["state"]).values_list("pk", flat=True)) if "state" in cleaned else []
    )
    (from_sql, from_params), (match_sql, match_params), (score_sql, score_params) = backend().parts(parsed)
    where, where_params = _where(user, cleaned, state_ids)
    where_sql = " AND ".join([match_sql, *where])
    base_params = from_params + match_params + where_params
    order = "score DESC, d.date DESC, d.id" if sort == "relevance" else "d.date DESC NULLS LAST, d.id"
    page_sql = (
        f"SELECT d.id, d.doc_type, d.object_id, d.title, d.reference, d.body, d.url, d.language, d.state_id, "  # noqa: S608 - fragments are constants; values are bound
        f"d.kind, d.date, d.year, d.is_demo, {score_sql} AS score FROM {from_sql} WHERE {where_sql} "
        f"ORDER BY {order} LIMIT %s OFFSET %s"
    )
    facet_sql = (
        "SELECT d.doc_type, d.state_id, d.regional_group, d.kind, d.year, d.language, d.tags, COUNT(*) "  # noqa: S608 - fragments are constants; values are bound
        f"FROM {from_sql} WHERE {where_sql} GROUP BY d.doc_type, d.state_id, d.regional_group, d.kind, d.year, "
        "d.language, d.tags"
    )
    with connection.cursor() as cursor:
        cursor.execute(facet_sql, base_params)
        groups = cursor.fetchall()
        rows: list = []
        if groups:
            cursor.execute(page_sql, score_params + base_params + [page_size, (page - 1) * page_size])
            rows = cursor.fetchall()
    counters: dict[str, Counter] = {name: Counter() for name in FACETS}
    total = 0
    for doc_type, state_id, group, kind, year, language, tags, count in groups:
        total += count
        counters["type"][doc_type] += count
        if state_id is not None:
            counters["state"][state_id] += count
        if group:
            counters["regional_group"][group] += count
        if kind:
            counters["kind"][kind] += count
        if year:
            counters["year"][str(year)] += count
        counters["language"][language] += count
        for tag in tag_values(tags or ""):
            facet, _sep, value = tag.partition(":")
            counters[facet][value] += count
    results.total = total
    state_ids_needed = set(counters["state"]) | {r[8] for r in rows if r[8] is not None}
    states = (
        {s.pk: s for s in State.objects.filter(pk__in=state_ids_needed).only("pk", "name", "iso3")}
        if state_ids_needed
        else {}
    )
    labels = _labels()
    # State facets are keyed by ISO code, the filter's own value.
    counters["state"] = Counter({states[k].iso3: v for k, v in counters["state"].items() if k in states})
    labels["state"] = {s.iso3: s.name for s in states.values()}
    for name in FACETS:
        values = [
            FacetValue(value, labels.get(name, {}).get(value, value), count, value in cleaned.get(name, []))
            for value, count in counters[name].items()
        ]
        if name == "year":
            values.sort(key=lambda v: v.value, reverse=True)
        else:
            values.sort(key=lambda v: (-v.count, v.label))
        results.facets[name] = values
    pattern = highlight_pattern(parsed)
    for row in rows:
        (
            _id,
            doc_type,
            object_id,
            title,
            reference,
            body,
            url,
            language,
            state_id,
            kind,
            date,
            year,
            is_demo,
            score,
        ) = row
        state = states.get(state_id)
        results.hits.append(
            Hit(
                type=doc_type,
                type_label=labels["type"].get(doc_type, doc_type),
                object_id=object_id,
                title=title,
                reference=reference,
                url=url,
                score=float(score or 0.0),
                snippet=make_snippet(body, pattern),
                state=state.name if state else "",
                state_iso3=state.iso3 if state else "",
                kind=kind,
                kind_label=labels["kind"].get(kind, kind),
                date=_quote_date(date),
                year=year,
                language=language,
                is_demo=bool(is_demo),
            )
        )
    return results


__all__ = ["FACETS", "FACET_LABELS", "Hit", "FacetValue", "Results", "search", "QuerySyntaxError", "_"]
