"""Who may read and change the directory.

Contact details are for officials only: UNODC staff see everything (drafts
included); a State's focal point sees every State's published entries and all
of its own State's entries, and proposes changes to its own State's entries
only; a partner or donor organisation sees published entries once UNODC has
granted it access (``DirectoryAccess``). Anonymous visitors see nothing here:
the public summary (``queries.coverage``) returns counts, never rows.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from ctassist.core import roles
from ctassist.core.policy import ADD, ALL, CHANGE, DELETE, NONE, VIEW, Policy, register
from ctassist.directory.choices import EntryStatus
from ctassist.directory.models import ContactPerson, DirectoryAccess, DirectoryEntry

PUBLISH = "publish"
ARCHIVE = "archive"
VERIFY = "verify"
PROPOSE = "propose"
ENTRY_ACTIONS = (VIEW, ADD, CHANGE, DELETE, PUBLISH, ARCHIVE, VERIFY, PROPOSE)


def has_granted_access(user: Any) -> bool:
    """Whether the user's partner or donor organisation was given access by UNODC."""
    if roles.role_of(user) not in {roles.PARTNER, roles.DONOR}:
        return False
    organisation_id = roles.organisation_id_of(user)
    return bool(organisation_id) and DirectoryAccess.objects.filter(organisation_id=organisation_id).exists()


def _q(prefix: str, **lookups: Any) -> Q:
    return Q(**{f"{prefix}{key}": value for key, value in lookups.items()})


def entry_scope(user: Any, action: str, prefix: str = "") -> Any:
    if roles.is_unodc(user):
        if action == PROPOSE:
            return _q(prefix, status=EntryStatus.PUBLISHED)
        return ALL
    state_id = roles.state_id_of(user)
    if state_id:
        if action == VIEW:
            return _q(prefix, status=EntryStatus.PUBLISHED) | _q(prefix, state_id=state_id)
        if action in (ADD, CHANGE, DELETE):
            return _q(prefix, state_id=state_id, status=EntryStatus.DRAFT)
        if action == VERIFY:
            return _q(prefix, state_id=state_id, status=EntryStatus.PUBLISHED)
        if action == PROPOSE:
            return _q(prefix, state_id=state_id, status=EntryStatus.PUBLISHED)
        return NONE
    if action == VIEW and has_granted_access(user):
        return _q(prefix, status=EntryStatus.PUBLISHED)
    return NONE


@register(DirectoryEntry)
class DirectoryEntryPolicy(Policy):
    actions = ENTRY_ACTIONS

    def scope(self, user, action):
        return entry_scope(user, action)


@register(ContactPerson)
class ContactPersonPolicy(Policy):
    """A contact person goes with its entry: read with it, changed where the entry may be changed."""

    def scope(self, user, action):
        return entry_scope(user, VIEW if action == VIEW else CHANGE, prefix="entry__")


@register(DirectoryAccess)
class DirectoryAccessPolicy(Policy):
    def scope(self, user, action):
        return ALL if roles.is_unodc(user) else NONE
