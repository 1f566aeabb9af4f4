"""Pages of the assistance area: requests, the work queue, activities, participants, the calendar."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
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
    AttachmentForm,
    ConfirmImportForm,
    CountForm,
    EvaluationForm,
    IndicatorForm,
    ParticipantForm,
    ParticipantImportForm,
    PartnerForm,
    RequestForm,
    TransitionForm,
)
from ctassist.assistance.models import Activity, ActivityPartner, Evaluation, Request, RequestAttachment
from ctassist.core import roles
from ctassist.core.policy import ADD, CHANGE, VIEW, allows, may
from ctassist.core.views import PolicyListView, PolicyMixin, PolicyObjectMixin, object_or_404
from ctassist.geo.models import State
from ctassist.mandates.queries import covering_paragraphs


def _errors(exc: ValidationError) -> list[str]:
    if hasattr(exc, "message_dict"):
        return [m for messages_ in exc.message_dict.values() for m in messages_]
    return list(exc.messages)


# -- requests ----------------------------------------------------------------------------------


class RequestListView(PolicyListView):
    model = Request
    filterset_class = RequestFilter
    title = gettext_lazy("Requests for technical assistance")
    template_name = "assistance/request_list.html"

    def get_table_class(self):
        from ctassist.assistance.tables import RequestTable

        return RequestTable

    def base_queryset(self):
        return queries.request_list_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_add"] = may(self.request.user, ADD, Request)
        context["review_days"] = queries.review_days()
        return context


class WorkQueueView(RequestListView):
    """UNODC's queue: open requests, overdue first, then the oldest."""

    title = gettext_lazy("Work queue")
    intro = gettext_lazy(
        "Open requests waiting for UNODC. A request submitted and not taken into review "
        "within the set number of days is flagged overdue."
    )

    def dispatch(self, request, *args, **kwargs):
        if not roles.is_unodc(request.user):
            return self.deny()
        return super().dispatch(request, *args, **kwargs)

    def base_queryset(self):
        qs = super().base_queryset()
        if not self.request.GET.get("status"):
            qs = qs.filter(status__in=OPEN_STATUSES)
        return qs.order_by("-overdue", "submitted_at", "id")

    def get_table_kwargs(self):
        return {"order_by": self.request.GET.get("sort") or ()}


class RequestDetailView(PolicyObjectMixin, DetailView):
    model = Request
    template_name = "assistance/request_detail.html"
    context_object_name = "req"

    def base_queryset(self):
        return Request.objects.select_related("state", "created_by").prefetch_related(
            "themes", "instruments", "attachments"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        req, user = self.object, self.request.user
        evaluation = Evaluation.objects.restrict(user).filter(request=req).first()
        steps = workflow.available(user, req)
        context.update(
            activities=list(
                req.activities.restrict(user).prefetch_related("partners__organisation").order_by("start_date")
            ),
            timeline=queries.timeline(req),
            transitions=[(t, TransitionForm(initial={"to": t.name, "version": req.version})) for t in steps],
            can_edit=allows(user, CHANGE, req),
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


class RequestCreateView(PolicyMixin, TemplateView):
    model = Request
    action = ADD
    template_name = "assistance/request_form.html"

    def _form(self, data=None, files=None):
        instance = Request(state_id=roles.state_id_of(self.request.user))
        return RequestForm(data, files, user=self.request.user, instance=instance)

    def get(self, request, *args, **kwargs):
        return render(request, self.template_name, {"form": self._form()})

    def post(self, request, *args, **kwargs):
        form = self._form(request.POST)
        if form.is_valid():
            state = form.cleaned_data.get("state") or State.objects.get(pk=roles.state_id_of(request.user))
            try:
                req = services.create_request(
                    acting_user=request.user,
                    state=state,
                    themes=form.cleaned_data["themes"],
                    instruments=form.cleaned_data["instruments"],
                    **form.service_fields(),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Draft saved. Submit it when it is complete."))
                return redirect("assistance:request_detail", pk=req.pk)
        return render(request, self.template_name, {"form": form}, status=400)


class RequestEditView(PolicyObjectMixin, TemplateView):
    model = Request
    action = CHANGE
    template_name = "assistance/request_form.html"

    def get(self, request, *args, **kwargs):
        req = self.get_object()
        form = RequestForm(user=request.user, instance=req)
        return render(request, self.template_name, {"form": form, "req": req})

    def post(self, request, *args, **kwargs):
        req = self.get_object()
        form = RequestForm(request.POST, user=request.user, instance=Request.objects.get(pk=req.pk))
        context = {"form": form, "req": req}
        if form.is_valid():
            try:
                services.update_request(
                    acting_user=request.user,
                    request=req,
                    expected_version=form.cleaned_data.get("version") or req.version,
                    themes=form.cleaned_data["themes"],
                    instruments=form.cleaned_data["instruments"],
                    **form.service_fields(),
                )
            except services.EditConflict as exc:
                context["conflict"] = exc.current
                return render(request, self.template_name, context, status=409)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Request saved."))
                return redirect("assistance:request_detail", pk=req.pk)
        return render(request, self.template_name, context, status=400)


class RequestTransitionView(PolicyObjectMixin, View):
    model = Request
    action = "transition"

    def post(self, request, *args, **kwargs):
        req = self.get_object()
        form = TransitionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("The form was incomplete."))
            return redirect("assistance:request_detail", pk=req.pk)
        try:
            req = services.transition(
                acting_user=request.user,
                request=req,
                to=form.cleaned_data["to"],
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data.get("version"),
            )
        except services.EditConflict:
            messages.error(
                request, _("Someone else changed this request while you were reading it. Look again, then retry.")
            )
        except ValidationError as exc:
            for message in _errors(exc):
                messages.error(request, message)
        else:
            messages.success(
                request, _("The request is now %(status)s.") % {"status": req.get_status_display().lower()}
            )
        return redirect("assistance:request_detail", pk=req.pk)


class AttachmentAddView(PolicyObjectMixin, View):
    model = Request
    action = VIEW

    def post(self, request, *args, **kwargs):
        req = self.get_object()
        if not may(request.user, ADD, RequestAttachment):
            raise PermissionDenied
        form = AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.add_attachment(
                    acting_user=request.user,
                    request=req,
                    title=form.cleaned_data["title"],
                    file=form.cleaned_data["file"],
                )
                messages.success(request, _("Attachment added."))
            except ValidationError as exc:
                for message in _errors(exc):
                    messages.error(request, message)
        else:
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, message)
        return redirect("assistance:request_detail", pk=req.pk)


class AttachmentDownloadView(PolicyObjectMixin, View):
    model = RequestAttachment

    def get(self, request, *args, **kwargs):
        attachment = self.get_object()
        try:
            handle = attachment.file.open("rb")
        except (FileNotFoundError, ValueError):
            raise Http404 from None
        return FileResponse(handle, as_attachment=True, filename=attachment.file.name.rsplit("/", 1)[-1])


class EvaluationView(PolicyObjectMixin, View):
    model = Request
    action = CHANGE

    def post(self, request, *args, **kwargs):
        req = self.get_object()
        form = EvaluationForm(request.POST)
        if form.is_valid():
            try:
                services.record_evaluation(acting_user=request.user, request=req, **form.cleaned_data)
                messages.success(request, _("Evaluation recorded."))
            except ValidationError as exc:
                for message in _errors(exc):
                    messages.error(request, message)
        else:
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, message)
        return redirect("assistance:request_detail", pk=req.pk)


# -- activities --------------------------------------------------------------------------------


class ActivityListView(PolicyListView):
    model = Activity
    filterset_class = ActivityFilter
    title = gettext_lazy("Activities")
    template_name = "assistance/activity_list.html"

    def get_table_class(self):
        from ctassist.assistance.tables import ActivityTable

        return ActivityTable

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


class ActivityCreateView(PolicyMixin, TemplateView):
    model = Activity
    action = ADD
    template_name = "assistance/activity_form.html"

    def get(self, request, *args, **kwargs):
        initial = {}
        answering = request.GET.get("request")
        if answering and answering.isdigit():
            req = Request.objects.restrict(request.user).filter(pk=answering).first()
            if req:
                initial = {
                    "requests": [req.pk],
                    "states": [req.state_id],
                    "themes": list(req.themes.values_list("pk", flat=True)),
                    "title": req.title,
                }
        return render(request, self.template_name, {"form": ActivityForm(initial=initial, user=request.user)})

    def post(self, request, *args, **kwargs):
        form = ActivityForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                activity = services.create_activity(
                    acting_user=request.user,
                    states=form.cleaned_data["states"],
                    themes=form.cleaned_data["themes"],
                    requests=form.cleaned_data["requests"],
                    **form.service_fields(),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Activity created."))
                return redirect("assistance:activity_detail", pk=activity.pk)
        return render(request, self.template_name, {"form": form}, status=400)


class ActivityEditView(PolicyObjectMixin, TemplateView):
    model = Activity
    action = CHANGE
    template_name = "assistance/activity_form.html"

    def get(self, request, *args, **kwargs):
        activity = self.get_object()
        return render(
            request,
            self.template_name,
            {"form": ActivityForm(instance=activity, user=request.user), "activity": activity},
        )

    def post(self, request, *args, **kwargs):
        activity = self.get_object()
        form = ActivityForm(request.POST, instance=Activity.objects.get(pk=activity.pk), user=request.user)
        if form.is_valid():
            try:
                services.update_activity(
                    acting_user=request.user,
                    activity=activity,
                    states=form.cleaned_data["states"],
                    themes=form.cleaned_data["themes"],
                    requests=form.cleaned_data["requests"],
                    **form.service_fields(),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Activity saved."))
                return redirect("assistance:activity_detail", pk=activity.pk)
        return render(request, self.template_name, {"form": form, "activity": activity}, status=400)


class _ActivityPost(PolicyObjectMixin, View):
    """A small form posted from the activity page (partner, counts, participant, indicator)."""

    model = Activity
    action = CHANGE
    form_class: type = PartnerForm

    def make_form(self, activity):
        return self.form_class(self.request.POST)

    def post(self, request, *args, **kwargs):
        activity = self.get_object()
        form = self.make_form(activity)
        if form.is_valid():
            try:
                self.save(activity, form.cleaned_data)
                messages.success(request, _("Saved."))
            except ValidationError as exc:
                for message in _errors(exc):
                    messages.error(request, message)
        else:
            for field, errors in form.errors.items():
                for message in errors:
                    messages.error(request, f"{field}: {message}" if field != "__all__" else message)
        return redirect(reverse("assistance:activity_detail", args=[activity.pk]) + self.anchor)

    anchor = ""

    def save(self, activity, data):
        raise NotImplementedError


class PartnerAddView(_ActivityPost):
    form_class = PartnerForm
    anchor = "#partners"

    def save(self, activity, data):
        services.set_partner(acting_user=self.request.user, activity=activity, **data)


class PartnerRemoveView(_ActivityPost):
    anchor = "#partners"

    def post(self, request, *args, **kwargs):
        activity = self.get_object()
        link = object_or_404(ActivityPartner.objects.restrict(request.user), pk=kwargs["link"], activity=activity)
        services.remove_partner(acting_user=request.user, link=link)
        return redirect(reverse("assistance:activity_detail", args=[activity.pk]) + self.anchor)


class CountSetView(_ActivityPost):
    form_class = CountForm
    anchor = "#participants"

    def make_form(self, activity):
        return CountForm(self.request.POST, activity=activity)

    def save(self, activity, data):
        services.set_participant_count(acting_user=self.request.user, activity=activity, **data)


class ParticipantAddView(_ActivityPost):
    form_class = ParticipantForm
    anchor = "#named"

    def make_form(self, activity):
        return ParticipantForm(self.request.POST, activity=activity)

    def save(self, activity, data):
        services.add_participant(acting_user=self.request.user, activity=activity, **data)


class IndicatorAddView(_ActivityPost):
    form_class = IndicatorForm
    anchor = "#results"

    def save(self, activity, data):
        services.save_indicator(acting_user=self.request.user, activity=activity, **data)


class ParticipantImportView(PolicyObjectMixin, TemplateView):
    """Upload a participant list, see every row checked, then apply it in one transaction."""

    model = Activity
    action = CHANGE
    template_name = "assistance/participant_import.html"

    def get(self, request, *args, **kwargs):
        activity = self.get_object()
        return render(request, self.template_name, {"activity": activity, "form": ParticipantImportForm()})

    def post(self, request, *args, **kwargs):
        activity = self.get_object()
        if "confirm" in request.POST:
            form = ConfirmImportForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("The import form was incomplete; start again."))
                return redirect("assistance:participant_import", pk=activity.pk)
            try:
                plan = importing.apply_import(
                    acting_user=request.user, activity=activity, cells=importing.read_text(form.cleaned_data["table"])
                )
            except importing.ImportRejected as exc:
                context = {"activity": activity, "form": ParticipantImportForm(), "rejected": exc.errors}
                return render(request, self.template_name, context, status=400)
            messages.success(
                request,
                _("Imported %(rows)s participants (%(named)s kept by name with consent).")
                % {"rows": len(plan.rows), "named": plan.named},
            )
            return redirect(reverse("assistance:activity_detail", args=[activity.pk]) + "#participants")
        form = ParticipantImportForm(request.POST, request.FILES)
        context = {"activity": activity, "form": form}
        if not form.is_valid():
            return render(request, self.template_name, context, status=400)
        try:
            cells = importing.read_upload(form.cleaned_data["file"])
        except ValidationError as exc:
            form.add_error("file", exc)
            return render(request, self.template_name, context, status=400)
        plan = importing.plan_import(activity, cells)
        context.update(plan=plan, confirm_form=ConfirmImportForm(initial={"table": plan.as_csv()}))
        return render(request, self.template_name, context, status=200 if not plan.errors else 400)


class CalendarView(PolicyMixin, TemplateView):
    model = Activity
    template_name = "assistance/calendar.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        try:
            year = int(self.request.GET.get("year", today.year))
            month = int(self.request.GET.get("month", today.month))
            first = datetime.date(year, month, 1)
        except ValueError:
            raise Http404 from None
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
