"""Core pages: home, audit logs, health check."""

from django.db import connection
from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from ctassist.core import ui
from ctassist.core.filters import ChangeLogFilter, EventFilter
from ctassist.core.models import ChangeLogEntry, DomainEvent
from ctassist.core.tables import ChangeLogTable, EventTable
from ctassist.core.views import PolicyListView


class HomeView(TemplateView):
    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cards = []
        for card in ui.home_cards():
            data = card.build(self.request)
            if data is not None:
                cards.append({"template": card.template, "data": data})
        context["cards"] = cards
        return context


class ChangeLogView(PolicyListView):
    model: type[ChangeLogEntry | DomainEvent] = ChangeLogEntry
    table_class = ChangeLogTable
    filterset_class = ChangeLogFilter
    title = _("Change log")
    intro = _("Every change made through ctassist: who, when, which request, and the values before and after.")

    def base_queryset(self):
        return ChangeLogEntry.objects.select_related("content_type")


class EventLogView(ChangeLogView):
    model = DomainEvent
    table_class = EventTable
    filterset_class = EventFilter
    title = _("Domain events")
    intro = _("What happened in the life of the system: sign-ins, imports, workflow steps, contact views.")

    def base_queryset(self):
        return DomainEvent.objects.all()


def health(request):
    """For load balancers: the application answers and the database is reachable."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
