"""The library's create pages and POST-only steps, on core's ServiceFormView / ServiceActionView,
and its list exports."""

import datetime
import io

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from ctassist.core.models import ChangeLogEntry
from ctassist.library import services
from ctassist.library.choices import LegislationStatus, ReviewStatus
from ctassist.library.models import CaseLaw, Legislation, LegislativeReview, Publication
from ctassist.library.tests.factories import law
from ctassist.treaties.models import Instrument

pytestmark = pytest.mark.django_db

LAW_TEXT = "Section 1. Short title\nThis Act may be cited as the Page Test Act.\n\nSection 2. Offence\nFunding terror is an offence."


def _message(response):
    """The message the response added last (earlier ones stay stored until a page shows them)."""
    return [str(m) for m in get_messages(response.wsgi_request)][-1]


def test_add_a_case(client, actors):
    client.force_login(actors.officer)
    url = reverse("library:case_add")
    assert client.get(url).status_code == 200
    assert client.post(url, {"title": "No court given"}).status_code == 400
    financing = Instrument.objects.get(code="financing-1999")
    response = client.post(
        url,
        {
            "state": actors.state.pk,
            "title": "Prosecutor v. Page",
            "court": "High Court",
            "decided_on": "2021-02-03",
            "summary": "Conviction.",
            "language": "en",
            "instruments": [financing.pk],
        },
    )
    case = CaseLaw.objects.get(title="Prosecutor v. Page")
    assert response.status_code == 302 and response.url == case.get_absolute_url()
    assert list(case.instruments.all()) == [financing]
    assert ChangeLogEntry.objects.get(content_type__model="caselaw", object_id=str(case.pk), action="create").after["instruments"] == [financing.pk]


def test_only_unodc_adds_cases(client, actors):
    client.force_login(actors.focal_point)
    assert client.get(reverse("library:case_add")).status_code == 403


def test_upload_a_law_previews_then_saves(client, actors):
    client.force_login(actors.officer)
    url = reverse("library:legislation_upload")
    data = {"state": actors.state.pk, "title": "Page Test Act", "kind": "counter-terrorism", "language": "en",
            "text": LAW_TEXT}  # fmt: skip
    preview = client.post(url, data)
    assert preview.status_code == 200 and not Legislation.objects.exists()
    assert len(preview.context["preview"]) == 2
    saved = client.post(url, {**data, "confirm": "1"})
    legislation = Legislation.objects.get(title="Page Test Act")
    assert saved.status_code == 302 and saved.url == legislation.get_absolute_url()
    assert legislation.provisions.count() == 2 and legislation.status == LegislationStatus.PUBLISHED
    assert _message(saved) == "Saved with 2 provisions."


def test_a_law_the_service_refuses_is_shown_again_with_the_error(client, actors):
    client.force_login(actors.officer)
    data = {"state": actors.state.pk, "title": "Page Test Act", "kind": "counter-terrorism", "language": "en",
            "text": LAW_TEXT, "adopted_on": "2020-05-01", "in_force_on": "2019-01-01", "confirm": "1"}  # fmt: skip
    response = client.post(reverse("library:legislation_upload"), data)
    assert response.status_code == 400 and not Legislation.objects.exists()
    assert response.context["form"].errors["in_force_on"] and len(response.context["preview"]) == 2


def test_upload_a_publication_previews_then_saves(client, actors):
    client.force_login(actors.officer)
    url = reverse("library:publication_upload")
    data = {"title": "Page handbook", "kind": "handbook", "year": 2020, "languages": ["en"], "text": "Handbook text."}
    assert client.post(url, data).status_code == 200 and not Publication.objects.exists()
    saved = client.post(url, {**data, "confirm": "1"})
    publication = Publication.objects.get(title="Page handbook")
    assert saved.status_code == 302 and publication.text == "Handbook text."


def test_publish_a_proposed_law(client, actors):
    proposed = law(actors.state, acting_user=actors.focal_point)
    assert proposed.status == LegislationStatus.PROPOSED
    url = reverse("library:legislation_publish", args=[proposed.pk])
    client.force_login(actors.officer)
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302 and _message(response) == "Published."
    proposed.refresh_from_db()
    assert proposed.status == LegislationStatus.PUBLISHED
    again = client.post(url)
    assert _message(again) == "This law is already published."


def test_review_start_assess_finalise_reopen(client, actors):
    law(actors.state, acting_user=actors.officer)
    client.force_login(actors.officer)
    financing = Instrument.objects.get(code="financing-1999")
    started = client.post(reverse("library:review_start"), {"state": actors.state.pk, "instruments": [financing.pk]})
    review = LegislativeReview.objects.get()
    assert started.status_code == 302 and started.url == review.get_absolute_url()
    transition = reverse("library:review_transition", args=[review.pk])
    refused = client.post(transition)
    assert "not yet assessed" in _message(refused)
    item = review.items.first()
    bad = client.post(
        reverse("library:review_item_update", args=[item.pk]), {f"item{item.pk}-status": "nonsense", f"item{item.pk}-version": 1}
    )
    assert bad.status_code == 302 and bad.url.endswith(f"#item-{item.pk}") and _message(bad).startswith("Status: ")
    for each in review.items.all():
        response = client.post(
            reverse("library:review_item_update", args=[each.pk]),
            {f"item{each.pk}-status": "n/a", f"item{each.pk}-assessed_on": "2024-01-02", f"item{each.pk}-version": 1},
        )
        assert _message(response) == f"Saved: {each.article}."
    assert _message(client.post(transition)) == "The review is final."
    review.refresh_from_db()
    assert review.status == ReviewStatus.FINAL
    assert _message(client.post(transition, {"reason": "New law adopted"})) == "The review is open again as a draft."
    review.refresh_from_db()
    assert review.status == ReviewStatus.DRAFT


def test_a_stale_assessment_is_refused_and_nothing_is_written(client, actors):
    law(actors.state, acting_user=actors.officer)
    client.force_login(actors.officer)
    financing = Instrument.objects.get(code="financing-1999")
    client.post(reverse("library:review_start"), {"state": actors.state.pk, "instruments": [financing.pk]})
    item = LegislativeReview.objects.get().items.first()
    page = client.get(reverse("library:review_detail", args=[item.review_id]))
    assert f'name="item{item.pk}-version" value="1"' in page.content.decode()
    url = reverse("library:review_item_update", args=[item.pk])
    prefix = f"item{item.pk}-"
    first = client.post(url, {prefix + "status": "not", prefix + "assessed_on": "2024-01-02", prefix + "version": 1})
    assert _message(first) == f"Saved: {item.article}."
    item.refresh_from_db()
    assert item.status == "not" and item.version == 2
    # a second reviewer, still looking at version 1
    stale = client.post(url, {prefix + "status": "n/a", prefix + "assessed_on": "2024-01-03", prefix + "version": 1})
    assert "Someone else changed this record" in _message(stale)
    item.refresh_from_db()
    assert item.status == "not" and item.version == 2




FORMULA = '=HYPERLINK("http://evil.example","x")'


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_list_exports_neutralise_formulas(client, actors, fmt):
    law(actors.state, acting_user=actors.officer, title=FORMULA)
    services.save_case(
        acting_user=actors.officer,
        state=actors.state,
        title=FORMULA,
        court="Court",
        decided_on=datetime.date(2020, 1, 1),
        summary="Summary.",
    )
    services.save_publication(acting_user=actors.officer, title=FORMULA, kind="handbook", year=2020, languages=["en"])
    client.force_login(actors.officer)
    for name in ("library:legislation_list", "library:case_list", "library:publication_list"):
        response = client.get(reverse(name), {"export": fmt})
        assert response.status_code == 200, name
        if fmt == "csv":
            body = response.content.decode("utf-8")
            assert body.startswith("\ufeff") and "'=HYPERLINK" in body, name
            assert "\n=HYPERLINK" not in body and ",=HYPERLINK" not in body and '"=HYPERLINK' not in body, name
        else:
            sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
            cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c and "HYPERLINK" in str(c)]
            assert cells and all(c.startswith("'") for c in cells), name
