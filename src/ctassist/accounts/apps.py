from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _is_admin(user) -> bool:
    from ctassist.core import roles

    return roles.role_of(user) == roles.ADMIN


class AccountsConfig(AppConfig):
    name = "ctassist.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from ctassist.accounts import policies, signals  # noqa: F401 - registers policies and sign-in events
        from ctassist.core import ui

        ui.register_nav(
            ui.NavItem(
                "users",
                _("Users"),
                "accounts:users",
                order=950,
                visible=_is_admin,
                children=(ui.NavItem("new-user", _("New user"), "accounts:new_user", visible=_is_admin),),
            )
        )
