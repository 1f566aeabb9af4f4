"""Every change to the library and to legislative reviews.

Each record is written through ``core.services.save`` (validated, saved with its
many-to-many fields, logged with before and after, checked against the policy
after the write, announced as an event) or removed through
``core.services.delete`` (with its event), and the search index is kept current
(``core.search.index``) in the same transaction.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ctassist.core import audit, policy, roles
from ctassist.core import services as core
from ctassist.core.events import EventType
from ctassist.core.search import index
from ctassist.library import checklists
from ctassist.library.choices import Incorporation, LegislationStatus, ReviewStatus
from ctassist.library.events import LibraryEvent
from ctassist.library.extraction import ProvisionDraft
from ctassist.library.models import CaseLaw, Legislation, LegislativeReview, Provision, Publication, ReviewItem
from ctassist.library.policies import FINALISE, PUBLISH

LEGISLATION_FIELDS = (
    "state",
    "title",
    "kind",
    "adopted_on",
    "in_force_on",
    "amended_on",
    "language",
    "source_url",
    "summary",
    "themes",
)


def _reindex_legislation(legislation: Legislation) -> None:
    legislation._instrument_codes = None  # type: ignore[attr-defined]
    provisions = list(legislation.provisions.all())
    for provision in provisions:
        provision.legislation = legislation
    index.index_many(provisions)


def _write_provisions(legislation: Legislation, drafts: Sequence[ProvisionDraft], acting_user: Any) -> None:
    old = list(legislation.provisions.all())
    if old:
        index.unindex("provision", [p.pk for p in old])
        for provision in old:
            if provision.review_items.exists():
                raise ValidationError(
                    _("%(label)s is cited by a legislative review; edit the provision instead of replacing the text.")
                    % {"label": provision.label}
                )
        for provision in old:
            # Parts of the law being replaced: the change of the law itself was checked.
            core.delete(provision, acting_user=acting_user, event=LibraryEvent.PROVISION_REMOVED, check=False)
    for position, draft in enumerate(drafts, start=1):
        provision = Provision(
            legislation=legislation,
            position=position,
            label=draft.label[:80],
            heading=draft.heading[:300],
            text=draft.text,
        )
        core.save(provision, acting_user=acting_user)
    _reindex_legislation(legislation)


@transaction.atomic
def create_legislation(
    *,
    acting_user: Any,
    provisions: Sequence[ProvisionDraft],
    instruments: Iterable[Any] = (),
    is_demo: bool = False,
    **fields: Any,
) -> Legislation:
    """Add a law. UNODC publishes directly; a State's focal point proposes one of its own State."""
    if not provisions:
        raise ValidationError(_("The law has no text: give its provisions."))
    unknown = set(fields) - set(LEGISLATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown legislation fields: {sorted(unknown)}")
    proposing = acting_user is not None and not roles.is_unodc(acting_user)
    legislation = Legislation(
        status=LegislationStatus.PROPOSED if proposing else LegislationStatus.PUBLISHED,
        proposed_by=acting_user if proposing else None,
        is_demo=is_demo,
        **fields,
    )
    core.save(
        legislation,
        acting_user=acting_user,
        m2m={"instruments": list(instruments)},
        event=LibraryEvent.LEGISLATION_PROPOSED if proposing else LibraryEvent.LEGISLATION_ADDED,
        details={"provisions": len(provisions)},
    )
    _write_provisions(legislation, provisions, acting_user)
    return legislation


@transaction.atomic
def update_legislation(
    *,
    acting_user: Any,
    legislation: Legislation,
    provisions: Sequence[ProvisionDraft] | None = None,
    instruments: Iterable[Any] | None = None,
    expected_version: int | None = None,
    **fields: Any,
) -> Legislation:
    """Change a law; ``expected_version`` is the version the editor loaded (a stale one is refused)."""
    policy.enforce(acting_user, policy.CHANGE, legislation)
    unknown = set(fields) - set(LEGISLATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown legislation fields: {sorted(unknown)}")
    legislation = core.lock(legislation, expected_version=expected_version, required=False)
    before = audit.snapshot(legislation)
    for name, value in fields.items():
        setattr(legislation, name, value)
    core.save(
        legislation,
        acting_user=acting_user,
        before=before,
        m2m={"instruments": None if instruments is None else list(instruments)},
    )
    if provisions is not None:
        _write_provisions(legislation, provisions, acting_user)
    else:
        _reindex_legislation(legislation)
    return legislation


@transaction.atomic
def update_provision(*, acting_user: Any, provision: Provision, **fields: Any) -> Provision:
    policy.enforce(acting_user, policy.CHANGE, provision)
    before = audit.snapshot(provision)
    for name in ("label", "heading", "text"):
        if name in fields:
            setattr(provision, name, fields.pop(name))
    if fields:
        raise TypeError(f"Unknown provision fields: {sorted(fields)}")
    core.save(provision, acting_user=acting_user, before=before)
    index.index_object(provision)
    return provision


@transaction.atomic
def publish_legislation(*, acting_user: Any, legislation: Legislation) -> Legislation:
    policy.enforce(acting_user, PUBLISH, legislation)
    if legislation.status == LegislationStatus.PUBLISHED:
        raise ValidationError(_("This law is already published."))
    legislation = core.lock(legislation, expected_version=None, required=False)
    before = audit.snapshot(legislation)
    legislation.status = LegislationStatus.PUBLISHED
    core.save(
        legislation, acting_user=acting_user, before=before, event=LibraryEvent.LEGISLATION_PUBLISHED, action=PUBLISH
    )
    _reindex_legislation(legislation)
    return legislation


@transaction.atomic
def delete_legislation(*, acting_user: Any, legislation: Legislation) -> None:
    policy.enforce(acting_user, policy.DELETE, legislation)
    provisions = list(legislation.provisions.all())
    if any(p.review_items.exists() for p in provisions):
        raise ValidationError(_("A legislative review cites this law; it cannot be removed."))
    index.unindex("provision", [p.pk for p in provisions])
    core.delete(legislation, acting_user=acting_user, event=LibraryEvent.LEGISLATION_WITHDRAWN)


CASE_FIELDS = (
    "state",
    "title",
    "court",
    "decided_on",
    "case_number",
    "summary",
    "offences",
    "outcome",
    "language",
    "source_url",
    "themes",
)


def _save_indexed(
    obj: Any,
    *,
    acting_user: Any,
    creating: bool,
    allowed: Sequence[str],
    fields: dict[str, Any],
    m2m: dict[str, Iterable[Any] | None],
    event: EventType,
) -> None:
    """Create or update a case or publication: only ``allowed`` fields, saved through
    ``core.services.save`` with its many-to-many fields, then re-indexed for search."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown {obj._meta.model_name} fields: {sorted(unknown)}")
    before = None
    if not creating:
        policy.enforce(acting_user, policy.CHANGE, obj)
        before = audit.snapshot(obj)
    for name, value in fields.items():
        setattr(obj, name, value)
    core.save(
        obj,
        acting_user=acting_user,
        before=before,
        m2m={name: None if values is None else list(values) for name, values in m2m.items()},
        event=event if creating else None,
    )
    obj._instrument_codes = None
    index.index_object(obj)


@transaction.atomic
def save_case(
    *,
    acting_user: Any,
    case: CaseLaw | None = None,
    instruments: Iterable[Any] | None = None,
    related_legislation: Iterable[Any] | None = None,
    is_demo: bool = False,
    **fields: Any,
) -> CaseLaw:
    """Create (``case=None``) or update a case."""
    obj = case if case is not None else CaseLaw(is_demo=is_demo)
    _save_indexed(
        obj,
        acting_user=acting_user,
        creating=case is None,
        allowed=CASE_FIELDS,
        fields=fields,
        m2m={"instruments": instruments, "related_legislation": related_legislation},
        event=LibraryEvent.CASE_ADDED,
    )
    return obj


@transaction.atomic
def delete_case(*, acting_user: Any, case: CaseLaw) -> None:
    index.unindex_object(case)
    core.delete(case, acting_user=acting_user, event=LibraryEvent.CASE_DELETED)


PUBLICATION_FIELDS = ("title", "kind", "year", "languages", "audience", "summary", "text", "file", "themes")


@transaction.atomic
def save_publication(
    *,
    acting_user: Any,
    publication: Publication | None = None,
    instruments: Iterable[Any] | None = None,
    is_demo: bool = False,
    **fields: Any,
) -> Publication:
    """Create (``publication=None``) or update a publication; ``file`` may be a stored file name."""
    obj = publication if publication is not None else Publication(is_demo=is_demo)
    _save_indexed(
        obj,
        acting_user=acting_user,
        creating=publication is None,
        allowed=PUBLICATION_FIELDS,
        fields=fields,
        m2m={"instruments": instruments},
        event=LibraryEvent.PUBLICATION_ADDED,
    )
    return obj


@transaction.atomic
def delete_publication(*, acting_user: Any, publication: Publication) -> None:
    index.unindex_object(publication)
    core.delete(publication, acting_user=acting_user, event=LibraryEvent.PUBLICATION_DELETED)


# --- Legislative reviews -------------------------------------------------------------


@transaction.atomic
def start_review(
    *,
    acting_user: Any,
    state: Any,
    instruments: Sequence[Any],
    title: str = "",
    summary: str = "",
    is_demo: bool = False,
) -> LegislativeReview:
    """Open a draft review of ``state`` with one item per checklist entry of each instrument."""
    instruments = list(instruments)
    if not instruments:
        raise ValidationError(_("Choose at least one instrument to review against."))
    missing = [i.short_name for i in instruments if not checklists.items_for(i.code)]
    if missing:
        raise ValidationError(_("No checklist is available for: %(names)s") % {"names": ", ".join(missing)})
    review = LegislativeReview(
        state=state,
        title=title or _("Legislative review of %(state)s") % {"state": state.name},
        summary=summary,
        reviewer=acting_user if getattr(acting_user, "pk", None) else None,
        is_demo=is_demo,
    )
    core.save(
        review,
        acting_user=acting_user,
        m2m={"instruments": instruments},
        event=LibraryEvent.REVIEW_STARTED,
        details={"instruments": [i.code for i in instruments]},
    )
    # The checklist items are parts of the new review, written with it (its entry and event
    # record the start); each later assessment of an item is saved and logged on its own.
    ReviewItem.objects.bulk_create(
        ReviewItem(
            review=review,
            instrument=instrument,
            item_key=item.key,
            position=position,
            category=item.category,
            article=item.article,
            requirement=item.requirement,
        )
        for instrument in instruments
        for position, item in enumerate(checklists.items_for(instrument.code), start=1)
    )
    return review


@transaction.atomic
def assess_item(
    *,
    acting_user: Any,
    item: ReviewItem,
    status: str,
    provisions: Iterable[Provision] = (),
    comment: str = "",
    assessed_on: datetime.date | None = None,
    expected_version: int | None = None,
) -> ReviewItem:
    """Record how far the State's law incorporates one checklist item.

    ``expected_version`` is the version of the item the reviewer loaded: when another
    reviewer saved it meanwhile, ``core.services.EditConflict`` is raised and nothing
    is written. (Pages always send it; the system's own callers may leave it out.)
    """
    policy.enforce(acting_user, policy.CHANGE, item)
    item = core.lock(item, expected_version=expected_version, required=False)
    if item.review.status == ReviewStatus.FINAL:
        raise ValidationError(_("The review is final; reopen it to change an item."))
    if status not in Incorporation.values:
        raise ValidationError({"status": _("Unknown status.")})
    provisions = list(provisions)
    foreign = [p for p in provisions if p.legislation.state_id != item.review.state_id]
    if foreign:
        raise ValidationError({"provisions": _("Cite provisions of the reviewed State's own law.")})
    if status in (Incorporation.FULLY, Incorporation.PARTLY) and not provisions:
        raise ValidationError({"provisions": _("Cite the domestic provisions that incorporate it.")})
    before = audit.snapshot(item)
    item.status = status
    item.comment = comment
    item.assessed_on = assessed_on or (timezone.localdate() if status else None)
    core.save(
        item,
        acting_user=acting_user,
        before=before,
        m2m={"provisions": provisions},
        event=LibraryEvent.REVIEW_ITEM_ASSESSED,
        details={"status": status},
    )
    return item


@transaction.atomic
def finalise_review(*, acting_user: Any, review: LegislativeReview, summary: str | None = None) -> LegislativeReview:
    policy.enforce(acting_user, FINALISE, review)
    review = core.lock(review, expected_version=None, required=False)
    if review.status == ReviewStatus.FINAL:
        raise ValidationError(_("The review is already final."))
    unassessed = review.items.filter(status="").count()
    if unassessed:
        raise ValidationError(
            _("%(n)s checklist items are not yet assessed; assess each (or mark it not applicable) first.")
            % {"n": unassessed}
        )
    before = audit.snapshot(review)
    review.status = ReviewStatus.FINAL
    review.finalised_on = timezone.localdate()
    if summary is not None:
        review.summary = summary
    core.save(review, acting_user=acting_user, before=before, event=LibraryEvent.REVIEW_FINALISED, action=FINALISE)
    return review


@transaction.atomic
def reopen_review(*, acting_user: Any, review: LegislativeReview, reason: str) -> LegislativeReview:
    policy.enforce(acting_user, FINALISE, review)
    review = core.lock(review, expected_version=None, required=False)
    if review.status != ReviewStatus.FINAL:
        raise ValidationError(_("Only a final review can be reopened."))
    if not reason.strip():
        raise ValidationError(_("Say why the review is reopened."))
    before = audit.snapshot(review)
    review.status = ReviewStatus.DRAFT
    review.finalised_on = None
    core.save(
        review,
        acting_user=acting_user,
        before=before,
        event=LibraryEvent.REVIEW_REOPENED,
        details={"reason": reason},
        action=FINALISE,
    )
    return review
