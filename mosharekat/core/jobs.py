"""Background jobs that staff start and watch: ``start`` records the job, the Celery task calls ``run``
with the work, the work reports ``(phase, done, total)``, and the page polls the job's row.

Progress is written with single-row UPDATEs outside any transaction of the work, so other connections
(the polling page) see it while the work runs; the work keeps its own writes in its own transaction.
"""

import logging
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Job
from .rules import visible_unit_ids

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]


def start(kind: str, target, actor, unit) -> Job:
    return Job.objects.create(kind=kind, target_type=target._meta.label_lower, target_id=str(target.pk),
                              unit=unit, started_by=actor if getattr(actor, "is_authenticated", False) else None)


def reporter(job: Job) -> Progress:
    def report(phase: str, done: int, total: int) -> None:
        Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, phase=phase, done=done, total=total,
                                             updated_at=timezone.now())
    return report


def run(job: Job, work: Callable[[Progress], dict]) -> Job:
    """Run ``work(progress)``; its returned dict is the job's result. A failure is recorded with a
    message staff can read (a validation message as is; anything else logged, with a generic text)."""
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, updated_at=timezone.now())
    try:
        result = work(reporter(job))
    except ValidationError as exc:
        _finish(job, Job.State.FAILED, " ".join(exc.messages))
    except Exception:
        log.exception("job %s (%s) failed", job.pk, job.kind)
        _finish(job, Job.State.FAILED, _("The work stopped because of an internal error; it was logged."))
    else:
        _finish(job, Job.State.DONE, "", result)
    job.refresh_from_db()
    return job


def not_queued(job: Job) -> None:
    """The broker refused the job (called from an ``except``): said on the page, not queued forever."""
    log.exception("job %s (%s) could not be queued", job.pk, job.kind)
    _finish(job, Job.State.FAILED, _("The background queue is unavailable; try again in a few minutes."))


def _finish(job, state, message, result=None):
    now = timezone.now()
    Job.objects.filter(pk=job.pk).update(state=state, message=message, result=result, finished_at=now,
                                         updated_at=now)


def visible(user):
    """Jobs the user may see: those of the units whose work they see (administrators: all)."""
    units = visible_unit_ids(user)
    jobs = Job.objects.select_related("started_by")
    return jobs if units is None else jobs.filter(unit_id__in=units)


def latest(user, target, kind: str) -> Job | None:
    return visible(user).filter(target_type=target._meta.label_lower, target_id=str(target.pk), kind=kind).first()
