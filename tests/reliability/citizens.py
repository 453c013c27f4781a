"""What citizens and API clients do against the private stack, each submission carrying a marker so the
database can be checked afterwards: did it arrive, and exactly once?"""

import re
import time
import uuid

from .harness import Client

MOBILE = "09121234567"
MARKER = re.compile(r"\[(rel-[a-z0-9-]+)\]")


class Refused(Exception):
    """The server answered, but not with an acknowledgement."""


def web_submit(server, marker: str, kept: dict | None = None) -> str:
    """A browser: load the form, post it with its CSRF token and Persian text, read the code shown. A
    citizen resending the same form passes the same ``kept`` dict: the form's one-time token goes again."""
    browser = Client(server)
    response = browser.csrf_post("/desk/submit/", {
        "kind": "complaint", "subject": f"شکایت آزمایشی [{marker}]", "mobile": MOBILE,
        "body": f"پاسخ درخواست ثبت‌شده من پس از ۳۰ روز هنوز داده نشده است. [{marker}]",
    }, kept=kept)
    if response.status != 302:
        raise Refused(f"web form answered {response.status}")
    page = browser.get(response.headers["Location"])
    found = re.search(r'data-code="(\d+)"', page.body)
    if page.status != 200 or not found:
        raise Refused(f"submitted page answered {page.status}")
    return found.group(1)


def api_submit(server, api_key: str, marker: str, idempotency_key: str) -> tuple[str, bool]:
    """An Open311 client; the key is kept across its retries. Returns (tracking code, was it a replay)."""
    response = Client(server).post("/open311/v2/requests.json", {
        "api_key": api_key, "service_code": "1001", "attribute[kind]": "complaint", "phone": MOBILE,
        "description": f"قبض آب این ماه دو برابر شده است. [{marker}]",
    }, headers={"Idempotency-Key": idempotency_key})
    if response.status != 201:
        raise Refused(f"API answered {response.status}: {response.body[:200]}")
    return response.json()[0]["service_request_id"], response.headers.get("Idempotent-Replayed") == "true"


def new_marker(kind: str) -> str:
    return f"rel-{kind}-{uuid.uuid4().hex[:12]}"


def retrying(attempt, errors: list, deadline: float, pause: float = 0.3):
    """Call ``attempt`` until it succeeds, as a patient client would; every failure is recorded."""
    while True:
        try:
            return attempt()
        except Exception as exc:  # connection reset by a killed worker, 500 while the database restarts…
            errors.append(f"{type(exc).__name__}: {str(exc)[:120]}")
            if time.monotonic() > deadline:
                raise
            time.sleep(pause)


def stored(stack, like: str) -> dict[str, list[str]]:
    """Marker → tracking codes of the cases whose text carries it."""
    found: dict[str, list[str]] = {}
    for code, body in stack.pg.query("SELECT tracking_code, body FROM desk_case WHERE body LIKE %s", f"%[{like}%"):
        found.setdefault(MARKER.search(body).group(1), []).append(code)
    return found
