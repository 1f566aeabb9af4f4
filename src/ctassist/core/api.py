"""The base of every API viewset: the same policy as the pages."""

from __future__ import annotations

from typing import Any

from rest_framework import mixins, viewsets

from ctassist.core.policy import VIEW


class PolicyViewSetMixin:
    """Every row a viewset returns comes from ``restrict(user, VIEW)``.

    Objects outside it are 404; the action itself is checked on the object
    by ``PolicyPermission`` (403).
    """

    queryset: Any
    request: Any

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user, VIEW)  # type: ignore[misc]


class PolicyReadOnlyViewSet(PolicyViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass


class PolicyModelViewSet(
    PolicyViewSetMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Writes go through services: subclasses implement perform_create/update/destroy."""
