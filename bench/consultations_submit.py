"""Benchmark: a citizen submitting a comment while the draft already holds 100 000, and the public page
of that draft. Through Django's test client, so the whole request runs in process: form, rate limits,
``services.submit_comment``, the INSERT, the redirect; and the page with its pagination. No network or
web server is measured.

    .venv/bin/python bench/consultations_submit.py                   # SQLite in a temporary file
    .venv/bin/python bench/consultations_submit.py --pg              # the database of consultations_full.py --pg
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mosharekat_bench_c .venv/bin/python bench/consultations_submit.py

Options: ``--n 100000`` comments already there (reused if the bench document of
bench/consultations_full.py already has them), ``--submissions 300``, ``--pages 30``.
Prints p50/p99 of the comment POST and of the public page GET (first and last page), and records them in
var/bench/results.json for `make bench`'s table. Issue 4 asks that submitting "stay fast" under 100 000
comments but gives no figure, so the table shows the figures with no verdict ("—").
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common
from bench import consultations_full as full


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def prepared_document(n, seed):
    from django.core.management import call_command
    from django.utils import timezone

    from mosharekat.consultations.models import DraftDocument

    call_command("migrate", verbosity=0)
    doc = DraftDocument.objects.filter(slug=full.SLUG).first()
    if doc and doc.is_open(timezone.now()) and doc.comments.count() >= n:
        return doc
    from bench.formletters import generate

    doc = full.fresh_document()
    texts, _truth, _campaigns = generate(n, seed)
    full.load(doc, texts, seed)
    return doc


def timed(call, times):
    start = time.perf_counter()
    response = call()
    times.append((time.perf_counter() - start) * 1000)
    return response


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--submissions", type=int, default=300)
    parser.add_argument("--pages", type=int, default=30)
    parser.add_argument("--pg", action="store_true", help="PostgreSQL at BENCH_PG (database created if missing)")
    args = parser.parse_args()
    tmp = full.pick_database(args.pg)
    # Pages render without `collectstatic`; static URLs are not what is measured.
    os.environ.setdefault("STATICFILES_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage")
    full.setup_django()
    from django.db import connection
    from django.test import Client

    doc = prepared_document(args.n, args.seed)
    before = doc.comments.count()
    client = Client(HTTP_HOST="localhost")
    url = f"/consultations/{doc.slug}/"
    posts = []
    for i in range(args.submissions):
        # One address per citizen, as in a real campaign: the per-address rate limit is not what is measured.
        data = {"stance": "disagree", "body": f"با تبصره یک مخالفم؛ مهلت باید بیشتر شود. ({i})"}
        response = timed(lambda data=data, i=i: client.post(
            f"{url}comment/", data, REMOTE_ADDR=f"10.{i // 65536 % 256}.{i // 256 % 256}.{i % 256}"), posts)
        assert response.status_code == 302, response.status_code
    assert doc.comments.count() == before + args.submissions
    first, last = [], []
    last_page = (before + args.submissions + 49) // 50
    for _ in range(args.pages):
        assert timed(lambda: client.get(url), first).status_code == 200
        assert timed(lambda: client.get(f"{url}?page={last_page}"), last).status_code == 200
    print(f"database: {connection.vendor}  comments already there: {before}  (Django test client, in process)")
    rows = []
    for name, values in (("submit comment (POST)", posts), ("public page 1 (GET)", first),
                         (f"public page {last_page} (GET)", last)):
        figure = f"p50 {percentile(values, 50):.1f} ms, p99 {percentile(values, 99):.1f} ms"
        print(f"{name}: n {len(values)}  {figure.replace(',', ' ')}")
        rows.append([f"Consultations with {before:,} comments: {name} ({connection.vendor})", figure,
                     "stays fast (no figure in issue 4)", "—"])
    common.save("consultations_submit", rows)
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
