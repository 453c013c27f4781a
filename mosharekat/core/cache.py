"""The cache of the embedded mode (no Redis): files in var/cache, shared by every process on the machine.

Rate-limit counters (lookups by tracking code, receipt logins, inbound messages per sender) must be seen
by every process that answers requests: gunicorn workers, the SMTP listener, ``ingest_email`` run by the
MTA once per message. A per-process memory cache would multiply each limit by the number of processes.
Django's file cache is shared, but its ``add`` and ``incr`` are read-then-write: parallel clients would
lose counts, and ``incr`` would also reset the entry's expiry to the default timeout. Here both run
under one exclusive file lock and ``incr`` keeps the expiry. Production uses Redis (``REDIS_URL``).
"""

import os
import pickle
import tempfile
import time
import zlib
from contextlib import contextmanager

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files import locks
from django.core.files.move import file_move_safe


class SharedFileCache(FileBasedCache):
    @contextmanager
    def _exclusive(self):
        self._createdir()
        with open(os.path.join(self._dir, "counters.lock"), "ab") as handle:
            locks.lock(handle, locks.LOCK_EX)
            try:
                yield
            finally:
                locks.unlock(handle)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        with self._exclusive():
            return super().add(key, value, timeout, version)

    def incr(self, key, delta=1, version=None):
        fname = self._key_to_file(key, version)
        with self._exclusive():
            try:
                # Our own files in a private directory, read exactly as Django's file cache reads them.
                with open(fname, "rb") as handle:
                    expiry = pickle.load(handle)  # noqa: S301
                    value = pickle.loads(zlib.decompress(handle.read()))  # noqa: S301
            except FileNotFoundError:
                raise ValueError(f"Key '{key}' not found") from None
            if expiry is not None and expiry < time.time():
                raise ValueError(f"Key '{key}' not found")
            value += delta
            fd, tmp_path = tempfile.mkstemp(dir=self._dir)
            with open(fd, "wb") as handle:
                handle.write(pickle.dumps(expiry, self.pickle_protocol))
                handle.write(zlib.compress(pickle.dumps(value, self.pickle_protocol)))
            file_move_safe(tmp_path, fname, allow_overwrite=True)
            return value
