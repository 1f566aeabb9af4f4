"""Pages of the assistance area: requests, the work queue, activities, participants, the calendar.

Create and edit pages are ``core.views.ServiceFormView``s, the small forms posted from a
record's page ``ServiceActionView``s and the participant import an ``ImportView``: each
calls one service, and the base views turn its refusals into answers.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, TemplateView

from ctassist.assistance import importing, queries, services, workflow
from ctassist.assistance.choices import OPEN_STATUSES, RequestStatus
from ctassist.assistance.filters import ActivityFilter, RequestFilter
from ctassist.assistance.forms import (
    ActivityForm,
    AssignForm,
    AttachmentForm,
    CountForm,
    EvaluationForm,
    IndicatorForm,
    ParticipantForm,
    PartnerForm,
    RequestForm,
    TransitionForm,
)
from ctassist.assistance.models import Activity, ActivityPartner, AssistanceRequest, Evaluation, RequestAttachment
from ctassist.assistance.tables import ActivityTable, RequestTable
from ctassist.core import roles
from ctassist.core.policy import ADD, CHANGE, DELETE, VIEW, allows, may
from ctassist.core.views import (
    ImportView,
    PolicyListView,
    PolicyMixin,
    PolicyObjectMixin,
    ServiceActionView,
    ServiceFormView,
    file_response,
    object_or_404,
)
from ctassist.geo.models import State
from ctassist.mandates.queries import covering_paragraphs

# -- requests ----------------------------------------------------------------------------------


class RequestListView(PolicyListView):
    model = AssistanceRequest
    filterset_class = RequestFilter
    title = gettext_lazy("Requests for technical assistance")
    template_name = "assistance/request_list.html"

    table_class = RequestTable

    def base_queryset(self):
        return queries.request_list_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_add"] = may(self.request.user, ADD, AssistanceRequest)
        context["review_days"] = queries.review_days()
        return context


class WorkQueueView(RequestListView):
    """UNODC's queue, on what needs action: submitted and nobody's yet, then mine, each by age.

    A request submitted and not yet assigned carries a "new" mark; the counts per status
    and the "assigned to me" filter sit above the table.
    """

    title = gettext_lazy("Work queue")
    intro = gettext_lazy(
        "Open requests waiting for UNODC: first those submitted that nobody has taken yet, then those "
        "assigned to you, each oldest first. A request submitted and not taken into review within the "
        "set number of days is flagged overdue."
    )
    template_name = "assistance/work_queue.html"

    def dispatch(self, request, *args, **kwargs):
        if not roles.is_unodc(request.user):
            return self.deny()
        return super().dispatch(request, *args, **kwargs)

    def base_queryset(self):
        qs = super().base_queryset()
        if not self.request.GET.get("status"):
            qs = qs.filter(status__in=OPEN_STATUSES)
        return qs.annotate(needs_action=queries.needs_action_order(self.request.user)).order_by(
            "needs_action", "submitted_at", "id"
        )

    def get_table_kwargs(self):
        return {"order_by": self.request.GET.get("sort") or ()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        open_requests = AssistanceRequest.objects.restrict(self.request.user).filter(status__in=OPEN_STATUSES)
        context["status_counts"] = queries.status_counts(open_requests)
        context["mine"] = self.request.GET.get("assigned") == "me"
        return context


class RequestDetailView(PolicyObjectMixin, DetailView):
    model = AssistanceRequest
    template_name = "assistance/request_detail.html"
    context_object_name = "req"

    def base_queryset(self):
        return AssistanceRequest.objects.select_related("state", "created_by", "assigned_officer").prefetch_related(
            "themes", "instruments", "attachments"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        req, user = self.object, self.request.user
        evaluation = Evaluation.objects.restrict(user).filter(request=req).first()
        steps = workflow.available(user, req)
        who = workflow.capacity(user, req)
        context.update(
            activities=list(
                req.activities.restrict(user).prefetch_related("partners__organisation").order_by("start_date")
            ),
            timeline=queries.timeline(req),
            transitions=[
                (t, TransitionForm(initial={"to": t.name, "version": req.version}, step=t, who=who)) for t in steps
            ],
            can_edit=allows(user, CHANGE, req),
            can_delete=allows(user, DELETE, req),
            assign_form=(
                AssignForm(initial={"officer": req.assigned_officer_id, "version": req.version})
                if allows(user, services.ASSIGN, req) and req.status in OPEN_STATUSES
                else None
            ),
            next_step=next_step(req),
            is_unodc=roles.is_unodc(user),
            evaluation=evaluation,
            evaluation_form=EvaluationForm(instance=evaluation) if roles.is_unodc(user) else None,
            attachment_form=AttachmentForm() if may(user, ADD, RequestAttachment) else None,
            review_days=queries.review_days(),
            covering_mandates=covering_paragraphs(user, [theme.code for theme in req.themes.all()]),
            overdue=req.status == RequestStatus.SUBMITTED
            and req.submitted_at is not None
            and req.submitted_at < queries.overdue_cutoff(),
        )
        if req.status in (RequestStatus.SUBMITTED, RequestStatus.UNDER_REVIEW) and roles.is_unodc(user):
            context["duplicates"] = queries.possible_duplicates(user, req)
        return context


def next_step(req: AssistanceRequest) -> str:
    """What happens next to the request, in a sentence for the page and the message after a step."""
    text = workflow.NEXT.get(req.status)
    return str(text) % {"days": queries.review_days()} if text else ""


class _EditView(ServiceFormView):
    """The edit page of a versioned record (a request, an activity).

    On a save refused as stale (409) the form keeps what the editor typed, the page
    lists the current value of each field under it, and the form now carries the
    current version: saving again after comparing is the editor's deliberate choice.
    """

    action = CHANGE

    def get_form_kwargs(self):
        # A copy for the form to fill in, so the page keeps the record as it is stored.
        return {"user": self.request.user, "instance": self.get_queryset().get(pk=self.object.pk)}

    def render(self, form, status=200, **extra):
        current = extra.get("conflict")
        if current is not None:
            extra["current_values"] = [
                (field.label, _shown(current, name))
                for name, field in form.fields.items()
                if not field.widget.is_hidden
            ]
            form.data = form.data.copy()
            form.data["version"] = current.version
        return super().render(form, status, **extra)


def _shown(obj, name: str) -> str:
    """A field's current value as the page shows it."""
    try:
        field = obj._meta.get_field(name)
    except FieldDoesNotExist:
        return ""
    if field.many_to_many:
        return "; ".join(str(o) for o in getattr(obj, name).all()) or "—"
    if field.choices:
        return getattr(obj, f"get_{name}_display")() or "—"
    value = getattr(obj, name)
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "—"
    return "—" if value in (None, "") else str(value)


class RequestCreateView(ServiceFormView):
    model = AssistanceRequest
    action = ADD
    form_class = RequestForm
    template_name = "assistance/request_form.html"
    success_message = gettext_lazy("Draft saved. Submit it when it is complete.")

    def get_form_kwargs(self):
        return {"user": self.request.user, "instance": AssistanceRequest(state_id=roles.state_id_of(self.request.user))}

    def perform(self, form):
        user = self.request.user
        # A focal point's form has no State field: it asks for its own State.
        state = form.cleaned_data.get("state") or State.objects.restrict(user).get(pk=roles.state_id_of(user))
        return services.create_request(acting_user=user, state=state, **form.service_fields())


class RequestEditView(_EditView):
    model = AssistanceRequest
    form_class = RequestForm
    template_name = "assistance/request_form.html"
    context_object_name = "req"
    success_message = gettext_lazy("Request saved.")

    def perform(self, form):
        return services.update_request(
            acting_user=self.request.user,
            assistance_request=self.object,
            expected_version=form.cleaned_data.get("version"),
            **form.service_fields(),
        )


class RequestTransitionView(ServiceActionView):
    model = AssistanceRequest
    action = services.TRANSITION
    form_class = TransitionForm

    def perform(self, obj, data):
        return services.transition(
            acting_user=self.request.user,
            assistance_request=obj,
            to=data["to"],
            reason=data["reason"],
            expected_version=data.get("version"),
        )

    def get_success_message(self, obj, result):
        done = _("The request is now %(status)s.") % {"status": result.get_status_display().lower()}
        return f"{done} {next_step(result)}".strip()


class RequestAssignView(ServiceActionView):
    """Give the request to an officer (UNODC staff only), with an optional comment."""

    model = AssistanceRequest
    action = services.ASSIGN
    form_class = AssignForm

    def perform(self, obj, data):
        return services.assign_officer(
            acting_user=self.request.user,
            assistance_request=obj,
            officer=data["officer"],
            comment=data["reason"],
            expected_version=data.get("version"),
        )

    def get_success_message(self, obj, result):
        officer = result.assigned_officer
        if officer is None:
            return _("The request is assigned to nobody.")
        return _("The request is assigned to %(name)s.") % {"name": officer.get_full_name() or officer.username}


class RequestDeleteView(ServiceActionView):
    """Delete a draft (its author, or UNODC staff); anything submitted is withdrawn instead."""

    model = AssistanceRequest
    action = DELETE
    success_message = gettext_lazy("Draft deleted.")

    def perform(self, obj, data):
        services.delete_request(acting_user=self.request.user, assistance_request=obj)
        self.deleted = True

    def get_success_url(self, obj):
        if getattr(self, "deleted", False):
            return reverse("assistance:request_list")
        return obj.get_absolute_url()


class AttachmentAddView(ServiceActionView):
    model = AssistanceRequest
    action = VIEW
    form_class = AttachmentForm
    success_message = gettext_lazy("Attachment added.")

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not may(self.request.user, ADD, RequestAttachment):
            raise PermissionDenied
        return obj

    def perform(self, obj, data):
        return services.add_attachment(acting_user=self.request.user, assistance_request=obj, **data)


class AttachmentDownloadView(PolicyObjectMixin, View):
    model = RequestAttachment

    def get(self, request, *args, **kwargs):
        return file_response(self.get_object().file)


class EvaluationView(ServiceActionView):
    model = AssistanceRequest
    action = CHANGE
    form_class = EvaluationForm
    success_message = gettext_lazy("Evaluation recorded.")

    def perform(self, obj, data):
        return services.record_evaluation(acting_user=self.request.user, assistance_request=obj, **data)


# -- activities --------------------------------------------------------------------------------


class ActivityListView(PolicyListView):
    model = Activity
    filterset_class = ActivityFilter
    title = gettext_lazy("Activities")
    template_name = "assistance/activity_list.html"

    table_class = ActivityTable

    def base_queryset(self):
        return queries.activity_list_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_add"] = may(self.request.user, ADD, Activity)
        return context


class ActivityDetailView(PolicyObjectMixin, DetailView):
    model = Activity
    template_name = "assistance/activity_detail.html"
    context_object_name = "activity"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, activity = self.request.user, self.object
        context.update(queries.activity_detail(user, activity))
        context["funding_projects"] = list(activity.funding_projects.restrict(user).distinct().order_by("title"))
        if allows(user, CHANGE, activity):
            context.update(
                can_edit=True,
                partner_form=PartnerForm(),
                count_form=CountForm(activity=activity),
                participant_form=ParticipantForm(activity=activity),
                indicator_form=IndicatorForm(),
            )
        return context


class ActivityCreateView(ServiceFormView):
    model = Activity
    action = ADD
    form_class = ActivityForm
    template_name = "assistance/activity_form.html"
    success_message = gettext_lazy("Activity created.")

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_initial(self):
        """Planning from a request's page: the activity starts as an answer to that request."""
        answering = self.request.GET.get("request", "")
        found = (
            answering.isdigit() and AssistanceRequest.objects.restrict(self.request.user).filter(pk=answering).first()
        )
        if not found:
            return {}
        themes = list(found.themes.values_list("pk", flat=True))
        return {"requests": [found.pk], "states": [found.state_id], "themes": themes, "title": found.title}

    def perform(self, form):
        return services.create_activity(acting_user=self.request.user, **form.service_fields())


class ActivityEditView(_EditView):
    model = Activity
    form_class = ActivityForm
    template_name = "assistance/activity_form.html"
    context_object_name = "activity"
    success_message = gettext_lazy("Activity saved.")

    def perform(self, form):
        return services.update_activity(
            acting_user=self.request.user,
            activity=self.object,
            expected_version=form.cleaned_data.get("version"),
            **form.service_fields(),
        )


# Small forms posted from the activity page: each changes the activity, then returns to its section.


class PartnerAddView(ServiceActionView):
    model = Activity
    action = CHANGE
    anchor = "#partners"
    form_class = PartnerForm
    success_message = gettext_lazy("Partner saved.")

    def perform(self, obj, data):
        return services.set_partner(acting_user=self.request.user, activity=obj, **data)


class PartnerRemoveView(ServiceActionView):
    model = Activity
    action = CHANGE
    anchor = "#partners"
    success_message = gettext_lazy("Partner removed.")

    def perform(self, obj, data):
        links = ActivityPartner.objects.restrict(self.request.user).filter(activity=obj)
        services.remove_partner(acting_user=self.request.user, link=object_or_404(links, pk=self.kwargs["link"]))


class CountSetView(ServiceActionView):
    model = Activity
    action = CHANGE
    anchor = "#participants"
    success_message = gettext_lazy("Participant count saved.")

    def get_form(self, obj):
        return CountForm(self.request.POST, activity=obj)

    def perform(self, obj, data):
        return services.set_participant_count(acting_user=self.request.user, activity=obj, **data)


class ParticipantAddView(ServiceActionView):
    model = Activity
    action = CHANGE
    anchor = "#named"
    success_message = gettext_lazy("Participant recorded.")

    def get_form(self, obj):
        return ParticipantForm(self.request.POST, activity=obj)

    def perform(self, obj, data):
        return services.add_participant(acting_user=self.request.user, activity=obj, **data)


class IndicatorAddView(ServiceActionView):
    model = Activity
    action = CHANGE
    anchor = "#results"
    form_class = IndicatorForm
    success_message = gettext_lazy("Indicator saved.")

    def perform(self, obj, data):
        return services.save_indicator(acting_user=self.request.user, activity=obj, **data)


class ParticipantImportView(PolicyObjectMixin, ImportView):
    """Upload or paste a participant list, see every row checked, then apply it in one transaction."""

    model = Activity
    action = CHANGE
    importer_class = importing.ParticipantImporter
    template_name = "assistance/participant_import.html"
    title = gettext_lazy("Import a participant list")

    def get_import_target(self):
        # Asked for before the page's policy check: leave a visitor who may change no
        # activity at all to that check (sent to sign in), rather than answer 404 here.
        if not may(self.request.user, self.action, self.model):
            return None
        return self.get_object()

    def get_success_url(self, plan):
        return self.target.get_absolute_url() + "#participants"

    def get_success_message(self, plan):
        named = sum(1 for row in plan.rows if row.data["consent"])
        return _("Imported %(rows)s participants (%(named)s kept by name with consent).") % {
            "rows": len(plan.rows),
            "named": named,
        }


class CalendarView(PolicyMixin, TemplateView):
    model = Activity
    template_name = "assistance/calendar.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        try:
            year = int(self.request.GET.get("year", today.year))
            month = int(self.request.GET.get("month", today.month))
        except ValueError:
            raise Http404 from None
        # A year outside what activities may hold (?year=1, ?year=9999) shows the nearest month that can.
        first_year, last_year = Activity.year_bounds["start_date"]
        year, month = min(max(year, first_year), last_year), min(max(month, 1), 12)
        first = datetime.date(year, month, 1)
        previous = (first - datetime.timedelta(days=1)).replace(day=1)
        following = (first + datetime.timedelta(days=32)).replace(day=1)
        context.update(
            month=first,
            weeks=queries.month_grid(self.request.user, year, month),
            previous=previous,
            following=following,
            today=today,
        )
        return context
