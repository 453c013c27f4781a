"""Benchmark: concurrent intake against gunicorn + PostgreSQL, compared with minimal one-INSERT Django views.

    .venv/bin/python bench/intake.py [--concurrency 8] [--seconds 10] [--rounds 2]

Four workloads, run alternately (each round: ceiling, API, browser ceiling, browser) so machine noise hits
them alike; each compared with the ceiling that makes the same requests (bench/urls.py, bench only):
- ceiling: POST /bench/insert/ — a minimal Django view doing one INSERT;
- API: POST /open311/v2/requests.json with an API key (1 request per case);
- browser ceiling: GET /bench/form/ (a form with a CSRF token), POST it (one INSERT, redirect), GET the
  answer page (one SELECT) — what a browser does, with nothing else in the views;
- browser: GET /desk/submit/ with a fresh cookie jar, POST it with the CSRF cookie/token and a Persian
  text, follow the redirect and read the tracking code from the answer page (3 requests per case).
Prints accepted submissions/s, p50/p99 latency, the CPU each accepted submission cost in the client,
gunicorn, PostgreSQL and Redis (from /proc), and the ratios (target ≥ 0.7). Then checks that every
tracking code a client received is stored, exactly once.
"""

import argparse
import asyncio
import random
import re
import sys
import time
from pathlib import Path

import aiohttp
import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common
from bench.datagen import SUBJECTS, WORDS

DB = "mosharekat_bench_intake"
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CODE_RE = re.compile(r'id="tracking-code" data-code="(\d+)"')


def prepare_db():
    """A fresh database each run (migrations + demo data), the ceiling's table, an API key."""
    with psycopg.connect(f"{common.PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB}"')
    common.manage(DB, "migrate", "--noinput", "--skip-checks")
    common.manage(DB, "load_demo", "--skip-checks")
    common.collectstatic(DB)
    with psycopg.connect(f"{common.PG}/{DB}", autocommit=True) as conn:
        conn.execute("CREATE TABLE bench_ceiling (id bigserial PRIMARY KEY, body text NOT NULL, "
                     "created_at timestamptz NOT NULL DEFAULT now())")
        service_code = conn.execute("SELECT code FROM catalog_service WHERE is_active ORDER BY id").fetchone()[0]
    api_key = common.manage(DB, "create_api_key", "bench", "--skip-checks").strip().splitlines()[-1].strip()
    return api_key, service_code


def persian_text(rng):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(25, 60))) + "."


def contact(rng, i):
    """A third anonymous, the rest with a mobile number (so they get an SMS in the outbox)."""
    return {"is_anonymous": "on"} if i % 3 == 0 else {"contact_name": "سارا کاظمی", "mobile": f"0912{i % 10**7:07d}"}


def ops(session, api_key, service_code):
    rng = random.Random(1)
    post_latencies = {f"{common.BASE}/desk/submit/": [], f"{common.BASE}/bench/form/": []}

    async def ceiling(i):
        async with session.post(f"{common.BASE}/bench/insert/", data={"body": persian_text(rng)}) as resp:
            if resp.status != 201:
                raise RuntimeError(f"ceiling {resp.status}")
            await resp.read()

    async def as_browser(form_url, fields, i):
        """GET the form with a new cookie jar, POST it with the CSRF token, follow the redirect, read the code."""
        jar = aiohttp.CookieJar(unsafe=True)  # each case: a new browser
        async with aiohttp.ClientSession(cookie_jar=jar, connector=session.connector, connector_owner=False) as s:
            async with s.get(form_url) as resp:
                token = CSRF_RE.search(await resp.text()).group(1)
            t0 = time.perf_counter()
            async with s.post(form_url, data={"csrfmiddlewaretoken": token, **fields}, allow_redirects=False) as resp:
                await resp.read()
                if resp.status != 302:
                    raise RuntimeError(f"browser POST {resp.status} at {form_url}")
                location = resp.headers["Location"]
            post_latencies[form_url].append(time.perf_counter() - t0)
            async with s.get(common.BASE + location) as resp:
                return CODE_RE.search(await resp.text()).group(1)

    async def browser_ceiling(i):
        await as_browser(f"{common.BASE}/bench/form/", {"body": persian_text(rng)}, i)

    async def browser(i):
        fields = {"kind": "complaint", "subject": rng.choice(SUBJECTS), "body": persian_text(rng), **contact(rng, i)}
        return await as_browser(f"{common.BASE}/desk/submit/", fields, i)

    async def api(i):
        data = {"api_key": api_key, "service_code": service_code, "description": persian_text(rng),
                "attribute[kind]": "request"}
        if i % 3:
            data["phone"] = f"0935{i % 10**7:07d}"
        async with session.post(f"{common.BASE}/open311/v2/requests.json", data=data) as resp:
            body = await resp.json(content_type=None)
            if resp.status != 201:
                raise RuntimeError(f"api {resp.status} {body}")
            return body[0]["service_request_id"]

    workloads = {"ceiling": ceiling, "api": api, "browser ceiling": browser_ceiling, "browser": browser}
    return workloads, post_latencies[f"{common.BASE}/desk/submit/"]


async def run(args, api_key, service_code, server_pid):
    connector = aiohttp.TCPConnector(limit=args.concurrency * 2, force_close=False)
    async with aiohttp.ClientSession(connector=connector) as session:
        workloads, post_latencies = ops(session, api_key, service_code)
        for op in workloads.values():  # warm-up: workers import, connect, fill caches
            await common.closed_loop(op, 2, 1.5)
        post_latencies.clear()
        totals = {name: {"ok": 0, "seconds": 0.0, "lat": [], "fail": [], "codes": [],
                         "cpu": dict.fromkeys(common.CPU_GROUPS, 0.0)} for name in workloads}
        for _round in range(args.rounds):
            for name, op in workloads.items():
                before = common.cpu_seconds(server_pid, DB)
                results, lat, fail, elapsed = await common.closed_loop(op, args.concurrency, args.seconds)
                t = totals[name]
                for group, used in common.cpu_seconds(server_pid, DB).items():
                    t["cpu"][group] += used - before[group]
                t["ok"] += len(lat)
                t["seconds"] += elapsed
                t["lat"] += lat
                t["fail"] += fail
                t["codes"] += [r for r in results if r]
        return totals, post_latencies


def verify(codes):
    """Every code a client was given is a stored case, once."""
    with psycopg.connect(f"{common.PG}/{DB}") as conn:
        found = conn.execute("SELECT count(*) FROM desk_case WHERE tracking_code = ANY(%s)", (codes,)).fetchone()[0]
    return found, len(set(codes)), len(codes)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    api_key, service_code = prepare_db()
    with common.gunicorn(DB) as server:
        totals, post_latencies = asyncio.run(run(args, api_key, service_code, server.pid))
    rate = {name: t["ok"] / t["seconds"] for name, t in totals.items()}
    print(f"\nIntake — {args.concurrency} concurrent clients, {args.rounds}×{args.seconds:g} s each, alternating")
    for name, t in totals.items():
        s = common.summary(t["lat"])
        print(f"  {name:15} {rate[name]:7.1f} accepted/s   p50 {s['p50_ms']:6.1f} ms   p99 {s['p99_ms']:6.1f} ms"
              f"   failures {len(t['fail'])}" + (f" e.g. {t['fail'][0]}" if t["fail"] else ""))
    print("  CPU per accepted submission, ms:  " + "   ".join(f"{g:>8}" for g in (*common.CPU_GROUPS, "total")))
    for name, t in totals.items():
        per = [t["cpu"][g] * 1000 / max(t["ok"], 1) for g in common.CPU_GROUPS]
        print(f"    {name:15}                 " + "   ".join(f"{v:8.2f}" for v in (*per, sum(per))))
    post = common.summary(post_latencies)
    print(f"  browser POST alone: p50 {post['p50_ms']} ms, p99 {post['p99_ms']} ms")
    codes = totals["browser"]["codes"] + totals["api"]["codes"]
    found, unique, given = verify(codes)
    print(f"  stored: {found} of {unique} distinct tracking codes given ({given} answers)")
    api_ratio, browser_ratio = rate["api"] / rate["ceiling"], rate["browser"] / rate["browser ceiling"]
    print(f"  ratio to its ceiling (target ≥ 0.7): API {api_ratio:.2f}, browser {browser_ratio:.2f} "
          f"(to the one-request ceiling: {rate['browser'] / rate['ceiling']:.2f})")
    ok = found == unique == given

    def figure(name):
        s = common.summary(totals[name]["lat"])
        return f"{rate[name]:.0f}/s, p50 {s['p50_ms']} ms, p99 {s['p99_ms']} ms"

    common.save("intake", [
        ["Intake ceiling (1-INSERT view)", figure("ceiling"), "", ""],
        ["Intake browser ceiling (minimal form: GET, POST + INSERT, answer page)", figure("browser ceiling"), "", ""],
        ["Intake API (Open311 POST)", figure("api"), "≥ 0.7 × ceiling",
         f"{api_ratio:.2f} × {'✓' if api_ratio >= 0.7 else '✗'}"],
        ["Intake browser (GET form, POST, answer page)", figure("browser"), "≥ 0.7 × browser ceiling",
         f"{browser_ratio:.2f} × {'✓' if browser_ratio >= 0.7 else '✗'}"],
        ["Intake: received codes stored", f"{found}/{unique}", "all", "✓" if ok else "✗"],
    ])
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
