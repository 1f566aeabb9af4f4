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

        ui.register_nav(ui.NavItem("audit", _("Audit"), "core:changelog", order=900, visible=roles.is_unodc))
