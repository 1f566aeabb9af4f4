from django.core import checks
from django.utils.translation import gettext_lazy as _

from ctassist.core import areas, roles, ui

_sees_contributions = ui.may_view("funding.Contribution")


class FundingConfig(areas.AreaConfig):
    name = "ctassist.funding"
    verbose_name = _("Funding")
    nav = ui.NavItem("funding", _("Funding"), "funding:project_list", order=60, children=(
        ui.NavItem("projects", _("Projects"), "funding:project_list"),
        ui.NavItem("contributions", _("Contributions"), "funding:contribution_list", visible=_sees_contributions),
        ui.NavItem("donors", _("Donors"), "funding:donor_list", visible=_sees_contributions),
        ui.NavItem("iati", _("IATI export"), "funding:iati", visible=roles.is_official),
    ), visible=ui.may_view("funding.Project"))  # fmt: skip
    demos = (("funding", 60, "demo.run"),)

    def ready(self) -> None:
        super().ready()
        # The activity form offers the projects (assistance may not import funding: docs/decisions).
        from ctassist.assistance.services import FundingLink, register_funding_link
        from ctassist.funding import queries, services

        register_funding_link(
            FundingLink(
                choices=queries.chargeable_projects, current=queries.paying_project, link=services.link_activity_by_id
            )
        )
        # A deployment check (`ctassist check --deploy`): the demo and every command would otherwise print it,
        # and the export itself refuses the placeholder with a clear message.
        checks.register(check_iati_org_ref, checks.Tags.compatibility, deploy=True)


def check_iati_org_ref(app_configs=None, **kwargs):
    """The IATI identifier setting: a warning while it is the placeholder, an error when malformed."""
    from ctassist.funding import iati

    value = iati.org_ref()
    if value == iati.PLACEHOLDER_ORG_REF:
        return [checks.Warning("CTASSIST_IATI_ORG_REF is the placeholder; the IATI export refuses to run until "
                               "the organisation's registered IATI identifier is set.", id="funding.W001")]  # fmt: skip
    if iati.org_ref_problem(value):
        return [checks.Error(f"CTASSIST_IATI_ORG_REF {value!r} is not an IATI organisation identifier "
                             "(registration agency prefix such as XM-DAC, then the identifier).", id="funding.E001")]  # fmt: skip
    return []
