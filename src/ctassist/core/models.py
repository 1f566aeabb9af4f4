"""Base model and the two audit layers: the change log and domain events."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ctassist.core.policy import RestrictedManager

# The years a date the product records may fall in, unless a model says otherwise for a field
# (``BaseModel.year_bounds``): laws and treaties go back to the nineteenth century; nothing is
# planned two centuries ahead. The year 386 or 9999 is a typing slip, refused naming its field.
YEAR_BOUNDS = (1800, 2200)
# Where the record is about the United Nations' work (activities, requests, contributions...).
UN_YEARS = (1945, 2200)
# The most people one count may hold (officials at one activity, say); beyond it a figure is a typing slip,
# and PostgreSQL's integer column would overflow long before the largest number SQLite accepts.
MAX_PEOPLE = 1_000_000


class BaseModel(models.Model):
    """Every domain model: timestamps, the restricted manager, and sane years for every date."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RestrictedManager()

    # {field name: (first year, last year)} for dates that need narrower bounds than YEAR_BOUNDS.
    year_bounds: dict[str, tuple[int, int]] = {}

    class Meta:
        abstract = True

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


class ChangeLogEntry(models.Model):
    """One change to one object, written by the service that made it."""

    timestamp = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user_repr = models.CharField(_("who (as recorded)"), max_length=200)
    request_id = models.CharField(_("request id"), max_length=64, blank=True, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("object"), max_length=300)
    action = models.CharField(_("action"), max_length=10, choices=ChangeAction.choices)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)

    objects = RestrictedManager()

    class Meta:
        ordering = ["-timestamp", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("change log entry")
        verbose_name_plural = _("change log")

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr} by {self.user_repr}"

    def changed_fields(self) -> list[str]:
        before, after = self.before or {}, self.after or {}
        return sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))


class DomainEvent(models.Model):
    """A typed event in the life of the system ("ratification recorded", "contact viewed")."""

    timestamp = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    type = models.CharField(_("event"), max_length=80, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user_repr = models.CharField(_("who (as recorded)"), max_length=200)
    request_id = models.CharField(_("request id"), max_length=64, blank=True, db_index=True)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    objects = RestrictedManager()

    class Meta:
        ordering = ["-timestamp", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
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

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)
