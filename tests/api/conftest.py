import json
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from mosharekat.api import keys


@pytest.fixture
def api_key(db):
    return keys.create("Test client")[1]


def url(name, fmt="json", **kwargs):
    return reverse(f"api:{name}", kwargs={"fmt": fmt, **kwargs})


def xml(response):
    # Parses this server's own output in a test; defusedxml is not needed for that.
    return ET.fromstring(response.content)  # noqa: S314


def errors(response):
    """The (code, description) pairs of a spec-format error, checking the body's code matches the status."""
    if response["Content-Type"].startswith("text/xml"):
        found = [(int(e.findtext("code")), e.findtext("description")) for e in xml(response).iter("error")]
    else:
        found = [(e["code"], e["description"]) for e in json.loads(response.content)]
    assert found and all(code == response.status_code for code, _ in found)
    return found


def description(response):
    return errors(response)[0][1]


@pytest.fixture
def submit(client, api_key, service_a):
    """POST a request with sensible defaults; pass a field as None to leave it out."""

    def post(fmt="json", **fields):
        data = {"api_key": api_key, "service_code": service_a.code, "description": "برگه سهام من صادر نشده است.",
                "attribute[kind]": "complaint", "first_name": "علي", "last_name": "كريمي", "phone": "۰۹۱۲۱۲۳۴۵۶۷"}
        data.update(fields)
        return client.post(url("requests", fmt), {k: v for k, v in data.items() if v is not None})

    return post


# --- the consultations JSON API (/api/v1/) ---------------------------------------------------------

DRAFT_PROVISIONS = [
    ("a1", "article", "ماده ۱", "سهام عدالت به مشمولان طرح واگذار می‌شود.", None),
    ("a1-n1", "note", "تبصره ۱", "مهلت ثبت‌نام ۳۰ روز است.", "a1"),
    ("a2", "article", "ماده ۲", "هیئت داوری به اعتراض‌ها رسیدگی می‌کند.", None),
]


@pytest.fixture
def draft(units):
    """A bylaw open for comment since yesterday that takes anonymous comments."""
    from datetime import timedelta

    from django.utils import timezone

    from mosharekat.consultations import services
    from mosharekat.consultations.models import DraftDocument

    doc = DraftDocument.objects.create(title="پیش‌نویس آیین‌نامه واگذاری", slug="bylaw-1", kind="bylaw",
                                       unit=units["a"], allow_anonymous=True, summary="خلاصه")
    services.add_version(doc, DRAFT_PROVISIONS)
    services.publish(doc, now=timezone.now() - timedelta(days=1))
    return doc
