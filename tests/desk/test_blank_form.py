"""The blank submission form is rendered once per process and shared; each visitor still gets a form
of their own (CSRF and submission tokens) and the page they should see."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from mosharekat.catalog.models import Topic
from mosharekat.desk.models import Case

from .test_public_views import form_data

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TOKEN = re.compile(r'name="token" value="([^"]+)"')


def _open(client, query=""):
    page = client.get(reverse("desk:submit") + query).content.decode()
    return page, CSRF.search(page).group(1), TOKEN.search(page).group(1)


def test_each_visitor_gets_own_tokens_and_both_forms_are_accepted(units):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    _page, csrf1, token1 = _open(first)
    _page, csrf2, token2 = _open(second)
    assert csrf1 != csrf2 and token1 != token2
    for client, csrf, token, subject in [(second, csrf2, token2, "اول"), (first, csrf1, token1, "دوم")]:
        response = client.post(reverse("desk:submit"), form_data(csrfmiddlewaretoken=csrf, token=token,
                                                                 subject=f"درخواست {subject}"))
        assert response.status_code == 302
    assert Case.objects.count() == 2
    # The same form sent again is the same case (the submission token is this visitor's, not shared).
    again = first.post(reverse("desk:submit"),
                       form_data(csrfmiddlewaretoken=csrf1, token=token1, subject="درخواست دوم"))
    assert again.status_code == 302 and Case.objects.count() == 2


def test_service_link_preselects_and_an_unknown_code_still_opens_the_form(client, units, service_a):
    page, _csrf, _token = _open(client, f"?service={service_a.code}")
    assert f'<option value="{service_a.code}" selected>' in page
    page, _csrf, _token = _open(client, "?service=99999999")
    assert " selected>" not in page


def test_a_topic_closed_after_its_page_was_shared_is_no_longer_offered(client, units):
    topic = Topic.objects.create(name="طرح توزیع سهام عدالت", slug="justice-shares", unit=units["a"])
    page, _csrf, _token = _open(client, "?topic=justice-shares")
    assert "درباره «طرح توزیع سهام عدالت» فرستاده می‌شود" in page and 'value="justice-shares"' in page
    topic.is_active = False
    topic.save()
    page, _csrf, _token = _open(client, "?topic=justice-shares")
    assert "طرح توزیع سهام عدالت" not in page


def test_staff_see_their_menu_whoever_opened_the_form_first(client, units, staff_a):
    inbox = reverse("staff:inbox")
    assert f'href="{inbox}"' not in _open(Client())[0]
    client.force_login(staff_a)
    assert f'href="{inbox}"' in _open(client)[0]
    assert f'href="{inbox}"' not in _open(Client())[0]


def test_a_mangled_link_still_opens_the_form(client, units):
    # A NUL in the link once reached PostgreSQL, which refused the query: a server error instead of the form.
    for query in ["?topic=%00", "?service=%00", "?topic=" + "x" * 300]:
        response = client.get(reverse("desk:submit") + query)
        assert response.status_code == 200 and "ثبت و دریافت کد رهگیری" in response.content.decode(), query
