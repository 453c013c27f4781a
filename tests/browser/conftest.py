"""Fixtures of the public-site browser tests (the browser itself: tests/browser_support.py)."""

from types import SimpleNamespace

import pytest

MOBILE = "09121234567"
ANSWER = "پرونده شما بررسی شد و برگه سهام عدالت تا پایان هفته برایتان فرستاده می‌شود."


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Hashing with the production hasher costs about half a second per staff user; the live
    # server thread reads the same settings object.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def page(new_context):
    return new_context().new_page()


@pytest.fixture
def world(units, staff_a, service_a, make_case):
    """What the public pages show: a service, a contact, and a complaint staff_a has answered."""
    from mosharekat.catalog.models import Contact
    from mosharekat.desk import services

    Contact.objects.create(name="زهرا احمدی", title="مدیر روابط عمومی", unit=units["root"],
                           phone="021-88776655", extension="۲۱۴", email="pr@example.ir", order=1)
    case = make_case(service=service_a, subject="تأخیر در صدور برگه سهام", mobile=MOBILE)
    case = services.answer(case, staff_a, ANSWER)
    return SimpleNamespace(units=units, staff=staff_a, service=service_a, case=case)
