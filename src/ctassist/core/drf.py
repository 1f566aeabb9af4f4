"""API permission and pagination classes, kept apart from the viewsets so settings can import them."""

from __future__ import annotations

from rest_framework import permissions
from rest_framework.pagination import PageNumberPagination

from ctassist.core.policy import ADD, CHANGE, DELETE, VIEW, allows, may

ACTION_FOR_METHOD = {
    "GET": VIEW,
    "HEAD": VIEW,
    "OPTIONS": VIEW,
    "POST": ADD,
    "PUT": CHANGE,
    "PATCH": CHANGE,
    "DELETE": DELETE,
}


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


class PolicyPermission(permissions.BasePermission):
    """Allows a method only where the model's policy gives the user that action.

    Viewsets may name ``policy_action`` for custom actions (a workflow
    transition, say); otherwise the HTTP method decides.
    """

    def _action(self, request, view) -> str:
        return getattr(view, "policy_action", None) or ACTION_FOR_METHOD.get(request.method, CHANGE)

    def has_permission(self, request, view) -> bool:
        model = getattr(getattr(view, "queryset", None), "model", None) or getattr(view, "model", None)
        if model is None:
            return True
        action = self._action(request, view)
        if action == VIEW:
            return True  # rows are filtered by the queryset itself
        return may(request.user, action, model)

    def has_object_permission(self, request, view, obj) -> bool:
        action = self._action(request, view)
        return action == VIEW or allows(request.user, action, obj)

