"""Read-only computations for the account pages."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from ctassist.accounts.models import ApiToken, TwoFactorDevice, User
from ctassist.core.models import ChangeLogEntry, DomainEvent


def _about(account: User, *, events: bool = False) -> Q:
    """The account itself, its API tokens and its authenticator, as change-log and event subjects.

    A removed authenticator is found by its events' ``user`` detail (its row is gone).
    """
    types = ContentType.objects.get_for_models(User, ApiToken, TwoFactorDevice)
    tokens = [str(pk) for pk in ApiToken.objects.filter(user=account).values_list("pk", flat=True)]
    devices = [str(pk) for pk in TwoFactorDevice.objects.filter(user=account).values_list("pk", flat=True)]
    device = Q(object_id__in=devices) | Q(data__user=account.pk) if events else Q(object_id__in=devices)
    return (
        Q(content_type=types[User], object_id=str(account.pk))
        | Q(content_type=types[ApiToken], object_id__in=tokens)
        | (Q(content_type=types[TwoFactorDevice]) & device)
    )


def account_history(viewer: Any, account: User, *, limit: int = 20) -> dict[str, Any]:
    """The latest change-log entries and events about ``account`` (and its tokens) that ``viewer`` may read."""
    return {
        "changes": ChangeLogEntry.objects.restrict(viewer)
        .filter(_about(account))
        .select_related("content_type")
        .order_by("-timestamp", "-id")[:limit],
        "events": DomainEvent.objects.restrict(viewer).filter(_about(account, events=True)).order_by("-timestamp", "-id")[:limit],
    }
