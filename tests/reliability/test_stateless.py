"""Stateless app: two app processes on different ports, one database and one Redis. A citizen submits on
the first, staff log in and answer on the second, the citizen reads the answer on the first; sessions and
rate-limit counters are shared, so a load balancer may send any request to any process."""

import pytest

from mosharekat.desk import tracking

from .citizens import MOBILE, new_marker, web_submit
from .harness import Client

ANSWER = "پرونده شما بررسی شد و قبض اصلاح‌شده تا پایان هفته صادر می‌شود."
LOOKUP_LIMIT = 8  # LOOKUP_RATE_PER_CLIENT of the private stack (harness.Stack.env)


def log_in(server, username, password) -> Client:
    staff = Client(server)
    response = staff.csrf_post("/staff/login/", {"username": username, "password": password})
    assert response.status == 302 and response.headers["Location"].startswith("/staff/")
    return staff


def case_pk(stack, code):
    return stack.pg.query("SELECT id FROM desk_case WHERE tracking_code = %s", code)[0][0]


def lookups_until_refused(servers) -> int:
    """Wrong codes, alternating between the processes, until one answers 429; how many it took."""
    for attempt in range(1, 3 * LOOKUP_LIMIT):
        server = servers[attempt % 2]
        response = Client(server).csrf_post("/desk/track/", {"code": tracking.new_code(False), "contact": MOBILE})
        if response.status == 429:
            return attempt
        assert response.status == 400  # "no case matches": a real miss, counted
    return 0


@pytest.mark.reliability
def test_a_case_submitted_on_one_process_is_answered_on_the_other(stack, app):
    other = stack.gunicorn(workers=1)
    assert other.port != app.port

    marker = new_marker("two-apps")
    code = web_submit(app, marker)
    pk = case_pk(stack, code)

    staff = log_in(other, *stack.staff)
    page = staff.get(f"/staff/cases/{pk}/")
    assert page.status == 200 and marker in page.body
    response = staff.csrf_post(f"/staff/cases/{pk}/", {"body": ANSWER}, post_path=f"/staff/cases/{pk}/answer/")
    assert response.status == 302
    assert stack.pg.query("SELECT status FROM desk_case WHERE id = %s", pk) == [("answered",)]

    # The staff session made on the second process is valid on the first: sessions live in the database.
    staff.server = app
    assert staff.get("/staff/").status == 200

    # The citizen, on the first process, finds the case with the code and mobile and reads the answer.
    citizen = Client(app)
    response = citizen.csrf_post("/desk/track/", {"code": code, "contact": MOBILE})
    assert response.status == 302 and response.headers["Location"] == f"/desk/track/case/{pk}/"
    page = citizen.get(response.headers["Location"])
    assert page.status == 200 and ANSWER in page.body

    # Rate limits count in the shared cache (Redis): lookups spread over both processes add up. With a
    # per-process cache each would allow the limit on its own. A window ending mid-sequence resets the
    # count once, so a second sequence is allowed (the next window is minutes away).
    taken = lookups_until_refused([app, other]) or lookups_until_refused([app, other])
    assert 0 < taken <= LOOKUP_LIMIT
    print(f"\ntwo app processes (ports {app.port}, {other.port}): case {code} submitted on the first, answered on "
          f"the second, read on the first; lookups refused after {taken} wrong codes spread over both")
