"""Read-only computations for the account pages."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType

from ctassist.accounts.models import User
from ctassist.core.models import ChangeLogEntry, DomainEvent


def account_history(viewer: Any, account: User, *, limit: int = 20) -> dict[str, Any]:
    """The latest change-log entries and events about ``account`` that ``viewer`` may read."""
    content_type = ContentType.objects.get_for_model(User)
    about = {"content_type": content_type, "object_id": str(account.pk)}
    return {
        "changes": ChangeLogEntry.objects.restrict(viewer).filter(**about).order_by("-timestamp", "-id")[:limit],
        "events": DomainEvent.objects.restrict(viewer).filter(**about).order_by("-timestamp", "-id")[:limit],
    }
