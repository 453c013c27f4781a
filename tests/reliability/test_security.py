"""Security headers, CSRF on every form, and staff sessions that end.

The CSRF walk lists pages from the URLconf (so a new page is covered without editing this file),
renders each with the demo organization loaded, as a visitor and as staff, and checks every
<form method="post"> carries the token; then it posts without a token to every URL and expects
Django's CSRF refusal (403) except at the endpoints listed in CSRF_EXEMPT, which authenticate
their callers in another way.
"""

import datetime as dt
import subprocess
import sys
import uuid
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from mosharekat.core.models import Role, User
from mosharekat.desk import services as desk_services
from mosharekat.oversight import services as oversight_services
from mosharekat.oversight.models import OversightBody
from tests.factories import make_user

ROOT = Path(__file__).resolve().parents[2]
DEMO_PASSWORD = "mosharekat-demo"  # printed by load_demo
CITIZEN_MOBILE = "09121234567"

# Programs, not browsers: each proves who it is by other means than a session cookie.
CSRF_EXEMPT = {
    "api:services", "api:service", "api:requests", "api:request", "api:unknown",  # Open311: api_key, spec
    "json_api:schema", "json_api:consultation", "json_api:comments", "json_api:codes",  # JSON API: SMS codes
    "json_api:unknown",
    "channels:sms_inbound",  # the SMS provider's webhook: shared secret
}
ADMIN_SAMPLE = {"admin:index", "admin:login", "admin:password_change", "admin:core_user_add",
                "admin:desk_cannedanswer_changelist"}
# Files and exports: no form to look for when rendering.
DOWNLOADS = {"desk:attachment", "staff:attachment", "surveys:export", "oversight:officer_export",
             "oversight:officer_attachment", "committee:minutes_pdf", "consultations:report_pdf",
             "consultations:report_xlsx", "consultations:staff_comments_xlsx"}


# --- headers -------------------------------------------------------------------------------------

def test_every_page_forbids_framing_sniffing_and_foreign_scripts(client, db):
    for url in ("/", "/desk/submit/", "/staff/login/", "/oversight/", "/admin/login/"):
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp, url
        assert response["X-Frame-Options"] == "DENY", url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "same-origin", url
    assert "script-src 'self'" in client.get("/").headers["Content-Security-Policy"]


def test_plain_http_development_gets_no_hsts_and_no_secure_only_cookies(client, db):
    response = client.get("/desk/submit/")
    assert "Strict-Transport-Security" not in response
    assert not response.cookies["csrftoken"]["secure"]


def tls_settings() -> dict:
    """The security settings as mosharekat/settings.py computes them with BEHIND_TLS=true in the environment."""
    names = ["SECURE_PROXY_SSL_HEADER", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
             "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"]
    code = f"from mosharekat import settings as s; print(repr({{n: getattr(s, n, None) for n in {names!r}}}))"
    env = {"PATH": "/usr/bin:/bin", "BEHIND_TLS": "true", "SECURE_HSTS_SECONDS": "600",
           "MOSHAREKAT_VAR_DIR": str(ROOT / "var"), "SECRET_KEY": "x" * 50}
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    return eval(out.stdout)  # noqa: S307  our own repr of plain values


def test_behind_tls_https_requests_get_hsts_and_secure_cookies(client, settings, admin_demo):
    values = tls_settings()
    assert values["SECURE_HSTS_SECONDS"] == 600  # read from the environment
    for name, value in values.items():
        setattr(settings, name, value)
    https = {"HTTP_X_FORWARDED_PROTO": "https"}
    response = client.get("/desk/submit/", **https)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=600; includeSubDomains"
    assert response.cookies["csrftoken"]["secure"]
    login = client.post("/staff/login/", {"username": "admin", "password": DEMO_PASSWORD}, **https)
    assert login.status_code == 302 and login.cookies["sessionid"]["secure"] and login.cookies["sessionid"]["httponly"]
    # Plain HTTP is sent to HTTPS and gets no HSTS header (browsers ignore it there anyway).
    plain = Client().get("/desk/submit/")
    assert plain.status_code == 301 and plain["Location"].startswith("https://")
    assert "Strict-Transport-Security" not in plain


def test_hsts_defaults_to_a_year_behind_tls():
    # The subprocess above set 600; without it the default is a year (preload lists ask for one).
    code = "from mosharekat import settings as s; print(s.SECURE_HSTS_SECONDS)"
    env = {"PATH": "/usr/bin:/bin", "BEHIND_TLS": "true", "MOSHAREKAT_VAR_DIR": str(ROOT / "var"),
           "SECRET_KEY": "x" * 50}
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "31536000"


# --- the demo organization, logged-in clients ------------------------------------------------------

@pytest.fixture
def demo(db, settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.OVERSIGHT_KEY = ""
    settings.OVERSIGHT_KEY_FILE = tmp_path / "oversight.key"
    with open("/dev/null", "w") as quiet:
        call_command("load_demo", stdout=quiet)
    case = desk_services.submit_case(desk_services.Submission(
        kind="complaint", subject="تأخیر در پاسخ", body="پاسخ درخواست من دیر شده است.", mobile=CITIZEN_MOBILE))
    report, receipt = oversight_services.submit_report(oversight_services.Draft(
        body=OversightBody.objects.filter(officers__username="bazras").first(), subject="رشوه",
        text="درخواست پول در باجه ۳"))
    return {"case": case, "report": report, "receipt": receipt}


@pytest.fixture
def admin_demo(units, settings):
    """Only an administrator (the demo's login), for tests that need no demo data: faster."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = make_user("admin", units["root"], Role.ADMIN)
    user.set_password(DEMO_PASSWORD)
    user.save()


def logged_in(username, **extra):
    client = Client(**extra)
    assert client.login(username=username, password=DEMO_PASSWORD)
    return client


def citizen(demo, **extra):
    """A visitor who opened a case with its code and a report with its receipt."""
    client = Client(**extra)
    tracked = client.post("/desk/track/", {"code": demo["case"].tracking_code, "contact": CITIZEN_MOBILE})
    assert tracked.status_code == 302
    assert client.post("/oversight/", {"receipt": demo["receipt"]}).status_code == 302
    return client


# --- walking the URLconf -----------------------------------------------------------------------

def url_patterns(patterns=None, namespace=""):
    """(name, pattern) for every URL, admin included, in the order of the URLconf."""
    for item in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(item, URLResolver):
            inner = f"{namespace}{item.namespace}:" if item.namespace else namespace
            yield from url_patterns(item.url_patterns, inner)
        elif isinstance(item, URLPattern) and item.name:
            yield f"{namespace}{item.name}", item


def demo_samples(demo) -> dict:
    """The demo's objects that pages need in their URLs, by URL argument and app."""
    from mosharekat.catalog.models import Service, Topic
    from mosharekat.committee.models import Meeting
    from mosharekat.consultations.models import Comment, DraftDocument
    from mosharekat.news.models import NewsComment, NewsItem
    from mosharekat.surveys import services as survey_services
    from mosharekat.surveys.models import Kiosk, Survey

    staff_user, service = User.objects.get(username="sahaam"), Service.objects.first()
    document = DraftDocument.objects.first()
    return {
        "pk": {"desk": demo["case"].pk, "staff": demo["case"].pk, "committee": Meeting.objects.first().pk,
               "oversight": demo["report"].pk, "consultations": document.pk, "news": NewsComment.objects.first().pk,
               "surveys": staff_user.unit_id, "surveys:staff_results": staff_user.pk},
        "code": {"catalog": service.code, "": demo["case"].tracking_code},
        "slug": {"catalog": Topic.objects.first().slug, "surveys": Survey.objects.first().slug,
                 "consultations": document.slug, "news": NewsItem.objects.first().slug},
        "token": {"": survey_services.target_token(service=service)},
        "key": {"": Kiosk.objects.first().key},
        "comment_pk": {"": Comment.objects.first().pk},
        "fmt": {"api": "json", "json_api": "json", "": "csv"},
    }


def sample_url(name, pattern, samples):
    """A URL for ``name``: with the demo's objects where a page needs one to render, else any value."""
    app = name.split(":")[0]

    def value(key):
        by_app = samples.get(key, {})
        return by_app.get(name) or by_app.get(app) or by_app.get("")

    kwargs = {}
    for key, converter in pattern.pattern.converters.items() if hasattr(pattern.pattern, "converters") else ():
        kwargs[key] = value(key) or (uuid.uuid4() if "UUID" in type(converter).__name__ else 1)
    for key in pattern.pattern.regex.groupindex:
        kwargs.setdefault(key, value(key) or "x")
    if name.startswith("admin:") and kwargs:
        return None  # Django's own admin object pages: the no-argument ones are walked
    try:
        return reverse(name, kwargs=kwargs)
    except Exception:  # a catch-all pattern such as admin/(?P<url>.*)$
        return None


class Forms(HTMLParser):
    """Every <form>: its method, action and whether it holds the CSRF token."""

    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"method": (attrs.get("method") or "get").lower(), "action": attrs.get("action") or "",
                               "token": False})
        elif tag == "input" and attrs.get("name") == "csrfmiddlewaretoken" and self.forms and attrs.get("value"):
            self.forms[-1]["token"] = True


def test_every_post_form_carries_the_csrf_token_and_posts_without_it_are_refused(demo):
    # One test for both walks: loading the demo organization is the slow part.
    forms_carry_the_token(demo)
    posts_without_the_token_are_refused(demo)


def forms_carry_the_token(demo):
    samples = demo_samples(demo)
    viewers = {"visitor": citizen(demo), "admin": logged_in("admin"), "officer": logged_in("bazras"),
               "pr": logged_in("pr")}
    # Roles with pages of their own see those; the visitor and the administrator see everything.
    own_pages = {"officer": ("oversight:",), "pr": ("news:", "consultations:")}
    found, missing = set(), []
    for name, pattern in url_patterns():
        url = sample_url(name, pattern, samples)
        if url is None or name in DOWNLOADS or name in CSRF_EXEMPT or name.endswith("logout"):
            continue
        for who, client in viewers.items():
            if name.startswith("admin:") and (who not in ("admin", "visitor") or name not in ADMIN_SAMPLE):
                continue  # Django's admin renders every form alike: a sample of its pages is enough
            if who in own_pages and not name.startswith(own_pages[who]):
                continue
            response = client.get(url)  # a server error would raise here
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            parser = Forms()
            parser.feed(response.content.decode())
            for form in (f for f in parser.forms if f["method"] == "post"):
                action = urlsplit(urljoin(url, form["action"])).path
                found.add(action)
                if not form["token"]:
                    missing.append(f"{url} as {who} → {action}")
    assert not missing, missing
    # Not a vacuous walk: the citizen, staff and officer forms were all seen.
    for action in ("/desk/submit/", "/desk/track/", "/oversight/new/", "/oversight/report/", "/staff/login/",
                   "/staff/logout/", f"/staff/cases/{demo['case'].pk}/answer/", "/channels/voicemail/new/",
                   f"/oversight/officer/{demo['report'].pk}/status/", "/admin/login/"):
        assert action in found, (action, sorted(found))
    assert len(found) >= 30


def posts_without_the_token_are_refused(demo):
    samples = demo_samples(demo)
    # Sessions of every kind, so a refusal cannot come from a missing login instead of the token.
    clients = [citizen(demo), logged_in("admin")]
    for client in clients:
        client.get("/desk/submit/")  # holds the CSRF cookie, as a victim's browser does: only the token is missing
        client.handler.enforce_csrf_checks = True
    exempt_seen, accepted = set(), []
    for name, pattern in url_patterns():
        url = sample_url(name, pattern, samples)
        if url is None or (name.startswith("admin:") and name not in ADMIN_SAMPLE):
            continue
        for client in clients:
            response = client.post(url, {"body": "متن", "receipt": "1"})
            refused = response.status_code == 403 and b"CSRF" in response.content
            if name in CSRF_EXEMPT:
                assert not refused, name
                exempt_seen.add(name)
            elif not refused:
                accepted.append(f"{name} {url} → {response.status_code}")
    assert not accepted, accepted
    assert exempt_seen == CSRF_EXEMPT  # the list names no endpoint that is gone


def test_only_the_listed_endpoints_are_csrf_exempt():
    exempt = {name for name, pattern in url_patterns() if getattr(pattern.callback, "csrf_exempt", False)}
    assert exempt == CSRF_EXEMPT


def test_exempt_endpoints_authenticate_their_callers_otherwise(client, db, settings):
    settings.CHANNELS_SMS_WEBHOOK_SECRET = "s3cret-webhook"
    assert client.post("/channels/sms/inbound/", {"from": "09121234567", "message": "سلام", "messageid": "1"}
                       ).status_code == 403
    created = client.post("/open311/v2/requests.json", {"service_code": "1", "description": "x"})
    assert created.status_code in (400, 403) and b"api_key" in created.content


# --- sessions ------------------------------------------------------------------------------------

def use_until(client, clock, seconds, every=600):
    """A page every ``every`` seconds for ``seconds``; the statuses seen."""
    statuses = []
    for _ in range(seconds // every):
        clock.shift(dt.timedelta(seconds=every))
        statuses.append(client.get("/staff/").status_code)
    return statuses


def test_a_busy_staff_session_still_ends_after_its_maximum_age(admin_demo, settings):
    settings.SESSION_COOKIE_AGE = 4 * 3600
    with time_machine.travel(dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC), tick=False) as clock:
        client = logged_in("admin")
        assert client.get("/staff/").status_code == 200
        assert set(use_until(client, clock, 4 * 3600 - 600)) == {200}
        clock.shift(dt.timedelta(seconds=1200))
        response = client.get("/staff/")
        assert response.status_code == 302 and response["Location"].startswith(reverse("staff:login"))


def test_an_idle_staff_session_ends_while_a_busy_one_goes_on(admin_demo, settings):
    assert settings.SESSION_IDLE_SECONDS <= 3600 and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    with time_machine.travel(dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC), tick=False) as clock:
        busy, idle = logged_in("admin"), logged_in("admin")
        assert busy.get("/staff/").status_code == idle.get("/staff/").status_code == 200
        assert set(use_until(busy, clock, settings.SESSION_IDLE_SECONDS + 1200)) == {200}
        response = idle.get("/staff/")
        assert response.status_code == 302 and response["Location"].startswith(reverse("staff:login"))
        idle_key = idle.cookies["sessionid"].value
        assert not Session.objects.filter(session_key=idle_key).exists()  # gone on the server too


def test_logout_ends_the_session_on_the_server(admin_demo):
    client = logged_in("admin")
    stolen = client.cookies["sessionid"].value
    assert Session.objects.filter(session_key=stolen).exists()
    assert client.post("/staff/logout/").status_code == 302
    assert not Session.objects.filter(session_key=stolen).exists()
    replay = Client()
    replay.cookies["sessionid"] = stolen
    assert replay.get("/staff/").status_code == 302
