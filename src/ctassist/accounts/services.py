"""Every change to users and organisations."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import translation
from rest_framework.authtoken.models import Token

from ctassist.accounts.events import AccountEvent
from ctassist.accounts.models import Organisation, User
from ctassist.core import audit
from ctassist.core import services as core
from ctassist.core.mail import language_of
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


@transaction.atomic
def set_password(*, acting_user: Any, user: User, password: str) -> None:
    """Give the user a new password (administrators, or the system resetting demonstration accounts)."""
    # The snapshots leave the password out, so without this marker the change would look like no change.
    before = {**audit.snapshot(user), "password": FORMER_PASSWORD}
    user.set_password(password)
    core.save(user, acting_user=acting_user, before=before, event=AccountEvent.USER_CHANGED,
              details={"change": "password"})  # fmt: skip


@transaction.atomic
def issue_token(*, acting_user: Any, user: User) -> Token:
    """Replace the user's API token with a fresh one.

    The token is a credential: it is announced (event) but never copied into the change
    log, so it is written here rather than through core.services.save.
    """
    Token.objects.filter(user=user).delete()
    token = Token.objects.create(user=user)
    audit.emit(AccountEvent.TOKEN_ISSUED, acting_user=acting_user, obj=user)
    return token


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
