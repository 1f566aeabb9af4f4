"""A user's language: kept from the switcher, applied on sign-in, and the language of their e-mails."""

import pytest
from django.conf import settings
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse

from ctassist.accounts import services
from ctassist.accounts.models import User
from ctassist.core.mail import by_language, language_of

pytestmark = pytest.mark.django_db


def test_switching_language_signed_in_keeps_it_on_the_account(client, actors):
    client.force_login(actors.focal_point)
    response = client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    assert User.objects.get(pk=actors.focal_point.pk).language == "fr"


def test_switching_language_anonymously_only_sets_the_cookie(client, actors):
    response = client.post(reverse("set_language"), {"language": "ar", "next": "/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
    assert not User.objects.filter(language="ar").exists()


def test_a_language_the_site_does_not_offer_is_not_kept(client, actors):
    client.force_login(actors.officer)
    client.post(reverse("set_language"), {"language": "de", "next": "/"})
    assert User.objects.get(pk=actors.officer.pk).language == ""
    with pytest.raises(ValueError, match="'de' is not one of the site's languages"):
        services.set_language(user=actors.officer, language="de")


def test_signing_in_brings_back_the_users_language(client, actors):
    services.set_password(acting_user=None, user=actors.officer, password="A-long-enough-pass-1")
    services.set_language(user=actors.officer, language="zh-hans")
    response = client.post(
        reverse("accounts:login"), {"username": actors.officer.username, "password": "A-long-enough-pass-1"}
    )
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "zh-hans"
    assert client.get("/").headers["Content-Language"] == "zh-hans"


def test_language_of_falls_back_to_the_site_default(actors):
    actors.officer.language = ""
    assert language_of(actors.officer) == "en"
    actors.officer.language = "ru"
    assert language_of(actors.officer) == "ru"
    actors.officer.language = "de"  # no longer offered
    assert language_of(actors.officer) == "en"
    assert language_of(None) == "en"


def test_recipients_are_grouped_by_language_each_address_once(actors):
    actors.officer.language = "fr"
    actors.admin.language = "ar"
    groups = by_language([actors.officer, actors.admin, actors.focal_point, actors.officer])
    assert groups == {"fr": [actors.officer.email], "ar": [actors.admin.email], "en": [actors.focal_point.email]}


def test_password_link_is_written_in_the_recipients_language(actors):
    services.set_language(user=actors.focal_point, language="fr")
    request = RequestFactory().get("/")
    services.send_password_link(user=User.objects.get(pk=actors.focal_point.pk), request=request)
    message = mail.outbox[-1]
    assert message.subject == "Votre compte ctassist"
    assert "Un mot de passe peut être défini pour votre compte ctassist" in message.body


def test_password_reset_asked_in_english_answers_in_the_users_language(client, actors):
    services.set_language(user=actors.focal_point, language="ar")
    response = client.post(reverse("accounts:password_reset"), {"email": actors.focal_point.email})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.subject.startswith("إعادة تعيين كلمة المرور")  # Django's own subject, in Arabic
    assert "يمكن تعيين كلمة مرور لحسابك" in message.body
