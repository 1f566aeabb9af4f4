from django.utils.translation import gettext_lazy as _

from ctassist.core import areas, roles, ui


class ReportingConfig(areas.AreaConfig):
    name = "ctassist.reporting"
    verbose_name = _("Reports")
    nav = ui.NavItem("reports", _("Reports"), "reporting:dashboards", order=70, children=(
        ui.NavItem("dashboards", _("Dashboards"), "reporting:dashboards"),
        ui.NavItem("profiles", _("Country profiles"), "reporting:profile_list"),
        ui.NavItem("sg-reports", _("Secretary-General's reports"), "reporting:report_list", visible=roles.is_unodc),
    ))  # fmt: skip
    home_card = ("reports", "home.reports_card", 70)

    def ready(self) -> None:
        super().ready()
        from ctassist.core import jobs
        from ctassist.reporting.tasks import recover_stale_reports

        jobs.register_recovery("reports", recover_stale_reports)
