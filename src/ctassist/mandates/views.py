"""Pages of the mandates area: resolutions, the structured document, comparisons, theme history,
the mandate explorer and the ingest page."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, TemplateView

from ctassist.core.policy import ADD, may
from ctassist.core.views import PolicyListView, PolicyMixin, PolicyObjectMixin, ServiceFormView, form_error_messages
from ctassist.mandates import queries, services
from ctassist.mandates.choices import OPERATIVE_KINDS, ParagraphKind
from ctassist.mandates.filters import ParagraphFilter, ResolutionFilter
from ctassist.mandates.forms import CompareForm, ConfirmIngestForm, ResolutionUploadForm, SeriesForm
from ctassist.mandates.models import Paragraph, Resolution
from ctassist.mandates.tables import MandateTable, ResolutionTable


class EmptyStateMixin:
    """Tells every page whether any resolution is stored, and whether the user may ingest."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.setdefault("has_resolutions", Resolution.objects.restrict(user).exists())
        context["can_ingest"] = may(user, ADD, Resolution)
        return context


class ResolutionListView(EmptyStateMixin, PolicyListView):
    model = Resolution
    table_class = ResolutionTable
    filterset_class = ResolutionFilter
    template_name = "mandates/resolution_list.html"
    title = gettext_lazy("Resolutions")
    intro = gettext_lazy(
        "The resolutions that mandate UNODC's counter-terrorism technical assistance, parsed from their "
        "published text into paragraphs, with the themes and addressees of each."
    )

    def base_queryset(self):
        return Resolution.objects.defer("raw_text", "parsed")


class ResolutionDetailView(PolicyObjectMixin, DetailView):
    model = Resolution
    lookup_field = "symbol"
    template_name = "mandates/resolution_detail.html"
    context_object_name = "resolution"

    def base_queryset(self):
        return Resolution.objects.defer("raw_text")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["doc"] = queries.document(self.request.user, self.object)
        return context


class CompareView(EmptyStateMixin, PolicyMixin, TemplateView):
    """Two versions side by side: unchanged, modified (word-level), new, dropped, moved."""

    model = Resolution
    template_name = "mandates/compare.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        resolutions = queries.comparison_choices(user)
        suggestions = queries.suggested_pairs(resolutions)
        data = self.request.GET if "old" in self.request.GET else None
        if data is None and suggestions:
            data = {"old": suggestions[0][0], "new": suggestions[0][1]}
        elif data is None and len(resolutions) >= 2:
            data = {"old": resolutions[-2].symbol, "new": resolutions[-1].symbol}
        form = CompareForm(data, resolutions=resolutions)
        show_unchanged = not self.request.GET.get("changes")
        context.update(
            form=form, suggestions=suggestions, has_resolutions=bool(resolutions), show_unchanged=show_unchanged
        )
        if data is not None and form.is_valid():
            by_symbol = {r.symbol: r for r in resolutions}
            comparison = queries.compare(user, by_symbol[form.cleaned_data["old"]], by_symbol[form.cleaned_data["new"]])
            context["comparison"] = comparison
            context["part_counts"] = [
                (_("Preamble"), comparison.counts_for("preamble")),
                (_("Operative paragraphs"), comparison.counts_for("operative")),
            ]
        return context


class ThemeHistoryView(EmptyStateMixin, PolicyMixin, TemplateView):
    """Where each theme first appears across a series of resolutions, and where it recurs."""

    model = Resolution
    template_name = "mandates/theme_history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        resolutions = list(
            Resolution.objects.restrict(user).defer("raw_text", "parsed").order_by("adopted_on", "symbol")
        )
        bodies = sorted({r.body for r in resolutions if r.body}, key=lambda b: (b != "GA", b))
        form = SeriesForm(self.request.GET or None, bodies=bodies)
        body = form.cleaned_data.get("body") if form.is_valid() else ""
        body = body or (bodies[0] if bodies else "")
        series = [r for r in resolutions if r.body == body]
        context.update(form=form, body=body, has_resolutions=bool(resolutions))
        if series:
            context["history"] = queries.theme_history(user, series)
        return context


class MandateExplorerView(EmptyStateMixin, PolicyListView):
    model = Paragraph
    table_class = MandateTable
    filterset_class = ParagraphFilter
    template_name = "mandates/explorer.html"
    title = gettext_lazy("Mandate explorer")
    intro = gettext_lazy(
        "Operative paragraphs across resolutions: filter by theme, by who is asked to act, by verb or by "
        "resolution. Hover over a theme or an addressee to see the words that triggered it."
    )

    def get_export_filename(self, export_format: str) -> str:
        return "mandates"

    def base_queryset(self):
        queryset = Paragraph.objects.filter(kind__in=OPERATIVE_KINDS).select_related("resolution")
        if self.request.GET.get("kind") not in OPERATIVE_KINDS:
            # The draft a resolution recommends repeats the adopted text: shown only when asked for.
            queryset = queryset.filter(kind=ParagraphKind.OPERATIVE)
        return queries.paragraphs_with_tags(queryset, self.request.user).order_by("resolution__adopted_on", "position")


class IngestView(ServiceFormView):
    """Upload a resolution, see what the parser read, then save it (UNODC staff).

    The upload form is read and previewed (nothing is written); the preview's
    confirmation form sends the text back, and only that one calls the service.
    """

    model = Resolution
    action = ADD
    template_name = "mandates/ingest.html"

    @property
    def confirming(self) -> bool:
        return self.request.method == "POST" and "confirm" in self.request.POST

    @property
    def form_class(self):  # type: ignore[override]
        return ConfirmIngestForm if self.confirming else ResolutionUploadForm

    def render(self, form, status=200, **extra):
        if isinstance(form, ConfirmIngestForm):
            # A confirmation that does not hold up is answered on the upload page, saying why.
            extra.setdefault("rejected", form_error_messages(form))
            form = ResolutionUploadForm()
        return super().render(form, status, **extra)

    def preview(self, form):
        if self.confirming:
            return None
        parsed = form.parsed
        existing = Resolution.objects.restrict(self.request.user).filter(symbol=parsed.symbol).defer("raw_text").first()
        return self.render(
            ResolutionUploadForm(),
            parsed=parsed,
            preview=_preview(parsed),
            existing=existing,
            confirm_form=ConfirmIngestForm(initial={"text": form.text, "source_name": form.source_name}),
        )

    def perform(self, form):
        return services.ingest(
            acting_user=self.request.user,
            parsed=form.parsed,
            source_name=form.cleaned_data["source_name"],
            raw_text=form.cleaned_data["text"],
        )

    def get_success_url(self, result):
        return result.resolution.get_absolute_url()

    def get_success_message(self, result):
        return _("Saved: %(summary)s.") % {"summary": result.describe()}


def _preview(parsed):
    """What the preview shows: counts, the first paragraphs, the themes found in the operative part."""
    from ctassist.mandates import tagging

    version = parsed.draft or parsed
    themes: dict[str, list[int | None]] = {}
    for p in version.operative:
        for match in tagging.tag_themes(p.text):
            themes.setdefault(match.code, []).append(p.number)
    return {
        "counts": services.counts_of(parsed),
        "first": version.preamble[:2] + version.operative[:3],
        "themes": [(queries.THEME_LABELS[c], n) for c, n in themes.items()],
    }
