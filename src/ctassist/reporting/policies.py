"""Who reaches reports.

Reports are drafts prepared by UNODC for the Secretary-General: UNODC staff (administrators and
programme officers) create, read, rebuild and delete them; nobody else sees them, not even once
drafted (there is no "published" state: the published report is the UN document itself).

Country profiles and dashboards have no model of their own: they are computed from other areas'
records, each through that area's own policy (see ``queries.py``).
"""

from ctassist.core import roles
from ctassist.core.policy import ALL, NONE, Policy, register
from ctassist.reporting.models import Report


@register(Report)
class ReportPolicy(Policy):
    def scope(self, user, action):
        return ALL if roles.is_unodc(user) else NONE
