from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "ctassist.funding"
    verbose_name = _("Funding")

    def ready(self) -> None:
        from ctassist.core import demo_registry, roles, ui
        from ctassist.core.policy import may
        from ctassist.funding import policies  # noqa: F401
        from ctassist.funding.demo import run as run_demo

        def sees_projects(user):
            from ctassist.funding.models import Project

            return may(user, "view", Project)

        def sees_contributions(user):
            from ctassist.funding.models import Contribution

            return may(user, "view", Contribution)

        ui.register_nav(
            ui.NavItem(
                "funding",
                _("Funding"),
                "funding:project_list",
                order=60,
                visible=sees_projects,
                children=(
                    ui.NavItem("projects", _("Projects"), "funding:project_list"),
                    ui.NavItem(
                        "contributions", _("Contributions"), "funding:contribution_list", visible=sees_contributions
                    ),
                    ui.NavItem("donors", _("Donors"), "funding:donor_list", visible=sees_contributions),
                    ui.NavItem("iati", _("IATI export"), "funding:iati", visible=roles.is_official),
                ),
            )
        )
        demo_registry.register("funding", 60, run_demo)
