"""The regional annex: assistance by United Nations regional group and by State, with the officials
trained by sex.

An activity that assisted several States is shown under each of them; the row of a regional group
and the total count it once. Participants are counted under the State they came from (the State of
the participant-count row).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from ctassist.assistance.choices import Sex
from ctassist.geo.choices import RegionalGroup
from ctassist.reporting.builder.data import ReportData
from ctassist.reporting.builder.text import num

GROUP_LABELS = dict(RegionalGroup.choices)


def annex(data: ReportData) -> dict[str, Any]:
    activities_of: dict[int, set[int]] = defaultdict(set)
    for activity in data.activities.values():
        for state_id in activity.states:
            activities_of[state_id].add(activity.id)
    trained: dict[int, Counter] = defaultdict(Counter)
    for row in data.participants:
        trained[row["state_id"]][row["sex"]] += row["count"]
    by_group: dict[str, list[int]] = defaultdict(list)
    for state_id in set(activities_of) | set(trained):
        state = data.states.get(state_id)
        if state is not None:
            by_group[state["regional_group"]].append(state_id)

    def cells(activity_ids: set[int], counts: Counter) -> list[str]:
        return [
            num(len(activity_ids)),
            num(counts[Sex.WOMEN]),
            num(counts[Sex.MEN]),
            num(counts[Sex.NOT_RECORDED]),
            num(sum(counts.values())),
        ]

    rows: list[list[Any]] = []
    order = [code for code, _label in RegionalGroup.choices]
    for group in sorted(by_group, key=lambda g: order.index(g) if g in order else len(order)):
        members = sorted(by_group[group], key=lambda s: data.states[s]["name"])
        group_activities = set().union(*(activities_of.get(s, set()) for s in members))
        group_counts: Counter = sum((trained.get(s, Counter()) for s in members), Counter())
        label = str(GROUP_LABELS.get(group, group)) if group != RegionalGroup.NONE else "No regional group"
        rows.append([label, "", *cells(group_activities, group_counts)])
        for s in members:
            rows.append(["", data.states[s]["name"], *cells(activities_of.get(s, set()), trained.get(s, Counter()))])
    everyone: Counter = sum(trained.values(), Counter())
    rows.append(["Total", "", *cells(set(data.activities), everyone)])
    return {
        "title": "Assistance by regional group and State",
        "intro": (
            "Activities delivered in the period and officials trained, by regional group and State. An activity "
            "that assisted several States is shown under each of them; the rows of the regional groups and the "
            "total count it once. Officials are counted under the State they came from."
        ),
        "headers": ["Regional group", "State", "Activities", "Women", "Men", "Not recorded", "Total trained"],
        "widths": [3.0, 3.4, 1.8, 1.6, 1.6, 2.0, 2.2],
        "rows": rows,
    }
