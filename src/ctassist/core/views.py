"""The base view mixins: every page reaches data through the permission policy."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.export import ExportMixin

from ctassist.core.policy import VIEW, allows, may


class PolicyMixin:
    """Restricts ``get_queryset`` to what the user may reach for ``action``.

    Objects a user may not see are 404 (they are not told they exist); an
    action the user may not take on an object they can see is 403, and an
    anonymous visitor is sent to sign in instead.
    """

    model: type[models.Model]
    action: str = VIEW
    request: Any

    def base_queryset(self) -> models.QuerySet:
        return self.model._default_manager.all()

    def get_queryset(self) -> models.QuerySet:
        return self.base_queryset().restrict(self.request.user, VIEW)

    def deny(self) -> Any:
        if not self.request.user.is_authenticated:
            return redirect_to_login(self.request.get_full_path())
        raise PermissionDenied

    def dispatch(self, request, *args, **kwargs):
        # A user who may reach no row of the model at all is refused the page outright.
        if not may(request.user, self.action, self.model):
            return self.deny()
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class PolicyObjectMixin(PolicyMixin):
    """Fetches one object through the policy, then checks the view's action on it."""

    lookup_field = "pk"
    lookup_url_kwarg: str | None = None
    kwargs: dict[str, Any]

    def get_object(self, queryset: models.QuerySet | None = None) -> models.Model:
        queryset = self.get_queryset() if queryset is None else queryset
        key = self.lookup_url_kwarg or self.lookup_field
        obj = get_object_or_404(queryset, **{self.lookup_field: self.kwargs[key]})
        if self.action != VIEW and not allows(self.request.user, self.action, obj):
            raise PermissionDenied
        return obj


class PolicyListView(PolicyMixin, ExportMixin, SingleTableMixin, FilterView):
    """A list page: policy-restricted, filtered, sorted, paginated and exportable (CSV, XLSX)."""

    template_name = "core/list.html"
    export_formats = ("csv", "xlsx")
    paginate_by = 50
    title: Any = ""
    intro: Any = ""
    strict = False

    def get_export_filename(self, export_format: str) -> str:
        return f"{self.model._meta.model_name}s.{export_format}"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(title=self.title or self.model._meta.verbose_name_plural.capitalize(), intro=self.intro)
        return context


def object_or_404(queryset: models.QuerySet, **lookup: Any) -> models.Model:
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError):
        raise Http404 from None
