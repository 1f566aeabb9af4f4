"""Core pages: home, audit logs, notifications, health check."""

from django.db import connection
from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from ctassist.core import services, ui
from ctassist.core.filters import ChangeLogFilter, EventFilter
from ctassist.core.models import ChangeLogEntry, DomainEvent, Notification
from ctassist.core.tables import ChangeLogTable, EventTable
from ctassist.core.views import PolicyListView, PolicyMixin


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


class NotificationListView(PolicyMixin, TemplateView):
    """The user's own notifications, newest first; opening the page marks the ones shown as read.

    Those that were unread when the page was opened keep a "new" mark on it.
    """

    model = Notification
    template_name = "core/notifications.html"
    shown = 100

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        items = list(Notification.objects.restrict(user).order_by("-created_at", "-id")[: self.shown])
        unread = [n for n in items if n.read_at is None]
        services.mark_read(acting_user=user, notifications=unread)
        context.update(notifications=items, unread_ids={n.pk for n in unread}, title=_("Notifications"))
        return context
