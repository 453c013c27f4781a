"""The resolution register: managers and administrators, overdue computed from the date."""

import datetime

import pytest
from django.urls import reverse

from mosharekat.committee import services
from mosharekat.committee.models import Resolution
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def resolutions(meeting, units):
    today = datetime.date(2025, 1, 10)
    late = Resolution.objects.create(meeting=meeting, number=1, text="تهیه سامانه پیامکی", status="open",
                                     responsible_unit=units["a"], deadline=today - datetime.timedelta(days=1))
    due = Resolution.objects.create(meeting=meeting, number=2, text="انتشار راهبرد در درگاه", status="in_progress",
                                    responsible_unit=units["b"], deadline=today)
    done_late = Resolution.objects.create(meeting=meeting, number=3, text="برگزاری جلسه توجیهی", status="done",
                                          deadline=today - datetime.timedelta(days=30))
    return today, late, due, done_late


def test_overdue_means_open_and_past_the_deadline(resolutions):
    today, late, due, done_late = resolutions
    overdue = set(Resolution.objects.filter(services.overdue_q(today)))
    assert overdue == {late}
    assert late.is_overdue(today) and not due.is_overdue(today) and not done_late.is_overdue(today)


def test_register_lists_units_deadlines_and_overdue(client, manager_deputy, resolutions, time_machine):
    _today, _late, _due, _done_late = resolutions
    time_machine.move_to(datetime.datetime(2025, 1, 10, 12, tzinfo=datetime.UTC))
    client.login(username=manager_deputy.username, password=PASSWORD)
    html = client.get(reverse("committee:register")).content.decode()
    assert "تهیه سامانه پیامکی" in html and "اداره سهام عدالت" in html and "(دیرکرد)" in html
    assert html.count("(دیرکرد)") == 1
    only_overdue = client.get(reverse("committee:register"), {"overdue": "on"}).content.decode()
    assert "تهیه سامانه پیامکی" in only_overdue and "انتشار راهبرد در درگاه" not in only_overdue


def test_register_is_for_managers_and_administrators(client, staff_a, admin_user, resolutions):
    url = reverse("committee:register")
    assert reverse("staff:login") in client.get(url)["Location"]
    client.login(username=staff_a.username, password=PASSWORD)
    assert client.get(url).status_code == 404
    client.login(username=admin_user.username, password=PASSWORD)
    assert client.get(url).status_code == 200


def test_admin_edits_of_minutes_are_audited(client, admin_user, meeting):
    from mosharekat.core.models import AuditEntry

    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client.login(username=admin_user.username, password=PASSWORD)
    resolution = meeting.resolutions.get()
    url = reverse("admin:committee_resolution_change", args=[resolution.pk])
    data = {"meeting": meeting.pk, "number": 12, "text": resolution.text, "status": "open", "responsible_unit": "",
            "deadline": "", "link_title": "", "link_url": ""}
    assert client.post(url, data).status_code == 302
    entry = AuditEntry.objects.get(action="admin.change", target_type="committee.resolution")
    assert entry.before["status"] == "done" and entry.after["status"] == "open"
