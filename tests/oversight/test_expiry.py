"""Reports expire per their body's retention: hidden at once, then really deleted with their files."""

import datetime
import io
import os

import pytest
from django.core.management import call_command
from django.urls import reverse

from mosharekat.core.models import AuditEntry
from mosharekat.oversight import sanitize, services
from mosharekat.oversight.models import Attachment, Message, Report

from .conftest import jpeg_with_exif, login, upload

pytestmark = pytest.mark.django_db


def age(report, days):
    Report.objects.filter(pk=report.pk).update(created_on=report.created_on - datetime.timedelta(days=days))


def test_expired_reports_are_hidden_before_the_purge(client, officer, internal_body, make_report):
    fresh, _ = make_report()
    old, old_receipt = make_report()
    age(old, internal_body.retention_days)  # 30 days old: past a 30-day retention
    login(client, officer)
    html = client.get(reverse("oversight:officer_list")).content.decode()
    assert fresh.reference in html and old.reference not in html
    assert client.get(reverse("oversight:officer_report", args=[old.pk])).status_code == 404
    assert services.login(old_receipt) is None


def test_expired_reports_are_gone_after_purge(settings, internal_body, external_body, make_report):
    files = sanitize.clean_uploads([upload("e.jpg", jpeg_with_exif())])
    old, _ = make_report(files=files)
    services.reporter_message(old, "پیام", sanitize.clean_uploads([upload("f.jpg", jpeg_with_exif())]))
    kept_external, _ = make_report(body=external_body)
    age(old, 31)
    age(kept_external, 31)  # the external body keeps reports for 60 days
    paths = [a.file.path for a in Attachment.objects.filter(report=old)]
    assert len(paths) == 2 and all(os.path.exists(p) for p in paths)

    call_command("purge_oversight_reports", stdout=io.StringIO())

    assert list(Report.objects.values_list("pk", flat=True)) == [kept_external.pk]
    assert not Message.objects.filter(report_id=old.pk).exists()
    assert not Attachment.objects.filter(report_id=old.pk).exists()
    assert not any(os.path.exists(p) for p in paths)
    purge = AuditEntry.objects.get(action="oversight.purge")
    assert purge.after["deleted"] == 1 and purge.actor is None


def test_changing_a_bodys_retention_applies_to_existing_reports(internal_body, make_report):
    report, _ = make_report()
    age(report, 10)
    assert services.live_reports().filter(pk=report.pk).exists()
    internal_body.retention_days = 5
    internal_body.save()
    assert not services.live_reports().filter(pk=report.pk).exists()
