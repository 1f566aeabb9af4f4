from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from ctassist.accounts import services
from ctassist.accounts.forms import SignInForm


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


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
