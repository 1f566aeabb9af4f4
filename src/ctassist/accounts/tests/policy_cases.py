from ctassist.accounts.models import Organisation, User
from ctassist.core.policy import ADD, CHANGE, DELETE, VIEW
from ctassist.core.testing import ADMIN_ONLY, OFFICIALS, PolicyCase

CASES = [
    PolicyCase(
        Organisation,
        make=lambda a: a.organisations["partner"],
        allowed={VIEW: OFFICIALS, ADD: ADMIN_ONLY, CHANGE: ADMIN_ONLY, DELETE: ADMIN_ONLY},
    ),
    # A user record: UNODC staff see every user; others see only themselves (here: the focal point).
    PolicyCase(
        User,
        make=lambda a: a.focal_point,
        label="accounts.User (a focal point)",
        allowed={
            VIEW: frozenset({"admin", "officer", "focal_point"}),
            ADD: ADMIN_ONLY,
            CHANGE: ADMIN_ONLY,
            DELETE: ADMIN_ONLY,
        },
    ),
]
