"""Bench databases with N desk cases, generated with COPY (psycopg 3) into the real tables.

    .venv/bin/python bench/datagen.py 1000000      # creates mosharekat_bench_1m if it is not there yet
    .venv/bin/python bench/datagen.py 5000000 --force

One database per size (``mosharekat_bench_<size>``), reused when its ``bench_generated`` marker says it
is complete. Schema from the real migrations and demo data from ``load_demo``; then desk_case's
secondary indexes and constraints are dropped, the rows are streamed in with COPY (pre-formatted text,
foreign-key triggers off for the load), and everything is rebuilt, vacuumed and analysed.
Rows: valid tracking codes (Damm, unique), Persian subjects and bodies, 5 years of history, mostly
answered/closed with ~4 % open, units skewed like a real organization (31 provincial offices added).
"""

import argparse
import datetime
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import psycopg
from stdnum import damm

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mosharekat.core.text import search_key  # noqa: E402

PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
COLUMNS = (
    "tracking_code kind channel service_id topic_id unit_id subject body contact_name mobile email national_id "
    "is_anonymous status routing_reason created_at updated_at due_date answered_at closed_at search_text"
).split()
PROVINCES = (
    "تهران اصفهان فارس خراسان‌رضوی آذربایجان‌شرقی آذربایجان‌غربی خوزستان مازندران گیلان کرمان یزد قم البرز "
    "همدان کرمانشاه لرستان مرکزی قزوین زنجان اردبیل گلستان سمنان کردستان بوشهر هرمزگان ایلام چهارمحال "
    "کهگیلویه سیستان خراسان‌شمالی خراسان‌جنوبی"
).split()
FIRST = "علی محمد حسین رضا مهدی امیر سعید مریم زهرا فاطمه سارا نرگس لیلا مینا حمید ناصر پریسا الهام کاظم یاسر".split()
LAST = "رضایی احمدی محمدی کریمی حسینی موسوی نوری یزدانی کاظمی صادقی جعفری رحیمی قاسمی عباسی طاهری سلیمانی".split()
SUBJECTS = [
    "تأخیر در واریز سود سهام عدالت", "عدم دسترسی به سامانه ثبت‌نام", "اعتراض به قیمت‌گذاری سهام",
    "پیشنهاد درباره شفافیت واگذاری", "شکایت از برخورد کارمند", "درخواست پیگیری پرونده واگذاری",
    "انتقاد از طولانی بودن فرایند", "مشکل در انتقال سهام متوفی", "درخواست اصلاح اطلاعات شناسنامه‌ای",
    "عدم پاسخ‌گویی تلفن اداره", "پرداخت نشدن اقساط کارکنان", "ابهام در آیین‌نامه جدید",
]
WORDS = (
    "مردم دولت سازمان قانون حق شهروند اداره مدیر کارمند پرونده درخواست پاسخ زمان هزینه مالیات بودجه شفافیت "
    "نظارت گزارش جلسه کمیته پیشنهاد انتقاد شکایت اصلاح اجرا ابلاغ تصویب مجلس نماینده دادگاه حکم داوری اعتراض "
    "مهلت روز ماه سال هفته قیمت ارزش سهم سود زیان بازار بورس فروش خرید واگذاری خصوصی عمومی استان شهر روستا "
    "خانواده کودک کارگر کشاورز معلم بازنشسته دانشجو بیمه درمان مسکن یارانه وام بانک قسط سند ملک سامانه "
    "اینترنت درگاه پیامک تلفن نامه امضا دفتر سهام عدالت متوفی وراث کد ملی شماره حساب شبا واریز"
).split()
OPENERS = ["با سلام و احترام،", "احتراماً به استحضار می‌رساند", "سلام،", "اینجانب", "با عرض ادب،", ""]
TODAY = datetime.date.today()


def db_name(size: int) -> str:
    label = f"{size // 1_000_000}m" if size % 1_000_000 == 0 else f"{size // 1000}k" if size % 1000 == 0 else str(size)
    return f"mosharekat_bench_{label}"


def db_url(name: str) -> str:
    return f"{PG}/{name}"


def is_ready(name: str, size: int) -> bool:
    try:
        with psycopg.connect(db_url(name), connect_timeout=5) as conn:
            row = conn.execute("SELECT size FROM bench_generated").fetchone()
            return bool(row) and row[0] == size
    except psycopg.Error:
        return False


def _sentence(rng):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 12)))


def _pools(rng):
    """Pre-folded fragments: each row is joined from these, so its search_text is a cheap join."""
    sentences = [_sentence(rng) for _ in range(60_000)]
    return {
        "sentences": [(s, search_key(s)) for s in sentences],
        "subjects": [(s, search_key(s)) for s in SUBJECTS],
        "openers": [(s, search_key(s)) for s in OPENERS],
        "names": [(f"{f} {la}", search_key(f"{f} {la}")) for f in FIRST for la in LAST],
    }


def _codes(rng, n, width):
    seen = set()
    while len(seen) < n:
        body = f"{rng.randrange(10**width):0{width}d}"
        if body not in seen:
            seen.add(body)
            yield body + damm.calc_check_digit(body)


def _unit_weights(units):
    """Skewed like a real organization: justice shares and triage carry most of the load."""
    big = {"justice-shares": 20, "it": 8, "share-sales": 10, "legal": 4}
    return [pk for pk, _ in units], [big.get(code, 1.5) for _, code in units]


def rows(size, seed, units, services, topics):
    rng = random.Random(seed)
    pools = _pools(rng)
    unit_ids, weights = _unit_weights(units)
    unit_pick = rng.choices(unit_ids, weights, k=200_000)
    kinds = ["request"] * 5 + ["complaint"] * 3 + ["suggestion", "criticism"]
    channels = ["web"] * 6 + ["sms", "email", "phone", "api"]
    start = datetime.datetime(TODAY.year - 5, TODAY.month, 1, tzinfo=datetime.UTC)
    span = (datetime.datetime.now(datetime.UTC) - start).total_seconds()
    step = span / size  # created_at grows with id, as in life
    anon_codes = _codes(rng, size // 5 + 1, 19)
    named_codes = _codes(rng, size, 13)
    for i in range(size):
        anonymous = i % 5 == 0
        code = next(anon_codes) if anonymous else next(named_codes)
        created = start + datetime.timedelta(seconds=i * step + rng.random() * step)
        due = (created + datetime.timedelta(days=14)).date()
        age = (TODAY - created.date()).days
        status = rng.choice(("new", "in_progress")) if age < 20 or rng.random() < 0.02 else (
            "closed" if rng.random() < 0.7 else "answered")
        answered = created + datetime.timedelta(days=rng.randint(1, 12)) if status in ("answered", "closed") else None
        closed = answered + datetime.timedelta(days=3) if status == "closed" else None
        subject, subject_key = rng.choice(pools["subjects"])
        parts = [rng.choice(pools["openers"]), *rng.sample(pools["sentences"], rng.randint(2, 4))]
        body = " ".join(p[0] for p in parts if p[0]) + "."
        if anonymous:
            name = name_key = mobile = email = national_id = ""
        else:
            name, name_key = rng.choice(pools["names"])
            mobile = f"09{rng.randrange(10**9):09d}"
            email = f"u{i}@example.ir" if rng.random() < 0.2 else ""
            national_id = ""
        email_key = email.replace("@", " ").replace(".", " ")
        search = " ".join(x for x in [code, subject_key, *(p[1] for p in parts), name_key, mobile, email_key] if x)
        service_id = rng.choice(services) if services and rng.random() < 0.4 else None
        topic_id = rng.choice(topics) if topics and rng.random() < 0.3 else None
        unit_id = unit_pick[i % len(unit_pick)]
        yield "\t".join((
            code, rng.choice(kinds), rng.choice(channels), str(service_id or r"\N"), str(topic_id or r"\N"),
            str(unit_id), subject, body, name, mobile, email, national_id, "t" if anonymous else "f", status,
            "bench", created.isoformat(), (closed or answered or created).isoformat(), due.isoformat(),
            answered.isoformat() if answered else r"\N", closed.isoformat() if closed else r"\N", search,
        )) + "\n"


def _manage(name, *args):
    env = dict(os.environ, DATABASE_URL=db_url(name), REDIS_URL="")
    cmd = [sys.executable, str(ROOT / "manage.py"), *args, "--skip-checks"]
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)


def _secondary_indexes(conn):
    """desk_case's indexes and non-PK constraints, as SQL to recreate them after the load."""
    cons = conn.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = 'desk_case'::regclass AND contype <> 'p'").fetchall()
    idx = conn.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'desk_case' AND indexname NOT IN "
        "(SELECT conname FROM pg_constraint WHERE conrelid = 'desk_case'::regclass)").fetchall()
    return cons, idx


def generate(size: int, seed: int = 7, force: bool = False) -> str:
    name = db_name(size)
    if not force and is_ready(name, size):
        print(f"{name}: ready ({size:,} cases), reused")
        return name
    t0 = time.perf_counter()
    with psycopg.connect(db_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    _manage(name, "migrate", "--noinput")
    _manage(name, "load_demo")
    with psycopg.connect(db_url(name), autocommit=True) as conn:
        _add_provinces(conn)
        units = conn.execute("SELECT id, code FROM core_unit ORDER BY id").fetchall()
        services = [r[0] for r in conn.execute("SELECT id FROM catalog_service")]
        topics = [r[0] for r in conn.execute("SELECT id FROM catalog_topic")]
        cons, idx = _secondary_indexes(conn)
        for cname, _ in cons:
            conn.execute(f'ALTER TABLE desk_case DROP CONSTRAINT "{cname}"')
        for iname, _ in idx:
            conn.execute(f'DROP INDEX "{iname}"')
        t1 = time.perf_counter()
        _copy(conn, rows(size, seed, units, services, topics))
        t2 = time.perf_counter()
        conn.execute("SET maintenance_work_mem = '1GB'")
        conn.execute("SET max_parallel_maintenance_workers = 2")
        for _, sql in idx:
            conn.execute(sql)
        for cname, definition in cons:
            conn.execute(f'ALTER TABLE desk_case ADD CONSTRAINT "{cname}" {definition}')
        conn.execute("VACUUM (ANALYZE) desk_case")
        t3 = time.perf_counter()
        conn.execute("CREATE TABLE bench_generated (size bigint, seconds real, at timestamptz DEFAULT now())")
        conn.execute("INSERT INTO bench_generated (size, seconds) VALUES (%s, %s)", (size, t3 - t0))
    print(f"{name}: {size:,} cases — rows+COPY {t2 - t1:.0f} s ({size / (t2 - t1):,.0f} rows/s), "
          f"indexes+constraints+vacuum {t3 - t2:.0f} s, total {t3 - t0:.0f} s")
    return name


def _add_provinces(conn):
    root = conn.execute("SELECT id FROM core_unit WHERE parent_id IS NULL ORDER BY id").fetchone()[0]
    with conn.cursor().copy("COPY core_unit (name, code, parent_id, is_triage, email, phone) FROM STDIN") as copy:
        for n, province in enumerate(PROVINCES):
            copy.write_row((f"اداره کل استان {province}", f"province-{n}", root, False, "", ""))


def _copy(conn, lines, batch=5000):
    with conn.cursor() as cur:
        cur.execute("SET session_replication_role = replica")  # FK triggers off for the load; rebuilt data is valid
        with cur.copy(f"COPY desk_case ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            buf = []
            for line in lines:
                buf.append(line)
                if len(buf) >= batch:
                    copy.write("".join(buf).encode())
                    buf.clear()
            copy.write("".join(buf).encode())
        cur.execute("SET session_replication_role = DEFAULT")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", type=int)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--force", action="store_true", help="regenerate even if the database is ready")
    args = parser.parse_args()
    generate(args.size, args.seed, args.force)


if __name__ == "__main__":
    main()
