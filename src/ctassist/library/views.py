"""Pages of the library: search, legislation, case law, publications, legislative reviews."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, TemplateView

from ctassist.core.models import ChangeLogEntry
from ctassist.core.policy import ADD, CHANGE, allows, may
from ctassist.core.search import FACET_LABELS, FACETS, registry, search
from ctassist.core.views import (
    PolicyListView,
    PolicyMixin,
    PolicyObjectMixin,
    ServiceActionView,
    ServiceFormView,
    file_response,
)
from ctassist.library import checklists, queries, services
from ctassist.library.choices import Incorporation, LegislationStatus, ReviewStatus
from ctassist.library.filters import CaseLawFilter, LegislationFilter, PublicationFilter, ReviewFilter
from ctassist.library.forms import (
    CaseForm,
    LegislationUploadForm,
    PublicationUploadForm,
    ReviewItemForm,
    ReviewStartForm,
)
from ctassist.library.models import CaseLaw, Legislation, LegislativeReview, Provision, Publication, ReviewItem
from ctassist.library.policies import FINALISE, PUBLISH
from ctassist.library.tables import CaseLawTable, LegislationTable, PublicationTable, ReviewTable
from ctassist.treaties.models import Instrument

# --- Search ------------------------------------------------------------------------


def search_params(request) -> dict:
    filters = {name: request.GET.getlist(name) for name in FACETS if request.GET.getlist(name)}
    return {
        "query": request.GET.get("q", "")[:1000],
        "filters": filters,
        "sort": request.GET.get("sort", "relevance"),
        "page": request.GET.get("page", 1),
    }


def search_view(request, doc_type: str | None = None):
    """One search box over every type, or one type (``doc_type``)."""
    params = search_params(request)
    if doc_type:
        params["filters"]["type"] = [doc_type]
    results = search(**params, user=request.user)
    base = request.GET.copy()
    base.pop("page", None)

    def toggle(name, value):
        q = base.copy()
        values = q.getlist(name)
        q.setlist(name, [v for v in values if v != value] if value in values else [*values, value])
        return "?" + q.urlencode()

    facets = [
        (name, FACET_LABELS[name], [(v, toggle(name, v.value)) for v in results.facets.get(name, [])[:25]])
        for name in FACETS
        if not (doc_type and name == "type") and results.facets.get(name)
    ]
    page_q = base.copy()
    context = {
        "results": results,
        "facets": facets,
        "doc_type": doc_type,
        "type_label": registry.get(doc_type).label if doc_type else "",
        "types": registry.types(),
        "page_query": page_q.urlencode(),
        "sorts": (("relevance", _("Relevance")), ("date", _("Newest first"))),
    }
    return render(request, "library/search.html", context, status=200)


# --- Legislation -------------------------------------------------------------------


class LibraryListView(PolicyListView):
    """A library list: the shared list layout plus an "Add" button and a link to full-text search.

    ``add_url_name`` is shown to users who may add the model; ``search_type`` names the
    search registry type the "Full-text search" link opens ("" for none).
    """

    template_name = "library/list.html"
    add_url_name = ""
    search_type = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        allowed = self.add_url_name and may(self.request.user, ADD, self.model)
        context["add_url"] = reverse(self.add_url_name) if allowed else ""
        context["search_type"] = self.search_type
        return context


class LegislationListView(LibraryListView):
    model = Legislation
    table_class = LegislationTable
    filterset_class = LegislationFilter
    title = gettext_lazy("Legislation")
    add_url_name = "library:legislation_upload"
    search_type = "provision"

    def base_queryset(self):
        return Legislation.objects.select_related("state")


class LegislationDetailView(PolicyObjectMixin, DetailView):
    model = Legislation
    template_name = "library/legislation_detail.html"
    context_object_name = "law"

    def get_queryset(self):
        return super().get_queryset().select_related("state")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        law, user = self.object, self.request.user
        context.update(
            provisions=law.provisions.all(),
            instruments=law.instruments.all(),
            themes=_theme_labels(law.themes),
            can_publish=law.status == LegislationStatus.PROPOSED and allows(user, PUBLISH, law),
            cases=law.cases.restrict(user),
        )
        return context


class ProvisionDetailView(PolicyObjectMixin, DetailView):
    model = Provision
    template_name = "library/provision_detail.html"
    context_object_name = "provision"

    def get_queryset(self):
        return super().get_queryset().select_related("legislation__state")


def _theme_labels(codes):
    from ctassist.core.taxonomy import THEMES

    labels = dict(THEMES)
    return [labels.get(c, c) for c in codes]


LEGISLATION_FORM_FIELDS = (
    "state",
    "title",
    "kind",
    "language",
    "adopted_on",
    "in_force_on",
    "amended_on",
    "source_url",
    "summary",
    "themes",
)


class LegislationUploadView(ServiceFormView):
    """Upload a law (PDF, DOCX, text), see it split into provisions, then save it."""

    model = Legislation
    action = ADD
    form_class = LegislationUploadForm
    template_name = "library/legislation_upload.html"

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def preview(self, form):
        data = form.cleaned_data
        if "confirm" in self.request.POST and data.get("file") is None:
            return None
        # Show the text as read and the provisions found; nothing is written yet.
        post = self.request.POST.copy()
        post["text"] = data["text"]
        return self.render(LegislationUploadForm(post, user=self.request.user), preview=data["provisions"])

    submitted = None  # the provisions sent to the service, shown again if it refuses them

    def render(self, form, status=200, **extra):
        if self.submitted is not None:
            extra.setdefault("preview", self.submitted)
        return super().render(form, status, **extra)

    def perform(self, form):
        data = form.cleaned_data
        self.submitted = data["provisions"]
        return services.create_legislation(
            acting_user=self.request.user,
            provisions=data["provisions"],
            instruments=data["instruments"],
            **{k: data[k] for k in LEGISLATION_FORM_FIELDS},
        )

    def get_success_message(self, result):
        if result.status == LegislationStatus.PUBLISHED:
            return _("Saved with %(n)s provisions.") % {"n": result.provisions.count()}
        return _("Proposed: UNODC will review and publish it.")


class LegislationPublishView(ServiceActionView):
    model = Legislation
    action = PUBLISH
    success_message = gettext_lazy("Published.")

    def perform(self, obj, data):
        return services.publish_legislation(acting_user=self.request.user, legislation=obj)


# --- Case law and publications -----------------------------------------------------


class CaseListView(LibraryListView):
    model = CaseLaw
    table_class = CaseLawTable
    filterset_class = CaseLawFilter
    title = gettext_lazy("Case law")
    add_url_name = "library:case_add"
    search_type = "case"

    def base_queryset(self):
        return CaseLaw.objects.select_related("state")


class CaseDetailView(PolicyObjectMixin, DetailView):
    model = CaseLaw
    template_name = "library/case_detail.html"
    context_object_name = "case"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            themes=_theme_labels(self.object.themes),
            instruments=self.object.instruments.all(),
            related=self.object.related_legislation.restrict(self.request.user),
        )
        return context


class LibraryFormView(ServiceFormView):
    """A library create page on the shared form layout (``library/form.html``)."""

    template_name = "library/form.html"
    action = ADD
    title = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.title, **kwargs)


class CaseAddView(LibraryFormView):
    model = CaseLaw
    form_class = CaseForm
    title = gettext_lazy("Add a case")

    def perform(self, form):
        data = dict(form.cleaned_data)
        instruments = data.pop("instruments")
        return services.save_case(acting_user=self.request.user, instruments=instruments, **data)


class PublicationListView(LibraryListView):
    model = Publication
    table_class = PublicationTable
    filterset_class = PublicationFilter
    title = gettext_lazy("Publications and tools")
    add_url_name = "library:publication_upload"
    search_type = "publication"


class PublicationDetailView(PolicyObjectMixin, DetailView):
    model = Publication
    template_name = "library/publication_detail.html"
    context_object_name = "publication"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(themes=_theme_labels(self.object.themes), instruments=self.object.instruments.all())
        return context


class PublicationFileView(PolicyObjectMixin, View):
    """A publication's file, downloaded through the product: the policy checked, never served from /media/."""

    model = Publication

    def get(self, request, *args, **kwargs):
        publication: Any = self.get_object()
        return file_response(publication.file)


class PublicationUploadView(ServiceFormView):
    model = Publication
    action = ADD
    form_class = PublicationUploadForm
    template_name = "library/publication_upload.html"
    success_message = gettext_lazy("Publication saved.")

    def preview(self, form):
        data = form.cleaned_data
        if data.get("file") is None and "confirm" in self.request.POST:
            return None
        post = self.request.POST.copy()
        post["text"] = data["text"]
        if data.get("file") is not None:
            post["staged"] = form.stage_file()
        return self.render(
            PublicationUploadForm(post), preview=data["text"][:3000], preview_length=len(data["text"])
        )

    def perform(self, form):
        data = form.cleaned_data
        fields = {k: data[k] for k in ("title", "kind", "year", "languages", "audience", "summary", "text", "themes")}
        if data.get("staged_name"):
            fields["file"] = data["staged_name"]
        return services.save_publication(acting_user=self.request.user, instruments=data["instruments"], **fields)


# --- Legislative reviews -----------------------------------------------------------


class ReviewListView(LibraryListView):
    model = LegislativeReview
    table_class = ReviewTable
    filterset_class = ReviewFilter
    title = gettext_lazy("Legislative reviews")
    add_url_name = "library:review_start"

    def base_queryset(self):
        return LegislativeReview.objects.select_related("state")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["extra_links"] = (
            [(reverse("library:review_compare"), _("Compare States"))]
            if may(self.request.user, ADD, LegislativeReview)
            else []
        )
        context["intro"] = _(
            "Reviews compare a State's law with what each instrument asks a party to incorporate. They are shared "
            "only with UNODC and the State concerned."
        )
        return context


class ReviewStartView(LibraryFormView):
    model = LegislativeReview
    form_class = ReviewStartForm
    title = gettext_lazy("Start a legislative review")

    def perform(self, form):
        return services.start_review(acting_user=self.request.user, **form.cleaned_data)


class ReviewDetailView(PolicyObjectMixin, DetailView):
    """The review item by item, grouped per instrument: the State's gap report."""

    model = LegislativeReview
    template_name = "library/review_detail.html"
    context_object_name = "review"

    def get_queryset(self):
        return super().get_queryset().select_related("state", "reviewer")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        review, user = self.object, self.request.user
        can_edit = review.status == ReviewStatus.DRAFT and allows(user, CHANGE, review)
        groups = queries.gap_report(review)
        forms = {}
        if can_edit:
            for group in groups:
                for item in group.items:
                    forms[item.pk] = ReviewItemForm(
                        prefix=f"item{item.pk}",
                        review=review,
                        initial={
                            "status": item.status,
                            "provisions": [p.pk for p in item.provisions.all()],
                            "comment": item.comment,
                            "assessed_on": item.assessed_on,
                            "version": item.version,
                        },
                    )
        item_type = ContentType.objects.get_for_model(ReviewItem)
        review_type = ContentType.objects.get_for_model(LegislativeReview)
        item_ids = [str(i.pk) for g in groups for i in g.items]
        history = ChangeLogEntry.objects.filter(
            Q(content_type=review_type, object_id=str(review.pk)) | Q(content_type=item_type, object_id__in=item_ids)
        ).order_by("-timestamp", "-id")[:200]
        unverified = {i.key for c in checklists.checklists().values() for i in c.items if not i.verified}
        context.update(
            groups=groups,
            forms=forms,
            can_edit=can_edit,
            can_finalise=allows(user, FINALISE, review),
            history=history,
            unverified=unverified,
            statuses=Incorporation.choices,
            gaps_only=self.request.GET.get("gaps") == "1",
        )
        return context


class ReviewItemUpdateView(ServiceActionView):
    model = ReviewItem
    action = CHANGE
    form_class = ReviewItemForm

    def get_form(self, obj):
        return ReviewItemForm(self.request.POST, prefix=f"item{obj.pk}", review=obj.review)

    def perform(self, obj, data):
        data = dict(data)
        return services.assess_item(
            acting_user=self.request.user, item=obj, expected_version=data.pop("version"), **data
        )

    def get_success_message(self, obj, result):
        return _("Saved: %(article)s.") % {"article": obj.article}

    def get_success_url(self, obj):
        return reverse("library:review_detail", args=[obj.review_id]) + f"#item-{obj.pk}"


class ReviewTransitionView(ServiceActionView):
    """Finalise a draft review, or reopen a final one (with a reason)."""

    model = LegislativeReview
    action = FINALISE

    def perform(self, obj, data):
        if obj.status == ReviewStatus.DRAFT:
            services.finalise_review(acting_user=self.request.user, review=obj)
            return _("The review is final.")
        services.reopen_review(acting_user=self.request.user, review=obj, reason=self.request.POST.get("reason", ""))
        return _("The review is open again as a draft.")

    def get_success_message(self, obj, result):
        return result


class ReviewCompareView(PolicyMixin, TemplateView):
    """Across States: how the latest final reviews stand on one checklist item."""

    model = LegislativeReview
    action = ADD  # UNODC only: it aggregates across States
    template_name = "library/review_compare.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        code = self.request.GET.get("instrument") or "financing-1999"
        instrument = get_object_or_404(Instrument.objects.restrict(self.request.user), code=code)
        items = checklists.items_for(code)
        key = self.request.GET.get("item") or (items[0].key if items else "")
        context.update(
            instruments=[i for i in Instrument.objects.all() if checklists.items_for(i.code)],
            instrument=instrument,
            items=items,
            item=checklists.item(key),
            comparison=queries.compare(self.request.user, instrument, key) if key else None,
            labels=dict(Incorporation.choices) | {"unassessed": _("Not yet assessed")},
        )
        return context
