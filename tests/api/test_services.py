import json

from mosharekat.catalog.models import Service

from .conftest import description, url, xml


def test_services_json_lists_active_services_with_their_unit(client, units, service_a):
    Service.objects.create(title="خدمت قدیمی", code="999", description="-", unit=units["b"], is_active=False)
    response = client.get(url("services"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    assert json.loads(response.content) == [{
        "service_code": "11021001", "service_name": "صدور برگ سهام عدالت", "description": "دریافت برگه سهام عدالت",
        "metadata": True, "type": "realtime", "keywords": "", "group": "اداره سهام عدالت",
    }]


def test_services_xml_parses(client, service_a):
    response = client.get(url("services", "xml"))
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    root = xml(response)
    assert root.tag == "services"
    (service,) = root.findall("service")
    assert service.findtext("service_code") == "11021001"
    assert service.findtext("metadata") == "true" and service.findtext("group") == "اداره سهام عدالت"


def test_service_definition_offers_the_kind_attribute_with_persian_names(client, service_a):
    data = json.loads(client.get(url("service", code=service_a.code)).content)
    assert data["service_code"] == "11021001"
    (kind,) = data["attributes"]
    assert kind["code"] == "kind" and kind["datatype"] == "singlevaluelist" and kind["required"] is True
    assert {v["key"]: v["name"] for v in kind["values"]} == {
        "request": "درخواست", "complaint": "شکایت", "suggestion": "پیشنهاد", "criticism": "انتقاد"}


def test_service_definition_xml(client, service_a):
    root = xml(client.get(url("service", "xml", code=service_a.code)))
    assert root.tag == "service_definition"
    attribute = root.find("attributes/attribute")
    assert attribute.findtext("code") == "kind"
    assert [v.findtext("key") for v in attribute.iterfind("values/value")] == [
        "request", "complaint", "suggestion", "criticism"]


def test_unknown_or_inactive_service_is_404_in_both_formats(client, units, service_a):
    service_a.is_active = False
    service_a.save()
    for fmt in ("json", "xml"):
        response = client.get(url("service", fmt, code=service_a.code))
        assert response.status_code == 404
        assert "service_code" in description(response)


def test_wrong_method_is_405_in_spec_format(client, db):
    response = client.post(url("services"))
    assert response.status_code == 405 and "GET" in response["Allow"]
    assert description(response)
