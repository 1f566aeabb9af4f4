from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "ctassist.reporting"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from ctassist.core import jobs, roles, ui
        from ctassist.reporting import policies  # noqa: F401
        from ctassist.reporting.home import reports_card
        from ctassist.reporting.tasks import recover_stale_reports

        ui.register_nav(
            ui.NavItem(
                "reports",
                _("Reports"),
                "reporting:dashboards",
                order=70,
                children=(
                    ui.NavItem("dashboards", _("Dashboards"), "reporting:dashboards"),
                    ui.NavItem("profiles", _("Country profiles"), "reporting:profile_list"),
                    ui.NavItem(
                        "sg-reports",
                        _("Secretary-General's reports"),
                        "reporting:report_list",
                        visible=roles.is_unodc,
                    ),
                ),
            )
        )
        jobs.register_recovery("reports", recover_stale_reports)
        ui.register_home_card(ui.HomeCard("reports", "reporting/home_card.html", reports_card, order=70))
