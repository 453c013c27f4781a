import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from mosharekat.api import keys
from mosharekat.api.models import ApiKey
from mosharekat.core.models import AuditEntry
from tests.api.conftest import description
from tests.factories import PASSWORD


def test_only_the_hash_is_stored(db):
    key, raw = keys.create("Client")
    key.refresh_from_db()
    assert key.prefix == raw[:8] and len(key.key_hash) == 64
    assert keys.authenticate(raw) == key


def test_revoke_command_revokes_and_audits(db, capsys):
    key, _raw = keys.create("Client")
    call_command("revoke_api_key", key.prefix)
    key.refresh_from_db()
    assert key.revoked_at is not None
    entry = AuditEntry.objects.get(action="apikey.revoke")
    assert entry.before["revoked_at"] is None and entry.after["revoked_at"]
    with pytest.raises(CommandError):
        call_command("revoke_api_key", key.prefix)  # already revoked: nothing active has that prefix


def test_administrator_revokes_keys_in_the_admin(client, admin_user):
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client.login(username="admin", password=PASSWORD)
    key, _raw = keys.create("Partner")
    changelist = reverse("admin:api_apikey_changelist")
    assert key.prefix in client.get(changelist).content.decode()
    page = client.get(reverse("admin:api_apikey_change", args=[key.pk])).content.decode()
    assert key.key_hash in page and 'name="name"' not in page  # read-only
    response = client.post(changelist, {"action": "revoke", "_selected_action": [key.pk]})
    assert response.status_code == 302
    key.refresh_from_db()
    assert key.revoked_at is not None
    entry = AuditEntry.objects.get(action="apikey.revoke")
    assert entry.actor == admin_user and entry.target_type == "api.apikey"
    assert client.get(reverse("admin:api_apikey_add")).status_code in (403, 404)  # the site turns 403 into 404
    assert ApiKey.objects.count() == 1


def test_no_key_prefix_looks_like_a_command_line_option(db, monkeypatch):
    raws = iter(["-starts-with-a-dash" + "x" * 30, "plain" + "y" * 38])
    monkeypatch.setattr(keys.secrets, "token_urlsafe", lambda n: next(raws))
    key, raw = keys.create("Client")
    assert raw.startswith("plain") and not key.prefix.startswith("-")


def test_a_revoked_key_is_refused_at_once_although_keys_are_kept_in_memory(client, submit, api_key):
    assert submit().status_code == 201  # the key is now in this process's copy
    keys.revoke(ApiKey.objects.get(prefix=api_key[:8]))
    response = submit()
    assert response.status_code == 403 and "revoked" in description(response)


def test_last_use_is_recorded(submit, api_key):
    assert ApiKey.objects.get(prefix=api_key[:8]).last_used_at is None
    assert submit().status_code == 201
    assert ApiKey.objects.get(prefix=api_key[:8]).last_used_at is not None
