"""The report's figures against hand-counted fixtures (see conftest.py), its links, task and DOCX."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from ctassist.reporting import services
from ctassist.reporting.choices import ReportStatus
from ctassist.reporting.models import Report
from ctassist.reporting.tests.conftest import END, START

pytestmark = pytest.mark.django_db


def fig(report, key):
    return report.content["figures"][key]


def chapter(report, heading_start):
    return next(c for c in report.content["chapters"] if c["heading"].startswith(heading_start))


def test_sections_are_the_pillars_then_the_thematic_areas_with_activities(built):
    assert built.status == ReportStatus.DONE
    assert [s["key"] for s in built.content["chapters"][1]["sections"]] == [
        "ratification",
        "capacity",
        "cooperation",
        "borders",
    ]
    assert [c["heading"].split(". ")[0] for c in built.content["chapters"]] == ["I", "II", "III", "IV", "V", "VI"]


def test_activities_counted_inside_the_period_boundaries_only(built, world):
    assert fig(built, "capacity.activities")["value"] == 2
    assert fig(built, "capacity.activities")["ids"] == sorted([world.a1.pk, world.a2.pk])
    assert fig(built, "capacity.type.training")["value"] == 2
    assert fig(built, "all.activities")["ids"] == sorted([world.a1.pk, world.a2.pk, world.a6.pk, world.a7.pk])


def test_each_activity_is_counted_in_its_primary_section_only(built, world):
    assert fig(built, "ratification.activities")["ids"] == [world.a6.pk]
    assert fig(built, "ratification.legislative")["ids"] == [world.a6.pk]
    # a7 answers a request naming paragraph 2 (annex I says so) but is counted under border management
    assert fig(built, "borders.activities")["ids"] == [world.a7.pk]
    annex = built.content["annexes"][0]
    row = next(r for r in annex["rows"] if r[1] == "Linked (a7)")
    assert row[4] == "Border management" and row[5] == "2"


def test_women_and_men_trained(built):
    assert fig(built, "capacity.women")["value"] == 5
    assert fig(built, "capacity.men")["value"] == 6
    assert fig(built, "all.women")["value"] == 5
    assert fig(built, "all.men")["value"] == 6


def test_states_by_regional_group(built, actors):
    assert fig(built, "capacity.states")["ids"] == sorted([actors.state.pk, actors.other_state.pk])
    assert fig(built, "capacity.states.african")["ids"] == [actors.state.pk]
    assert fig(built, "capacity.states.grulac")["ids"] == [actors.other_state.pk]


def test_ratifications_in_the_period(built, world):
    assert fig(built, "ratification.ratifications")["ids"] == sorted([world.r1.pk, world.r2.pk])
    assert fig(built, "ratification.accessions")["ids"] == [world.r2.pk]
    code = world.instruments[0].code
    assert fig(built, f"ratification.ratifications.{code}")["ids"] == [world.r1.pk]


def test_contributions_received_not_pledged(built, world):
    assert fig(built, "resources.contributions")["ids"] == [world.c1.pk]
    assert fig(built, "resources.contributions.usd")["value"] == "$50,000"
    text = " ".join(
        p if isinstance(p, str) else ""
        for b in chapter(built, "IV.")["blocks"]
        if b["type"] == "para"
        for p in b["parts"]
    )
    assert "Pledges of $90,000" in text


def test_paragraphs_numbered_through_the_report(built):
    numbers = [
        b["n"]
        for c in built.content["chapters"]
        for b in c["blocks"] + [b for s in c["sections"] for b in s["blocks"]]
        if b["type"] == "para"
    ]
    assert sorted(numbers) == list(range(1, len(numbers) + 1))


def test_every_figure_link_lists_exactly_its_records(built, client_for):
    client = client_for("officer")
    for key, figure in built.content["figures"].items():
        response = client.get(reverse("reporting:figure_records", args=[built.pk, key]))
        assert response.status_code == 200, key
        assert response.context["page"].paginator.count == len(figure["ids"]), key
        assert response.context["hidden"] == 0, key


def test_ratification_figure_links_to_the_participation_list_filter(built, client_for):
    figure = fig(built, "ratification.ratifications")
    response = client_for("anonymous").get(figure["list_href"])
    assert response.status_code == 200
    assert response.context["table"].paginator.count == 2


def test_activity_figure_page_names_the_activities(built, client_for):
    response = client_for("officer").get(reverse("reporting:figure_records", args=[built.pk, "capacity.activities"]))
    body = response.content.decode()
    assert "Boundary start (a1)" in body and "Boundary end (a2)" in body
    assert "Before (a3)" not in body and "After (a4)" not in body and "Planned (a5)" not in body


def test_preview_links_every_figure(built, client_for):
    response = client_for("officer").get(reverse("reporting:report_detail", args=[built.pk]))
    body = response.content.decode()
    assert body.count('class="fig"') >= len([k for k in built.content["figures"] if "." in k]) // 2
    assert reverse("reporting:figure_records", args=[built.pk, "capacity.women"]) in body
    assert "A/XX/XXX" in body


def test_docx_opens_with_numbered_paragraphs(built):
    import docx

    document = docx.Document(io.BytesIO(built.docx.read()))
    texts = [p.text for p in document.paragraphs]
    assert any(t.startswith("1.\t") for t in texts)
    assert any(t.startswith("2.\t") for t in texts)
    assert any("DRAFT" in p.text for p in document.sections[0].header.paragraphs)
    assert "A/XX/XXX" in document.tables[0].rows[0].cells[1].text
    assert any(t == "Notes" for t in texts)
    annex_rows = [t for t in document.tables if t.rows[0].cells[1].text == "Activity"]
    assert annex_rows and len(annex_rows[0].rows) == 1 + 4


def test_docx_download(built, client_for):
    response = client_for("officer").get(reverse("reporting:report_docx", args=[built.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:2] == b"PK"


def test_progress_is_reported_and_reaches_100(world, actors, monkeypatch, django_capture_on_commit_callbacks):
    seen = []
    from ctassist.reporting import drafting

    original = drafting.progress

    def spy(report_id, pct, message, **fields):
        seen.append(pct)
        original(report_id, pct, message, **fields)

    monkeypatch.setattr(drafting, "progress", spy)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.request_report(
            acting_user=actors.officer, resolution=world.resolution, period_start=START, period_end=END
        )
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE and report.progress == 100 and report.built_at
    assert seen == sorted(seen) and len(seen) > 5


def test_failure_is_recorded(world, actors, monkeypatch, django_capture_on_commit_callbacks):
    import ctassist.reporting.builder as builder

    def boom(*args, **kwargs):
        raise RuntimeError("no paragraphs today")

    monkeypatch.setattr(builder, "build_content", boom)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.request_report(
            acting_user=actors.officer, resolution=world.resolution, period_start=START, period_end=END
        )
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED
    assert "no paragraphs today" in report.message
    assert not report.docx


def test_queued_report_page_polls_progress(world, actors, client_for):
    report = services.request_report(  # on_commit never fires here: the build stays queued
        acting_user=actors.officer, resolution=world.resolution, period_start=START, period_end=END
    )
    client = client_for("officer")
    body = client.get(reverse("reporting:report_detail", args=[report.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in body
    response = client.get(reverse("reporting:report_progress", args=[report.pk]))
    assert response.status_code == 200 and "HX-Refresh" not in response


def test_finished_progress_asks_the_page_to_refresh(built, client_for):
    response = client_for("officer").get(reverse("reporting:report_progress", args=[built.pk]))
    assert response["HX-Refresh"] == "true"


def test_create_page_enqueues(world, client_for, django_capture_on_commit_callbacks):
    client = client_for("officer")
    assert client.get(reverse("reporting:report_create")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reporting:report_create"),
            {"resolution": world.resolution.symbol, "period_start": "2024-01-01", "period_end": "2024-12-31"},
        )
    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE


def test_create_refuses_a_reversed_period(world, client_for):
    response = client_for("officer").post(
        reverse("reporting:report_create"),
        {"resolution": world.resolution.symbol, "period_start": "2024-12-31", "period_end": "2024-01-01"},
    )
    assert response.status_code == 400 and not Report.objects.exists()


@pytest.mark.parametrize("role", ["anonymous", "focal_point", "partner", "donor"])
def test_reports_are_unodc_only(built, client_for, role):
    client = client_for(role)
    detail = client.get(reverse("reporting:report_detail", args=[built.pk]))
    assert detail.status_code in (302, 403, 404)
    records = client.get(reverse("reporting:figure_records", args=[built.pk, "capacity.activities"]))
    assert records.status_code in (302, 403, 404)


def test_preview_query_count_is_constant(world, actors, client_for, django_assert_max_num_queries,
                                         django_capture_on_commit_callbacks):  # fmt: skip
    from ctassist.reporting.tests.conftest import count, make_activity

    client = client_for("officer")
    with django_capture_on_commit_callbacks(execute=True):
        small = services.request_report(
            acting_user=actors.officer, resolution=world.resolution, period_start=START, period_end=END
        )
    with django_assert_max_num_queries(12):
        assert client.get(reverse("reporting:report_detail", args=[small.pk])).status_code == 200
    import datetime

    for day in range(1, 25):
        a = make_activity([actors.state, actors.other_state], "training", datetime.date(2024, 2, day))
        count(a, actors.state, "women", day)
    with django_capture_on_commit_callbacks(execute=True):
        large = services.request_report(
            acting_user=actors.officer, resolution=world.resolution, period_start=START, period_end=END
        )
    large.refresh_from_db()
    assert large.content["figures"]["capacity.activities"]["value"] == 26
    with django_assert_max_num_queries(12):
        assert client.get(reverse("reporting:report_detail", args=[large.pk])).status_code == 200


def test_build_runs_a_fixed_number_of_queries(world, actors, django_assert_max_num_queries):
    from ctassist.reporting.builder import build_content

    with django_assert_max_num_queries(25):
        build_content(world.resolution, START, END, actors.officer)


def test_delete_report(built, actors, client_for):
    response = client_for("officer").post(reverse("reporting:report_delete", args=[built.pk]))
    assert response.status_code == 302
    assert not Report.objects.filter(pk=built.pk).exists()


def test_contribution_total_agrees_with_the_funding_area(built, actors):
    from ctassist.funding.queries import contributions_received

    totals = contributions_received(actors.officer, START, END)
    assert fig(built, "resources.contributions.usd")["value"] == f"${sum(t.usd for t in totals):,.0f}"
    assert sum(t.count + t.in_kind_count for t in totals) == fig(built, "resources.contributions")["value"]


def test_without_funding_records_the_section_says_so(world, actors, django_capture_on_commit_callbacks):
    from ctassist.funding.models import Contribution

    Contribution.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        report = services.request_report(
            acting_user=actors.officer, resolution=world.resolution, period_start=START, period_end=END
        )
    report.refresh_from_db()
    texts = [
        p for b in chapter(report, "IV.")["blocks"] if b["type"] == "para" for p in b["parts"] if isinstance(p, str)
    ]
    assert texts == ["No voluntary contribution received in the period was recorded."]


def test_rebuild_drafts_again(built, client_for, django_capture_on_commit_callbacks):
    first = built.built_at
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("officer").post(reverse("reporting:report_rebuild", args=[built.pk]))
    assert response.status_code == 302
    built.refresh_from_db()
    assert built.status == ReportStatus.DONE and built.built_at > first


def test_records_page_reports_records_gone_since(built, world, client_for):
    from ctassist.assistance.models import Activity

    Activity.objects.filter(pk=world.a1.pk).delete()
    response = client_for("officer").get(reverse("reporting:figure_records", args=[built.pk, "capacity.activities"]))
    assert response.context["hidden"] == 1
    assert "no longer visible to you or were deleted" in response.content.decode() or "no longer visible" in (
        response.content.decode()
    )
