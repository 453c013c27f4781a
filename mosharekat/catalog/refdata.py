"""Per-process copies of the small, rarely changed tables every submission reads: routing rules,
response times, holidays, the triage unit, services by code, API keys.

Reading them from the database on each submission was most of its statements. Each process keeps them
in memory, tagged with a version held in the shared cache (Redis in production, so every web node sees
it); saving or deleting a row of a watched model replaces that version, so every process reloads within
REFDATA_CHECK_SECONDS (each process reads the version that often, not on every request). The version is
replaced at save time (this process at once; tests, whose transactions roll back and never commit) and
again when the transaction commits (other processes must not reload before the change is visible to
them). Safety nets: copies older than MAX_AGE seconds are reloaded anyway (a change missed while the
cache was down), and while the cache is unreachable nothing is kept: reads go to the database as before.
"""

import logging
import threading
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

log = logging.getLogger(__name__)

VERSION_KEY = "refdata:version"
# Model labels whose rows are copied here (desk and core models by label: catalog need not import them).
WATCHED = frozenset({"desk.RoutingRule", "desk.ResponseTime", "core.Holiday", "core.Unit", "catalog.Service",
                     "catalog.Topic", "api.ApiKey"})
MAX_AGE = 300
MAX_ITEMS = 2000  # services are cached one code at a time: bound the memory a flood of codes could use

_lock = threading.Lock()
_store = {"version": None, "loaded_at": 0.0, "values": {}}
_checked = {"version": None, "at": 0.0, "down": False}  # the shared version as last read, and when


def _version():
    """The shared version, read from the cache at most every REFDATA_CHECK_SECONDS (0 in tests, whose
    rolled-back transactions leave the cache emptied, not bumped); None when the cache is unreachable."""
    now = time.monotonic()
    if now - _checked["at"] < settings.REFDATA_CHECK_SECONDS and (_checked["version"] or _checked["down"]):
        return _checked["version"]
    try:
        version = cache.get(VERSION_KEY)
        if version is None:  # first use, or the cache was emptied
            cache.add(VERSION_KEY, uuid.uuid4().hex, None)
            version = cache.get(VERSION_KEY)
    except Exception:  # cache unreachable: fall back to the database rather than fail a submission
        log.warning("refdata: cache unavailable, reading reference data from the database")
        _checked.update(version=None, at=now, down=True)  # do not wait for a dead cache on every read
        return None
    _checked.update(version=version, at=now, down=False)
    return version


def get(name: str, loader):
    """``loader()``'s value, from this process's copy when it is current. None is not kept (unknown codes)."""
    version = _version()
    if version is None:
        return loader()
    with _lock:
        if _store["version"] != version or time.monotonic() - _store["loaded_at"] > MAX_AGE:
            _store.update(version=version, loaded_at=time.monotonic(), values={})
        values = _store["values"]
        if name in values:
            return values[name]
    value = loader()
    with _lock:
        if value is not None and _store["values"] is values and len(values) < MAX_ITEMS:
            values[name] = value
    return value


def invalidate():
    """Forget every copy here and make every other process reload."""
    with _lock:
        _store.update(version=None, values={})
        _checked.update(version=None, down=False)
    try:
        cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    except Exception:  # the copies elsewhere expire after MAX_AGE
        log.warning("refdata: cache unavailable, other processes keep reference data up to %s s", MAX_AGE)


def _on_change(sender, **kwargs):
    if sender._meta.label in WATCHED:
        invalidate()
        transaction.on_commit(invalidate, using=kwargs.get("using"))


def connect(post_save, post_delete):
    """Called from CatalogConfig.ready(): watch every model's saves and deletes for WATCHED ones."""
    post_save.connect(_on_change, dispatch_uid="refdata-save")
    post_delete.connect(_on_change, dispatch_uid="refdata-delete")
