"""The report content, built from fixed data sets, against a stored snapshot.

The builder's shape may change (one module per part of the report); what it computes may not,
unless on purpose. Each scenario builds the content with ``build_content`` and compares it with
``snapshots/<scenario>.json``. Database ids and the drafting day are the only things that vary
between runs, so they are replaced by stable names before the comparison: each figure's ids by
the records they name, the resolution id by its symbol, today's date by ``<today>``.

After an intended change of the content, write the snapshots again with
``CTASSIST_WRITE_SNAPSHOTS=1 pytest src/ctassist/reporting/tests/test_builder_snapshot.py``
and review the difference in version control.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.utils import timezone
from django.utils.formats import date_format

from ctassist.library.models import LegislativeReview, Publication, ReviewItem
from ctassist.mandates.models import Paragraph, ParagraphAddressee, ParagraphTheme, Resolution
from ctassist.reporting.builder import build_content
from ctassist.reporting.tests.conftest import END, START, D, count, make_activity

pytestmark = pytest.mark.django_db

SNAPSHOTS = Path(__file__).parent / "snapshots"


def _name(obj: Any) -> str:
    if obj._meta.label_lower == "assistance.participantcount":
        return f"{obj.activity.title}: {obj}"
    if obj._meta.label_lower == "geo.state":
        return obj.iso3
    return str(obj)


def stable(content: dict[str, Any]) -> dict[str, Any]:
    """``content`` with ids and today's date replaced by what does not change between runs."""
    out = json.loads(json.dumps(content))
    for figure in out["figures"].values():
        model = apps.get_model(figure["model"])
        objects = model._default_manager.filter(pk__in=figure["ids"])
        names = sorted(_name(o) for o in objects)
        assert len(names) == len(figure["ids"]), f"a figure names records that do not exist: {figure}"
        figure["ids"] = names
    out["resolution"]["id"] = out["resolution"]["symbol"]
    today = date_format(timezone.localdate(), "j F Y")
    return json.loads(json.dumps(out).replace(today, "<today>"))


def check(name: str, resolution: Resolution, user: Any) -> None:
    steps: list[tuple[int, str]] = []
    content = build_content(resolution, START, END, user, progress=lambda pct, msg: steps.append((pct, msg)))
    # The figures' order is kept too (sort_keys below would hide it): the records pages list them so.
    result = {
        "content": stable(content),
        "figure_order": list(content["figures"]),
        "progress": [list(s) for s in steps],
    }
    path = SNAPSHOTS / f"{name}.json"
    if os.environ.get("CTASSIST_WRITE_SNAPSHOTS") == "1":
        path.write_text(json.dumps(result, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert result == stored


def test_report_on_the_hand_counted_world(world, actors):
    """Sections for paragraphs 1, 2 (ratification) and 4 (contributions); as the officer sees it."""
    check("world_officer", world.resolution, actors.officer)


def test_report_with_publications_and_a_finalised_review(world, actors):
    """Publications on a paragraph's themes, and a review finalised in the period with its gaps."""
    Publication.objects.create(title="Handbook on ratification", kind="handbook", year=2024, themes=["ratification"])
    Publication.objects.create(title="Training manual", kind="handbook", year=2024, themes=["training"])
    Publication.objects.create(title="Old manual", kind="handbook", year=2023, themes=["training"])
    review = LegislativeReview.objects.create(state=actors.state, title="Review of Kenya (test)", status="final",
                                              finalised_on=D(2024, 6, 1))  # fmt: skip
    LegislativeReview.objects.create(state=actors.state, title="Draft review (test)")
    for position, status in enumerate(["not", "partly", "fully", "not"], start=1):
        ReviewItem.objects.create(review=review, instrument=world.instruments[0], item_key=f"k{position}",
                                  position=position, category="offence", article=f"Art. {position}",
                                  requirement="Requirement.", status=status)  # fmt: skip
    check("world_library_officer", world.resolution, actors.officer)


def test_report_as_a_donor_sees_the_records(world, actors):
    """The same report computed as a donor: fewer rows reachable, same shape."""
    check("world_donor", world.resolution, actors.donor)


def test_report_without_ratification_or_contribution_paragraphs(world, actors):
    """Ratifications go to the introduction and contributions to the last section; long lists are cut."""
    resolution = Resolution.objects.create(symbol="A/RES/99/902", title="", adopted_on=None)
    spec = [
        (1, ["unodc"], ["training"], "Requests UNODC to continue training criminal justice officials " * 3),
        (2, ["secretary-general"], ["training", "reporting"], "Requests the Secretary-General to train."),
    ]
    for position, (number, who, themes, text) in enumerate(spec, start=1):
        p = Paragraph.objects.create(resolution=resolution, kind="operative", position=position, number=number,
                                     text=text)  # fmt: skip
        for w in who:
            ParagraphAddressee.objects.create(paragraph=p, addressee=w)
        for t in themes:
            ParagraphTheme.objects.create(paragraph=p, theme=t)
    for day in range(1, 13):
        a = make_activity([actors.other_state], "training", D(2024, 9, day), type="workshop", title=f"Workshop {day}")
        count(a, actors.other_state, "women", day, agency="prosecution")
    check("short_resolution_officer", resolution, actors.officer)
