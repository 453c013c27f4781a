"""A survey answer sent twice (a double tap, a resend after a timeout) is stored once.

Nothing new is needed for this: every open form (web, QR, kiosk) carries a one-use visit token whose
nonce is unique in the database (``Response.visit_nonce``), and an invitation link is locked and marked
used in the response's transaction. The one-by-one cases are proven in test_public.py
(``test_web_form_visit_token_is_one_use_and_device_limited``) and test_invitations.py
(``test_invitation_response_is_tied_to_case_and_double_submission_is_refused``); these add the kiosk's
double tap and two posts at the same moment."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from mosharekat.surveys.models import Kiosk, Response

pytestmark = pytest.mark.django_db

ALREADY = "یک پاسخ می‌پذیرد"  # «… each link accepts one response; thank you for yours»


def scale_answers(survey, value="4"):
    return {f"q{q.pk}": value for q in survey.questions.filter(kind="scale")}


def test_a_double_tap_on_a_kiosk_stores_one_answer(client, survey, units, service_a):
    kiosk = Kiosk.objects.create(name="تبلت", unit=units["a"], service=service_a, min_seconds_between=0)
    path = reverse("surveys:kiosk", args=[kiosk.key])
    data = {"visit": client.get(path).context["visit"], **scale_answers(survey)}
    assert client.post(path, data).status_code == 302
    again = client.post(path, data)
    assert again.status_code == 409 and ALREADY in again.content.decode()
    assert Response.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers (PostgreSQL)")
def test_concurrent_posts_of_one_web_form_store_one_answer(survey, service_a):
    path = reverse("surveys:form", args=[survey.slug])
    data = {"visit": Client().get(path).context["visit"], "service": service_a.code, **scale_answers(survey)}
    start, statuses = threading.Barrier(4), []

    def post():
        try:
            start.wait()
            statuses.append(Client().post(path, data).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(statuses) == [200, 409, 409, 409]  # the others read «already used; thank you for yours»
    assert Response.objects.count() == 1
