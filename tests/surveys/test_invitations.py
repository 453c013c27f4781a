"""Every ending of a case invites the citizen once, by SMS/e-mail, with a one-use link."""

import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from mosharekat.core.models import Notification
from mosharekat.core.templatetags.persian import grouped_code
from mosharekat.desk import services as desk
from mosharekat.surveys import services
from mosharekat.surveys.models import Invitation, Response


def link_from_sms(case):
    sms = Notification.objects.filter(channel="sms", recipient=case.mobile, body__contains="/surveys/i/").get()
    return re.search(r"(\S+/surveys/i/\S+/)", sms.body).group(1).removeprefix(settings.SITE_URL)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a desk verb and its on-commit callbacks (the invitation is sent once the desk commits)."""

    def run(verb, *args):
        with django_capture_on_commit_callbacks(execute=True):
            return verb(*args)

    return run


def scale_answers(survey, value="5"):
    return {f"q{q.pk}": value for q in survey.questions.filter(kind="scale")}


def test_answering_a_case_invites_the_citizen(survey, make_case, staff_a, service_a, committed):
    case = make_case(service=service_a, email="citizen@example.ir")
    assert not Invitation.objects.exists()
    committed(desk.answer, case, staff_a, "پاسخ شما آماده است.")
    invitation = Invitation.objects.get(case=case)
    assert invitation.staff == staff_a and invitation.used_at is None
    assert invitation.expires_at > timezone.now() + datetime.timedelta(days=29)
    assert link_from_sms(case).startswith("/surveys/i/")
    assert Notification.objects.filter(channel="email", recipient="citizen@example.ir",
                                       body__contains="/surveys/i/").exists()
    # Closing afterwards is another ending, but the citizen is asked once per case.
    committed(desk.close, case, staff_a)
    assert Invitation.objects.filter(case=case).count() == 1


def test_closing_without_answer_invites_too(survey, make_case, staff_a, committed):
    case = make_case()
    committed(desk.close, case, staff_a)
    assert Invitation.objects.filter(case=case).exists()


def test_anonymous_case_gets_no_invitation(survey, make_case, staff_a, committed):
    case = make_case(is_anonymous=True, mobile="")
    committed(desk.answer, case, staff_a, "پاسخ")
    assert not Invitation.objects.exists()


def test_invitation_response_is_tied_to_case_and_double_submission_is_refused(
        client, survey, make_case, staff_a, service_a, units, committed):
    case = make_case(service=service_a)
    committed(desk.answer, case, staff_a, "پاسخ شما آماده است.")
    path = link_from_sms(case)
    page = client.get(path)
    assert page.status_code == 200 and grouped_code(case.tracking_code) in page.content.decode()
    data = {**scale_answers(survey), f"q{survey.questions.get(code='suggestion').pk}": "خوب بود"}
    assert client.post(path, data).status_code == 200
    response = Response.objects.get()
    assert (response.source, response.case, response.service, response.staff, response.unit) == (
        "invitation", case, service_a, staff_a, units["a"])

    again = client.post(path, scale_answers(survey, "1"))
    assert again.status_code == 409
    assert "این پیوند نظرسنجی پیش‌تر استفاده شده است" in again.content.decode()
    assert Response.objects.count() == 1
    assert client.get(path).status_code == 409


def test_concurrent_second_use_is_refused_by_the_service(survey, make_case, staff_a, committed):
    case = make_case()
    committed(desk.answer, case, staff_a, "پاسخ")
    invitation = Invitation.objects.get()
    answers = {q: 4 for q in survey.questions.filter(kind="scale")}
    services.submit_response(survey, answers, source="invitation", invitation=invitation)
    try:  # other answers: a second use, not the same form sent again (test_resend.py)
        services.submit_response(survey, {q: 2 for q in answers}, source="invitation", invitation=invitation)
    except services.Refused as refusal:
        assert "پیش‌تر استفاده شده" in refusal.messages[0]
    else:
        raise AssertionError("second use accepted")
    assert Response.objects.count() == 1


def test_expired_and_unknown_links(client, survey, make_case, staff_a, committed):
    case = make_case()
    committed(desk.answer, case, staff_a, "پاسخ")
    path = link_from_sms(case)
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    assert client.get(path).status_code == 410
    assert client.get(reverse("surveys:invitation", args=["not-a-token"])).status_code == 404


def test_no_invitation_until_the_desk_commits(survey, make_case, staff_a):
    case = make_case()
    desk.answer(case, staff_a, "پاسخ")  # inside the test's transaction: never committed
    assert not Invitation.objects.exists()
