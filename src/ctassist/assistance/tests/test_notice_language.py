"""Workflow notices go out in each recipient's language."""

import pytest
from django.core import mail

from ctassist.accounts import services as accounts
from ctassist.assistance import services
from ctassist.assistance.tests import factories

pytestmark = pytest.mark.django_db


def test_submission_notice_is_written_in_each_recipients_language(actors, django_capture_on_commit_callbacks):
    accounts.set_language(user=actors.officer, language="fr")
    accounts.set_language(user=actors.focal_point, language="ru")
    draft = services.create_request(
        acting_user=actors.focal_point,
        state=actors.state,
        title="Legislative review",
        themes=factories.themes("ratification"),
        needs="Review of the draft law.",
        languages=["en"],
    )
    # The focal point submits with Russian active; the officer is still told in French.
    with django_capture_on_commit_callbacks(execute=True):
        services.transition(acting_user=actors.focal_point, assistance_request=draft, to="submit")
    to_officer = next(m for m in mail.outbox if actors.officer.email in m.to)
    assert "La demande d'assistance technique" in to_officer.body
    assert draft.reference in to_officer.subject
    assert actors.focal_point.email not in to_officer.to
