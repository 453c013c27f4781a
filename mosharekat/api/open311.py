"""Open311 GeoReport v2 documents: the data each call returns and its JSON or XML rendering.

Views build plain dicts and lists with these helpers and never format by hand, so the two formats
always carry the same fields. Dates are ISO 8601 in Tehran time with their offset, as the spec asks.
"""

import json
import re
import xml.etree.ElementTree as ET  # builds documents only; nothing here parses untrusted XML
from datetime import datetime, time

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from mosharekat.desk.models import OPEN_STATUSES, Kind

# The XML element of one item in each list the API returns.
ITEM_TAGS = {
    "services": "service",
    "service_requests": "request",
    "attributes": "attribute",
    "values": "value",
    "errors": "error",
}
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
# Characters XML 1.0 cannot carry at all; stored text is already cleaned, this guards the rest.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class ApiError(Exception):
    """A client error, answered in the spec's error format with this HTTP status."""

    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status = status
        self.description = str(description)


# --- Documents --------------------------------------------------------------------------------


def when(value: datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def public_status(case) -> str:
    """GeoReport knows only open and closed; an answered case waits for nothing more from the agency."""
    return "open" if case.status in OPEN_STATUSES else "closed"


def service(item) -> dict:
    return {
        "service_code": item.code,
        "service_name": item.title,
        "description": item.description,
        "metadata": True,  # every service has the «kind» attribute
        "type": "realtime",
        "keywords": "",
        "group": item.unit.name,
    }


def service_definition(item) -> dict:
    kind = {
        "variable": True,
        "code": "kind",
        "datatype": "singlevaluelist",
        "required": True,
        "datatype_description": _("Send the key as attribute[kind]. When it is left out, «request» is assumed."),
        "order": 1,
        "description": _("What the citizen is doing: making a request, complaining, suggesting or criticising."),
        "values": [{"key": value, "name": str(label)} for value, label in Kind.choices],
    }
    return {"service_code": item.code, "attributes": [kind]}


def created(case) -> dict:
    if case.is_anonymous:
        notice = _(
            "Registered anonymously. This service_request_id alone opens the request and its answer: "
            "give it to the citizen only. An answer is due by %(date)s."
        )
    else:
        notice = _(
            "Registered. With this service_request_id and the phone or e-mail given, the citizen can follow "
            "the request and read its answer. An answer is due by %(date)s."
        )
    return {
        "service_request_id": case.tracking_code,
        "service_notice": notice % {"date": case.due_date.isoformat()},
        "account_id": None,
    }


def service_request(case, current, private: dict | None = None) -> dict:
    """The status-level fields of ``case``; ``current`` is the case it survives in after merges.

    ``private`` (description and status_notes) is added only for a caller who proved they may read the case.
    """
    service_ = case.service
    due = datetime.combine(current.due_date, time(23, 59, 59), tzinfo=timezone.get_current_timezone())
    data = {"service_request_id": case.tracking_code, "status": public_status(current)}
    if private is not None:
        data["status_notes"] = private["status_notes"]
    data.update({
        "service_name": service_.title if service_ else None,
        "service_code": service_.code if service_ else None,
    })
    if private is not None:
        data["description"] = private["description"]
    data.update({
        "agency_responsible": current.unit.name,
        "requested_datetime": when(case.created_at),
        "updated_datetime": when(current.updated_at),
        "expected_datetime": when(due),
    })
    return data


# --- Rendering ----------------------------------------------------------------------------------


def _element(tag: str, value) -> ET.Element:
    element = ET.Element(tag)
    if isinstance(value, dict):
        element.extend(_element(name, item) for name, item in value.items())
    elif isinstance(value, list):
        element.extend(_element(ITEM_TAGS[tag], item) for item in value)
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = _NOT_XML.sub("", str(value))
    return element


def render(fmt: str, root: str, data, status: int = 200) -> HttpResponse:
    """``data`` as JSON, or as XML under the element ``root`` (its list items get ITEM_TAGS[root])."""
    if fmt == "xml":
        body = XML_DECLARATION + ET.tostring(_element(root, data), encoding="unicode").encode()
        return HttpResponse(body, status=status, content_type="text/xml; charset=utf-8")
    body = json.dumps(data, ensure_ascii=False)
    return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")


def error(fmt: str, status: int, description: str) -> HttpResponse:
    return render(fmt, "errors", [{"code": status, "description": str(description)}], status=status)
