from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "ctassist.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from ctassist.accounts import policies, signals  # noqa: F401 - registers policies and sign-in events
