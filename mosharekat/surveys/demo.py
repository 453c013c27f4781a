"""Demo surveys: counters, a kiosk, past cases and a few hundred responses over the last six Jalali
months, so every dashboard and the public accountability page show real figures.

Deterministic (one seeded random generator) and idempotent (nothing is added once responses exist)."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from mosharekat.catalog.models import Service
from mosharekat.core.calendar import add_working_days
from mosharekat.core.models import Unit
from mosharekat.desk import services as desk
from mosharekat.desk.models import Case

from . import services
from .models import Counter, Kiosk, Response, Survey

SEED = 1403
DAYS = 180
RESPONSES = 360
CASES = 90
# Services differ on purpose, so "lowest-rated services" and the ranking have something to say:
# (service code, mean tendency on the 1–5 scale)
SERVICE_MOOD = {"13021001000": 4.1, "13021002000": 3.2, "13022001000": 3.7, "13023001000": 2.8}
STAFF_MOOD = {"sahaam": 0.3, "foroosh": -0.2, "legal": 0.0, "triage": 0.1}
SUGGESTIONS = [
    "زمان انتظار در باجه کوتاه‌تر شود.",
    "کاش نتیجه را پیامک کنید تا لازم نباشد دوباره مراجعه کنم.",
    "کارمند باجه بسیار محترم و دلسوز بود؛ سپاسگزارم.",
    "اطلاعات وب‌گاه با آنچه در باجه گفتند فرق داشت.",
    "مدارک لازم از پیش روشن‌تر اعلام شود.",
    "روند پیگیری تلفنی بهتر شود؛ کسی پاسخ نمی‌داد.",
    "سامانه برای تلفن همراه ساده و خوب بود.",
    "ساعت کاری باجه‌ها بیشتر شود.",
]
CASE_SUBJECTS = [
    ("request", "پرسش درباره سود سهام عدالت", "13021002000"),
    ("complaint", "تأخیر در صدور برگه سهام", "13021001000"),
    ("request", "استعلام وضعیت مزایده", "13022001000"),
    ("complaint", "بی‌پاسخ ماندن استعلام حقوقی", "13023001000"),
    ("suggestion", "پیشنهاد اطلاع‌رسانی پیامکی", "13021002000"),
    ("criticism", "طولانی بودن روند واگذاری", "13022001000"),
]


def load():
    services.ensure_standard_surveys()
    units = {u.code: u for u in Unit.objects.all()}
    counters = []
    for code, names in (("justice-shares", ("باجه ۱", "باجه ۲")), ("share-sales", ("باجه ۳",))):
        if code in units:
            for name in names:
                counters.append(Counter.objects.get_or_create(unit=units[code], name=name)[0])
    first_service = Service.objects.filter(code="13021001000").first()
    if "justice-shares" in units and not Kiosk.objects.exists():
        Kiosk.objects.create(name="تبلت سالن مراجعان", unit=units["justice-shares"], service=first_service,
                             counter=counters[0] if counters else None)
    if Response.objects.exists():
        return []
    rng = random.Random(SEED)
    _cases(rng)
    _responses(rng, counters)
    return []


def _clip(value):
    return max(1, min(5, round(value)))


def _cases(rng):
    """Past cases answered after varying delays, so the public page has times and deadline shares."""
    users = {u.username: u for u in get_user_model().objects.all()}
    now = timezone.now()
    for index in range(CASES):
        kind, subject, code = rng.choice(CASE_SUBJECTS)
        service = Service.objects.filter(code=code).first()
        case = desk.submit_case(desk.Submission(
            kind=kind, subject=subject, body=f"{subject} — نمونه شماره {index + 1}.", service=service,
            mobile=f"0912{rng.randint(1000000, 9999999)}", contact_name="شهروند نمونه",
        ))
        created = now - datetime.timedelta(days=rng.uniform(3, DAYS), hours=rng.uniform(0, 8))
        due = add_working_days(timezone.localtime(created).date(), desk.response_days(kind))
        Case.objects.filter(pk=case.pk).update(created_at=created, due_date=due)
        case.refresh_from_db()
        if rng.random() < 0.85:
            staff = (get_user_model().objects.filter(unit=case.unit).first() or users.get("triage")
                     or users.get("admin"))
            case = desk.answer(case, staff, "درخواست شما بررسی شد و نتیجه در همین صفحه آمده است.")
            delay = datetime.timedelta(days=rng.choice([1, 2, 3, 5, 7, 9, 12, 16, 21]), hours=rng.uniform(0, 6))
            answered = min(created + delay, now)
            Case.objects.filter(pk=case.pk).update(answered_at=answered)


def _responses(rng, counters):
    service_survey = services.standard_survey(Survey.Kind.SERVICE)
    site_survey = services.standard_survey(Survey.Kind.SITE)
    service_questions = services.active_questions(service_survey)
    site_questions = services.active_questions(site_survey)
    demo_services = list(Service.objects.filter(code__in=SERVICE_MOOD).select_related("unit"))
    staff_by_unit = {}
    for user in get_user_model().objects.filter(username__in=STAFF_MOOD):
        staff_by_unit.setdefault(user.unit_id, []).append(user)
    if not demo_services:
        return
    admin = get_user_model().objects.filter(role="admin").first()
    now = timezone.now()
    sources = [Response.Source.QR] * 4 + [Response.Source.WEB] * 2 + [Response.Source.KIOSK, Response.Source.PAPER]
    kiosk = Kiosk.objects.first()
    for _index in range(RESPONSES):
        submitted = now - datetime.timedelta(days=rng.uniform(0, DAYS), hours=rng.uniform(0, 10))
        if rng.random() < 0.12:
            answers = {q: (_clip(rng.gauss(3.9, 0.9)) if q.kind == "scale" else
                           (rng.choice(SUGGESTIONS) if rng.random() < 0.3 else "")) for q in site_questions}
            services.submit_response(site_survey, answers, source=Response.Source.WEB, submitted_at=submitted)
            continue
        service = rng.choice(demo_services)
        staff_pool = staff_by_unit.get(service.unit_id, [])
        staff = rng.choice(staff_pool) if staff_pool and rng.random() < 0.8 else None
        mood = SERVICE_MOOD.get(service.code, 3.5) + (STAFF_MOOD.get(staff.username, 0) if staff else 0)
        unit_counters = [c for c in counters if c.unit_id == service.unit_id]
        counter = rng.choice(unit_counters) if unit_counters and rng.random() < 0.5 else None
        source = rng.choice(sources)
        answers = {}
        for q in service_questions:
            if q.kind == "scale":
                shift = {"behaviour": 0.3, "accuracy": -0.2}.get(q.code, 0)
                answers[q] = _clip(rng.gauss(mood + shift, 0.9))
            elif q.kind == "text":
                answers[q] = rng.choice(SUGGESTIONS) if rng.random() < 0.25 else ""
        services.submit_response(
            service_survey, answers, source=source, service=service, staff=staff, counter=counter,
            kiosk=None, entered_by=admin if source == Response.Source.PAPER else None, submitted_at=submitted,
        )
    if kiosk is not None:
        Response.objects.filter(source=Response.Source.KIOSK, service=kiosk.service).update(kiosk=kiosk)
