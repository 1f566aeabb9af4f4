"""Issue 14 remainder: the officer's primary-section override, the narrative officers write and its
clearance (every role), laws adopted after legislative assistance, pre-/post-test scores and the
regional annex, over the hand-counted world of ``conftest``."""

from __future__ import annotations

import io
from decimal import Decimal

import docx
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from ctassist.core.models import ChangeLogEntry
from ctassist.core.services import TransitionRefused
from ctassist.library.models import Legislation, LegislativeReview
from ctassist.reporting import services
from ctassist.reporting.builder import build_content
from ctassist.reporting.builder.pillars import SECTIONS
from ctassist.reporting.choices import NarrativeStatus
from ctassist.reporting.models import Narrative, NarrativeVersion, PrimarySection
from ctassist.reporting.narrative import generated_texts, merged
from ctassist.reporting.tests.conftest import END, START, D, make_activity

pytestmark = pytest.mark.django_db

OUTSIDERS = ("focal_point", "other_focal_point", "donor", "partner", "anonymous")


def _log(obj):
    return ChangeLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))


def _docx_text(response) -> str:
    document = docx.Document(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    header = "\n".join(p.text for p in document.sections[0].header.paragraphs)
    return header + "\n" + "\n".join(p.text for p in document.paragraphs)


def _flat(parts) -> str:
    return "".join(f"<{p['f']}>" if isinstance(p, dict) else p for p in parts)


# -- the primary section ---------------------------------------------------------------------------


def test_officer_override_moves_the_activity_and_is_logged(world, actors):
    before = build_content(world.resolution, START, END, actors.officer)
    assert world.a1.pk in before["figures"]["capacity.activities"]["ids"]
    record = services.set_primary_section(
        acting_user=actors.officer, activity=world.a1, section="gender", reason="A course on gender mainstreaming."
    )
    after = build_content(world.resolution, START, END, actors.officer)
    assert world.a1.pk not in after["figures"]["capacity.activities"]["ids"]
    assert after["figures"]["gender.activities"]["ids"] == [world.a1.pk]
    # still counted once: the section counts add up to the total less the unattributed
    counted = [
        i
        for s in SECTIONS
        if f"{s.key}.activities" in after["figures"]
        for i in after["figures"][f"{s.key}.activities"]["ids"]
    ]
    assert sorted(counted) == sorted(
        set(after["figures"]["all.activities"]["ids"]) - set(after["figures"]["unattributed.activities"]["ids"])
    )
    annex_one = after["annexes"][0]
    assert any(row[1] == world.a1.title and row[4].endswith("(set by an officer)") for row in annex_one["rows"])
    assert "An officer set the section of 1 activity" in after["annexes"][1]["intro"]
    assert _log(record).count() == 1
    services.set_primary_section(acting_user=actors.officer, activity=world.a1, section="victims")
    assert PrimarySection.objects.get(activity=world.a1).section == "victims"
    assert _log(record).count() == 2
    services.remove_primary_section(acting_user=actors.officer, primary_section=PrimarySection.objects.get())
    again = build_content(world.resolution, START, END, actors.officer)
    assert world.a1.pk in again["figures"]["capacity.activities"]["ids"]


def test_override_refuses_bad_section_and_outsiders(world, actors):
    with pytest.raises(ValidationError) as error:
        services.set_primary_section(acting_user=actors.officer, activity=world.a1, section="nowhere")
    assert "section" in error.value.message_dict
    for role in ("focal_point", "donor", "partner"):
        with pytest.raises((PermissionDenied, ValidationError)):
            services.set_primary_section(acting_user=actors.user(role), activity=world.a1, section="gender")
    assert not PrimarySection.objects.exists()


def test_override_page_names_a_hidden_activity(world, actors, client_for):
    response = client_for("officer").post(
        reverse("reporting:primary_section_create"), {"activity": 999999, "section": "gender"}
    )
    assert response.status_code == 400
    assert "No activity with this number" in response.content.decode()
    response = client_for("officer").post(
        reverse("reporting:primary_section_create"), {"activity": world.a2.pk, "section": "gender"}
    )
    assert response.status_code == 302
    assert PrimarySection.objects.get().activity_id == world.a2.pk


# -- the narrative and its clearance ---------------------------------------------------------------


def test_narrative_starts_from_the_computed_draft_with_live_references(built, actors):
    record = services.start_narrative(acting_user=actors.officer, report=built)
    first = record.versions.get()
    assert first.number == 1
    assert "{{ figure:capacity.activities }}" in first.texts["capacity"]

    # the starting text reads exactly as the computed draft, paragraph by paragraph, numbers and notes included
    def paragraphs(content):
        return [
            (b["n"], " ".join(_flat(b["parts"]).split()), b["notes"])
            for c in content["chapters"] for h in (c, *c["sections"]) for b in h["blocks"] if b["type"] == "para"
        ]  # fmt: skip

    again = merged(built.content, first.texts)
    assert paragraphs(again) == paragraphs(built.content)
    assert _flat(again["summary"]) == _flat(built.content["summary"])


def test_written_paragraphs_replace_and_are_numbered_through(built, actors):
    texts = generated_texts(built.content)
    texts["capacity"] = (
        "In the period, UNODC trained {{ figure:capacity.women }} women. {{ note:1 }}\n\n"
        "A second paragraph written by the officer."
    )
    content = merged(built.content, texts)
    section = next(s for c in content["chapters"] for s in c["sections"] if s["key"] == "capacity")
    paragraphs = [b for b in section["blocks"] if b["type"] == "para"]
    assert paragraphs[0]["parts"] == ["In the period, UNODC trained ", {"f": "capacity.women"}, " women."]
    assert paragraphs[0]["notes"] == [1]
    assert paragraphs[1]["parts"] == ["A second paragraph written by the officer."]
    numbers = [
        b["n"] for c in content["chapters"] for h in (c, *c["sections"]) for b in h["blocks"] if b["type"] == "para"
    ]
    assert numbers == list(range(1, len(numbers) + 1))


def test_bad_reference_is_refused_naming_the_part(built, actors):
    record = services.start_narrative(acting_user=actors.officer, report=built)
    with pytest.raises(ValidationError) as error:
        services.save_narrative(
            acting_user=actors.officer, narrative_record=record, expected_version=record.version,
            texts={"capacity": "UNODC trained {{ figure:nothing.here }} people."},
        )  # fmt: skip
    assert "capacity" in error.value.message_dict
    assert "nothing.here" in error.value.message_dict["capacity"][0]
    with pytest.raises(ValidationError):
        services.save_narrative(
            acting_user=actors.officer, narrative_record=record, expected_version=record.version,
            texts={"capacity": "See {{ note:99 }}."},
        )  # fmt: skip
    assert record.versions.count() == 1


def test_clearance_workflow_versions_diff_and_docx(built, actors, client_for):
    officer, admin = actors.officer, actors.admin
    record = services.start_narrative(acting_user=officer, report=built)
    record = services.save_narrative(
        acting_user=officer, narrative_record=record, expected_version=record.version, note="Rewrote the summary",
        texts={"summary": "UNODC delivered {{ figure:all.activities }} activities, written by an officer."},
    )  # fmt: skip
    assert record.versions.count() == 2 and record.status == NarrativeStatus.DRAFT
    download = client_for("officer").get(reverse("reporting:report_docx", args=[built.pk]))
    text = _docx_text(download)
    assert "written by an officer" in text and "NOT CLEARED" in text

    record = services.submit_narrative(acting_user=officer, narrative_record=record, expected_version=record.version)
    with pytest.raises(TransitionRefused):  # locked while with the clearing officer
        services.save_narrative(acting_user=officer, narrative_record=record, expected_version=record.version, texts={})
    with pytest.raises(TransitionRefused):  # nobody clears their own submission
        services.clear_narrative(acting_user=officer, narrative_record=record)
    with pytest.raises(ValidationError):
        services.return_narrative(acting_user=admin, narrative_record=record, comments=" ")
    record = services.return_narrative(acting_user=admin, narrative_record=record, comments="Name the donors.")
    assert record.status == NarrativeStatus.RETURNED and record.comments == "Name the donors."
    record = services.save_narrative(
        acting_user=officer, narrative_record=record, expected_version=record.version,
        texts={"summary": "UNODC delivered {{ figure:all.activities }} activities, funded by donors named in full."},
    )  # fmt: skip
    record = services.submit_narrative(acting_user=officer, narrative_record=record)
    record = services.clear_narrative(acting_user=admin, narrative_record=record)
    assert record.status == NarrativeStatus.CLEARED and record.cleared_by == admin

    text = _docx_text(client_for("officer").get(reverse("reporting:report_docx", args=[built.pk])))
    assert "funded by donors named in full" in text
    assert "Narrative cleared by" in text and "NOT CLEARED" not in text
    preview = client_for("admin").get(built.get_absolute_url()).content.decode()
    assert "funded by donors named in full" in preview
    assert reverse("reporting:figure_records", args=[built.pk, "all.activities"]) in preview

    compare = client_for("officer").get(reverse("reporting:narrative_compare", args=[record.pk]) + "?a=2&b=3")
    body = compare.content.decode()
    assert compare.status_code == 200
    assert "<del>written by an officer.</del>" in body.replace("\n", " ") or "<del>" in body
    assert "<ins>" in body and "named" in body

    actions = list(_log(record).values_list("action", flat=True))
    assert actions.count("create") == 1 and actions.count("update") >= 6
    assert _log(NarrativeVersion.objects.get(narrative=record, number=3)).count() == 1


def test_editing_a_cleared_narrative_makes_it_a_draft_again(built, actors):
    record = services.start_narrative(acting_user=actors.officer, report=built)
    record = services.submit_narrative(acting_user=actors.officer, narrative_record=record)
    record = services.clear_narrative(acting_user=actors.admin, narrative_record=record)
    record = services.save_narrative(
        acting_user=actors.officer, narrative_record=record, expected_version=record.version,
        texts={"summary": "A later change."},
    )  # fmt: skip
    assert record.status == NarrativeStatus.DRAFT and record.cleared_by is None


def test_the_editor_page_saves_a_version(built, actors, client_for):
    record = services.start_narrative(acting_user=actors.officer, report=built)
    page = client_for("officer").get(reverse("reporting:narrative_edit", args=[record.pk]))
    assert page.status_code == 200 and "{{ figure:capacity.activities }}" in page.content.decode()
    data = {**generated_texts(built.content), "version": record.version, "note": "Tightened"}
    data["conclusions"] = "The officer's own conclusion."
    response = client_for("officer").post(reverse("reporting:narrative_edit", args=[record.pk]), data)
    assert response.status_code == 302
    assert record.versions.order_by("-number").first().texts["conclusions"] == "The officer's own conclusion."
    stale = client_for("officer").post(reverse("reporting:narrative_edit", args=[record.pk]), data)
    assert stale.status_code == 409


@pytest.mark.parametrize("role", OUTSIDERS)
def test_nobody_but_unodc_sees_or_moves_a_narrative(built, actors, client_for, role):
    record = services.start_narrative(acting_user=actors.officer, report=built)
    user = actors.user(role)
    assert not Narrative.objects.restrict(user, "view").exists()
    assert not NarrativeVersion.objects.restrict(user, "view").exists()
    client = client_for(role)
    for name in ("narrative_detail", "narrative_edit", "narrative_compare"):
        assert client.get(reverse(f"reporting:{name}", args=[record.pk])).status_code in (302, 403, 404)
    for name in ("narrative_submit", "narrative_clear", "narrative_return"):
        client.post(reverse(f"reporting:{name}", args=[record.pk]), {"comments": "x"})
    client.post(reverse("reporting:narrative_start", args=[built.pk]))
    for path in (reverse("report-narrative-detail", args=[record.pk]), reverse("report-narrative-list")):
        response = client.get(path)
        assert response.status_code in (401, 403, 404) or response.json()["count"] == 0
    record.refresh_from_db()
    assert record.status == NarrativeStatus.DRAFT and record.versions.count() == 1
    if role != "anonymous":
        with pytest.raises(PermissionDenied):
            services.submit_narrative(acting_user=user, narrative_record=record)
        with pytest.raises(PermissionDenied):
            services.start_narrative(acting_user=user, report=built)


# -- outcomes and the regional annex --------------------------------------------------------------


def test_laws_adopted_or_amended_after_legislative_assistance(world, actors):
    kenya, peru = actors.state, actors.other_state
    after = Legislation.objects.create(
        state=kenya, title="Counter-Terrorism Act 2024", kind="counter-terrorism", adopted_on=D(2024, 9, 1)
    )
    amended = Legislation.objects.create(
        state=kenya, title="Penal Code", kind="criminal-code", adopted_on=D(1990, 1, 1), amended_on=D(2024, 11, 1)
    )
    Legislation.objects.create(
        state=kenya, title="Before the assistance", kind="counter-terrorism", adopted_on=D(2024, 2, 1)
    )
    from ctassist.geo.models import State

    elsewhere = State.objects.exclude(pk__in=[kenya.pk, peru.pk]).first()
    Legislation.objects.create(
        state=elsewhere, title="Unassisted law", kind="counter-terrorism", adopted_on=D(2024, 9, 1)
    )
    review = LegislativeReview.objects.create(
        state=peru, title="Review of Peru", status="final", finalised_on=D(2023, 6, 1)
    )
    reviewed = Legislation.objects.create(
        state=peru, title="Law after review", kind="criminal-code", adopted_on=D(2024, 10, 1)
    )
    content = build_content(world.resolution, START, END, actors.officer)
    figures = content["figures"]
    # a6 (legislative drafting for Kenya, 1 March 2024) precedes the first two; the review the third
    assert sorted(figures["ratification.laws.adopted"]["ids"]) == sorted([after.pk, reviewed.pk])
    assert figures["ratification.laws.amended"]["ids"] == [amended.pk]
    annex = next(a for a in content["annexes"] if a["title"].startswith("Laws adopted or amended"))
    assert [row[1] for row in annex["rows"]] == ["Counter-Terrorism Act 2024", "Penal Code", "Law after review"]
    assert world.a6.title in annex["rows"][0][3]
    assert review.title in annex["rows"][2][3]
    text = " ".join(
        str(p)
        for c in content["chapters"]
        for s in c["sections"]
        for b in s["blocks"]
        if b["type"] == "para"
        for p in b["parts"]
    )
    assert "Following legislative assistance from UNODC" in text


def test_pre_and_post_test_scores(world, actors):
    from ctassist.training import services as training
    from ctassist.training.models import Nomination
    from ctassist.training.tests.factories import enrolled, make_course

    session = training.open_session(
        acting_user=None, course=make_course(), activity=world.a1, language="en", seats={actors.state: 3}
    )
    scores = [(Decimal("40"), Decimal("70")), (Decimal("50"), Decimal("90"))]
    for n, (pre, post) in enumerate(scores, start=1):
        nomination = enrolled(actors, session, n)
        Nomination.objects.filter(pk=nomination.pk).update(pre_score=pre, post_score=post)
    enrolled(actors, session, 3)  # tested once: not counted
    content = build_content(world.resolution, START, END, actors.officer)
    figures = content["figures"]
    assert figures["capacity.tested"]["value"] == 2
    assert figures["capacity.score.pre"]["value"] == "45.0"
    assert figures["capacity.score.post"]["value"] == "80.0"
    annex = next(a for a in content["annexes"] if a["title"] == "Pre- and post-course test scores")
    assert annex["rows"][0][2:] == ["2", "45.0", "80.0", "+35.0"]


def test_regional_annex_by_group_and_state(world, actors):
    content = build_content(world.resolution, START, END, actors.officer)
    annex = next(a for a in content["annexes"] if a["title"] == "Assistance by regional group and State")
    rows = {(r[0], r[1]): r[2:] for r in annex["rows"]}
    # Kenya: a1, a6, a7 (women 3, men 5); Peru: a2 (women 2, men 1, not recorded 4)
    assert rows[("", "Kenya")] == ["3", "3", "5", "0", "8"]
    assert rows[("", "Peru")] == ["1", "2", "1", "4", "7"]
    assert rows[("Total", "")] == ["4", "5", "6", "4", "15"]


def test_new_activity_counted_once_with_override(world, actors):
    extra = make_activity([actors.state], "gender", D(2024, 4, 4), type="workshop", title="Gender override")
    services.set_primary_section(acting_user=actors.officer, activity=extra, section="capacity")
    content = build_content(world.resolution, START, END, actors.officer)
    sections = [s.key for s in SECTIONS if extra.pk in content["figures"].get(f"{s.key}.activities", {}).get("ids", [])]
    assert sections == ["capacity"]
