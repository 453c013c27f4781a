import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mosharekat.core.models import AuditEntry, Notification
from mosharekat.desk import services
from mosharekat.desk.models import Case, ResponseTime, Status


def test_submission_gets_code_due_date_and_sms(units, make_case, django_capture_on_commit_callbacks):
    ResponseTime.objects.create(kind="complaint", working_days=20)
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(kind="complaint")
    assert case.status == Status.NEW
    assert (case.due_date - timezone.localdate()).days >= 20
    sms = Notification.objects.get(channel="sms", recipient="09121234567")
    assert case.tracking_code in sms.body
    assert sms.status == Notification.Status.OUTBOX


def test_anonymous_submission_keeps_no_contact_and_gets_a_longer_code(units, make_case):
    case = make_case(is_anonymous=True, contact_name="علی", mobile="09121234567")
    assert case.mobile == "" and case.contact_name == ""
    assert len(case.tracking_code) == 20
    assert not Notification.objects.exists()


def test_identified_submission_needs_a_contact(units):
    with pytest.raises(ValidationError):
        services.submit_case(services.Submission(kind="request", subject="موضوع", body="متن درخواست"))


def test_lookup_needs_the_contact_given_at_submission(units, make_case):
    case = make_case(email="citizen@example.com")
    assert services.lookup(case.tracking_code, "0912 123 4567") == case
    assert services.lookup(case.tracking_code, "۰۹۱۲۱۲۳۴۵۶۷") == case
    assert services.lookup(case.tracking_code, "CITIZEN@example.com") == case
    assert services.lookup(case.tracking_code, "09120000000") is None
    assert services.lookup(case.tracking_code, "") is None


def test_anonymous_code_alone_opens_the_case(units, make_case):
    case = make_case(is_anonymous=True)
    assert services.lookup(case.tracking_code) == case


def test_workflow_answer_is_public_note_is_not(units, staff_a, service_a, make_case):
    case = make_case(service=service_a)
    case = services.start(case, staff_a)
    services.add_note(case, staff_a, "تماس گرفته شد؛ منتظر مدارک")
    case = services.answer(case, staff_a, "مدارک شما بررسی شد و برگه صادر شد.")
    assert case.status == Status.ANSWERED and case.answered_at
    public = [e.body for e in services.public_events(case)]
    assert "مدارک شما بررسی شد و برگه صادر شد." in public
    assert "تماس گرفته شد؛ منتظر مدارک" not in public
    # One SMS with the code at submission, one telling the citizen the answer is ready.
    texts = list(Notification.objects.filter(channel="sms").order_by("id").values_list("body", flat=True))
    assert len(texts) == 2 and all(case.tracking_code in t for t in texts)
    actions = list(AuditEntry.objects.filter(target_id=str(case.pk)).values_list("action", flat=True))
    assert {"case.start", "case.note", "case.answer"} <= set(actions)
    answer_audit = AuditEntry.objects.get(action="case.answer")
    assert answer_audit.before["status"] == "in_progress" and answer_audit.after["status"] == "answered"
    assert answer_audit.actor == staff_a


def test_reassign_needs_a_reason_and_is_in_history(units, staff_a, service_a, make_case):
    case = make_case(service=service_a)
    with pytest.raises(ValidationError):
        services.reassign(case, staff_a, units["b"], "  ")
    case = services.reassign(case, staff_a, units["b"], "موضوع حقوقی است")
    assert case.unit == units["b"]
    event = case.events.filter(type="routed").last()
    assert event.data["from"] == units["a"].name and event.body == "موضوع حقوقی است"


def test_merged_code_leads_to_the_surviving_case(units, staff_a, service_a, make_case):
    original = make_case(service=service_a, email="citizen@example.com")
    duplicate = make_case(service=service_a, mobile="09350000000", email="Citizen@example.com")
    services.merge(duplicate, original, staff_a)
    found = services.lookup(duplicate.tracking_code, "09350000000")
    assert found == original
    with pytest.raises(ValidationError):
        services.answer(Case.objects.get(pk=duplicate.pk), staff_a, "پاسخ")


def test_citizen_reopens_within_the_window_but_not_after(units, staff_a, service_a, make_case, settings):
    settings.DESK_REOPEN_DAYS = 7
    case = services.answer(make_case(service=service_a), staff_a, "پاسخ داده شد")
    services.citizen_follow_up(case, "پاسخ کامل نبود")
    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS
    assert case.events.filter(type="reopened").exists()
    case = services.close(services.answer(case, staff_a, "تکمیل شد"), staff_a)
    Case.objects.filter(pk=case.pk).update(closed_at=timezone.now() - datetime.timedelta(days=8))
    case.refresh_from_db()
    assert not services.can_citizen_write(case)
    with pytest.raises(ValidationError):
        services.citizen_follow_up(case, "دوباره")


def test_overdue_is_computed_from_the_due_date(units, staff_a, service_a, make_case):
    case = make_case(service=service_a)
    Case.objects.filter(pk=case.pk).update(due_date=timezone.localdate() - datetime.timedelta(days=1))
    assert Case.objects.filter(services.overdue_q()).filter(pk=case.pk).exists()
    services.answer(case, staff_a, "پاسخ")
    assert not Case.objects.filter(services.overdue_q()).filter(pk=case.pk).exists()


def test_cases_of_different_citizens_are_not_merged(units, staff_a, service_a, make_case):
    mine = make_case(service=service_a, mobile="09121111111")
    theirs = make_case(service=service_a, mobile="09122222222")
    with pytest.raises(ValidationError):
        services.merge(theirs, mine, staff_a)
    assert services.lookup(theirs.tracking_code, "09122222222") == theirs
