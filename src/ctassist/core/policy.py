"""The permission policy: the one mechanism that decides what each user may reach.

Every model that users reach declares a ``Policy``. ``scope(user, action)``
answers with ``ALL``, ``NONE`` or a ``Q`` filter, and every queryset that
reaches a user goes through ``Model.objects.restrict(user, action)``. The base
view mixin and the base API viewset call it; services re-check it after a save
so that a write can never leave an object outside what its author may touch.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q

VIEW = "view"
ADD = "add"
CHANGE = "change"
DELETE = "delete"
STANDARD_ACTIONS = (VIEW, ADD, CHANGE, DELETE)


class _Everything:
    def __repr__(self) -> str:
        return "ALL"


class _Nothing:
    def __repr__(self) -> str:
        return "NONE"


ALL: Any = _Everything()
NONE: Any = _Nothing()

_REGISTRY: dict[type[models.Model], Policy] = {}


class Policy:
    """Declares, for one model, which rows each user may reach for each action.

    Subclasses override ``scope``. ``actions`` lists every action the model
    knows (the generic permission suite walks all of them). ``distinct`` is set
    where a filter spans a many-valued relation and could repeat rows.
    """

    actions: tuple[str, ...] = STANDARD_ACTIONS
    distinct: bool = False

    def scope(self, user: Any, action: str) -> Any:
        raise NotImplementedError


class PublicReferencePolicy(Policy):
    """Public reference data: anyone reads; only UNODC staff add, change or delete."""

    def scope(self, user: Any, action: str) -> Any:
        from ctassist.core import roles

        if action == VIEW or roles.is_unodc(user):
            return ALL
        return NONE


def register(model: type[models.Model]):
    """Class decorator: ``@register(Instrument) class InstrumentPolicy(Policy): ...``."""

    def decorator(policy_class: type[Policy]) -> type[Policy]:
        _REGISTRY[model] = policy_class()
        return policy_class

    return decorator


def policy_for(model: type[models.Model]) -> Policy:
    try:
        return _REGISTRY[model]
    except KeyError:
        raise LookupError(f"No permission policy is declared for {model._meta.label}.") from None


def registered_models() -> list[type[models.Model]]:
    return sorted(_REGISTRY, key=lambda m: m._meta.label)


class RestrictedQuerySet(models.QuerySet):
    def restrict(self, user: Any, action: str = VIEW) -> RestrictedQuerySet:
        policy = policy_for(self.model)
        if action not in policy.actions:
            raise ValueError(f"{self.model._meta.label} has no action {action!r}.")
        rule = policy.scope(user, action)
        if rule is ALL:
            return self
        if rule is NONE or rule is None or rule is False:
            return self.none()
        if not isinstance(rule, Q):
            raise TypeError(f"Policy for {self.model._meta.label} returned {rule!r}.")
        restricted = self.filter(rule)
        return restricted.distinct() if policy.distinct else restricted


class RestrictedManager(models.Manager.from_queryset(RestrictedQuerySet)):  # type: ignore[misc]
    pass


def allows(user: Any, action: str, obj: models.Model) -> bool:
    """Whether ``user`` may perform ``action`` on the saved object ``obj``."""
    manager: Any = type(obj)._default_manager  # a RestrictedManager on every BaseModel
    return manager.restrict(user, action).filter(pk=obj.pk).exists()


def enforce(user: Any, action: str, obj: models.Model) -> None:
    """Raise PermissionDenied unless allowed; services call it after saving.

    ``user=None`` stands for the system itself (command line, migrations),
    which acts with the authority of whoever runs the server.
    """
    if user is None:
        return
    if not allows(user, action, obj):
        raise PermissionDenied(f"Not allowed to {action} this {obj._meta.verbose_name}.")


def may(user: Any, action: str, model: type[models.Model]) -> bool:
    """Whether ``user`` may perform ``action`` on at least some rows of ``model``.

    Used to show or hide buttons and menu entries; the object-level check
    still happens when the action is taken.
    """
    rule = policy_for(model).scope(user, action)
    return rule is not NONE and rule is not None and rule is not False
