"""The demonstration requests are assigned to programme officers, as a live pipeline would be."""

import pytest

from ctassist.accounts import services as account_services
from ctassist.accounts.choices import Role
from ctassist.assistance import demo
from ctassist.assistance.choices import RequestStatus
from ctassist.assistance.models import AssistanceRequest
from ctassist.core import roles

pytestmark = pytest.mark.django_db


def test_requests_in_review_and_beyond_have_an_officer_and_the_demo_sign_in_gets_its_share(actors):
    unodc = actors.officer.organisation
    login = account_services.create_user(acting_user=None, username="demo-officer", role=Role.OFFICER,
                                         organisation=unodc, password=None, is_demo=True)  # fmt: skip
    demo.generate(scale=1, seed=11)
    generated = AssistanceRequest.objects.filter(is_demo=True).select_related("assigned_officer")
    drafts = generated.filter(status=RequestStatus.DRAFT)
    taken = generated.exclude(status__in=[RequestStatus.DRAFT, RequestStatus.SUBMITTED])
    assert drafts.exists() and not drafts.filter(assigned_officer__isnull=False).exists()
    assert taken.exists() and not taken.filter(assigned_officer__isnull=True).exists()
    officers = {r.assigned_officer for r in generated if r.assigned_officer}
    assert login in officers and len(officers) == 3
    assert all(roles.is_unodc(o) and o.is_demo and o.email.endswith("@example.org") for o in officers - {login})
    # Generated again, the same officers are used, not new ones.
    demo.generate(scale=1, seed=11)
    assert {r.assigned_officer for r in AssistanceRequest.objects.filter(assigned_officer__isnull=False)} == officers
