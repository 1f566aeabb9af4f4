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


def shown_value(value: Any, length: int = 160) -> str:
    """A logged value as a person reads it: empty as a dash, bulky fields by size, long text cut."""
    from django.utils.translation import gettext

    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, dict) and set(value) == {"size", "digest"}:
        return gettext("(%(size)s characters)") % {"size": value["size"]}
    text = ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    return text if len(text) <= length else text[: length - 1] + "…"


def changes_since(obj: models.Model, version: Any) -> list[tuple[str, str, str]]:
    """What others changed in a versioned record since ``version``: ``(field, value then, value now)``.

    Read from the change log (every update records its before and after), so an editor refused
    for a stale version sees which fields moved and how, not only that something did.
    """
    try:
        since = int(version)
    except (TypeError, ValueError):
        return []
    entries = ChangeLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=str(obj.pk),
        action=ChangeAction.UPDATE,
    ).order_by("timestamp", "id")
    then: dict[str, Any] | None = None
    now: dict[str, Any] = {}
    for entry in entries:
        if int((entry.after or {}).get("version") or 0) <= since:
            continue
        if then is None:
            then = entry.before or {}
        now = entry.after or {}
    if then is None:
        return []
    labels = {f.attname: str(f.verbose_name) for f in obj._meta.concrete_fields}
    labels.update({f.name: str(f.verbose_name) for f in obj._meta.many_to_many})
    names = sorted(k for k in set(then) | set(now) if k not in ("version", "updated_at") and then.get(k) != now.get(k))
    return [(labels.get(name, name), shown_value(then.get(name)), shown_value(now.get(name))) for name in names]
