"""Pages of the reporting area: the Secretary-General's reports, dashboards, country profiles."""

from __future__ import annotations

import io
from typing import Any, cast

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, TemplateView

from ctassist.core import exports, jobs, roles
from ctassist.core.policy import ADD, CHANGE, DELETE, VIEW, allows, may
from ctassist.core.views import (
    PolicyListView,
    PolicyObjectMixin,
    ServiceActionView,
    ServiceFormView,
    object_or_404,
)
from ctassist.geo.models import State
from ctassist.reporting import charts, narrative, queries, services
from ctassist.reporting.builder.text import shown
from ctassist.reporting.choices import ReportStatus
from ctassist.reporting.docx import report_docx
from ctassist.reporting.filters import PrimarySectionFilter, ReportFilter
from ctassist.reporting.forms import (
    NarrativeForm,
    NarrativeReturnForm,
    NarrativeStepForm,
    PrimarySectionForm,
    ReportForm,
    default_period,
)
from ctassist.reporting.models import Narrative, NarrativeVersion, PrimarySection, Report
from ctassist.reporting.records import records_for
from ctassist.reporting.tables import PrimarySectionTable, ProfileTable, ReportTable
from ctassist.treaties.filters import StateFilter

# -- the Secretary-General's reports -----------------------------------------------------------


class ReportListView(PolicyListView):
    model = Report
    filterset_class = ReportFilter
    title = gettext_lazy("Secretary-General's reports")
    intro = gettext_lazy(
        "Drafts of the report on a resolution, computed from the records for a period. "
        "Every figure links to the records behind it."
    )
    table_class = ReportTable
    template_name = "reporting/report_list.html"

    def base_queryset(self):
        return Report.objects.select_related("resolution", "requested_by").defer("content")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_add"] = may(self.request.user, ADD, Report)
        return context


class ReportCreateView(ServiceFormView):
    """Choose a resolution and a period; the service queues the build and the page follows it."""

    model = Report
    action = ADD
    form_class = ReportForm
    template_name = "reporting/report_form.html"

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_initial(self):
        start, end = default_period()
        return {"period_start": start, "period_end": end, "resolution": self.request.GET.get("resolution")}

    def perform(self, form):
        return services.request_report(
            acting_user=self.request.user,
            resolution=form.cleaned_data["resolution"],
            period_start=form.cleaned_data["period_start"],
            period_end=form.cleaned_data["period_end"],
        )


def _figure_link(report: Report, key: str, figures: dict[str, Any]) -> str:
    figure = figures.get(key)
    if figure is None:
        return format_html('<span class="figure-missing">?</span>')
    records = reverse("reporting:figure_records", args=[report.pk, key])
    return format_html(
        '<a class="fig" href="{}" title="{}">{}</a>',
        records,
        _("Records behind this figure: %(label)s") % {"label": figure["label"]},
        shown(figure["value"]),
    )


def _render_parts(report: Report, parts: list[Any], figures: dict[str, Any]) -> str:
    out = []
    for part in parts:
        if isinstance(part, dict):
            out.append(_figure_link(report, part["f"], figures))
        else:
            out.append(format_html("{}", part))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped by format_html above


def _render_blocks(report: Report, blocks: list[dict[str, Any]], figures: dict[str, Any]) -> list[dict[str, Any]]:
    rendered = []
    for block in blocks:
        if block["type"] == "para":
            rendered.append({**block, "html": _render_parts(report, block["parts"], figures)})
        elif block["type"] == "table":
            rows = [[_render_parts(report, [cell], figures) for cell in row] for row in block["rows"]]
            rendered.append({**block, "rows": rows})
        else:
            more = _figure_link(report, block["more"]["f"], figures) if block.get("more") else ""
            rendered.append({**block, "more_html": more})
    return rendered


class ReportDetailView(PolicyObjectMixin, DetailView):
    model = Report
    template_name = "reporting/report_detail.html"
    context_object_name = "report"

    def get_queryset(self):
        return super().get_queryset().select_related("resolution", "requested_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.object
        content, clearance = narrative.narrative_content(report, self.request.user)
        context["clearance"] = clearance
        context["narrative"] = Narrative.objects.restrict(self.request.user, VIEW).filter(report=report).first()
        if report.status == ReportStatus.DONE and content:
            figures = content.get("figures", {})
            context["chapters"] = [
                {
                    **chapter,
                    "blocks": _render_blocks(report, chapter["blocks"], figures),
                    "sections": [
                        {**s, "blocks": _render_blocks(report, s["blocks"], figures)} for s in chapter["sections"]
                    ],
                }
                for chapter in content.get("chapters", [])
            ]
            context["annexes"] = [
                {
                    **annex,
                    "rows": [[_render_parts(report, [c], figures) for c in row] for row in annex["rows"]],
                    "figure_link": _figure_link(report, annex["figure"], figures) if annex.get("figure") else "",
                }
                for annex in content.get("annexes", [])
            ]
            context["content"] = content
            context["summary"] = _render_parts(report, content.get("summary", []), figures)
        context["can_change"] = allows(self.request.user, CHANGE, report)
        context["can_delete"] = allows(self.request.user, DELETE, report)
        return context


class ReportProgressView(PolicyObjectMixin, View):
    """The progress box, polled every second by the report page while the build runs."""

    model = Report

    def get_queryset(self):
        return super().get_queryset().defer("content")

    def get(self, request, pk):
        # A build whose worker stopped is queued again here too, so the page never waits on it for ever.
        jobs.recover_stale()
        report = self.get_object()
        response = render(request, "reporting/_progress.html", {"report": report})
        if report.is_finished:
            response["HX-Refresh"] = "true"
        return response


class ReportDocxView(PolicyObjectMixin, View):
    model = Report

    def get(self, request, pk):
        """The DOCX with the narrative in place: cleared, or the latest draft marked as not cleared."""
        report = self.get_object()
        if not report.docx or not report.content:
            raise Http404
        content, clearance = narrative.narrative_content(report, request.user)
        name = f"report-{report.resolution.short_symbol.replace('/', '-')}-{report.period_start:%Y%m%d}.docx"
        data = io.BytesIO(report_docx({**content, "clearance": clearance}))
        return FileResponse(data, as_attachment=True, filename=name)


class ReportRebuildView(ServiceActionView):
    model = Report
    action = CHANGE

    def perform(self, obj, data):
        return services.rebuild_report(acting_user=self.request.user, report=obj)


class ReportDeleteView(ServiceActionView):
    model = Report
    action = DELETE
    success_message = gettext_lazy("The report was deleted.")

    def perform(self, obj, data):
        services.delete_report(acting_user=self.request.user, report=obj)

    def get_success_url(self, obj):
        return reverse("reporting:report_list")


# -- the primary section of an activity ------------------------------------------------------------


class PrimarySectionListView(PolicyListView):
    model = PrimarySection
    filterset_class = PrimarySectionFilter
    table_class = PrimarySectionTable
    title = gettext_lazy("Primary report sections set by officers")
    intro = gettext_lazy(
        "Each activity is counted in one section of the report, by the rule in the reconciliation annex. "
        "An officer may choose another section for an activity; every change is in the change log."
    )
    template_name = "reporting/primary_section_list.html"

    def get_queryset(self):
        return PrimarySection.objects.restrict(self.request.user, VIEW).select_related("activity")


class PrimarySectionCreateView(ServiceFormView):
    model = PrimarySection
    action = ADD
    form_class = PrimarySectionForm
    template_name = "reporting/primary_section_form.html"
    success_message = gettext_lazy("The activity will be counted in this section in reports drafted from now on.")

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_initial(self):
        return {"activity": self.request.GET.get("activity")}

    def perform(self, form):
        return services.set_primary_section(
            acting_user=self.request.user,
            activity=form.cleaned_data["activity"],
            section=form.cleaned_data["section"],
            reason=form.cleaned_data["reason"],
        )


class PrimarySectionEditView(PrimarySectionCreateView):
    action = CHANGE

    def get_initial(self):
        return {"activity": self.object.activity_id, "section": self.object.section, "reason": self.object.reason}


class PrimarySectionDeleteView(ServiceActionView):
    model = PrimarySection
    action = DELETE
    success_message = gettext_lazy("The rule decides again where the activity is counted.")

    def perform(self, obj, data):
        services.remove_primary_section(acting_user=self.request.user, primary_section=obj)

    def get_success_url(self, obj):
        return reverse("reporting:primary_section_list")


# -- the narrative and its clearance ---------------------------------------------------------------


class NarrativeStartView(ServiceActionView):
    """Begin (or open) the narrative of a drafted report, then go to its editor."""

    model = Report
    action = CHANGE

    def perform(self, obj, data):
        self.started = services.start_narrative(acting_user=self.request.user, report=obj)
        return self.started

    def get_success_url(self, obj):
        started = getattr(self, "started", None)
        return reverse("reporting:narrative_edit", args=[started.pk]) if started else obj.get_absolute_url()


class NarrativeDetailView(PolicyObjectMixin, DetailView):
    model = Narrative
    template_name = "reporting/narrative_detail.html"
    context_object_name = "narrative"

    def get_queryset(self):
        return super().get_queryset().select_related("report__resolution", "submitted_by", "cleared_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        record = self.object
        context["versions"] = (
            NarrativeVersion.objects.restrict(user, VIEW).filter(narrative=record).select_related("author")
        )
        context["can_change"] = allows(user, CHANGE, record) and record.is_editable
        context["can_step"] = allows(user, "transition", record)
        context["is_own_submission"] = record.submitted_by_id == user.pk
        return context


class NarrativeEditView(ServiceFormView):
    model = Narrative
    action = CHANGE
    form_class = NarrativeForm
    template_name = "reporting/narrative_form.html"
    context_object_name = "narrative"
    success_message = gettext_lazy("A new version of the narrative was saved.")

    def get_queryset(self):
        return super().get_queryset().select_related("report__resolution")

    def parts(self):
        return [(key, heading) for key, heading, _holder in narrative.parts_of(self.object.report.content or {})]

    def get_form_kwargs(self):
        return {"parts": self.parts()}

    def get_initial(self):
        content = self.object.report.content or {}
        latest = self.object.versions.order_by("-number").first()
        texts = {**narrative.generated_texts(content), **(latest.texts if latest else {})}
        return {**texts, "version": self.object.version}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        figures = (self.object.report.content or {}).get("figures", {})
        context["figures"] = [(key, f["label"], shown(f["value"])) for key, f in figures.items()]
        context["figure_ref"], context["note_ref"] = "{{ figure:key }}", "{{ note:1 }}"
        return context

    def perform(self, form):
        return services.save_narrative(
            acting_user=self.request.user,
            narrative_record=self.object,
            texts=form.texts(),
            expected_version=form.cleaned_data["version"],
            note=form.cleaned_data["note"],
        )


class NarrativeSubmitView(ServiceActionView):
    model = Narrative
    action = "transition"
    form_class = NarrativeStepForm
    success_message = gettext_lazy("The narrative was submitted for clearance.")

    def perform(self, obj, data):
        return services.submit_narrative(
            acting_user=self.request.user, narrative_record=obj, expected_version=data.get("version")
        )


class NarrativeClearView(NarrativeSubmitView):
    success_message = gettext_lazy("The narrative was cleared: the DOCX now carries it as cleared.")

    def perform(self, obj, data):
        return services.clear_narrative(
            acting_user=self.request.user, narrative_record=obj, expected_version=data.get("version")
        )


class NarrativeReturnView(NarrativeSubmitView):
    form_class = NarrativeReturnForm
    success_message = gettext_lazy("The narrative was returned with your comments.")

    def perform(self, obj, data):
        return services.return_narrative(
            acting_user=self.request.user,
            narrative_record=obj,
            comments=data["comments"],
            expected_version=data.get("version"),
        )


class NarrativeCompareView(PolicyObjectMixin, TemplateView):
    """Two versions of a narrative side by side, part by part, the words removed and added marked."""

    model = Narrative
    template_name = "reporting/narrative_compare.html"

    def get(self, request, *args, **kwargs):
        self.object = record = cast(Narrative, self.get_object())
        versions = {v.number: v for v in NarrativeVersion.objects.restrict(request.user, VIEW).filter(narrative=record)}
        if not versions:
            raise Http404
        numbers = sorted(versions)
        try:
            b = int(request.GET.get("b") or numbers[-1])
            a = int(request.GET.get("a") or (numbers[-2] if len(numbers) > 1 else numbers[-1]))
        except ValueError:
            raise Http404 from None
        if a not in versions or b not in versions:
            raise Http404
        content = record.report.content or {}
        generated = narrative.generated_texts(content)
        old, new = versions[a].texts, versions[b].texts
        rows = []
        for key, heading, _holder in narrative.parts_of(content):
            before, after = old.get(key, generated.get(key, "")), new.get(key, generated.get(key, ""))
            if before != after:
                rows.append({"heading": heading, "diff": narrative.diff_html(before, after)})
        return self.render_to_response(
            {"narrative": record, "a": versions[a], "b": versions[b], "numbers": numbers, "rows": rows}
        )


def _holds_demo_data(queryset) -> bool | None:
    """Whether the rows include generated data (``None``: the model cannot tell, ask the installation)."""
    if any(f.name == "is_demo" for f in queryset.model._meta.concrete_fields):
        return queryset.filter(is_demo=True).exists()
    return None


class FigureRecordsView(PolicyObjectMixin, TemplateView):
    """The records behind one figure of a report: exactly the rows it counted (that the user may see)."""

    model = Report
    template_name = "reporting/figure_records.html"

    def get(self, request, *args, **kwargs):
        self.object = report = self.get_object()
        figure = (report.content or {}).get("figures", {}).get(kwargs["key"])
        if figure is None:
            raise Http404
        listing, queryset = records_for(request.user, figure)
        fmt = request.GET.get(exports.TRIGGER)
        if fmt in exports.FORMATS:
            return exports.export_response(
                listing.headers,
                (listing.row(obj) for obj in queryset),
                fmt,
                filename=f"records-{kwargs['key']}",
                demo=_holds_demo_data(queryset),
            )
        page = Paginator(queryset, 500).get_page(request.GET.get("page"))
        rows = [(listing.row(obj), listing.link(obj)) for obj in page.object_list]
        return self.render_to_response(
            {
                "report": report,
                "key": kwargs["key"],
                "figure": figure,
                "headers": listing.headers,
                "rows": rows,
                "page": page,
                "hidden": len(figure["ids"]) - page.paginator.count,
            }
        )


# -- dashboards ------------------------------------------------------------------------------------


def _charts(user: Any) -> dict[str, tuple[str, list[str], dict[str, list]]]:
    charts: dict[str, tuple[str, list[str], dict[str, list]]] = {
        "ratifications": (_("Ratifications and accessions by year"), *queries.ratifications_by_year(user)),
        "activities": (_("Activities delivered by theme and region"), *queries.activities_by_theme_and_region(user)),
        "participants": (_("Officials trained by sex and year"), *queries.participants_by_sex(user)),
    }
    donors = queries.contributions_by_donor(user)
    charts["contributions"] = (_("Contributions received by donor (USD)"), *(donors or ([], {})))
    return charts


class DashboardView(TemplateView):
    """Charts of what the user may see; each chart's data downloads as CSV or XLSX."""

    template_name = "reporting/dashboards.html"

    def get(self, request, *args, **kwargs):
        name, fmt = request.GET.get("data"), request.GET.get(exports.TRIGGER)
        if name and fmt in exports.FORMATS:
            charts = _charts(request.user)
            if name not in charts:
                raise Http404
            title, labels, series = charts[name]
            return exports.export_response(
                ["", *series.keys()],
                ([label, *(values[i] for values in series.values())] for i, label in enumerate(labels)),
                fmt,
                filename=f"dashboard-{name}",
                title=str(title),
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        blocks = []
        for name, (title, labels, series) in _charts(self.request.user).items():
            if not labels:
                svg = ""
            elif name == "ratifications":
                svg = charts.year_line(str(title), labels, series)
            elif name == "participants":
                svg = charts.grouped_bar(str(title), labels, series)
            else:
                svg = charts.horizontal_bar(str(title), labels, series, stacked=name == "activities")
            blocks.append({"name": name, "title": title, "svg": svg, "empty": not labels})
        context["charts"] = blocks
        context["is_unodc"] = roles.is_unodc(self.request.user)
        context["funding_available"] = queries.funding_available()
        return context


# -- country profiles ------------------------------------------------------------------------------


class ProfileListView(PolicyListView):
    model = State
    title = gettext_lazy("Country profiles")
    intro = gettext_lazy("One page per State: instruments, legislative gaps, assistance, training, library items.")
    filterset_class = StateFilter
    table_class = ProfileTable


class ProfileView(View):
    """A State's profile (public parts for everyone; restricted parts per the underlying policies)."""

    def get(self, request, iso3, fmt: str = "html"):
        state = object_or_404(State.objects.restrict(request.user, VIEW), iso3=iso3.upper())
        profile = queries.country_profile(request.user, state)
        if fmt == "docx":
            from ctassist.reporting.docx import profile_docx

            response = HttpResponse(
                profile_docx(profile, get_language()),
                content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            )
            response["Content-Disposition"] = f'attachment; filename="profile-{state.iso3}.docx"'
            return response
        if fmt == "pdf":
            from ctassist.reporting.pdf import profile_pdf

            response = HttpResponse(profile_pdf(profile), content_type="application/pdf")
            response["Content-Disposition"] = f'attachment; filename="profile-{state.iso3}.pdf"'
            return response
        return render(
            request,
            "reporting/profile.html",
            {"state": state, "profile": profile, "is_unodc": roles.is_unodc(request.user)},
        )
