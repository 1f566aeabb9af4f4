"""Long work as a job on the task queue: whole-table exports and the directory printout.

The page starts the job and sends the user to its page, which polls a JSON status with a static
script; the result is the same file a direct download gives, served to the job's owner only.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client, TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from ctassist.assistance import services as assistance
from ctassist.core import jobs
from ctassist.core.models import Job, JobStatus
from ctassist.core.testing import download

pytestmark = pytest.mark.django_db


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def requests_of_kenya(actors):
    return [
        assistance.create_request(acting_user=None, state=actors.state, title=f"Request {i} (test)", needs="Help.")
        for i in range(3)
    ]


def test_a_small_export_stays_in_the_request(actors, requests_of_kenya):
    response = _client(actors.officer).get(reverse("assistance:request_list"), {"export": "csv"})
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert not Job.objects.exists()


@override_settings(EXPORT_INLINE_MAX_ROWS=2)
def test_a_whole_table_export_runs_as_a_job_and_gives_the_same_file(actors, requests_of_kenya):
    client = _client(actors.officer)
    with TestCase.captureOnCommitCallbacks(execute=False) as queued:
        started = client.get(reverse("assistance:request_list"), {"export": "csv"})
    assert started.status_code == 302
    job = Job.objects.get()
    assert started.url == reverse("core:job", args=[job.pk])
    assert job.owner == actors.officer and job.status == JobStatus.QUEUED
    status = client.get(reverse("core:job_status", args=[job.pk])).json()
    assert status == {**status, "status": "queued", "finished": False, "result_url": None}

    for callback in queued:  # the worker takes the job
        callback()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempts == 1 and job.progress == 100
    status = client.get(reverse("core:job_status", args=[job.pk])).json()
    assert status["finished"] and status["result_url"] == reverse("core:job_result", args=[job.pk])
    result = client.get(status["result_url"])
    assert result.status_code == 200
    assert result["Content-Disposition"].startswith("attachment") and "requests.csv" in result["Content-Disposition"]
    body = b"".join(result.streaming_content).decode("utf-8-sig")
    assert all(f"Request {i} (test)" in body for i in range(3))
    with override_settings(EXPORT_INLINE_MAX_ROWS=1000):
        direct = client.get(reverse("assistance:request_list"), {"export": "csv"})
    assert direct.content.decode("utf-8-sig") == body


@override_settings(EXPORT_INLINE_MAX_ROWS=0)
def test_the_job_runs_as_its_owner_under_the_policy(actors, requests_of_kenya):
    assistance.create_request(acting_user=None, state=actors.other_state, title="Peru's request (test)", needs="x")
    body = download(_client(actors.focal_point), reverse("assistance:request_list"), {"export": "csv"}).content
    text = body.decode("utf-8-sig")
    assert "Request 0 (test)" in text and "Peru's request (test)" not in text


@override_settings(EXPORT_INLINE_MAX_ROWS=0)
@pytest.mark.parametrize("role", ["other_focal_point", "officer", "donor"])
def test_nobody_else_reaches_the_job_its_status_or_its_file(role, actors, requests_of_kenya):
    download(_client(actors.focal_point), reverse("assistance:request_list"), {"export": "csv"})
    job = Job.objects.get()
    client = _client(actors.user(role))
    for name in ("core:job", "core:job_status", "core:job_result"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404, name
    anonymous = Client().get(reverse("core:job_result", args=[job.pk]))
    assert anonymous.status_code == 302 and "sign-in" in anonymous.url


@override_settings(EXPORT_INLINE_MAX_ROWS=0)
def test_the_job_page_uses_a_static_script_and_works_without_it(actors, requests_of_kenya):
    client = _client(actors.officer)
    with TestCase.captureOnCommitCallbacks(execute=False):
        started = client.get(reverse("assistance:request_list"), {"export": "xlsx"})
    page = client.get(started.url).content.decode()
    scripts = re.findall(r"<script[^>]*>", page)
    assert scripts and all("src=" in tag for tag in scripts)  # no inline script (CSP)
    assert "core/job" in page and "data-job-status" in page
    assert 'http-equiv="refresh"' in page  # without JavaScript, the page reloads until it is finished


def test_a_job_whose_worker_died_is_queued_again(actors):
    job = Job.objects.create(
        kind=jobs.PAGE_EXPORT,
        title="Export",
        owner=actors.officer,
        params={"path": reverse("assistance:request_list"), "query": "export=csv"},
        status=JobStatus.RUNNING,
        attempts=1,
    )
    assert jobs.recover_stale() == 0  # its heartbeat is fresh
    Job.objects.filter(pk=job.pk).update(updated_at=timezone.now() - datetime.timedelta(hours=1))
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert jobs.recover_stale() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempts == 2


def test_a_failing_job_says_why(actors):
    job = Job.objects.create(
        kind=jobs.PAGE_EXPORT, title="Export", owner=actors.officer, params={"path": "/healthz", "query": ""}
    )
    assert jobs.run(job.pk) == JobStatus.FAILED
    job.refresh_from_db()
    assert job.is_finished and "instead of a file" in job.message
