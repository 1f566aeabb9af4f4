from django.utils.translation import gettext_lazy as _

from ctassist.core import areas, roles, ui

_sees_needs = ui.may_view("needs.Need")
_sees_assessments = ui.may_view("needs.SelfAssessment")


def _sees_area(user) -> bool:
    return _sees_needs(user) or roles.is_official(user)


class NeedsConfig(areas.AreaConfig):
    name = "ctassist.needs"
    verbose_name = _("Identified needs")
    registers = ("policies", "handlers")
    nav = ui.NavItem("needs", _("Needs"), "needs:need_list", order=35, visible=_sees_area, children=(
        ui.NavItem("need_list", _("Identified needs"), "needs:need_list", visible=_sees_needs),
        ui.NavItem("unanswered", _("Needs with no assistance yet"), "needs:unanswered", visible=_sees_needs),
        ui.NavItem("overview", _("Needs by theme and region"), "needs:overview", visible=_sees_needs),
        ui.NavItem("proposed", _("Proposed by reviews"), "needs:proposed", visible=roles.is_unodc),
        ui.NavItem("assessments", _("Self-assessments"), "needs:assessment_list", visible=_sees_assessments),
        ui.NavItem("funding_gap", _("Funding gap"), "needs:funding_gap", visible=roles.is_official),
    ))  # fmt: skip
