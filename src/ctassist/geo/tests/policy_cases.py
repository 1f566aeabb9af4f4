from ctassist.core.policy import ADD, CHANGE, DELETE, VIEW
from ctassist.core.testing import EVERYONE, UNODC, PolicyCase
from ctassist.geo.models import State, StateAlias

PUBLIC_REFERENCE = {VIEW: EVERYONE, ADD: UNODC, CHANGE: UNODC, DELETE: UNODC}

CASES = [
    PolicyCase(State, make=lambda a: a.state, allowed=PUBLIC_REFERENCE),
    PolicyCase(
        StateAlias,
        make=lambda a: (
            a.state.aliases.first()
            or StateAlias.objects.create(state=a.state, name="Test name", normalized="test name")
        ),
        allowed=PUBLIC_REFERENCE,
    ),
]
