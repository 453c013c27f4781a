"""Background work of consultations: grouping a draft's comments (100 000 take seconds, not a request)."""

from celery import shared_task

from mosharekat.core import jobs
from mosharekat.core.models import Job, User

from . import services
from .models import DraftDocument

GROUP_JOB = "consultations.group_comments"


def start_grouping(document: DraftDocument, actor) -> Job:
    """Record the job (staff of the document's unit see it) and queue it once the request commits."""
    from django.db import transaction

    job = jobs.start(GROUP_JOB, document, actor, document.unit)
    transaction.on_commit(lambda: _enqueue(job))
    return job


def _enqueue(job: Job) -> None:
    try:
        group_comments_job.delay(job.pk)
    except Exception:  # broker down
        jobs.not_queued(job)


@shared_task
def group_comments_job(job_id: int) -> None:
    job = Job.objects.filter(pk=job_id, state=Job.State.QUEUED).first()
    if job is None:  # already run (a redelivered message) or deleted
        return

    def work(progress):
        document = DraftDocument.objects.get(pk=job.target_id)
        actor = User.objects.filter(pk=job.started_by_id).first()
        return {"groups": services.group_comments(document, actor, progress=progress)}

    jobs.run(job, work)
