"""Typed domain events.

Each app declares its events as a ``TextChoices`` subclass of ``EventType`` in
its ``events.py``; ``emit`` accepts only members of such a class, so an event
name is never a loose string.
"""

from collections.abc import Callable
from typing import Any

from django.db import models


class EventType(models.TextChoices):
    """Base class for every app's event types."""


def _all_types() -> dict[str, str]:
    labels: dict[str, str] = {}
    stack = list(EventType.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        for member in cls:
            labels[member.value] = str(member.label)
    return labels


def label_for(value: str) -> str:
    return _all_types().get(value, value)


class CoreEvent(EventType):
    SIGNED_IN = "accounts.signed_in", "Signed in"
    SIGN_IN_FAILED = "accounts.sign_in_failed", "Sign-in failed"
    DEMO_DATA_GENERATED = "core.demo_data_generated", "Demonstration data generated"
    REFERENCE_DATA_LOADED = "core.reference_data_loaded", "Reference data loaded"


# -- subscribers: another area reacts to an event, in the transaction that wrote it ---------------

# ``handler(event_type=..., obj=..., acting_user=..., data=...)``, keyed by the event's value.
_SUBSCRIBERS: dict[str, list[Callable[..., Any]]] = {}


def subscribe(event_type: EventType) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator: run the handler whenever ``event_type`` is emitted (``core.audit.emit``).

    An area higher in the layers (needs) reacts to an area below it (library) without the lower
    one knowing: the handler runs inside the emitting service's transaction, so if it fails the
    whole change is undone. Register handlers in the subscribing app's ``ready()``.
    """

    def decorator(handler: Callable[..., Any]) -> Callable[..., Any]:
        handlers = _SUBSCRIBERS.setdefault(event_type.value, [])
        if handler not in handlers:
            handlers.append(handler)
        return handler

    return decorator


def dispatch(event_type: EventType, *, obj: Any, acting_user: Any, data: dict[str, Any]) -> None:
    """Call the subscribers of ``event_type`` (``core.audit.emit`` does, after writing the event)."""
    for handler in list(_SUBSCRIBERS.get(event_type.value, ())):
        handler(event_type=event_type, obj=obj, acting_user=acting_user, data=data)
