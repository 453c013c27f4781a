import json
from datetime import timedelta

import pytest
from django.utils import timezone

from mosharekat.api import keys
from mosharekat.desk import services
from mosharekat.desk.models import Case

from .conftest import description, url, xml

STATUS_FIELDS = {"service_request_id", "status", "service_name", "service_code", "agency_responsible",
                 "requested_datetime", "updated_datetime", "expected_datetime"}


def code_of(response):
    return json.loads(response.content)[0]["service_request_id"]


def listing(client, **query):
    return client.get(url("requests"), query)


def test_listing_without_a_key_is_403(client, submit):
    submit()
    response = listing(client)
    assert response.status_code == 403
    assert description(response) == "api_key required to list requests."


def test_listing_with_a_key_gives_status_fields_only(client, submit, api_key, service_a, units):
    code = code_of(submit())
    response = listing(client, api_key=api_key)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    (item,) = json.loads(response.content)
    assert set(item) == STATUS_FIELDS and "description" not in item
    assert item["service_request_id"] == code and item["status"] == "open"
    assert item["service_code"] == service_a.code and item["agency_responsible"] == units["a"].name
    assert item["requested_datetime"].endswith("+03:30") and item["expected_datetime"].endswith("+03:30")


def test_listing_xml(client, submit, api_key):
    code = code_of(submit())
    root = xml(client.get(url("requests", "xml"), {"api_key": api_key}))
    assert root.tag == "service_requests"
    assert [r.findtext("service_request_id") for r in root.iter("request")] == [code]
    assert root.find("request/description") is None


def test_a_key_lists_only_its_own_requests(client, submit, make_case):
    make_case()  # a web case: its code must not leak to API clients
    other = keys.create("Other client")[1]
    submit()
    assert len(json.loads(listing(client, api_key=other).content)) == 0


def test_listing_filters(client, submit, api_key, staff_a):
    first, second = code_of(submit()), code_of(submit(**{"attribute[kind]": "suggestion"}))
    services.answer(Case.objects.get(tracking_code=first), staff_a, "انجام شد.")

    def codes(**query):
        response = listing(client, api_key=api_key, **query)
        assert response.status_code == 200, response.content
        return {item["service_request_id"] for item in json.loads(response.content)}

    assert codes() == {first, second}
    assert codes(status="closed") == {first}
    assert codes(status="open") == {second}
    assert codes(status="open,closed") == {first, second}
    assert codes(service_code="nothing") == set()
    now = timezone.localtime()
    assert codes(start_date=(now - timedelta(days=1)).isoformat()) == {first, second}
    assert codes(start_date=(now + timedelta(hours=1)).isoformat()) == set()
    # An unescaped «+» of the offset arrives as a space and is still understood.
    assert codes(end_date=(now - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%S+03:30")) == set()
    assert codes(start_date=now.date().isoformat()) == {first, second}


@pytest.mark.parametrize("query", [
    {"start_date": "yesterday"}, {"start_date": "2025-13-45T00:00:00"}, {"end_date": "0001-01-01T00:00:00+14:00"},
    {"start_date": "9999-12-31T23:59:59-12:00"}, {"start_date": "0001-01-01"}, {"end_date": "1" * 5000},
    {"start_date": "2025-01-01", "end_date": "2025-06-01"}, {"start_date": "2025-02-01", "end_date": "2025-01-01"},
    {"status": "pending"}, {"service_code": ",".join(map(str, range(500)))},
    {"start_date": "2025-01-01T25:61:00+99:00"},
])
def test_absurd_filters_are_400(client, api_key, query):
    response = listing(client, api_key=api_key, **query)
    assert response.status_code == 400, response.content
    assert description(response)


def test_explicit_ids_need_no_key_and_give_status_only(client, submit, make_case):
    code = code_of(submit())
    web = make_case().tracking_code
    response = listing(client, service_request_id=f"{code}, {web},1234,")
    items = json.loads(response.content)
    assert [item["service_request_id"] for item in items] == [code, web]
    assert all(set(item) == STATUS_FIELDS for item in items)
    assert items[1]["service_code"] is None  # web cases may have no service


def test_one_request_hides_description_without_the_contact(client, submit):
    code = code_of(submit())
    response = client.get(url("request", code=code))
    (item,) = json.loads(response.content)
    assert set(item) == STATUS_FIELDS
    (item,) = json.loads(client.get(url("request", code=code), {"phone": "09350000000"}).content)
    assert "description" not in item and "status_notes" not in item


def test_one_request_with_the_phone_shows_description_and_answers(client, submit, staff_a):
    code = code_of(submit())
    services.answer(Case.objects.get(), staff_a, "برگه شما صادر شد.")
    services.add_note(Case.objects.get(), staff_a, "یادداشت محرمانه")
    (item,) = json.loads(client.get(url("request", code=code), {"phone": "+98 912 123 4567"}).content)
    assert item["status"] == "closed"
    assert item["description"] == "برگه سهام من صادر نشده است."
    assert item["status_notes"] == "برگه شما صادر شد."
    root = xml(client.get(url("request", "xml", code=code), {"phone": "09121234567"}))
    assert root.findtext("request/status_notes") == "برگه شما صادر شد."


def test_an_internal_note_does_not_show_as_an_update(client, submit, staff_a):
    code = code_of(submit())
    case = Case.objects.get()
    Case.objects.filter(pk=case.pk).update(updated_at=timezone.now() - timedelta(days=2))
    (before,) = json.loads(client.get(url("request", code=code)).content)
    services.add_note(case, staff_a, "یادداشت محرمانه")
    (after,) = json.loads(client.get(url("request", code=code)).content)
    assert after["updated_datetime"] == before["updated_datetime"]
    services.start(case, staff_a)  # a change the citizen sees does move it
    (started,) = json.loads(client.get(url("request", code=code)).content)
    assert started["updated_datetime"] > before["updated_datetime"]


def test_one_request_with_the_email(client, submit):
    code = code_of(submit(phone=None, email="Citizen@Example.ir"))
    (item,) = json.loads(client.get(url("request", code=code), {"email": "citizen@example.ir"}).content)
    assert item["description"]


def test_an_anonymous_code_alone_shows_the_description(client, submit):
    code = code_of(submit(phone=None))
    (item,) = json.loads(client.get(url("request", code=code)).content)
    assert item["description"] == "برگه سهام من صادر نشده است." and item["status_notes"] == ""


def test_a_merged_request_reports_the_surviving_case(client, submit, make_case, staff_a, units):
    code = code_of(submit())
    target = make_case(subject="همان موضوع")
    services.start(target, staff_a)
    services.merge(Case.objects.get(tracking_code=code), target, staff_a)
    (item,) = json.loads(client.get(url("request", code=code), {"phone": "09121234567"}).content)
    assert item["service_request_id"] == code and item["status"] == "open"
    assert item["description"] == "برگه سهام من صادر نشده است."
    assert target.tracking_code not in client.get(url("request", code=code)).content.decode()


@pytest.mark.parametrize("code", ["1234567890123", "۱۲۳", "x" * 300, "%00", "12345678901234"])
def test_unknown_or_malformed_ids_are_404(client, db, code):
    for fmt in ("json", "xml"):
        response = client.get(url("request", fmt, code=code))
        assert response.status_code == 404
        assert "service_request_id" in description(response)


def test_lookups_are_rate_limited_per_client(client, submit, settings):
    settings.LOOKUP_RATE_PER_CLIENT = "3/m"
    code = code_of(submit())
    assert [client.get(url("request", code=code)).status_code for _ in range(3)] == [200, 200, 200]
    response = client.get(url("request", "xml", code=code))
    assert response.status_code == 429 and description(response)
    assert listing(client, service_request_id=code).status_code == 429
    # Another address is not affected.
    assert client.get(url("request", code=code), REMOTE_ADDR="10.0.0.9").status_code == 200


def test_each_listed_id_counts_as_a_lookup(client, submit, settings):
    settings.LOOKUP_RATE_PER_CLIENT = "3/m"
    code = code_of(submit())
    assert listing(client, service_request_id=",".join([code, "1", "2"])).status_code == 200
    assert listing(client, service_request_id=code).status_code == 429


def test_wrong_contacts_block_the_code_from_any_address(client, submit, settings):
    settings.LOOKUP_RATE_PER_CODE = "2/h"
    code = code_of(submit())
    for n in range(2):
        client.get(url("request", code=code), {"phone": f"0935000000{n}"}, REMOTE_ADDR=f"10.0.0.{n}")
    response = client.get(url("request", code=code), {"phone": "09121234567"}, REMOTE_ADDR="10.0.0.7")
    assert response.status_code == 429
    # Status-level fields stay available without a contact.
    assert client.get(url("request", code=code), REMOTE_ADDR="10.0.0.8").status_code == 200
