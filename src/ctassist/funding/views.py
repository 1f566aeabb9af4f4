"""Pages of the funding area: donors, contributions, projects, and the IATI export."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count, DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, TemplateView

from ctassist.assistance.models import Activity
from ctassist.core import roles
from ctassist.core.models import DomainEvent
from ctassist.core.policy import ADD, CHANGE, DELETE, VIEW, allows, may
from ctassist.core.views import PolicyListView, PolicyMixin, PolicyObjectMixin, ServiceActionView, ServiceFormView
from ctassist.funding import iati, queries, services
from ctassist.funding.choices import ContributionKind, ContributionStatus
from ctassist.funding.filters import ContributionFilter, DonorFilter, ProjectFilter
from ctassist.funding.forms import (
    AdvanceForm,
    CancelForm,
    ChargeEditForm,
    ChargeForm,
    ContributionEditForm,
    ContributionForm,
    DonorCreateForm,
    DonorForm,
    ProjectForm,
    ReceiptForm,
)
from ctassist.funding.models import ActivityCharge, Contribution, ContributionStep, Donor, Project
from ctassist.funding.tables import ContributionTable, DonorTable, ProjectTable

MONEY = DecimalField(max_digits=18, decimal_places=2)


class DonorListView(PolicyListView):
    model = Donor
    filterset_class = DonorFilter
    table_class = DonorTable
    title = gettext_lazy("Donors")
    template_name = "funding/donor_list.html"
    intro = gettext_lazy("Received: the instalments of financial contributions received, each in USD at the rate "
                         "of its day. Pledges and commitments are not counted.")  # fmt: skip

    def base_queryset(self):
        # What each donor's instalments brought (a subquery: no row multiplication with the count).
        received = (
            ContributionStep.objects.restrict(self.request.user)
            .filter(
                contribution__donor=OuterRef("pk"),
                contribution__kind=ContributionKind.FINANCIAL,
                status__in=(ContributionStatus.PARTLY_RECEIVED, ContributionStatus.RECEIVED),
            )
            .order_by()
            .values("contribution__donor")
            .annotate(total=Sum("usd_amount"))
            .values("total")
        )
        return (
            Donor.objects.select_related("organisation", "state")
            .annotate(
                contribution_count=Count("contributions"),
                received_usd=Coalesce(Subquery(received, output_field=MONEY), Value(0), output_field=MONEY),
            )
            .order_by("organisation__name")
        )

    def get_table_kwargs(self):
        # The edit column only for those who may change donors.
        return {} if may(self.request.user, CHANGE, Donor) else {"exclude": ("edit",)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_add"] = may(self.request.user, ADD, Donor)
        return context


class DonorCreateView(ServiceFormView):
    model = Donor
    action = ADD
    form_class = DonorCreateForm
    template_name = "funding/donor_form.html"
    success_message = gettext_lazy("Donor recorded.")

    def perform(self, form):
        data = form.cleaned_data
        return services.create_donor(acting_user=self.request.user, organisation=data["organisation"],
                                     type=data["type"], state=data["state"])  # fmt: skip

    def get_success_url(self, result):
        return reverse("funding:donor_list")


class DonorEditView(ServiceFormView):
    model = Donor
    action = CHANGE
    form_class = DonorForm
    template_name = "funding/donor_form.html"
    context_object_name = "donor"
    success_message = gettext_lazy("Donor saved.")

    def get_form_kwargs(self):
        return {"instance": self.get_queryset().get(pk=self.object.pk)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_delete"] = allows(self.request.user, DELETE, self.object)
        return context

    def perform(self, form):
        return services.update_donor(acting_user=self.request.user, donor=self.object, **form.cleaned_data)

    def get_success_url(self, result):
        return reverse("funding:donor_list")


class _DeleteView(ServiceActionView):
    """POST-only deletion through a service: back to the list when done, to the record when refused."""

    action = DELETE
    success_message = gettext_lazy("Deleted.")
    list_url = ""
    done = False

    def get_success_url(self, obj):
        return reverse(self.list_url) if self.done else super().get_success_url(obj)

    def perform(self, obj, data):
        self.delete(obj)
        self.done = True

    def delete(self, obj) -> None:
        raise NotImplementedError


class DonorDeleteView(_DeleteView):
    model = Donor
    list_url = "funding:donor_list"

    def get_success_url(self, obj):
        return reverse(self.list_url) if self.done else reverse("funding:donor_edit", args=[obj.pk])

    def delete(self, obj):
        services.delete_donor(acting_user=self.request.user, donor=obj)


class ContributionListView(PolicyListView):
    model = Contribution
    filterset_class = ContributionFilter
    table_class = ContributionTable
    title = gettext_lazy("Contributions")
    template_name = "funding/contribution_list.html"

    def base_queryset(self):
        return Contribution.objects.select_related("donor__organisation", "project", "theme")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["totals"] = queries.totals_by_status(self.object_list)
        context["can_add"] = may(self.request.user, ADD, Contribution)
        return context


class ContributionDetailView(PolicyObjectMixin, DetailView):
    model = Contribution
    template_name = "funding/contribution_detail.html"
    context_object_name = "contribution"

    def base_queryset(self):
        return Contribution.objects.select_related("donor__organisation", "project", "theme")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        c = self.object
        can_change = allows(self.request.user, CHANGE, c)
        context.update(
            can_change=can_change,
            advance_form=AdvanceForm(initial={"on": timezone.localdate()}, current=c.status)
            if can_change and c.status in (ContributionStatus.PLEDGED, ContributionStatus.COMMITTED)
            else None,
            receipt_form=ReceiptForm(
                initial={"on": timezone.localdate(), "usd_rate": 1 if c.currency == "USD" else None}
            )
            if can_change
            and c.kind == ContributionKind.FINANCIAL
            and c.status
            in (ContributionStatus.PLEDGED, ContributionStatus.COMMITTED, ContributionStatus.PARTLY_RECEIVED)
            else None,
            cancel_form=CancelForm(initial={"on": timezone.localdate()})
            if can_change and c.status not in (ContributionStatus.RECEIVED, ContributionStatus.CANCELLED)
            else None,
            can_delete=allows(self.request.user, DELETE, c)
            and c.status != ContributionStatus.CANCELLED
            and not c.steps.filter(
                status__in=(ContributionStatus.PARTLY_RECEIVED, ContributionStatus.RECEIVED)
            ).exists(),
            steps=ContributionStep.objects.restrict(self.request.user).filter(contribution=c).order_by("on", "id"),
            outstanding=services.outstanding_amount(c) if c.kind == ContributionKind.FINANCIAL else None,
            project_visible=bool(c.project_id) and allows(self.request.user, VIEW, c.project),
            events=DomainEvent.objects.filter(object_id=str(c.pk), type__startswith="funding.contribution")[:50],
        )
        return context


class ContributionCreateView(ServiceFormView):
    model = Contribution
    action = ADD
    form_class = ContributionForm
    template_name = "funding/contribution_form.html"
    success_message = gettext_lazy("Contribution recorded.")

    def get_initial(self):
        initial = {"pledged_on": timezone.localdate(), "currency": "USD", "usd_rate": 1}
        if self.request.GET.get("project"):
            initial.update(project=self.request.GET["project"], earmarking="project")
        return initial

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, form):
        return services.record_contribution(
            acting_user=self.request.user, donor=form.cleaned_data["donor"], **form.service_fields()
        )


class _EditView(ServiceFormView):
    """The edit page of a versioned record: a stale save answers 409 with the current version."""

    action = CHANGE

    def get_form_kwargs(self):
        # A copy for the form to fill in, so the page keeps the record as it is stored.
        return {"instance": self.get_queryset().get(pk=self.object.pk)}


class ContributionEditView(_EditView):
    model = Contribution
    form_class = ContributionEditForm
    template_name = "funding/contribution_form.html"
    context_object_name = "contribution"
    success_message = gettext_lazy("Contribution saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def perform(self, form):
        return services.update_contribution(
            acting_user=self.request.user, contribution=self.object,
            expected_version=form.cleaned_data.get("version"), **form.service_fields(),
        )  # fmt: skip


class ContributionAdvanceView(ServiceActionView):
    model = Contribution
    action = CHANGE
    form_class = AdvanceForm
    success_message = gettext_lazy("Status changed.")

    def perform(self, obj, data):
        return services.advance_contribution(acting_user=self.request.user, contribution=obj, to=data["to"],
                                             on=data["on"])  # fmt: skip


class ContributionReceiptView(ServiceActionView):
    """Record one instalment received, at the exchange rate of its day."""

    model = Contribution
    action = CHANGE
    form_class = ReceiptForm
    anchor = "#history"
    success_message = gettext_lazy("Instalment recorded.")

    def perform(self, obj, data):
        return services.record_receipt(acting_user=self.request.user, contribution=obj, amount=data["amount"],
                                       on=data["on"], usd_rate=data.get("usd_rate"))  # fmt: skip


class ContributionCancelView(ServiceActionView):
    model = Contribution
    action = CHANGE
    form_class = CancelForm
    anchor = "#history"
    success_message = gettext_lazy("Contribution cancelled.")

    def perform(self, obj, data):
        return services.cancel_contribution(acting_user=self.request.user, contribution=obj, reason=data["reason"],
                                            on=data["on"])  # fmt: skip


class ContributionDeleteView(_DeleteView):
    model = Contribution
    list_url = "funding:contribution_list"

    def delete(self, obj):
        services.delete_contribution(acting_user=self.request.user, contribution=obj)


class ProjectListView(PolicyListView):
    model = Project
    filterset_class = ProjectFilter
    table_class = ProjectTable
    title = gettext_lazy("Projects")
    template_name = "funding/project_list.html"
    intro = gettext_lazy("Delivery: the amount charged to activities as a share of the budget.")

    def base_queryset(self):
        return queries.project_list_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_add"] = may(self.request.user, ADD, Project)
        return context


class ProjectDetailView(PolicyObjectMixin, DetailView):
    model = Project
    template_name = "funding/project_detail.html"
    context_object_name = "project"

    def base_queryset(self):
        return Project.objects.prefetch_related("themes", "states")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project, user = self.object, self.request.user
        context.update(
            delivery=queries.project_delivery(user, project),
            charges=ActivityCharge.objects.restrict(user)
            .filter(project=project)
            .select_related("activity")
            .order_by("activity__start_date"),
            contributions=Contribution.objects.restrict(user)
            .filter(project=project)
            .select_related("donor__organisation"),
            sees_contributions=may(user, VIEW, Contribution),
            can_change=allows(user, CHANGE, project),
            can_delete=allows(user, DELETE, project),
            can_edit_charges=may(user, CHANGE, ActivityCharge),
            charge_form=ChargeForm(user=user) if may(user, ADD, ActivityCharge) else None,
            can_add_contribution=may(user, ADD, Contribution),
        )
        return context


class ProjectCreateView(ServiceFormView):
    model = Project
    action = ADD
    form_class = ProjectForm
    template_name = "funding/project_form.html"
    success_message = gettext_lazy("Project created.")

    def perform(self, form):
        return services.create_project(acting_user=self.request.user, **form.service_fields())


class ProjectEditView(_EditView):
    model = Project
    form_class = ProjectForm
    template_name = "funding/project_form.html"
    context_object_name = "project"
    success_message = gettext_lazy("Project saved.")

    def perform(self, form):
        return services.update_project(
            acting_user=self.request.user, project=self.object, expected_version=form.cleaned_data.get("version"),
            **form.service_fields(),
        )  # fmt: skip


class ChargeAddView(ServiceActionView):
    """Charge an activity to the project (UNODC)."""

    model = Project
    action = CHANGE
    form_class = ChargeForm
    success_message = gettext_lazy("Activity charged to the project.")

    def get_form(self, obj):
        if not may(self.request.user, ADD, ActivityCharge):
            raise PermissionDenied
        return ChargeForm(self.request.POST, user=self.request.user)

    def perform(self, obj, data):
        return services.charge_activity(
            acting_user=self.request.user, project=obj, activity=data["activity"], amount_usd=data["amount_usd"],
            charged_on=data.get("charged_on"),
        )  # fmt: skip


class ProjectDeleteView(_DeleteView):
    model = Project
    list_url = "funding:project_list"

    def delete(self, obj):
        services.delete_project(acting_user=self.request.user, project=obj)


class _ChargeActionView(ServiceActionView):
    model = ActivityCharge
    anchor = "#activities"

    def get_success_url(self, obj):
        return reverse("funding:project_detail", args=[obj.project_id]) + self.anchor


class ChargeEditView(_ChargeActionView):
    action = CHANGE
    form_class = ChargeEditForm
    success_message = gettext_lazy("Activity charge saved.")

    def perform(self, obj, data):
        return services.update_charge(acting_user=self.request.user, charge=obj, amount_usd=data["amount_usd"],
                                      charged_on=data["charged_on"])  # fmt: skip


class ChargeDeleteView(_ChargeActionView):
    action = DELETE
    success_message = gettext_lazy("Activity charge removed.")

    def perform(self, obj, data):
        services.remove_charge(acting_user=self.request.user, charge=obj)


class IatiExportView(PolicyMixin, View):
    """IATI activity standard 2.03 XML for the activities the user may see, filtered like the
    activity list (``?state=KEN&theme=training&status=completed``) or by ``?project=<code>``."""

    model = Activity

    def get(self, request, *args, **kwargs):
        activities = iati.select_activities(request.user, request.GET)
        try:
            xml = iati.build(request.user, activities)
        except iati.NotReady as exc:
            return _not_ready(request, exc)
        response = HttpResponse(xml, content_type="application/xml; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="ctassist-iati-activities.xml"'
        return response


def _not_ready(request, exc: Exception) -> HttpResponse:
    """The IATI page again, saying why the file cannot be built (409: the installation is not ready)."""
    from ctassist.assistance.filters import ActivityFilter  # reason: the page shows the activity list's filters

    context = {"filter": ActivityFilter(None, queryset=Activity.objects.none()), "org_ref": iati.org_ref(),
               "not_ready": str(exc), "is_unodc": roles.is_unodc(request.user)}  # fmt: skip
    return render(request, "funding/iati.html", context, status=409)


class IatiOrganisationView(PolicyMixin, View):
    """The IATI organisation file (totals of every project and unearmarked contribution): UNODC only."""

    model = Contribution

    def get(self, request, *args, **kwargs):
        if not roles.is_unodc(request.user):
            raise PermissionDenied
        try:
            xml = iati.build_organisation()
        except iati.NotReady as exc:
            return _not_ready(request, exc)
        response = HttpResponse(xml, content_type="application/xml; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="ctassist-iati-organisation.xml"'
        return response


class IatiPageView(PolicyMixin, TemplateView):
    model = Activity
    template_name = "funding/iati.html"

    def get_context_data(self, **kwargs):
        from ctassist.assistance.filters import ActivityFilter

        context = super().get_context_data(**kwargs)
        context["filter"] = ActivityFilter(self.request.GET or None, queryset=Activity.objects.none())
        context["org_ref"] = iati.org_ref()
        context["not_ready"] = iati.org_ref_problem()
        context["is_unodc"] = roles.is_unodc(self.request.user)
        return context
