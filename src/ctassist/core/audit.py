"""Writing the change log and domain events. Services call these; nothing else does."""

from __future__ import annotations

import datetime
import decimal
import hashlib
import uuid
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile

from ctassist.core.context import current_request_id
from ctassist.core.events import EventType, dispatch
from ctassist.core.models import ChangeAction, ChangeLogEntry, DomainEvent

_SKIPPED_FIELDS = {"created_at", "updated_at", "password"}


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    return value


def snapshot(obj: models.Model, *, m2m: bool = True) -> dict[str, Any]:
    """A JSON-ready picture of an object's own fields and (unless ``m2m=False``) many-to-many ids.

    A model may name bulky fields in ``audit_exclude`` (for example a source
    document's full text); they are recorded by size only, so the log shows
    that they changed without copying them.
    """
    data: dict[str, Any] = {}
    bulky = set(getattr(obj, "audit_exclude", ()))
    for field in obj._meta.concrete_fields:
        if field.name in _SKIPPED_FIELDS:
            continue
        if field.name in bulky:
            value = field.value_from_object(obj)
            data[field.attname] = {
                "size": len(str(value)) if value is not None else 0,
                "digest": hashlib.sha256(str(value).encode()).hexdigest()[:16],
            }
            continue
        data[field.attname] = _json_value(field.value_from_object(obj))
    if m2m and obj.pk is not None:
        for field in obj._meta.many_to_many:
            data[field.name] = sorted(related.pk for related in field.value_from_object(obj))
    return data


def _user_repr(user: Any) -> str:
    if user is None:
        return "system"
    return getattr(user, "get_username", lambda: str(user))()


def log_change(
    *, acting_user: Any, obj: models.Model, action: str, before: dict[str, Any] | None = None
) -> ChangeLogEntry:
    """Record a change. ``before`` is the snapshot taken before an update or delete."""
    if action not in ChangeAction.values:
        raise ValueError(f"Unknown change action {action!r}.")
    after = None if action == ChangeAction.DELETE else snapshot(obj)
    return ChangeLogEntry.objects.create(
        user=acting_user if getattr(acting_user, "pk", None) else None,
        user_repr=_user_repr(acting_user),
        request_id=current_request_id(),
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        action=action,
        before=before,
        after=after,
    )


def emit(event_type: EventType, *, acting_user: Any, obj: models.Model | None = None, **data: Any) -> DomainEvent:
    """Write a typed domain event in the caller's transaction."""
    if not isinstance(event_type, EventType):
        raise TypeError("Domain events must be members of an EventType class.")
    event = DomainEvent.objects.create(
        type=event_type.value,
        user=acting_user if getattr(acting_user, "pk", None) else None,
        user_repr=_user_repr(acting_user),
        request_id=current_request_id(),
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        data={k: _json_value(v) for k, v in data.items()},
    )
    dispatch(event_type, obj=obj, acting_user=acting_user, data=event.data)
    return event
