"""Every change to users and organisations."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import Any

import pyotp
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from ctassist.accounts import securitykeys
from ctassist.accounts.choices import TwoFactorKind
from ctassist.accounts.events import AccountEvent
from ctassist.accounts.models import ApiToken, Organisation, RecoveryCode, TwoFactorDevice, User
from ctassist.core import audit
from ctassist.core import services as core
from ctassist.core.mail import language_of
from ctassist.core.models import DomainEvent
from ctassist.core.policy import VIEW

# Stands for the former password in the change log: the log records that the password changed,
# never its hash (core.audit leaves the password field out of every snapshot).
FORMER_PASSWORD = "(former password)"  # noqa: S105 - a placeholder, not a password


@transaction.atomic
def create_organisation(
    *, acting_user: Any, kind: str, name: str, acronym: str = "", state=None, is_demo: bool = False
) -> Organisation:
    """Create an organisation (UNODC, a State's office, a partner or a donor)."""
    org = Organisation(kind=kind, name=name, acronym=acronym, state=state, is_demo=is_demo)
    core.save(org, acting_user=acting_user, event=AccountEvent.ORGANISATION_CREATED, details={"kind": kind})
    return org


@transaction.atomic
def create_user(
    *,
    acting_user: Any,
    username: str,
    role: str,
    organisation: Organisation,
    password: str | None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    is_demo: bool = False,
) -> User:
    """Create a user; ``password=None`` leaves it unusable until a reset."""
    user = User(
        username=username,
        role=role,
        organisation=organisation,
        email=email,
        first_name=first_name,
        last_name=last_name,
        is_demo=is_demo,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    core.save(user, acting_user=acting_user, event=AccountEvent.USER_CREATED, details={"role": role})
    return user


PASSWORD_EVENTS = {
    "set": AccountEvent.PASSWORD_SET,  # a first password, or one an administrator or the system gave
    "change": AccountEvent.PASSWORD_CHANGED,  # the user changed their own, knowing the old one
    "reset": AccountEvent.PASSWORD_RESET,  # the user set a new one from an e-mailed link
}


def _stored(user: Any) -> User:
    """The stored record behind ``user`` (the request's user is a lazy stand-in)."""
    return user if type(user) is User else User.objects.get(pk=user.pk)


@transaction.atomic
def set_password(*, acting_user: Any, user: User, password: str, how: str = "set") -> None:
    """Give the user a new password, and end every other way in that used the old one.

    ``how`` says which event is written: ``set`` (administrators, the system, a first password),
    ``change`` (the user, knowing the old one) or ``reset`` (the user, from an e-mailed link). The
    user's API tokens are revoked. Their other sessions end by themselves: a session carries a digest
    of the password it was opened with, which no longer matches (the page the user changed it from
    keeps its session through ``update_session_auth_hash``).
    """
    if how not in PASSWORD_EVENTS:
        raise ValueError(f"how must be one of {sorted(PASSWORD_EVENTS)}, not {how!r}")
    record = _stored(user)
    # The snapshots leave the password out, so without this marker the change would look like no change.
    before = {**audit.snapshot(record), "password": FORMER_PASSWORD}
    record.set_password(password)
    own = acting_user is not None and getattr(acting_user, "pk", None) == record.pk
    core.save(record, acting_user=acting_user, before=before, action=VIEW if own else None,
              event=PASSWORD_EVENTS[how], details={"change": "password"})  # fmt: skip
    if record is not user:
        user.password = record.password
    revoke_tokens(acting_user=acting_user, user=record, reason="password")


@transaction.atomic
def set_active(*, acting_user: Any, user: User, active: bool) -> bool:
    """Deactivate (or reactivate) an account; deactivating revokes its API tokens.

    A deactivated user cannot sign in, and their open sessions stop working at the next request
    (the authentication backend refuses inactive users). Returns whether anything changed.
    """
    record = _stored(user)
    if not active and acting_user is not None and getattr(acting_user, "pk", None) == record.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    before = audit.snapshot(record)
    record.is_active = active
    event = AccountEvent.USER_REACTIVATED if active else AccountEvent.USER_DEACTIVATED
    changed = core.save(record, acting_user=acting_user, before=before, event=event)
    if not active:
        revoke_tokens(acting_user=acting_user, user=record, reason="deactivated")
    return bool(changed)


# -- API tokens ----------------------------------------------------------------------------------


def token_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def issue_token(*, acting_user: Any, user: User, name: str = "") -> ApiToken:
    """Issue a new API token for ``user``; its key is on ``token.key`` now and never again.

    The token expires after ``CTASSIST_TOKEN_DAYS``; beyond ``CTASSIST_TOKENS_PER_USER`` usable tokens
    the oldest are revoked. Only the digest is stored (and the change log records its size only).
    """
    key = secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken(
        user=_stored(user),
        name=name[:100],
        key_digest=token_digest(key),
        prefix=key[:8],
        expires_at=now + timedelta(days=settings.CTASSIST_TOKEN_DAYS),
    )
    core.save(token, acting_user=acting_user, event=AccountEvent.TOKEN_ISSUED,
              details={"prefix": token.prefix, "expires_at": token.expires_at})  # fmt: skip
    token.key = key
    usable = ApiToken.objects.filter(user_id=token.user_id, revoked_at=None, expires_at__gt=now)
    for old in usable.order_by("-created_at", "-id")[settings.CTASSIST_TOKENS_PER_USER :]:
        revoke_token(acting_user=acting_user, token=old, reason="limit")
    return token


@transaction.atomic
def revoke_token(*, acting_user: Any, token: ApiToken, reason: str = "revoked") -> bool:
    """Revoke one token (its owner, an administrator, or the system). Returns whether it was usable."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return False
    before = audit.snapshot(token)
    token.revoked_at = timezone.now()
    token.revoked_reason = reason[:40]
    core.save(token, acting_user=acting_user, before=before, event=AccountEvent.TOKEN_REVOKED,
              details={"prefix": token.prefix, "reason": token.revoked_reason})  # fmt: skip
    return True


@transaction.atomic
def revoke_tokens(*, acting_user: Any, user: User, reason: str = "revoked") -> int:
    """Revoke every token of ``user`` still unrevoked; returns how many."""
    tokens = list(ApiToken.objects.filter(user_id=user.pk, revoked_at=None).order_by("id"))
    return sum(revoke_token(acting_user=acting_user, token=t, reason=reason) for t in tokens)


# How often a token's "last used" time is written: a program calling every second writes once a minute.
TOKEN_USE_RESOLUTION = timedelta(minutes=1)


def record_token_use(token: ApiToken) -> None:
    """Note when a token was last used. Usage, not a change: no change log, no event, one UPDATE."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOKEN_USE_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


# -- two-factor authentication (TOTP with recovery codes) ------------------------------------------

RECOVERY_CODES = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i


class TooManyAttemptsError(Exception):
    """Too many wrong second-factor codes for this account lately."""


def _code_digest(user_id: int, code: str) -> str:
    return hashlib.sha256(f"{user_id}:{code}".encode()).hexdigest()


def _normalise(code: str) -> str:
    return "".join(ch for ch in str(code).lower() if ch.isalnum())


def _app(user: Any):
    """The user's authenticator-app device (TOTP), as a queryset."""
    return TwoFactorDevice.objects.filter(user_id=user.pk, kind=TwoFactorKind.TOTP)


def security_keys(user: Any):
    """The user's security keys and passkeys (WebAuthn devices), oldest first."""
    return TwoFactorDevice.objects.filter(user_id=user.pk, kind=TwoFactorKind.WEBAUTHN).order_by("created_at", "id")


@transaction.atomic
def start_two_factor(*, acting_user: Any, user: User) -> TwoFactorDevice:
    """The user's authenticator app to confirm: a new secret, or the one not yet confirmed."""
    record = _stored(user)
    device = _app(record).first()
    if device is not None and device.confirmed_at is not None:
        raise ValidationError(_("An authenticator app is already set up for this account."))
    if device is None:
        device = TwoFactorDevice(user=record, secret=pyotp.random_base32(32))
        core.save(device, acting_user=acting_user)
    return device


@transaction.atomic
def provision_two_factor(*, acting_user: Any, user: User) -> TwoFactorDevice:
    """An authenticator the operator gives an account (demonstration accounts): made confirmed, in one write.

    It replaces the account's authenticator app; its security keys, if any, stay.
    """
    record = _stored(user)
    remove_authenticator_app(acting_user=acting_user, user=record)
    device = TwoFactorDevice(user=record, secret=pyotp.random_base32(32), confirmed_at=timezone.now())
    core.save(device, acting_user=acting_user, event=AccountEvent.TWO_FACTOR_ENABLED)
    return device


def _matching_step(device: TwoFactorDevice, code: str) -> int | None:
    """The time step whose code is ``code`` (this one, or one either side for clock drift), if newer."""
    code = _normalise(code)
    if not (len(code) == 6 and code.isdigit()):
        return None
    totp = pyotp.TOTP(device.secret)
    current = totp.timecode(timezone.now())
    for step in (current - 1, current, current + 1):
        if step > device.last_step and hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


@transaction.atomic
def confirm_two_factor(*, acting_user: Any, user: User, code: str) -> list[str]:
    """Confirm the authenticator app with a code from it; returns the recovery codes (shown once)."""
    device = _app(user).select_for_update().filter(confirmed_at=None).first()
    if device is None:
        raise ValidationError(_("Start setting up two-factor authentication first."))
    step = _matching_step(device, code)
    if step is None:
        raise ValidationError(
            {"code": _("This is not the code your authenticator shows now. Check the time on your phone and try again.")}
        )
    before = audit.snapshot(device)
    device.confirmed_at = timezone.now()
    device.last_step = step
    core.save(device, acting_user=acting_user, before=before, event=AccountEvent.TWO_FACTOR_ENABLED)
    return issue_recovery_codes(acting_user=acting_user, user=user)


@transaction.atomic
def issue_recovery_codes(*, acting_user: Any, user: User) -> list[str]:
    """Replace the user's recovery codes with ten new single-use ones; returns them (shown once)."""
    if not two_factor_enabled(user):
        raise ValidationError(_("Recovery codes come with two-factor authentication: set it up first."))
    codes = ["".join(secrets.choice(_RECOVERY_ALPHABET) for _i in range(12)) for _n in range(RECOVERY_CODES)]
    RecoveryCode.objects.filter(user_id=user.pk).delete()
    RecoveryCode.objects.bulk_create(RecoveryCode(user_id=user.pk, code_digest=_code_digest(user.pk, c)) for c in codes)
    audit.emit(AccountEvent.RECOVERY_CODES_ISSUED, acting_user=acting_user, obj=_stored(user), count=len(codes))
    return [f"{c[:4]}-{c[4:8]}-{c[8:]}" for c in codes]


def _remove_device(device: TwoFactorDevice, *, acting_user: Any) -> None:
    """Delete one device (logged, an event); the recovery codes go with the account's last one."""
    if device.is_security_key:
        event, details = AccountEvent.SECURITY_KEY_REMOVED, {"user": device.user_id, "name": device.name}
    else:
        event, details = AccountEvent.TWO_FACTOR_DISABLED, {"user": device.user_id}
    core.delete(device, acting_user=acting_user, event=event, details=details)
    if not TwoFactorDevice.objects.filter(user_id=device.user_id, confirmed_at__isnull=False).exists():
        RecoveryCode.objects.filter(user_id=device.user_id).delete()


@transaction.atomic
def disable_two_factor(*, acting_user: Any, user: User) -> bool:
    """Remove every second factor of the user: authenticator app, security keys, recovery codes.

    For a lost phone or key (an administrator). A user whose role requires two-factor authentication
    is asked to set it up again at the next page. Returns whether there was anything to remove.
    """
    record = _stored(user)
    devices = list(TwoFactorDevice.objects.filter(user=record).select_related("user").order_by("id"))
    for device in devices:
        _remove_device(device, acting_user=acting_user)
    RecoveryCode.objects.filter(user=record).delete()
    return bool(devices)


@transaction.atomic
def remove_authenticator_app(*, acting_user: Any, user: User) -> bool:
    """Remove the user's authenticator app; their security keys stay (and the recovery codes with them)."""
    device = _app(user).select_related("user").first()
    if device is None:
        return False
    _remove_device(device, acting_user=acting_user)
    return True


def two_factor_enabled(user: Any) -> bool:
    """Whether the user has a second factor: a confirmed authenticator app or a security key."""
    return TwoFactorDevice.objects.filter(user_id=user.pk, confirmed_at__isnull=False).exists()


def authenticator_app_enabled(user: Any) -> bool:
    return _app(user).filter(confirmed_at__isnull=False).exists()


# Wrong second-factor codes (or refused security-key answers) tolerated per account in the window.
TWO_FACTOR_FAILURES = 10
TWO_FACTOR_WINDOW = timedelta(minutes=15)


def _check_attempts(record: User) -> None:
    recent = DomainEvent.objects.filter(
        type=AccountEvent.TWO_FACTOR_FAILED, object_id=str(record.pk), timestamp__gte=timezone.now() - TWO_FACTOR_WINDOW
    )
    if recent.count() >= TWO_FACTOR_FAILURES:
        raise TooManyAttemptsError


@transaction.atomic
def verify_second_factor(*, user: User, code: str, address: str = "") -> str | None:
    """Check a code from the user's authenticator app, or one of their recovery codes (used up by this).

    Returns ``"totp"`` or ``"recovery"``, or ``None`` for a wrong code (recorded, so that repeated
    guesses are refused: :class:`TooManyAttemptsError` after ``TWO_FACTOR_FAILURES`` in ``TWO_FACTOR_WINDOW``).
    An account with security keys only has recovery codes, which this accepts.
    """
    record = _stored(user)
    _check_attempts(record)
    if not two_factor_enabled(record):
        return None
    device = _app(record).select_for_update().filter(confirmed_at__isnull=False).first()
    step = _matching_step(device, code) if device is not None else None
    if device is not None and step is not None:
        TwoFactorDevice.objects.filter(pk=device.pk).update(last_step=step, last_used_at=timezone.now())  # usage
        return "totp"
    digest = _code_digest(record.pk, _normalise(code))
    recovery = RecoveryCode.objects.select_for_update().filter(user=record, code_digest=digest, used_at=None).first()
    if recovery is not None:
        before = audit.snapshot(recovery)
        recovery.used_at = timezone.now()
        left = RecoveryCode.objects.filter(user=record, used_at=None).count() - 1
        core.save(recovery, acting_user=record, before=before, event=AccountEvent.RECOVERY_CODE_USED,
                  details={"left": left})  # fmt: skip
        return "recovery"
    audit.emit(AccountEvent.TWO_FACTOR_FAILED, acting_user=None, obj=record, address=address)
    return None


# -- security keys and passkeys (WebAuthn) ----------------------------------------------------------


@transaction.atomic
def register_security_key(
    *, acting_user: Any, user: User, name: str, answer: str, challenge: bytes | None, rp: securitykeys.RelyingParty
) -> tuple[TwoFactorDevice, list[str]]:
    """Verify the browser's answer to the registration and store the key under ``name``.

    ``challenge`` is the one this session was given (``securitykeys.take_challenge``), ``None`` when
    it expired or was used. Returns the key and, when it is the account's first second factor, its
    new recovery codes (shown once; otherwise empty: the codes the user holds stay valid). Any
    refusal (another site, a spent challenge, a key already registered, a bad attestation) raises
    ``ValidationError`` and writes nothing.
    """
    record = User.objects.select_for_update().get(pk=user.pk)  # one registration at a time per account
    name = " ".join(name.split())[:100]
    if not name:
        raise ValidationError({"name": _("Name the key, so that you can tell your keys apart.")})
    if security_keys(record).count() >= securitykeys.MAX_KEYS:
        raise ValidationError(
            _("An account holds at most %(count)d security keys: remove one first.") % {"count": securitykeys.MAX_KEYS}
        )
    new = securitykeys.verify_registration(answer, challenge=challenge, rp=rp)
    if TwoFactorDevice.objects.filter(credential_id=new.credential_id).exists():
        raise ValidationError(_("This security key is already registered."), code="registered")
    first = not two_factor_enabled(record)
    # The verified key's fields (credential id, public key, counter, transports) are the model's own.
    device = TwoFactorDevice(
        user=record, kind=TwoFactorKind.WEBAUTHN, name=name, confirmed_at=timezone.now(), **dataclasses.asdict(new)
    )
    core.save(device, acting_user=acting_user, event=AccountEvent.SECURITY_KEY_ADDED, details={"name": name})
    codes = issue_recovery_codes(acting_user=acting_user, user=record) if first else []
    return device, codes


@transaction.atomic
def _use_security_key(record: User, answer: str, challenge: bytes | None, rp: securitykeys.RelyingParty) -> TwoFactorDevice:
    data, credential_id = securitykeys.answer_credential_id(answer)
    key = security_keys(record).select_for_update().filter(credential_id=credential_id).first()
    if key is None:
        raise ValidationError(_("This security key is not registered for your account."), code="unknown")
    count = securitykeys.verify_assertion(data, challenge=challenge, rp=rp, key=key)
    key.sign_count, key.last_used_at = count, timezone.now()
    # Usage, like the authenticator app's last time step: no change-log entry, one UPDATE.
    TwoFactorDevice.objects.filter(pk=key.pk).update(sign_count=key.sign_count, last_used_at=key.last_used_at)
    return key


def verify_security_key(
    *, user: User, answer: str, challenge: bytes | None, rp: securitykeys.RelyingParty, address: str = ""
) -> TwoFactorDevice:
    """Check the browser's answer from one of the user's security keys; returns the key used.

    The signature counter is checked and stored. A refusal raises ``ValidationError`` (its ``code``
    says why: ``challenge``, ``origin``, ``unknown``, ``counter``, ``invalid``, ``malformed``), changes
    no key, and is recorded as a failed second step, counted with wrong codes
    (:class:`TooManyAttemptsError`).
    """
    record = _stored(user)
    _check_attempts(record)
    try:
        return _use_security_key(record, answer, challenge, rp)
    except ValidationError as exc:
        with transaction.atomic():
            audit.emit(AccountEvent.TWO_FACTOR_FAILED, acting_user=None, obj=record, address=address,
                       method="security_key", reason=exc.code or "invalid")  # fmt: skip
        raise


@transaction.atomic
def remove_security_key(*, acting_user: Any, key: TwoFactorDevice) -> None:
    """Remove one security key (its owner, having proved a second factor again). Logged, an event."""
    key = TwoFactorDevice.objects.select_for_update().select_related("user").get(pk=key.pk, kind=TwoFactorKind.WEBAUTHN)
    _remove_device(key, acting_user=acting_user)


# -- password-reset requests: rate-limited per client address and per account ---------------------

RESET_WINDOW = timedelta(hours=1)


def reset_allowed_from(address: str) -> bool:
    """Whether another reset request from ``address`` is allowed this hour."""
    recent = DomainEvent.objects.filter(
        type=AccountEvent.PASSWORD_RESET_REQUESTED, data__address=address, object_id="",
        timestamp__gte=timezone.now() - RESET_WINDOW,
    )  # fmt: skip
    return recent.count() < settings.CTASSIST_RESET_PER_ADDRESS_HOURLY


@transaction.atomic
def record_reset_request(*, address: str, allowed: bool) -> None:
    """Write that a reset was asked from ``address`` (no e-mail address is kept), or that it was refused."""
    event = AccountEvent.PASSWORD_RESET_REQUESTED if allowed else AccountEvent.PASSWORD_RESET_LIMITED
    audit.emit(event, acting_user=None, address=address, limit="" if allowed else "address")


@transaction.atomic
def claim_reset_email(*, user: User, address: str) -> bool:
    """Whether a reset link may be e-mailed to ``user`` now (the hourly limit per account); writes the event."""
    record = _stored(user)
    sent = DomainEvent.objects.filter(
        type=AccountEvent.PASSWORD_RESET_REQUESTED, object_id=str(record.pk),
        timestamp__gte=timezone.now() - RESET_WINDOW,
    )  # fmt: skip
    if sent.count() >= settings.CTASSIST_RESET_PER_ACCOUNT_HOURLY:
        audit.emit(AccountEvent.PASSWORD_RESET_LIMITED, acting_user=None, obj=record, address=address, limit="account")
        return False
    audit.emit(AccountEvent.PASSWORD_RESET_REQUESTED, acting_user=None, obj=record, address=address)
    return True


def send_password_link(*, user: User, request: Any) -> None:
    """E-mail the user a one-time link to set their password.

    Django's reset form skips accounts without a usable password, which is
    exactly what a new account is, so the link is built here with the same
    token generator and templates.
    """
    from django.contrib.auth.forms import PasswordResetForm
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    context = {
        "user": user,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "protocol": "https" if request.is_secure() else "http",
        "domain": request.get_host(),
    }
    with translation.override(language_of(user)):  # in the recipient's language, not the administrator's
        PasswordResetForm().send_mail(
            "accounts/password_reset_subject.txt", "accounts/password_reset_email.txt", context, None, user.email
        )


@transaction.atomic
def set_language(*, user: User, language: str) -> bool:
    """Store the language ``user`` chose in the switcher, for their e-mails and their next sign-in.

    A preference of one's own record: the user must be able to see that record (every official
    sees their own), not to administer it. Returns whether anything changed.
    """
    offered = {code for code, _name in settings.LANGUAGES}
    if language not in offered:
        raise ValueError(f"language {language!r} is not one of the site's languages {sorted(offered)}")
    user = User.objects.get(pk=user.pk)  # the stored record (the request's user is a lazy stand-in)
    before = audit.snapshot(user)
    user.language = language
    changed = core.save(
        user, acting_user=user, before=before, action=VIEW, event=AccountEvent.USER_CHANGED,
        details={"change": "language"},
    )  # fmt: skip
    return bool(changed)
