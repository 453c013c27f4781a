"""Grouping runs as a background job: staff of the draft's unit watch its progress and read its result."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mosharekat.consultations import services, tasks
from mosharekat.core import jobs
from mosharekat.core.models import AuditEntry, Job
from tests.factories import PASSWORD, make_user

LETTER = "اینجانب با حذف مهلت سی روزه اعتراض در تبصره یک مخالفم و درخواست بازنگری در این ماده را دارم."


@pytest.fixture
def letters(comment_on):
    comment_on(LETTER)
    comment_on(LETTER.replace("ی", "ي").replace("ک", "ك"))
    comment_on("علی رضایی: " + LETTER)
    comment_on("با اصل واگذاری موافقم ولی سامانه ثبت‌نام کند است.", stance="agree")


def group_url(document):
    return reverse("consultations:staff_group", args=[document.pk])


def test_staff_start_grouping_and_see_the_result_on_the_page(client, document, letters, staff_a,
                                                              django_capture_on_commit_callbacks):
    client.login(username=staff_a.username, password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):  # the task is queued when the request commits
        client.post(group_url(document))
    job = Job.objects.get()
    assert job.state == "done" and job.result == {"groups": 2} and job.started_by == staff_a
    page = client.get(reverse("consultations:staff_document", args=[document.pk])).content.decode()
    assert "نظرهای بررسی‌نشده در ۲ گروه دسته‌بندی شدند" in page
    assert len({c.group_id for c in document.comments.all()}) == 2
    actions = set(AuditEntry.objects.filter(actor=staff_a).values_list("action", flat=True))
    assert {"consultation.group_comments.start", "consultation.group_comments"} <= actions


def test_progress_is_reported_by_phase_and_count(document, letters, monkeypatch):
    monkeypatch.setattr(services, "PROGRESS_EVERY", 2)
    seen = []
    services.group_comments(document, progress=lambda phase, done, total: seen.append((phase, done, total)))
    assert seen == [("grouping", 0, 4), ("grouping", 2, 4), ("grouping", 4, 4), ("saving", 0, 4), ("saving", 4, 4)]


def test_a_running_job_shows_its_progress_and_keeps_polling(client, document, staff_a):
    job = jobs.start(tasks.GROUP_JOB, document, staff_a, document.unit)
    jobs.reporter(job)("grouping", 40_000, 100_000)
    client.login(username=staff_a.username, password=PASSWORD)
    page = client.get(reverse("consultations:staff_document", args=[document.pk])).content.decode()
    assert "در حال دسته‌بندی نظرها: ۴۰٬۰۰۰ از ۱۰۰٬۰۰۰" in page or "در حال دسته‌بندی نظرها: ۴۰۰۰۰ از ۱۰۰۰۰۰" in page
    fragment = client.get(reverse("job_status", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in fragment and 'value="40"' in fragment


def test_other_units_staff_cannot_see_the_job(client, units, document, letters, staff_a, staff_b,
                                               manager_deputy):
    tasks.start_grouping(document, staff_a)
    job = Job.objects.get()
    url = reverse("job_status", args=[job.pk])
    client.login(username=staff_b.username, password=PASSWORD)
    assert client.get(url).status_code == 404
    assert jobs.latest(staff_b, document, tasks.GROUP_JOB) is None
    client.login(username=manager_deputy.username, password=PASSWORD)  # the unit above sees it
    assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 302
    colleague = make_user("a_colleague", units["a"])
    assert jobs.latest(colleague, document, tasks.GROUP_JOB) == job


def test_failure_is_recorded_with_a_message(client, document, letters, staff_a, monkeypatch,
                                             django_capture_on_commit_callbacks):
    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "group_comments", broken)
    client.login(username=staff_a.username, password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(group_url(document))
    job = Job.objects.get()
    page = client.get(reverse("consultations:staff_document", args=[document.pk])).content.decode()
    assert job.state == "failed" and job.message == "کار به دلیل خطای داخلی متوقف شد؛ خطا برای بررسی ثبت شد."
    assert job.finished_at is not None and "کار با خطا متوقف شد" in page


def test_a_validation_failure_keeps_its_message(document, staff_a, monkeypatch):
    def refused(*args, **kwargs):
        raise ValidationError("The document is already issued.")

    monkeypatch.setattr(services, "group_comments", refused)
    job = tasks.start_grouping(document, staff_a)
    tasks.group_comments_job(job.pk)
    job.refresh_from_db()
    assert (job.state, job.message) == ("failed", "The document is already issued.")


def test_broker_down_is_shown_instead_of_a_job_queued_forever(document, staff_a, monkeypatch,
                                                               django_capture_on_commit_callbacks):
    def down(*args, **kwargs):
        raise ConnectionError("redis refused")

    monkeypatch.setattr(tasks.group_comments_job, "delay", down)
    with django_capture_on_commit_callbacks(execute=True):
        job = tasks.start_grouping(document, staff_a)
    job.refresh_from_db()
    assert (job.state, job.message) == ("failed", "صف کارهای پس‌زمینه در دسترس نیست؛ چند دقیقه دیگر دوباره تلاش کنید.")


def test_the_task_writes_its_progress_to_the_job_row(document, letters, staff_a, monkeypatch):
    monkeypatch.setattr(services, "PROGRESS_EVERY", 2)
    seen, real = [], jobs.reporter

    def spy(job):
        report = real(job)

        def wrapped(phase, done, total):
            report(phase, done, total)
            row = Job.objects.get(pk=job.pk)  # what the polling page reads at that moment
            seen.append((row.state, row.phase, row.done, row.total))
        return wrapped

    monkeypatch.setattr(jobs, "reporter", spy)
    job = tasks.start_grouping(document, staff_a)
    tasks.group_comments_job(job.pk)
    assert ("running", "grouping", 2, 4) in seen and seen[-1] == ("running", "saving", 4, 4)
    job.refresh_from_db()
    assert job.state == "done" and job.percent == 100
