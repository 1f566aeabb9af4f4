"""Pages of the legal framework: instruments, States, the matrix, gaps and imports."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, TemplateView

from ctassist.core import charts
from ctassist.core.exports import FORMATS, export_response
from ctassist.core.policy import CHANGE, may
from ctassist.core.views import (
    ImportView,
    PolicyListView,
    PolicyMixin,
    PolicyObjectMixin,
    ServiceFormView,
    object_or_404,
)
from ctassist.geo.models import State
from ctassist.treaties import importing, periods, queries, services
from ctassist.treaties.choices import Status
from ctassist.treaties.filters import InstrumentFilter, MatrixFilter, ParticipationFilter, StateFilter
from ctassist.treaties.forms import RecordActionForm
from ctassist.treaties.models import Instrument, Participation
from ctassist.treaties.tables import InstrumentTable, ParticipationTable, StateTable


class InstrumentListView(PolicyListView):
    model = Instrument
    table_class = InstrumentTable
    filterset_class = InstrumentFilter
    title = _("Instruments")

    def base_queryset(self):
        return queries.with_party_counts(Instrument.objects.all()).order_by("position")

    def get_table_kwargs(self):
        user = self.request.user
        return {**super().get_table_kwargs(), "provenances": queries.provenances(user, Instrument.objects.restrict(user))}

    def export_holds_demo_data(self):
        # The party counts are counted from participation, generated or not.
        return Participation.objects.restrict(self.request.user).filter(is_demo=True).exists()


class InstrumentDetailView(PolicyObjectMixin, DetailView):
    model = Instrument
    lookup_field = "code"
    template_name = "treaties/instrument_detail.html"
    context_object_name = "instrument"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        instrument = self.object
        user = self.request.user
        labels, values = queries.parties_by_year(user, instrument)
        participations = (
            Participation.objects.restrict(user)
            .filter(instrument=instrument)
            .exclude(status=Status.NONE)
            .select_related("state")
            .order_by("state__name")
        )
        context.update(
            chart=charts.line_chart(_("Parties at the end of each year"), labels, {_("Parties"): values}),
            chart_rows=list(zip(labels, values, strict=True)),
            participations=participations,
            party_count=sum(1 for p in participations if p.status == Status.PARTY),
            has_demo=any(p.is_demo for p in participations),
            provenance=queries.provenance(user, instrument),
            signature_period=periods.signature_period(instrument),
            amended_by=list(instrument.amended_by.restrict(user)),
            can_import=may(user, CHANGE, Participation),
        )
        return context

    def render_to_response(self, context, **kwargs):
        if self.request.GET.get("export") in FORMATS:
            return export_response(
                [_("Year"), _("Parties")],
                [*context["chart_rows"], [_("Source of status"), context["provenance"].text]],
                self.request.GET["export"],
                filename=f"parties-{self.object.code}",
                title=_("Parties by year"),
                demo=context["has_demo"],
            )
        return super().render_to_response(context, **kwargs)


class StateListView(PolicyListView):
    model = State
    table_class = StateTable
    filterset_class = StateFilter
    title = _("States")

    def base_queryset(self):
        from django.db.models import Count, Q

        return State.objects.annotate(
            party_count=Count("participations", filter=Q(participations__status=Status.PARTY))
        ).order_by("name")


class StateProfileView(PolicyObjectMixin, DetailView):
    model = State
    lookup_field = "iso3"
    template_name = "treaties/state_profile.html"
    context_object_name = "state"

    def get_object(self, queryset=None):
        self.kwargs["iso3"] = self.kwargs["iso3"].upper()
        return super().get_object(queryset)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        state, user = self.object, self.request.user
        matrix = queries.build_matrix(user, State.objects.filter(pk=state.pk), Instrument.objects.all())
        row = matrix.rows[0] if matrix.rows else None
        sources = queries.provenances(user, matrix.instruments)
        context.update(
            standings=[(i, cell, sources[i.pk]) for i, cell in zip(matrix.instruments, row.cells if row else [],
                                                                   strict=False)],  # fmt: skip
            parties=row.parties if row else 0,
            has_demo=matrix.has_demo,
            timeline=queries.state_timeline(user, state),
            not_joined=list(queries.instruments_not_joined(user, state)),
            can_record=may(user, CHANGE, Participation),
        )
        return context


class ParticipationListView(PolicyListView):
    model = Participation
    table_class = ParticipationTable
    filterset_class = ParticipationFilter
    title = _("Participation")

    def base_queryset(self):
        return Participation.objects.select_related("state", "instrument")


class MatrixView(PolicyMixin, TemplateView):
    model = Participation
    template_name = "treaties/matrix.html"

    def get(self, request, *args, **kwargs):
        form = MatrixFilter(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        states = State.objects.all()
        instruments = Instrument.objects.all()
        if filters.get("regional_group"):
            states = states.filter(regional_group=filters["regional_group"])
        if filters.get("m49_region"):
            states = states.filter(m49_region=filters["m49_region"])
        if filters.get("family"):
            instruments = instruments.filter(family=filters["family"])
        if filters.get("kind"):
            instruments = instruments.filter(kind=filters["kind"])
        matrix = queries.build_matrix(request.user, states, instruments, filters.get("sort") or "name")
        sources = queries.provenances(request.user, matrix.instruments)
        provenance = [(i, sources[i.pk]) for i in matrix.instruments]
        fmt = request.GET.get("export")
        if fmt in FORMATS:
            return self.export(matrix, fmt, provenance)
        return render(request, self.template_name, {"form": form, "matrix": matrix, "query": request.GET.urlencode(),
                                                    "provenance": provenance})  # fmt: skip

    def export(self, matrix, fmt, provenance):
        headers = [_("State"), _("ISO alpha-3"), _("Regional group")]
        headers += [i.short_name for i in matrix.instruments] + [_("Instruments joined")]
        rows = []
        for row in matrix.rows:
            cells = [
                (c.consent_date.isoformat() + (f" {c.marker}" if c.marker else ""))
                if c.consent_date
                else (f"s {c.signature_date.isoformat()}" if c.signature_date else "")
                for c in row.cells
            ]
            rows.append([row.state.name, row.state.iso3, row.state.get_regional_group_display(), *cells, row.parties])
        for instrument, source in provenance:
            rows.append([_("Source of status"), instrument.short_name, source.text])
        if matrix.has_demo:
            rows.append([_("DEMONSTRATION DATA: generated, not the real status of participation")])
        return export_response(
            headers, rows, fmt, filename=f"ratification-matrix-{timezone.localdate():%Y%m%d}",
            title=_("Ratification matrix"), demo=matrix.has_demo,
        )  # fmt: skip


class GapsView(PolicyMixin, TemplateView):
    model = Participation
    template_name = "treaties/gaps.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        instruments = list(Instrument.objects.restrict(user))
        states = list(State.objects.restrict(user))
        code, iso3 = self.request.GET.get("instrument", ""), self.request.GET.get("state", "")
        instrument = next((i for i in instruments if i.code == code), None)
        state = next((s for s in states if s.iso3 == iso3.upper()), None)
        context.update(instruments=instruments, states=states, instrument=instrument, state=state)
        if instrument:
            context["not_party"] = list(queries.states_not_party(user, instrument))
        if state:
            context["not_joined"] = list(queries.instruments_not_joined(user, state))
        context["has_demo"] = Participation.objects.restrict(user).filter(is_demo=True).exists()
        return context


class ParticipationImportView(ImportView):
    """Upload or paste a table, see what would change, then apply it in one transaction."""

    model = Participation
    action = CHANGE
    importer_class = importing.ParticipationImporter
    template_name = "treaties/import.html"

    def get_import_target(self):
        return object_or_404(Instrument.objects.restrict(self.request.user), code=self.kwargs["code"])

    def get_context_data(self, **kwargs):
        title = _("Import participation: %(name)s") % {"name": self.target.short_name}
        return super().get_context_data(instrument=self.target, **kwargs) | {"title": title}

    def get_success_url(self, plan):
        return reverse("treaties:instrument_detail", args=[self.target.code])

    def get_success_message(self, plan):
        counts = plan.counts
        return _(
            "Imported: %(new)s new, %(changed)s changed, %(unchanged)s unchanged, "
            "%(unresolved)s names not recognised (skipped)."
        ) % {**counts, "unresolved": counts["skipped"]}


class RecordActionView(ServiceFormView):
    """Record one act (signature, consent, reservation, objection, denunciation) for a State."""

    model = Participation
    action = CHANGE
    form_class = RecordActionForm
    template_name = "treaties/record_action.html"
    success_message = gettext_lazy("Recorded.")

    def get_target(self):
        return object_or_404(State.objects.restrict(self.request.user), iso3=self.kwargs["iso3"].upper())

    def get_context_data(self, **kwargs):
        return super().get_context_data(state=self.object, **kwargs)

    def get_form_kwargs(self):
        return {"instruments": Instrument.objects.restrict(self.request.user)}

    def perform(self, form):
        data = form.cleaned_data
        services.record_action(
            acting_user=self.request.user, state=self.object, instrument=data["instrument"], kind=data["kind"],
            date=data["date"], effective_date=data["effective_date"], text=data["text"], source=data["source"],
        )  # fmt: skip
        return self.object

    def get_success_url(self, result):
        return reverse("treaties:state_profile", args=[result.iso3])
