"""A private, disposable production-like stack for the reliability tests: its own PostgreSQL cluster and
Redis on free ports, gunicorn app servers and a Celery worker, all in a temporary directory.

It never touches the machine's shared PostgreSQL (5432) or Redis (6379): faults are injected (workers
killed, the database restarted, Redis stopped) into processes this module started and owns."""

import contextlib
import glob
import http.client
import json
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SECRET_KEY = "reliability-harness-only-" + "x" * 40  # shared by every app process: sessions cross processes


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(predicate, timeout: float, what: str, interval: float = 0.2):
    """Poll ``predicate`` until it returns something truthy; fail clearly after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        with contextlib.suppress(Exception):
            result = predicate()
            if result:
                return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"gave up after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


def _pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name) or name


class PrivatePostgres:
    """A throw-away cluster. PostgreSQL refuses to run as root, so as root it runs as the postgres user."""

    def __init__(self, base: Path):
        self.dir = base / "pg"
        self.dir.mkdir()
        self.port = free_port()
        self.as_user = []
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(base, owner.pw_uid, owner.pw_gid)
            os.chown(self.dir, owner.pw_uid, owner.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.data, self.log = self.dir / "data", self.dir / "server.log"

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/mosharekat"

    def _run(self, *args):
        subprocess.run([*self.as_user, *args], check=True, capture_output=True, timeout=120)

    def _pg_ctl(self, *args):
        # -l on every call: the server's output must go to the log, not to our pipe (which would never close)
        self._run(_pg_bin("pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", *args)

    def start(self):
        if not self.data.exists():
            self._run(_pg_bin("initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                      "--no-locale", "--no-sync")
        options = (f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.dir} "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        self._pg_ctl("-o", options, "start")
        wait_until(self._ready, 30, "the private PostgreSQL")

    def create_database(self):
        with psycopg.connect(self.url.replace("/mosharekat", "/postgres"), autocommit=True) as conn:
            conn.execute("CREATE DATABASE mosharekat")

    def restart(self):
        """What an operator's restart or a fail-over looks like to the app: every connection is cut."""
        self._pg_ctl("-m", "fast", "restart")
        wait_until(self._ready, 30, "PostgreSQL after the restart")

    def stop(self):
        with contextlib.suppress(Exception):
            self._pg_ctl("-m", "immediate", "stop")

    def _ready(self):
        with psycopg.connect(self.url.replace("/mosharekat", "/postgres"), connect_timeout=2) as conn:
            return conn.execute("SELECT 1").fetchone() == (1,)

    def query(self, sql: str, *params):
        with psycopg.connect(self.url, connect_timeout=5) as conn:
            return conn.execute(sql, params).fetchall()


class PrivateRedis:
    def __init__(self, base: Path):
        self.dir, self.port, self.process = base, free_port(), None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.dir)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wait_until(self.ping, 15, "the private Redis")

    def ping(self) -> bool:
        with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(15)
        self.process = None


class Stack:
    """The private services plus the processes of the app, with the environment they share."""

    def __init__(self):
        self.base = Path(tempfile.mkdtemp(prefix="mosharekat-reliability-"))
        self.pg, self.redis = PrivatePostgres(self.base), PrivateRedis(self.base)
        self.var = self.base / "var"
        self.processes: list[subprocess.Popen] = []

    def env(self, **extra) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REDIS_", "DJANGO_"))}
        env.update(
            DJANGO_SETTINGS_MODULE="mosharekat.settings", PYTHONPATH=str(ROOT), DATABASE_URL=self.pg.url,
            REDIS_URL=self.redis.url, SECRET_KEY=SECRET_KEY, MOSHAREKAT_VAR_DIR=str(self.var),
            MEDIA_ROOT=str(self.var / "media"),  # one media directory: stands for the shared storage
            STATICFILES_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
            DB_CONN_MAX_AGE="60",  # persistent connections, as in production: they must survive a restart
            NOTIFY_MODE="live", EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            ALLOWED_HOSTS="127.0.0.1,localhost", DEBUG="false", LOG_LEVEL="ERROR",
            LOOKUP_RATE_PER_CLIENT="8/10m",
        )
        env.update(extra)
        return env

    def start(self):
        self.var.mkdir()
        self.pg.start()
        self.pg.create_database()
        self.redis.start()
        self.manage("migrate", "--noinput")
        return self

    def manage(self, *args, stdin: str | None = None) -> str:
        done = subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=self.env(), cwd=ROOT,
                              input=stdin, capture_output=True, text=True, timeout=300)
        if done.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
        return done.stdout

    def python(self, code: str) -> str:
        """Run ``code`` with Django set up against the private stack; its printed output is returned."""
        return self.manage("shell", "--no-startup", "-c", code)

    def spawn(self, *argv, **extra_env) -> subprocess.Popen:
        log = open(self.base / f"{Path(argv[0]).name}-{len(self.processes)}.log", "wb")
        process = subprocess.Popen(argv, env=self.env(**extra_env), cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        self.processes.append(process)
        return process

    def gunicorn(self, workers: int = 3) -> "AppServer":
        port = free_port()
        process = self.spawn(str(BIN / "gunicorn"), "mosharekat.wsgi", "--bind", f"127.0.0.1:{port}",
                             "--workers", str(workers), "--timeout", "30", "--graceful-timeout", "5")
        server = AppServer(port, process)
        wait_until(lambda: server.get("/healthz").status == 200, 60, f"gunicorn on port {port}")
        wait_until(lambda: len(server.worker_pids()) == workers, 30, "gunicorn workers")
        return server

    def celery_worker(self) -> subprocess.Popen:
        process = self.spawn(str(BIN / "celery"), "-A", "mosharekat", "worker", "--pool", "solo",
                             "--without-gossip", "--without-mingle", "--loglevel", "WARNING")
        return process

    def stop(self):
        for process in reversed(self.processes):
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(5)
        self.redis.stop()
        self.pg.stop()
        shutil.rmtree(self.base, ignore_errors=True)

    def log_tail(self, lines: int = 40) -> str:
        text = []
        for path in [*sorted(self.base.glob("*.log")), self.pg.log]:
            if path.exists():
                text.append(f"--- {path.name}\n" + "\n".join(path.read_text(errors="replace").splitlines()[-lines:]))
        return "\n".join(text)


class Response:
    def __init__(self, status: int, headers: dict, body: str):
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        return json.loads(self.body)


class AppServer:
    def __init__(self, port: int, process: subprocess.Popen):
        self.port, self.process = port, process

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def worker_pids(self) -> list[int]:
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()]

    def get(self, path: str) -> Response:
        return Client(self).get(path)

    def stop(self):
        """Stops this server and its workers (their per-process state goes with them)."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(15)


class Client:
    """A cookie-keeping HTTP client, like one browser tab (no redirects followed: tests look at them)."""

    def __init__(self, server: AppServer, timeout: float = 30):
        self.server, self.timeout, self.cookies = server, timeout, {}

    def request(self, method: str, path: str, fields: dict | None = None, headers: dict | None = None) -> Response:
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=self.timeout)
        try:
            body = urllib.parse.urlencode(fields or {}) if method == "POST" else None
            sent = {"Host": "127.0.0.1", **(headers or {})}
            if body is not None:
                sent["Content-Type"] = "application/x-www-form-urlencoded"
            if self.cookies:
                sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            conn.request(method, path, body=body, headers=sent)
            raw = conn.getresponse()
            for header in raw.headers.get_all("Set-Cookie") or []:
                name, _, value = header.split(";", 1)[0].partition("=")
                self.cookies[name.strip()] = value.strip()
            return Response(raw.status, dict(raw.headers), raw.read().decode("utf-8", "replace"))
        finally:
            conn.close()

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, fields: dict, headers: dict | None = None) -> Response:
        return self.request("POST", path, fields, headers)

    def csrf_post(self, form_path: str, fields: dict, post_path: str | None = None,
                  kept: dict | None = None) -> Response:
        """As a browser does: load the form, then send it with the token the page carried. Hidden fields
        named in ``kept`` keep the value of the first page that carried them, as a browser's resend does."""
        page = self.get(form_path)
        if page.status != 200:
            raise RuntimeError(f"GET {form_path}: {page.status}")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body).group(1)
        for name, value in (kept or {}).items():
            if value is None:
                kept[name] = re.search(rf'name="{name}" value="([^"]+)"', page.body).group(1)
        return self.post(post_path or form_path, {**fields, **(kept or {}), "csrfmiddlewaretoken": token},
                         headers={"Referer": self.server.origin + form_path})
