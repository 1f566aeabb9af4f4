"""The one page pattern for long work: a job's page, the JSON status it polls, and its result file.

The page works without JavaScript (it reloads itself until the job is finished); with it,
``core/job.js`` polls the status endpoint and updates the progress bar in place.
"""

from __future__ import annotations

from django.http import FileResponse, Http404, JsonResponse
from django.urls import reverse
from django.views import View
from django.views.generic import DetailView

from ctassist.core import jobs
from ctassist.core.models import Job, JobStatus
from ctassist.core.views import PolicyObjectMixin


def status_of(job: Job) -> dict:
    return {
        "status": job.status,
        "label": str(job.get_status_display()),
        "progress": job.progress,
        "message": job.message,
        "finished": job.is_finished,
        "result_url": reverse("core:job_result", args=[job.pk]) if job.status == JobStatus.DONE and job.result else None,
    }


class JobView(PolicyObjectMixin, DetailView):
    model = Job
    template_name = "core/job.html"
    context_object_name = "job"


class JobStatusView(PolicyObjectMixin, View):
    """Polled every second by the job's page; a job whose worker stopped is queued again here too."""

    model = Job

    def get(self, request, pk):
        jobs.recover_stale()
        job: Job = self.get_object()  # type: ignore[assignment]
        response = JsonResponse(status_of(job))
        response["Cache-Control"] = "no-store"
        return response


class JobResultView(PolicyObjectMixin, View):
    """The result file, to the job's owner only (the policy), always as a download."""

    model = Job

    def get(self, request, pk):
        job: Job = self.get_object()  # type: ignore[assignment]
        if job.status != JobStatus.DONE or not job.result:
            raise Http404
        response = FileResponse(
            job.result.open("rb"), as_attachment=True, filename=job.result_name, content_type=job.content_type
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response
