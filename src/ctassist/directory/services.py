"""Every change to the directory, and the record of every read of contact details.

Entries, contact persons and access grants are written through ``core.services``
(validated, logged with before and after, checked against the policy after the
write, announced as events). Edits of an entry name the version the editor loaded
(``expected_version``): an edit made from a stale version is refused.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ctassist.accounts.models import User
from ctassist.core import audit, policy, roles
from ctassist.core import services as core
from ctassist.core.policy import CHANGE, DELETE
from ctassist.directory.choices import EntryStatus
from ctassist.directory.events import DirectoryEvent
from ctassist.directory.models import (
    CONTACT_FIELDS,
    EDITABLE_FIELDS,
    ContactPerson,
    DirectoryAccess,
    DirectoryEntry,
    join_codes,
    stale_q,
)
from ctassist.directory.policies import ARCHIVE, PROPOSE, PUBLISH, VERIFY

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


def _author(acting_user: Any) -> Any:
    return acting_user if getattr(acting_user, "pk", None) else None


def _contact_values(data: dict[str, Any]) -> dict[str, Any]:
    values = {k: data.get(k) or "" for k in CONTACT_FIELDS}
    if isinstance(data.get("languages"), list | tuple):
        values["languages"] = join_codes(data["languages"])
    return values


def _set_contacts(entry: DirectoryEntry, contacts: Sequence[dict[str, Any]], *, acting_user: Any) -> bool:
    """Make the entry's contact persons ``contacts`` (dicts of CONTACT_FIELDS), in order.

    The n-th person given updates the n-th one stored, so an unchanged list writes
    nothing; persons without a name are left out. Returns whether anything changed.
    """
    wanted = [values for values in map(_contact_values, contacts) if values["name"]]
    current = list(ContactPerson.objects.filter(entry=entry).order_by("position", "id"))
    changed = False
    for position, values in enumerate(wanted):
        person = current[position] if position < len(current) else ContactPerson(entry=entry)
        before = audit.snapshot(person) if person.pk else None
        for name, value in values.items():
            setattr(person, name, value)
        person.position = position
        changed = bool(core.save(person, acting_user=acting_user, before=before)) or changed
    for person in current[len(wanted) :]:
        _remove_contact(person, acting_user=acting_user)
        changed = True
    if hasattr(entry, "_prefetched_objects_cache"):
        entry._prefetched_objects_cache.pop("contacts", None)
    return changed


def _remove_contact(person: ContactPerson, *, acting_user: Any) -> None:
    # Checked on the entry being changed or deleted, not on the person alone.
    core.delete(person, acting_user=acting_user, event=DirectoryEvent.CONTACT_REMOVED,
                details={"entry": person.entry_id}, check=False)  # fmt: skip


def contacts_of(entry: DirectoryEntry) -> list[dict[str, Any]]:
    return [{k: getattr(c, k) for k in CONTACT_FIELDS} for c in entry.contacts.order_by("position", "id")]


def _write(
    entry: DirectoryEntry,
    *,
    acting_user: Any,
    event: DirectoryEvent,
    before: dict[str, Any] | None = None,
    contacts: Sequence[dict[str, Any]] | None = None,
    details: dict[str, Any] | None = None,
    action: str | None = None,
) -> str:
    """Save an entry and (unless ``None``) its contact persons; announce ``event`` if anything changed."""
    change = core.save(entry, acting_user=acting_user, before=before, action=action)
    if contacts is not None and _set_contacts(entry, contacts, acting_user=acting_user) and not change:
        # A change of the contact persons alone is a change of the entry for whoever edits it at
        # the same time: give it a new version so their edit, made from the old one, is refused.
        DirectoryEntry.objects.filter(pk=entry.pk).update(version=F("version") + 1)
        entry.version += 1
        change = "update"
    if change:
        audit.emit(event, acting_user=acting_user, obj=entry, **(details or {}))
    return change


def _delete(entry: DirectoryEntry, *, acting_user: Any, event: DirectoryEvent, details: dict[str, Any]) -> None:
    """Delete an entry (already checked) with its open revisions and contact persons, each logged."""
    for revision in DirectoryEntry.objects.filter(revision_of=entry):
        _delete(
            revision, acting_user=acting_user, event=DirectoryEvent.ENTRY_DELETED, details={"revision_of": entry.pk}
        )
    for person in ContactPerson.objects.filter(entry=entry):
        _remove_contact(person, acting_user=acting_user)
    core.delete(entry, acting_user=acting_user, event=event, details=details, check=False)


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
        state=state, status=status, is_demo=is_demo, submitted_by=_author(acting_user), **_normalise(fields)
    )
    if status == EntryStatus.PUBLISHED:
        entry.last_verified_on = last_verified_on or timezone.localdate()
        entry.last_verified_by = entry.submitted_by
    event = DirectoryEvent.ENTRY_PROPOSED if status == EntryStatus.DRAFT else DirectoryEvent.ENTRY_CREATED
    _write(entry, acting_user=acting_user, contacts=contacts, event=event, details={"state": state.iso3})
    return entry


@transaction.atomic
def update_entry(
    *,
    acting_user: Any,
    entry: DirectoryEntry,
    fields: dict[str, Any],
    contacts: Sequence[dict[str, Any]] | None = None,
    expected_version: int | None = None,
) -> DirectoryEntry:
    """Change an entry in place: UNODC any entry, a focal point its own State's drafts.

    ``expected_version`` is the version the editor loaded: without it the edit is
    refused (``VersionRequired``), and so it is when the entry changed since (``EditConflict``).
    """
    policy.enforce(acting_user, CHANGE, entry)  # refused before the version is even compared
    entry = core.lock(entry, expected_version=expected_version)
    before = audit.snapshot(entry)
    for name, value in _normalise(fields).items():
        setattr(entry, name, value)
    _write(entry, acting_user=acting_user, before=before, contacts=contacts, event=DirectoryEvent.ENTRY_CHANGED)
    return entry


@transaction.atomic
def propose_revision(
    *,
    acting_user: Any,
    entry: DirectoryEntry,
    fields: dict[str, Any],
    contacts: Sequence[dict[str, Any]] | None = None,
    expected_version: int | None = None,
) -> DirectoryEntry:
    """A draft copy of a published entry with the proposed changes; UNODC publishes it over the original.

    One open revision per entry: a second proposal updates the first. ``expected_version``
    (optional) is the version of the published entry the proposal was made from.
    """
    policy.enforce(acting_user, PROPOSE, entry)
    entry = core.lock(entry, expected_version=expected_version, required=False)
    revision = entry.revisions.filter(status=EntryStatus.DRAFT).first()
    data = {name: getattr(entry, name) for name in EDITABLE_FIELDS}
    data.update(_normalise(fields))
    if contacts is None:
        contacts = contacts_of(entry)
    before = None
    if revision is None:
        revision = DirectoryEntry(state=entry.state, revision_of=entry, status=EntryStatus.DRAFT,
                                  is_demo=entry.is_demo, submitted_by=_author(acting_user), **data)  # fmt: skip
    else:
        revision = core.lock(revision, expected_version=None, required=False)
        before = audit.snapshot(revision)
        for name, value in data.items():
            setattr(revision, name, value)
        revision.submitted_by = _author(acting_user) or revision.submitted_by
    _write(revision, acting_user=acting_user, before=before, contacts=contacts, action=CHANGE,
           event=DirectoryEvent.REVISION_PROPOSED, details={"revises": entry.pk})  # fmt: skip
    return revision


@transaction.atomic
def publish(*, acting_user: Any, entry: DirectoryEntry, expected_version: int | None = None) -> DirectoryEntry:
    """UNODC publishes a draft; a proposed revision is applied to the entry it revises and removed.

    Publishing counts as verification: the State has just confirmed the details.
    """
    policy.enforce(acting_user, PUBLISH, entry)
    entry = core.lock(entry, expected_version=expected_version, required=False)
    if entry.status != EntryStatus.DRAFT:
        raise ValidationError(_("Only a draft can be published."))
    today = timezone.localdate()
    if entry.revision_of_id:
        assert entry.revision_of is not None  # noqa: S101 (revision_of_id is set)
        target = core.lock(entry.revision_of, expected_version=None, required=False)
        before = audit.snapshot(target)
        for name in EDITABLE_FIELDS:
            setattr(target, name, getattr(entry, name))
        target.status = EntryStatus.PUBLISHED
        target.submitted_by = entry.submitted_by or target.submitted_by
        target.last_verified_on, target.last_verified_by = today, _author(acting_user)
        _write(target, acting_user=acting_user, before=before, contacts=contacts_of(entry),
               event=DirectoryEvent.ENTRY_PUBLISHED, details={"revision": entry.pk}, action=PUBLISH)  # fmt: skip
        _delete(entry, acting_user=acting_user, event=DirectoryEvent.REVISION_APPLIED, details={"entry": target.pk})
        return target
    before = audit.snapshot(entry)
    entry.status = EntryStatus.PUBLISHED
    entry.last_verified_on, entry.last_verified_by = today, _author(acting_user)
    _write(entry, acting_user=acting_user, before=before, event=DirectoryEvent.ENTRY_PUBLISHED, action=PUBLISH)
    return entry


@transaction.atomic
def archive(*, acting_user: Any, entry: DirectoryEntry, expected_version: int | None = None) -> DirectoryEntry:
    """UNODC withdraws an entry from the directory (kept for the record)."""
    policy.enforce(acting_user, ARCHIVE, entry)
    entry = core.lock(entry, expected_version=expected_version, required=False)
    before = audit.snapshot(entry)
    entry.status = EntryStatus.ARCHIVED
    entry.revision_of = None
    _write(entry, acting_user=acting_user, before=before, event=DirectoryEvent.ENTRY_ARCHIVED, action=ARCHIVE)
    return entry


@transaction.atomic
def mark_verified(
    *,
    acting_user: Any,
    entry: DirectoryEntry,
    on: datetime.date | None = None,
    expected_version: int | None = None,
) -> DirectoryEntry:
    """Record that the details were checked and are current (UNODC, or the State's focal point)."""
    policy.enforce(acting_user, VERIFY, entry)
    entry = core.lock(entry, expected_version=expected_version, required=False)
    before = audit.snapshot(entry)
    entry.last_verified_on = on or timezone.localdate()
    entry.last_verified_by = _author(acting_user)
    _write(entry, acting_user=acting_user, before=before, event=DirectoryEvent.ENTRY_VERIFIED, action=VERIFY,
           details={"on": entry.last_verified_on})  # fmt: skip
    return entry


@transaction.atomic
def delete_entry(*, acting_user: Any, entry: DirectoryEntry, expected_version: int | None = None) -> None:
    """Delete a draft (a focal point withdraws its proposal) or, for UNODC, any entry."""
    policy.enforce(acting_user, DELETE, entry)
    entry = core.lock(entry, expected_version=expected_version, required=False)
    _delete(entry, acting_user=acting_user, event=DirectoryEvent.ENTRY_DELETED,
            details={"state": entry.state.iso3, "revision_of": entry.revision_of_id})  # fmt: skip


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
    """UNODC lets a partner or donor organisation read the published directory."""
    grant = DirectoryAccess(organisation=organisation, reason=reason, granted_by=_author(acting_user))
    core.save(grant, acting_user=acting_user, event=DirectoryEvent.ACCESS_GRANTED,
              details={"organisation": organisation.pk, "reason": reason})  # fmt: skip
    return grant


@transaction.atomic
def revoke_access(*, acting_user: Any, grant: DirectoryAccess) -> None:
    core.delete(grant, acting_user=acting_user, event=DirectoryEvent.ACCESS_REVOKED,
                details={"organisation": grant.organisation_id})  # fmt: skip


@dataclass
class Reminder:
    state: Any
    entries: list[DirectoryEntry]
    recipients: list[str] = field(default_factory=list)
    users: list[Any] = field(default_factory=list)
    sent: bool = False


def stale_reminders(*, today: datetime.date | None = None, force: bool = False) -> list[Reminder]:
    """Which States have published entries not verified for more than twelve months, and whom to tell."""
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
        by_state[user.organisation.state_id].users.append(user)
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

        def compose(reminder: Reminder = reminder, context: dict[str, Any] = context) -> tuple[str, str]:
            subject = _("Directory of competent national authorities: %(count)s entries of %(state)s to verify") % {
                "count": len(reminder.entries),
                "state": reminder.state.name,
            }
            return subject, render_to_string("directory/email/stale_reminder.txt", context)

        # Each focal point reads the reminder in their own language, in the app and by e-mail.
        core.notify(
            reminder.users, compose, link=reverse("directory:entry_list") + f"?state={reminder.state.iso3}",
            fail_silently=False, mail_on_commit=False,
        )  # fmt: skip
        reminder.sent = True
        # Bookkeeping of the mail, not an edit of the entries: no new version (an edit open at the
        # time stays valid) and no change-log entry; the event below names every entry reminded.
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
