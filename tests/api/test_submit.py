import json

import pytest
from django.core.management import call_command

from mosharekat.api import keys
from mosharekat.api.models import ApiKey, ApiSubmission
from mosharekat.desk import services
from mosharekat.desk.models import Case

from .conftest import description, url, xml


def test_post_creates_a_case_routed_to_the_services_unit(submit, units, service_a):
    response = submit(lat="35.7", long="51.4", address_string="تهران")
    assert response.status_code == 201
    (created,) = json.loads(response.content)
    case = Case.objects.get()
    assert created["service_request_id"] == case.tracking_code and created["account_id"] is None
    assert created["service_notice"]
    assert case.unit == units["a"] and case.service == service_a and case.channel == "api"
    assert case.kind == "complaint" and case.mobile == "09121234567" and case.contact_name == "علی کریمی"
    assert case.subject == case.body == "برگه سهام من صادر نشده است."
    assert ApiSubmission.objects.get().case == case
    # The code works on the desk's own lookup, with the phone given.
    assert services.lookup(created["service_request_id"], "09121234567") == case


def test_the_subject_staff_see_is_the_descriptions_first_line_cut_short(submit):
    line = "درخواست صدور برگه سهام عدالت برای همسرم که سال گذشته فوت کرده است و وراث او هنوز هیچ سهمی دریافت نکرده‌اند"
    assert len(line) > 100
    assert submit(description=f"{line}\nشماره پرونده ۱۲۳").status_code == 201
    case = Case.objects.get()
    assert case.subject == line[:99] + "…" and len(case.subject) == 100
    assert case.body == f"{line}\nشماره پرونده ۱۲۳"  # the whole text is kept
    submit(description="کوتاه و یک‌خطی")
    assert Case.objects.latest("pk").subject == "کوتاه و یک‌خطی"


def test_post_xml_returns_the_code(submit):
    response = submit("xml")
    assert response.status_code == 201
    request = xml(response).find("request")
    assert request.findtext("service_request_id") == Case.objects.get().tracking_code
    assert request.find("account_id") is not None


def test_without_phone_or_email_the_case_is_anonymous_and_kind_defaults_to_request(submit):
    response = submit(phone=None, **{"attribute[kind]": None})
    code = json.loads(response.content)[0]["service_request_id"]
    case = Case.objects.get()
    assert case.is_anonymous and case.kind == "request" and case.contact_name == ""
    assert services.lookup(code) == case


def test_email_alone_is_enough(submit):
    assert submit(phone=None, email="citizen@example.ir").status_code == 201
    assert Case.objects.get().email == "citizen@example.ir" and not Case.objects.get().is_anonymous


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("api_key", [None, "", "not-a-key", "x" * 10_000])
def test_missing_or_wrong_key_is_403(client, service_a, fmt, api_key):
    data = {"service_code": service_a.code, "description": "متن"}
    if api_key is not None:
        data["api_key"] = api_key
    response = client.post(url("requests", fmt), data)
    assert response.status_code == 403 and "api_key" in description(response)
    assert not Case.objects.exists()


def test_revoked_key_is_403(submit, api_key):
    keys.revoke(ApiKey.objects.get())
    response = submit()
    assert response.status_code == 403 and "revoked" in description(response)


@pytest.mark.parametrize(("fields", "status", "mentions"), [
    ({"description": None}, 400, "description"),
    ({"description": "  \u200b\x00 "}, 400, "description"),
    ({"description": "x" * 5001}, 400, "description"),
    ({"service_code": None}, 400, "service_code"),
    ({"service_code": "00000000"}, 404, "service_code"),
    ({"service_code": "x" * 500}, 400, "service_code"),
    ({"attribute[kind]": "praise"}, 400, "attribute[kind]"),
    ({"phone": "0212"}, 400, "phone"),
    ({"email": "not-an-email"}, 400, "email"),
    ({"first_name": "ن" * 5000}, 400, "first_name"),
])
def test_bad_fields_are_4xx_with_the_field_named(submit, fields, status, mentions):
    response = submit(**fields)
    assert response.status_code == status
    assert mentions in description(response)
    assert not Case.objects.exists()


def test_json_body_is_refused_clearly(client, api_key, service_a):
    body = json.dumps({"api_key": api_key, "service_code": service_a.code, "description": "متن"})
    response = client.post(url("requests"), body, content_type="application/json")
    assert response.status_code == 400 and "form-encoded" in description(response)


@pytest.mark.parametrize("body", ["{not json", "\x00\xff" * 100, "api_key=%ZZ&&&===", ""])
def test_garbled_bodies_are_4xx(client, db, body):
    response = client.post(url("requests"), body, content_type="application/x-www-form-urlencoded")
    assert 400 <= response.status_code < 500
    assert description(response)


def test_malformed_multipart_is_400(client, db):
    response = client.generic("POST", url("requests", "xml"), b"--b\r\nbroken", content_type="multipart/form-data")
    assert response.status_code == 400
    assert description(response)


def test_oversized_body_is_400(client, api_key, service_a, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = client.post(url("requests"), {"api_key": api_key, "service_code": service_a.code,
                                              "description": "x" * 20_000})
    assert response.status_code == 400


def test_create_api_key_prints_a_working_key_on_its_last_line(capsys, client, service_a):
    call_command("create_api_key", "Tehran 137 app")
    raw = capsys.readouterr().out.rstrip("\n").splitlines()[-1]
    key = ApiKey.objects.get()
    assert key.name == "Tehran 137 app" and raw.startswith(key.prefix) and len(raw) >= 43
    assert raw not in key.key_hash and key.key_hash == keys.digest(raw)
    response = client.post(url("requests"), {"api_key": raw, "service_code": service_a.code, "description": "متن"})
    assert response.status_code == 201
    assert ApiKey.objects.get().last_used_at is not None
