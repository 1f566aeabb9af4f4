"""States are public reference data; UNODC staff maintain them."""

from ctassist.core.policy import PublicReferencePolicy, register
from ctassist.geo.models import State, StateAlias


@register(State)
class StatePolicy(PublicReferencePolicy):
    pass


@register(StateAlias)
class StateAliasPolicy(PublicReferencePolicy):
    pass
