"""Users and the organisations they act for."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ctassist.accounts.choices import ROLE_ORGANISATION, OrganisationKind, Role
from ctassist.core.models import BaseModel
from ctassist.core.policy import RestrictedQuerySet


class Organisation(BaseModel):
    """UNODC, a Member State's administration, a partner entity or a donor."""

    kind = models.CharField(_("kind"), max_length=10, choices=OrganisationKind.choices)
    name = models.CharField(_("name"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    state = models.ForeignKey(
        "geo.State",
        verbose_name=_("State"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
        help_text=_("Required for a Member State's organisation."),
    )
    is_demo = models.BooleanField(_("demonstration data"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.kind == OrganisationKind.STATE and not self.state_id:
            raise ValidationError({"state": _("A Member State's organisation must name its State.")})
        if self.kind != OrganisationKind.STATE and self.state_id:
            raise ValidationError({"state": _("Only a Member State's organisation names a State.")})


class RestrictedUserManager(UserManager.from_queryset(RestrictedQuerySet)):  # type: ignore[misc]
    pass


class User(AbstractUser):
    """A person who signs in. Their role and organisation decide what the policy lets them reach."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    is_demo = models.BooleanField(_("demonstration account"), default=False)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language of the interface and of the e-mails sent to this user."),
    )

    objects = RestrictedUserManager()

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def clean(self) -> None:
        super().clean()
        if not self.role:
            raise ValidationError({"role": _("Choose a role.")})
        expected = ROLE_ORGANISATION.get(self.role)
        if self.organisation_id is None:
            raise ValidationError({"organisation": _("Every user acts for an organisation.")})
        if expected and self.organisation.kind != expected:
            raise ValidationError(
                {
                    "organisation": _("A %(role)s belongs to an organisation of kind %(kind)s.")
                    % {"role": self.get_role_display(), "kind": OrganisationKind(expected).label}
                }
            )

    @property
    def preferred_language(self) -> str:
        """The user's chosen language, or the site's default when none (or no longer offered) is stored."""
        offered = {code for code, _name in settings.LANGUAGES}
        return self.language if self.language in offered else settings.LANGUAGE_CODE

    @property
    def state(self):
        if self.role == Role.FOCAL_POINT and self.organisation_id:
            return self.organisation.state
        return None

    @property
    def is_unodc(self) -> bool:
        return self.is_active and self.role in {Role.ADMIN, Role.OFFICER}
