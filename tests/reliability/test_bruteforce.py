"""Guessing tracking codes, contacts and receipts is throttled, and the limits hold under parallel clients.

Each test starts many clients at once (threads against the WSGI handler, each with its own database
connection, released together by a barrier) making more guesses than allowed, and counts how many
guesses the server actually evaluated: never more than the limit; every other one got the Persian
"too many attempts" page or HTTP 429.
"""

import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse
from stdnum import damm

from mosharekat.desk import tracking
from mosharekat.oversight import access as oversight_access
from mosharekat.oversight import receipts

CLIENTS = 8
GUESSES_EACH = 3  # 24 guesses in all, against limits of 3–5
TOO_MANY = "تعداد تلاش‌ها بیش از حد مجاز است"

pytestmark = pytest.mark.django_db(transaction=True)  # the threads' own connections must see the data


def in_parallel(guess, clients=CLIENTS, guesses_each=GUESSES_EACH):
    """Run ``guess(client_number, guess_number)`` from ``clients`` threads released at once; its results."""
    start = threading.Barrier(clients)

    def one_client(n):
        try:
            start.wait()
            return [guess(n, i) for i in range(guesses_each)]
        finally:
            connections.close_all()

    with ThreadPoolExecutor(clients) as pool:
        return [result for results in pool.map(one_client, range(clients)) for result in results]


def refused(response) -> bool:
    if response.status_code != 429:
        return False
    if response["Content-Type"].startswith("text/html"):
        assert TOO_MANY in response.content.decode()  # the citizen is told why, in Persian
    return True


def track(code, contact, address):
    return Client(REMOTE_ADDR=address).post(reverse("desk:track"), {"code": code, "contact": contact})


def wrong_code(n: int) -> str:
    body = f"{n:013d}"
    return body + damm.calc_check_digit(body)


def test_guessing_one_case_contact_from_many_addresses_stops_at_the_per_code_limit(units, make_case, settings):
    settings.LOOKUP_RATE_PER_CODE = "5/h"
    case = make_case()
    results = in_parallel(lambda n, i: track(case.tracking_code, f"0935{n:03d}{i:04d}", f"10.1.{n}.{i}"))
    evaluated = [r for r in results if not refused(r)]
    assert len(results) == CLIENTS * GUESSES_EACH
    assert len(evaluated) <= 5 and all(r.status_code == 400 for r in evaluated)
    assert len(evaluated) >= 1  # the limit blocks guessing, not the service itself
    # Now even the right contact from a fresh address is refused until the window passes.
    assert refused(track(case.tracking_code, "09121234567", "10.9.9.9"))


def test_one_address_guessing_codes_in_parallel_stops_at_the_per_client_limit(units, make_case, settings):
    settings.LOOKUP_RATE_PER_CLIENT = "4/10m"
    make_case()
    assert tracking.parse(wrong_code(7)) == wrong_code(7)  # well-formed guesses: they reach the lookup
    results = in_parallel(lambda n, i: track(wrong_code(n * 10 + i), "09121234567", "10.2.0.1"))
    evaluated = [r for r in results if not refused(r)]
    assert 1 <= len(evaluated) <= 4
    # Another address still gets an answer.
    assert track(wrong_code(99), "09121234567", "10.2.0.2").status_code == 400


def test_right_contacts_do_not_use_up_the_per_code_allowance(client, units, make_case, settings):
    settings.LOOKUP_RATE_PER_CODE = "2/h"
    case = make_case()
    for n in range(4):
        assert track(case.tracking_code, "09121234567", f"10.3.0.{n}").status_code == 302
    assert track(case.tracking_code, "09350000000", "10.3.1.1").status_code == 400
    assert track(case.tracking_code, "09121234567", "10.3.1.2").status_code == 302


def api_lookup(code, address, **query):
    url = reverse("api:request", kwargs={"fmt": "json", "code": code})
    return Client(REMOTE_ADDR=address).get(url, query)


def test_open311_contact_guessing_in_parallel_stops_at_the_per_code_limit(units, make_case, settings):
    settings.LOOKUP_RATE_PER_CODE = "3/h"
    case = make_case()
    results = in_parallel(lambda n, i: api_lookup(case.tracking_code, f"10.4.{n}.{i}", phone=f"0935{n:03d}{i:04d}"))
    evaluated = [r for r in results if not refused(r)]
    assert 1 <= len(evaluated) <= 3
    assert all(r.status_code == 200 and b"description" not in r.content for r in evaluated)
    assert refused(api_lookup(case.tracking_code, "10.4.99.1", phone="09121234567"))


def test_open311_code_guessing_from_one_address_stops_at_the_per_client_limit(units, make_case, settings):
    settings.LOOKUP_RATE_PER_CLIENT = "5/10m"
    make_case()
    results = in_parallel(lambda n, i: api_lookup(wrong_code(n * 10 + i), "10.5.0.1"))
    evaluated = [r for r in results if not refused(r)]
    assert 1 <= len(evaluated) <= 5 and all(r.status_code == 404 for r in evaluated)


def wrong_receipt(n: int) -> str:
    body = f"{n:020d}"
    return body + damm.calc_check_digit(body)


def receipt_login(receipt):
    return Client().post(reverse("oversight:index"), {"receipt": receipt})


@pytest.fixture
def _oversight_key(settings, tmp_path):
    settings.OVERSIGHT_KEY = ""
    settings.OVERSIGHT_KEY_FILE = tmp_path / "oversight.key"


def test_receipt_guessing_in_parallel_stops_at_the_per_bucket_limit(_oversight_key, monkeypatch):
    monkeypatch.setattr(oversight_access, "LOGIN_RATE_PER_BUCKET", "4/h")
    receipt = wrong_receipt(123456789)
    results = in_parallel(lambda n, i: receipt_login(receipt))
    evaluated = [r for r in results if not refused(r)]
    assert 1 <= len(evaluated) <= 4 and all(r.status_code == 400 for r in evaluated)
    # Receipts in other buckets are not locked out by it.
    other = next(r for r in map(wrong_receipt, range(100)) if receipts.index(r)[:4] != receipts.index(receipt)[:4])
    assert receipt_login(other).status_code == 400


def test_receipt_guessing_in_parallel_stops_at_the_global_limit(_oversight_key, monkeypatch):
    monkeypatch.setattr(oversight_access, "LOGIN_RATE_GLOBAL", "6/10m")
    results = in_parallel(lambda n, i: receipt_login(wrong_receipt(1000 * n + i)))
    evaluated = [r for r in results if not refused(r)]
    assert 1 <= len(evaluated) <= 6


ROOT = Path(__file__).resolve().parents[2]
TAKE_IN_A_PROCESS = """
import sys, time, django
django.setup()
from mosharekat.core import throttle
while time.time() < float(sys.argv[1]):  # start together
    time.sleep(0.005)
print(sum(not throttle.take("test-processes", sys.argv[2], "12/h").blocked for _ in range(15)))
"""


def test_limits_hold_across_processes(tmp_path):
    """Web workers, the SMTP listener and ingest_email are separate processes: counters in a per-process
    memory cache would multiply every limit by their number, and non-atomic counters would lose counts."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "mosharekat.settings"}
    if not env.get("REDIS_URL"):
        env["CACHE_DIR"] = str(tmp_path / "cache")  # one directory for both, as in the embedded mode
    start, key = time.time() + 2, f"key-{time.time_ns()}"
    processes = [subprocess.Popen([sys.executable, "-c", TAKE_IN_A_PROCESS, str(start), key], env=env, cwd=ROOT,
                                  stdout=subprocess.PIPE, text=True) for _ in range(2)]
    allowed = [int(p.communicate(timeout=60)[0].strip().splitlines()[-1]) for p in processes]
    assert sum(allowed) == 12, allowed  # 30 attempts, exactly the limit let through, none lost


def test_behind_a_proxy_each_citizen_is_limited_apart(units, make_case, settings):
    """Behind nginx REMOTE_ADDR is the proxy's: the per-client limit must use the address the proxy passes on."""
    settings.LOOKUP_RATE_PER_CLIENT = "2/10m"
    settings.RATELIMIT_IP_META_KEY = "HTTP_X_REAL_IP"
    case = make_case()
    via_proxy = {"REMOTE_ADDR": "127.0.0.1"}

    def lookup(citizen):
        url = reverse("api:request", kwargs={"fmt": "json", "code": case.tracking_code})
        return Client(**via_proxy, HTTP_X_REAL_IP=citizen).get(url).status_code

    assert [lookup("10.6.0.1") for _ in range(3)] == [200, 200, 429]
    assert lookup("10.6.0.2") == 200  # another citizen behind the same proxy is not blocked
