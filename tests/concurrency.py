"""Requests sent at the same moment from several threads (PostgreSQL tests of double taps and races)."""

import threading
from concurrent.futures import ThreadPoolExecutor

from django.db import connections


def at_once(call, times: int, timeout: float = 60) -> list:
    """``call()``'s results from ``times`` threads released together; each thread closes its connections.
    An exception in a thread fails the test."""
    start = threading.Barrier(times)

    def one(_):
        try:
            start.wait()
            return call()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(times) as pool:
        return list(pool.map(one, range(times), timeout=timeout))
