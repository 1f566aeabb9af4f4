from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "ctassist.needs"
    verbose_name = _("Identified needs")

    def ready(self) -> None:
        from ctassist.core import roles, ui
        from ctassist.core.policy import may
        from ctassist.needs import handlers, policies  # noqa: F401  (registers the policies and the handlers)

        def sees_needs(user):
            from ctassist.needs.models import Need

            return may(user, "view", Need)

        def sees_assessments(user):
            from ctassist.needs.models import SelfAssessment

            return may(user, "view", SelfAssessment)

        ui.register_nav(
            ui.NavItem(
                "needs",
                _("Needs"),
                "needs:need_list",
                order=35,
                visible=lambda user: sees_needs(user) or roles.is_official(user),
                children=(
                    ui.NavItem("need_list", _("Identified needs"), "needs:need_list", visible=sees_needs),
                    ui.NavItem("unanswered", _("Needs with no assistance yet"), "needs:unanswered", visible=sees_needs),
                    ui.NavItem("overview", _("Needs by theme and region"), "needs:overview", visible=sees_needs),
                    ui.NavItem("proposed", _("Proposed by reviews"), "needs:proposed", visible=roles.is_unodc),
                    ui.NavItem("assessments", _("Self-assessments"), "needs:assessment_list", visible=sees_assessments),
                    ui.NavItem("funding_gap", _("Funding gap"), "needs:funding_gap", visible=roles.is_official),
                ),
            )
        )
