from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class SignInForm(AuthenticationForm):
    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
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
