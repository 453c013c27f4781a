"""`make run` prints where the demo is served, whatever HOST it was given."""

import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_printed_links_name_the_address_make_run_serves(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # demo logins hash fast
    out = io.StringIO()
    call_command("load_demo", "--host", "127.0.0.1:8300", stdout=out)
    assert "Public site: http://127.0.0.1:8300/   Staff: http://127.0.0.1:8300/staff/" in out.getvalue()
