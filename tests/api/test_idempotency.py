"""Retrying a POST with the same Idempotency-Key is safe: one case, the first answer again."""

import json

import pytest
from django.db import connection

from mosharekat.api import idempotency, keys
from mosharekat.api.models import ApiSubmission
from mosharekat.core.models import Notification
from mosharekat.desk.models import Case
from tests.concurrency import at_once

from .conftest import description, url


@pytest.fixture
def send(client, api_key, service_a):
    """POST a request; ``key`` goes in the Idempotency-Key header, other arguments are form fields."""

    def post(key=None, api_key=api_key, **fields):
        data = {"api_key": api_key, "service_code": service_a.code, "description": "برگه سهام من صادر نشده است.",
                "phone": "09121234567", **fields}
        return client.post(url("requests"), data, headers={"Idempotency-Key": key} if key else {})

    return post


def answer(response):
    return json.loads(response.content)[0]


def test_retry_with_the_same_key_returns_the_first_answer_and_creates_nothing(send):
    first = send("order-1")
    again = send("order-1")
    assert first.status_code == again.status_code == 201
    assert answer(again) == answer(first)
    assert again["Idempotent-Replayed"] == "true" and not first.has_header("Idempotent-Replayed")
    assert Case.objects.count() == 1
    assert Notification.objects.count() == 1  # the citizen is told the code once


def test_the_form_field_works_like_the_header(send):
    first = send(idempotency_key="order-2")
    again = send("order-2")
    assert answer(again)["service_request_id"] == answer(first)["service_request_id"]
    assert Case.objects.count() == 1


def test_the_same_key_with_other_fields_is_refused(send):
    send("order-3")
    response = send("order-3", description="یک درخواست دیگر با متن دیگر.")
    assert response.status_code == 422
    assert "already used with different fields" in description(response)
    assert Case.objects.count() == 1


def test_different_keys_and_no_key_create_separate_cases(send):
    codes = {answer(send(k))["service_request_id"] for k in ("a", "b")}
    codes |= {answer(send())["service_request_id"] for _ in range(2)}
    assert len(codes) == 4 == Case.objects.count()


def test_keys_are_per_api_key(send):
    mine = answer(send("shared"))
    theirs = send("shared", api_key=keys.create("Another client")[1])
    assert theirs.status_code == 201 and answer(theirs)["service_request_id"] != mine["service_request_id"]


@pytest.mark.parametrize("bad", ["x" * 256, "کلید"])
def test_malformed_keys_are_refused_in_english(send, bad):
    response = send(idempotency_key=bad)
    assert response.status_code == 400 and "Idempotency-Key must be" in description(response)
    assert not Case.objects.exists()


def test_header_and_field_must_agree(send):
    response = send("two", idempotency_key="one")
    assert response.status_code == 400 and "differ" in description(response)


def test_a_retry_racing_past_the_lookup_is_stopped_by_the_constraint(send, monkeypatch):
    """The second request looks before the first has committed, finds nothing, and still creates no case."""
    first = answer(send("race"))
    looked = []
    real = idempotency.earlier_case

    def blind_first_look(*args):
        looked.append(args)
        return None if len(looked) == 1 else real(*args)

    monkeypatch.setattr(idempotency, "earlier_case", blind_first_look)
    again = send("race")
    assert again.status_code == 201 and answer(again) == first
    assert Case.objects.count() == 1 == ApiSubmission.objects.count()
    assert Notification.objects.count() == 1  # the rolled-back duplicate told nobody


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers (PostgreSQL)")
def test_concurrent_duplicates_create_exactly_one_case(api_key, service_a):
    """Eight threads send the same request with one key at the same moment."""
    from django.test import Client

    def post():
        response = Client().post(url("requests"), {"api_key": api_key, "service_code": service_a.code,
                                                   "description": "درخواست همزمان با یک کلید."},
                                 headers={"Idempotency-Key": "burst"})
        return response.status_code, answer(response)["service_request_id"]

    results = at_once(post, 8)
    assert len(results) == 8 and {status for status, _ in results} == {201}
    assert len({code for _, code in results}) == 1
    assert Case.objects.count() == 1
