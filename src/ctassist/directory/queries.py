"""Read-only computations for pages and the API (a fixed number of queries each)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q

from ctassist.directory.choices import SHORT_TYPE_LABELS, AuthorityType, EntryStatus
from ctassist.directory.models import CONTACT_FIELDS, EDITABLE_FIELDS, ContactPerson, DirectoryEntry


def entries_with_contacts(queryset):
    """Entries ready to print: State loaded, contact persons prefetched (two queries)."""
    return queryset.select_related("state").prefetch_related(
        Prefetch("contacts", queryset=ContactPerson.objects.order_by("position", "id"))
    )


@dataclass
class CoverageRow:
    state_name: str
    iso3: str
    types: dict[str, int] = field(default_factory=dict)
    demo: bool = False
    cells: list[int] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.types.values())


@dataclass
class Coverage:
    rows: list[CoverageRow]
    types: list[tuple[str, Any]]  # (code, label); labels are lazy translations
    has_demo: bool

    @property
    def headings(self) -> list[tuple[str, Any]]:
        """(short label, full label) for each type, for column headings."""
        return [(SHORT_TYPE_LABELS.get(code, label), label) for code, label in self.types]

    @property
    def states(self) -> int:
        return len(self.rows)

    @property
    def authorities(self) -> int:
        return sum(r.total for r in self.rows)

    def type_totals(self) -> list[int]:
        return [sum(1 for r in self.rows if r.types.get(code)) for code, _label in self.types]


def coverage_counts():
    """State × type counts of published entries: the only directory facts the public may see.

    Returns values (never entry rows), so no name or contact detail can leak
    through it; it is deliberately not restricted by the entry policy.
    """
    return (
        DirectoryEntry.objects.filter(status=EntryStatus.PUBLISHED)
        .values("state__name", "state__iso3", "authority_type")
        .annotate(count=Count("pk"), demo=Count("pk", filter=Q(is_demo=True)))
        .order_by("state__name", "authority_type")
    )


def coverage() -> Coverage:
    rows: dict[str, CoverageRow] = {}
    has_demo = False
    for item in coverage_counts():
        row = rows.setdefault(item["state__iso3"], CoverageRow(item["state__name"], item["state__iso3"]))
        row.types[item["authority_type"]] = item["count"]
        row.demo = row.demo or item["demo"] > 0
        has_demo = has_demo or item["demo"] > 0
    types = list(AuthorityType.choices)
    for row in rows.values():
        row.cells = [row.types.get(code, 0) for code, _label in types]
    return Coverage(rows=list(rows.values()), types=types, has_demo=has_demo)


def changes_proposed(revision: DirectoryEntry) -> list[tuple[str, str, str]]:
    """(field label, published value, proposed value) for each field a revision changes."""
    original = revision.revision_of
    if original is None:
        return []
    changes = []
    for name in EDITABLE_FIELDS:
        old, new = getattr(original, name), getattr(revision, name)
        if old != new:
            field_: Any = DirectoryEntry._meta.get_field(name)  # EDITABLE_FIELDS are concrete fields
            if field_.choices:
                old, new = getattr(original, f"get_{name}_display")(), getattr(revision, f"get_{name}_display")()
            changes.append((str(field_.verbose_name), "" if old is None else str(old), "" if new is None else str(new)))

    def people(entry):
        return ["; ".join(str(getattr(c, k)) for k in CONTACT_FIELDS if getattr(c, k)) for c in entry.contacts.all()]

    old_people, new_people = people(original), people(revision)
    if old_people != new_people:
        changes.append((str(ContactPerson._meta.verbose_name_plural), "\n".join(old_people), "\n".join(new_people)))
    return changes


def state_authorities(user, state) -> list[dict] | None:
    """The competent authorities of ``state`` that ``user`` may see, without their contact details
    (which stay in the directory, where every read of them is recorded): id, name, authority_type,
    status, archived entries left out, by type then name. ``None`` when ``user`` may see no entry at all.
    """
    visible = DirectoryEntry.objects.restrict(user)
    if not visible.exists():
        return None
    return list(
        visible.filter(state=state)
        .exclude(status=EntryStatus.ARCHIVED)
        .values("id", "name", "authority_type", "status", "is_demo")
        .order_by("authority_type", "name")
    )


# Authority types a cooperation request is addressed to, in order of preference (issue 17).
REQUEST_AUTHORITY_TYPES = {
    "mla": (AuthorityType.MLA, AuthorityType.E_EVIDENCE, AuthorityType.PROSECUTION),
    "extradition": (AuthorityType.EXTRADITION, AuthorityType.MLA, AuthorityType.PROSECUTION),
}


def authorities_for_request(user: Any, state: Any, kind: str) -> list[DirectoryEntry]:
    """The published entries of ``state`` that a request of ``kind`` may be sent to, as ``user`` may read them.

    Central authorities first, then the 24/7 contact for electronic evidence and prosecution services;
    contact persons prefetched (two queries). Callers that show contact details record the view.
    """
    types = REQUEST_AUTHORITY_TYPES.get(kind, REQUEST_AUTHORITY_TYPES["mla"])
    entries = entries_with_contacts(
        DirectoryEntry.objects.restrict(user).filter(
            state=state, status=EntryStatus.PUBLISHED, authority_type__in=types
        )
    )
    return sorted(entries, key=lambda e: (types.index(e.authority_type), e.name))
