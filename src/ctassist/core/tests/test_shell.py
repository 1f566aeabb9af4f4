"""The web shell: home, navigation, languages, security headers, audit pages."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_page_for_the_public(client):
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Legal framework" in body and "Sign in" in body
    assert "Audit" not in body  # only UNODC staff see the audit area


def test_home_page_for_an_officer_shows_the_audit_area(client, actors):
    client.force_login(actors.officer)
    body = client.get("/").content.decode()
    assert "Audit" in body and "UNODC programme officer" in body


def test_security_headers(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert len(response["X-Request-ID"]) >= 8


def test_request_id_from_the_proxy_is_kept_if_well_formed(client):
    assert client.get("/", HTTP_X_REQUEST_ID="abc12345-proxy")["X-Request-ID"] == "abc12345-proxy"
    assert client.get("/", HTTP_X_REQUEST_ID="bad id<>")["X-Request-ID"] != "bad id<>"


def test_no_external_assets(client):
    """The system must run offline: every script and stylesheet is served by the application."""
    body = client.get("/").content.decode()
    assert "http://" not in body.replace("http://testserver", "") or "cdn" not in body
    for marker in ('src="http', 'href="http'):
        assert marker not in body


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("fr", "ltr"), ("zh-hans", "ltr"), ("en", "ltr")])
def test_language_switcher_and_direction(client, language, direction):
    response = client.post(reverse("set_language"), {"language": language, "next": "/"})
    assert response.status_code == 302
    body = client.get("/").content.decode()
    assert f'lang="{language}" dir="{direction}"' in body


def test_every_un_language_is_offered(client):
    body = client.get("/").content.decode()
    for code in ["en", "fr", "es", "ar", "zh-hans", "ru"]:
        assert f'value="{code}"' in body


def test_health_check(client):
    assert client.get("/healthz").json() == {"status": "ok"}


class TestAuditPages:
    @pytest.mark.parametrize("url", ["/audit/changes/", "/audit/events/"])
    def test_anonymous_is_sent_to_sign_in(self, client, url):
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]

    @pytest.mark.parametrize("role", ["focal_point", "partner", "donor"])
    def test_other_roles_are_refused(self, client, actors, role):
        client.force_login(actors.user(role))
        assert client.get("/audit/changes/").status_code == 403
        assert client.get("/audit/events/").status_code == 403

    def test_officer_reads_the_change_log(self, client, actors):
        client.force_login(actors.officer)
        response = client.get("/audit/changes/", {"object_repr": "test-focal_point"})
        assert response.status_code == 200 and "test-focal_point" in response.content.decode()
        events = client.get("/audit/events/", {"type": "user_created"})
        assert "User created" in events.content.decode()


def test_navigation_marks_the_current_area_only(client, actors):
    client.force_login(actors.officer)
    home = client.get("/").content.decode()
    assert '<li class="current">' not in home
    framework = client.get("/framework/matrix/").content.decode()
    assert framework.count('<li class="current">') == 1


def test_error_pages_are_the_products_own(client, actors):
    missing = client.get("/no/such/page/")
    assert missing.status_code == 404 and "Page not found" in missing.content.decode()
    assert "ctassist" in missing.content.decode()
    client.force_login(actors.donor)
    refused = client.get("/audit/changes/")
    assert refused.status_code == 403 and "Not allowed" in refused.content.decode()


@pytest.mark.parametrize(
    "url", ["/library/?q=a%00b", "/api/library/search/?instrument=%00", "/framework/matrix/?sort=%00"]
)
def test_nul_characters_in_query_parameters_are_refused(client, url):
    response = client.get(url)
    assert response.status_code == 400 and b"NUL" in response.content
