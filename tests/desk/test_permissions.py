"""Staff see only their unit's cases (managers: their unit and the units below it)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mosharekat.desk import services, staff_urls
from mosharekat.desk.attachments import check_uploads
from tests.factories import PASSWORD, make_user

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def case_b(units, make_case):
    upload = SimpleUploadedFile("scan.png", PNG)
    case = make_case(subject="پرونده واحد ب", files=check_uploads([upload]))
    services.reassign(case, None, units["b"], "مربوط به واحد ب")
    case.refresh_from_db()
    return case


def case_urls(case):
    """Every staff URL that names a case, found from the URLconf so new ones are covered too."""
    attachment = case.attachments.first()
    for pattern in staff_urls.urlpatterns:
        keys = set(pattern.pattern.converters)
        if "pk" not in keys:
            continue
        kwargs = {"pk": case.pk}
        if "attachment_pk" in keys:
            kwargs["attachment_pk"] = attachment.pk
        yield reverse(f"staff:{pattern.name}", kwargs=kwargs)


def test_staff_of_another_unit_gets_404_on_every_case_url(client, staff_a, case_b):
    client.login(username=staff_a.username, password=PASSWORD)
    urls = list(case_urls(case_b))
    assert len(urls) >= 8
    for url in urls:
        assert client.get(url).status_code == 404, url
        data = {"body": "x", "reason": "x", "unit": staff_a.unit_id, "target_code": "1"}
        assert client.post(url, data).status_code == 404, url
    case_b.refresh_from_db()
    assert case_b.status == "new" and case_b.events.filter(type="answer").count() == 0


def test_staff_of_the_unit_reaches_every_case_url(client, units, case_b):
    staff_b = make_user("b_user", units["b"])
    client.login(username=staff_b.username, password=PASSWORD)
    for url in case_urls(case_b):
        assert client.get(url).status_code in (200, 302, 405), url


def test_inbox_and_search_do_not_show_other_units_cases(client, staff_a, case_b):
    client.login(username=staff_a.username, password=PASSWORD)
    assert case_b.subject not in client.get(reverse("staff:inbox")).content.decode()
    assert case_b.subject not in client.get(reverse("staff:inbox"), {"q": case_b.tracking_code}).content.decode()
    assert case_b.subject not in client.get(reverse("staff:overdue")).content.decode()


def test_manager_sees_own_unit_and_children_only(client, units, manager_deputy, make_case, case_b):
    in_child = make_case(subject="پرونده اداره زیرمجموعه")
    services.reassign(in_child, None, units["a"], "زیرمجموعه")
    client.login(username=manager_deputy.username, password=PASSWORD)
    assert client.get(reverse("staff:case", args=[in_child.pk])).status_code == 200
    assert client.get(reverse("staff:case", args=[case_b.pk])).status_code == 404


def test_anonymous_visitor_is_sent_to_login_and_citizen_pages_need_the_code(client, case_b):
    response = client.get(reverse("staff:case", args=[case_b.pk]))
    assert response.status_code == 302 and reverse("staff:login") in response["Location"]
    assert client.get(reverse("desk:case", args=[case_b.pk])).status_code == 404
    attachment = case_b.attachments.first()
    assert client.get(reverse("desk:attachment", args=[case_b.pk, attachment.pk])).status_code == 404


def test_audit_log_and_outbox_are_for_administrators(client, staff_a, admin_user):
    client.login(username=staff_a.username, password=PASSWORD)
    assert client.get(reverse("staff:audit")).status_code == 404
    assert client.get(reverse("staff:outbox")).status_code == 404
    client.login(username=admin_user.username, password=PASSWORD)
    assert client.get(reverse("staff:audit")).status_code == 200
    assert client.get(reverse("staff:outbox")).status_code == 200
