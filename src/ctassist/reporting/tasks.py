"""Background work of the reporting area (django-tasks; ``ctassist db_worker`` runs it)."""

from django_tasks import task


@task()
def build_report_task(report_id: int) -> str:
    from ctassist.reporting import services

    report = services.build_report(acting_user=None, report_id=report_id)
    return report.status
