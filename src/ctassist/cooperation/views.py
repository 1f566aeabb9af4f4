"""Pages: the treaty basis, drafting a request step by step, its document, its case file, statistics."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, TemplateView

from ctassist.cooperation import documents, drafting, queries, services
from ctassist.cooperation.choices import DOCUMENT_LANGUAGES, CaseStatus, Offence, RequestKind
from ctassist.cooperation.filters import RequestFilter
from ctassist.cooperation.forms import BasisForm, CreateForm, MoveForm, ShareForm, StepForm
from ctassist.cooperation.models import CaseStep, CooperationRequest
from ctassist.cooperation.policies import SHARE
from ctassist.cooperation.tables import RequestTable
from ctassist.core import roles
from ctassist.core.exports import FORMATS, export_response
from ctassist.core.policy import ADD, CHANGE, DELETE, VIEW, allows, may
from ctassist.core.views import PolicyListView, PolicyObjectMixin, ServiceActionView, ServiceFormView
from ctassist.directory import services as directory_services


class BasisView(TemplateView):
    """Public data: which instruments bind two States for an offence on a day, and which articles oblige them."""

    template_name = "cooperation/basis.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = BasisForm(self.request.GET or None)
        basis = None
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            basis = queries.treaty_basis(self.request.user, data["requesting"], data["requested"], data["offence"],
                                         data["date"])  # fmt: skip
        context.update(form=form, basis=basis)
        return context

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        form = context["form"]
        status = 400 if form.is_bound and not form.is_valid() else 200
        return super().render_to_response(context, status=status, **kwargs)


class RequestMixin:
    model: type[models.Model] = CooperationRequest

    def base_queryset(self) -> Any:
        return queries.request_rows()


class RequestListView(RequestMixin, PolicyListView):
    table_class = RequestTable
    filterset_class = RequestFilter
    template_name = "cooperation/request_list.html"
    title = gettext_lazy("Cooperation requests and cases")
    intro = gettext_lazy(
        "Mutual legal assistance and extradition requests of your State, outgoing and incoming. Only the two "
        "States concerned see a request; every view is recorded."
    )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        shown = list(context["table"].page.object_list.data) if context["table"].page else []
        services.record_read(acting_user=self.request.user, requests=shown, via="page-list")
        context["can_add"] = may(self.request.user, ADD, CooperationRequest)
        return context

    def create_export(self, export_format: str) -> HttpResponse:
        services.record_read(acting_user=self.request.user, requests=list(self.get_table_data()),
                             via=f"export-{export_format}")  # fmt: skip
        return super().create_export(export_format)


class RequestCreateView(RequestMixin, ServiceFormView):
    action = ADD
    form_class = CreateForm
    template_name = "cooperation/request_form.html"
    success_message = gettext_lazy("Request recorded.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"state": getattr(self.request.user, "state", None)}

    def perform(self, form: Any) -> Any:
        data = form.cleaned_data
        return services.create_request(acting_user=self.request.user, kind=data["kind"], counterpart=data["counterpart"],
                                       direction=data["direction"], received_on=data.get("received_on"))  # fmt: skip


class RequestDetailView(RequestMixin, PolicyObjectMixin, DetailView):
    template_name = "cooperation/request_detail.html"
    context_object_name = "req"

    def get(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        services.record_read(acting_user=request.user, requests=[self.object], via="page")
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        req, user = self.object, self.request.user
        missing = services.missing_elements(user, req) if req.status == "drafted" else []
        authority = req.requested_authority
        if authority is not None and allows(user, VIEW, authority):
            directory_services.record_contact_view(acting_user=user, entries=[authority], via="cooperation")
        else:
            authority = None
        by_step: dict[str, list[str]] = {}
        for item in missing:
            by_step.setdefault(item.step.slug, []).append(item.message)
        context.update(
            steps=[(s, by_step.get(s.slug, [])) for s in drafting.steps_for(req.kind)],
            missing=missing,
            authority=authority,
            case_steps=list(req.steps.select_related("recorded_by")),
            can_change=allows(user, CHANGE, req),
            can_delete=allows(user, DELETE, req),
            can_share=allows(user, SHARE, req),
            moves=services.allowed_moves(user, req),
            move_form=MoveForm(request=req),
            share_form=ShareForm(initial={"shared": not req.shared_for_assistance}),
            doc_languages=DOCUMENT_LANGUAGES,
            due_on=req.due_on(),
        )
        return context


class StepEditView(RequestMixin, ServiceFormView):
    action = CHANGE
    template_name = "cooperation/step_form.html"
    form_class = StepForm
    context_object_name = "req"
    success_message = gettext_lazy("Saved.")

    def get_step(self) -> drafting.Step:
        step = drafting.STEP_BY_SLUG.get(self.kwargs["step"])
        if step is None or self.object.kind not in step.kinds:
            raise Http404
        return step

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"step": self.get_step(), "request": self.object, "user": self.request.user}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        req = self.object
        context["step"] = self.get_step()
        context["steps"] = drafting.steps_for(req.kind)
        if context["step"].slug == "basis" and req.offence:
            context["basis"] = queries.treaty_basis(self.request.user, req.requesting_state, req.requested_state,
                                                    req.offence, req.basis_date)  # fmt: skip
        return context

    def perform(self, form: Any) -> Any:
        return services.update_request(acting_user=self.request.user, request=self.object,
                                       fields=form.service_fields(), instruments=form.instruments(),
                                       expected_version=form.cleaned_data.get("version"))  # fmt: skip

    def get_success_url(self, result: Any) -> str:
        steps = drafting.steps_for(result.kind)
        index = [s.slug for s in steps].index(self.get_step().slug)
        if index + 1 < len(steps):
            return reverse("cooperation:request_step", args=[result.pk, steps[index + 1].slug])
        return result.get_absolute_url()


class FinaliseView(RequestMixin, ServiceActionView):
    action = CHANGE
    success_message = gettext_lazy("The request is complete and finalised; its document can be produced.")

    def perform(self, obj: Any, data: dict[str, Any]) -> Any:
        return services.finalise(acting_user=self.request.user, request=obj,
                                 expected_version=self.request.POST.get("version"))  # fmt: skip


class MoveView(RequestMixin, ServiceActionView):
    """Record the next step of a case (sent, acknowledged, executed, refused with grounds, withdrawn)."""

    action = VIEW  # which step the user may record is checked by the service
    form_class = MoveForm
    anchor = "#case-file"
    success_message = gettext_lazy("Case updated.")

    def perform(self, obj: Any, data: dict[str, Any]) -> Any:
        return services.move(acting_user=self.request.user, request=obj, to=data["to"], date=data.get("date"),
                             note=data.get("note", ""), expected_version=data.get("version"))  # fmt: skip

    def post(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return super().post(request, *args, **kwargs)
        except PermissionDenied:
            messages.error(request, _("You may not record this step for this request."))
            return redirect(reverse("cooperation:request_detail", args=[kwargs["pk"]]))


class ShareView(RequestMixin, ServiceActionView):
    action = SHARE
    form_class = ShareForm
    success_message = gettext_lazy("Sharing with UNODC updated.")

    def perform(self, obj: Any, data: dict[str, Any]) -> Any:
        return services.share(acting_user=self.request.user, request=obj, shared=data["shared"],
                              reason=data.get("reason", ""))  # fmt: skip


class DeleteView(RequestMixin, ServiceActionView):
    action = DELETE
    success_message = gettext_lazy("Draft deleted.")

    def perform(self, obj: Any, data: dict[str, Any]) -> Any:
        services.delete_request(acting_user=self.request.user, request=obj)

    def get_success_url(self, obj: Any) -> str:
        return reverse("cooperation:request_list")


class DocumentView(RequestMixin, PolicyObjectMixin, View):
    """The finalised request as DOCX, in the language asked for (``?lang=``) or the request's own."""

    def get(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        req: Any = self.get_object()
        language = request.GET.get("lang") or req.language or "en"
        if language not in dict(DOCUMENT_LANGUAGES):
            return render(request, "cooperation/document_refused.html", {"req": req, "errors": [
                _("Documents are produced in English, French or Spanish; %(code)s is not one of them.")
                % {"code": language}]}, status=400)  # fmt: skip
        if req.finalised_at is None and req.status == "drafted":
            missing = services.missing_elements(request.user, req)
            errors = [str(m) for m in missing] or [_("Finalise the request before producing its document.")]
            return render(request, "cooperation/document_refused.html", {"req": req, "errors": errors}, status=400)
        missing = services.missing_elements(request.user, req) if req.status == "drafted" else []
        content = documents.docx_bytes(req, missing, language)
        services.record_read(acting_user=request.user, requests=[req], via=f"docx-{language}")
        response = HttpResponse(content, content_type=documents.DOCX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{req.reference}-{language}.docx"'
        return response


class CaseStepDetailView(PolicyObjectMixin, DetailView):
    model = CaseStep
    template_name = "cooperation/step_detail.html"
    context_object_name = "case_step"

    def base_queryset(self) -> Any:
        return queries.step_rows()

    def get(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        services.record_read(acting_user=request.user, requests=[self.object.request], via="page-step")
        return response


def statistics_rows() -> tuple[list[str], list[list[Any]]]:
    kinds, offences = dict(RequestKind.choices), dict(Offence.choices)
    statuses = dict(CaseStatus.choices)
    headers = [_("Requesting State"), _("Requested State"), _("Kind of request"), _("Offence"), _("Status"),
               _("Requests")]  # fmt: skip
    rows = [
        [r["requesting_state__iso3"], r["requested_state__iso3"], str(kinds.get(r["kind"], r["kind"])),
         str(offences.get(r["offence"], r["offence"] or "—")), str(statuses.get(r["status"], r["status"])), r["count"]]
        for r in queries.statistics()
    ]  # fmt: skip
    return [str(h) for h in headers], rows


class StatisticsView(View):
    """Counts of requests by State pair, kind, offence and status, for UNODC's reporting: no personal data.

    UNODC staff only: even a count per State pair and offence could tell another State of an investigation.
    """

    def get(self, request: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not roles.is_unodc(request.user):
            raise PermissionDenied
        headers, rows = statistics_rows()
        fmt = request.GET.get("export")
        if fmt in FORMATS:
            return export_response(headers, rows, fmt, filename="cooperation-statistics",
                                   title=_("Cooperation requests by State pair and offence"), demo=None)  # fmt: skip
        return render(request, "cooperation/statistics.html", {"headers": headers, "rows": rows, "formats": FORMATS})
