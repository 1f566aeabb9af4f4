from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "ctassist.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from ctassist.core import (
            policies,  # noqa: F401 - registers the policies
            roles,
            ui,
        )

        ui.register_nav(
            ui.NavItem(
                "audit",
                _("Audit"),
                "audit:changelog",
                order=900,
                visible=roles.is_unodc,
                children=(
                    ui.NavItem("changes", _("Change log"), "audit:changelog", visible=roles.is_unodc),
                    ui.NavItem("events", _("Domain events"), "audit:events", visible=roles.is_unodc),
                ),
            )
        )
