"""Pages of the funding area: donors, contributions, projects, and the IATI export."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, TemplateView

from ctassist.assistance.models import Activity
from ctassist.core import roles
from ctassist.core.models import DomainEvent
from ctassist.core.policy import ADD, CHANGE, VIEW, allows, may
from ctassist.core.views import PolicyListView, PolicyMixin, PolicyObjectMixin
from ctassist.funding import iati, queries, services
from ctassist.funding.choices import ContributionKind, ContributionStatus
from ctassist.funding.filters import ContributionFilter, DonorFilter, ProjectFilter
from ctassist.funding.forms import AdvanceForm, ChargeForm, ContributionForm, ProjectForm
from ctassist.funding.models import ActivityCharge, Contribution, Donor, Project
from ctassist.funding.tables import ContributionTable, DonorTable, ProjectTable

MONEY = DecimalField(max_digits=18, decimal_places=2)


def _errors_into(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class DonorListView(PolicyListView):
    model = Donor
    filterset_class = DonorFilter
    table_class = DonorTable
    title = gettext_lazy("Donors")
    template_name = "funding/donor_list.html"
    intro = gettext_lazy("Received: financial contributions with status received, in USD at the rate of the day "
                         "entered. Pledges and commitments are not counted.")  # fmt: skip

    def base_queryset(self):
        return (
            Donor.objects.select_related("organisation", "state")
            .annotate(
                contribution_count=Count("contributions"),
                received_usd=Coalesce(
                    Sum(
                        "contributions__usd_amount",
                        filter=Q(
                            contributions__status=ContributionStatus.RECEIVED,
                            contributions__kind=ContributionKind.FINANCIAL,
                        ),
                    ),
                    Value(0),
                    output_field=MONEY,
                ),
            )
            .order_by("organisation__name")
        )


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
            if can_change and c.status != ContributionStatus.RECEIVED
            else None,
            project_visible=bool(c.project_id) and allows(self.request.user, VIEW, c.project),
            events=DomainEvent.objects.filter(object_id=str(c.pk), type__startswith="funding.contribution")[:50],
        )
        return context


class ContributionCreateView(PolicyMixin, TemplateView):
    model = Contribution
    action = ADD
    template_name = "funding/contribution_form.html"

    def get(self, request, *args, **kwargs):
        initial = {"pledged_on": timezone.localdate(), "currency": "USD", "usd_rate": 1}
        if request.GET.get("project"):
            initial.update(project=request.GET["project"], earmarking="project")
        return render(request, self.template_name, {"form": ContributionForm(user=request.user, initial=initial)})

    def post(self, request, *args, **kwargs):
        form = ContributionForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.service_fields()
            try:
                contribution = services.record_contribution(
                    acting_user=request.user, donor=form.cleaned_data["donor"], **data
                )
            except ValidationError as exc:
                _errors_into(form, exc)
            else:
                messages.success(request, _("Contribution recorded."))
                return redirect("funding:contribution_detail", pk=contribution.pk)
        return render(request, self.template_name, {"form": form}, status=400)


class ContributionAdvanceView(PolicyObjectMixin, View):
    model = Contribution
    action = CHANGE

    def post(self, request, *args, **kwargs):
        contribution = self.get_object()
        form = AdvanceForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
            return redirect("funding:contribution_detail", pk=contribution.pk)
        try:
            services.advance_contribution(
                acting_user=request.user,
                contribution=contribution,
                to=form.cleaned_data["to"],
                on=form.cleaned_data["on"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Status changed."))
        return redirect("funding:contribution_detail", pk=contribution.pk)


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
            charge_form=ChargeForm(user=user) if may(user, ADD, ActivityCharge) else None,
            can_add_contribution=may(user, ADD, Contribution),
        )
        return context


class ProjectCreateView(PolicyMixin, TemplateView):
    model = Project
    action = ADD
    template_name = "funding/project_form.html"

    def get(self, request, *args, **kwargs):
        return render(request, self.template_name, {"form": ProjectForm()})

    def post(self, request, *args, **kwargs):
        form = ProjectForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            themes, states = data.pop("themes"), data.pop("states")
            try:
                project = services.create_project(acting_user=request.user, themes=themes, states=states, **data)
            except ValidationError as exc:
                _errors_into(form, exc)
            else:
                messages.success(request, _("Project created."))
                return redirect("funding:project_detail", pk=project.pk)
        return render(request, self.template_name, {"form": form}, status=400)


class ChargeAddView(PolicyObjectMixin, View):
    """Charge an activity to the project (UNODC)."""

    model = Project
    action = CHANGE

    def post(self, request, *args, **kwargs):
        project = self.get_object()
        if not may(request.user, ADD, ActivityCharge):
            raise PermissionDenied
        form = ChargeForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                services.charge_activity(
                    acting_user=request.user,
                    project=project,
                    activity=form.cleaned_data["activity"],
                    amount_usd=form.cleaned_data["amount_usd"],
                    charged_on=form.cleaned_data.get("charged_on"),
                )
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("Activity charged to the project."))
        else:
            for field, errors in form.errors.items():
                messages.error(request, f"{field}: {' '.join(errors)}")
        return redirect("funding:project_detail", pk=project.pk)


class IatiExportView(PolicyMixin, View):
    """IATI activity standard 2.03 XML for the activities the user may see, filtered like the
    activity list (``?state=KEN&theme=training&status=completed``) or by ``?project=<code>``."""

    model = Activity

    def get(self, request, *args, **kwargs):
        activities = iati.select_activities(request.user, request.GET)
        xml = iati.build(request.user, activities)
        response = HttpResponse(xml, content_type="application/xml; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="ctassist-iati-activities.xml"'
        return response


class IatiPageView(PolicyMixin, TemplateView):
    model = Activity
    template_name = "funding/iati.html"

    def get_context_data(self, **kwargs):
        from ctassist.assistance.filters import ActivityFilter

        context = super().get_context_data(**kwargs)
        context["filter"] = ActivityFilter(self.request.GET or None, queryset=Activity.objects.none())
        context["org_ref"] = iati.org_ref()
        context["is_unodc"] = roles.is_unodc(self.request.user)
        return context
