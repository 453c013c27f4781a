"""Fixtures that build a small organization: a tree of units, staff in each role, a service."""

import pytest

from mosharekat.catalog.models import Service
from mosharekat.core.models import Role, Unit, User
from mosharekat.desk.services import Submission, submit_case

PASSWORD = "correct-horse-battery"


@pytest.fixture
def units(db):
    root = Unit.objects.create(name="سازمان", code="org")
    triage = Unit.objects.create(name="دفتر فناوری اطلاعات", code="it", parent=root, is_triage=True)
    deputy = Unit.objects.create(name="معاونت واگذاری", code="dep", parent=root)
    unit_a = Unit.objects.create(name="اداره سهام عدالت", code="a", parent=deputy)
    unit_b = Unit.objects.create(name="اداره امور حقوقی", code="b", parent=root)
    return {"root": root, "triage": triage, "deputy": deputy, "a": unit_a, "b": unit_b}


def make_user(username, unit, role=Role.STAFF, **extra):
    return User.objects.create_user(username=username, password=PASSWORD, unit=unit, role=role, **extra)


@pytest.fixture
def staff_a(units):
    return make_user("staff_a", units["a"])


@pytest.fixture
def staff_b(units):
    return make_user("staff_b", units["b"])


@pytest.fixture
def manager_deputy(units):
    return make_user("manager_dep", units["deputy"], Role.MANAGER)


@pytest.fixture
def admin_user(units):
    return make_user("admin", units["root"], Role.ADMIN)


@pytest.fixture
def service_a(units):
    return Service.objects.create(
        title="صدور برگ سهام عدالت", code="11021001", description="دریافت برگه سهام عدالت", unit=units["a"],
        email="sahaam@example.ir", channels=["web", "email"],
    )


@pytest.fixture
def make_case(units):
    def factory(**kwargs):
        defaults = {"kind": "complaint", "subject": "تأخیر در پاسخ", "body": "پاسخ درخواست من دیر شده است.",
                    "mobile": "09121234567"}
        defaults.update(kwargs)
        return submit_case(Submission(**defaults))

    return factory
