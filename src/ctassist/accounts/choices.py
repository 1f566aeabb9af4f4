from django.db import models
from django.utils.translation import gettext_lazy as _

from ctassist.core import roles


class OrganisationKind(models.TextChoices):
    UNODC = "unodc", _("UNODC")
    STATE = "state", _("Member State")
    PARTNER = "partner", _("Partner entity")
    DONOR = "donor", _("Donor")


class Role(models.TextChoices):
    ADMIN = roles.ADMIN, _("Administrator")
    OFFICER = roles.OFFICER, _("UNODC programme officer")
    FOCAL_POINT = roles.FOCAL_POINT, _("State focal point")
    PARTNER = roles.PARTNER, _("Partner")
    DONOR = roles.DONOR, _("Donor")


# Which organisation kind each role belongs to.
ROLE_ORGANISATION = {
    Role.ADMIN: OrganisationKind.UNODC,
    Role.OFFICER: OrganisationKind.UNODC,
    Role.FOCAL_POINT: OrganisationKind.STATE,
    Role.PARTNER: OrganisationKind.PARTNER,
    Role.DONOR: OrganisationKind.DONOR,
}


class TwoFactorKind(models.TextChoices):
    """The kinds of second factor: an authenticator app's codes, or a WebAuthn security key or passkey."""

    TOTP = "totp", _("authenticator app")
    WEBAUTHN = "webauthn", _("security key or passkey")
