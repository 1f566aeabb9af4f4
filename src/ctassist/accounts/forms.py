from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ctassist.accounts import services
from ctassist.accounts.securitykeys import MAX_ANSWER
from ctassist.core.mail import language_of


class SignInForm(AuthenticationForm):
    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class LocalisedPasswordResetForm(PasswordResetForm):
    """Django's reset form, writing to each user in their own language rather than the requester's.

    Each account receives at most ``CTASSIST_RESET_PER_ACCOUNT_HOURLY`` links an hour; past that the
    request is recorded and answered like any other, so the page reveals nothing about the account.
    """

    address = ""  # the requester's (core.client.client_address), set by the view

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):  # fmt: skip
        user = context.get("user")
        if user is not None and not services.claim_reset_email(user=user, address=self.address):
            return
        with translation.override(language_of(user)):
            super().send_mail(
                subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name
            )


class NewUserForm(forms.Form):
    """An administrator creates an account; the person sets a password through a reset link."""

    username = forms.RegexField(
        label=_("User name"), max_length=150, regex=r"^[\w.@+-]+$", help_text=_("Letters, digits and @ . + - _ only.")
    )
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(label=_("Role"))
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)

    def __init__(self, *args, **kwargs):
        from ctassist.accounts.choices import Role
        from ctassist.accounts.models import Organisation

        super().__init__(*args, **kwargs)
        self.fields["role"].choices = Role.choices
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")

    def clean_username(self):
        from ctassist.accounts.models import User

        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This user name is taken."))
        return username


class ServiceSetPasswordForm(SetPasswordForm):
    """The new password from an e-mailed link, saved through the service (event, tokens revoked)."""

    def save(self, commit=True):
        how = "reset" if self.user.has_usable_password() else "set"
        services.set_password(acting_user=self.user, user=self.user, password=self.cleaned_data["new_password1"], how=how)
        return self.user


class ServicePasswordChangeForm(PasswordChangeForm):
    """A signed-in user changes their own password, giving the old one first."""

    def save(self, commit=True):
        services.set_password(
            acting_user=self.user, user=self.user, password=self.cleaned_data["new_password1"], how="change"
        )
        return self.user


class TwoFactorCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The six digits your authenticator app shows, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class TwoFactorConfirmForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


def _key_answer(required: bool) -> forms.CharField:
    """The browser's answer from a security key (JSON, filled in by ``accounts/webauthn.js``)."""
    return forms.CharField(
        required=required,
        max_length=MAX_ANSWER,
        widget=forms.HiddenInput,
        error_messages={
            "required": _("The security key has not answered: use the button, then follow what your browser asks."),
            "max_length": _("The browser's answer from the security key was missing or too long. Try again."),
        },
    )


class SecurityKeyForm(forms.Form):
    """Register a security key or passkey: its name, and the browser's answer from it."""

    name = forms.CharField(
        label=_("Name of the key"),
        max_length=100,
        help_text=_("So that you can tell your keys apart, for example “blue key” or “work laptop”."),
    )
    credential = _key_answer(required=True)


class SecondFactorProofForm(forms.Form):
    """Proving one still holds a second factor: a code (app or recovery), or a security key's answer."""

    code = forms.CharField(label=_("Code"), max_length=20, required=False)
    credential = _key_answer(required=False)

    def clean(self):
        data = super().clean() or {}
        if not (data.get("code") or data.get("credential")):
            raise forms.ValidationError(
                _("Confirm with one of your security keys, a code from your authenticator app or a recovery code.")
            )
        return data


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("What the token is for"),
        max_length=100,
        required=False,
        help_text=_("For example the program or the computer that uses it."),
    )


class ActiveForm(forms.Form):
    active = forms.BooleanField(required=False)
