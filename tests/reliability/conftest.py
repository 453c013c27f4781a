"""Tests marked ``reliability`` run against a private stack (PostgreSQL, Redis, gunicorn, Celery) that
they start themselves. They take a minute or two, so they run only when asked:
``MOSHAREKAT_RELIABILITY=1 .venv/bin/pytest tests/reliability -m reliability`` (see README.md)."""

import os
import shutil

import pytest

from .harness import Stack

ENABLE = "MOSHAREKAT_RELIABILITY"
STAFF_PASSWORD = "reliability-desk-pass"  # the private throw-away database's only login
SEED = f"""
from mosharekat.api import keys
from mosharekat.catalog.models import Service
from mosharekat.core.models import Role, Unit, User
root = Unit.objects.create(name="سازمان", code="org")
desk = Unit.objects.create(name="دفتر ارتباطات مردمی", code="desk", parent=root, is_triage=True)
User.objects.create_user(username="desk", password="{STAFF_PASSWORD}", unit=desk, role=Role.STAFF)
Service.objects.create(title="پاسخ به شکایات", code="1001", description="رسیدگی به شکایات", unit=desk,
                       channels=["web", "api"])
print(keys.create("reliability")[1])
"""


def pytest_configure(config):
    config.addinivalue_line("markers", "reliability: starts a private PostgreSQL, Redis and gunicorn (slow)")


def pytest_collection_modifyitems(config, items):
    needed = ["redis-server", "runuser"] if os.geteuid() == 0 else ["redis-server"]  # runuser: see harness
    missing = [name for name in needed if not shutil.which(name)]
    if not os.environ.get(ENABLE):
        reason = f"set {ENABLE}=1 to run (starts private PostgreSQL, Redis and gunicorn)"
    elif missing:
        reason = f"{', '.join(missing)} not installed"
    else:
        return
    for item in items:
        if item.get_closest_marker("reliability"):
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def stack():
    stack = Stack()
    try:
        stack.start()
        stack.api_key = stack.python(SEED).strip().splitlines()[-1]
        stack.staff = ("desk", STAFF_PASSWORD)
        yield stack
    except Exception:
        print(stack.log_tail())  # shown by pytest when a test fails: what the servers said
        raise
    finally:
        stack.stop()


@pytest.fixture(scope="session")
def app(stack):
    """The main app server: gunicorn with three sync workers."""
    return stack.gunicorn(workers=3)


@pytest.fixture(scope="session")
def worker(stack):
    return stack.celery_worker()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed stack test shows what the servers logged (gunicorn, Celery, PostgreSQL)."""
    report = yield
    stack = item.funcargs.get("stack") if hasattr(item, "funcargs") else None
    if report.failed and isinstance(stack, Stack):
        report.sections.append(("private stack logs", stack.log_tail()))
    return report
