"""A survey answer sent twice (a double tap, a resend after the answer was lost) is stored once, and the
second send is thanked as the first was. The one-use visit token (or invitation) still refuses the same
form sent with other answers: that is a second response, not a resend."""


import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mosharekat.surveys.models import Kiosk, Response
from tests.concurrency import at_once

pytestmark = pytest.mark.django_db

ALREADY = "یک پاسخ می‌پذیرد"  # «… each link accepts one response; thank you for yours»
THANKS = "نظر شما ثبت شد"  # the thank-you page's heading
WAIT = "چند ثانیه"  # the kiosk's «… please wait a few seconds and send again»


def scale_answers(survey, value="4"):
    return {f"q{q.pk}": value for q in survey.questions.filter(kind="scale")}


def web_form(client, survey, service):
    path = reverse("surveys:form", args=[survey.slug])
    return path, {"visit": client.get(path).context["visit"], "service": service.code, **scale_answers(survey)}


def test_a_web_form_sent_again_after_a_lost_answer_is_thanked_again(client, survey, service_a):
    path, data = web_form(client, survey, service_a)
    assert client.post(path, data).status_code == 200
    # The answer (and the cookie it carried) never reached the phone: the browser sends the form again.
    client.cookies.pop("survey_done")
    again = client.post(path, data)
    assert again.status_code == 200 and THANKS in again.content.decode()
    assert Response.objects.count() == 1


def test_a_web_form_sent_again_by_a_device_that_got_the_answer_is_thanked_again(client, survey, service_a):
    path, data = web_form(client, survey, service_a)
    client.post(path, data)
    again = client.post(path, data)  # the device cookie arrived; the page was sent again (reload, Back)
    assert again.status_code == 200 and THANKS in again.content.decode()
    assert Response.objects.count() == 1
    assert client.get(path, {"service": service_a.code}).status_code == 409  # no new response today


def test_the_same_visit_token_with_other_answers_is_refused(client, survey, service_a):
    path, data = web_form(client, survey, service_a)
    client.post(path, data)
    client.cookies.pop("survey_done")
    again = client.post(path, {**data, **scale_answers(survey, "1")})
    assert again.status_code == 409 and ALREADY in again.content.decode()
    assert list(Response.objects.values_list("answers__score", flat=True).distinct()) == [4]


def test_a_resend_past_the_address_limit_is_thanked_again(client, survey, service_a, monkeypatch):
    from mosharekat.surveys import views

    monkeypatch.setattr(views, "SUBMIT_RATE", "1/h")
    path, data = web_form(client, survey, service_a)
    assert client.post(path, data).status_code == 200
    client.cookies.pop("survey_done")
    again = client.post(path, data)
    assert again.status_code == 200 and THANKS in again.content.decode()
    other = Client().get(path).context["visit"]  # a new form from the same address is over the limit
    assert Client().post(path, {**data, "visit": other}).status_code == 429
    assert Response.objects.count() == 1


def test_a_double_tap_on_a_kiosk_stores_one_answer_and_thanks_twice(client, survey, units, service_a):
    # The kiosk's pace (a few seconds between two people) is on: the second tap is not a new person.
    kiosk = Kiosk.objects.create(name="تبلت", unit=units["a"], service=service_a, min_seconds_between=30)
    path = reverse("surveys:kiosk", args=[kiosk.key])
    data = {"visit": client.get(path).context["visit"], **scale_answers(survey)}
    first = client.post(path, data)
    again = client.post(path, data)
    assert first.status_code == again.status_code == 302 and again["Location"] == first["Location"]
    assert Response.objects.count() == 1
    # The pace still holds for the next person's new form.
    fresh = {"visit": client.get(path).context["visit"], **scale_answers(survey, "2")}
    refused = client.post(path, fresh)
    assert refused.status_code == 409 and WAIT in refused.content.decode()
    # And the tapped form with other answers is a second response on a one-use form.
    other = client.post(path, {**data, **scale_answers(survey, "2")})
    assert other.status_code == 409 and ALREADY in other.content.decode()
    assert Response.objects.count() == 1


def test_an_invitation_form_sent_again_is_thanked_again(client, survey, make_case, service_a):
    from mosharekat.surveys import services

    invitation = services.invite_for_case(make_case(service=service_a))
    path = reverse("surveys:invitation", args=[invitation.token])
    data = scale_answers(survey)
    assert client.post(path, data).status_code == 200
    again = client.post(path, data)
    assert again.status_code == 200 and THANKS in again.content.decode()
    other = client.post(path, scale_answers(survey, "1"))
    assert other.status_code == 409 and "پیش‌تر استفاده شده" in other.content.decode()
    assert client.get(path).status_code == 409
    assert Response.objects.get().invitation == invitation


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers (PostgreSQL)")
def test_concurrent_posts_of_one_web_form_store_one_answer(survey, service_a):
    path, data = web_form(Client(), survey, service_a)
    statuses = [response.status_code for response in at_once(lambda: Client().post(path, data), 4)]
    assert statuses == [200] * 4  # every tap reads «thank you»
    assert Response.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers (PostgreSQL)")
def test_concurrent_taps_on_a_kiosk_store_one_answer(survey, units, service_a):
    kiosk = Kiosk.objects.create(name="تبلت", unit=units["a"], service=service_a, min_seconds_between=30)
    path = reverse("surveys:kiosk", args=[kiosk.key])
    data = {"visit": Client().get(path).context["visit"], **scale_answers(survey)}
    statuses = [response.status_code for response in at_once(lambda: Client().post(path, data), 4)]
    assert statuses == [302] * 4
    assert Response.objects.filter(kiosk=kiosk, submitted_at__lte=timezone.now()).count() == 1
