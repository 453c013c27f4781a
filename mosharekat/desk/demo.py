"""Demo desk: routing rules, canned answers, response times and cases in every state."""

import datetime

from django.utils import timezone

from mosharekat.catalog.models import Service
from mosharekat.core.calendar import add_working_days
from mosharekat.core.models import Unit, User

from . import services
from .models import CannedAnswer, Case, ResponseTime, RoutingRule

RULES = [
    ("سهام عدالت", "سهام عدالت\nسود سهام\nبرگه سهام", "justice-shares", 10),
    ("مزایده و فروش سهام", "مزایده\nواگذاری سهام\nخریدار", "share-sales", 20),
    ("امور حقوقی", "شکایت حقوقی\nدادگاه\nقرارداد", "legal", 30),
]

CASES = [
    # kind, subject, body, service code or None, mobile, anonymous, days ago, final state
    ("complaint", "واریز نشدن سود سهام عدالت", "سود سهام عدالت سال گذشته به حساب من واریز نشده است. کد ملی و شبا را بارها اصلاح کرده‌ام.",
     "13021002000", "09121234567", False, 2, "new"),
    ("request", "اصلاح شماره شبا", "لطفاً شماره شبای ثبت‌شده برای سهام عدالت مادرم را اصلاح کنید؛ حساب قبلی بسته شده است.",
     "13021001000", "09351112233", False, 20, "answered"),
    ("suggestion", "پیامک اطلاع‌رسانی واریز سود", "پیشنهاد می‌کنم هنگام واریز سود سهام عدالت پیامک اطلاع‌رسانی فرستاده شود.",
     None, "09123334455", False, 5, "in_progress"),
    ("criticism", "طولانی بودن روند مزایده", "روند بازگشایی پاکت‌های مزایده بیش از حد طولانی است و اطلاع‌رسانی نتیجه دیر انجام می‌شود.",
     "13022001000", "", True, 30, "new"),
    ("complaint", "پاسخ ندادن به استعلام", "استعلام حقوقی ما درباره شرکت واگذارشده پس از یک ماه بی‌پاسخ مانده است.",
     "13023001000", "09187776655", False, 40, "in_progress"),
    ("request", "راهنمایی درباره سامانه", "چطور می‌توانم وضعیت پرونده خود را در سامانه ببینم؟", None, "09129998877", False, 1, "new"),
    ("complaint", "برخورد نامناسب در باجه", "کارمند باجه شماره ۳ با مراجعان برخورد مناسبی نداشت.", None, "09124445566", False, 15, "closed"),
]

CANNED = [
    ("justice-shares", "اصلاح اطلاعات انجام شد", "اطلاعات شما اصلاح شد. واریزهای بعدی به حساب جدید انجام می‌شود."),
    ("justice-shares", "نیاز به مدارک", "لطفاً تصویر کارت ملی و شماره شبای به نام مشمول را از همین صفحه پیوست کنید."),
    ("it", "ارجاع به واحد مسئول", "پیام شما به واحد مسئول ارجاع شد و پاسخ را با همین کد رهگیری خواهید دید."),
]


def load():
    units = {u.code: u for u in Unit.objects.all()}
    for name, keywords, unit, priority in RULES:
        RoutingRule.objects.update_or_create(
            name=name, defaults={"keywords": keywords, "unit": units[unit], "priority": priority}
        )
    for unit, title, body in CANNED:
        CannedAnswer.objects.update_or_create(unit=units[unit], title=title, defaults={"body": body})
    for kind, days in (("request", 10), ("complaint", 10), ("suggestion", 15), ("criticism", 15)):
        ResponseTime.objects.get_or_create(kind=kind, defaults={"working_days": days})
    if not Case.objects.exists():
        _cases()
    return []


def _cases():
    for kind, subject, body, code, mobile, anonymous, days_ago, state in CASES:
        case = services.submit_case(services.Submission(
            kind=kind, subject=subject, body=body, service=Service.objects.filter(code=code).first(),
            mobile=mobile, is_anonymous=anonymous, contact_name="" if anonymous else "شهروند نمونه",
        ))
        created = timezone.now() - datetime.timedelta(days=days_ago)
        due = add_working_days(timezone.localtime(created).date(), services.response_days(kind))
        Case.objects.filter(pk=case.pk).update(created_at=created, due_date=due)
        case.refresh_from_db()
        staff = User.objects.filter(unit=case.unit).first() or User.objects.filter(role="admin").first()
        if state in ("in_progress", "answered", "closed"):
            case = services.start(case, staff)
        if state in ("answered", "closed"):
            case = services.answer(case, staff, "درخواست شما بررسی و انجام شد. از همراهی شما سپاسگزاریم.")
        if state == "closed":
            services.close(case, staff)
