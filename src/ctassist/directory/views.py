"""Pages of the directory: the restricted list and entry pages, editing, exports, import, access and its log."""

from __future__ import annotations

import json
import zoneinfo

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, TemplateView
from django.views.generic.base import TemplateResponseMixin

from ctassist.core import roles
from ctassist.core.exports import FORMATS, table_response
from ctassist.core.models import DomainEvent
from ctassist.core.policy import ADD, CHANGE, DELETE, VIEW, allows, may
from ctassist.core.views import PolicyListView, PolicyMixin, PolicyObjectMixin, object_or_404
from ctassist.directory import exports, importing, queries, services
from ctassist.directory.choices import EntryStatus
from ctassist.directory.events import DirectoryEvent
from ctassist.directory.filters import AccessLogFilter, DirectoryEntryFilter
from ctassist.directory.forms import (
    ConfirmImportForm,
    ContactFormSet,
    EntryForm,
    GrantAccessForm,
    ImportForm,
    contact_initial,
    contacts_from,
)
from ctassist.directory.models import DirectoryAccess, DirectoryEntry, stale_q
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

    def render_to_response(self, context, **kwargs):
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


class EntryFormMixin:
    template_name = "directory/entry_form.html"

    def render_form(self, form, formset, entry=None, mode="create", status=200):
        return render(
            self.request,
            self.template_name,
            {"form": form, "formset": formset, "entry": entry, "mode": mode},
            status=status,
        )


class EntryCreateView(DirectoryMixin, EntryFormMixin, View):
    """UNODC adds an entry for any State; a focal point proposes one for its own State (a draft)."""

    action = ADD

    def _form(self, data=None):
        user = self.request.user
        return EntryForm(data, choose_state=roles.is_unodc(user), may_publish=roles.is_unodc(user))

    def get(self, request):
        return self.render_form(self._form(), ContactFormSet(prefix="contacts"))

    def post(self, request):
        form, formset = self._form(request.POST), ContactFormSet(request.POST, prefix="contacts")
        if not (form.is_valid() and formset.is_valid()):
            return self.render_form(form, formset, status=400)
        user = request.user
        state = form.cleaned_data.get("state") or user.state
        if state is None:
            raise PermissionDenied
        try:
            entry = services.create_entry(
                acting_user=user,
                state=state,
                fields=form.entry_fields(),
                contacts=contacts_from(formset),
                status=EntryStatus.PUBLISHED if form.cleaned_data.get("publish_now") else EntryStatus.DRAFT,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.render_form(form, formset, status=400)
        if entry.status == EntryStatus.DRAFT:
            messages.success(request, _("Saved as a draft. UNODC will review and publish it."))
        else:
            messages.success(request, _("Published."))
        return redirect("directory:entry_detail", pk=entry.pk)


class EntryEditView(DirectoryMixin, EntryFormMixin, PolicyObjectMixin, View):
    """Edit a draft in place, or propose a revision of a published entry (a focal point's own State)."""

    def base_queryset(self):
        return queries.entries_with_contacts(DirectoryEntry.objects.all())

    def _mode(self, entry):
        user = self.request.user
        if allows(user, CHANGE, entry):
            return "edit"
        if allows(user, PROPOSE, entry):
            return "propose"
        raise PermissionDenied

    def get(self, request, pk):
        entry = self.get_object()
        mode = self._mode(entry)
        source = entry
        if mode == "propose":
            source = entry.revisions.filter(status=EntryStatus.DRAFT).prefetch_related("contacts").first() or entry
        form = EntryForm(instance=source)
        formset = ContactFormSet(prefix="contacts", initial=contact_initial(source))
        return self.render_form(form, formset, entry=entry, mode=mode)

    def post(self, request, pk):
        entry = self.get_object()
        mode = self._mode(entry)
        form = EntryForm(request.POST, instance=DirectoryEntry(state=entry.state))
        formset = ContactFormSet(request.POST, prefix="contacts")
        if not (form.is_valid() and formset.is_valid()):
            return self.render_form(form, formset, entry=entry, mode=mode, status=400)
        entry.refresh_from_db()
        try:
            if mode == "edit":
                entry = services.update_entry(
                    acting_user=request.user, entry=entry, fields=form.entry_fields(), contacts=contacts_from(formset)
                )
                messages.success(request, _("Saved."))
            else:
                entry = services.propose_revision(
                    acting_user=request.user, entry=entry, fields=form.entry_fields(), contacts=contacts_from(formset)
                )
                messages.success(request, _("Your proposed changes were sent to UNODC for publication."))
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.render_form(form, formset, entry=entry, mode=mode, status=400)
        return redirect("directory:entry_detail", pk=entry.pk)


_TRANSITIONS = {
    "publish": (PUBLISH, services.publish, gettext_lazy("Published.")),
    "archive": (ARCHIVE, services.archive, gettext_lazy("Archived.")),
    "verify": (VERIFY, services.mark_verified, gettext_lazy("Marked as verified today.")),
    "delete": (DELETE, services.delete_entry, gettext_lazy("Deleted.")),
}


class EntryTransitionView(DirectoryMixin, PolicyObjectMixin, View):
    """POST-only actions on one entry: publish, archive, mark verified, delete."""

    def get(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])

    def post(self, request, pk, transition):
        if transition not in _TRANSITIONS:
            raise Http404
        action, service, message = _TRANSITIONS[transition]
        self.action = action
        entry = self.get_object()
        try:
            result = service(acting_user=request.user, entry=entry)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("directory:entry_detail", pk=entry.pk)
        messages.success(request, str(message))
        if transition == "delete":
            return redirect("directory:entry_list")
        return redirect("directory:entry_detail", pk=result.pk)


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
            if coverage.has_demo:
                rows.append([_("DEMONSTRATION DATA: generated, not real designations")])
            return table_response(
                [_("State"), _("ISO alpha-3"), *labels], rows, fmt, "directory-coverage", title=_("Coverage")
            )
        context = self.get_context_data(
            coverage=coverage, can_view=may(request.user, VIEW, DirectoryEntry) and request.user.is_authenticated
        )
        return self.render_to_response(context)


class ImportView(DirectoryMixin, TemplateView):
    """Upload a CSV or XLSX file, see every row's outcome and every error, then apply it in one transaction."""

    action = PUBLISH
    template_name = "directory/import.html"

    def get(self, request, *args, **kwargs):
        return render(request, self.template_name, {"form": ImportForm(), "columns": sorted(importing.KNOWN)})

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            return self.confirm(request)
        form = ImportForm(request.POST, request.FILES)
        context = {"form": form, "columns": sorted(importing.KNOWN)}
        if not form.is_valid():
            return render(request, self.template_name, context, status=400)
        upload = form.cleaned_data["file"]
        try:
            rows = importing.read_rows(upload.name, upload.read())
        except importing.FileError as exc:
            form.add_error("file", str(exc))
            return render(request, self.template_name, context, status=400)
        plan = importing.plan_import(rows)
        context.update(
            plan=plan,
            confirm_form=ConfirmImportForm(initial={"rows": json.dumps(rows), "source_name": upload.name[:200]}),
        )
        return render(request, self.template_name, context)

    def confirm(self, request):
        form = ConfirmImportForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("The import form was incomplete; start again."))
            return redirect("directory:import")
        try:
            rows = [(int(n), dict(r)) for n, r in json.loads(form.cleaned_data["rows"])]
        except (ValueError, TypeError):
            messages.error(request, _("The import form was incomplete; start again."))
            return redirect("directory:import")
        source = _("%(name)s, imported %(date)s by %(user)s") % {
            "name": form.cleaned_data["source_name"],
            "date": timezone.localdate().isoformat(),
            "user": request.user.get_username(),
        }
        try:
            plan = importing.apply_import(acting_user=request.user, rows=rows, source=source)
        except importing.ImportRejected as exc:
            context = {"form": ImportForm(), "columns": sorted(importing.KNOWN), "rejected": exc.errors}
            return render(request, self.template_name, context, status=400)
        messages.success(
            request, _("Imported: %(new)s new, %(changed)s changed, %(unchanged)s unchanged.") % plan.counts
        )
        return redirect("directory:entry_list")


class AccessView(PolicyMixin, TemplateView):
    """UNODC grants partner or donor organisations access to the restricted directory, and revokes it."""

    model = DirectoryAccess
    template_name = "directory/access.html"

    def context(self, form=None):
        grants = DirectoryAccess.objects.restrict(self.request.user).select_related("organisation", "granted_by")
        return {"grants": grants, "form": form or GrantAccessForm()}

    def get(self, request, *args, **kwargs):
        return render(request, self.template_name, self.context())

    def post(self, request, *args, **kwargs):
        if not may(request.user, ADD, DirectoryAccess):
            raise PermissionDenied
        if "revoke" in request.POST:
            grant = object_or_404(DirectoryAccess.objects.restrict(request.user, DELETE), pk=request.POST["revoke"])
            services.revoke_access(acting_user=request.user, grant=grant)
            messages.success(request, _("Access revoked."))
            return redirect("directory:access_list")
        form = GrantAccessForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, self.context(form), status=400)
        services.grant_access(
            acting_user=request.user, organisation=form.cleaned_data["organisation"], reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Access granted."))
        return redirect("directory:access_list")


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
