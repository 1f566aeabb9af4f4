"""Every change to the directory, and the record of every read of contact details."""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from ctassist.core import audit, policy, roles
from ctassist.core.policy import ADD, CHANGE, DELETE
from ctassist.directory.choices import EntryStatus
from ctassist.directory.events import DirectoryEvent
from ctassist.directory.models import ContactPerson, DirectoryAccess, DirectoryEntry, join_codes, stale_q
from ctassist.directory.policies import ARCHIVE, PROPOSE, PUBLISH, VERIFY

# The fields a focal point or UNODC edits; status, provenance and links are set by the services.
EDITABLE_FIELDS = (
    "authority_type",
    "name",
    "name_local",
    "address",
    "telephones",
    "emails",
    "website",
    "office_hours",
    "time_zone",
    "languages_accepted",
    "channels_accepted",
    "accepts_un_conventions",
    "urgent_by_email",
    "requirements",
    "legislation",
)
CONTACT_FIELDS = ("name", "title", "email", "telephone", "languages")
REMIND_AGAIN_AFTER_DAYS = 30


def _normalise(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    data = dict(fields)
    for key in ("languages_accepted", "channels_accepted"):
        if isinstance(data.get(key), list | tuple):
            data[key] = join_codes(data[key])
    for key in ("telephones", "emails", "legislation"):
        if isinstance(data.get(key), list | tuple):
            data[key] = "\n".join(str(v).strip() for v in data[key] if str(v).strip())
    return data


def _set_contacts(entry: DirectoryEntry, contacts: Sequence[dict[str, Any]], *, acting_user: Any) -> None:
    """Replace an entry's contact persons with ``contacts`` (dicts of CONTACT_FIELDS)."""
    for old in list(entry.contacts.all()):
        audit.log_change(acting_user=acting_user, obj=old, action="delete", before=audit.snapshot(old))
        old.delete()
    for position, data in enumerate(contacts):
        values = {k: data.get(k) or "" for k in CONTACT_FIELDS}
        if isinstance(data.get("languages"), list | tuple):
            values["languages"] = join_codes(data["languages"])
        if not values["name"]:
            continue
        audit.save_with_log(ContactPerson(entry=entry, position=position, **values), acting_user=acting_user)
    if hasattr(entry, "_prefetched_objects_cache"):
        entry._prefetched_objects_cache.pop("contacts", None)


def _contacts_of(entry: DirectoryEntry) -> list[dict[str, Any]]:
    return [{k: getattr(c, k) for k in CONTACT_FIELDS} for c in entry.contacts.all()]


@transaction.atomic
def create_entry(
    *,
    acting_user: Any,
    state,
    fields: dict[str, Any],
    contacts: Sequence[dict[str, Any]] = (),
    status: str = EntryStatus.DRAFT,
    is_demo: bool = False,
    last_verified_on: datetime.date | None = None,
) -> DirectoryEntry:
    """Create an entry. Only UNODC (or the system) may create one directly as published;
    a focal point's entry is a draft of its own State, awaiting publication."""
    if acting_user is not None and not roles.is_unodc(acting_user):
        status = EntryStatus.DRAFT
    entry = DirectoryEntry(
        state=state,
        status=status,
        is_demo=is_demo,
        submitted_by=acting_user if getattr(acting_user, "pk", None) else None,
        **_normalise(fields),
    )
    if status == EntryStatus.PUBLISHED:
        entry.last_verified_on = last_verified_on or timezone.localdate()
        entry.last_verified_by = entry.submitted_by
    audit.save_with_log(entry, acting_user=acting_user)
    _set_contacts(entry, contacts, acting_user=acting_user)
    policy.enforce(acting_user, ADD, entry)
    if status == EntryStatus.DRAFT:
        audit.emit(DirectoryEvent.ENTRY_PROPOSED, acting_user=acting_user, obj=entry, state=state.iso3)
    return entry


@transaction.atomic
def update_entry(
    *,
    acting_user: Any,
    entry: DirectoryEntry,
    fields: dict[str, Any],
    contacts: Sequence[dict[str, Any]] | None = None,
) -> DirectoryEntry:
    """Change an entry in place: UNODC any entry, a focal point its own State's drafts."""
    policy.enforce(acting_user, CHANGE, entry)
    before = audit.snapshot(entry)
    for name, value in _normalise(fields).items():
        setattr(entry, name, value)
    audit.save_with_log(entry, acting_user=acting_user, before=before)
    if contacts is not None:
        _set_contacts(entry, contacts, acting_user=acting_user)
    policy.enforce(acting_user, CHANGE, entry)
    return entry


@transaction.atomic
def propose_revision(
    *,
    acting_user: Any,
    entry: DirectoryEntry,
    fields: dict[str, Any],
    contacts: Sequence[dict[str, Any]] | None = None,
) -> DirectoryEntry:
    """A draft copy of a published entry with the proposed changes; UNODC publishes it over the original.

    One open revision per entry: a second proposal updates the first.
    """
    policy.enforce(acting_user, PROPOSE, entry)
    revision = entry.revisions.filter(status=EntryStatus.DRAFT).first()
    data = {name: getattr(entry, name) for name in EDITABLE_FIELDS}
    data.update(_normalise(fields))
    if contacts is None:
        contacts = _contacts_of(entry)
    if revision is None:
        revision = DirectoryEntry(
            state=entry.state,
            revision_of=entry,
            status=EntryStatus.DRAFT,
            is_demo=entry.is_demo,
            submitted_by=acting_user if getattr(acting_user, "pk", None) else None,
            **data,
        )
        audit.save_with_log(revision, acting_user=acting_user)
    else:
        before = audit.snapshot(revision)
        for name, value in data.items():
            setattr(revision, name, value)
        revision.submitted_by = acting_user if getattr(acting_user, "pk", None) else revision.submitted_by
        audit.save_with_log(revision, acting_user=acting_user, before=before)
    _set_contacts(revision, contacts, acting_user=acting_user)
    policy.enforce(acting_user, CHANGE, revision)
    audit.emit(DirectoryEvent.REVISION_PROPOSED, acting_user=acting_user, obj=revision, revises=entry.pk)
    return revision


@transaction.atomic
def publish(*, acting_user: Any, entry: DirectoryEntry) -> DirectoryEntry:
    """UNODC publishes a draft; a proposed revision is applied to the entry it revises and removed.

    Publishing counts as verification: the State has just confirmed the details.
    """
    policy.enforce(acting_user, PUBLISH, entry)
    if entry.status != EntryStatus.DRAFT:
        from django.core.exceptions import ValidationError

        raise ValidationError(_("Only a draft can be published."))
    today = timezone.localdate()
    verifier = acting_user if getattr(acting_user, "pk", None) else None
    if entry.revision_of_id:
        target = entry.revision_of
        before = audit.snapshot(target)
        for name in EDITABLE_FIELDS:
            setattr(target, name, getattr(entry, name))
        target.status = EntryStatus.PUBLISHED
        target.submitted_by = entry.submitted_by or target.submitted_by
        target.last_verified_on, target.last_verified_by = today, verifier
        audit.save_with_log(target, acting_user=acting_user, before=before)
        _set_contacts(target, _contacts_of(entry), acting_user=acting_user)
        revision_id = entry.pk
        audit.log_change(acting_user=acting_user, obj=entry, action="delete", before=audit.snapshot(entry))
        entry.delete()
        audit.emit(DirectoryEvent.ENTRY_PUBLISHED, acting_user=acting_user, obj=target, revision=revision_id)
        return target
    before = audit.snapshot(entry)
    entry.status = EntryStatus.PUBLISHED
    entry.last_verified_on, entry.last_verified_by = today, verifier
    audit.save_with_log(entry, acting_user=acting_user, before=before)
    audit.emit(DirectoryEvent.ENTRY_PUBLISHED, acting_user=acting_user, obj=entry)
    return entry


@transaction.atomic
def archive(*, acting_user: Any, entry: DirectoryEntry) -> DirectoryEntry:
    """UNODC withdraws an entry from the directory (kept for the record)."""
    policy.enforce(acting_user, ARCHIVE, entry)
    before = audit.snapshot(entry)
    entry.status = EntryStatus.ARCHIVED
    entry.revision_of = None
    audit.save_with_log(entry, acting_user=acting_user, before=before)
    audit.emit(DirectoryEvent.ENTRY_ARCHIVED, acting_user=acting_user, obj=entry)
    return entry


@transaction.atomic
def mark_verified(*, acting_user: Any, entry: DirectoryEntry, on: datetime.date | None = None) -> DirectoryEntry:
    """Record that the details were checked and are current (UNODC, or the State's focal point)."""
    policy.enforce(acting_user, VERIFY, entry)
    before = audit.snapshot(entry)
    entry.last_verified_on = on or timezone.localdate()
    entry.last_verified_by = acting_user if getattr(acting_user, "pk", None) else None
    audit.save_with_log(entry, acting_user=acting_user, before=before)
    audit.emit(DirectoryEvent.ENTRY_VERIFIED, acting_user=acting_user, obj=entry, on=entry.last_verified_on)
    return entry


@transaction.atomic
def delete_entry(*, acting_user: Any, entry: DirectoryEntry) -> None:
    """Delete a draft (a focal point withdraws its proposal) or, for UNODC, any entry."""
    policy.enforce(acting_user, DELETE, entry)
    for contact in list(entry.contacts.all()):
        audit.log_change(acting_user=acting_user, obj=contact, action="delete", before=audit.snapshot(contact))
    audit.log_change(acting_user=acting_user, obj=entry, action="delete", before=audit.snapshot(entry))
    entry.delete()


def record_contact_view(*, acting_user: Any, entries: Iterable[DirectoryEntry], via: str) -> None:
    """Write the "contact viewed" event for a read of contact details (page, API, export, vCard).

    ``entries`` must have ``state`` loaded. One event per read, naming every entry shown.
    """
    entries = list(entries)
    if not entries:
        return
    states = sorted({e.state.iso3 for e in entries})
    audit.emit(
        DirectoryEvent.CONTACT_VIEWED,
        acting_user=acting_user,
        obj=entries[0] if len(entries) == 1 else None,
        via=via,
        count=len(entries),
        entries=[e.pk for e in entries],
        states=states,
    )


@transaction.atomic
def grant_access(*, acting_user: Any, organisation, reason: str = "") -> DirectoryAccess:
    grant = DirectoryAccess(
        organisation=organisation,
        reason=reason,
        granted_by=acting_user if getattr(acting_user, "pk", None) else None,
    )
    audit.save_with_log(grant, acting_user=acting_user)
    policy.enforce(acting_user, ADD, grant)
    audit.emit(DirectoryEvent.ACCESS_GRANTED, acting_user=acting_user, obj=organisation, reason=reason)
    return grant


@transaction.atomic
def revoke_access(*, acting_user: Any, grant: DirectoryAccess) -> None:
    policy.enforce(acting_user, DELETE, grant)
    organisation = grant.organisation
    audit.log_change(acting_user=acting_user, obj=grant, action="delete", before=audit.snapshot(grant))
    grant.delete()
    audit.emit(DirectoryEvent.ACCESS_REVOKED, acting_user=acting_user, obj=organisation)


@dataclass
class Reminder:
    state: Any
    entries: list[DirectoryEntry]
    recipients: list[str] = field(default_factory=list)
    sent: bool = False


def stale_reminders(*, today: datetime.date | None = None, force: bool = False) -> list[Reminder]:
    """Which States have published entries not verified for more than twelve months, and whom to tell."""
    from ctassist.accounts.models import User

    today = today or timezone.localdate()
    entries = DirectoryEntry.objects.filter(stale_q(today), status=EntryStatus.PUBLISHED).select_related("state")
    if not force:
        since = today - datetime.timedelta(days=REMIND_AGAIN_AFTER_DAYS)
        entries = entries.exclude(last_reminded_on__gte=since)
    by_state: dict[int, Reminder] = {}
    for entry in entries.order_by("state__name", "authority_type"):
        by_state.setdefault(entry.state_id, Reminder(state=entry.state, entries=[])).entries.append(entry)
    focal_points = User.objects.filter(
        role=roles.FOCAL_POINT, is_active=True, organisation__state_id__in=list(by_state)
    ).exclude(email="")
    for user in focal_points.select_related("organisation").order_by("username"):
        by_state[user.organisation.state_id].recipients.append(user.email)
    return list(by_state.values())


@transaction.atomic
def send_stale_reminders(
    *, acting_user: Any = None, today: datetime.date | None = None, force: bool = False
) -> list[Reminder]:
    """E-mail each affected State's focal points the list of its stale entries; record an event per State."""
    today = today or timezone.localdate()
    reminders = stale_reminders(today=today, force=force)
    for reminder in reminders:
        if not reminder.recipients:
            continue
        context = {"state": reminder.state, "entries": reminder.entries, "site_url": settings_site_url()}
        subject = _("Directory of competent national authorities: %(count)s entries of %(state)s to verify") % {
            "count": len(reminder.entries),
            "state": reminder.state.name,
        }
        body = render_to_string("directory/email/stale_reminder.txt", context)
        send_mail(subject, body, None, reminder.recipients)
        reminder.sent = True
        DirectoryEntry.objects.filter(pk__in=[e.pk for e in reminder.entries]).update(last_reminded_on=today)
        audit.emit(
            DirectoryEvent.STALE_REMINDER_SENT,
            acting_user=acting_user,
            obj=reminder.state,
            entries=[e.pk for e in reminder.entries],
            recipients=reminder.recipients,
        )
    return reminders


def settings_site_url() -> str:
    # core has no site-URL setting yet; links in e-mails use this environment variable.
    return os.environ.get("CTASSIST_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
