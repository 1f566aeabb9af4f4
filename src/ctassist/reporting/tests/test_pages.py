"""The reporting pages on the one way: exports through core.exports, actions POST-only."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from ctassist.assistance.models import Activity
from ctassist.reporting.models import Report

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://example.org","x")'


def _rows(response):
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_figure_records_export_neutralises_formulas_and_names_columns(built, world, client_for):
    Activity.objects.filter(pk=world.a1.pk).update(title=FORMULA)
    response = client_for("officer").get(
        reverse("reporting:figure_records", args=[built.pk, "capacity.activities"]), {"export": "csv"}
    )
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = _rows(response)
    assert rows[0] == ["Starts", "Activity", "Type", "Status"]
    titles = [r[1] for r in rows[1:]]
    assert "'" + FORMULA in titles and FORMULA not in titles


def test_figure_records_export_says_when_it_holds_demonstration_data(built, world, client_for):
    Activity.objects.filter(pk=world.a1.pk).update(is_demo=True)
    response = client_for("officer").get(
        reverse("reporting:figure_records", args=[built.pk, "capacity.activities"]), {"export": "csv"}
    )
    assert _rows(response)[0][0].startswith("[DEMO]")


def test_dashboard_export_neutralises_formulas(world, client_for):
    from ctassist.funding.models import Contribution

    donor = Contribution.objects.select_related("donor__organisation").first().donor.organisation
    donor.name = FORMULA
    donor.save(update_fields=["name"])
    rows = _rows(client_for("officer").get(reverse("reporting:dashboards"), {"data": "contributions", "export": "csv"}))
    assert rows[1][0] == "'" + FORMULA


@pytest.mark.parametrize("name", ["report_rebuild", "report_delete"])
def test_report_actions_are_post_only(built, client_for, name):
    response = client_for("officer").get(reverse(f"reporting:{name}", args=[built.pk]))
    assert response.status_code == 405
    assert Report.objects.filter(pk=built.pk).exists()


def test_delete_page_says_so_and_returns_to_the_list(built, client_for):
    response = client_for("officer").post(reverse("reporting:report_delete", args=[built.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("reporting:report_list")
    assert "The report was deleted." in response.content.decode()


@pytest.mark.parametrize("role", ["focal_point", "partner", "donor"])
def test_others_cannot_delete_or_rebuild(built, client_for, role):
    client = client_for(role)
    for name in ("report_rebuild", "report_delete"):
        assert client.post(reverse(f"reporting:{name}", args=[built.pk])).status_code in (403, 404)
    assert Report.objects.filter(pk=built.pk).exists()


def test_create_page_answers_400_with_the_errors(world, client_for):
    response = client_for("officer").post(
        reverse("reporting:report_create"),
        {"resolution": world.resolution.symbol, "period_start": "2020-01-01", "period_end": "2026-12-31"},
    )
    assert response.status_code == 400
    assert "A report covers at most five years." in response.content.decode()
