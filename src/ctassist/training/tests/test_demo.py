"""The training demonstration data: generated through the services, labelled, on example domains, and regenerable."""

from __future__ import annotations

import pytest

from ctassist.assistance import demo as assistance_demo
from ctassist.training import demo
from ctassist.training.choices import NominationStatus
from ctassist.training.models import Certificate, Course, Nomination, Person, Session, Trainer

pytestmark = pytest.mark.django_db


def test_the_generator_builds_a_labelled_training_programme_and_runs_again(actors):
    assistance_demo.generate(scale=1, seed=7)
    counts = demo.generate(scale=1, seed=7)
    assert counts["sessions"] >= 3 and counts["enrolled"] > 0 and counts["certificates"] > 0
    assert set(Course.objects.filter(code__startswith="demo-").values_list("is_demo", flat=True)) == {True}
    assert all("demonstration" in c.title for c in Course.objects.filter(is_demo=True))
    assert Session.objects.filter(is_demo=True).count() == counts["sessions"]
    people = Person.objects.filter(nominations__session__is_demo=True).distinct()
    assert people.exists() and not people.filter(is_demo=False).exists()
    assert all(p.email.endswith("@example.org") and p.phone.startswith("+1 555 01") for p in people)
    trainers = Trainer.objects.filter(is_demo=True)
    assert trainers.count() == len(demo.TRAINERS)
    assert all(t.full_name.startswith("Demonstration trainer") and t.email.endswith("@example.org") for t in trainers)
    # Participant counts come from the enrolments.
    session = Session.objects.filter(is_demo=True).first()
    enrolled = Nomination.objects.filter(session=session, status=NominationStatus.ACCEPTED).count()
    assert sum(c.count for c in session.activity.participant_counts.all()) == enrolled
    # Running everything again (as `generate_demo` does) replaces the sessions without error.
    issued = Certificate.objects.count()
    assert demo.remove() == issued and not Certificate.objects.exists()
    assistance_demo.generate(scale=1, seed=8)
    again = demo.generate(scale=1, seed=8)
    assert again["sessions"] >= 3 and Trainer.objects.filter(is_demo=True).count() == len(demo.TRAINERS)
