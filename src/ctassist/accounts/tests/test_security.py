"""Issue 19, authentication: real client address, lock-out, tokens, password events, two-factor, users page."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone

from ctassist.accounts import services, twofactor
from ctassist.accounts.events import AccountEvent
from ctassist.accounts.models import ApiToken, RecoveryCode, TwoFactorDevice, User
from ctassist.core.client import client_address
from ctassist.core.models import ChangeLogEntry, DomainEvent

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password-1"
API = "/api/participation/"


@pytest.fixture(autouse=True)
def _fresh_throttles():
    cache.clear()  # the API throttle counts in the cache, which outlives a test's transaction
    yield
    cache.clear()


def _events(kind, user=None):
    found = DomainEvent.objects.filter(type=kind)
    return found.filter(object_id=str(user.pk)) if user is not None else found


def _token_for(user):
    return services.issue_token(acting_user=user, user=user).key


def _enrol(user):
    device = services.start_two_factor(acting_user=user, user=user)
    codes = services.confirm_two_factor(acting_user=user, user=user, code=twofactor.current_code(device))
    device.refresh_from_db()
    return device, codes


# -- the client address ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.7", "192.0.2.1"),  # no proxy configured: the header is the client's own words
        (1, "198.51.100.9, 203.0.113.7", "203.0.113.7"),  # one proxy: the address it saw
        (2, "198.51.100.9, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
        (2, "203.0.113.7", "192.0.2.1"),  # fewer hops than proxies: did not come through them
        (1, "not-an-address", "192.0.2.1"),
    ],
)
def test_the_client_address_trusts_only_the_configured_proxies(settings, proxies, forwarded, expected):
    settings.CTASSIST_TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


# -- throttling and lock-out on the real address, per account and per address ------------------------


def test_rotating_x_forwarded_for_does_not_lift_the_api_throttle(client, actors):
    answers = [
        client.post(
            reverse("api-token"),
            {"username": f"nobody-{n}", "password": "guess"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        ).status_code
        for n in range(40)
    ]
    assert answers[:20] == [400] * 20 and set(answers[20:]) == {429}


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_api_guesses_from_one_address_are_locked_out_whatever_the_header(client, actors):
    for n in range(5):
        client.post(reverse("api-token"), {"username": f"guess-{n}", "password": "x"},
                    HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")  # fmt: skip
    locked = client.post(
        reverse("api-token"), {"username": "test-officer", "password": PASSWORD}, HTTP_X_FORWARDED_FOR="198.51.100.99"
    )
    assert locked.status_code == 429 and "Too many failed sign-in attempts" in locked.json()["detail"]
    assert locked["Retry-After"]


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_api_guesses_at_one_account_are_locked_out_from_any_address(client, actors):
    for n in range(5):
        client.post(reverse("api-token"), {"username": "test-officer", "password": "x"}, REMOTE_ADDR=f"192.0.2.{n}")
    locked = client.post(reverse("api-token"), {"username": "test-officer", "password": PASSWORD},
                         REMOTE_ADDR="192.0.2.200")  # fmt: skip
    assert locked.status_code == 429
    elsewhere = client.post(reverse("api-token"), {"username": "test-donor", "password": PASSWORD},
                            REMOTE_ADDR="192.0.2.201")  # fmt: skip
    assert elsewhere.status_code == 200  # another account from another address is not affected


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_sign_in_page_locks_out_the_real_address_with_a_clear_message(client, actors):
    for n in range(5):
        client.post(reverse("accounts:login"), {"username": f"guess-{n}", "password": "x"},
                    HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")  # fmt: skip
    locked = client.post(reverse("accounts:login"), {"username": "test-donor", "password": PASSWORD},
                         HTTP_X_FORWARDED_FOR="198.51.100.77")  # fmt: skip
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts for this account or from your address" in locked.content.decode()


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_sign_in_page_locks_out_the_account_from_any_address(client, actors):
    for n in range(5):
        client.post(reverse("accounts:login"), {"username": "test-donor", "password": "x"}, REMOTE_ADDR=f"192.0.2.{n}")
    locked = client.post(reverse("accounts:login"), {"username": "test-donor", "password": PASSWORD},
                         REMOTE_ADDR="192.0.2.100")  # fmt: skip
    assert locked.status_code == 429


# -- tokens: expire, revoked by their owner, by a password change, by deactivation --------------------


def test_the_token_endpoint_answers_an_expiring_token(client, actors):
    answer = client.post(reverse("api-token"), {"username": "test-officer", "password": PASSWORD}).json()
    token = ApiToken.objects.get(user=actors.officer)
    assert answer["token"] and answer["token"] != token.key_digest and token.prefix == answer["token"][:8]
    assert abs(token.expires_at - (timezone.now() + timedelta(days=30))) < timedelta(minutes=1)
    assert client.get(API, HTTP_AUTHORIZATION=f"Token {answer['token']}").status_code == 200


def test_an_expired_token_is_refused(client, actors):
    key = _token_for(actors.officer)
    ApiToken.objects.filter(user=actors.officer).update(expires_at=timezone.now() - timedelta(seconds=1))
    refused = client.get(API, HTTP_AUTHORIZATION=f"Token {key}")
    assert refused.status_code == 401 and "expired" in refused.json()["detail"]


def test_the_change_log_never_holds_a_token(actors):
    key = _token_for(actors.officer)
    token = ApiToken.objects.get(user=actors.officer)
    entry = ChangeLogEntry.objects.get(content_type=ContentType.objects.get_for_model(ApiToken), object_id=str(token.pk))
    assert key not in str(entry.after) and token.key_digest not in str(entry.after)


def test_owners_list_and_revoke_their_own_tokens_only(client, actors):
    mine = services.issue_token(acting_user=actors.focal_point, user=actors.focal_point, name="laptop")
    theirs = services.issue_token(acting_user=actors.donor, user=actors.donor, name="donor script")
    client.force_login(actors.focal_point)
    page = client.get(reverse("accounts:tokens"))
    assert list(page.context["tokens"]) == [mine] and "donor script" not in page.content.decode()
    assert client.post(reverse("accounts:token_revoke", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("accounts:token_revoke", args=[mine.pk])).status_code == 302
    assert client.get(API, HTTP_AUTHORIZATION=f"Token {mine.key}").status_code == 401
    assert client.get(API, HTTP_AUTHORIZATION=f"Token {theirs.key}").status_code == 200
    revoked = _events(AccountEvent.TOKEN_REVOKED).get()
    assert revoked.object_id == str(mine.pk) and revoked.data["reason"] == "owner" and revoked.user == actors.focal_point
    entry = ChangeLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ApiToken), object_id=str(mine.pk), action="update"
    ).get()
    assert "revoked_at" in entry.changed_fields()


@pytest.mark.parametrize("role", ["anonymous", "officer", "other_focal_point", "partner", "donor"])
def test_nobody_else_revokes_a_token_from_the_owners_page(client, actors, role):
    token = services.issue_token(acting_user=actors.focal_point, user=actors.focal_point)
    if role != "anonymous":
        client.force_login(actors.user(role))
    answer = client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert answer.status_code == (302 if role == "anonymous" else 404)
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


@override_settings(CTASSIST_TOKENS_PER_USER=2)
def test_a_user_holds_a_bounded_number_of_tokens(actors):
    keys = [_token_for(actors.partner) for _ in range(3)]
    usable = ApiToken.objects.filter(user=actors.partner, revoked_at=None)
    assert usable.count() == 2 and not usable.filter(prefix=keys[0][:8]).exists()


def test_changing_ones_password_revokes_tokens_and_other_sessions(client, actors):
    key = _token_for(actors.officer)
    elsewhere = Client()
    elsewhere.force_login(actors.officer)
    client.force_login(actors.officer)
    changed = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "Another-long-pass-9", "new_password2": "Another-long-pass-9"},
    )
    assert changed.status_code == 302
    assert client.get(reverse("accounts:account")).status_code == 200  # this session goes on
    assert elsewhere.get(reverse("accounts:account")).status_code == 302  # the other one ended
    assert client.get(API, HTTP_AUTHORIZATION=f"Token {key}").status_code == 401
    event = _events(AccountEvent.PASSWORD_CHANGED, actors.officer).get()
    assert event.user == actors.officer
    assert _events(AccountEvent.TOKEN_REVOKED).get().data["reason"] == "password"


def test_a_password_reset_revokes_tokens_and_sessions_and_is_an_event(client, actors):
    key = _token_for(actors.donor)
    signed_in = Client()
    signed_in.force_login(actors.donor)
    client.post(reverse("accounts:password_reset"), {"email": actors.donor.email})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password/reset/" in line)
    form_page = client.get(link.replace("http://testserver", ""), follow=True)
    done = client.post(form_page.redirect_chain[-1][0],
                       {"new_password1": "Reset-long-pass-33", "new_password2": "Reset-long-pass-33"})  # fmt: skip
    assert done.status_code == 302
    assert User.objects.get(pk=actors.donor.pk).check_password("Reset-long-pass-33")
    assert signed_in.get(reverse("accounts:account")).status_code == 302
    assert client.get(API, HTTP_AUTHORIZATION=f"Token {key}").status_code == 401
    assert _events(AccountEvent.PASSWORD_RESET, actors.donor).get().user == actors.donor
    assert _events(AccountEvent.PASSWORD_RESET_REQUESTED, actors.donor).count() == 1


def test_a_first_password_from_the_link_is_a_set_event(actors):
    user = services.create_user(acting_user=actors.admin, username="new.one", role="donor",
                                organisation=actors.organisations["donor"], password=None)  # fmt: skip
    from ctassist.accounts.forms import ServiceSetPasswordForm

    form = ServiceSetPasswordForm(user, {"new_password1": "First-long-pass-12", "new_password2": "First-long-pass-12"})
    assert form.is_valid()
    form.save()
    assert _events(AccountEvent.PASSWORD_SET, user).get().user == user


# -- password reset e-mails are rate-limited ---------------------------------------------------------


@override_settings(CTASSIST_RESET_PER_ACCOUNT_HOURLY=3, CTASSIST_RESET_PER_ADDRESS_HOURLY=100)
def test_reset_emails_are_limited_per_account_without_telling_the_requester(client, actors):
    answers = [
        client.post(reverse("accounts:password_reset"), {"email": actors.partner.email},
                    REMOTE_ADDR=f"192.0.2.{n}").status_code  # fmt: skip
        for n in range(10)
    ]
    assert answers == [302] * 10  # the page says the same whether or not a link went out
    assert len(mail.outbox) == 3
    assert _events(AccountEvent.PASSWORD_RESET_LIMITED, actors.partner).count() == 7


@override_settings(CTASSIST_RESET_PER_ADDRESS_HOURLY=5, CTASSIST_RESET_PER_ACCOUNT_HOURLY=100)
def test_reset_requests_are_limited_per_address_whatever_the_header(client, actors):
    answers = [
        client.post(reverse("accounts:password_reset"), {"email": f"nobody{n}@example.org"},
                    HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")  # fmt: skip
        for n in range(6)
    ]
    assert [a.status_code for a in answers] == [302] * 5 + [429]
    assert "Too many password reset requests from your address" in answers[-1].content.decode()
    limited = client.post(reverse("accounts:password_reset"), {"email": actors.partner.email})
    assert limited.status_code == 429 and not mail.outbox


# -- two-factor authentication -------------------------------------------------------------------------


def test_setting_up_two_factor_from_the_account_page(client, actors):
    client.force_login(actors.focal_point)
    page = client.get(reverse("accounts:two_factor_setup"))
    assert page.status_code == 200 and "<svg" in page.content.decode()
    device = TwoFactorDevice.objects.get(user=actors.focal_point)
    assert device.secret in page.content.decode() and device.confirmed_at is None
    wrong = client.post(reverse("accounts:two_factor_setup"), {"code": "000000"})
    assert wrong.status_code == 400 and "not the code your authenticator shows" in wrong.content.decode()
    done = client.post(reverse("accounts:two_factor_setup"), {"code": twofactor.current_code(device)})
    assert done.status_code == 200 and len(done.context["codes"]) == 10
    assert RecoveryCode.objects.filter(user=actors.focal_point, used_at=None).count() == 10
    assert _events(AccountEvent.TWO_FACTOR_ENABLED).filter(user=actors.focal_point).count() == 1
    assert not any(code in str(list(ChangeLogEntry.objects.values("after"))) for code in done.context["codes"])


def _sign_in(client, user, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": user.username, "password": password})


def test_signing_in_with_two_factor_needs_the_code(client, actors):
    device, codes = _enrol(actors.officer)
    first = _sign_in(client, actors.officer)
    assert first.status_code == 302 and first.url == reverse("accounts:two_factor_verify")
    assert client.get(reverse("accounts:account")).status_code == 302  # not signed in yet
    wrong = client.post(reverse("accounts:two_factor_verify"), {"code": "123456"})
    assert wrong.status_code == 400 and "not right" in wrong.content.decode()
    assert _events(AccountEvent.TWO_FACTOR_FAILED, actors.officer).count() == 1
    code = twofactor.current_code(device)
    assert client.post(reverse("accounts:two_factor_verify"), {"code": code}).status_code == 302
    assert client.get(reverse("accounts:account")).status_code == 200
    # The same code does not open a second sign-in (no replay).
    other = Client()
    _sign_in(other, actors.officer)
    assert other.post(reverse("accounts:two_factor_verify"), {"code": code}).status_code == 400


def test_a_recovery_code_signs_in_once(client, actors):
    _device, codes = _enrol(actors.officer)
    _sign_in(client, actors.officer)
    assert client.post(reverse("accounts:two_factor_verify"), {"code": codes[0].upper()}).status_code == 302
    assert _events(AccountEvent.RECOVERY_CODE_USED).get().data == {"left": 9}
    again = Client()
    _sign_in(again, actors.officer)
    assert again.post(reverse("accounts:two_factor_verify"), {"code": codes[0]}).status_code == 400


def test_repeated_wrong_codes_are_refused_for_a_while(client, actors):
    device, _codes = _enrol(actors.officer)
    _sign_in(client, actors.officer)
    for _ in range(services.TWO_FACTOR_FAILURES):
        client.post(reverse("accounts:two_factor_verify"), {"code": "000000"})
    _sign_in(client, actors.officer)
    refused = client.post(reverse("accounts:two_factor_verify"), {"code": twofactor.current_code(device)})
    assert refused.status_code == 429 and "Too many wrong codes" in refused.content.decode()


def test_the_second_step_expires(client, actors):
    device, _codes = _enrol(actors.officer)
    _sign_in(client, actors.officer)
    session = client.session
    session[twofactor.PENDING] = {**session[twofactor.PENDING], "at": 0}
    session.save()
    late = client.post(reverse("accounts:two_factor_verify"), {"code": twofactor.current_code(device)})
    assert late.status_code == 302 and late.url == reverse("accounts:login")


def test_administrators_must_set_up_two_factor_before_anything_else(client, actors):
    services.disable_two_factor(acting_user=None, user=actors.admin)
    client.force_login(User.objects.get(pk=actors.admin.pk))
    page = client.get(reverse("accounts:users"))
    assert page.status_code == 302 and page.url.startswith(reverse("accounts:two_factor_setup"))
    assert client.get(API).status_code == 403
    assert client.get(reverse("accounts:two_factor_setup")).status_code == 200
    refused = client.post(reverse("api-token"), {"username": actors.admin.username, "password": PASSWORD})
    assert refused.status_code == 403 and "two-factor" in refused.json()["detail"]


def test_the_setting_makes_two_factor_mandatory_for_more_roles(client, actors, settings):
    client.force_login(actors.focal_point)
    assert client.get(reverse("accounts:account")).status_code == 200
    settings.CTASSIST_TWO_FACTOR_REQUIRED_ROLES = ["officer", "focal_point"]
    assert client.get(reverse("accounts:account")).status_code == 302
    key = _token_for(actors.officer)
    refused = Client().get(API, HTTP_AUTHORIZATION=f"Token {key}")
    assert refused.status_code == 401 and "two-factor" in refused.json()["detail"]


def test_staff_and_focal_points_are_prompted_others_are_not(client, actors):
    for role, prompted in [("officer", True), ("focal_point", True), ("partner", False), ("donor", False)]:
        answer = Client().post(reverse("accounts:login"), {"username": f"test-{role}", "password": PASSWORD},
                               follow=True)  # fmt: skip
        assert ("protect it with two-factor authentication" in answer.content.decode()) is prompted, role


def test_the_api_token_endpoint_asks_for_the_code(client, actors):
    device, codes = _enrol(actors.officer)
    url = reverse("api-token")
    missing = client.post(url, {"username": "test-officer", "password": PASSWORD})
    assert missing.status_code == 400 and "otp" in missing.json()
    assert client.post(url, {"username": "test-officer", "password": PASSWORD, "otp": "000000"}).status_code == 400
    good = client.post(url, {"username": "test-officer", "password": PASSWORD, "otp": twofactor.current_code(device)})
    assert good.status_code == 200 and good.json()["token"]
    assert client.post(url, {"username": "test-officer", "password": PASSWORD, "otp": codes[1]}).status_code == 200


def test_removing_two_factor_needs_a_code(client, actors):
    device, _codes = _enrol(actors.focal_point)
    client.force_login(actors.focal_point)
    client.post(reverse("accounts:two_factor_disable"), {"code": "000000"})
    assert TwoFactorDevice.objects.filter(user=actors.focal_point).exists()
    client.post(reverse("accounts:two_factor_disable"), {"code": twofactor.current_code(device)})
    assert not TwoFactorDevice.objects.filter(user=actors.focal_point).exists()
    assert not RecoveryCode.objects.filter(user=actors.focal_point).exists()
    assert _events(AccountEvent.TWO_FACTOR_DISABLED).get().user == actors.focal_point


def test_new_recovery_codes_replace_the_old(client, actors):
    _device, old = _enrol(actors.focal_point)
    client.force_login(actors.focal_point)
    fresh = client.post(reverse("accounts:recovery_codes")).context["codes"]
    assert set(fresh).isdisjoint(old)
    assert services.verify_second_factor(user=actors.focal_point, code=old[0]) is None
    assert services.verify_second_factor(user=actors.focal_point, code=fresh[0]) == "recovery"


# -- the users page and the administrators' account page -------------------------------------------


@pytest.mark.parametrize("role", ["officer", "focal_point", "other_focal_point", "partner", "donor"])
def test_users_page_shows_only_what_the_role_needs(client, actors, role):
    user = actors.user(role)
    client.force_login(user)
    page = client.get(reverse("accounts:users"))
    assert page.status_code == 200
    rows = {row.record.username for row in page.context["table"].rows}
    organisations = {str(o) for o in page.context["filter"].form.fields["organisation"].queryset}
    if role == "officer":
        assert "test-donor" in rows and "Donor (test)" in organisations
    else:
        assert rows == {user.username} and organisations == {str(user.organisation)}
        content = page.content.decode()
        for other in ("Donor (test)", "Partner entity (test)", "test-donor", "donor@example.org"):
            if other not in (str(user.organisation), user.username, user.email):
                assert other not in content, (role, other)


def test_anonymous_visitors_are_sent_to_sign_in_from_account_pages(client, actors):
    for name in ("accounts:users", "accounts:tokens", "accounts:two_factor_setup", "accounts:password_change"):
        answer = client.get(reverse(name))
        assert answer.status_code == 302 and "/accounts/sign-in/" in answer.url, name
    assert client.get(reverse("accounts:user_detail", args=[actors.donor.pk])).status_code == 302


def test_administrators_deactivate_an_account_and_its_tokens_stop(client, actors):
    key = _token_for(actors.donor)
    donor_session = Client()
    donor_session.force_login(actors.donor)
    client.force_login(actors.admin)
    page = client.get(reverse("accounts:user_detail", args=[actors.donor.pk]))
    assert page.status_code == 200 and "Deactivate the account" in page.content.decode()
    assert client.post(reverse("accounts:user_active", args=[actors.donor.pk])).status_code == 302
    donor = User.objects.get(pk=actors.donor.pk)
    assert not donor.is_active and not ApiToken.objects.filter(user=donor, revoked_at=None).exists()
    assert client.get(API, HTTP_AUTHORIZATION=f"Token {key}").status_code == 401
    assert donor_session.get(reverse("accounts:account")).status_code == 302
    entry = ChangeLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(User),
                                          object_id=str(donor.pk)).latest("id")  # fmt: skip
    assert entry.changed_fields() == ["is_active"] and entry.user == actors.admin
    assert _events(AccountEvent.USER_DEACTIVATED, donor).get().user == actors.admin
    assert "Account deactivated" in client.get(reverse("accounts:user_detail", args=[donor.pk])).content.decode()
    client.post(reverse("accounts:user_active", args=[donor.pk]), {"active": "on"})
    assert User.objects.get(pk=donor.pk).is_active


def test_administrators_revoke_tokens_and_reset_two_factor(client, actors):
    _token_for(actors.officer)
    _token_for(actors.officer)
    _enrol(actors.officer)
    client.force_login(actors.admin)
    client.post(reverse("accounts:user_revoke_tokens", args=[actors.officer.pk]))
    assert not ApiToken.objects.filter(user=actors.officer, revoked_at=None).exists()
    assert _events(AccountEvent.TOKEN_REVOKED).filter(user=actors.admin).count() == 2
    client.post(reverse("accounts:user_reset_two_factor", args=[actors.officer.pk]))
    assert not TwoFactorDevice.objects.filter(user=actors.officer).exists()
    events = [e.label for e in client.get(reverse("accounts:user_detail", args=[actors.officer.pk])).context["events"]]
    assert "API token revoked" in events and "Two-factor authentication removed" in events, events


def test_an_administrator_cannot_deactivate_themselves(client, actors):
    client.force_login(actors.admin)
    client.post(reverse("accounts:user_active", args=[actors.admin.pk]))
    assert User.objects.get(pk=actors.admin.pk).is_active


@pytest.mark.parametrize("role", ["officer", "focal_point", "other_focal_point", "partner", "donor"])
def test_only_administrators_manage_accounts(client, actors, role):
    key = _token_for(actors.focal_point)
    client.force_login(actors.user(role))
    target = actors.focal_point.pk
    for name in ("accounts:user_active", "accounts:user_revoke_tokens", "accounts:user_reset_two_factor"):
        assert client.post(reverse(name, args=[target])).status_code == 403, name  # they may change no account
    assert User.objects.get(pk=target).is_active
    assert client.get(API, HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    page = client.get(reverse("accounts:user_detail", args=[target]))
    if role in ("officer", "focal_point"):
        assert page.status_code == 200 and "Deactivate the account" not in page.content.decode()
    else:
        assert page.status_code == 404


# -- demonstration accounts --------------------------------------------------------------------------


def test_demo_administrator_has_an_authenticator_and_a_code_helper(actors):
    from io import StringIO

    from ctassist.accounts.demo import ensure_demo_accounts

    logins = {username: key for username, _password, _label, key in ensure_demo_accounts()}
    assert logins["demo-admin"] and not logins["demo-officer"]
    out = StringIO()
    call_command("demo_code", "demo-admin", stdout=out)
    admin = User.objects.get(username="demo-admin")
    assert services.verify_second_factor(user=admin, code=out.getvalue().strip()) == "totp"
    with pytest.raises(CommandError, match="not a demonstration account"):
        call_command("demo_code", actors.admin.username, stdout=StringIO())
