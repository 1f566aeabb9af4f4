"""Typed domain events.

Each app declares its events as a ``TextChoices`` subclass of ``EventType`` in
its ``events.py``; ``emit`` accepts only members of such a class, so an event
name is never a loose string.
"""

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
