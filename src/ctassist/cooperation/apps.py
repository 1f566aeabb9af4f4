from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "ctassist.cooperation"
    verbose_name = _("International cooperation")

    def ready(self) -> None:
        from ctassist.cooperation import policies  # noqa: F401
        from ctassist.core import roles, ui

        ui.register_nav(
            ui.NavItem(
                "cooperation",
                _("Cooperation"),
                "cooperation:basis",
                order=45,
                visible=roles.is_official,
                children=(
                    ui.NavItem("cooperation-basis", _("Treaty basis"), "cooperation:basis", visible=roles.is_official),
                    ui.NavItem(
                        "cooperation-requests",
                        _("Requests and cases"),
                        "cooperation:request_list",
                        visible=lambda user: roles.state_id_of(user) is not None or roles.is_unodc(user),
                    ),
                    ui.NavItem(
                        "cooperation-statistics", _("Statistics"), "cooperation:statistics", visible=roles.is_unodc
                    ),
                ),
            )
        )
