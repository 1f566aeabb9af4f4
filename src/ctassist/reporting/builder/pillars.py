"""Where each activity is counted: the sections of chapter II and the rule that gives every
activity exactly one primary section.

The sections follow the Secretary-General's reports on this agenda item (E/CN.15/2021/5): the
three pillars (ratification and legislative incorporation; capacity-building of criminal justice
officials; international cooperation in criminal matters), then the thematic areas the resolution
names. The rule, applied in this order, the first match deciding:

1. a legislative drafting or review activity, or one on ratification, counts under
   ratification and legislative incorporation;
2. an activity on international cooperation (or the designated authorities) counts under
   international cooperation in criminal matters;
3. an activity on one of the thematic areas counts under the first of those areas, in the order
   of the report, whose themes it has;
4. any other training course, workshop, mentoring programme, study visit or e-learning course, or
   an activity on training, national coordination, strategies or forensic evidence, counts under
   capacity-building;
5. anything else is attributed to no section and is listed in the reconciliation annex.

An officer may override the rule for an activity (``reporting.models.PrimarySection``, set through
``services.set_primary_section`` and logged): the section chosen is then the one it is counted in.

An activity may be mentioned in other sections' narrative; it is counted only in its own, so the
section counts add up to the number of distinct activities delivered less the unattributed ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from ctassist.assistance.queries import LEGISLATIVE_TYPES, DeliveredActivity


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    themes: frozenset[str]
    pillar: bool = False


RATIFICATION = Section(
    "ratification", "Ratification and legislative incorporation", frozenset({"ratification"}), pillar=True
)
CAPACITY = Section(
    "capacity",
    "Capacity-building of criminal justice officials",
    frozenset({"training", "national-coordination", "strategies", "forensic-evidence", "knowledge-portal"}),
    pillar=True,
)
COOPERATION = Section(
    "cooperation",
    "International cooperation in criminal matters",
    frozenset({"international-cooperation", "designated-authorities"}),
    pillar=True,
)
THEMATIC = (
    Section(
        "financing",
        "Countering the financing of terrorism",
        frozenset({"terrorism-financing", "organized-crime-links", "kidnapping-for-ransom"}),
    ),
    Section("fighters", "Foreign terrorist fighters", frozenset({"foreign-terrorist-fighters", "travel-data"})),
    Section(
        "cbrn",
        "Chemical, biological, radiological and nuclear terrorism",
        frozenset({"cbrn", "critical-infrastructure"}),
    ),
    Section("victims", "Victims of terrorism", frozenset({"victims"})),
    Section("children", "Children", frozenset({"children"})),
    Section("gender", "Gender perspectives", frozenset({"gender"})),
    Section("rights", "Human rights and the rule of law", frozenset({"rule-of-law"})),
    Section("prisons", "Prisons and radicalization to violence", frozenset({"prisons-radicalization"})),
    Section("borders", "Border management", frozenset({"border-management", "biometrics"})),
    Section(
        "ict",
        "Information and communications technology",
        frozenset({"ict-internet", "cultural-property"}),
    ),
)
SECTIONS: tuple[Section, ...] = (RATIFICATION, CAPACITY, COOPERATION, *THEMATIC)
CAPACITY_TYPES = frozenset({"training", "workshop", "mentoring", "study_visit", "elearning"})


def primary(activity: DeliveredActivity) -> Section | None:
    """The one section ``activity`` is counted in (the rule in the module's docstring), or None."""
    if activity.type in LEGISLATIVE_TYPES or activity.themes & RATIFICATION.themes:
        return RATIFICATION
    if activity.themes & COOPERATION.themes:
        return COOPERATION
    for section in THEMATIC:
        if activity.themes & section.themes:
            return section
    if activity.type in CAPACITY_TYPES or activity.themes & CAPACITY.themes:
        return CAPACITY
    return None


BY_KEY = {s.key: s for s in SECTIONS}


def attribute(
    activities: dict[int, DeliveredActivity],
    overrides: dict[int, str] | None = None,
) -> tuple[dict[str, list[DeliveredActivity]], list[DeliveredActivity]]:
    """Every activity in its primary section (by section key, in start order), and the unattributed.

    ``overrides`` maps an activity id to the section key an officer chose for it; it wins over the rule.
    """
    overrides = overrides or {}
    counted: dict[str, list[DeliveredActivity]] = {s.key: [] for s in SECTIONS}
    unattributed: list[DeliveredActivity] = []
    for activity in activities.values():
        chosen = overrides.get(activity.id)
        section = BY_KEY[chosen] if chosen in BY_KEY else primary(activity)
        if section is None:
            unattributed.append(activity)
        else:
            counted[section.key].append(activity)
    return counted, unattributed
