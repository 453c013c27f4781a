"""Shared by the HTTP benchmarks: a gunicorn to measure, an asyncio load client (aiohttp) and the
results file ``make bench`` turns into one table.

Client and server share the machine's cores, so the client is a single asyncio process (aiohttp,
keep-alive connections) that spends as little CPU per request as a Python client can.
"""

import asyncio
import json
import os
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(os.environ.get("BENCH_RESULTS", ROOT / "var" / "bench" / "results.json"))
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
BIND = os.environ.get("BENCH_BIND", "127.0.0.1:8181")
BASE = f"http://{BIND}"
# A Redis database of the bench's own (cache, rate limits, Celery broker), as in production.
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")


def server_env(db_name, **extra):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings", DATABASE_URL=f"{PG}/{db_name}", DB_CONN_MAX_AGE="600",
        REDIS_URL=REDIS, ALLOWED_HOSTS="127.0.0.1,localhost", NOTIFY_MODE="outbox", PYTHONPATH=str(ROOT),
        SECRET_KEY="bench-only-secret-key-not-for-production-0123456789abcdef",  # noqa: S106
    )
    env.update(extra)
    return env


def manage(db_name, *args, **extra) -> str:
    cmd = [sys.executable, str(ROOT / "manage.py"), *args]
    out = subprocess.run(cmd, env=server_env(db_name, **extra), check=True, capture_output=True, text=True)
    return out.stdout


def collectstatic(db_name):
    """Hashed static files for the templates' {% static %} (bench/settings.py's STATIC_ROOT)."""
    manage(db_name, "collectstatic", "--noinput", "--skip-checks")


@contextmanager
def gunicorn(db_name, **extra):
    """Start gunicorn (bench/gunicorn.conf.py) on the bench database; stop it, and only it, afterwards."""
    # `timeout`/Ctrl-C must still stop the server: turn SIGTERM into an exception so `finally` runs.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    cmd = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "bench" / "gunicorn.conf.py"), "mosharekat.wsgi"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=server_env(db_name, **extra), start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{BASE}/desk/track/", timeout=5).read()  # noqa: S310  http://127.0.0.1 only
                break
            except urllib.error.HTTPError as exc:
                raise RuntimeError(f"gunicorn answers {exc.code}: see its log above") from None
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.3)
        yield proc
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def pct(values, q):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def ms(seconds):
    return round(seconds * 1000, 1)


async def closed_loop(op, concurrency, duration):
    """``concurrency`` clients each running ``op(i)`` back to back for ``duration`` s.

    Returns (successes, latencies of successes, failures, elapsed)."""
    latencies, failures, results = [], [], []
    stop = time.perf_counter() + duration
    counter = iter(range(10**9))

    async def client():
        while time.perf_counter() < stop:
            t0 = time.perf_counter()
            try:
                result = await op(next(counter))
            except Exception as exc:  # counted, shown in the figures: a benchmark must not hide errors
                failures.append(repr(exc)[:200])
                continue
            latencies.append(time.perf_counter() - t0)
            results.append(result)

    t0 = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(concurrency)))
    return results, latencies, failures, time.perf_counter() - t0


async def open_loop(op, rate, duration):
    """Start ``op(i)`` at a steady ``rate`` per second whatever the answers take (no coordinated omission:
    latency counts from the scheduled start). Returns (latencies, failures, achieved start rate)."""
    latencies, failures, tasks = [], [], []
    start = time.perf_counter()
    total = int(rate * duration)

    async def one(i, scheduled):
        try:
            await op(i)
            latencies.append(time.perf_counter() - scheduled)
        except Exception as exc:
            failures.append(repr(exc)[:200])

    for i in range(total):
        scheduled = start + i / rate
        delay = scheduled - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(i, scheduled)))
    await asyncio.gather(*tasks)
    return latencies, failures, total / (time.perf_counter() - start)


CPU_GROUPS = ("client", "gunicorn", "postgres", "redis")


def cpu_seconds(server_pid, db_name):
    """CPU seconds used so far by this client, the server (gunicorn's session), PostgreSQL (the backends
    connected to ``db_name`` and the server's background processes) and Redis.

    Read from /proc: where each accepted submission's cost goes, whatever else the machine is doing."""
    used = dict.fromkeys(CPU_GROUPS, 0.0)
    tick = os.sysconf("SC_CLK_TCK")
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as file:
                stat = file.read()
        except OSError:  # the process ended meanwhile
            continue
        name, fields = stat[stat.index("(") + 1:stat.rindex(")")], stat[stat.rindex(")") + 2:].split()
        group = ("client" if int(entry.name) == os.getpid() else "gunicorn" if int(fields[3]) == server_pid
                 else "postgres" if name == "postgres" and _ours_or_background(entry.name, db_name)
                 else "redis" if name.startswith("redis-server") else None)
        if group:
            used[group] += (int(fields[11]) + int(fields[12])) / tick
    return used


def _ours_or_background(pid, db_name):
    # A backend's title is "postgres: 15/main: <user> <database> <client> <state>"; background
    # processes (checkpointer, walwriter, autovacuum, …) have no client address in theirs.
    try:
        with open(f"/proc/{pid}/cmdline") as file:
            title = file.read().replace("\0", " ").split()
    except OSError:
        return False
    backend = len(title) >= 5 and (title[4].startswith("[local]") or "(" in title[4])
    return title[3] == db_name if backend else True


def save(section, rows, extra=None):
    """Record a benchmark's table rows (label, figure, target, verdict) for `make bench`'s final table."""
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    data = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    data[section] = {"rows": rows, "extra": extra or {}, "at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    RESULTS.write_text(json.dumps(data, ensure_ascii=False, indent=1))


def summary(latencies):
    return {"n": len(latencies), "p50_ms": ms(pct(latencies, 50)), "p95_ms": ms(pct(latencies, 95)),
            "p99_ms": ms(pct(latencies, 99)), "mean_ms": ms(statistics.fmean(latencies)) if latencies else None}
