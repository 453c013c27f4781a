"""The outbox carries e-mail attachments: kept with the message, sent with it, sent again on retry."""

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from mosharekat.core.models import Notification
from mosharekat.core.notifications import deliver, notify

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n"


class FlakyBackend(EmailBackend):
    """Fails the first ``failures`` sends, as an SMTP server that is down for a while."""

    failures = 0

    def send_messages(self, messages):
        if FlakyBackend.failures:
            FlakyBackend.failures -= 1
            raise ConnectionRefusedError("smtp down")
        return super().send_messages(messages)


@pytest.fixture
def live(settings):
    settings.NOTIFY_MODE = "live"
    settings.EMAIL_BACKEND = "tests.core.test_notifications.FlakyBackend"
    FlakyBackend.failures = 0


def test_attachment_is_kept_in_the_outbox_with_the_message():
    note = notify("email", "office@example.ir", "گزارش پیوست است.", subject="گزارش",
                  attachments=[("report.pdf", PDF, "application/pdf")])
    kept = note.attachments.get()
    assert (kept.filename, bytes(kept.content), kept.content_type) == ("report.pdf", PDF, "application/pdf")
    assert Notification.objects.get().status == "pending"


def test_sms_cannot_carry_an_attachment():
    with pytest.raises(ValueError):
        notify("sms", "09121234567", "متن", attachments=[("a.pdf", PDF, "application/pdf")])
    assert not Notification.objects.exists()


def test_delivery_sends_the_attachment(live, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        note = notify("email", "office@example.ir", "گزارش پیوست است.", subject="گزارش",
                      attachments=[("report.pdf", PDF, "application/pdf")])
    note.refresh_from_db()
    assert note.status == "sent" and note.attempts == 1
    message = mail.outbox[-1]
    assert message.to == ["office@example.ir"] and message.subject == "گزارش"
    assert message.attachments == [("report.pdf", PDF, "application/pdf")]


def test_failed_delivery_is_retried_with_the_same_attachment(live, django_capture_on_commit_callbacks):
    FlakyBackend.failures = 2
    with django_capture_on_commit_callbacks(execute=True):
        note = notify("email", "office@example.ir", "گزارش پیوست است.", subject="گزارش",
                      attachments=[("report.pdf", PDF, "application/pdf")])
    note.refresh_from_db()
    assert (note.status, note.attempts) == ("sent", 3)  # the task's retries
    assert len(mail.outbox) == 1 and mail.outbox[0].attachments[0][1] == PDF


def test_failure_is_recorded_and_retry_command_sends_it_later(live):
    FlakyBackend.failures = 1
    note = notify("email", "office@example.ir", "متن", subject="گزارش",
                  attachments=[("report.pdf", PDF, "application/pdf")])
    deliver(note)
    note.refresh_from_db()
    assert note.status == "failed" and "smtp down" in note.last_error and not mail.outbox
    from django.core.management import call_command

    call_command("retry_notifications")
    note.refresh_from_db()
    assert note.status == "sent" and mail.outbox[0].attachments[0] == ("report.pdf", PDF, "application/pdf")


def test_outbox_mode_keeps_the_message_unsent(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        note = notify("email", "office@example.ir", "متن", attachments=[("r.pdf", PDF, "application/pdf")])
    note.refresh_from_db()
    assert note.status == "outbox" and not mail.outbox
