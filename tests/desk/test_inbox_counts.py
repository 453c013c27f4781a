"""The inbox never counts past a cap, so it stays fast with millions of cases (bench/inbox.py)."""

from django.urls import reverse

from mosharekat.desk import staff_views
from tests.factories import PASSWORD


def test_counts_past_the_cap_show_a_plus(client, units, staff_a, service_a, make_case, monkeypatch):
    monkeypatch.setattr(staff_views, "COUNT_CAP", 2)
    for n in range(3):
        make_case(service=service_a, subject=f"مورد شماره {n}")
    client.login(username="staff_a", password=PASSWORD)
    page = client.get(reverse("staff:inbox")).content.decode()
    assert "جدید: ۲+" in page and "۲+ مورد" in page
    assert "مورد شماره 2" in page or "مورد شماره ۲" in page  # the newest is still listed


def test_counts_under_the_cap_are_exact(client, units, staff_a, service_a, make_case):
    make_case(service=service_a)
    client.login(username="staff_a", password=PASSWORD)
    page = client.get(reverse("staff:inbox")).content.decode()
    assert "جدید: ۱<" in page and "۱ مورد" in page


def test_a_search_counts_to_a_lower_cap_while_the_status_counts_keep_theirs(
        client, units, staff_a, service_a, make_case, monkeypatch):
    monkeypatch.setattr(staff_views, "SEARCH_COUNT_CAP", 1)
    for n in range(3):
        make_case(service=service_a, subject=f"تأخیر شماره {n}")
    client.login(username="staff_a", password=PASSWORD)
    page = client.get(reverse("staff:inbox"), {"q": "تأخیر"}).content.decode()
    assert "۱+ مورد" in page and "جدید: ۳<" in page
