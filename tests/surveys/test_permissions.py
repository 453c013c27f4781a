"""A staff member sees their own results; managers their unit and below; administrators all."""

import pytest
from django.urls import reverse

from mosharekat.surveys import rules
from mosharekat.surveys.models import Response
from tests.factories import PASSWORD, make_user


@pytest.fixture
def results(units, respond, service_a, staff_a, staff_b):
    respond(overall=5, service=service_a, staff=staff_a, suggestion="متن ویژه کارمند الف")
    respond(overall=1, staff=staff_b, suggestion="متن ویژه کارمند ب")
    return Response.objects.all()


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def test_staff_member_cannot_see_another_staff_members_results(client, results, staff_a, staff_b):
    login(client, staff_a)
    assert client.get(reverse("surveys:staff_results", args=[staff_b.pk])).status_code == 404
    assert client.get(reverse("surveys:export", args=["xlsx"]), {"member_pk": staff_b.pk}).status_code == 404
    assert client.get(reverse("surveys:unit_results", args=[staff_b.unit_id])).status_code == 404
    own = client.get(reverse("surveys:staff_results", args=[staff_a.pk]))
    assert own.status_code == 200 and "متن ویژه کارمند الف" in own.content.decode()
    dashboard = client.get(reverse("surveys:dashboard")).content.decode()
    assert "متن ویژه کارمند الف" in dashboard and "متن ویژه کارمند ب" not in dashboard
    # Even the filter cannot widen a staff member's view.
    filtered = client.get(reverse("surveys:dashboard"), {"staff": staff_b.pk, "unit": staff_b.unit_id})
    assert "متن ویژه کارمند ب" not in filtered.content.decode()


def test_manager_sees_their_units_results_and_not_others(client, results, manager_deputy, staff_a, staff_b, units):
    login(client, manager_deputy)
    assert client.get(reverse("surveys:staff_results", args=[staff_a.pk])).status_code == 200
    unit_page = client.get(reverse("surveys:unit_results", args=[units["deputy"].pk]))
    assert unit_page.status_code == 200 and "متن ویژه کارمند الف" in unit_page.content.decode()
    assert client.get(reverse("surveys:staff_results", args=[staff_b.pk])).status_code == 404
    assert client.get(reverse("surveys:unit_results", args=[units["b"].pk])).status_code == 404
    dashboard = client.get(reverse("surveys:dashboard")).content.decode()
    assert "متن ویژه کارمند الف" in dashboard and "متن ویژه کارمند ب" not in dashboard
    assert client.get(reverse("surveys:quarterly", args=[units["deputy"].pk])).status_code == 200
    assert client.get(reverse("surveys:quarterly", args=[units["b"].pk])).status_code == 404


def test_administrator_sees_all(client, results, admin_user, staff_b, units):
    login(client, admin_user)
    assert client.get(reverse("surveys:staff_results", args=[staff_b.pk])).status_code == 200
    dashboard = client.get(reverse("surveys:dashboard")).content.decode()
    assert "متن ویژه کارمند الف" in dashboard and "متن ویژه کارمند ب" in dashboard


def test_plain_staff_get_no_quarterly_ranking(client, results, staff_a, units):
    login(client, staff_a)
    assert client.get(reverse("surveys:quarterly", args=[units["a"].pk])).status_code == 404


def test_anonymous_visitors_are_sent_to_login(client, results, staff_a):
    for url in (reverse("surveys:dashboard"), reverse("surveys:staff_results", args=[staff_a.pk]),
                reverse("surveys:export", args=["xlsx"]), reverse("surveys:paper"), reverse("surveys:print")):
        response = client.get(url)
        assert response.status_code == 302 and reverse("staff:login") in response["Location"], url


def test_rules_one_by_one(units, staff_a, staff_b, manager_deputy, admin_user, results):
    assert set(rules.visible_responses(staff_a).values_list("staff", flat=True)) == {staff_a.pk}
    assert rules.managed_unit_ids(manager_deputy) == {units["deputy"].pk, units["a"].pk}
    assert rules.visible_responses(admin_user).count() == 2
    assert rules.can_see_staff_results(manager_deputy, staff_a)
    assert not rules.can_see_staff_results(manager_deputy, staff_b)
    outsider = make_user("nobody", None)
    assert rules.visible_responses(outsider).count() == 0
