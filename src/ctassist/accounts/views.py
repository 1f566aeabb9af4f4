import contextlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import DetailView, TemplateView
from django.views.i18n import set_language as django_set_language

from ctassist.accounts import queries, securitykeys, services, twofactor
from ctassist.accounts.choices import TwoFactorKind
from ctassist.accounts.filters import UserFilter
from ctassist.accounts.forms import (
    ActiveForm,
    NewUserForm,
    SecondFactorProofForm,
    SecurityKeyForm,
    SignInForm,
    TokenForm,
    TwoFactorCodeForm,
    TwoFactorConfirmForm,
)
from ctassist.accounts.models import ApiToken, RecoveryCode, TwoFactorDevice, User
from ctassist.accounts.tables import UserTable
from ctassist.core.client import client_address
from ctassist.core.policy import ADD, CHANGE, DELETE, allows
from ctassist.core.views import (
    PolicyListView,
    PolicyObjectMixin,
    ServiceActionView,
    ServiceFormView,
    add_errors,
    form_error_messages,
)


def locked_out(request, response=None, credentials=None):
    """What django-axes answers once an account or an address is locked out: 429, page or API."""
    message = _(
        "Too many failed sign-in attempts for this account or from your address. "
        "Try again in %(minutes)d minutes, or ask your administrator to reset your password."
    ) % {"minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)}
    retry = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    answer: HttpResponse
    if request.path_info.startswith("/api/"):
        answer = JsonResponse({"detail": message}, status=429)
    else:
        answer = render(request, "accounts/locked_out.html", {"message": message}, status=429)
    answer["Retry-After"] = retry
    return answer


def _remember_language(response, user):
    if user.language:  # the language this user chose last time, on whatever browser
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.language, **_language_cookie())
    return response


class SignInView(auth_views.LoginView):
    """The password; then, for an account with an authenticator, the code (:class:`TwoFactorVerifyView`)."""

    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if twofactor.enabled_for(user):
            twofactor.begin(self.request, user, next_url=self.get_success_url())
            return redirect("accounts:two_factor_verify")
        response = super().form_valid(form)
        if twofactor.prompted_for(user) and not twofactor.required_for(user):
            messages.info(
                self.request,
                _("Your account can reach restricted information: protect it with two-factor authentication "
                  "(My account, Two-factor authentication)."),  # fmt: skip
            )
        return _remember_language(response, user)


class TwoFactorVerifyView(View):
    """The second step of signing in: a security key, a code from the authenticator app, or a recovery code."""

    template_name = "accounts/two_factor_verify.html"

    def _render(self, request, user, form, status=200, key_errors=()):
        return render(
            request,
            self.template_name,
            {"form": form, "key_errors": list(key_errors), **_key_context(request, user)},
            status=status,
        )

    def get(self, request):
        found = twofactor.pending(request)
        if found is None:
            return redirect("accounts:login")
        return self._render(request, found[0], TwoFactorCodeForm())

    def post(self, request):
        found = twofactor.pending(request)
        if found is None:
            messages.error(request, _("Signing in took too long: enter your password again."))
            return redirect("accounts:login")
        user, data = found
        if request.POST.get("credential"):
            return self._with_key(request, user, data)
        form = TwoFactorCodeForm(request.POST)
        if not form.is_valid():
            return self._render(request, user, form, status=400)
        try:
            how = services.verify_second_factor(
                user=user, code=form.cleaned_data["code"], address=client_address(request)
            )
        except services.TooManyAttemptsError:
            twofactor.finish(request)
            form.add_error(None, _("Too many wrong codes for this account. Wait a quarter of an hour, then sign in again."))
            return self._render(request, user, form, status=429)
        if how is None:
            form.add_error("code", _("This code is not right, or was already used."))
            return self._render(request, user, form, status=400)
        return self._signed_in(request, user, data, how)

    def _with_key(self, request, user, data):
        challenge = securitykeys.take_challenge(request, securitykeys.SIGN_IN, user.pk)
        try:
            _verify_key(request, user, request.POST["credential"], challenge)
        except services.TooManyAttemptsError:
            twofactor.finish(request)
            message = _("Too many wrong codes for this account. Wait a quarter of an hour, then sign in again.")
            return self._render(request, user, TwoFactorCodeForm(), status=429, key_errors=[message])
        except ValidationError as exc:
            return self._render(request, user, TwoFactorCodeForm(), status=400, key_errors=exc.messages)
        return self._signed_in(request, user, data, "security_key")

    def _signed_in(self, request, user, data, how):
        twofactor.finish(request)
        auth_login(request, user, backend=data["backend"])
        if how == "recovery":
            messages.warning(
                request, _("You signed in with a recovery code, which is now used up. Check how many are left.")
            )
        next_url = data.get("next") or ""
        if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure()):
            next_url = reverse(settings.LOGIN_REDIRECT_URL)
        return _remember_language(redirect(next_url), user)


def _language_cookie() -> dict:
    return {
        "max_age": settings.LANGUAGE_COOKIE_AGE,
        "path": settings.LANGUAGE_COOKIE_PATH,
        "domain": settings.LANGUAGE_COOKIE_DOMAIN,
        "secure": settings.LANGUAGE_COOKIE_SECURE,
        "httponly": settings.LANGUAGE_COOKIE_HTTPONLY,
        "samesite": settings.LANGUAGE_COOKIE_SAMESITE,
    }


def set_language(request):
    """Django's language switcher; a signed-in user's choice is also kept on their account.

    The stored language is the one their e-mails are written in and the one they see on signing in
    elsewhere.
    """
    response = django_set_language(request)
    language = request.POST.get("language", "") if request.method == "POST" else ""
    offered = {code for code, _name in settings.LANGUAGES}
    if request.user.is_authenticated and language in offered and response.status_code in (204, 302):
        # An account incomplete for other reasons (say, a superuser made without an organisation):
        # the cookie still switches the pages; only the preference is not kept.
        with contextlib.suppress(ValidationError):
            services.set_language(user=request.user, language=language)
    return response


class SignOutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


class AccountView(LoginRequiredMixin, TemplateView):
    """The signed-in user's own page: role, organisation, password, two-factor authentication, API tokens."""

    template_name = "accounts/account.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            two_factor=twofactor.enabled_for(user),
            two_factor_required=twofactor.required_for(user),
            authenticator_app=services.authenticator_app_enabled(user),
            security_keys=_own_keys(self.request),
            recovery_left=RecoveryCode.objects.restrict(user).filter(user_id=user.pk, used_at=None).count(),
            active_tokens=ApiToken.objects.restrict(user).filter(user=user).filter(revoked_at=None).count(),
        )
        return context


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"

    def get_form_class(self):
        from ctassist.accounts.forms import ServicePasswordChangeForm

        return ServicePasswordChangeForm

    def get_success_url(self):
        return reverse("accounts:account")

    def form_valid(self, form):
        response = super().form_valid(form)  # keeps this session (update_session_auth_hash)
        messages.success(
            self.request, _("Your password was changed. Your API tokens and your other sessions no longer work.")
        )
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Asking for a reset link, at most ``CTASSIST_RESET_PER_ADDRESS_HOURLY`` times an hour per address."""

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    success_url = "/accounts/password/reset/sent/"

    def get_form_class(self):
        from ctassist.accounts.forms import LocalisedPasswordResetForm

        return LocalisedPasswordResetForm

    def form_valid(self, form):
        address = client_address(self.request)
        allowed = services.reset_allowed_from(address)
        services.record_reset_request(address=address, allowed=allowed)
        if not allowed:
            form.add_error(
                None, _("Too many password reset requests from your address. Try again in an hour, or ask your administrator.")
            )
            response = self.render_to_response(self.get_context_data(form=form), status=429)
            response["Retry-After"] = str(int(services.RESET_WINDOW.total_seconds()))
            return response
        form.address = address
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_set.html"
    success_url = "/accounts/sign-in/"

    def get_form_class(self):
        from ctassist.accounts.forms import ServiceSetPasswordForm

        return ServiceSetPasswordForm


# -- two-factor authentication ---------------------------------------------------------------------


class TwoFactorSetupView(LoginRequiredMixin, View):
    """Scan the QR code (or type the key) into an authenticator app, then confirm with a code from it."""

    template_name = "accounts/two_factor_setup.html"

    def _context(self, device, form):
        next_url = self.request.GET.get("next", "")
        return {
            "form": form,
            "secret": device.secret,
            "qr_svg": twofactor.qr_svg(device),
            # Only while the account has no second factor at all (a security key meets the rule too).
            "required": twofactor.missing_for(self.request.user),
            "next": next_url if url_has_allowed_host_and_scheme(next_url, {self.request.get_host()}) else "",
        }

    def get(self, request):
        if services.authenticator_app_enabled(request.user):
            return redirect("accounts:account")
        device = services.start_two_factor(acting_user=request.user, user=request.user)
        return render(request, self.template_name, self._context(device, TwoFactorConfirmForm()))

    def post(self, request):
        if services.authenticator_app_enabled(request.user):
            return redirect("accounts:account")
        device = services.start_two_factor(acting_user=request.user, user=request.user)
        form = TwoFactorConfirmForm(request.POST)
        if form.is_valid():
            try:
                codes = services.confirm_two_factor(
                    acting_user=request.user, user=request.user, code=form.cleaned_data["code"]
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                return render(request, "accounts/recovery_codes.html", {"codes": codes, "first": True})
        return render(request, self.template_name, self._context(device, form), status=400)


class RecoveryCodesView(LoginRequiredMixin, View):
    """New recovery codes replace the old ones (POST only); they are shown once."""

    http_method_names = ["post"]

    def post(self, request):
        try:
            codes = services.issue_recovery_codes(acting_user=request.user, user=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect("accounts:account")
        return render(request, "accounts/recovery_codes.html", {"codes": codes, "first": False})


def _prove_second_factor(request, data) -> None:
    """The signed-in user proves again that they hold a second factor; ``ValidationError`` if not.

    A security key's answer (to a ``CONFIRM`` challenge), a code from the authenticator app or a
    recovery code (used up by this), as removing a second factor needs.
    """
    user = request.user
    try:
        if data.get("credential"):
            challenge = securitykeys.take_challenge(request, securitykeys.CONFIRM, user.pk)
            _verify_key(request, user, data["credential"], challenge)
        elif services.verify_second_factor(user=user, code=data["code"], address=client_address(request)) is None:
            raise ValidationError(_("This code is not right, or was already used."))
    except services.TooManyAttemptsError:
        raise ValidationError(_("Too many wrong codes for this account. Wait a quarter of an hour, then try again.")) from None


class TwoFactorDisableView(LoginRequiredMixin, View):
    """Remove one's authenticator app, proving one holds a second factor (a code, a recovery code or a key)."""

    http_method_names = ["post"]

    def post(self, request):
        form = SecondFactorProofForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(form_error_messages(form))
            _prove_second_factor(request, form.cleaned_data)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, _("The authenticator app was kept: %(reason)s") % {"reason": message})
            return redirect("accounts:account")
        services.remove_authenticator_app(acting_user=request.user, user=request.user)
        if services.two_factor_enabled(request.user):
            messages.success(request, _("The authenticator app was removed; your security keys still protect your account."))
            return redirect("accounts:account")
        messages.success(request, _("Two-factor authentication was removed from your account."))
        if twofactor.required_for(request.user):
            return redirect("accounts:two_factor_setup")
        return redirect("accounts:account")


# -- security keys and passkeys (WebAuthn) ------------------------------------------------------------


def _own_keys(request):
    return TwoFactorDevice.objects.restrict(request.user).filter(user=request.user, kind=TwoFactorKind.WEBAUTHN)


def _key_context(request, user) -> dict:
    """What a page offering a security key needs to say whether, and how, one can be used here."""
    return {
        "has_keys": services.security_keys(user).exists(),
        "has_app": services.authenticator_app_enabled(user),
        "keys_here": securitykeys.relying_party(request) is not None,
        "keys_elsewhere": securitykeys.unavailable_message(),
    }


def _verify_key(request, user, answer, challenge):
    """Check a security key's answer for ``user`` at this address (``ValidationError`` if refused)."""
    rp = securitykeys.relying_party(request)
    if rp is None:
        raise ValidationError(securitykeys.unavailable_message())
    return services.verify_security_key(
        user=user, answer=answer, challenge=challenge, rp=rp, address=client_address(request)
    )


class KeyChallengeView(View):
    """The challenge of a ceremony with one of the user's keys (POST, JSON): ``purpose`` says which."""

    http_method_names = ["post"]
    purpose = securitykeys.CONFIRM

    def user_and_keys(self, request):
        return request.user, services.security_keys(request.user)

    def options(self, request, rp, user, keys):
        if not keys.exists():
            raise ValidationError(_("This account has no security key."))
        return securitykeys.authentication_options(request, rp, user, self.purpose, keys)

    def post(self, request):
        user, keys = self.user_and_keys(request)
        if user is None:
            return JsonResponse({"detail": _("Signing in took too long: enter your password again.")}, status=400)
        rp = securitykeys.relying_party(request)
        if rp is None:
            return JsonResponse({"detail": securitykeys.unavailable_message()}, status=400)
        try:
            return JsonResponse(self.options(request, rp, user, keys))
        except ValidationError as exc:
            return JsonResponse({"detail": " ".join(exc.messages)}, status=400)


class TwoFactorKeyOptionsView(KeyChallengeView):
    """Signing in with a security key, after the password."""

    purpose = securitykeys.SIGN_IN

    def user_and_keys(self, request):
        found = twofactor.pending(request)
        return (found[0], services.security_keys(found[0])) if found else (None, None)


class SecurityKeyConfirmOptionsView(LoginRequiredMixin, KeyChallengeView):
    """Proving one holds a key again, before removing a second factor."""


class SecurityKeyOptionsView(LoginRequiredMixin, KeyChallengeView):
    """Registering a new security key: the options name the keys the account has, for the browser to skip."""

    purpose = securitykeys.REGISTER

    def options(self, request, rp, user, keys):
        if keys.count() >= securitykeys.MAX_KEYS:
            raise ValidationError(
                _("An account holds at most %(count)d security keys: remove one first.") % {"count": securitykeys.MAX_KEYS}
            )
        return securitykeys.registration_options(request, rp, user, keys)


class SecurityKeysView(LoginRequiredMixin, View):
    """One's security keys and passkeys: the list, and adding one (name it, then the browser asks the key)."""

    template_name = "accounts/security_keys.html"

    def _render(self, form, status=200):
        request = self.request
        context = {
            "form": form,
            "keys": _own_keys(request),
            "required": twofactor.required_for(request.user),
            "max_keys": securitykeys.MAX_KEYS,
            **_key_context(request, request.user),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        return self._render(SecurityKeyForm())

    def post(self, request):
        form = SecurityKeyForm(request.POST)
        # The challenge is used up by any answer, even one refused before it is read.
        challenge = securitykeys.take_challenge(request, securitykeys.REGISTER, request.user.pk)
        if not form.is_valid():
            return self._render(form, status=400)
        rp = securitykeys.relying_party(request)
        if rp is None:
            form.add_error(None, securitykeys.unavailable_message())
            return self._render(form, status=400)
        try:
            key, codes = services.register_security_key(
                acting_user=request.user,
                user=request.user,
                name=form.cleaned_data["name"],
                answer=form.cleaned_data["credential"],
                challenge=challenge,
                rp=rp,
            )
        except ValidationError as exc:
            add_errors(form, exc)
            return self._render(form, status=400)
        message = _("The security key “%(name)s” was added.") % {"name": key.name}
        if codes:
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "first": True, "added": message})
        messages.success(request, message)
        return redirect("accounts:security_keys")


class SecurityKeyRemoveView(ServiceActionView):
    """Remove one of one's security keys, proving a second factor again (a key, a code or a recovery code)."""

    model = TwoFactorDevice
    action = DELETE
    form_class = SecondFactorProofForm

    def base_queryset(self):
        # One's own keys (administrators reset everything from the user's page instead).
        return _own_keys(self.request)

    def perform(self, obj, data):
        _prove_second_factor(self.request, data)
        services.remove_security_key(acting_user=self.request.user, key=obj)
        return obj.name

    def get_success_message(self, obj, result):
        return _("The security key “%(name)s” was removed.") % {"name": result}

    def get_success_url(self, obj):
        return reverse("accounts:security_keys")


# -- API tokens --------------------------------------------------------------------------------------


class TokenListView(LoginRequiredMixin, View):
    """The signed-in user's own API tokens: issue one, see when each was used, revoke any."""

    template_name = "accounts/tokens.html"

    def _render(self, form, status=200, new_token=None):
        tokens = ApiToken.objects.restrict(self.request.user).filter(user=self.request.user)
        return render(
            self.request,
            self.template_name,
            {"tokens": tokens, "form": form, "new_token": new_token, "days": settings.CTASSIST_TOKEN_DAYS},
            status=status,
        )

    def get(self, request):
        return self._render(TokenForm())

    def post(self, request):
        form = TokenForm(request.POST)
        if not form.is_valid():
            return self._render(form, status=400)
        token = services.issue_token(acting_user=request.user, user=request.user, name=form.cleaned_data["name"])
        messages.success(request, _("A new API token was issued. Copy it now: it is shown only once."))
        return self._render(TokenForm(), new_token=token)


class TokenRevokeView(ServiceActionView):
    model = ApiToken
    action = CHANGE
    success_message = gettext_lazy("The token was revoked: programs using it are refused from now on.")

    def base_queryset(self):
        # One's own (administrators revoke other people's from the user page).
        return ApiToken.objects.restrict(self.request.user, CHANGE).filter(user=self.request.user)

    def perform(self, obj, data):
        return services.revoke_token(acting_user=self.request.user, token=obj, reason="owner")

    def get_success_url(self, obj):
        return reverse("accounts:tokens")


# -- users -------------------------------------------------------------------------------------------


class UserListView(PolicyListView):
    model = User
    table_class = UserTable
    filterset_class = UserFilter
    title = gettext_lazy("Users")

    def base_queryset(self):
        return User.objects.select_related("organisation")


class UserDetailView(PolicyObjectMixin, DetailView):
    """One account: who, their sign-in protection, their tokens and history; administrators act on it."""

    model = User
    template_name = "accounts/user_detail.html"
    context_object_name = "account"

    def base_queryset(self):
        return User.objects.restrict(self.request.user).select_related("organisation", "organisation__state")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        account, viewer = self.object, self.request.user
        # Which second factors, for those who may see the account's devices (administrators).
        devices = TwoFactorDevice.objects.restrict(viewer).filter(user=account, confirmed_at__isnull=False)
        context.update(
            can_manage=allows(viewer, CHANGE, account),
            two_factor=twofactor.enabled_for(account),
            two_factor_required=twofactor.required_for(account) or account.role in twofactor.required_roles(),
            has_app=devices.filter(kind=TwoFactorKind.TOTP).exists(),
            key_count=devices.filter(kind=TwoFactorKind.WEBAUTHN).count(),
            tokens=ApiToken.objects.restrict(viewer).filter(user=account, revoked_at=None),
            **queries.account_history(viewer, account),
        )
        return context


class UserActiveView(ServiceActionView):
    """Administrators deactivate an account (its tokens are revoked, its sessions end) or reactivate it."""

    model = User
    action = CHANGE
    form_class = ActiveForm

    def perform(self, obj, data):
        return services.set_active(acting_user=self.request.user, user=obj, active=data["active"])

    def get_success_message(self, obj, result):
        if obj.is_active:
            return _("The account was reactivated.")
        return _("The account was deactivated: it can no longer sign in, and its API tokens were revoked.")


class UserRevokeTokensView(ServiceActionView):
    model = User
    action = CHANGE

    def perform(self, obj, data):
        return services.revoke_tokens(acting_user=self.request.user, user=obj, reason="administrator")

    def get_success_message(self, obj, result):
        return ngettext("%(count)d API token was revoked.", "%(count)d API tokens were revoked.", result) % {
            "count": result
        }


class UserResetTwoFactorView(ServiceActionView):
    """For a lost phone or key: the authenticator app, security keys and recovery codes are removed."""

    model = User
    action = CHANGE

    def perform(self, obj, data):
        return services.disable_two_factor(acting_user=self.request.user, user=obj)

    def get_success_message(self, obj, result):
        if not result:
            return _("This account had no two-factor authentication to reset.")
        return _("Two-factor authentication was reset: the user sets it up again at the next sign-in.")


class NewUserView(ServiceFormView):
    """Administrators create accounts; the new user receives a link to set a password."""

    model = User
    action = ADD
    form_class = NewUserForm
    template_name = "accounts/new_user.html"

    def perform(self, form):
        data = form.cleaned_data
        user = services.create_user(
            acting_user=self.request.user,
            username=data["username"],
            role=data["role"],
            organisation=data["organisation"],
            password=None,
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
        )
        services.send_password_link(user=user, request=self.request)
        return user

    def get_success_message(self, user):
        return _("Account created; a link to set a password was sent to %(email)s.") % {"email": user.email}

    def get_success_url(self, user):
        return reverse("accounts:users")
