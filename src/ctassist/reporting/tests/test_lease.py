"""A build whose worker is killed is never stuck "running": its lease expires and it is queued again.

A worker killed in the middle of a build leaves the report "running" with no heartbeat (the kill is
simulated by an exception no handler catches, which is what the database sees when the process dies).
"Restarted" is the next worker taking any task, the page polling the build, or ``ctassist recover_tasks``.
"""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from ctassist.core import jobs
from ctassist.core.models import DomainEvent
from ctassist.reporting import builder, drafting
from ctassist.reporting.choices import ReportStatus
from ctassist.reporting.events import ReportingEvent
from ctassist.reporting.models import Report
from ctassist.reporting.tests.conftest import END, START

pytestmark = pytest.mark.django_db


class WorkerKilled(BaseException):
    """What the database sees of a SIGKILL: the build stops, nothing marks it finished."""


def _killed_build(report):
    with mock.patch.object(builder, "build_content", side_effect=WorkerKilled), pytest.raises(WorkerKilled):
        drafting.build_report(acting_user=None, report_id=report.pk)
    report.refresh_from_db()
    assert report.status == ReportStatus.RUNNING
    return report


def _expire_lease(report):
    Report.objects.filter(pk=report.pk).update(updated_at=timezone.now() - datetime.timedelta(hours=1))


@pytest.fixture
def interrupted(world, actors):
    report = Report.objects.create(
        resolution=world.resolution, period_start=START, period_end=END, requested_by=actors.officer
    )
    return _killed_build(report)


def test_a_running_build_with_a_live_heartbeat_is_left_alone(interrupted):
    assert jobs.recover_stale() == 0
    interrupted.refresh_from_db()
    assert interrupted.status == ReportStatus.RUNNING and interrupted.attempts == 1


def test_a_build_whose_worker_died_is_queued_again_and_finishes(interrupted, django_capture_on_commit_callbacks):
    _expire_lease(interrupted)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert jobs.recover_stale() == 1
    assert len(callbacks) == 1  # one new task, run at once by the test backend
    interrupted.refresh_from_db()
    assert interrupted.status == ReportStatus.DONE
    assert interrupted.attempts == 2 and interrupted.docx
    # A second recovery finds nothing more to do.
    assert jobs.recover_stale() == 0


def test_the_progress_poll_recovers_a_build_whose_worker_died(interrupted, actors, django_capture_on_commit_callbacks):
    _expire_lease(interrupted)
    client = Client()
    client.force_login(actors.officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(f"/reports/sg/{interrupted.pk}/progress/")
    assert response.status_code == 200
    interrupted.refresh_from_db()
    assert interrupted.status == ReportStatus.DONE


@override_settings(TASK_MAX_ATTEMPTS=2)
def test_a_build_that_keeps_losing_its_worker_fails_with_the_reason(interrupted, django_capture_on_commit_callbacks):
    _expire_lease(interrupted)
    with mock.patch.object(builder, "build_content", side_effect=WorkerKilled):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            assert jobs.recover_stale() == 1
        callbacks[0]()  # the second attempt dies too (the test backend records the task as failed)
    interrupted.refresh_from_db()
    assert interrupted.status == ReportStatus.RUNNING and interrupted.attempts == 2
    _expire_lease(interrupted)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert jobs.recover_stale() == 1
    assert callbacks == []  # not queued a third time
    interrupted.refresh_from_db()
    assert interrupted.status == ReportStatus.FAILED and interrupted.is_finished
    assert "2" in interrupted.message
    assert DomainEvent.objects.filter(type=ReportingEvent.REPORT_FAILED, object_id=str(interrupted.pk)).exists()


def test_rebuilding_resets_the_attempts(interrupted, actors):
    from ctassist.reporting import services

    _expire_lease(interrupted)
    services.rebuild_report(acting_user=actors.officer, report=interrupted)
    interrupted.refresh_from_db()
    assert interrupted.attempts == 0 and interrupted.status == ReportStatus.QUEUED


def test_the_heartbeat_thread_keeps_touching_the_row_until_the_block_ends():
    touched = []
    with mock.patch.object(jobs.connection, "in_atomic_block", False):
        with jobs.heartbeat(lambda: touched.append(1), interval=0.01):
            deadline = timezone.now() + datetime.timedelta(seconds=5)
            while len(touched) < 3 and timezone.now() < deadline:
                pass
        seen = len(touched)
    assert seen >= 3
    import time

    time.sleep(0.05)
    assert len(touched) == seen  # stopped with the block
