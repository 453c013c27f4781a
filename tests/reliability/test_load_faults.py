"""Load with faults: concurrent citizens and API clients keep submitting while a gunicorn worker is
SIGKILLed and PostgreSQL is restarted. Clients that get an error retry (API clients with the same
Idempotency-Key). Afterwards every acknowledged submission exists exactly once."""

import os
import signal
import threading
import time
import uuid
from collections import Counter

import pytest

from .citizens import api_submit, new_marker, retrying, stored, web_submit
from .harness import wait_until

WEB_CLIENTS, API_CLIENTS, EACH = 4, 4, 10
TOTAL = (WEB_CLIENTS + API_CLIENTS) * EACH
DEADLINE = 150  # seconds for the whole run; a run normally takes well under a minute


class Run:
    def __init__(self):
        self.lock = threading.Lock()
        self.acknowledged = []  # (kind, marker, code)
        self.api_keys = {}  # marker → the Idempotency-Key its client used
        self.errors, self.replays, self.failures = [], 0, []
        self.deadline = time.monotonic() + DEADLINE

    def done(self):
        with self.lock:
            return len(self.acknowledged) + len(self.failures)

    def record(self, kind, marker, code, replayed=False):
        with self.lock:
            self.acknowledged.append((kind, marker, code))
            self.replays += replayed


def citizen(app, run):
    for _ in range(EACH):
        marker = new_marker("load-web")
        kept = {"token": None}  # a citizen whose page failed sends the same form again, with its one-time token
        try:
            code = retrying(lambda m=marker, k=kept: web_submit(app, m, k), run.errors, run.deadline)
            run.record("web", marker, code)
        except Exception as exc:
            run.failures.append(repr(exc))


def api_client(app, api_key, run):
    for _ in range(EACH):
        marker, key = new_marker("load-api"), str(uuid.uuid4())
        run.api_keys[marker] = key
        try:
            code, replayed = retrying(lambda m=marker, k=key: api_submit(app, api_key, m, k), run.errors, run.deadline)
            run.record("api", marker, code, replayed)
        except Exception as exc:
            run.failures.append(repr(exc))


@pytest.mark.reliability
def test_every_acknowledged_submission_is_stored_once_despite_a_killed_worker_and_a_database_restart(stack, app):
    run = Run()
    threads = [threading.Thread(target=citizen, args=(app, run)) for _ in range(WEB_CLIENTS)]
    threads += [threading.Thread(target=api_client, args=(app, stack.api_key, run)) for _ in range(API_CLIENTS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()

    wait_until(lambda: run.done() >= TOTAL // 5, DEADLINE, "the first fifth of the submissions")
    victim = app.worker_pids()[0]
    os.kill(victim, signal.SIGKILL)  # a worker dies mid-flight (OOM killer, segfault)
    wait_until(lambda: run.done() >= TOTAL // 2, DEADLINE, "half of the submissions")
    stack.pg.restart()  # every database connection of every worker is cut
    restarted_at = run.done()
    for thread in threads:
        thread.join(DEADLINE)
    elapsed = time.monotonic() - started

    assert not run.failures, f"clients gave up: {run.failures[:3]}\n{stack.log_tail()}"
    assert len(run.acknowledged) == TOTAL
    assert restarted_at < TOTAL, "the database restart came after the load; the run proves nothing"
    wait_until(lambda: len(app.worker_pids()) == 3 and victim not in app.worker_pids(), 30, "the worker's replacement")
    # A restart with no load: every worker holds an idle persistent connection (DB_CONN_MAX_AGE=60) that the
    # restart broke. Health-checked connections (CONN_HEALTH_CHECKS) reconnect, so not even the first request
    # on each worker fails (without the checks, the first one on each of the three answers 503).
    assert [app.get("/healthz").status for _ in range(12)] == [200] * 12
    stack.pg.restart()
    assert [app.get("/healthz").status for _ in range(12)] == [200] * 12

    cases = stored(stack, "rel-load-")
    for kind, marker, code in run.acknowledged:
        assert code in cases.get(marker, []), f"{kind} submission {marker} was acknowledged with {code} but not stored"
    codes = [code for found in cases.values() for code in found]
    assert len(codes) == len(set(codes))
    api_markers = {marker for kind, marker, _code in run.acknowledged if kind == "api"}
    assert all(len(cases[marker]) == 1 for marker in api_markers), "an API retry created a second case"
    # A client that never saw its answer sends the same request again: the first answer, no new case.
    for marker, key in run.api_keys.items():
        code, replayed = api_submit(app, stack.api_key, marker, key)
        assert replayed and [code] == cases[marker]
    assert stored(stack, "rel-load-api") == {m: cases[m] for m in api_markers}
    web_markers = [m for kind, m, _c in run.acknowledged if kind == "web"]
    assert all(len(cases[m]) == 1 for m in web_markers), "a resent web form created a second case"

    print(f"\nload with faults: {TOTAL} submissions ({WEB_CLIENTS} browsers, {API_CLIENTS} API clients) in "
          f"{elapsed:.1f} s; worker {victim} SIGKILLed, PostgreSQL restarted after {restarted_at} acknowledgements; "
          f"{len(run.errors)} failed attempts retried ({dict(Counter(e.split(':')[0] for e in run.errors))}); "
          f"{run.replays} API retries answered by replay during the run and {len(run.api_keys)} deliberate re-sends "
          f"after it, none stored twice; no resent web form stored twice")
