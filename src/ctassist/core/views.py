"""The base view mixins: every page reaches data through the permission policy."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import InvalidPage, Paginator
from django.db import models
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django_filters.views import FilterView
from django_tables2 import RequestConfig, SingleTableMixin
from django_tables2.export import ExportMixin

from ctassist.core import exports, jobs
from ctassist.core.audit import changes_since
from ctassist.core.forms import (
    ColumnMappingForm,
    ImportConfirmForm,
    ImportUploadForm,
    filters_in_use,
    humane_filter_widgets,
)
from ctassist.core.importing import (
    ConfirmationNeeded,
    Importer,
    ImportRejected,
    Plan,
    Table,
    guess_mapping,
    mapping_from_headers,
    mapping_problems,
    mapping_profiles,
    save_mapping_profile,
)
from ctassist.core.policy import ADD, VIEW, allows, may
from ctassist.core.services import EditConflict, VersionRequired, is_versioned
from ctassist.core.tables import KeyedPageData


class PolicyMixin:
    """Restricts ``get_queryset`` to what the user may reach for ``action``.

    Objects a user may not see are 404 (they are not told they exist); an
    action the user may not take on an object they can see is 403, and an
    anonymous visitor is sent to sign in instead.
    """

    model: type[models.Model]
    action: str = VIEW
    request: Any

    def base_queryset(self) -> models.QuerySet:
        return self.model._default_manager.all()

    def get_queryset(self) -> models.QuerySet:
        queryset: Any = self.base_queryset()  # a RestrictedQuerySet on every BaseModel
        return queryset.restrict(self.request.user, VIEW)

    def deny(self) -> Any:
        if not self.request.user.is_authenticated:
            return redirect_to_login(self.request.get_full_path())
        raise PermissionDenied

    def dispatch(self, request, *args, **kwargs):
        # A user who may reach no row of the model at all is refused the page outright.
        if not may(request.user, self.action, self.model):
            return self.deny()
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class PolicyObjectMixin(PolicyMixin):
    """Fetches one object through the policy, then checks the view's action on it."""

    lookup_field = "pk"
    lookup_url_kwarg: str | None = None
    kwargs: dict[str, Any]

    def get_object(self, queryset: models.QuerySet | None = None) -> models.Model:
        queryset = self.get_queryset() if queryset is None else queryset
        key = self.lookup_url_kwarg or self.lookup_field
        obj = get_object_or_404(queryset, **{self.lookup_field: self.kwargs[key]})
        if self.action != VIEW and not allows(self.request.user, self.action, obj):
            raise PermissionDenied
        return obj


MAX_PER_PAGE = 500  # as the API's largest page (core.drf.Pagination.max_page_size)


class ListPaginator(Paginator):
    """The list pages' paginator: ``?per_page=`` is kept between 1 and ``MAX_PER_PAGE`` rows.

    A page size of zero or less would fail to count the pages, and a huge one would have one request
    render a whole table; both are clamped, as the API clamps ``page_size``.
    """

    def __init__(self, object_list: Any, per_page: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(object_list, max(1, min(int(per_page), MAX_PER_PAGE)), *args, **kwargs)


class PolicyListView(PolicyMixin, ExportMixin, SingleTableMixin, FilterView):
    """A list page: policy-restricted, filtered, sorted, paginated and exportable (CSV, XLSX).

    ``?export=csv`` (or ``xlsx``) writes every row the filters select, through the
    one export path (``core.exports``): the table's column headers, formulas
    neutralised, and the demonstration notice when the rows hold generated data.
    """

    template_name = "core/list.html"
    export_formats = exports.FORMATS
    export_trigger_param = exports.TRIGGER
    paginate_by = 50
    paginator_class = ListPaginator
    title: Any = ""
    intro: Any = ""
    strict = False
    # Read each page by its rows' keys first (``core.tables.KeyedPageData``): for lists whose rows are wide
    # (joined records, counted subqueries) and whose filters or sorting leave the database many rows to sort.
    page_by_keys = False

    def get_export_filename(self, export_format: str) -> str:
        return f"{self.model._meta.model_name}s"

    def export_in_background(self, export_format: str) -> bool:
        """Whether this export is long work for the task queue: more rows than a web request should write."""
        return self.get_table_data().count() > settings.EXPORT_INLINE_MAX_ROWS

    def background_export(self) -> HttpResponse | None:
        """Start the requested export as a job and send the user to its page, when it is long work.

        The worker replays this page as the same user (``core.jobs.run_page_export``), so the file
        has exactly the rows, policy and format of a direct download. Visitors who are not signed in
        have no job page: their exports (public data) stay in the request.
        """
        fmt = self.request.GET.get(self.export_trigger_param)
        if (
            fmt not in self.export_formats
            or jobs.in_job(self.request)
            or not self.request.user.is_authenticated
            or not self.export_in_background(fmt)
        ):
            return None
        title = _("Export of %(list)s (%(format)s)") % {
            "list": self.title or self.model._meta.verbose_name_plural,
            "format": fmt.upper(),
        }
        job = jobs.start(
            acting_user=self.request.user, kind=jobs.PAGE_EXPORT, title=title, params=jobs.page_params(self.request)
        )
        return redirect("core:job", pk=job.pk)

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        return self.background_export() or super().render_to_response(context, **kwargs)

    def export_holds_demo_data(self) -> bool | None:
        """Whether the exported rows include generated data (``None``: ask the installation)."""
        if any(f.name == "is_demo" for f in self.model._meta.concrete_fields):
            return self.get_table_data().filter(is_demo=True).exists()
        return None

    def create_export(self, export_format: str) -> HttpResponse:
        table = self.get_table(**self.get_table_kwargs())
        values = list(table.as_values(exclude_columns=self.exclude_columns))
        header, rows = (values[0], values[1:]) if values else ([], [])
        return exports.export_response(
            header,
            rows,
            export_format,
            filename=self.get_export_filename(export_format),
            title=str(self.title or self.model._meta.verbose_name_plural),
            demo=self.export_holds_demo_data(),
        )

    def paginate_queryset(self, queryset: Any, page_size: int) -> tuple[None, None, Any, bool]:
        """Leave the paging to the table: django-tables2 counts the rows once for its own paginator, and the list
        view's paginator would count them a second time on every page. ``get_table`` keeps its answer to a page
        that does not exist (404)."""
        return None, None, queryset, False

    def get_table(self, **kwargs: Any) -> Any:
        if self.page_by_keys:
            table = self.get_table_class()(data=KeyedPageData(self.get_table_data()), **kwargs)
            table = RequestConfig(self.request, paginate=self.get_table_pagination(table)).configure(table)
        else:
            table = super().get_table(**kwargs)
        paginator = getattr(table, "paginator", None)
        if paginator is None:
            return table
        # As Django's list view answers: a page number that is not a whole number (or "last"), or a page past
        # the end, is 404 (django-tables2 on its own would quietly show the first or the last page).
        page = self.kwargs.get(self.page_kwarg) or self.request.GET.get(self.page_kwarg) or 1
        try:
            number = paginator.num_pages if page == "last" else int(page)
            paginator.validate_number(number)
        except (ValueError, InvalidPage):
            raise Http404 from None
        if page == "last":
            table.page = paginator.page(number)
        return table

    def get_filterset(self, filterset_class: Any) -> Any:
        filterset = super().get_filterset(filterset_class)
        humane_filter_widgets(filterset.form)
        return filterset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        filterset = context.get("filter")
        context.update(
            title=self.title or str(self.model._meta.verbose_name_plural).capitalize(),
            intro=self.intro,
            # An empty list says "nothing matches these filters" only when a filter is set.
            filters_active=bool(filterset is not None and filters_in_use(filterset.form, self.request.GET)),
        )
        return context


# Types a browser shows without running anything; every other upload is sent as opaque bytes.
_PASSIVE_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".doc": "application/msword",
    ".txt": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}
# Nothing in a served file may run with the product's origin: no script, no plugin, no form, no frame.
FILE_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'; form-action 'none'; base-uri 'none'"


def file_response(field_file: Any, filename: str = "") -> FileResponse:
    """An uploaded file, for a view that has already checked the policy on the record that holds it.

    The one way the product serves what people uploaded (``MEDIA_ROOT`` is never served as is):
    always a download (``Content-Disposition: attachment``), with a type from a short list of
    passive ones (anything else is ``application/octet-stream``), ``X-Content-Type-Options:
    nosniff`` so the browser does not guess another, and a sandboxing Content-Security-Policy, so
    that active content (a PDF's JavaScript, an HTML or SVG file) is neither executed nor trusted
    with the product's origin even if a browser opens it. A missing file is 404.
    """
    if not field_file:
        raise Http404
    name = filename or field_file.name.rsplit("/", 1)[-1]
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError, OSError):
        raise Http404 from None
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    response = FileResponse(handle, as_attachment=True, filename=name,
                            content_type=_PASSIVE_TYPES.get(extension, "application/octet-stream"))  # fmt: skip
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    return response


def object_or_404(queryset: models.QuerySet, **lookup: Any) -> models.Model:
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError):
        raise Http404 from None


# -- forms and actions that call a service ------------------------------------------------------


def error_messages(exc: ValidationError) -> list[str]:
    """The messages of a validation error, whether it names fields or not."""
    if hasattr(exc, "error_dict"):
        return [str(m) for errors in exc.message_dict.values() for m in errors]
    return [str(m) for m in exc.messages]


def add_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's validation error on the form: on the field it names, else on the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, errors in exc.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


def form_error_messages(form: forms.BaseForm) -> list[str]:
    """Each of a form's errors as one sentence that names its field."""
    out = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        for message in errors:
            out.append(f"{label}: {message}" if label else str(message))
    return out


class ServiceFormView(PolicyObjectMixin, View):
    """A create or edit page whose valid form calls one service.

    Subclasses set ``model``, ``action`` (``ADD`` for a new record, ``CHANGE`` for an
    edit of the record named in the URL), ``form_class`` and ``template_name``, and
    implement :meth:`perform`. Invalid input answers 400 with the form and its
    errors; a service's ``ValidationError`` is put on the fields it names; an edit
    made from a stale version answers 409 with the current record (``conflict`` in
    the template), one without a version 409 with a message. Success redirects to
    :meth:`get_success_url` with ``success_message``.
    """

    form_class: type[forms.BaseForm]
    template_name: str
    success_message: Any = ""
    context_object_name: str | None = None
    object: Any = None

    def get_target(self) -> Any:
        """The record the page acts on: the one named in the URL, or ``None`` on a create page."""
        key = self.lookup_url_kwarg or self.lookup_field
        if self.action == ADD and key not in self.kwargs:
            return None
        return self.get_object()

    def get_initial(self) -> dict[str, Any]:
        return {}

    def get_form_kwargs(self) -> dict[str, Any]:
        """Extra arguments for the form (``instance``, ``user``...)."""
        return {}

    def get_form(self, data: Any = None, files: Any = None) -> forms.BaseForm:
        kwargs = self.get_form_kwargs()
        if data is None:
            kwargs.setdefault("initial", self.get_initial())
        return self.form_class(data, files, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = {"view": self, "object": self.object}
        if self.context_object_name:
            context[self.context_object_name] = self.object
        context.update(kwargs)
        return context

    def render(self, form: forms.BaseForm, status: int = 200, **extra: Any) -> HttpResponse:
        return render(self.request, self.template_name, self.get_context_data(form=form, **extra), status=status)

    def preview(self, form: Any) -> HttpResponse | None:
        """A page that shows what a valid form would save before it is confirmed, or ``None`` to save now.

        Pages with a preview step (an upload read and split before it is stored) return
        the rendered preview until the user confirms; nothing is written meanwhile.
        """
        return None

    def perform(self, form: Any) -> Any:
        """Call the service with the form's cleaned data; return the record to go to."""
        raise NotImplementedError

    def get_success_url(self, result: Any) -> str:
        return result.get_absolute_url()

    def get_success_message(self, result: Any) -> str:
        return str(self.success_message)

    def get(self, request, *args, **kwargs):
        self.object = self.get_target()
        return self.render(self.get_form())

    def post(self, request, *args, **kwargs):
        self.object = self.get_target()
        form = self.get_form(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(form, status=400)
        shown = self.preview(form)
        if shown is not None:
            return shown
        try:
            result = self.perform(form)
        except EditConflict as exc:
            form.add_error(None, _("Someone else changed this record since you opened it. Their version is shown below; "
                                   "check it, then save again."))
            current: Any = exc.current
            loaded = form.cleaned_data.get("version") if hasattr(form, "cleaned_data") else None
            changed_since = changes_since(current, loaded) if is_versioned(current) else []
            if "version" in form.fields and is_versioned(current):
                # The form now answers the version shown, so saving again is a deliberate overwrite of it.
                posted: Any = form.data  # a QueryDict from the request
                data = posted.copy()
                data[form.add_prefix("version")] = current.version
                form.data = data
            return self.render(form, status=409, conflict=exc.current, changed_since=changed_since)
        except VersionRequired as exc:
            form.add_error(None, str(exc))
            return self.render(form, status=409)
        except ValidationError as exc:
            add_errors(form, exc)
            return self.render(form, status=400)
        message = self.get_success_message(result)
        if message:
            messages.success(request, message)
        return redirect(self.get_success_url(result))


class ServiceActionView(PolicyObjectMixin, View):
    """A POST-only step on one record (a workflow transition, a small form on a detail page).

    The record is fetched through the policy for ``action``; the optional
    ``form_class`` is validated; :meth:`perform` calls the service. The answer is
    always a redirect back to the record (``anchor`` appended) with the outcome as
    a message: success, each validation error naming its field, or the conflict.
    """

    http_method_names = ["post"]
    form_class: type[forms.BaseForm] | None = None
    success_message: Any = ""
    anchor = ""

    def get_form(self, obj: Any) -> forms.BaseForm | None:
        if self.form_class is None:
            return None
        return self.form_class(self.request.POST, self.request.FILES)

    def perform(self, obj: Any, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def get_success_message(self, obj: Any, result: Any) -> str:
        return str(self.success_message)

    def get_success_url(self, obj: Any) -> str:
        return obj.get_absolute_url() + self.anchor

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        form = self.get_form(obj)
        if form is not None and not form.is_valid():
            for message in form_error_messages(form):
                messages.error(request, message)
            return redirect(self.get_success_url(obj))
        try:
            result = self.perform(obj, form.cleaned_data if form is not None else {})
        except EditConflict:
            messages.error(request, _("Someone else changed this record while you were reading it. Look again, then retry."))
        except VersionRequired as exc:
            messages.error(request, str(exc))
        except ValidationError as exc:
            for message in error_messages(exc):
                messages.error(request, message)
        else:
            message = self.get_success_message(obj, result)
            if message:
                messages.success(request, message)
        return redirect(self.get_success_url(obj))


class ImportView(PolicyMixin, View):
    """The pages of the one import pipeline: upload or paste → preview → confirm.

    Subclasses set ``model``/``action`` (who may import), ``importer_class``, ``title``,
    and may override :meth:`get_import_target` (the record imported into),
    ``upload_form_class`` (extra fields carried with the table through
    :meth:`ImportUploadForm.meta`), ``template_name`` (extending ``core/import.html``),
    :meth:`get_success_url` and :meth:`get_success_message`.
    """

    importer_class: type[Importer]
    upload_form_class: type[ImportUploadForm] = ImportUploadForm
    template_name = "core/import.html"
    title: Any = ""
    intro: Any = ""

    def get_import_target(self) -> Any:
        return None

    def get_importer(self) -> Importer:
        return self.importer_class(self.target)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = {"view": self, "title": self.title, "intro": self.intro, "target": self.target,
                   "importer": self.importer}  # fmt: skip
        context.update(kwargs)
        return context

    def render(self, status: int = 200, **context: Any) -> HttpResponse:
        context.setdefault("form", self.upload_form())
        return render(self.request, self.template_name, self.get_context_data(**context), status=status)

    def upload_form(self, *args: Any) -> ImportUploadForm:
        """The upload form; with a choice of saved column mappings when the importer can map columns."""
        form = self.upload_form_class(*args)
        if self.importer.mapping_fields:
            profiles = mapping_profiles(self.importer.key, self.request.user)
            form.fields["mapping_profile"] = forms.ChoiceField(
                label=_("Column mapping"), required=False,
                choices=[("", _("Guess from the headers"))] + [(str(p.pk), p.name) for p in profiles],
                help_text=_("For a depositary's own list (ICAO, IMO, IAEA...): a mapping saved from an earlier table."),
            )  # fmt: skip
        return form

    # column mapping (importers with ``mapping_fields``)

    def mapping_step(self, table: Table, mapping: dict[str, int | None], *, status: int = 200,
                     form: ColumnMappingForm | None = None, problems: list[str] | None = None) -> HttpResponse:  # fmt: skip
        """Show which column is read as what, for the person importing to confirm or change."""
        if form is None:
            form = ColumnMappingForm(fields=self.importer.mapping_fields, header=table.header,
                                     initial={**ColumnMappingForm.initial_for(mapping),
                                              "raw": table.dumps(f"{self.importer.key}.raw")})  # fmt: skip
        return self.render(status=status, mapping_form=form, raw_table=table, mapping_errors=problems or [])

    def apply_mapping(self) -> HttpResponse:
        token = self.request.POST.get("raw", "")
        try:
            table = Table.loads(token, f"{self.importer.key}.raw")
        except ImportRejected as exc:
            return self.render(status=400, rejected=exc.errors)
        form = ColumnMappingForm(self.request.POST, fields=self.importer.mapping_fields, header=table.header)
        if not form.is_valid():
            return self.mapping_step(table, {}, status=400, form=form)
        mapping = form.mapping()
        problems = [str(p) for p in mapping_problems(mapping, self.importer.mapping_fields, len(table.header))]
        if problems:
            return self.mapping_step(table, mapping, status=400, form=form, problems=problems)
        if form.cleaned_data.get("save_as", "").strip():
            save_mapping_profile(self.importer.key, form.cleaned_data["save_as"], table.header, mapping,
                                 acting_user=self.request.user)  # fmt: skip
            messages.success(self.request, _("Column mapping “%(name)s” saved.") % {"name": form.cleaned_data["save_as"].strip()})
        return self.preview_table(self.importer.mapped(table, mapping), form=self.upload_form())

    def preview_table(self, table: Table, *, form: Any, status: int | None = None, **extra: Any) -> HttpResponse:
        plan = self.importer.preview(table)
        confirm = ImportConfirmForm(initial={"table": table.dumps(self.importer.key)})
        if not plan.confirmations:
            del confirm.fields["agree"]
        status = status or (400 if plan.problems else 200)
        return self.render(status=status, form=form, plan=plan, confirm_form=confirm, **extra)

    def get_success_url(self, plan: Plan) -> str:
        return self.request.path

    def get_success_message(self, plan: Plan) -> str:
        counts = plan.counts
        return _("Imported: %(new)s new, %(changed)s changed, %(unchanged)s unchanged, %(skipped)s skipped.") % counts

    def dispatch(self, request, *args, **kwargs):
        # Who may import is decided before the target is looked up, so a visitor who is not
        # signed in is sent to sign in rather than told whether the target exists.
        if not may(request.user, self.action, self.model):
            return self.deny()
        self.kwargs = kwargs
        self.target = self.get_import_target()
        self.importer = self.get_importer()
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render()

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            return self.confirm()
        if "map" in request.POST and self.importer.mapping_fields:
            return self.apply_mapping()
        form = self.upload_form(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(status=400, form=form)
        table, problems = self.importer.read_or_problem(
            upload=form.cleaned_data.get("file"), text=form.cleaned_data.get("text") or ""
        )
        if table is None:
            for problem in problems:
                form.add_error("file" if form.cleaned_data.get("file") else None, str(problem))
            return self.render(status=400, form=form)
        table.meta.update(form.meta())
        if not table.name and form.cleaned_data.get("file"):
            table.name = form.cleaned_data["file"].name
        if self.importer.mapping_fields:
            chosen = form.cleaned_data.get("mapping_profile")
            profile = next((p for p in mapping_profiles(self.importer.key, request.user) if str(p.pk) == chosen), None)
            if profile is not None:
                mapping = mapping_from_headers(table.header, profile.columns)
                if all(mapping.get(key) is not None for key, text in profile.columns.items() if text):
                    return self.preview_table(self.importer.mapped(table, mapping), form=form)
                return self.mapping_step(table, mapping)  # the table's columns differ: confirm them
            if self.importer.needs_mapping(table):
                return self.mapping_step(table, guess_mapping(table.header, self.importer.mapping_fields))
        return self.preview_table(table, form=form)

    def import_in_background(self, table: Table) -> bool:
        """Whether applying this table is long work for a job: more rows than ``IMPORT_INLINE_MAX_ROWS``."""
        return len(table.rows) > int(getattr(settings, "IMPORT_INLINE_MAX_ROWS", 2000))

    def start_import_job(self, table: Table, form: ImportConfirmForm) -> HttpResponse:
        """Queue the apply step as a job (``core.jobs.run_import`` replays this confirm as the same user)."""
        post = {"confirm": "1", "table": form.cleaned_data["table"]}
        if form.cleaned_data.get("agree"):
            post["agree"] = "on"
        title = ngettext("%(title)s: %(rows)s row", "%(title)s: %(rows)s rows", len(table.rows)) % {
            "title": self.title or _("Import"), "rows": len(table.rows)}  # fmt: skip
        job = jobs.start(acting_user=self.request.user, kind=jobs.IMPORT, title=title,
                         params={**jobs.page_params(self.request), "post": post,
                                 "outcome": {"link": self.request.get_full_path(), "rows": len(table.rows)}})  # fmt: skip
        return redirect("core:job", job.pk)

    def confirm(self) -> HttpResponse:
        form = ImportConfirmForm(self.request.POST)
        in_job = jobs.in_job(self.request)
        try:
            if not form.is_valid():
                raise ImportRejected([_("The import form was incomplete; upload the file again.")])
            table = Table.loads(form.cleaned_data["table"], self.importer.key)
            if not in_job and self.import_in_background(table):
                return self.start_import_job(table, form)
            plan = self.importer.run(table, acting_user=self.request.user, agreed=form.cleaned_data.get("agree", False),
                                     progress=jobs.import_progress(self.request))  # fmt: skip
        except ConfirmationNeeded:
            if in_job:
                raise
            # Shown again with what needs agreeing to, rather than sending the person back to the upload.
            return self.preview_table(table, form=self.upload_form(), status=400,
                                      confirmation_error=_("Tick the box to confirm, then apply again."))  # fmt: skip
        except ImportRejected as exc:
            if in_job:
                raise
            return self.render(status=400, rejected=exc.errors)
        except ValidationError as exc:
            if in_job:
                raise ImportRejected(error_messages(exc)) from exc
            return self.render(status=400, rejected=error_messages(exc))
        if in_job:  # the job keeps the outcome; its page shows it and links on
            self.request.job_outcome = {"summary": self.get_success_message(plan), "link": self.get_success_url(plan)}
            return HttpResponse(status=204)
        messages.success(self.request, self.get_success_message(plan))
        return redirect(self.get_success_url(plan))
