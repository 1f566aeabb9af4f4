"""The reporting services write through the one way: logged saves, an event for every delete,
and no import cycle between the services and the task."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied

from ctassist.core.models import ChangeLogEntry, DomainEvent
from ctassist.reporting import services
from ctassist.reporting.events import ReportingEvent
from ctassist.reporting.models import Report
from ctassist.reporting.tests.conftest import END, START

pytestmark = pytest.mark.django_db

APP = Path(services.__file__).parent


def _log(report_pk):
    return ChangeLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Report), object_id=str(report_pk)
    ).order_by("id")


def test_request_and_build_are_logged_without_copying_the_content(built, actors):
    actions = [e.action for e in _log(built.pk)]
    assert actions == ["create", "update"]
    update = _log(built.pk).last()
    assert update.before["status"] != "done" and update.after["status"] == "done"
    # The content is recorded by size and digest only.
    assert set(update.after["content"]) == {"size", "digest"} and update.after["content"]["size"] > 1000
    ct = ContentType.objects.get_for_model(Report)
    events = DomainEvent.objects.filter(content_type=ct, object_id=str(built.pk)).order_by("id")
    types = list(events.values_list("type", flat=True))
    assert types == [ReportingEvent.REPORT_REQUESTED, ReportingEvent.REPORT_BUILT]


def test_delete_logs_and_emits_an_event(built, actors):
    pk = built.pk
    services.delete_report(acting_user=actors.officer, report=built)
    assert not Report.objects.filter(pk=pk).exists()
    assert _log(pk).last().action == "delete"
    assert DomainEvent.objects.filter(type=ReportingEvent.REPORT_DELETED, object_id=str(pk)).count() == 1


def test_delete_refused_to_others_writes_nothing(built, actors):
    with pytest.raises(PermissionDenied):
        services.delete_report(acting_user=actors.focal_point, report=built)
    assert Report.objects.filter(pk=built.pk).exists()
    assert not DomainEvent.objects.filter(type=ReportingEvent.REPORT_DELETED).exists()


def test_request_refused_to_others_writes_nothing(world, actors):
    with pytest.raises(PermissionDenied):
        services.request_report(
            acting_user=actors.focal_point, resolution=world.resolution, period_start=START, period_end=END
        )
    assert not Report.objects.exists() and not DomainEvent.objects.filter(type=ReportingEvent.REPORT_REQUESTED)


def _imports(module: str) -> set[str]:
    tree = ast.parse((APP / f"{module}.py").read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


@pytest.mark.parametrize("module", ["tasks", "drafting"])
def test_the_task_side_does_not_import_the_services(module):
    back = {"ctassist.reporting.services", "ctassist.reporting.tasks"} - {f"ctassist.reporting.{module}"}
    assert not back & _imports(module)
