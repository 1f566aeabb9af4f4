"""Background work of the reporting area (django-tasks; ``ctassist db_worker`` runs it).

The task runs the build in ``drafting``; it does not import the services, which enqueue it.
"""

from django_tasks import task

from ctassist.reporting import drafting


@task()
def build_report_task(report_id: int) -> str:
    report = drafting.build_report(acting_user=None, report_id=report_id)
    return report.status
