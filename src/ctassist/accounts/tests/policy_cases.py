from ctassist.accounts import services
from ctassist.accounts.models import ApiToken, Organisation, RecoveryCode, TwoFactorDevice, User
from ctassist.core.policy import ADD, CHANGE, DELETE, VIEW
from ctassist.core.testing import ADMIN_ONLY, OFFICIALS, PolicyCase, Urls

OWNER_AND_ADMIN = frozenset({"admin", "focal_point"})
OWNER = frozenset({"focal_point"})


def _focal_points_token(actors):
    return services.issue_token(acting_user=None, user=actors.focal_point, name="policy case")


def _focal_points_device(actors):
    return services.start_two_factor(acting_user=None, user=actors.focal_point)


def _focal_points_security_key(actors):
    from ctassist.accounts import securitykeys
    from ctassist.accounts.tests.authenticator import ORIGIN, SoftKey

    challenge = b"policy case: a registration challenge"
    rp = securitykeys.RelyingParty(id="testserver", name="ctassist", origins=(ORIGIN,))
    answer = SoftKey().create({"challenge": securitykeys.b64url(challenge), "rp": {"id": rp.id}})
    key, _codes = services.register_security_key(
        acting_user=None, user=actors.focal_point, name="policy case", answer=answer, challenge=challenge, rp=rp
    )
    return key


def _focal_points_recovery_code(actors):
    from ctassist.accounts import twofactor

    device = _focal_points_device(actors)
    services.confirm_two_factor(acting_user=None, user=actors.focal_point, code=twofactor.current_code(device))
    return RecoveryCode.objects.filter(user=actors.focal_point).first()


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
        urls=Urls.named(page="accounts:user_detail"),
    ),
    # A token is its owner's; administrators see and revoke anyone's, and issue none for others.
    PolicyCase(
        ApiToken,
        make=_focal_points_token,
        allowed={VIEW: OWNER_AND_ADMIN, ADD: OWNER, CHANGE: OWNER_AND_ADMIN},
    ),
    PolicyCase(
        TwoFactorDevice,
        make=_focal_points_device,
        label="accounts.TwoFactorDevice (an authenticator app)",
        allowed={VIEW: OWNER_AND_ADMIN, ADD: OWNER, CHANGE: OWNER, DELETE: OWNER_AND_ADMIN},
    ),
    # A security key is the same kind of record: its owner's; administrators see it and reset it.
    PolicyCase(
        TwoFactorDevice,
        make=_focal_points_security_key,
        label="accounts.TwoFactorDevice (a security key)",
        allowed={VIEW: OWNER_AND_ADMIN, ADD: OWNER, CHANGE: OWNER, DELETE: OWNER_AND_ADMIN},
    ),
    PolicyCase(
        RecoveryCode,
        make=_focal_points_recovery_code,
        allowed={VIEW: OWNER, ADD: OWNER, CHANGE: OWNER, DELETE: OWNER_AND_ADMIN},
    ),
]
