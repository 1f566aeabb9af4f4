import datetime

from ctassist.cooperation import services
from ctassist.cooperation.models import CaseStep, CooperationRequest
from ctassist.cooperation.policies import SEND, SHARE, TRACK
from ctassist.cooperation.tests.conftest import authority, draft_mla, join
from ctassist.core.policy import ADD, CHANGE, DELETE, VIEW
from ctassist.core.testing import NOBODY, UNODC, PolicyCase, Urls
from ctassist.geo.models import State

FOCAL = frozenset({"focal_point"})
BOTH = frozenset({"focal_point", "other_focal_point"})
D = datetime.date


def drafted(actors):
    join(actors.state, "bombings-1997", D(2005, 3, 1))
    join(actors.other_state, "bombings-1997", D(2003, 6, 10))
    return draft_mla(actors)


def sent(actors, shared=False):
    request = drafted(actors)
    request = services.finalise(acting_user=actors.focal_point, request=request, expected_version=request.version)
    request = services.move(acting_user=actors.focal_point, request=request, to="sent")
    if shared:
        request = services.share(acting_user=actors.focal_point, request=request, shared=True,
                                 reason="Advice on the execution of the request (test).")  # fmt: skip
    return request


def to_third_state(actors):
    """Kenya asks France: Peru's focal point is a stranger to it."""
    france = State.objects.get(iso3="FRA")
    join(actors.state, "bombings-1997", D(2005, 3, 1))
    join(france, "bombings-1997", D(1999, 10, 19))
    entry = authority(france)
    request = services.create_request(
        acting_user=actors.focal_point, kind="mla", counterpart=france, direction="incoming",
        received_on=D(2025, 1, 6), fields={"requested_authority": None},
    )  # fmt: skip
    assert request.requesting_state == france and entry.state == france
    return request


def incoming(actors):
    return services.create_request(acting_user=actors.focal_point, kind="extradition", counterpart=actors.other_state,
                                   direction="incoming", received_on=D(2025, 2, 3))  # fmt: skip


REQUEST_URLS = Urls.named(page="cooperation:request_detail", api="cooperation-request")
STEP_URLS = Urls.named(page="cooperation:step_detail", api="cooperation-step")

DRAFTED = {VIEW: FOCAL, ADD: FOCAL, CHANGE: FOCAL, DELETE: FOCAL, SEND: FOCAL, TRACK: NOBODY, SHARE: FOCAL}
SENT = {VIEW: BOTH, ADD: FOCAL, CHANGE: NOBODY, DELETE: NOBODY, SEND: NOBODY, TRACK: BOTH, SHARE: FOCAL}

CASES = [
    PolicyCase(CooperationRequest, make=drafted, allowed=DRAFTED, label="cooperation.CooperationRequest (drafted)",
               urls=REQUEST_URLS),
    PolicyCase(CooperationRequest, make=sent, allowed=SENT, label="cooperation.CooperationRequest (sent)",
               urls=REQUEST_URLS),
    PolicyCase(CooperationRequest, make=lambda a: sent(a, shared=True), allowed={**SENT, VIEW: BOTH | UNODC},
               label="cooperation.CooperationRequest (shared with UNODC)", urls=REQUEST_URLS),
    PolicyCase(CooperationRequest, make=to_third_state, allowed={**SENT, VIEW: FOCAL, TRACK: FOCAL},
               label="cooperation.CooperationRequest (from a third State)", urls=REQUEST_URLS),
    PolicyCase(CooperationRequest, make=incoming, allowed=SENT, label="cooperation.CooperationRequest (incoming)",
               urls=REQUEST_URLS),
    PolicyCase(CaseStep, make=lambda a: sent(a).steps.get(), label="cooperation.CaseStep (sent)", urls=STEP_URLS,
               allowed={VIEW: BOTH, ADD: BOTH, CHANGE: NOBODY, DELETE: NOBODY}),
    PolicyCase(CaseStep, make=lambda a: sent(a, shared=True).steps.get(), label="cooperation.CaseStep (shared)",
               urls=STEP_URLS, allowed={VIEW: BOTH | UNODC, ADD: BOTH, CHANGE: NOBODY, DELETE: NOBODY}),
    PolicyCase(CaseStep, make=lambda a: to_third_state(a).steps.get(), label="cooperation.CaseStep (third State)",
               urls=STEP_URLS, allowed={VIEW: FOCAL, ADD: FOCAL, CHANGE: NOBODY, DELETE: NOBODY}),
]  # fmt: skip
