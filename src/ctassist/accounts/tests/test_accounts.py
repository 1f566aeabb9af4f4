"""Sign-in, throttling, sessions, password hashing, the account page."""

import json

import pytest
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import get_commands
from django.test import override_settings

from ctassist.accounts import services
from ctassist.accounts.choices import OrganisationKind, Role
from ctassist.accounts.events import AccountEvent
from ctassist.accounts.models import User
from ctassist.core import audit
from ctassist.core import services as core
from ctassist.core.models import ChangeLogEntry, DomainEvent

pytestmark = pytest.mark.django_db


def test_production_hashes_passwords_with_argon2():
    from ctassist.config import settings as production

    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    with override_settings(PASSWORD_HASHERS=production.PASSWORD_HASHERS):
        assert make_password("a-long-test-password-1").startswith("argon2$")


def test_sessions_expire():
    from ctassist.config import settings as production

    assert production.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert production.SESSION_COOKIE_AGE <= 8 * 3600
    # The idle limit slides (core.middleware.SlidingSessionMiddleware) within minutes, not hours.
    assert "ctassist.core.middleware.SlidingSessionMiddleware" in production.MIDDLEWARE
    assert production.SESSION_REFRESH_SECONDS <= 600


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


def test_tokens_page_issues_a_token_shown_once(client, actors):
    client.force_login(actors.focal_point)
    issued = client.post("/accounts/me/tokens/", {"name": "my script"})
    key = issued.context["new_token"].key
    assert key in issued.content.decode()
    again = client.get("/accounts/me/tokens/")
    assert key not in again.content.decode() and key[:8] in again.content.decode()
    assert client.get("/api/participation/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200


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


# Changes are logged through core.services; secrets never are --------------------------------------


def _log(user):
    return ChangeLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk))


def test_a_password_change_is_logged_without_the_hash(actors):
    user = actors.donor
    old_hash = user.password
    services.set_password(acting_user=actors.admin, user=user, password="A-new-long-password-7")
    user.refresh_from_db()
    assert user.check_password("A-new-long-password-7")
    entry = _log(user).filter(action="update").latest("id")
    assert entry.changed_fields() == ["password"] and entry.user == actors.admin
    logged = json.dumps([entry.before, entry.after])
    assert old_hash not in logged and user.password not in logged and "argon2" not in logged
    assert DomainEvent.objects.filter(type=AccountEvent.PASSWORD_SET, object_id=str(user.pk)).get().data == {
        "change": "password"
    }


def test_only_administrators_change_passwords(actors):
    user = actors.donor
    with pytest.raises(PermissionDenied):
        services.set_password(acting_user=actors.officer, user=user, password="A-new-long-password-7")
    user.refresh_from_db()
    assert not user.check_password("A-new-long-password-7")


def test_a_new_user_is_logged_without_the_hash_and_announced(actors):
    user = services.create_user(acting_user=actors.admin, username="logged.one", role=Role.DONOR,
                                organisation=actors.organisations["donor"], password="A-long-password-42")  # fmt: skip
    entry = _log(user).get()
    assert entry.action == "create" and "password" not in entry.after and entry.after["username"] == "logged.one"
    assert DomainEvent.objects.filter(type=AccountEvent.USER_CREATED, object_id=str(user.pk)).get().data == {
        "role": "donor"
    }


def test_changing_only_a_users_groups_is_logged_with_before_and_after(actors):
    """User is the one model here with many-to-many fields (groups, permissions, from Django)."""
    group = Group.objects.create(name="Reviewers (test)")
    user = actors.donor
    assert core.save(user, acting_user=actors.admin, before=audit.snapshot(user), m2m={"groups": [group]}) == "update"
    entry = _log(user).latest("id")
    assert entry.before["groups"] == [] and entry.after["groups"] == [group.pk]
    assert entry.changed_fields() == ["groups"]


def test_the_demonstration_accounts_command_lives_in_accounts():
    assert get_commands()["setup_demo"] == "ctassist.accounts"
