"""Benchmark: the whole staff path for 100 000 consultation comments through the database — load the
comments, group them, write the groups, build the response report — with time, peak memory and F1.

    .venv/bin/python bench/consultations_full.py                     # SQLite in a temporary file
    .venv/bin/python bench/consultations_full.py --pg                # PostgreSQL at BENCH_PG, database
                                                                     # mosharekat_bench_c, created if missing
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mosharekat_bench_c .venv/bin/python bench/consultations_full.py

Options: ``--n 100000 --seed 7 --runs 2``. Figures also go to var/bench/results.json for `make bench`'s
table. The database gets the real schema (migrate); the bench
document «bench-100k» and its comments are replaced on every run. The comments (bench/formletters.py)
are written with COPY on PostgreSQL and executemany on SQLite. The measured path runs in a fresh child
process, so its peak RSS is that of a real worker (interpreter + Django + the work), not of the generator.
Run 1 groups ungrouped comments; run 2 regroups them (every group replaced), as when staff click again.

Targets (issue 4): ≤ 15 s on 2 cores, < 600 MiB, pairwise F1 ≥ 0.99.
"""

import argparse
import datetime
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SLUG = "bench-100k"
PG_DB = "mosharekat_bench_c"
TARGET_S, TARGET_MIB, TARGET_F1 = 15, 600, 0.99
PROVISIONS = [
    ("a1", "article", "ماده ۱", "سهام عدالت به مشمولان واگذار می‌شود.", None),
    ("a1-n1", "note", "تبصره ۱", "مهلت ثبت‌نام سی روز است.", "a1"),
    ("a2", "article", "ماده ۲", "هیئت داوری به اعتراض‌ها رسیدگی می‌کند.", None),
]


def use_postgres():
    """Point Django at BENCH_PG's bench database, creating it when missing (a fresh machine has none)."""
    import psycopg

    from bench import common

    with psycopg.connect(f"{common.PG}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [PG_DB]).fetchone():
            conn.execute(f'CREATE DATABASE "{PG_DB}"')
    os.environ["DATABASE_URL"] = f"{common.PG}/{PG_DB}"


def pick_database(pg: bool):
    """``--pg``: the bench database on BENCH_PG; else DATABASE_URL; else SQLite in a temporary directory
    (returned, to be cleaned up)."""
    if pg:
        use_postgres()
    elif "DATABASE_URL" not in os.environ:
        tmp = tempfile.TemporaryDirectory()
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp.name}/bench.sqlite3"
        return tmp
    return None


def verdict(r: dict, f1: float) -> str:
    missed = [name for name, ok in (("time", r["total_s"] <= TARGET_S), ("memory", r["rss_mib"] < TARGET_MIB),
                                    ("F1", f1 >= TARGET_F1)) if not ok]
    return "✗ " + ", ".join(missed) if missed else "✓"


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mosharekat.settings")
    import django

    django.setup()


def fresh_document():
    """The bench document, emptied with set-based deletes (the ORM's cascade would fetch 100k rows)."""
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from mosharekat.consultations import services
    from mosharekat.consultations.models import Comment, CommentGroup, DraftDocument
    from mosharekat.core.models import Unit

    call_command("migrate", verbosity=0)
    old = DraftDocument.objects.filter(slug=SLUG).first()
    if old:
        with transaction.atomic(), connection.cursor() as cursor:
            q = connection.ops.quote_name
            for model in [m for m in Comment._meta.related_objects]:  # e.g. official replies
                cursor.execute(f"DELETE FROM {q(model.related_model._meta.db_table)} WHERE "  # noqa: S608
                               f"{q(model.field.column)} IN (SELECT id FROM {q(Comment._meta.db_table)} "
                               "WHERE document_id = %s)", [old.pk])
            cursor.execute(f"DELETE FROM {q(Comment._meta.db_table)} WHERE document_id = %s", [old.pk])  # noqa: S608
            CommentGroup.objects.filter(document=old).delete()
            old.delete()
    unit, _ = Unit.objects.get_or_create(code="bench", defaults={"name": "واحد آزمون کارایی"})
    doc = DraftDocument.objects.create(title="پیش‌نویس آزمون کارایی", slug=SLUG, kind="bylaw", unit=unit,
                                       allow_anonymous=True)
    services.add_version(doc, PROVISIONS)
    services.publish(doc, now=timezone.now() - datetime.timedelta(days=1))
    return doc


def comment_rows(doc, texts, seed):
    """Rows for every concrete column of Comment, so columns added later get their model defaults."""
    from django.utils import timezone

    from mosharekat.consultations.models import Comment

    rng = random.Random(seed)
    provisions = [None, *doc.draft_version().provisions.values_list("id", flat=True)]
    fields = [f for f in Comment._meta.concrete_fields if not f.primary_key]
    start = timezone.now() - datetime.timedelta(hours=20)
    for i, text in enumerate(texts):
        given = {"document_id": doc.pk, "provision_id": rng.choice(provisions), "body": text,
                 "stance": rng.choice(["agree", "disagree", "disagree"]), "group_id": None,
                 "created_at": start + datetime.timedelta(milliseconds=500 * i)}
        yield [given[f.attname] if f.attname in given else f.get_default() for f in fields]


def load(doc, texts, seed):
    from django.db import connection, transaction

    from mosharekat.consultations.models import Comment, CommentGroup

    q = connection.ops.quote_name
    fields = [f for f in Comment._meta.concrete_fields if not f.primary_key]
    table, columns = q(Comment._meta.db_table), ", ".join(q(f.column) for f in fields)
    rows = comment_rows(doc, texts, seed)
    next_row = next(rows)  # runs the generator's own queries before COPY holds the connection
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                copy.write_row(next_row)
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", [next_row, *rows])  # noqa: S608
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # reruns delete and rewrite 100k rows: start from clean tables
            tables = ", ".join(q(m._meta.db_table) for m in (Comment, CommentGroup))
            cursor.execute(f"VACUUM ANALYZE {tables}")
        else:
            cursor.execute("ANALYZE")


def measure(document_pk: int) -> dict:
    """The measured path, in the child process: exactly what the staff action and the report page run."""
    setup_django()
    from mosharekat.consultations import services
    from mosharekat.consultations.models import DraftDocument

    doc = DraftDocument.objects.get(pk=document_pk)
    before = resource.getrusage(resource.RUSAGE_SELF)
    cpu_before = before.ru_utime + before.ru_stime
    marks = {}

    def progress(phase, done, total):  # the same callback the background job uses: notes phase starts
        marks.setdefault(phase, time.perf_counter())

    start = time.perf_counter()
    groups = services.group_comments(doc, progress=progress)
    grouped = time.perf_counter()
    report = services.response_report(doc)
    done = time.perf_counter()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"groups": groups, "report_groups": len(report["groups"]), "total": report["total"],
            "group_s": grouped - start, "load_group_s": marks["saving"] - start,
            "write_s": grouped - marks["saving"], "report_s": done - grouped, "total_s": done - start,
            "rss_mib": usage.ru_maxrss / 1024, "cpu_s": usage.ru_utime + usage.ru_stime - cpu_before}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--pg", action="store_true", help="PostgreSQL at BENCH_PG (database created if missing)")
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)  # child mode: the document id
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    tmp = pick_database(args.pg)
    setup_django()
    from django.db import connection

    from bench import common
    from bench.formletters import generate
    from mosharekat.consultations.grouping import pairwise_f1
    from mosharekat.consultations.models import Comment

    doc = fresh_document()
    texts, truth, campaigns = generate(args.n, args.seed)
    started = time.perf_counter()
    load(doc, texts, args.seed)
    print(f"database: {connection.vendor}  comments: {len(texts)}  campaigns: {campaigns}  "
          f"loaded in {time.perf_counter() - started:.1f} s")
    del texts
    connection.close()
    rows, met = [], True
    for run in range(1, args.runs + 1):
        child = subprocess.run([sys.executable, __file__, "--measure", str(doc.pk)], check=True,
                               capture_output=True, text=True, env=os.environ)
        r = json.loads(child.stdout.strip().splitlines()[-1])
        labels = list(Comment.objects.filter(document=doc).order_by("id").values_list("group_id", flat=True))
        f1 = pairwise_f1(labels, truth)
        what = "group" if run == 1 else "regroup"
        print(f"run {run} ({what}): total {r['total_s']:.2f} s (read+group {r['load_group_s']:.2f} s, "
              f"writes {r['write_s']:.2f} s, "
              f"report {r['report_s']:.2f} s; this process's CPU {r['cpu_s']:.2f} s)  "
              f"peak RSS {r['rss_mib']:.0f} MiB  groups {r['groups']}  "
              f"report rows {r['report_groups']}  pairwise F1 {f1:.4f}")
        rows.append([f"Consultations: group + write + report, {len(truth):,} comments, {what} ({connection.vendor})",
                     f"{r['total_s']:.1f} s, {r['rss_mib']:.0f} MiB, F1 {f1:.4f}",
                     f"≤ {TARGET_S} s, < {TARGET_MIB} MiB, F1 ≥ {TARGET_F1}", verdict(r, f1)])
        met = met and rows[-1][3] == "✓"
    common.save("consultations_full", rows, {"campaigns": campaigns, "runs": args.runs})
    if tmp:
        tmp.cleanup()
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
