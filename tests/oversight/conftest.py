"""Oversight fixtures: a key file in tmp_path, an internal and an external body with their officers."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mosharekat.core.models import Role
from mosharekat.oversight import services
from mosharekat.oversight.models import OversightBody
from tests.factories import PASSWORD, make_user


@pytest.fixture(autouse=True)
def _oversight_key(settings, tmp_path):
    settings.OVERSIGHT_KEY = ""
    settings.OVERSIGHT_KEY_FILE = tmp_path / "keys" / "oversight.key"


@pytest.fixture
def officer(units):
    return make_user("bazras", None, Role.OVERSIGHT)


@pytest.fixture
def external_officer(units):
    return make_user("bazras_kol", None, Role.OVERSIGHT)


@pytest.fixture
def internal_body(officer):
    body = OversightBody.objects.create(name="دفتر بازرسی سازمان", kind="internal", retention_days=30)
    body.officers.add(officer)
    return body


@pytest.fixture
def external_body(external_officer):
    body = OversightBody.objects.create(name="سازمان بازرسی کل کشور", kind="external", email="info@bazresi.example",
                                        retention_days=60)
    body.officers.add(external_officer)
    return body


@pytest.fixture
def make_report(internal_body):
    def factory(body=None, **kwargs):
        draft = services.Draft(**{
            "body": body or internal_body, "subject": "رشوه در اداره فروش سهام",
            "text": "کارمند باجه ۳ برای تسریع پرونده پول نقد درخواست کرد.", **kwargs,
        })
        return services.submit_report(draft)

    return factory


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def jpeg_with_exif() -> bytes:
    from PIL import Image

    image = Image.new("RGB", (32, 24), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SecretCameraMaker"  # Make
    exif[0x013B] = "Reporter Real Name"  # Artist
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def form_token(page) -> str:
    """The one-time token of the report form on ``page`` (a test client response)."""
    return str(page.context["form"]["form_token"].value())
