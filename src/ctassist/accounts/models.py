"""Users and the organisations they act for."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ctassist.accounts.choices import ROLE_ORGANISATION, OrganisationKind, Role, TwoFactorKind
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

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("accounts:user_detail", kwargs={"pk": self.pk})

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


class ApiToken(BaseModel):
    """A credential a program sends as ``Authorization: Token …`` to act with its owner's permissions.

    Only a digest of the key is stored: the key itself is shown once, when it is issued. A token stops
    working when it expires, when its owner or an administrator revokes it, and when the owner's
    password changes or the account is deactivated.
    """

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, blank=True)
    key_digest = models.CharField(_("key digest"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("beginning of the key"), max_length=8, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason for revoking"), max_length=40, blank=True)

    # The digest is recorded by size only: the change log never holds a credential.
    audit_exclude = ("key_digest",)
    #: The key itself, on a token just issued only (never stored).
    key = ""

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user.username})"

    @property
    def is_usable(self) -> bool:
        from django.utils import timezone

        return self.revoked_at is None and self.expires_at > timezone.now()


class TwoFactorDevice(BaseModel):
    """A user's second factor, of one of two kinds (``kind``).

    - An authenticator app (TOTP, RFC 6238): ``secret``; confirmed once the user has entered a code
      from it; ``last_step`` keeps a code from being accepted twice. At most one per user.
    - A WebAuthn security key or passkey: ``credential_id``, ``public_key`` (COSE), ``sign_count``,
      ``transports`` and the ``name`` the user gave it; confirmed when its registration was verified.
      A user may hold several.
    """

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="two_factor_devices"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=TwoFactorKind.choices, default=TwoFactorKind.TOTP)
    name = models.CharField(_("name"), max_length=100, blank=True)
    secret = models.CharField(_("secret"), max_length=64, blank=True, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    # The time step of the last code accepted: a code is accepted once (no replay within its window).
    last_step = models.BigIntegerField(_("last time step used"), default=0, editable=False)
    # WebAuthn: the credential's id (base64url, as the browser sends it) and public key (COSE, base64url).
    credential_id = models.CharField(_("credential id"), max_length=1400, blank=True, editable=False)
    public_key = models.TextField(_("public key"), blank=True, editable=False)
    # The authenticator's signature counter (32 bits unsigned, hence a big integer column).
    sign_count = models.BigIntegerField(_("signature counter"), default=0, editable=False)
    transports = models.JSONField(_("transports"), default=list, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    audit_exclude = ("secret", "public_key")

    class Meta:
        ordering = ["user__username", "kind", "created_at", "id"]
        verbose_name = _("two-factor device")
        verbose_name_plural = _("two-factor devices")
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(kind="totp"), name="accounts_one_authenticator_app_per_user"
            ),
            models.UniqueConstraint(
                fields=["credential_id"], condition=~models.Q(credential_id=""), name="accounts_credential_id_unique"
            ),
        ]

    def __str__(self) -> str:
        if self.kind == TwoFactorKind.WEBAUTHN:
            return f"{self.name} ({self.user.username})"
        return f"TOTP ({self.user.username})"

    @property
    def is_security_key(self) -> bool:
        return self.kind == TwoFactorKind.WEBAUTHN

    def clean(self) -> None:
        if self.kind == TwoFactorKind.WEBAUTHN:
            if not (self.credential_id and self.public_key):
                raise ValidationError(_("A security key needs its credential id and public key."))
            if not self.name.strip():
                raise ValidationError({"name": _("Name the key, so that you can tell your keys apart.")})
            if self.secret:
                raise ValidationError(_("A security key has no authenticator-app secret."))
        elif not self.secret or self.credential_id:
            raise ValidationError(_("An authenticator app has a secret and no credential id."))


class RecoveryCode(BaseModel):
    """A single-use code that stands in for the authenticator when it is lost (stored as a digest)."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="recovery_codes")
    code_digest = models.CharField(_("code digest"), max_length=64, editable=False)
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    audit_exclude = ("code_digest",)

    class Meta:
        ordering = ["id"]
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")

    def __str__(self) -> str:
        return f"recovery code {self.pk} ({self.user.username})"
