"""The progress of a background job, as a fragment the staff page polls (htmx) or opens (no script)."""

from django.shortcuts import get_object_or_404, render

from . import jobs
from .staff import staff_required


@staff_required
def job_status(request, pk):
    """404 for a job of a unit the user does not see: its existence is not revealed."""
    job = get_object_or_404(jobs.visible(request.user), pk=pk)
    return render(request, "core/job_progress.html", {"job": job})
