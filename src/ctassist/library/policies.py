"""Who may reach what in the library and in legislative reviews (see docs/library.md).

- Legislation: published texts are public; a proposed text is seen by UNODC and the
  focal point of its State, who may propose, change and withdraw it until UNODC
  publishes it ("publish" is UNODC's alone).
- Case law and publications: public reference data, edited by UNODC.
- Search documents: follow the visibility of the item they index.
- Legislative reviews: confidential assessments. UNODC sees and edits all; a State's
  focal point reads its own State's reviews; nobody else (not the public, partners,
  donors or other States) sees them.
"""

from django.db.models import Q

from ctassist.core import roles
from ctassist.core.policy import ADD, ALL, CHANGE, DELETE, NONE, VIEW, Policy, PublicReferencePolicy, register
from ctassist.library.choices import LegislationStatus
from ctassist.library.models import (
    CaseLaw,
    Legislation,
    LegislativeReview,
    Provision,
    Publication,
    ReviewItem,
    SearchDocument,
)

PUBLISH = "publish"
FINALISE = "finalise"


def legislation_rule(user, action: str, prefix: str = ""):
    if roles.is_unodc(user):
        return ALL
    state_id = roles.state_id_of(user)
    own_proposal = Q(**{f"{prefix}state_id": state_id, f"{prefix}status": LegislationStatus.PROPOSED})
    if action == VIEW:
        published = Q(**{f"{prefix}status": LegislationStatus.PUBLISHED})
        return published | own_proposal if state_id else published
    if action in (ADD, CHANGE, DELETE) and state_id:
        return own_proposal
    return NONE


@register(Legislation)
class LegislationPolicy(Policy):
    actions = (VIEW, ADD, CHANGE, DELETE, PUBLISH)

    def scope(self, user, action):
        return legislation_rule(user, action)


@register(Provision)
class ProvisionPolicy(Policy):
    def scope(self, user, action):
        return legislation_rule(user, action, prefix="legislation__")


@register(CaseLaw)
class CaseLawPolicy(PublicReferencePolicy):
    pass


@register(Publication)
class PublicationPolicy(PublicReferencePolicy):
    pass


def search_visibility(user, prefix: str = ""):
    if roles.is_unodc(user):
        return ALL
    public = Q(**{f"{prefix}is_public": True})
    state_id = roles.state_id_of(user)
    return public | Q(**{f"{prefix}owner_state_id": state_id}) if state_id else public


@register(SearchDocument)
class SearchDocumentPolicy(Policy):
    """The index is written by the system only (services), read as its items are."""

    def scope(self, user, action):
        return search_visibility(user) if action == VIEW else NONE


def review_rule(user, action: str, prefix: str = ""):
    if roles.is_unodc(user):
        return ALL
    state_id = roles.state_id_of(user)
    if action == VIEW and state_id:
        return Q(**{f"{prefix}state_id": state_id})
    return NONE


@register(LegislativeReview)
class LegislativeReviewPolicy(Policy):
    actions = (VIEW, ADD, CHANGE, DELETE, FINALISE)

    def scope(self, user, action):
        return review_rule(user, action)


@register(ReviewItem)
class ReviewItemPolicy(Policy):
    def scope(self, user, action):
        return review_rule(user, action, prefix="review__")
