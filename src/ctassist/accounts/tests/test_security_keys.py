"""Issue 19: security keys and passkeys (WebAuthn) as a second factor, beside the authenticator app.

The ceremonies run end to end through the pages and the real ``webauthn`` verification, with a
software authenticator (``authenticator.SoftKey``) answering as a key and a browser would.
"""

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse

from ctassist.accounts import securitykeys, services, twofactor
from ctassist.accounts.choices import TwoFactorKind
from ctassist.accounts.events import AccountEvent
from ctassist.accounts.models import RecoveryCode, TwoFactorDevice, User
from ctassist.accounts.tests.authenticator import SoftKey
from ctassist.config.settings import _default_rp_id
from ctassist.core.models import ChangeLogEntry, DomainEvent

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password-1"
API = "/api/participation/"


@pytest.fixture(autouse=True)
def _fresh_throttles():
    cache.clear()
    yield
    cache.clear()


def _events(kind, user=None):
    found = DomainEvent.objects.filter(type=kind)
    return found.filter(object_id=str(user.pk)) if user is not None else found


def _options(client, name):
    answer = client.post(reverse(name))
    assert answer.status_code == 200, answer.content
    return answer.json()


def _add_key(client, key, name="blue key"):
    """Register ``key`` for the signed-in user through the page: options, the key's answer, the form."""
    options = _options(client, "accounts:security_key_options")
    return client.post(reverse("accounts:security_keys"), {"name": name, "credential": key.create(options)})


def _enrol_key(user, name="blue key"):
    client = Client()
    client.force_login(user)
    key = SoftKey()
    assert _add_key(client, key, name).status_code in (200, 302)  # recovery codes shown for a first factor
    return key, TwoFactorDevice.objects.get(user=user, credential_id=key.id)


def _password_step(client, user):
    answer = client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})
    assert answer.status_code == 302 and answer.url == reverse("accounts:two_factor_verify")


def _signed_in(client):
    return client.get(reverse("accounts:account")).status_code == 200


def _key_step(user):
    """A key registered for ``user``, and a browser past the password that holds the key's challenge."""
    key, device = _enrol_key(user)
    browser = Client()
    _password_step(browser, user)
    return key, device, browser, _options(browser, "accounts:two_factor_key_options")


# -- the whole round: register a key from the account page, then sign in with it --------------------


def test_registering_a_key_then_signing_in_with_it(client, actors):
    officer = actors.officer
    client.force_login(officer)
    page = client.get(reverse("accounts:security_keys"))
    assert page.status_code == 200 and "accounts/webauthn.js" in page.content.decode()
    options = _options(client, "accounts:security_key_options")
    assert options["rp"] == {"id": "testserver", "name": "ctassist"}
    assert options["attestation"] == "none" and options["excludeCredentials"] == []
    assert officer.username.encode() not in securitykeys.from_b64url(options["user"]["id"])  # an opaque handle
    key = SoftKey()
    added = client.post(reverse("accounts:security_keys"), {"name": "  blue   key ", "credential": key.create(options)})
    assert added.status_code == 200 and len(added.context["codes"]) == 10  # the first second factor: recovery codes
    assert "The security key “blue key” was added." in added.content.decode()
    device = TwoFactorDevice.objects.get(user=officer)
    assert (device.kind, device.name, device.credential_id, device.sign_count) == ("webauthn", "blue key", key.id, 0)
    assert device.transports == ["usb", "nfc"] and device.confirmed_at is not None
    assert securitykeys.from_b64url(device.public_key) == key.cose_public_key()
    entry = ChangeLogEntry.objects.get(content_type=ContentType.objects.get_for_model(TwoFactorDevice),
                                       object_id=str(device.pk))  # fmt: skip
    assert entry.user == officer and device.public_key not in json.dumps(entry.after)  # by size only
    added_event = _events(AccountEvent.SECURITY_KEY_ADDED).get()
    assert added_event.user == officer and added_event.data == {"name": "blue key"}
    assert twofactor.enabled_for(User.objects.get(pk=officer.pk))

    browser = Client()
    _password_step(browser, officer)
    assert not _signed_in(browser)
    verify = browser.get(reverse("accounts:two_factor_verify"))
    assert "Use your security key" in verify.content.decode() and 'name="code"' in verify.content.decode()
    options = _options(browser, "accounts:two_factor_key_options")
    assert options["rpId"] == "testserver" and [c["id"] for c in options["allowCredentials"]] == [key.id]
    done = browser.post(reverse("accounts:two_factor_verify"), {"credential": key.get(options)})
    assert done.status_code == 302 and done.url == reverse("core:home")
    assert _signed_in(browser)
    device.refresh_from_db()
    assert device.sign_count == 1 and device.last_used_at is not None


def test_a_second_key_is_offered_beside_the_first_and_each_signs_in(client, actors):
    first, _device = _enrol_key(actors.officer, "blue key")
    client.force_login(actors.officer)
    options = _options(client, "accounts:security_key_options")
    assert [c["id"] for c in options["excludeCredentials"]] == [first.id]  # the browser skips a key already here
    second = SoftKey()
    added = client.post(reverse("accounts:security_keys"), {"name": "laptop", "credential": second.create(options)})
    assert added.status_code == 302  # not the first factor: the recovery codes held stay valid
    assert RecoveryCode.objects.filter(user=actors.officer, used_at=None).count() == 10
    browser = Client()
    _password_step(browser, actors.officer)
    options = _options(browser, "accounts:two_factor_key_options")
    assert {c["id"] for c in options["allowCredentials"]} == {first.id, second.id}
    assert browser.post(reverse("accounts:two_factor_verify"), {"credential": second.get(options)}).status_code == 302


def test_a_key_that_keeps_no_counter_signs_in_again_and_again(actors):
    key, device = _enrol_key(actors.partner)
    for _ in range(2):
        browser = Client()
        _password_step(browser, actors.partner)
        options = _options(browser, "accounts:two_factor_key_options")
        assert browser.post(reverse("accounts:two_factor_verify"), {"credential": key.get(options, sign_count=0)}).status_code == 302
    device.refresh_from_db()
    assert device.sign_count == 0


# -- refusals at sign-in: each says why, signs nobody in, changes no key ------------------------------


def _refused_sign_in(browser, user, answer, device, message, reason):
    before = (device.sign_count, device.last_used_at)
    refused = browser.post(reverse("accounts:two_factor_verify"), {"credential": answer})
    assert refused.status_code == 400
    assert message in refused.content.decode()
    assert not _signed_in(browser)
    device.refresh_from_db()
    assert (device.sign_count, device.last_used_at) == before
    failure = _events(AccountEvent.TWO_FACTOR_FAILED, user).latest("id")  # recorded, as a wrong code is
    assert failure.data["method"] == "security_key" and failure.data["reason"] == reason


def test_an_answer_for_another_site_is_refused(actors):
    key, device, browser, options = _key_step(actors.officer)
    answer = key.get(options, origin="https://ctassist.example.com")
    _refused_sign_in(browser, actors.officer, answer, device,
                     "The security key answered for another site (https://ctassist.example.com)", "origin")  # fmt: skip


def test_an_answer_for_another_relying_party_is_refused(actors):
    key, device, browser, options = _key_step(actors.officer)
    answer = key.get(options, rp_id="example.com")
    _refused_sign_in(browser, actors.officer, answer, device, "could not be verified", "invalid")


def test_a_replayed_answer_is_refused(actors):
    key, device = _enrol_key(actors.officer)
    first = Client()
    _password_step(first, actors.officer)
    answer = key.get(_options(first, "accounts:two_factor_key_options"))
    assert first.post(reverse("accounts:two_factor_verify"), {"credential": answer}).status_code == 302
    device.refresh_from_db()
    # The same answer again: in a new sign-in with its own challenge, and with no challenge at all.
    again = Client()
    _password_step(again, actors.officer)
    _options(again, "accounts:two_factor_key_options")
    _refused_sign_in(again, actors.officer, answer, device, "has expired or was already answered", "challenge")
    _refused_sign_in(again, actors.officer, answer, device, "has expired or was already answered", "challenge")


def test_a_challenge_is_used_once_even_when_the_answer_is_refused(actors):
    key, device, browser, options = _key_step(actors.officer)
    _refused_sign_in(browser, actors.officer, key.get(options, tamper=True), device, "could not be verified", "invalid")
    key.sign_count = 0
    _refused_sign_in(browser, actors.officer, key.get(options), device, "has expired or was already answered", "challenge")


def test_an_expired_challenge_is_refused(actors):
    key, device, browser, options = _key_step(actors.officer)
    session = browser.session
    session[securitykeys.SESSION_KEY] = {**session[securitykeys.SESSION_KEY], "at": 0}
    session.save()
    _refused_sign_in(browser, actors.officer, key.get(options), device, "has expired or was already answered", "challenge")


def test_a_counter_that_goes_backwards_is_refused_as_a_copied_key(actors):
    key, device = _enrol_key(actors.officer)
    browser = Client()
    _password_step(browser, actors.officer)
    answer = key.get(_options(browser, "accounts:two_factor_key_options"), sign_count=5)
    assert browser.post(reverse("accounts:two_factor_verify"), {"credential": answer}).status_code == 302
    device.refresh_from_db()
    assert device.sign_count == 5
    for count in (5, 3):  # the same count, then a lower one: a copy of the key answering
        other = Client()
        _password_step(other, actors.officer)
        answer = key.get(_options(other, "accounts:two_factor_key_options"), sign_count=count)
        _refused_sign_in(other, actors.officer, answer, device, "use counter went backwards", "counter")


def test_another_users_key_is_refused(actors):
    officers_key, _officers_device = _enrol_key(actors.officer)
    _own_key, device = _enrol_key(actors.focal_point)
    browser = Client()
    _password_step(browser, actors.focal_point)
    answer = officers_key.get(_options(browser, "accounts:two_factor_key_options"))
    _refused_sign_in(browser, actors.focal_point, answer, device, "not registered for your account", "unknown")
    assert TwoFactorDevice.objects.get(credential_id=officers_key.id).sign_count == 0


def test_a_tampered_signature_is_refused(actors):
    key, device, browser, options = _key_step(actors.officer)
    answer = key.get(options, tamper=True)
    _refused_sign_in(browser, actors.officer, answer, device, "could not be verified", "invalid")


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("not json", "was not understood"),
        ("[]", "was not understood"),
        ('{"id": "x", "response": {}}', "not registered for your account"),
        ('{"id": "KEY", "rawId": "KEY", "type": "public-key", "response": {"clientDataJSON": "%%%"}}', "was not understood"),
        ('{"id": "KEY", "rawId": "KEY", "type": "public-key", "response": {"clientDataJSON": "e30"}}', "was not understood"),
        ("x" * 70000, "missing or too long"),
    ],
)
def test_a_malformed_answer_is_refused_with_a_message(actors, answer, message):
    key, _device, browser, _options_given = _key_step(actors.officer)
    refused = browser.post(reverse("accounts:two_factor_verify"), {"credential": answer.replace("KEY", key.id)})
    assert refused.status_code == 400 and message in refused.content.decode() and not _signed_in(browser)


def test_refused_answers_count_with_wrong_codes(actors):
    key, _device = _enrol_key(actors.officer)
    browser = Client()
    _password_step(browser, actors.officer)
    for _ in range(services.TWO_FACTOR_FAILURES):
        options = _options(browser, "accounts:two_factor_key_options")
        browser.post(reverse("accounts:two_factor_verify"), {"credential": key.get(options, tamper=True)})
    options = _options(browser, "accounts:two_factor_key_options")
    late = browser.post(reverse("accounts:two_factor_verify"), {"credential": key.get(options)})
    assert late.status_code == 429 and "Too many wrong codes" in late.content.decode() and not _signed_in(browser)


def test_key_options_need_a_pending_sign_in_with_a_key(client, actors):
    assert client.post(reverse("accounts:two_factor_key_options")).status_code == 400  # no password given yet
    device, _codes = _enrol_app(actors.donor)
    _password_step(client, actors.donor)
    refused = client.post(reverse("accounts:two_factor_key_options"))
    assert refused.status_code == 400 and "no security key" in refused.json()["detail"]


# -- refusals at registration: nothing is stored ----------------------------------------------------


def _refused_registration(client, answer, message, name="blue key"):
    count = TwoFactorDevice.objects.count()
    events = _events(AccountEvent.SECURITY_KEY_ADDED).count()
    refused = client.post(reverse("accounts:security_keys"), {"name": name, "credential": answer})
    assert refused.status_code == 400
    assert message in refused.content.decode()
    assert TwoFactorDevice.objects.count() == count and _events(AccountEvent.SECURITY_KEY_ADDED).count() == events


def test_registration_from_another_site_is_refused(client, actors):
    client.force_login(actors.officer)
    options = _options(client, "accounts:security_key_options")
    _refused_registration(client, SoftKey().create(options, origin="https://evil.example"),
                          "The security key answered for another site (https://evil.example)")  # fmt: skip


def test_registration_for_another_relying_party_is_refused(client, actors):
    client.force_login(actors.officer)
    options = _options(client, "accounts:security_key_options")
    _refused_registration(client, SoftKey().create(options, rp_id="evil.example"), "could not be verified")


def test_a_replayed_registration_is_refused(client, actors):
    client.force_login(actors.officer)
    key = SoftKey()
    answer = key.create(_options(client, "accounts:security_key_options"))
    assert client.post(reverse("accounts:security_keys"), {"name": "blue key", "credential": answer}).status_code == 200
    _refused_registration(client, answer, "has expired or was already answered")
    _options(client, "accounts:security_key_options")  # a fresh challenge does not make the old answer good
    _refused_registration(client, answer, "has expired or was already answered")


def test_a_key_registers_once_for_anyone(client, actors):
    key, _device = _enrol_key(actors.officer)
    client.force_login(actors.officer)
    _refused_registration(client, key.create(_options(client, "accounts:security_key_options")), "already registered")
    other = Client()
    other.force_login(actors.focal_point)  # the same credential offered for another account
    _refused_registration(other, key.create(_options(other, "accounts:security_key_options")), "already registered")


def test_a_registration_needs_a_name_and_an_answer(client, actors):
    client.force_login(actors.officer)
    options = _options(client, "accounts:security_key_options")
    _refused_registration(client, SoftKey().create(options), "This field is required", name="   ")
    _refused_registration(client, "", "The security key has not answered")


def test_an_account_holds_a_bounded_number_of_keys(client, actors, monkeypatch):
    monkeypatch.setattr(securitykeys, "MAX_KEYS", 1)
    _enrol_key(actors.officer)
    client.force_login(actors.officer)
    refused = client.post(reverse("accounts:security_key_options"))
    assert refused.status_code == 400 and "at most 1 security keys" in refused.json()["detail"]


# -- where keys work: the relying party -------------------------------------------------------------


def test_the_relying_party_id_defaults_to_the_first_host_name():
    assert _default_rp_id(["127.0.0.1", "localhost"]) == "localhost"
    assert _default_rp_id([".ctassist.example.org", "10.0.0.2"]) == "ctassist.example.org"
    assert _default_rp_id(["*", "[::1]"]) == "localhost"


def test_keys_work_at_the_relying_partys_name_and_below_it(settings):
    settings.WEBAUTHN_RP_ID = "ctassist.example.org"
    settings.ALLOWED_HOSTS = [".ctassist.example.org", "127.0.0.1"]
    factory = RequestFactory()
    rp = securitykeys.relying_party(factory.get("/", HTTP_HOST="eu.ctassist.example.org", secure=True))
    assert rp is not None and rp.id == "ctassist.example.org" and rp.origins == ("https://eu.ctassist.example.org",)
    assert securitykeys.relying_party(factory.get("/", HTTP_HOST="127.0.0.1")) is None
    settings.WEBAUTHN_ORIGINS = ["https://ctassist.example.org"]
    rp = securitykeys.relying_party(factory.get("/", HTTP_HOST="ctassist.example.org:8443", secure=True))
    assert rp is not None and rp.origins == ("https://ctassist.example.org",)


def test_at_an_address_the_keys_are_not_bound_to_the_page_says_where_they_work(client, actors, settings):
    settings.WEBAUTHN_RP_ID = "localhost"
    client.force_login(actors.officer)
    page = client.get(reverse("accounts:security_keys"))
    assert "open ctassist at localhost to use one" in page.content.decode()
    refused = client.post(reverse("accounts:security_key_options"))
    assert refused.status_code == 400 and "open ctassist at localhost" in refused.json()["detail"]


def test_without_webauthn_in_the_browser_the_key_option_is_hidden_and_the_code_remains(actors):
    _key, _device = _enrol_key(actors.officer)
    browser = Client()
    _password_step(browser, actors.officer)
    page = browser.get(reverse("accounts:two_factor_verify")).content.decode()
    # The script shows what is marked data-webauthn-supported only where window.PublicKeyCredential exists.
    assert "data-webauthn-supported hidden" in page and "data-webauthn-unsupported" in page
    assert 'name="code"' in page and "enter one of your recovery codes" in page
    script = (securitykeys.__file__.rsplit("/", 1)[0] + "/static/accounts/webauthn.js")
    with open(script, encoding="utf-8") as source:
        text = source.read()
    assert "window.PublicKeyCredential" in text and "navigator.credentials.create" in text


# -- a key counts as two-factor authentication ------------------------------------------------------


def test_a_key_satisfies_the_administrators_rule(client, actors):
    services.disable_two_factor(acting_user=None, user=actors.admin)
    admin = User.objects.get(pk=actors.admin.pk)
    client.force_login(admin)
    assert client.get(reverse("accounts:users")).status_code == 302  # sent to set up a second factor
    setup = client.get(reverse("accounts:two_factor_setup"))
    assert reverse("accounts:security_keys") in setup.content.decode()
    page = client.get(reverse("accounts:security_keys"))
    assert page.status_code == 200 and "Your role requires two-factor authentication" in page.content.decode()
    assert _add_key(client, SoftKey()).status_code == 200
    assert client.get(reverse("accounts:users")).status_code == 200
    assert client.get(API).status_code == 200


def test_a_key_satisfies_the_rule_for_restricted_data_roles(client, actors, settings):
    settings.CTASSIST_TWO_FACTOR_REQUIRED_ROLES = ["focal_point"]
    key_for_api = services.issue_token(acting_user=actors.focal_point, user=actors.focal_point).key
    assert Client().get(API, HTTP_AUTHORIZATION=f"Token {key_for_api}").status_code == 401
    _enrol_key(actors.focal_point)
    client.force_login(actors.focal_point)
    assert client.get(reverse("accounts:account")).status_code == 200
    assert Client().get(API, HTTP_AUTHORIZATION=f"Token {key_for_api}").status_code == 200


def test_a_key_only_account_signs_in_with_a_recovery_code_and_the_api_says_what_to_do(client, actors):
    client.force_login(actors.officer)
    codes = _add_key(client, SoftKey()).context["codes"]
    browser = Client()
    _password_step(browser, actors.officer)
    assert browser.post(reverse("accounts:two_factor_verify"), {"code": codes[0]}).status_code == 302
    url = reverse("api-token")
    missing = Client().post(url, {"username": actors.officer.username, "password": PASSWORD})
    assert missing.status_code == 400 and "signs in with a security key" in missing.json()["otp"][0]
    good = Client().post(url, {"username": actors.officer.username, "password": PASSWORD, "otp": codes[1]})
    assert good.status_code == 200 and good.json()["token"]


def test_the_account_and_user_pages_show_the_keys(client, actors):
    _enrol_key(actors.officer, "blue key")
    _enrol_app(actors.officer)
    client.force_login(actors.officer)
    account = client.get(reverse("accounts:account")).content.decode()
    assert "You have 1 security key." in account and "Remove the authenticator app" in account
    listed = client.get(reverse("accounts:security_keys"))
    assert [k.name for k in listed.context["keys"]] == ["blue key"]
    admin = Client()
    admin.force_login(actors.admin)
    detail = admin.get(reverse("accounts:user_detail", args=[actors.officer.pk])).content.decode()
    assert "authenticator app, 1 security key" in detail
    assert "Security key added" in detail  # the event, in the account's history
    _enrol_key(actors.donor)
    officer_view = client.get(reverse("accounts:user_detail", args=[actors.donor.pk]))
    assert officer_view.context["two_factor"] and officer_view.context["key_count"] == 0  # not theirs to see
    assert "security key" not in officer_view.content.decode().split("Two-factor authentication")[1].split("</dd>")[0]


# -- removing: a second factor again; the app and the keys are independent ---------------------------


def _enrol_app(user):
    device = services.start_two_factor(acting_user=user, user=user)
    codes = services.confirm_two_factor(acting_user=user, user=user, code=twofactor.current_code(device))
    device.refresh_from_db()
    return device, codes


def test_removing_a_key_needs_a_second_factor_again(client, actors):
    key, device = _enrol_key(actors.focal_point)
    client.force_login(actors.focal_point)
    url = reverse("accounts:security_key_remove", args=[device.pk])
    nothing = client.post(url, follow=True)
    assert "Confirm with one of your security keys" in nothing.content.decode()
    wrong = client.post(url, {"code": "000000"}, follow=True)
    assert "This code is not right" in wrong.content.decode()
    options = _options(client, "accounts:security_key_confirm_options")
    tampered = client.post(url, {"credential": key.get(options, tamper=True)}, follow=True)
    assert "could not be verified" in tampered.content.decode()
    assert TwoFactorDevice.objects.filter(pk=device.pk).exists()
    options = _options(client, "accounts:security_key_confirm_options")
    removed = client.post(url, {"credential": key.get(options)}, follow=True)
    assert "The security key “blue key” was removed." in removed.content.decode()
    assert not TwoFactorDevice.objects.filter(pk=device.pk).exists()
    assert not RecoveryCode.objects.filter(user=actors.focal_point).exists()  # the last second factor went
    event = _events(AccountEvent.SECURITY_KEY_REMOVED).get()
    assert event.user == actors.focal_point and event.data == {"user": actors.focal_point.pk, "name": "blue key"}
    assert ChangeLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(TwoFactorDevice),
                                         object_id=str(device.pk), action="delete").exists()  # fmt: skip


def test_a_key_is_removed_with_a_code_from_the_app_and_the_app_with_a_key(client, actors):
    key, device = _enrol_key(actors.officer)
    app, codes = _enrol_app(actors.officer)
    client.force_login(actors.officer)
    client.post(reverse("accounts:two_factor_disable"),
                {"credential": key.get(_options(client, "accounts:security_key_confirm_options"))})  # fmt: skip
    assert not TwoFactorDevice.objects.filter(pk=app.pk).exists()
    assert TwoFactorDevice.objects.filter(pk=device.pk).exists() and twofactor.enabled_for(User.objects.get(pk=actors.officer.pk))
    assert RecoveryCode.objects.filter(user=actors.officer, used_at=None).count() == 10  # a key still protects it
    client.post(reverse("accounts:security_key_remove", args=[device.pk]), {"code": codes[0]})
    assert not TwoFactorDevice.objects.filter(user=actors.officer).exists()


@pytest.mark.parametrize("role", ["officer", "other_focal_point", "partner", "donor", "admin"])
def test_nobody_removes_someone_elses_key(client, actors, role):
    _key, device = _enrol_key(actors.focal_point)
    client.force_login(actors.user(role))
    assert client.post(reverse("accounts:security_key_remove", args=[device.pk]), {"code": "000000"}).status_code == 404
    assert TwoFactorDevice.objects.filter(pk=device.pk).exists()


def test_an_administrator_reset_removes_keys_app_and_codes(client, actors):
    _enrol_key(actors.officer)
    _enrol_app(actors.officer)
    client.force_login(actors.admin)
    client.post(reverse("accounts:user_reset_two_factor", args=[actors.officer.pk]))
    assert not TwoFactorDevice.objects.filter(user=actors.officer).exists()
    assert not RecoveryCode.objects.filter(user=actors.officer).exists()
    assert _events(AccountEvent.SECURITY_KEY_REMOVED).get().user == actors.admin


def test_the_demonstration_administrators_new_app_leaves_its_keys(actors):
    _key, device = _enrol_key(actors.admin)
    services.provision_two_factor(acting_user=None, user=actors.admin)
    assert TwoFactorDevice.objects.filter(pk=device.pk).exists()
    assert TwoFactorDevice.objects.filter(user=actors.admin, kind=TwoFactorKind.TOTP).count() == 1


def test_the_model_keeps_each_kind_to_its_own_fields(actors):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="credential id and public key"):
        TwoFactorDevice(user=actors.officer, kind=TwoFactorKind.WEBAUTHN, name="x").full_clean()
    with pytest.raises(ValidationError, match="has a secret and no credential id"):
        TwoFactorDevice(user=actors.officer, kind=TwoFactorKind.TOTP, credential_id="abc", secret="S").full_clean()
