"""The one way to change data: validate, save, log, re-check the policy, emit the event.

Every service of every app writes through :func:`save` and :func:`delete`, so that
each change is validated, recorded in the change log with its before and after
(many-to-many fields included), checked against the permission policy *after*
the write, and announced as a typed domain event, all in one transaction: if any
step fails, nothing is written.

Versioned records (models with a ``version`` field, see
:class:`ctassist.core.models.VersionedModel`) are loaded for an edit with
:func:`lock`, which refuses a stale edit with :class:`EditConflict`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ctassist.core import audit, mail, policy
from ctassist.core.events import EventType
from ctassist.core.models import ChangeAction, Notification

__all__ = [
    "DeletionRefused",
    "EditConflict",
    "TransitionRefused",
    "VersionRequired",
    "delete",
    "is_versioned",
    "lock",
    "mark_read",
    "notify",
    "save",
]

# Fields whose change alone is not a change of the record.
_BOOKKEEPING = {"version", "updated_at", "created_at"}


class EditConflict(Exception):
    """Someone else changed the record since the editor loaded it; nothing was saved.

    ``current`` is the record as it stands now, so the editor can be shown what changed.
    """

    def __init__(self, current: models.Model, message: str | None = None):
        super().__init__(message or _("Someone else changed this record since you opened it."))
        self.current = current


class VersionRequired(Exception):
    """An edit of a versioned record came without the version the editor loaded."""

    def __init__(self, message: str | None = None):
        super().__init__(
            message
            or _("This edit does not say which version of the record it changes; reload the page and try again.")
        )


class DeletionRefused(ValidationError):
    """The record cannot be deleted because other records depend on it; the message names them.

    A validation error for the pages (shown as a message), a 409 for the API."""


class TransitionRefused(PermissionDenied):
    """The user's role does not own this workflow step (403)."""


def is_versioned(obj_or_model: Any) -> bool:
    """Whether the model keeps a ``version`` that every change increments."""
    model: type[models.Model] = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    return any(f.name == "version" for f in model._meta.concrete_fields)


def lock(obj: models.Model, *, expected_version: int | None, required: bool = True) -> Any:
    """The current row of ``obj``, locked for the rest of the transaction.

    ``expected_version`` is the version the editor loaded. When it differs from the
    stored one, :class:`EditConflict` is raised with the current record; when it is
    missing and ``required``, :class:`VersionRequired` is raised. Must be called
    inside a transaction (services are atomic).
    """
    model = type(obj)
    current: Any = model._default_manager.select_for_update(of=("self",)).get(pk=obj.pk)
    if not is_versioned(model):
        return current
    if expected_version is None or expected_version == "":
        if required:
            raise VersionRequired
        return current
    try:
        expected = int(expected_version)
    except (TypeError, ValueError):
        raise VersionRequired from None
    if expected != current.version:
        raise EditConflict(current)
    return current


def _pks(values: Iterable[Any]) -> list[Any]:
    return sorted(getattr(v, "pk", v) for v in values)


def _differs(before: Mapping[str, Any], after: Mapping[str, Any]) -> bool:
    keys = (set(before) | set(after)) - _BOOKKEEPING
    return any(before.get(k) != after.get(k) for k in keys)


@transaction.atomic
def save(
    obj: models.Model,
    *,
    acting_user: Any,
    before: dict[str, Any] | None = None,
    m2m: Mapping[str, Iterable[Any] | None] | None = None,
    event: EventType | None = None,
    details: Mapping[str, Any] | None = None,
    action: str | None = None,
) -> str:
    """Validate and save ``obj`` with its many-to-many fields, log it, check it, announce it.

    - ``before``: the snapshot (:func:`ctassist.core.audit.snapshot`) taken when the
      object was loaded for an update; read from the database when not given.
    - ``m2m``: ``{field name: objects or ids}`` to set; ``None`` values are left as they are.
    - ``event`` and ``details``: the domain event to write when something changed.
    - ``action``: the policy action the author must hold on the result (``add`` for a
      new object, ``change`` otherwise, unless given).

    Returns ``"create"``, ``"update"``, or ``""`` when an update changed nothing (then
    nothing is written: no save, no log entry, no event, no new version).
    """
    creating = obj._state.adding or obj.pk is None
    wanted = {name: _pks(values) for name, values in (m2m or {}).items() if values is not None}
    if not creating:
        if before is None:
            stored = type(obj)._default_manager.filter(pk=obj.pk).first()
            before = audit.snapshot(stored) if stored is not None else {}
        proposed = {**audit.snapshot(obj, m2m=False), **{k: before.get(k) for k in _m2m_names(obj)}, **wanted}
        if not _differs(before, proposed):
            return ""
        if is_versioned(obj):
            obj.version = int(before.get("version") or getattr(obj, "version", 0) or 0) + 1  # type: ignore[attr-defined]
    obj.full_clean()
    obj.save()
    for name, pks in wanted.items():
        getattr(obj, name).set(pks)
    change = ChangeAction.CREATE if creating else ChangeAction.UPDATE
    audit.log_change(acting_user=acting_user, obj=obj, action=change, before=None if creating else before)
    policy.enforce(acting_user, action or (policy.ADD if creating else policy.CHANGE), obj)
    if event is not None:
        audit.emit(event, acting_user=acting_user, obj=obj, **dict(details or {}))
    return str(change)


def _m2m_names(obj: models.Model) -> list[str]:
    return [f.name for f in obj._meta.many_to_many]


@transaction.atomic
def delete(
    obj: models.Model,
    *,
    acting_user: Any,
    event: EventType,
    details: Mapping[str, Any] | None = None,
    check: bool = True,
) -> None:
    """Delete ``obj``: check the policy first, log its last state, write ``event``, then delete.

    ``check=False`` is for rows removed as part of a change already checked on their
    parent (the contacts of an entry being replaced, say).
    """
    if check:
        policy.enforce(acting_user, policy.DELETE, obj)
    audit.log_change(acting_user=acting_user, obj=obj, action=ChangeAction.DELETE, before=audit.snapshot(obj))
    audit.emit(event, acting_user=acting_user, obj=obj, **dict(details or {}))
    obj.delete()


# -- notifications: the bell and the e-mail, written in one place -----------------------------


@transaction.atomic
def notify(
    recipients: Iterable[Any],
    compose: Callable[[], tuple[str, str]],
    *,
    link: str = "",
    fail_silently: bool = True,
    mail_on_commit: bool = True,
) -> list[Notification]:
    """Tell ``recipients`` of an event: an in-app notification each, and the e-mail.

    ``compose()`` gives (subject, body) and is called with each recipient's language active
    (:mod:`ctassist.core.mail`); the subject is the notification's text. The notifications
    are written in the caller's transaction (a refused change tells nobody); the e-mail is
    sent once it commits (``mail_on_commit=False``: at once, for a command that reports what it
    sent). Bookkeeping of a message, not an edit of a record: no change log.
    """
    people = {u.pk: u for u in recipients if getattr(u, "pk", None) and getattr(u, "is_active", False)}
    rows: list[Notification] = []
    for user in sorted(people.values(), key=lambda u: u.pk):
        with translation.override(mail.language_of(user)):
            subject, _body = compose()
        note = Notification(recipient=user, text=str(subject)[:300], link=link)
        note.full_clean()
        rows.append(note)
    created = Notification.objects.bulk_create(rows)
    with_address = [u for u in people.values() if u.email]
    if with_address and mail_on_commit:
        transaction.on_commit(
            lambda: mail.send_in_recipients_languages(with_address, compose, fail_silently=fail_silently)
        )
    elif with_address:
        mail.send_in_recipients_languages(with_address, compose, fail_silently=fail_silently)
    return created


def mark_read(*, acting_user: Any, notifications: Iterable[Notification] | None = None) -> int:
    """Mark the user's own notifications read (all unread ones when none are given); how many."""
    mine = Notification.objects.restrict(acting_user, policy.CHANGE).filter(read_at__isnull=True)
    if notifications is not None:
        mine = mine.filter(pk__in=[n.pk for n in notifications])
    return mine.update(read_at=timezone.now())
