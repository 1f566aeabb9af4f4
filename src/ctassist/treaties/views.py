"""Pages of the legal framework: instruments, States, the matrix, gaps and imports."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView

from ctassist.core import charts
from ctassist.core.exports import FORMATS, table_response
from ctassist.core.policy import CHANGE, may
from ctassist.core.views import PolicyListView, PolicyMixin, PolicyObjectMixin, object_or_404
from ctassist.geo.models import State
from ctassist.treaties import importing, queries, services
from ctassist.treaties.choices import Status
from ctassist.treaties.filters import InstrumentFilter, MatrixFilter, ParticipationFilter, StateFilter
from ctassist.treaties.forms import ConfirmImportForm, ParticipationImportForm, RecordActionForm
from ctassist.treaties.models import Instrument, Participation
from ctassist.treaties.tables import InstrumentTable, ParticipationTable, StateTable


class InstrumentListView(PolicyListView):
    model = Instrument
    table_class = InstrumentTable
    filterset_class = InstrumentFilter
    title = _("Instruments")

    def base_queryset(self):
        return queries.with_party_counts(Instrument.objects.all()).order_by("position")


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
            amended_by=list(instrument.amended_by.restrict(user)),
            can_import=may(user, CHANGE, Participation),
        )
        return context

    def render_to_response(self, context, **kwargs):
        if self.request.GET.get("export") in FORMATS:
            return table_response(
                [_("Year"), _("Parties")],
                context["chart_rows"],
                self.request.GET["export"],
                f"parties-{self.object.code}",
                title=_("Parties by year"),
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
        context.update(
            standings=list(zip(matrix.instruments, row.cells if row else [], strict=False)),
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
        fmt = request.GET.get("export")
        if fmt in FORMATS:
            return self.export(matrix, fmt)
        return render(request, self.template_name, {"form": form, "matrix": matrix, "query": request.GET.urlencode()})

    def export(self, matrix, fmt):
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
        if matrix.has_demo:
            rows.append([_("DEMONSTRATION DATA: generated, not the real status of participation")])
        return table_response(
            headers, rows, fmt, f"ratification-matrix-{timezone.localdate():%Y%m%d}", title=_("Ratification matrix")
        )


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


class ParticipationImportView(PolicyMixin, TemplateView):
    """Upload or paste a table, see what would change, then apply it in one transaction."""

    model = Participation
    action = CHANGE
    template_name = "treaties/import.html"

    def dispatch(self, request, *args, **kwargs):
        self.instrument = object_or_404(Instrument.objects.restrict(request.user), code=kwargs["code"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return render(request, self.template_name, {"instrument": self.instrument, "form": ParticipationImportForm()})

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            return self.confirm(request)
        form = ParticipationImportForm(request.POST, request.FILES)
        context = {"instrument": self.instrument, "form": form}
        if form.is_valid():
            plan = importing.plan_import(self.instrument, form.cleaned_data["table"])
            context.update(
                plan=plan,
                confirm_form=ConfirmImportForm(
                    initial={"table": form.cleaned_data["table"], "source_name": form.cleaned_data["source_name"]}
                ),
            )
        return render(request, self.template_name, context, status=200 if form.is_valid() else 400)

    def confirm(self, request):
        form = ConfirmImportForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("The import form was incomplete; start again."))
            return redirect("treaties:participation_import", code=self.instrument.code)
        source = _("%(name)s, imported %(date)s by %(user)s") % {
            "name": form.cleaned_data["source_name"],
            "date": timezone.localdate().isoformat(),
            "user": request.user.get_username(),
        }
        try:
            plan = importing.apply_import(
                acting_user=request.user, instrument=self.instrument, text=form.cleaned_data["table"], source=source
            )
        except importing.ImportRejected as exc:
            context = {"instrument": self.instrument, "form": ParticipationImportForm(), "rejected": exc.errors}
            return render(request, self.template_name, context, status=400)
        counts = plan.counts
        messages.success(
            request,
            _(
                "Imported: %(new)s new, %(changed)s changed, %(unchanged)s unchanged, "
                "%(unresolved)s names not recognised (skipped)."
            )
            % counts,
        )
        return redirect("treaties:instrument_detail", code=self.instrument.code)


class RecordActionView(PolicyMixin, TemplateView):
    """Record one act (signature, consent, reservation, objection, denunciation) for a State."""

    model = Participation
    action = CHANGE
    template_name = "treaties/record_action.html"

    def dispatch(self, request, *args, **kwargs):
        self.state = object_or_404(State.objects.restrict(request.user), iso3=kwargs["iso3"].upper())
        return super().dispatch(request, *args, **kwargs)

    def form(self, data=None):
        return RecordActionForm(data, instruments=Instrument.objects.restrict(self.request.user))

    def get(self, request, *args, **kwargs):
        return render(request, self.template_name, {"state": self.state, "form": self.form()})

    def post(self, request, *args, **kwargs):
        from django.core.exceptions import ValidationError

        form = self.form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.record_action(
                    acting_user=request.user,
                    state=self.state,
                    instrument=data["instrument"],
                    kind=data["kind"],
                    date=data["date"],
                    effective_date=data["effective_date"],
                    text=data["text"],
                    source=data["source"],
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Recorded."))
                return redirect("treaties:state_profile", iso3=self.state.iso3)
        return render(request, self.template_name, {"state": self.state, "form": form}, status=400)
