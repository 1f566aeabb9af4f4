"""Sign-in, throttling, sessions, password hashing, the account page."""

import pytest
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.test import override_settings

from ctassist.accounts import services
from ctassist.accounts.choices import OrganisationKind, Role

pytestmark = pytest.mark.django_db


def test_production_hashes_passwords_with_argon2():
    from ctassist.config import settings as production

    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    with override_settings(PASSWORD_HASHERS=production.PASSWORD_HASHERS):
        assert make_password("a-long-test-password-1").startswith("argon2$")


def test_sessions_expire():
    from ctassist.config import settings as production

    assert production.SESSION_EXPIRE_AT_BROWSER_CLOSE and production.SESSION_SAVE_EVERY_REQUEST
    assert production.SESSION_COOKIE_AGE <= 8 * 3600


def test_sign_in_and_out(client, actors):
    response = client.post("/accounts/sign-in/", {"username": "test-officer", "password": "a-long-test-password-1"})
    assert response.status_code == 302
    assert client.get("/accounts/me/").status_code == 200
    assert client.get("/accounts/sign-out/").status_code == 405  # signing out is a POST with CSRF
    client.post("/accounts/sign-out/")
    assert client.get("/accounts/me/").status_code == 302


def test_wrong_password_is_refused_with_a_message(client, actors):
    response = client.post("/accounts/sign-in/", {"username": "test-officer", "password": "nope"})
    assert response.status_code == 200 and "correct" in response.content.decode()


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_failed_sign_ins_are_throttled(client, actors):
    for _ in range(3):
        client.post("/accounts/sign-in/", {"username": "test-officer", "password": "wrong"})
    locked = client.post("/accounts/sign-in/", {"username": "test-officer", "password": "a-long-test-password-1"})
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.content.decode()


def test_csrf_is_enforced_on_sign_in(actors):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/accounts/sign-in/", {"username": "test-officer", "password": "a-long-test-password-1"})
    assert response.status_code == 403


def test_account_page_issues_a_token_once(client, actors):
    client.force_login(actors.focal_point)
    client.post("/accounts/me/")
    first = client.get("/accounts/me/")
    assert first.context["new_token"] and first.context["new_token"] in first.content.decode()
    assert client.get("/accounts/me/").context["new_token"] is None


def test_role_must_match_organisation(actors):
    with pytest.raises(ValidationError, match="organisation"):
        services.create_user(
            acting_user=None,
            username="bad",
            role=Role.FOCAL_POINT,
            organisation=actors.organisations["donor"],
            password=None,
        )
    with pytest.raises(ValidationError):
        services.create_organisation(acting_user=None, kind=OrganisationKind.STATE, name="No State office")


def test_only_administrators_create_users(actors):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.create_user(
            acting_user=actors.officer,
            username="new-one",
            role=Role.DONOR,
            organisation=actors.organisations["donor"],
            password=None,
        )
    user = services.create_user(
        acting_user=actors.admin,
        username="new-two",
        role=Role.DONOR,
        organisation=actors.organisations["donor"],
        password=None,
    )
    assert not user.has_usable_password()


def test_user_api_token_endpoint_is_throttled_and_validates(client, actors):
    response = client.post("/api/auth/token/", {"username": "", "password": ""})
    assert response.status_code == 400 and "username" in response.json()
