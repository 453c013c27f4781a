from django.urls import reverse

from mosharekat.core.models import AuditEntry, Unit
from mosharekat.desk import services
from tests.factories import PASSWORD


def test_admin_changes_are_audited_with_before_and_after(client, units, admin_user):
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client.login(username="admin", password=PASSWORD)
    unit = units["b"]
    response = client.post(reverse("admin:core_unit_change", args=[unit.pk]),
                           {"name": "اداره کل امور حقوقی", "code": unit.code, "parent": units["root"].pk})
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="admin.change", target_type="core.unit")
    assert entry.actor == admin_user
    assert entry.before["name"] == "اداره امور حقوقی" and entry.after["name"] == "اداره کل امور حقوقی"
    assert Unit.objects.get(pk=unit.pk).name == "اداره کل امور حقوقی"


def test_administrator_reads_staff_actions_in_the_audit_page(client, units, staff_a, admin_user, service_a, make_case):
    case = make_case(service=service_a)
    services.answer(case, staff_a, "پاسخ")
    client.login(username="admin", password=PASSWORD)
    page = client.get(reverse("staff:audit")).content.decode()
    assert "case.answer" in page and "staff_a" in page


def test_staff_sign_in_is_audited(client, staff_a):
    client.post(reverse("staff:login"), {"username": "staff_a", "password": PASSWORD})
    assert AuditEntry.objects.filter(action="auth.login", actor=staff_a).exists()
