"""Background work of core: the jobs users start from pages (``core.jobs``), run by ``ctassist db_worker``."""

from django_tasks import task

from ctassist.core import jobs


@task()
def run_job_task(job_id: int) -> str:
    return jobs.run(job_id)
