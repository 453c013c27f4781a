import pytest

from mosharekat.core import demo as core_demo
from mosharekat.core.models import Role, User
from mosharekat.oversight import demo
from mosharekat.oversight.models import OversightBody

pytestmark = pytest.mark.django_db


def test_demo_bodies_and_officer_login_are_idempotent():
    core_demo.load()
    first = demo.load()
    assert demo.load() == first and first[0][:2] == ("bazras", "mosharekat-demo")
    officer = User.objects.get(username="bazras")
    assert officer.role == Role.OVERSIGHT and officer.check_password("mosharekat-demo")
    bodies = {b.kind: b for b in OversightBody.objects.all()}
    assert len(bodies) == 2 and OversightBody.objects.count() == 2
    assert bodies["internal"].name == "دفتر بازرسی سازمان"
    assert bodies["external"].name == "سازمان بازرسی کل کشور" and bodies["external"].email
    assert bodies["external"].retention_days > 0
    assert all(officer in b.officers.all() for b in bodies.values())
