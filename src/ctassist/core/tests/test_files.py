"""Uploaded files are served through the product (issue 19): the policy checked, always a download,
nosniff, and a sandboxing Content-Security-Policy so that active content is not run with the product's origin."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse

from ctassist.core.views import FILE_CSP

pytestmark = pytest.mark.django_db

PDF_WITH_SCRIPT = b"%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n%%EOF\n"


def _client(actors, role):
    client = Client()
    if role != "anonymous":
        client.force_login(actors.user(role))
    return client


def _assert_served_safely(response, filename):
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and filename.split(".")[0] in disposition
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == FILE_CSP and "sandbox" in FILE_CSP
    assert "script" not in response["Content-Security-Policy"].replace("'none'", "")


@pytest.mark.parametrize("role", ["anonymous", "donor", "other_focal_point", "officer"])
def test_a_publication_file_is_downloadable_through_the_product(actors, role):
    from ctassist.library import services

    publication = services.save_publication(acting_user=None, title="Guide", kind="guide", year=2020)
    name = default_storage.save("library/publications/guide.pdf", ContentFile(PDF_WITH_SCRIPT))
    publication = services.save_publication(acting_user=None, publication=publication, file=name)
    detail = _client(actors, "anonymous").get(publication.get_absolute_url())
    url = reverse("library:publication_file", args=[publication.pk])
    assert url.encode() in detail.content and b"/media/" not in detail.content
    response = _client(actors, role).get(url)  # publications are public: every role downloads them
    _assert_served_safely(response, "guide.pdf")  # (the in-memory test storage may add a suffix to the name)
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF_WITH_SCRIPT


def test_a_publication_without_a_file_is_404(actors):
    from ctassist.library import services

    publication = services.save_publication(acting_user=None, title="No file", kind="guide", year=2020)
    assert _client(actors, "officer").get(reverse("library:publication_file", args=[publication.pk])).status_code == 404


@pytest.mark.parametrize(
    ("role", "status"),
    [("focal_point", 200), ("officer", 200), ("other_focal_point", 404), ("donor", 404), ("anonymous", 302)],
)
def test_a_request_attachment_is_served_to_those_who_may_see_the_request(actors, role, status):
    from ctassist.assistance import services
    from ctassist.assistance.tests.factories import make_request

    assistance_request = make_request(actors)
    attachment = services.add_attachment(acting_user=None, assistance_request=assistance_request, title="Draft law",
                                         file=ContentFile(PDF_WITH_SCRIPT, name="draft.pdf"))  # fmt: skip
    response = _client(actors, role).get(reverse("assistance:attachment_download", args=[attachment.pk]))
    if role == "donor" and response.status_code == 403:
        status = 403  # a role with no request at all is refused the page outright
    assert response.status_code == status
    if status == 200:
        _assert_served_safely(response, "draft")


def test_an_active_file_type_is_sent_as_opaque_bytes():
    from ctassist.core.views import file_response

    stored = ContentFile(b"<html><script>alert(1)</script></html>", name="page.html")
    stored.open = lambda mode="rb": stored  # a ContentFile is its own open handle
    response = file_response(stored, "page.html")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Security-Policy"] == FILE_CSP
