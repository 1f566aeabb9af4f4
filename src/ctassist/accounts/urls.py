from django.contrib.auth import views as auth_views
from django.urls import path

from ctassist.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-in/code/", views.TwoFactorVerifyView.as_view(), name="two_factor_verify"),
    path("sign-in/key-options/", views.TwoFactorKeyOptionsView.as_view(), name="two_factor_key_options"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("me/", views.AccountView.as_view(), name="account"),
    path("me/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("me/two-factor/", views.TwoFactorSetupView.as_view(), name="two_factor_setup"),
    path("me/two-factor/remove/", views.TwoFactorDisableView.as_view(), name="two_factor_disable"),
    path("me/two-factor/recovery-codes/", views.RecoveryCodesView.as_view(), name="recovery_codes"),
    path("me/security-keys/", views.SecurityKeysView.as_view(), name="security_keys"),
    path("me/security-keys/options/", views.SecurityKeyOptionsView.as_view(), name="security_key_options"),
    path("me/security-keys/confirm/", views.SecurityKeyConfirmOptionsView.as_view(), name="security_key_confirm_options"),
    path("me/security-keys/<int:pk>/remove/", views.SecurityKeyRemoveView.as_view(), name="security_key_remove"),
    path("me/tokens/", views.TokenListView.as_view(), name="tokens"),
    path("me/tokens/<int:pk>/revoke/", views.TokenRevokeView.as_view(), name="token_revoke"),
    path("users/", views.UserListView.as_view(), name="users"),
    path("users/new/", views.NewUserView.as_view(), name="new_user"),
    path("users/<int:pk>/", views.UserDetailView.as_view(), name="user_detail"),
    path("users/<int:pk>/active/", views.UserActiveView.as_view(), name="user_active"),
    path("users/<int:pk>/revoke-tokens/", views.UserRevokeTokensView.as_view(), name="user_revoke_tokens"),
    path("users/<int:pk>/reset-two-factor/", views.UserResetTwoFactorView.as_view(), name="user_reset_two_factor"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html"),
        name="password_reset_done",
    ),
    path("password/reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
]
