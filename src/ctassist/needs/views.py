"""Pages of the needs area: the lists, a need and its follow-up, the overviews, the funding gap."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from django.views import View
from django.views.generic import DetailView, TemplateView

from ctassist.assistance.choices import ActivityStatus
from ctassist.assistance.models import Activity, AssistanceRequest
from ctassist.core import roles
from ctassist.core.models import DomainEvent
from ctassist.core.policy import ADD, CHANGE, VIEW, allows, may
from ctassist.core.views import PolicyListView, PolicyMixin, PolicyObjectMixin, ServiceActionView, ServiceFormView
from ctassist.geo.models import State
from ctassist.library import checklists
from ctassist.library.models import Provision
from ctassist.needs import queries, services
from ctassist.needs.choices import ACTIVE_STATUSES, TRANSITIONS, AssessmentStatus, NeedStatus
from ctassist.needs.filters import AssessmentFilter, NeedFilter
from ctassist.needs.forms import (
    AnswerForm,
    AssessmentStartForm,
    FollowUpForm,
    LinkForm,
    NeedForm,
    ShareForm,
    StatusForm,
    ValidateForm,
)
from ctassist.needs.models import AssessmentAnswer, FollowUp, Need, SelfAssessment, SharingDecision
from ctassist.needs.policies import CONFIRM, SHARE, SUBMIT, VALIDATE
from ctassist.needs.tables import AssessmentTable, NeedTable


class NeedListView(PolicyListView):
    model = Need
    filterset_class = NeedFilter
    table_class = NeedTable
    title = gettext_lazy("Identified needs")
    template_name = "needs/need_list.html"
    # A need's row is wide (source, status, themes, answers): 25 to a page keeps the page quick to render.
    paginate_by = 25
    page_by_keys = True  # its rows join the State and count requests and activities: the database sorts keys
    intro = gettext_lazy("Needs and recommendations addressed to States, where each comes from, and what answers it.")

    def get_export_filename(self, export_format: str) -> str:
        return "needs"

    def base_queryset(self):
        return queries.need_list_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_add"] = may(self.request.user, ADD, Need)
        return context


class UnansweredListView(NeedListView):
    title = gettext_lazy("Needs with no assistance yet")
    intro = gettext_lazy("Open needs, and needs in progress, that no request and no activity answers yet.")

    def base_queryset(self):
        return queries.need_list_queryset().filter(status__in=ACTIVE_STATUSES).filter(queries.unanswered())


class ProposedListView(NeedListView):
    action = CONFIRM
    title = gettext_lazy("Needs proposed by legislative reviews")
    intro = gettext_lazy("Each gap a finalised review found: confirm it as a need of the State, or discard it.")

    def base_queryset(self):
        return queries.need_list_queryset().filter(status=NeedStatus.PROPOSED)


class StateNeedsView(PolicyMixin, TemplateView):
    """One State's needs, with their status and the requests and activities that answer them."""

    model = Need
    template_name = "needs/state_needs.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        state = get_object_or_404(State.objects.restrict(user), iso3__iexact=self.kwargs["iso3"])
        listed: Any = queries.need_list_queryset()  # a RestrictedQuerySet
        needs = (
            listed.restrict(user, VIEW)
            .filter(state=state)
            .prefetch_related(
                Prefetch("requests", queryset=AssistanceRequest.objects.restrict(user).order_by("id")),
                Prefetch("activities", queryset=Activity.objects.restrict(user).order_by("start_date")),
            )
        )
        return {**super().get_context_data(**kwargs), "state": state, "needs": needs}


class OverviewView(PolicyMixin, TemplateView):
    """Across States: the needs the user may see, by theme and regional group."""

    model = Need
    template_name = "needs/overview.html"

    def get_context_data(self, **kwargs):
        needs = Need.objects.restrict(self.request.user, VIEW).filter(status__in=ACTIVE_STATUSES)
        return {**super().get_context_data(**kwargs), "table": queries.by_theme_and_region(needs)}


class FundingGapView(View):
    """For donors and every official: what waits for funding, aggregated so no need can be read from it."""

    def get(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not roles.is_official(request.user):
            raise PermissionDenied
        return render(request, "needs/funding_gap.html", {"gap": queries.funding_gap()})


class NeedDetailView(PolicyObjectMixin, DetailView):
    model = Need
    template_name = "needs/need_detail.html"
    context_object_name = "need"

    def base_queryset(self):
        return queries.need_detail_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        need, user = self.object, self.request.user
        can_change = allows(user, CHANGE, need)
        can_confirm = allows(user, CONFIRM, need)
        can_share = allows(user, SHARE, need)
        activities = list(Activity.objects.restrict(user).filter(answered_needs=need))
        context.update(
            can_change=can_change,
            can_confirm=can_confirm,
            can_share=can_share,
            next_statuses=[NeedStatus(s) for s in TRANSITIONS.get(need.status, ())]
            if (can_confirm if need.status == NeedStatus.PROPOSED else can_change)
            else [],
            status_form=StatusForm(initial={"version": need.version}),
            follow_ups=FollowUp.objects.restrict(user).filter(need=need),
            follow_up_form=FollowUpForm() if can_change and need.status != NeedStatus.DISCARDED else None,
            requests=AssistanceRequest.objects.restrict(user).filter(answered_needs=need),
            activities=activities,
            # An activity's completion prompts whoever follows the need up to record what came of it.
            prompt_update=can_change
            and need.status in ACTIVE_STATUSES
            and any(a.status == ActivityStatus.COMPLETED for a in activities),
            link_form=LinkForm(user=user, need=need) if can_change else None,
            sees_sharing=may(user, VIEW, SharingDecision) and (roles.is_unodc(user) or can_share),
            sharing_log=SharingDecision.objects.restrict(user).filter(need=need).select_related("organisation"),
            share_form=ShareForm() if can_share else None,
            events=DomainEvent.objects.restrict(user).filter(object_id=str(need.pk), type__startswith="needs.")[:50],
        )
        return context


class NeedCreateView(ServiceFormView):
    model = Need
    action = ADD
    form_class = NeedForm
    template_name = "needs/need_form.html"
    success_message = gettext_lazy("Need recorded.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"user": self.request.user}

    def get_initial(self) -> dict[str, Any]:
        state_id = roles.state_id_of(self.request.user)
        return {"state": state_id} if state_id else {}

    def perform(self, form):
        data = form.service_fields()
        return services.record_need(
            acting_user=self.request.user, state=form.cleaned_data["state"], title=data.pop("title"),
            source=data.pop("source"), **data,
        )  # fmt: skip


class NeedEditView(ServiceFormView):
    model = Need
    action = CHANGE
    form_class = NeedForm
    template_name = "needs/need_form.html"
    context_object_name = "need"
    success_message = gettext_lazy("Need saved.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"user": self.request.user, "instance": self.object}

    def perform(self, form):
        return services.update_need(
            acting_user=self.request.user, need=self.object, expected_version=form.cleaned_data.get("version"),
            **form.service_fields(),
        )  # fmt: skip


class NeedStatusView(ServiceActionView):
    """Change the status; who may is decided by the service (confirming a proposal is UNODC's)."""

    model = Need
    action = VIEW
    form_class = StatusForm
    success_message = gettext_lazy("Status changed.")

    def perform(self, obj, data):
        return services.change_status(
            acting_user=self.request.user, need=obj, to=data["to"], reason=data["reason"],
            expected_version=data.get("version"),
        )  # fmt: skip


class FollowUpAddView(ServiceActionView):
    model = Need
    action = CHANGE
    form_class = FollowUpForm
    success_message = gettext_lazy("Follow-up recorded.")
    anchor = "#follow-up"

    def perform(self, obj, data):
        return services.add_follow_up(acting_user=self.request.user, need=obj, **data)


class LinkView(ServiceActionView):
    model = Need
    action = CHANGE
    success_message = gettext_lazy("Link saved.")
    anchor = "#answers"

    def get_form(self, obj):
        return LinkForm(self.request.POST, user=self.request.user, need=obj)

    def perform(self, obj, data):
        if data.get("assistance_request"):
            obj = services.link_request(acting_user=self.request.user, need=obj,
                                        assistance_request=data["assistance_request"])  # fmt: skip
        if data.get("activity"):
            obj = services.link_activity(acting_user=self.request.user, need=obj, activity=data["activity"])
        return obj


class RequestFromNeedView(ServiceActionView):
    """One step: a draft request pre-filled from the need, then its edit page to complete it."""

    model = Need
    action = CHANGE
    success_message = gettext_lazy("Draft request created from the need: complete it, then submit it.")
    created: Any = None

    def perform(self, obj, data):
        self.created = services.create_request_from_need(acting_user=self.request.user, need=obj)
        return self.created

    def get_success_url(self, obj):
        if self.created is not None:
            return reverse("assistance:request_edit", args=[self.created.pk])
        return super().get_success_url(obj)


class ShareView(ServiceActionView):
    model = Need
    action = SHARE
    form_class = ShareForm
    success_message = gettext_lazy("Sharing decision recorded.")
    anchor = "#sharing"

    def perform(self, obj, data):
        if self.request.POST.get("withdraw"):
            return services.withdraw_sharing(acting_user=self.request.user, need=obj, **data)
        return services.share_need(acting_user=self.request.user, need=obj, **data)


# -- States' self-assessments ------------------------------------------------------------------


class AssessmentListView(PolicyListView):
    model = SelfAssessment
    filterset_class = AssessmentFilter
    table_class = AssessmentTable
    title = gettext_lazy("Self-assessments")
    template_name = "needs/assessment_list.html"
    intro = gettext_lazy(
        "A State's own answers to the legislative checklist of an instrument. Once UNODC validates one, it becomes a "
        "legislative review and its gaps are proposed as needs."
    )

    def get_export_filename(self, export_format: str) -> str:
        return "self-assessments"

    def base_queryset(self):
        return queries.self_assessments()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_add"] = may(self.request.user, ADD, SelfAssessment)
        return context


class AssessmentStartView(ServiceFormView):
    model = SelfAssessment
    action = ADD
    form_class = AssessmentStartForm
    template_name = "needs/assessment_form.html"
    success_message = gettext_lazy("Self-assessment started: answer each item, then submit it to UNODC.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"user": self.request.user}

    def get_initial(self) -> dict[str, Any]:
        state_id = roles.state_id_of(self.request.user)
        return {"state": state_id} if state_id else {}

    def perform(self, form):
        return services.start_assessment(acting_user=self.request.user, **form.cleaned_data)


class AssessmentDetailView(PolicyObjectMixin, DetailView):
    model = SelfAssessment
    template_name = "needs/assessment_detail.html"
    context_object_name = "assessment"

    def base_queryset(self):
        return queries.self_assessments()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assessment, user = self.object, self.request.user
        answers = list(
            AssessmentAnswer.objects.restrict(user)
            .filter(assessment=assessment)
            .prefetch_related(Prefetch("provisions", queryset=Provision.objects.restrict(user).select_related("legislation")))
        )
        can_answer = allows(user, CHANGE, assessment)
        for answer in answers:
            answer.form = (
                AnswerForm(prefix=f"a{answer.pk}", assessment=assessment, initial={
                    "status": answer.status, "provisions": [p.pk for p in answer.provisions.all()],
                    "comment": answer.comment, "version": answer.version})
                if can_answer else None
            )  # fmt: skip
        unverified = {i.key for c in checklists.checklists().values() for i in c.items if not i.verified}
        context.update(
            answers=answers,
            can_answer=can_answer,
            can_submit=allows(user, SUBMIT, assessment),
            can_validate=allows(user, VALIDATE, assessment),
            validate_form=ValidateForm(),
            unanswered=sum(1 for a in answers if not a.status),
            unverified=unverified,
            proposed=Need.objects.restrict(user).filter(review=assessment.review) if assessment.review_id else [],
        )
        return context


class AnswerView(ServiceActionView):
    model = AssessmentAnswer
    action = CHANGE
    form_class = AnswerForm

    def get_form(self, obj):
        return AnswerForm(self.request.POST, prefix=f"a{obj.pk}", assessment=obj.assessment)

    def perform(self, obj, data):
        return services.answer_item(
            acting_user=self.request.user, answer=obj, status=data["status"], provisions=data["provisions"],
            comment=data["comment"], expected_version=data.get("version"),
        )  # fmt: skip

    def get_success_message(self, obj, result):
        return gettext("Answer saved: %(article)s.") % {"article": obj.article}

    def get_success_url(self, obj):
        return obj.get_absolute_url()


class AssessmentSubmitView(ServiceActionView):
    model = SelfAssessment
    action = SUBMIT
    success_message = gettext_lazy("Self-assessment submitted to UNODC.")

    def perform(self, obj, data):
        return services.submit_assessment(acting_user=self.request.user, assessment=obj)


class AssessmentDecisionView(ServiceActionView):
    """UNODC validates a submitted self-assessment (it becomes a review) or returns it with comments."""

    model = SelfAssessment
    action = VALIDATE
    form_class = ValidateForm

    def perform(self, obj, data):
        if data["decision"] == "return":
            return services.return_assessment(acting_user=self.request.user, assessment=obj,
                                              comments=data["comments"])  # fmt: skip
        return services.validate_assessment(acting_user=self.request.user, assessment=obj, comments=data["comments"])

    def get_success_message(self, obj, result):
        if result.status == AssessmentStatus.RETURNED:
            return gettext("Self-assessment returned to the State with your comments.")
        return gettext("Self-assessment validated: it is now a legislative review, and its gaps are proposed as needs.")
