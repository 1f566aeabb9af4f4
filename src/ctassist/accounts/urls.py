from django.contrib.auth import views as auth_views
from django.urls import path

from ctassist.accounts import views
from ctassist.accounts.forms import LocalisedPasswordResetForm

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("me/", views.AccountView.as_view(), name="account"),
    path("users/", views.UserListView.as_view(), name="users"),
    path("users/new/", views.NewUserView.as_view(), name="new_user"),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            form_class=LocalisedPasswordResetForm,
            email_template_name="accounts/password_reset_email.txt",
            success_url="/accounts/password/reset/sent/",
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_set.html", success_url="/accounts/sign-in/"
        ),
        name="password_reset_confirm",
    ),
]
