"""Pages of the directory: the restricted list and entry pages, editing, exports, import, access and its log."""

from __future__ import annotations

import zoneinfo

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, TemplateView
from django.views.generic.base import TemplateResponseMixin

from ctassist.core import roles
from ctassist.core.exports import FORMATS, export_response
from ctassist.core.models import DomainEvent
from ctassist.core.policy import ADD, CHANGE, DELETE, VIEW, allows, may
from ctassist.core.services import VersionRequired
from ctassist.core.views import (
    ImportView,
    PolicyListView,
    PolicyMixin,
    PolicyObjectMixin,
    ServiceActionView,
    ServiceFormView,
    object_or_404,
)
from ctassist.directory import exports, importing, queries, services
from ctassist.directory.choices import EntryStatus
from ctassist.directory.events import DirectoryEvent
from ctassist.directory.filters import AccessLogFilter, DirectoryEntryFilter
from ctassist.directory.forms import EntryForm, EntryStepForm, GrantAccessForm
from ctassist.directory.models import EDITABLE_FIELDS, DirectoryAccess, DirectoryEntry, stale_q
from ctassist.directory.policies import ARCHIVE, PROPOSE, PUBLISH, VERIFY
from ctassist.directory.tables import AccessLogTable, DirectoryEntryTable


class DirectoryMixin(PolicyMixin):
    model = DirectoryEntry

    def deny(self):
        # A signed-in official without access is shown what the public may see, not a bare refusal.
        if self.request.user.is_authenticated and self.action == VIEW:
            messages.info(
                self.request,
                _("Contact details are restricted; your organisation has no access. UNODC can grant it."),
            )
            return redirect("directory:coverage")
        return super().deny()


class EntryListView(DirectoryMixin, PolicyListView):
    table_class = DirectoryEntryTable
    filterset_class = DirectoryEntryFilter
    template_name = "directory/entry_list.html"
    export_formats = ("csv", "xlsx", "pdf", "docx")
    title = gettext_lazy("Directory of competent national authorities")
    intro = gettext_lazy(
        "Where to send a mutual legal assistance or extradition request, in which language and through which "
        "channel. Restricted to officials; every view of contact details is recorded."
    )

    def base_queryset(self):
        return DirectoryEntry.objects.select_related("state")

    def get_queryset(self):
        # A proposed revision is reached from the entry it revises; drafts and archives are opt-in filters.
        qs = super().get_queryset()
        if not self.request.GET.get("status"):
            qs = qs.filter(status=EntryStatus.PUBLISHED)
        return qs

    def export_in_background(self, export_format: str) -> bool:
        # The printout of the whole directory (PDF, DOCX) takes longer than a web request should.
        return export_format in exports.DOCUMENT_FORMATS or super().export_in_background(export_format)

    def render_to_response(self, context, **kwargs):
        background = self.background_export()
        if background is not None:
            return background
        fmt = self.request.GET.get(self.export_trigger_param)
        if fmt in self.export_formats:
            entries = list(queries.entries_with_contacts(self.object_list).order_by("state__name", "authority_type"))
            services.record_contact_view(acting_user=self.request.user, entries=entries, via=f"export-{fmt}")
            if fmt in exports.DOCUMENT_FORMATS:
                return exports.document_response(entries, fmt)
            return exports.table_export(entries, fmt)
        # Only the formats above: the table's own exporter would skip the access record.
        return TemplateResponseMixin.render_to_response(self, context, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        visible = DirectoryEntry.objects.restrict(self.request.user)
        published = Q(status=EntryStatus.PUBLISHED)
        counts = visible.aggregate(
            stale=Count("pk", filter=published & stale_q()),
            demo=Count("pk", filter=Q(is_demo=True)),
            drafts=Count("pk", filter=Q(status=EntryStatus.DRAFT)),
        )
        context.update(
            stale_count=counts["stale"],
            has_demo=counts["demo"] > 0,
            drafts=counts["drafts"],
            can_add=may(self.request.user, ADD, DirectoryEntry),
        )
        return context


class EntryDetailView(DirectoryMixin, PolicyObjectMixin, DetailView):
    template_name = "directory/entry_detail.html"
    context_object_name = "entry"

    def base_queryset(self):
        return queries.entries_with_contacts(
            DirectoryEntry.objects.select_related("revision_of", "submitted_by", "last_verified_by")
        )

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        services.record_contact_view(acting_user=request.user, entries=[self.object], via="page")
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entry, user = self.object, self.request.user
        local_time = None
        if entry.time_zone:
            try:
                local_time = timezone.now().astimezone(zoneinfo.ZoneInfo(entry.time_zone))
            except zoneinfo.ZoneInfoNotFoundError:
                local_time = None
        revision = (
            DirectoryEntry.objects.restrict(user).filter(revision_of=entry, status=EntryStatus.DRAFT).first()
            if entry.status == EntryStatus.PUBLISHED
            else None
        )
        context.update(
            local_time=local_time,
            open_revision=revision,
            changes=queries.changes_proposed(entry) if entry.revision_of_id else [],
            can_change=allows(user, CHANGE, entry),
            can_propose=allows(user, PROPOSE, entry) and not allows(user, CHANGE, entry),
            can_publish=entry.status == EntryStatus.DRAFT and allows(user, PUBLISH, entry),
            can_archive=entry.status != EntryStatus.ARCHIVED
            and not entry.revision_of_id
            and allows(user, ARCHIVE, entry),
            can_verify=entry.status == EntryStatus.PUBLISHED and allows(user, VERIFY, entry),
            can_delete=allows(user, DELETE, entry),
            can_read_log=roles.is_unodc(user),
        )
        return context


class EntryFormView(DirectoryMixin, ServiceFormView):
    """The entry form (its fields and contact persons) on a create or an edit page."""

    form_class = EntryForm
    template_name = "directory/entry_form.html"
    context_object_name = "entry"
    mode = "create"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(mode=self.mode, **kwargs)
        conflict, form = context.get("conflict"), context.get("form")
        if conflict is not None and form is not None and hasattr(form, "cleaned_data"):
            context["conflict_changes"] = conflict_changes(conflict, form)
        return context


def conflict_changes(current: DirectoryEntry, form: EntryForm) -> list[tuple[str, str]]:
    """(field, value saved by the other editor) for each field where it differs from what this editor sent."""
    changes = []
    for name in EDITABLE_FIELDS:
        value = getattr(current, name)
        if value != form.cleaned_data.get(name, value):
            field = DirectoryEntry._meta.get_field(name)
            shown = getattr(current, f"get_{name}_display")() if field.choices else value
            changes.append((str(field.verbose_name), "" if shown is None else str(shown)))
    saved = [{k: getattr(c, k) for k in ("name", "email", "telephone")} for c in current.contacts.order_by("position")]
    sent = [{k: c.get(k) or "" for k in ("name", "email", "telephone")} for c in form.contact_list()]
    if saved != sent:
        people = "\n".join(", ".join(v for v in person.values() if v) for person in saved)
        changes.append((_("contact persons"), people))
    return changes


class EntryCreateView(EntryFormView):
    """UNODC adds an entry for any State; a focal point proposes one for its own State (a draft)."""

    action = ADD

    def get_form_kwargs(self):
        unodc = roles.is_unodc(self.request.user)
        return {"choose_state": unodc, "may_publish": unodc}

    def perform(self, form):
        user = self.request.user
        state = form.cleaned_data.get("state") or user.state
        if state is None:
            raise PermissionDenied
        publish = form.cleaned_data.get("publish_now")
        return services.create_entry(
            acting_user=user,
            state=state,
            fields=form.entry_fields(),
            contacts=form.contact_list(),
            status=EntryStatus.PUBLISHED if publish else EntryStatus.DRAFT,
        )

    def get_success_message(self, entry):
        if entry.status == EntryStatus.DRAFT:
            return _("Saved as a draft. UNODC will review and publish it.")
        return _("Published.")


class EntryEditView(EntryFormView):
    """Edit a draft in place, or propose a revision of a published entry (a focal point's own State).

    The form carries the version of the entry in the URL; an edit from a stale or missing
    version is refused (409) with the entry as it now stands.
    """

    def base_queryset(self):
        return queries.entries_with_contacts(DirectoryEntry.objects.all())

    def get_target(self):
        entry = super().get_target()
        user = self.request.user
        if allows(user, CHANGE, entry):
            self.mode = "edit"
        elif allows(user, PROPOSE, entry):
            self.mode = "propose"
        else:
            raise PermissionDenied
        return entry

    def get_form_kwargs(self):
        entry = self.object
        if self.request.method == "POST":
            # Validated on a blank entry of the same State; the service applies the values to the real one.
            return {"instance": DirectoryEntry(state=entry.state)}
        source = entry
        if self.mode == "propose":
            source = entry.revisions.filter(status=EntryStatus.DRAFT).prefetch_related("contacts").first() or entry
        return {"instance": source, "initial": {"version": entry.version}}

    def render(self, form, status=200, **extra):
        # The form shows the entry's contact details (and, after a conflict, those now saved): a read like
        # any other, so it writes the "contact viewed" event the detail page writes.
        response = super().render(form, status=status, **extra)
        shown = extra.get("conflict") or self.object
        services.record_contact_view(acting_user=self.request.user, entries=[shown], via="edit-form")
        return response

    def perform(self, form):
        data = {"acting_user": self.request.user, "entry": self.object, "fields": form.entry_fields(),
                "contacts": form.contact_list(), "expected_version": form.cleaned_data.get("version")}  # fmt: skip
        if self.mode == "edit":
            return services.update_entry(**data)
        if data["expected_version"] is None:
            raise VersionRequired
        return services.propose_revision(**data)

    def get_success_message(self, entry):
        if self.mode == "edit":
            return _("Saved.")
        return _("Your proposed changes were sent to UNODC for publication.")


_TRANSITIONS = {
    "publish": (PUBLISH, services.publish, gettext_lazy("Published.")),
    "archive": (ARCHIVE, services.archive, gettext_lazy("Archived.")),
    "verify": (VERIFY, services.mark_verified, gettext_lazy("Marked as verified today.")),
    "delete": (DELETE, services.delete_entry, gettext_lazy("Deleted.")),
}


class EntryTransitionView(DirectoryMixin, ServiceActionView):
    """POST-only steps on one entry: publish, archive, mark verified, delete (from the version the user read)."""

    form_class = EntryStepForm
    result = None
    done = False  # whether the step was taken (else the answer goes back to the entry)

    def dispatch(self, request, *args, **kwargs):
        if kwargs.get("transition") not in _TRANSITIONS:
            raise Http404
        self.action, self.service, self.success_message = _TRANSITIONS[kwargs["transition"]]
        return super().dispatch(request, *args, **kwargs)

    def perform(self, entry, data):
        self.result = self.service(acting_user=self.request.user, entry=entry, expected_version=data.get("version"))
        self.done = True
        return self.result

    def get_success_url(self, entry):
        if not self.done:
            return entry.get_absolute_url()
        if self.kwargs["transition"] == "delete":
            return reverse("directory:entry_list")
        # Publishing a revision lands on the entry it revised (the revision is gone).
        return self.result.get_absolute_url()


class EntryVCardView(DirectoryMixin, PolicyObjectMixin, View):
    def get(self, request, pk):
        entry = object_or_404(queries.entries_with_contacts(self.get_queryset()), pk=pk)
        services.record_contact_view(acting_user=request.user, entries=[entry], via="vcard")
        return exports.vcard_response(entry)


class CoverageView(TemplateView):
    """Public: which States have designated an authority of which type. Counts only, never names or contacts."""

    template_name = "directory/coverage.html"

    def get(self, request, *args, **kwargs):
        coverage = queries.coverage()
        fmt = request.GET.get("export")
        if fmt in FORMATS:
            labels = [str(label) for _code, label in coverage.types]
            rows = [
                [r.state_name, r.iso3, *[r.types.get(code, 0) for code, _l in coverage.types]] for r in coverage.rows
            ]
            return export_response([_("State"), _("ISO alpha-3"), *labels], rows, fmt, filename="directory-coverage",
                                   title=_("Coverage"), demo=coverage.has_demo)  # fmt: skip
        context = self.get_context_data(
            coverage=coverage, can_view=may(request.user, VIEW, DirectoryEntry) and request.user.is_authenticated
        )
        return self.render_to_response(context)


class EntryImportView(DirectoryMixin, ImportView):
    """Upload a table of authorities, see every row's outcome and every error, then apply it in one transaction."""

    action = PUBLISH
    importer_class = importing.DirectoryImporter
    template_name = "directory/import.html"
    title = gettext_lazy("Import authorities")

    def get_context_data(self, **kwargs):
        return super().get_context_data(columns=sorted(importing.KNOWN), **kwargs)

    def get_success_url(self, plan):
        return reverse("directory:entry_list")


class AccessMixin:
    """The pages of the access grants, which all come back to their list."""

    model = DirectoryAccess

    def get_success_url(self, grant):
        return reverse("directory:access_list")


class AccessView(AccessMixin, ServiceFormView):
    """UNODC grants partner or donor organisations access to the restricted directory; the grants are listed."""

    action = ADD
    form_class = GrantAccessForm
    template_name = "directory/access.html"
    success_message = gettext_lazy("Access granted.")

    def get_context_data(self, **kwargs):
        grants = DirectoryAccess.objects.restrict(self.request.user).select_related("organisation", "granted_by")
        return super().get_context_data(grants=grants, **kwargs)

    def perform(self, form):
        return services.grant_access(acting_user=self.request.user, organisation=form.cleaned_data["organisation"],
                                     reason=form.cleaned_data["reason"])  # fmt: skip


class AccessRevokeView(AccessMixin, ServiceActionView):
    """UNODC withdraws an organisation's access."""

    action = DELETE
    success_message = gettext_lazy("Access revoked.")

    def perform(self, grant, data):
        services.revoke_access(acting_user=self.request.user, grant=grant)


class AccessLogView(PolicyListView):
    """Who read which contact details, when and how (UNODC staff only)."""

    model = DomainEvent
    table_class = AccessLogTable
    filterset_class = AccessLogFilter
    title = gettext_lazy("Directory access log")
    intro = gettext_lazy("Every view of contact details: entry pages, API reads, exports and contact cards.")

    def base_queryset(self):
        return DomainEvent.objects.filter(type=DirectoryEvent.CONTACT_VIEWED)

    def get_export_filename(self, export_format):
        return f"directory-access-log-{timezone.localdate():%Y%m%d}.{export_format}"
