"""Only the officers of the chosen body read a report: a unit manager, an administrator, the staff
of the named unit and officers of another body all get 404 on every report URL."""

import pytest
from django.contrib import admin
from django.urls import reverse

from mosharekat.core.models import Role
from mosharekat.oversight import urls as oversight_urls
from mosharekat.oversight.models import Report
from tests.factories import make_user

from .conftest import jpeg_with_exif, login, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def report_with_file(make_report, external_body):
    from mosharekat.oversight import sanitize

    files = sanitize.clean_uploads([upload("evidence.jpg", jpeg_with_exif())])
    report, _ = make_report(body=external_body, named_unit="اداره سهام عدالت", files=files)
    return report


def officer_urls(report):
    """Every officer URL, found from the URLconf so new ones are covered too."""
    attachment = report.attachments.first()
    urls = []
    for pattern in oversight_urls.urlpatterns:
        if not pattern.name.startswith("officer"):
            continue
        keys = set(pattern.pattern.converters)
        kwargs = {}
        if "pk" in keys:
            kwargs["pk"] = report.pk
        if "attachment_pk" in keys:
            kwargs["attachment_pk"] = attachment.pk
        urls.append(reverse(f"oversight:{pattern.name}", kwargs=kwargs))
    return urls


POST_DATA = {"text": "x" * 10, "status": "closed", "passphrase": "1" * 20, "via": "download"}


@pytest.mark.parametrize("who", ["manager", "admin", "superuser", "named_unit_staff", "other_body_officer"])
def test_everyone_but_the_bodys_officers_gets_404_on_every_report_url(
    client, who, units, manager_deputy, admin_user, staff_a, officer, report_with_file
):
    users = {
        "manager": manager_deputy,
        "admin": admin_user,
        "superuser": make_user("root", units["root"], Role.ADMIN, is_superuser=True, is_staff=True),
        "named_unit_staff": staff_a,
        "other_body_officer": officer,  # officer of the internal body; the report went to the external one
    }
    login(client, users[who])
    urls = officer_urls(report_with_file)
    assert len(urls) >= 5
    for url in urls:
        response = client.get(url)
        if who == "other_body_officer" and str(report_with_file.pk) not in url:
            # An officer has a report list of their own, which must not list another body's report.
            assert response.status_code == 200 and report_with_file.reference not in response.content.decode()
            continue
        assert response.status_code == 404, url
        assert "رشوه" not in response.content.decode()
        assert client.post(url, POST_DATA).status_code == 404, url
    report_with_file.refresh_from_db()
    assert report_with_file.status == "new" and report_with_file.messages.count() == 0


def test_the_bodys_officer_reaches_every_report_url(client, external_officer, report_with_file):
    login(client, external_officer)
    for url in officer_urls(report_with_file):
        assert client.get(url).status_code in (200, 405), url


def test_anonymous_visitors_are_sent_to_login_and_reporter_pages_need_the_receipt(client, report_with_file):
    for url in officer_urls(report_with_file):
        response = client.get(url)
        assert response.status_code == 302 and reverse("staff:login") in response["Location"], url
    assert client.get(reverse("oversight:report"))["Location"] == reverse("oversight:index")


def test_reports_are_not_in_the_django_admin():
    registered = {model._meta.label for model in admin.site._registry}
    assert "oversight.Report" not in registered
    assert "oversight.Message" not in registered and "oversight.Attachment" not in registered
    assert "oversight.OversightBody" in registered


def test_every_oversight_response_has_privacy_headers(client, external_officer, report_with_file):
    urls = [reverse("oversight:index"), reverse("oversight:new"), reverse("oversight:report")]
    login(client, external_officer)
    urls += officer_urls(report_with_file)
    urls.append(reverse("oversight:officer_report", args=["00000000-0000-0000-0000-000000000000"]))
    for url in urls:
        response = client.get(url)
        assert response["Referrer-Policy"] == "same-origin", url
        assert response["Cache-Control"] == "no-store", url


def test_officer_reads_are_audited_without_content(client, external_officer, report_with_file):
    from mosharekat.core.models import AuditEntry

    login(client, external_officer)
    client.get(reverse("oversight:officer_report", args=[report_with_file.pk]))
    attachment = report_with_file.attachments.get()
    client.get(reverse("oversight:officer_attachment", args=[report_with_file.pk, attachment.pk]))
    entries = AuditEntry.objects.filter(target_id=str(report_with_file.pk))
    assert {"oversight.read", "oversight.read_attachment"} <= set(entries.values_list("action", flat=True))
    assert all(e.actor_id == external_officer.pk for e in entries)
    for entry in entries:
        text = f"{entry.target_repr} {entry.before} {entry.after}"
        assert "رشوه" not in text and "سهام عدالت" not in text


def test_officer_list_shows_only_own_bodies(client, officer, make_report, report_with_file):
    make_report()
    login(client, officer)
    html = client.get(reverse("oversight:officer_list")).content.decode()
    own = Report.objects.exclude(pk=report_with_file.pk).get()
    assert own.reference in html and report_with_file.reference not in html
