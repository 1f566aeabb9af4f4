"""A large import is applied by a job on the task queue: all or nothing, its rows' problems on the job's page.

Above ``IMPORT_INLINE_MAX_ROWS`` rows the confirm step queues a job instead of applying the table in
the web request; the worker replays that confirm as the same user, so the policy, the signed table
and ``Importer.run`` are exactly those of a small import.
"""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase, override_settings
from django.urls import reverse

from ctassist.core import jobs
from ctassist.core.importing import ImportRejected, Problem
from ctassist.core.models import ChangeLogEntry, DomainEvent, Job, JobStatus
from ctassist.directory.importing import DirectoryImporter
from ctassist.directory.models import DirectoryEntry

pytestmark = pytest.mark.django_db

HEADER = "state,authority_type,name,telephones,emails,website,languages_accepted,channels_accepted\n"
GOOD = HEADER + "".join(
    f"Kenya,mla,Demo authority {i} (import test),+254 20 555 01{i:02d},a{i}@example.org,,en,direct\n" for i in range(5)
)
BAD = (
    HEADER
    + "Kenya,mla,Fine row (import test),+254 20 555 0100,ok@example.org,,en,direct\n"
    + "Kenya,fiu,Bad phone (import test),0720 555 0100,ok@example.org,,en,direct\n"
    + "Atlantis,mla,Unknown State (import test),,,,en,direct\n"
)
URL = "directory:import"


@pytest.fixture
def client_for(actors):
    def make(role):
        client = Client()
        client.force_login(actors.user(role))
        return client

    return make


def _preview(client, text):
    response = client.post(reverse(URL), {"file": SimpleUploadedFile("authorities.csv", text.encode())})
    return response, response.context["confirm_form"].initial["table"]


def _written():
    """What an import writes: entries, their change log and events (the job's own change log aside)."""
    logged = ChangeLogEntry.objects.exclude(content_type=ContentType.objects.get_for_model(Job))
    return DirectoryEntry.objects.count(), logged.count(), DomainEvent.objects.count()


def test_a_small_import_is_still_applied_in_the_request(actors, client_for):
    client = client_for("officer")
    _response, token = _preview(client, GOOD)
    response = client.post(reverse(URL), {"confirm": "1", "table": token})
    assert response.status_code == 302 and response["Location"] == reverse("directory:entry_list")
    assert DirectoryEntry.objects.count() == 5 and not Job.objects.exists()


@override_settings(IMPORT_INLINE_MAX_ROWS=3)
def test_a_large_import_runs_as_a_job_showing_rows_done_then_where_to_go(actors, client_for):
    client = client_for("officer")
    _response, token = _preview(client, GOOD)
    with TestCase.captureOnCommitCallbacks(execute=False) as queued:
        started = client.post(reverse(URL), {"confirm": "1", "table": token})
    job = Job.objects.get()
    assert started.status_code == 302 and started["Location"] == reverse("core:job", args=[job.pk])
    assert job.kind == jobs.IMPORT and job.owner == actors.officer and job.status == JobStatus.QUEUED
    assert job.title == "Import authorities: 5 rows"
    assert not DirectoryEntry.objects.exists()  # nothing is applied in the request
    waiting = client.get(started["Location"])
    assert waiting.status_code == 200 and "core/job.js" in waiting.content.decode()

    reported = []
    real_progress = jobs.progress
    with mock.patch.object(jobs, "progress", side_effect=lambda *a, **k: (reported.append(a[2]), real_progress(*a, **k))):
        for callback in queued:  # the worker takes the job
            callback()
    assert "0 of 5 rows written" in reported and "5 of 5 rows written" in reported
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.progress == 100 and not job.result
    assert DirectoryEntry.objects.count() == 5
    assert job.message.startswith("Imported: 5 new")
    assert job.params["outcome"]["link"] == reverse("directory:entry_list")
    assert "post" not in job.params  # the table is not kept once applied, nor copied into the change log
    logged = ChangeLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Job), object_id=str(job.pk))
    assert logged.exists() and not any(token[:40] in str(e.before) + str(e.after) for e in logged)
    page = client.get(reverse("core:job", args=[job.pk])).content.decode()
    assert f'href="{reverse("directory:entry_list")}"' in page and "Download the file" not in page
    assert "core/job.js" not in page  # finished: no more polling
    status = client.get(reverse("core:job_status", args=[job.pk])).json()
    assert status["finished"] and status["result_url"] is None
    # Only its owner follows it.
    assert client_for("admin").get(reverse("core:job", args=[job.pk])).status_code in (403, 404)


@override_settings(IMPORT_INLINE_MAX_ROWS=1)
def test_a_large_import_with_bad_rows_fails_naming_row_and_column_and_writes_nothing(actors, client_for):
    client = client_for("officer")
    _response, token = _preview(client, BAD)  # the preview lists the problems; a confirm is forced anyway
    before = _written()
    with TestCase.captureOnCommitCallbacks(execute=True):
        started = client.post(reverse(URL), {"confirm": "1", "table": token})
    job = Job.objects.get()
    assert started["Location"] == reverse("core:job", args=[job.pk])
    assert job.status == JobStatus.FAILED and "nothing was written" in job.message
    problems = job.params["outcome"]["problems"]
    assert any(p.startswith("row 3, column telephones") for p in problems)
    assert any(p.startswith("row 4, column state") and "Atlantis" in p for p in problems)
    assert _written() == before
    page = client.get(started["Location"]).content.decode()
    assert "row 3, column telephones" in page and "nothing was written" in page
    assert f'href="{reverse(URL)}"' in page  # back to the import


@override_settings(IMPORT_INLINE_MAX_ROWS=3)
def test_a_large_import_failing_after_writing_rows_leaves_nothing_written(actors, client_for):
    client = client_for("officer")
    _response, token = _preview(client, GOOD)
    real_apply = DirectoryImporter.apply

    def apply_then_fail(self, plan, *, acting_user):
        real_apply(self, plan, acting_user=acting_user)
        assert DirectoryEntry.objects.count() == 5  # every row was written inside the transaction...
        raise ImportRejected([Problem("refused by the test", row=6, column="emails")])

    before = _written()
    with mock.patch.object(DirectoryImporter, "apply", apply_then_fail), TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse(URL), {"confirm": "1", "table": token})
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED
    assert job.params["outcome"]["problems"] == ["row 6, column emails: refused by the test"]
    assert _written() == before  # ...and none of them stayed, nor their change log or events
    assert not DirectoryEntry.objects.exists()


@override_settings(IMPORT_INLINE_MAX_ROWS=1)
def test_a_tampered_large_confirm_is_refused_in_the_request_without_a_job(actors, client_for):
    client = client_for("officer")
    _response, token = _preview(client, GOOD)
    for bad in (token[:-4] + "abcd", "not a signed table"):
        response = client.post(reverse(URL), {"confirm": "1", "table": bad})
        assert response.status_code == 400 and "Nothing was imported" in response.content.decode()
    assert not Job.objects.exists() and not DirectoryEntry.objects.exists()


@override_settings(IMPORT_INLINE_MAX_ROWS=1)
def test_a_large_import_by_someone_who_may_no_longer_import_fails_in_the_job(actors, client_for):
    client = client_for("officer")
    _response, token = _preview(client, GOOD)
    with TestCase.captureOnCommitCallbacks(execute=False) as queued:
        client.post(reverse(URL), {"confirm": "1", "table": token})
    job = Job.objects.get()
    # The worker acts as the owner, through the same policy as the page.
    Job.objects.filter(pk=job.pk).update(owner=actors.focal_point)
    for callback in queued:
        callback()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and not DirectoryEntry.objects.exists()


def _killed_import_job(client, attempts: int) -> Job:
    """A confirmed import job whose worker took it and was killed after ``attempts`` tries.

    Its transaction rolled back, so the row is left "running" and stale, as a killed worker leaves it.
    """
    _response, token = _preview(client, GOOD)
    with TestCase.captureOnCommitCallbacks(execute=False):
        client.post(reverse(URL), {"confirm": "1", "table": token})
    job = Job.objects.get()
    stale = jobs.stale_before() - datetime.timedelta(seconds=1)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, attempts=attempts, updated_at=stale)
    return job


@override_settings(IMPORT_INLINE_MAX_ROWS=3)
def test_an_import_job_whose_worker_died_is_applied_once_when_queued_again(actors, client_for):
    job = _killed_import_job(client_for("officer"), attempts=1)
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert jobs.recover_stale_jobs() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempts == 2
    assert DirectoryEntry.objects.count() == 5
    assert jobs.run(job.pk) == JobStatus.DONE and DirectoryEntry.objects.count() == 5  # never applied twice


@override_settings(IMPORT_INLINE_MAX_ROWS=3, TASK_MAX_ATTEMPTS=2)
def test_an_import_job_whose_worker_died_on_its_last_attempt_fails_and_is_not_left_running(actors, client_for):
    job = _killed_import_job(client_for("officer"), attempts=2)
    with TestCase.captureOnCommitCallbacks(execute=True) as queued:
        assert jobs.recover_stale_jobs() == 1
    assert not queued
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "each of 2 attempts" in job.message
    assert not DirectoryEntry.objects.exists()


PARTICIPANTS = "name,state,sex,agency,consent\nAna Example,KEN,women,police,yes\nBo Example,Peru,M,Judiciary,no\n"


@override_settings(IMPORT_INLINE_MAX_ROWS=1)
def test_a_large_participant_import_carries_the_agreement_to_widen_who_sees_the_activity(actors, client_for):
    from ctassist.assistance.models import Participant
    from ctassist.assistance.tests import factories

    activity = factories.make_activity(actors)
    url = reverse("assistance:participant_import", args=[activity.pk])
    client = client_for("officer")
    token = client.post(url, {"text": PARTICIPANTS}).context["confirm_form"].initial["table"]
    # Not agreed: the job writes nothing and says what needed agreeing to.
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(url, {"confirm": "1", "table": token})
    refused = Job.objects.get()
    assert refused.status == JobStatus.FAILED and any("Peru" in p for p in refused.params["outcome"]["problems"])
    assert not Participant.objects.filter(activity=activity).exists()
    assert list(activity.states.all()) == [actors.state]
    # Agreed on the preview: the job applies it, widening as agreed.
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(url, {"confirm": "1", "table": token, "agree": "on"})
    done = Job.objects.exclude(pk=refused.pk).get()
    assert done.status == JobStatus.DONE, done.message
    assert Participant.objects.filter(activity=activity).exists()
    assert set(activity.states.all()) == {actors.state, actors.other_state}


@override_settings(IMPORT_INLINE_MAX_ROWS=1)
def test_a_large_participation_import_runs_as_a_job_for_its_instrument(actors, client_for):
    from ctassist.treaties.models import Participation

    url = reverse("treaties:participation_import", args=["financing-1999"])
    table = "Participant\tSignature\tRatification\nKenya\t\t27 Jun 2003 a\nPeru\t14 Sep 2000\t10 Nov 2001\n"
    client = client_for("officer")
    token = client.post(url, {"text": table}).context["confirm_form"].initial["table"]
    with TestCase.captureOnCommitCallbacks(execute=True):
        started = client.post(url, {"confirm": "1", "table": token})
    job = Job.objects.get()
    assert started["Location"] == reverse("core:job", args=[job.pk]) and job.status == JobStatus.DONE, job.message
    assert Participation.objects.filter(instrument__code="financing-1999").count() == 2
    assert job.params["outcome"]["link"].endswith("/instruments/financing-1999/")
