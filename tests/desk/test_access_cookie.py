"""Which cases a browser may open is kept in a signed cookie: no database session for citizens, and
nothing a citizen could forge or keep beyond the session's lifetime."""

from django.contrib.sessions.models import Session
from django.core import signing
from django.urls import reverse

from mosharekat.desk import access
from mosharekat.desk.models import Case


def track(client, case, contact="09121234567"):
    return client.post(reverse("desk:track"), {"code": case.tracking_code, "contact": contact})


def test_a_lookup_opens_the_case_with_a_signed_cookie_and_no_session_row(client, make_case):
    case = make_case()
    response = track(client, case)
    assert response.status_code == 302
    cookie = response.cookies[access.COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["path"] == "/desk/"
    assert not cookie["max-age"]  # gone when the browser closes
    assert client.get(reverse("desk:case", args=[case.pk])).status_code == 200
    assert not Session.objects.exists()


def test_an_anonymous_submission_shows_its_code_without_a_session_row(client, units):
    form = {"kind": "request", "subject": "درخواست", "body": "لطفاً ساعت کاری را اعلام کنید.", "is_anonymous": "on"}
    page = client.post(reverse("desk:submit"), form, follow=True).content.decode()
    case = Case.objects.get()
    assert f'data-code="{case.tracking_code}"' in page
    assert client.get(reverse("desk:case", args=[case.pk])).status_code == 200
    assert not Session.objects.exists()


def test_another_browser_or_a_forged_cookie_opens_nothing(client, make_case):
    mine, other = make_case(), make_case(mobile="09350000000")
    track(client, mine)
    assert client.get(reverse("desk:case", args=[other.pk])).status_code == 404
    value = client.cookies[access.COOKIE].value
    signature = value.rpartition(":")[2]
    forged = signing.dumps({"cases": [other.pk], "submitted": None}, salt="another-salt")
    for bad in (forged, value.replace(signature[-4:], "AAAA"), "garbage"):
        client.cookies[access.COOKIE] = bad
        assert client.get(reverse("desk:case", args=[other.pk])).status_code == 404
        assert client.get(reverse("desk:case", args=[mine.pk])).status_code == 404


def test_the_cookie_expires_with_the_session_age(client, make_case, settings):
    case = make_case()
    track(client, case)
    settings.SESSION_COOKIE_AGE = -1  # the grant is older than the allowed age
    assert client.get(reverse("desk:case", args=[case.pk])).status_code == 404


def test_a_browser_keeps_its_newest_cases_only(client, make_case, monkeypatch):
    monkeypatch.setattr(access, "MAX_CASES", 2)
    cases = [make_case(mobile=f"0912000000{i}") for i in range(3)]
    for i, case in enumerate(cases):
        track(client, case, f"0912000000{i}")
    assert [client.get(reverse("desk:case", args=[c.pk])).status_code for c in cases] == [404, 200, 200]


def test_a_refused_lookup_does_not_count_against_the_code(client, make_case, settings):
    settings.LOOKUP_RATE_PER_CLIENT = "1/m"
    settings.LOOKUP_RATE_PER_CODE = "1/h"
    case = make_case()
    assert track(client, case, "09120000000").status_code == 400  # a failure: uses the code's only slot
    blocked = client.post(reverse("desk:track"), {"code": case.tracking_code, "contact": "09121234567"})
    assert blocked.status_code == 429
    other = make_case(mobile="09350000001")
    assert track(client, other, "09350000001").status_code == 429  # this client is over its limit
    assert track(client.__class__(REMOTE_ADDR="10.1.1.1"), other, "09350000001").status_code == 302
