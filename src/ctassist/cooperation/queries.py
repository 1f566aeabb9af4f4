"""The treaty basis between two States, and statistics without personal data (fixed queries each)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count

from ctassist.cooperation import articles
from ctassist.cooperation.choices import ArticleKind
from ctassist.cooperation.models import CaseStep, CooperationRequest
from ctassist.geo.models import State
from ctassist.treaties import queries as treaty_queries
from ctassist.treaties.choices import ActionKind
from ctassist.treaties.models import Instrument, Participation

_ARTICLE_MENTION = re.compile(r"\barticles?\s+((?:[0-9IVX]+\s*(?:bis|ter|quater)?(?:\s*(?:,|and|et|y)\s*)?)+)", re.I)
_NUMBER = re.compile(r"[0-9IVX]+\s*(?:bis|ter|quater)?", re.I)


def cited_articles(text: str) -> set[str]:
    """Article numbers a reservation or declaration names ("article 10", "articles 7 and 8", "article 3 bis")."""
    found: set[str] = set()
    for mention in _ARTICLE_MENTION.finditer(text or ""):
        for number in _NUMBER.findall(mention.group(1)):
            found.add(re.sub(r"\s+", "", number).lower())
    return found


@dataclass
class Reservation:
    state: State
    kind: str  # reservation or declaration
    label: str
    date: datetime.date | None
    text: str
    articles: set[str]


@dataclass
class BasisArticle:
    article: articles.Article
    reservations: list[Reservation] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return str(ArticleKind(self.article.kind).label)


@dataclass
class BasisInstrument:
    instrument: Instrument
    first: Participation
    second: Participation
    articles: list[BasisArticle]
    other_reservations: list[Reservation]

    @property
    def is_demo(self) -> bool:
        return self.first.is_demo or self.second.is_demo

    def obliges(self, kind: str) -> bool:
        return any(a.article.kind == kind for a in self.articles)


@dataclass
class TreatyBasis:
    requesting: State
    requested: State
    offence: str
    day: datetime.date
    instruments: list[BasisInstrument]
    #: Instruments defining the offence that only one State (or neither) is party to on the day.
    missing: list[tuple[Instrument, bool, bool]]

    @property
    def codes(self) -> list[str]:
        return [b.instrument.code for b in self.instruments]

    @property
    def has_demo(self) -> bool:
        return any(b.is_demo for b in self.instruments)


def _standing(actions: list[Any]) -> list[Reservation]:
    """Reservations and declarations not withdrawn (a withdrawal cancels earlier ones naming the same articles)."""
    kept: list[Reservation] = []
    for action in actions:
        cited = cited_articles(action.text)
        state = action.participation.state
        if action.kind == ActionKind.WITHDRAWAL_OF_RESERVATION:
            kept = [
                r for r in kept
                if not (r.state.pk == state.pk and r.kind == ActionKind.RESERVATION and (not cited or r.articles <= cited))
            ]  # fmt: skip
            continue
        kept.append(Reservation(state, action.kind, action.get_kind_display(), action.date, action.text, cited))
    return kept


def treaty_basis(user: Any, requesting: State, requested: State, offence: str, day: datetime.date) -> TreatyBasis:
    """The instruments both States are party to on ``day`` that define ``offence``, with the articles that
    oblige them to cooperate and the reservations and declarations either State made on those articles."""
    codes = articles.instruments_for(offence)
    shared = treaty_queries.instruments_in_force_between(user, requesting, requested, day, codes=codes)
    actions = treaty_queries.reservations_standing(user, [p for s in shared for p in (s.first, s.second)], day)
    by_participation: dict[int, list[Any]] = {}
    for action in actions:
        by_participation.setdefault(action.participation_id, []).append(action)
    found: list[BasisInstrument] = []
    for item in shared:
        standing = _standing(by_participation.get(item.first.pk, []) + by_participation.get(item.second.pk, []))
        rows = [BasisArticle(a) for a in articles.articles_for(item.instrument.code, offence)]
        tied: set[int] = set()
        for row in rows:
            for index, reservation in enumerate(standing):
                if row.article.number.lower() in reservation.articles:
                    row.reservations.append(reservation)
                    tied.add(index)
        others = [r for i, r in enumerate(standing) if i not in tied]
        found.append(BasisInstrument(item.instrument, item.first, item.second, rows, others))
    found.sort(key=lambda b: codes.index(b.instrument.code))
    present = {b.instrument.code for b in found}
    parties = {
        (p.state_id, p.instrument.code)
        for p in Participation.objects.restrict(user)
        .filter(consent_date__lte=day)
        .exclude(denunciation_effective_date__lte=day)
        .filter(state__in=[requesting.pk, requested.pk], instrument__code__in=codes)
        .select_related("instrument")
    }
    missing = [
        (inst, (requesting.pk, inst.code) in parties, (requested.pk, inst.code) in parties)
        for inst in sorted(Instrument.objects.restrict(user).filter(code__in=codes), key=lambda i: codes.index(i.code))
        if inst.code not in present
    ]
    return TreatyBasis(requesting, requested, offence, day, found, missing)


def statistics() -> list[dict[str, Any]]:
    """Requests counted by State pair, kind, offence and status: values only, never a row of a request.

    Like the directory's public coverage, deliberately not restricted by the request policy: it
    returns no reference, fact, name or date, only counts (drafts are left out).
    """
    return list(
        CooperationRequest.objects.exclude(status="drafted")
        .values("requesting_state__iso3", "requested_state__iso3", "kind", "offence", "status")
        .annotate(count=Count("pk"))
        .order_by("requesting_state__iso3", "requested_state__iso3", "kind", "offence", "status")
    )


def request_rows() -> Any:
    """Requests with what their pages and endpoints show loaded; callers restrict them (``restrict(user)``)."""
    return CooperationRequest.objects.select_related(
        "requesting_state", "requested_state", "drafting_state", "requested_authority"
    ).prefetch_related("instruments")


def step_rows() -> Any:
    """Case steps with their request loaded; callers restrict them."""
    return CaseStep.objects.select_related("request", "recorded_by")
