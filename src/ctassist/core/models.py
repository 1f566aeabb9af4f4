"""Base model and the two audit layers: the change log and domain events."""

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.choices import CallableChoiceIterator
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import gettext_lazy as _

from ctassist.core.policy import RestrictedManager

# The years a date the product records may fall in, unless a model says otherwise for a field
# (``BaseModel.year_bounds``): laws and treaties go back to the nineteenth century; nothing is
# planned two centuries ahead. The year 386 or 9999 is a typing slip, refused naming its field.
YEAR_BOUNDS = (1800, 2200)
# Where the record is about the United Nations' work (activities, requests, contributions...).
UN_YEARS = (1945, 2200)

# The labels of each field's choices in each language, {(field, language): {value: label}}, made the first time
# a record of the field shows its label. Django's ``get_<field>_display`` builds the whole dictionary of choices
# again, translating every label to hash it, each time one label is shown: on a list of 25 needs, three such
# columns took longer than the rest of the row.
_CHOICE_LABELS: dict[tuple[models.Field, str | None], dict] = {}
_DJANGO_DISPLAY = models.Model.__dict__["_get_FIELD_display"]  # Django's own, for choices a function gives
# The most people one count may hold (officials at one activity, say); beyond it a figure is a typing slip,
# and PostgreSQL's integer column would overflow long before the largest number SQLite accepts.
MAX_PEOPLE = 1_000_000


def acting_user(verbose_name: Any = None, *, related_name: str = "+", **options: Any) -> models.ForeignKey:
    """The account that did something to a record (entered, recorded, decided it...).

    The record outlives the account: deleting the user leaves the field empty. No reverse accessor
    unless ``related_name`` names one.
    """
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
        **options,
    )


def optional_link(to: Any, verbose_name: Any, *, related_name: str = "+", **options: Any) -> models.ForeignKey:
    """A record's optional reference to another, which protects it: what is referenced is not deleted
    while referenced. No reverse accessor unless ``related_name`` names one."""
    return models.ForeignKey(
        to,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name=related_name,
        **options,
    )


def demo_flag(*, db_index: bool = False) -> models.BooleanField:
    """``is_demo``: the record belongs to the demonstration data (``core.demo``), shown as such and removed with it."""
    return models.BooleanField(_("demonstration data"), default=False, db_index=db_index)


class BaseModel(models.Model):
    """Every domain model: timestamps, the restricted manager, and sane years for every date."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RestrictedManager()

    # {field name: (first year, last year)} for dates that need narrower bounds than YEAR_BOUNDS.
    year_bounds: dict[str, tuple[int, int]] = {}
    # (earlier, later, message): the date ``later`` may not fall before ``earlier`` when both are given;
    # the message is the error of ``later``.
    date_order: tuple[tuple[str, str, Any], ...] = ()

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):  # noqa: N802 - Django's name: every get_<field>_display calls it
        """The label of the field's value in the active language, as Django gives it, from the labels made once."""
        if isinstance(field.choices, CallableChoiceIterator):  # choices a function gives may change: Django's way
            return _DJANGO_DISPLAY(self, field)
        key = (field, translation.get_language())
        labels = _CHOICE_LABELS.get(key)
        if labels is None:
            labels = _CHOICE_LABELS[key] = {k: force_str(v) for k, v in dict(make_hashable(field.flatchoices)).items()}
        value = getattr(self, field.attname)
        hashable = make_hashable(value)
        return labels[hashable] if hashable in labels else force_str(value, strings_only=True)

    def clean_fields(self, exclude=None):
        errors: dict[str, list] = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as exc:
            errors = dict(exc.error_dict)
        for field in self._meta.concrete_fields:
            if not isinstance(field, models.DateField) or field.name in errors or field.name in (exclude or ()):
                continue
            value = getattr(self, field.attname)
            if value is None or not hasattr(value, "year"):
                continue
            first, last = self.year_bounds.get(field.name, YEAR_BOUNDS)
            if not first <= value.year <= last:
                errors[field.name] = [ValidationError(
                    _("Give a year between %(first)s and %(last)s."), code="year_out_of_range",
                    params={"first": first, "last": last})]  # fmt: skip
        if errors:
            raise ValidationError(errors)

    def clean(self) -> None:
        """The rules of the record as a whole: ``record_errors()``, then ``date_order``, raised together."""
        errors = self.record_errors()
        for earlier, later, message in self.date_order:
            first, last = getattr(self, earlier), getattr(self, later)
            if first and last and last < first:
                errors[later] = message
        if errors:
            raise ValidationError(errors)

    def record_errors(self) -> dict[str, Any]:
        """{field name: error} for what is wrong with the record as a whole (a model's own rules)."""
        return {}


class VersionedModel(BaseModel):
    """A record people edit concurrently: ``version`` grows with every change.

    Pages carry the version in a hidden field and the API in ``ETag``/``If-Match``;
    ``core.services.lock`` refuses an edit made from a stale version.
    """

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


class ChangeAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Updated")
    DELETE = "delete", _("Deleted")


class _Record(models.Model):
    """What the change log and the domain events both keep: when, who (as they were named then), which request."""

    timestamp = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    user = acting_user(_("who"))
    user_repr = models.CharField(_("who (as recorded)"), max_length=200)
    request_id = models.CharField(_("request id"), max_length=64, blank=True, db_index=True)

    objects = RestrictedManager()

    class Meta:
        abstract = True
        ordering = ["-timestamp", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]  # each record names its object


class ChangeLogEntry(_Record):
    """One change to one object, written by the service that made it."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("object"), max_length=300)
    action = models.CharField(_("action"), max_length=10, choices=ChangeAction.choices)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)

    class Meta(_Record.Meta):
        verbose_name = _("change log entry")
        verbose_name_plural = _("change log")

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr} by {self.user_repr}"

    def changed_fields(self) -> list[str]:
        before, after = self.before or {}, self.after or {}
        return sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))


class DomainEvent(_Record):
    """A typed event in the life of the system ("ratification recorded", "contact viewed")."""

    type = models.CharField(_("event"), max_length=80, db_index=True)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta(_Record.Meta):
        verbose_name = _("domain event")
        verbose_name_plural = _("domain events")

    def __str__(self) -> str:
        return f"{self.type}: {self.object_repr}"

    @property
    def label(self) -> str:
        from ctassist.core.events import label_for

        return label_for(self.type)


class SystemFlag(models.Model):
    """A named switch about the installation itself (for example: holds demonstration data)."""

    key = models.CharField(max_length=60, unique=True)
    value = models.BooleanField(default=False)

    objects = RestrictedManager()

    class Meta:
        verbose_name = _("system flag")

    def __str__(self) -> str:
        return f"{self.key}={self.value}"


class ColumnMapping(BaseModel):
    """A saved column mapping of an import: which column of a depositary's table holds which field.

    Named for the source it reads (e.g. "ICAO status list") and reused for the next table from it.
    ``columns`` maps each field key of the importer to the header text of its column.
    """

    importer = models.CharField(_("import"), max_length=60, db_index=True)
    name = models.CharField(_("name"), max_length=120)
    columns = models.JSONField(_("columns"), default=dict)

    class Meta:
        ordering = ["importer", "name"]
        constraints = [models.UniqueConstraint(fields=["importer", "name"], name="one_mapping_name_per_import")]
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")

    def __str__(self) -> str:
        return self.name


class Notification(BaseModel):
    """A message in a user's in-app inbox: what happened, in their language, and where to look.

    Written by :func:`ctassist.core.services.notify`, the one place that also sends the e-mail
    for the same event, so the bell and the mailbox always say the same thing.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    text = models.CharField(_("text"), max_length=300)
    link = models.CharField(_("link"), max_length=300, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="core_notification_unread")]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.link and not self.link.startswith("/"):
            raise ValidationError({"link": _("A notification links to a page of this site.")})


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class Job(BaseModel):
    """A piece of long work a user started (a whole-table export, the directory printout), run by the worker.

    The page of the job polls its status (``core.views_jobs``); the result file is served to its
    owner only, through the policy. ``updated_at`` is the lease's heartbeat (``core.jobs``).
    """

    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("started by"), on_delete=models.CASCADE, related_name="+"
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED, db_index=True
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.CharField(_("progress message"), max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    result = models.FileField(_("result"), upload_to="jobs/", blank=True)
    result_name = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(_("content type"), max_length=120, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    # The parameters may hold a whole import table (dropped once used): the change log keeps their size only.
    audit_exclude = ("params",)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)
