"""The PR summary mail goes through the outbox: kept with its PDF, delivered in the background, retried."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from mosharekat.core.models import Notification, Role
from mosharekat.news import services
from mosharekat.news.models import NewsItem, SummaryReport
from tests.core.test_notifications import FlakyBackend
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def pr_user(units):
    return make_user("pr", units["root"], Role.PUBLIC_RELATIONS)


@pytest.fixture
def commented(units):
    item = NewsItem.objects.create(slug="dividend", title="واریز سود سهام عدالت", body="سود واریز می‌شود.",
                                   unit=units["root"], published_at=timezone.now() - datetime.timedelta(hours=1),
                                   allow_anonymous=True)
    services.submit_comment(item, services.NewComment(stance="disagree", body="سود امسال کم است."))
    return item


def send(pr_user):
    today = timezone.localdate()
    return services.send_report(pr_user, today, today, authority="شورای عالی اداری", email="office@example.ir")


def test_summary_waits_in_the_outbox_with_its_pdf(commented, pr_user):
    record = send(pr_user)
    note = Notification.objects.get(channel="email")
    assert note.recipient == "office@example.ir" and note.subject == record.title and note.status == "pending"
    pdf = note.attachments.get()
    assert pdf.content_type == "application/pdf" and bytes(pdf.content).startswith(b"%PDF")
    assert not mail.outbox  # nothing leaves before the outbox row is committed


def test_summary_is_delivered_and_retried_by_the_outbox(settings, commented, pr_user,
                                                        django_capture_on_commit_callbacks):
    settings.NOTIFY_MODE = "live"
    settings.EMAIL_BACKEND = "tests.core.test_notifications.FlakyBackend"
    FlakyBackend.failures = 1  # the mail server refuses the first attempt
    with django_capture_on_commit_callbacks(execute=True):
        send(pr_user)
    note = Notification.objects.get(channel="email")
    assert (note.status, note.attempts) == ("sent", 2)
    message = mail.outbox[-1]
    name, content, kind = message.attachments[0]
    assert message.to == ["office@example.ir"] and kind == "application/pdf" and content.startswith(b"%PDF")
    assert name.startswith("summary-") and SummaryReport.objects.get().comment_count == 1
