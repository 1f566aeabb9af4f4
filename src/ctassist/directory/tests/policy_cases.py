from ctassist.core.policy import ADD, CHANGE, DELETE, VIEW
from ctassist.core.testing import NOBODY, UNODC, PolicyCase, Urls
from ctassist.directory import services
from ctassist.directory.choices import EntryStatus
from ctassist.directory.models import ContactPerson, DirectoryAccess, DirectoryEntry
from ctassist.directory.policies import ARCHIVE, PROPOSE, PUBLISH, VERIFY

FOCAL = frozenset({"focal_point"})
BOTH_FOCAL = frozenset({"focal_point", "other_focal_point"})


def entry(actors, status=EntryStatus.PUBLISHED):
    return services.create_entry(
        acting_user=None,
        state=actors.state,
        fields={"authority_type": "mla", "name": "Central authority (test)", "emails": "mla@example.org"},
        contacts=[{"name": "Test Person", "email": "person@example.org"}],
        status=status,
    )


def granted(actors):
    services.grant_access(acting_user=None, organisation=actors.organisations["partner"])
    return entry(actors)


PUBLISHED = {
    VIEW: UNODC | BOTH_FOCAL,
    ADD: UNODC,
    CHANGE: UNODC,
    DELETE: UNODC,
    PUBLISH: UNODC,
    ARCHIVE: UNODC,
    VERIFY: UNODC | FOCAL,
    PROPOSE: UNODC | FOCAL,
}
DRAFT = {
    VIEW: UNODC | FOCAL,
    ADD: UNODC | FOCAL,
    CHANGE: UNODC | FOCAL,
    DELETE: UNODC | FOCAL,
    PUBLISH: UNODC,
    ARCHIVE: UNODC,
    VERIFY: UNODC,
    PROPOSE: NOBODY,
}

# A signed-in official without access is sent to the public coverage page rather than refused bare.
ENTRY_URLS = Urls.named(page="directory:entry_detail", api="directory-entry", denied="/directory/coverage/")

CASES = [
    PolicyCase(
        DirectoryEntry, make=entry, allowed=PUBLISHED, label="directory.DirectoryEntry (published)", urls=ENTRY_URLS
    ),
    PolicyCase(
        DirectoryEntry,
        make=lambda a: entry(a, EntryStatus.DRAFT),
        allowed=DRAFT,
        label="directory.DirectoryEntry (draft)",
        urls=ENTRY_URLS,
    ),
    PolicyCase(
        DirectoryEntry,
        make=granted,
        allowed={**PUBLISHED, VIEW: PUBLISHED[VIEW] | {"partner"}},
        label="directory.DirectoryEntry (partner granted access)",
        urls=ENTRY_URLS,
    ),
    PolicyCase(
        DirectoryEntry,
        make=lambda a: services.archive(acting_user=None, entry=entry(a)),
        allowed={**DRAFT, VIEW: UNODC | FOCAL, ADD: UNODC, CHANGE: UNODC, DELETE: UNODC, PROPOSE: NOBODY},
        label="directory.DirectoryEntry (archived)",
        urls=ENTRY_URLS,
    ),
    PolicyCase(
        ContactPerson,
        make=lambda a: entry(a).contacts.get(),
        allowed={VIEW: UNODC | BOTH_FOCAL, ADD: UNODC, CHANGE: UNODC, DELETE: UNODC},
        label="directory.ContactPerson (published)",
    ),
    PolicyCase(
        ContactPerson,
        make=lambda a: entry(a, EntryStatus.DRAFT).contacts.get(),
        allowed={VIEW: UNODC | FOCAL, ADD: UNODC | FOCAL, CHANGE: UNODC | FOCAL, DELETE: UNODC | FOCAL},
        label="directory.ContactPerson (draft)",
    ),
    PolicyCase(
        DirectoryAccess,
        make=lambda a: services.grant_access(acting_user=None, organisation=a.organisations["partner"]),
        allowed={VIEW: UNODC, ADD: UNODC, CHANGE: UNODC, DELETE: UNODC},
    ),
]
