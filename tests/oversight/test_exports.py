"""External bodies get a report as an encrypted export (download) or by e-mail; both audited."""

import pytest
from django.urls import reverse

from mosharekat.core.models import AuditEntry, Notification
from mosharekat.oversight import exports, sanitize

from .conftest import jpeg_with_exif, login, upload

pytestmark = pytest.mark.django_db

PASSPHRASE = "۱۲۳۴-5678-9012-3456-7890-1234"


@pytest.fixture
def external_report(make_report, external_body):
    files = sanitize.clean_uploads([upload("e.jpg", jpeg_with_exif())])
    report, _ = make_report(body=external_body, files=files)
    Notification.objects.all().delete()
    return report


def test_download_export_opens_only_with_the_passphrase(client, external_officer, external_report):
    login(client, external_officer)
    url = reverse("oversight:officer_export", args=[external_report.pk])
    page = client.get(url)
    suggested = page.context["form"].initial["passphrase"]
    assert len(suggested.replace("-", "")) == 24
    response = client.post(url, {"passphrase": PASSPHRASE, "via": "download"})
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    sealed = response.content
    assert "رشوه".encode() not in sealed
    data = exports.open_sealed(sealed, "1234-5678-9012-3456-7890-1234")  # Latin digits open it too
    assert data["subject"] == "رشوه در اداره فروش سهام" and data["attachments"][0]["data"]
    with pytest.raises(Exception):  # noqa: B017  any failure is fine: the point is that it does not open
        exports.open_sealed(sealed, "0000-0000-0000-0000-0000-0000")
    assert AuditEntry.objects.filter(action="oversight.export", target_id=str(external_report.pk)).exists()


def test_email_export_puts_only_ciphertext_in_the_outbox(client, external_officer, external_report):
    login(client, external_officer)
    url = reverse("oversight:officer_export", args=[external_report.pk])
    response = client.post(url, {"passphrase": PASSPHRASE, "via": "email"})
    assert response.status_code == 302
    note = Notification.objects.get()
    assert note.recipient == "info@bazresi.example"
    assert "رشوه" not in note.body and "پول نقد" not in note.body
    sealed = note.body.split("\n\n", 1)[1].encode()
    assert exports.open_sealed(sealed, PASSPHRASE)["text"].startswith("کارمند باجه")


def test_short_passphrase_is_refused(client, external_officer, external_report):
    login(client, external_officer)
    response = client.post(reverse("oversight:officer_export", args=[external_report.pk]),
                           {"passphrase": "کوتاه", "via": "download"})
    assert response.status_code == 400 and 'class="errorlist"' in response.content.decode()


def test_internal_reports_have_no_export(client, officer, make_report):
    report, _ = make_report()
    login(client, officer)
    assert client.get(reverse("oversight:officer_export", args=[report.pk])).status_code == 404
