import contextlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from django.views.i18n import set_language as django_set_language

from ctassist.accounts import services
from ctassist.accounts.filters import UserFilter
from ctassist.accounts.forms import NewUserForm, SignInForm
from ctassist.accounts.models import User
from ctassist.accounts.tables import UserTable
from ctassist.core.policy import ADD
from ctassist.core.views import PolicyListView, ServiceFormView


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        language = form.get_user().language
        if language:  # the language this user chose last time, on whatever browser
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, **_language_cookie())
        return response


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
    """The signed-in user's own page: role, organisation, API token."""

    template_name = "accounts/account.html"

    def post(self, request, *args, **kwargs):
        token = services.issue_token(acting_user=request.user, user=request.user)
        messages.success(request, _("A new API token was issued. Copy it now: it is shown only once."))
        request.session["new_token"] = token.key
        return redirect("accounts:account")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["new_token"] = self.request.session.pop("new_token", None)
        return context


class UserListView(PolicyListView):
    model = User
    table_class = UserTable
    filterset_class = UserFilter
    title = gettext_lazy("Users")

    def base_queryset(self):
        return User.objects.select_related("organisation")


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
