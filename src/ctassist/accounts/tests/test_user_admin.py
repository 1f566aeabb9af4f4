"""Administrators create accounts; the person sets a password from an e-mailed link."""

import io
import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from ctassist.accounts.models import Organisation, User

pytestmark = pytest.mark.django_db


def test_only_administrators_reach_user_administration(client, actors):
    assert client.get("/accounts/users/new/").status_code == 302
    for role in ["officer", "focal_point", "partner", "donor"]:
        client.force_login(actors.user(role))
        assert client.get("/accounts/users/new/").status_code == 403
        assert client.post("/accounts/users/new/", {"username": "x"}).status_code == 403
    client.force_login(actors.focal_point)
    listing = client.get("/accounts/users/")
    assert listing.status_code == 200
    assert [row.record.username for row in listing.context["table"].rows] == ["test-focal_point"]


def test_admin_creates_a_user_who_sets_a_password(client, actors):
    client.force_login(actors.admin)
    org = actors.organisations["state"]
    response = client.post(
        "/accounts/users/new/",
        {"username": "new.fp", "email": "new.fp@example.org", "role": "focal_point", "organisation": org.pk},
    )
    assert response.status_code == 302
    user = User.objects.get(username="new.fp")
    assert user.state == actors.state and not user.has_usable_password()
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", mail.outbox[0].body).group(1)
    client.logout()
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Another-long-pass-9", "new_password2": "Another-long-pass-9"},
    )
    assert User.objects.get(username="new.fp").check_password("Another-long-pass-9")


def test_role_and_organisation_must_match(client, actors):
    client.force_login(actors.admin)
    response = client.post(
        "/accounts/users/new/",
        {
            "username": "bad.one",
            "email": "b@example.org",
            "role": "donor",
            "organisation": actors.organisations["state"].pk,
        },
    )
    assert response.status_code == 400 and "belongs to an organisation of kind" in response.content.decode()
    assert not User.objects.filter(username="bad.one").exists()
    taken = client.post(
        "/accounts/users/new/",
        {
            "username": "TEST-DONOR",
            "email": "b@example.org",
            "role": "donor",
            "organisation": actors.organisations["donor"].pk,
        },
    )
    assert "taken" in taken.content.decode()


def test_create_user_command(actors, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("Very-long-password-42\n"))
    call_command(
        "create_user",
        "first.admin",
        "--role",
        "admin",
        "--organisation",
        "UNODC (test)",
        "--password-stdin",
        stdout=io.StringIO(),
    )
    assert User.objects.get(username="first.admin").check_password("Very-long-password-42")
    monkeypatch.setattr("sys.stdin", io.StringIO("Very-long-password-42\n"))
    call_command(
        "create_user",
        "fp.chile",
        "--role",
        "focal_point",
        "--organisation",
        "Chile office",
        "--state",
        "Chile",
        "--password-stdin",
        stdout=io.StringIO(),
    )
    assert Organisation.objects.get(name="Chile office").state.iso3 == "CHL"


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (
            ["--role", "focal_point", "--organisation", "X office", "--state", "Atlantis"],
            "Very-long-password-42",
            "not a known State",
        ),
        (["--role", "admin", "--organisation", "UNODC (test)"], "short", "too short"),
        (["--role", "admin", "--organisation", "UNODC (test)"], "", "No password"),
    ],
)
def test_create_user_command_rejects_bad_input(actors, monkeypatch, args, stdin, message):
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin + "\n"))
    with pytest.raises(CommandError, match=message):
        call_command("create_user", "someone", *args, "--password-stdin", stdout=io.StringIO())
    assert not User.objects.filter(username="someone").exists()
