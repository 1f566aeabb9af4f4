"""Who reaches reports.

Reports are drafts prepared by UNODC for the Secretary-General: UNODC staff (administrators and
programme officers) create, read, rebuild and delete them; nobody else sees them, not even once
drafted (there is no "published" state: the published report is the UN document itself).

Country profiles and dashboards have no model of their own: they are computed from other areas'
records, each through that area's own policy (see ``queries.py``).
"""

from ctassist.core import roles
from ctassist.core.policy import ADD, ALL, CHANGE, DELETE, NONE, VIEW, Policy, register
from ctassist.reporting.models import Narrative, NarrativeVersion, PrimarySection, Report


@register(Report)
class ReportPolicy(Policy):
    def scope(self, user, action):
        return ALL if roles.is_unodc(user) else NONE


@register(PrimarySection)
class PrimarySectionPolicy(Policy):
    """Which section an activity is counted in is UNODC's drafting decision: UNODC only."""

    def scope(self, user, action):
        return ALL if roles.is_unodc(user) else NONE


@register(Narrative)
class NarrativePolicy(Policy):
    """Only UNODC staff draft, submit, clear or return a narrative; nobody else sees one.

    ``transition`` is the clearance workflow (submit, clear, return); the clearing officer must be
    someone other than the one who submitted (``services.clear_narrative``).
    """

    actions = (VIEW, ADD, CHANGE, DELETE, "transition")

    def scope(self, user, action):
        return ALL if roles.is_unodc(user) else NONE


@register(NarrativeVersion)
class NarrativeVersionPolicy(Policy):
    def scope(self, user, action):
        return ALL if roles.is_unodc(user) else NONE
