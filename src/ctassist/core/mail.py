"""E-mail in each recipient's language.

A message is written once per language among its recipients, with that language active
(``translation.override``), so a French focal point and an Arabic-speaking officer told of the same
event each read it in their own language. A recipient's language is their stored preference
(``language`` on the user, set from the language switcher), else the site's default.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation

__all__ = ["language_of", "send_in_recipients_languages"]

Compose = Callable[[], tuple[str, str]]


def language_of(user: Any) -> str:
    """The language to write to ``user`` in: their preference when it is one the site offers."""
    offered = {code for code, _name in settings.LANGUAGES}
    language = getattr(user, "language", "") or ""
    return language if language in offered else settings.LANGUAGE_CODE


def by_language(recipients: Iterable[Any]) -> dict[str, list[str]]:
    """``{language: sorted addresses}`` for the recipients that have an address; one address, one language."""
    chosen: dict[str, str] = {}
    for user in recipients:
        if user.email and user.email not in chosen:
            chosen[user.email] = language_of(user)
    groups: dict[str, list[str]] = {}
    for email, language in sorted(chosen.items()):
        groups.setdefault(language, []).append(email)
    return groups


def send_in_recipients_languages(recipients: Iterable[Any], compose: Compose, *, fail_silently: bool = False) -> int:
    """Send ``compose()``'s (subject, body) to ``recipients``, one message per language; how many were sent.

    ``compose`` is called with each language active, so every ``gettext`` and template it uses
    speaks that language.
    """
    sent = 0
    for language, emails in sorted(by_language(recipients).items()):
        with translation.override(language):
            subject, body = compose()
            sent += send_mail(subject, body, None, emails, fail_silently=fail_silently)
    return sent
