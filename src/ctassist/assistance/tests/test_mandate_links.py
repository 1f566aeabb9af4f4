"""A request's page suggests the operative paragraphs that cover it, from its themes."""

import pytest
from django.urls import reverse

from ctassist.assistance.tests.factories import make_request
from ctassist.core.testing import needs_shared
from ctassist.mandates.tests.factories import CORPUS, ingest_path

pytestmark = pytest.mark.django_db

needs_corpus = needs_shared(CORPUS / "A_RES_74_175.txt")


@needs_corpus
def test_request_page_suggests_covering_paragraphs(client, actors):
    ingest_path(CORPUS / "A_RES_72_194.txt")
    ingest_path(CORPUS / "A_RES_74_175.txt")
    request = make_request(actors, theme_codes=("biometrics",))
    client.force_login(actors.officer)
    response = client.get(reverse("assistance:request_detail", args=[request.pk]))
    suggested = response.context["covering_mandates"]
    assert [(p.resolution.symbol, p.number) for p in suggested] == [("A/RES/74/175", 9)]
    link = reverse("mandates:resolution_detail", args=["A/RES/74/175"]) + "#op9"
    assert f'href="{link}"' in response.content.decode()


def test_no_resolution_means_an_empty_state(client, actors):
    request = make_request(actors, theme_codes=("training",))
    client.force_login(actors.focal_point)
    response = client.get(reverse("assistance:request_detail", args=[request.pk]))
    assert response.context["covering_mandates"] == []
    assert "No ingested resolution has a paragraph on these themes." in response.content.decode()


def test_activity_page_lists_the_projects_that_fund_it(client, actors):
    from ctassist.funding.tests.factories import funded_activity

    project, activity, _charge = funded_activity(actors)
    client.force_login(actors.donor)
    body = client.get(reverse("assistance:activity_detail", args=[activity.pk])).content.decode()
    assert f'href="{reverse("funding:project_detail", args=[project.pk])}">{project}</a>' in body
    client.force_login(actors.focal_point)
    response = client.get(reverse("assistance:activity_detail", args=[activity.pk]))
    assert response.status_code == 200
