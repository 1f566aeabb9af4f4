"""Outcomes beyond the outputs: laws adopted or amended after legislative assistance, and what the
officials trained learned (the change between pre- and post-course test scores).

Rules (docs/reporting.md, "Counting rules"):

- **A law adopted or amended after legislative assistance**: published legislation of a State
  (library) adopted, or last amended, in the period, when that State received, from two years
  before the period up to that date, a legislative drafting or review activity, or had a
  legislative review finalised. The assistance behind each law is listed in the annex.
- **Knowledge gain**: enrolments (training) in the sessions of the activities delivered in the
  period with both a pre- and a post-course score recorded; the report gives the number tested,
  the average scores and their difference, overall and per course.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from ctassist.reporting.builder.data import ReportData
from ctassist.reporting.builder.text import Draft, day, join_and, num, plural

MAX_NAMED = 5


def _in(value: datetime.date | None, data: ReportData) -> bool:
    return value is not None and data.start <= value <= data.end


def laws_following_assistance(data: ReportData) -> list[dict[str, Any]]:
    """The laws adopted or amended in the period after legislative assistance to their State, each with
    the change (``adopted``/``amended``), its date and the assistance before it (activities and reviews)."""
    reviews: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for review in data.earlier_reviews:
        reviews[review["state_id"]].append(review)
    found = []
    for law in data.laws:
        if _in(law["adopted_on"], data):
            change, when = "adopted", law["adopted_on"]
        elif _in(law["amended_on"], data):
            change, when = "amended", law["amended_on"]
        else:  # pragma: no cover - the query only returns laws changed in the period
            continue
        activities = [a for a in data.legislative_assistance.get(law["state_id"], []) if a["start_date"] <= when]
        finalised = [r for r in reviews.get(law["state_id"], []) if r["finalised_on"] <= when]
        if not activities and not finalised:
            continue
        found.append({**law, "change": change, "date": when, "activities": activities, "reviews": finalised})
    return found


def law_blocks(draft: Draft, key: str, data: ReportData, found: list[dict[str, Any]], annex: str) -> list[dict]:
    """One paragraph on the laws adopted or amended after legislative assistance (none without any)."""
    if not found:
        return []
    adopted = [law for law in found if law["change"] == "adopted"]
    amended = [law for law in found if law["change"] == "amended"]
    states = sorted({data.states[law["state_id"]]["name"] for law in found if law["state_id"] in data.states})
    parts: list[Any] = ["Following legislative assistance from UNODC, "]
    if states:
        parts.append(f"{join_and(states[:MAX_NAMED])}{' and other States' if len(states) > MAX_NAMED else ''} ")
    said: list[Any] = []
    for rows, verb, fkey in ((adopted, "adopted", "adopted"), (amended, "amended", "amended")):
        if not rows:
            continue
        figure = draft.figure(
            f"{key}.laws.{fkey}",
            len(rows),
            f"laws {verb} in the period following legislative assistance",
            "library.legislation",
            [law["id"] for law in rows],
        )
        noun = "new law" if verb == "adopted" else "law"
        nouns = "new laws" if verb == "adopted" else "laws"
        said.append([f"{verb} " if verb == "amended" else "adopted ", figure, f" {plural(len(rows), noun, nouns)}"])
    for n, piece in enumerate(said):
        if n:
            parts.append(" and ")
        parts += piece
    parts.append(f" in the period (annex {annex}).")
    return [draft.para(parts)]


def law_annex(data: ReportData, found: list[dict[str, Any]]) -> dict[str, Any]:
    """The laws adopted or amended following legislative assistance, with the assistance before each."""
    rows = []
    for law in found:
        before = [f"{a['title']} ({day(a['start_date'])})" for a in law["activities"]]
        before += [f"Legislative review: {r['title']} ({day(r['finalised_on'])})" for r in law["reviews"]]
        rows.append(
            [
                data.states.get(law["state_id"], {}).get("name", ""),
                law["title"],
                f"{'Adopted' if law['change'] == 'adopted' else 'Amended'} {day(law['date'])}",
                "; ".join(before),
            ]
        )
    return {
        "title": "Laws adopted or amended following legislative assistance",
        "intro": (
            "Published legislation adopted or amended in the period by a State that received legislative "
            "drafting or review assistance from UNODC, or had a legislative review finalised, in the period "
            "or the two years before and before the law was adopted or amended."
        ),
        "headers": ["State", "Law", "Adopted or amended", "Assistance before it"],
        "widths": [2.8, 5.0, 2.8, 5.4],
        "rows": rows,
    }


def _average(values: list[float]) -> str:
    return f"{sum(values) / len(values):.1f}"


def score_blocks(draft: Draft, key: str, data: ReportData) -> list[dict[str, Any]]:
    """One paragraph on the change between pre- and post-course test scores, where any are recorded."""
    rows = data.scores
    if not rows:
        return []
    courses = {r["activity_id"] for r in rows}
    pre, post = [r["pre"] for r in rows], [r["post"] for r in rows]
    gain = sum(post) / len(post) - sum(pre) / len(pre)
    ids = [r["id"] for r in rows]
    tested = draft.figure(
        f"{key}.tested", len(rows), "participants tested before and after a course", "training.nomination", ids
    )
    parts: list[Any] = [
        "Where participants were tested before and after a course (",
        tested,
        f" {plural(len(rows), 'participant', 'participants')} in {num(len(courses))} "
        f"{plural(len(courses), 'course', 'courses')}), the average score ",
    ]
    direction = "rose" if gain > 0 else "fell" if gain < 0 else "remained at"
    if direction == "remained at":
        parts.append(f"remained at {_average(pre)} out of 100.")
    else:
        parts += [
            f"{direction} from ",
            draft.figure(
                f"{key}.score.pre", _average(pre), "average pre-course test score", "training.nomination", ids
            ),
            " to ",
            draft.figure(
                f"{key}.score.post", _average(post), "average post-course test score", "training.nomination", ids
            ),
            f" out of 100, a change of {gain:+.1f} points.",
        ]
    return [draft.para(parts)]


def score_annex(data: ReportData) -> dict[str, Any]:
    """Pre- and post-course test scores by course (activity), where recorded."""
    by_activity: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in data.scores:
        by_activity[r["activity_id"]].append(r)
    rows = []
    for activity_id, scores in by_activity.items():
        activity = data.activities.get(activity_id)
        pre, post = [r["pre"] for r in scores], [r["post"] for r in scores]
        change = sum(post) / len(post) - sum(pre) / len(pre)
        rows.append(
            [
                scores[0]["course"],
                f"{activity.title} ({day(activity.start_date)})" if activity else "",
                num(len(scores)),
                _average(pre),
                _average(post),
                f"{change:+.1f}",
            ]
        )
    return {
        "title": "Pre- and post-course test scores",
        "intro": (
            "Average scores out of 100 of the participants tested both before and after a course delivered in "
            "the period; courses without both tests recorded are not shown."
        ),
        "headers": ["Course", "Activity", "Tested", "Before", "After", "Change"],
        "widths": [3.6, 5.0, 1.6, 1.6, 1.6, 1.6],
        "rows": rows,
    }
