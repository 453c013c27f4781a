"""Report content is unreadable in the raw database and on disk; the key lives outside both."""

import stat

import pytest
from django.db import connection

from mosharekat.oversight import crypto, sanitize, services
from mosharekat.oversight.models import Attachment, Message, Report

from .conftest import upload

pytestmark = pytest.mark.django_db

SECRETS = ["رشوه در اداره فروش سهام", "پول نقد", "معاونت واگذاری", "زهرا کریمی", "نامه_محرمانه"]


def raw_rows(model, columns):
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)} FROM {table}")  # noqa: S608  names from model meta
        return cursor.fetchall()


def test_encrypted_columns_are_unreadable_in_the_raw_database(make_report):
    png = sanitize.clean_uploads([upload("نامه_محرمانه.png", b"\x89PNG\r\n\x1a\n" + _tiny_png()[8:])])
    report, _ = make_report(named_unit="معاونت واگذاری", is_anonymous=False, identity="زهرا کریمی", files=png)
    services.officer_reply(None, report, "پول نقد را به چه کسی دادید؟")
    rows = raw_rows(Report, ["subject", "text", "named_unit", "identity"])
    rows += raw_rows(Message, ["text"]) + raw_rows(Attachment, ["name"])
    dump = repr(rows)
    for secret in SECRETS:
        assert secret not in dump
    assert all(value.startswith("gAAAAA") for row in rows for value in row if value)  # Fernet tokens
    # Through the ORM the same rows read back in clear.
    report = Report.objects.get()
    assert (report.subject, report.named_unit, report.identity) == (
        "رشوه در اداره فروش سهام", "معاونت واگذاری", "زهرا کریمی")
    assert report.attachments.get().name == "نامه_محرمانه.png"


def test_attachment_files_are_encrypted_on_disk(make_report):
    data = _tiny_png()
    report, _ = make_report(files=sanitize.clean_uploads([upload("a.png", data)]))
    attachment = report.attachments.get()
    on_disk = attachment.file.read()
    assert b"PNG" not in on_disk and b"IHDR" not in on_disk
    assert crypto.decrypt_bytes(on_disk).startswith(b"\x89PNG")


def test_key_file_is_created_once_with_mode_0600(settings, make_report):
    make_report()
    key_file = settings.OVERSIGHT_KEY_FILE
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    first = key_file.read_bytes()
    make_report()
    assert key_file.read_bytes() == first


def test_env_key_is_used_when_given(settings, tmp_path):
    settings.OVERSIGHT_KEY = "a-key-from-the-environment-" + "x" * 20
    settings.OVERSIGHT_KEY_FILE = tmp_path / "never-created.key"
    token = crypto.encrypt_text("متن")
    assert crypto.decrypt_text(token) == "متن"
    assert not settings.OVERSIGHT_KEY_FILE.exists()
    settings.OVERSIGHT_KEY = "another-key-" + "y" * 20
    with pytest.raises(crypto.InvalidToken):
        crypto.decrypt_text(token)


def _tiny_png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), (0, 128, 0)).save(out, "PNG")
    return out.getvalue()
