from mosharekat.core.models import Unit

from .models import Contact, Service, Topic

SERVICES = [
    {
        "code": "13021001000", "unit": "justice-shares", "email": "sahaam@ipo.example.ir",
        "title": "صدور و اصلاح برگه سهام عدالت",
        "description": "صدور برگه سهام عدالت برای مشمولان و اصلاح اطلاعات هویتی و حساب بانکی ثبت‌شده.",
        "required_documents": "تصویر کارت ملی\nشماره شبای حساب بانکی به نام مشمول",
        "steps": "ورود به سامانه سهام عدالت\nبررسی و اصلاح اطلاعات\nتأیید و دریافت کد پیگیری\nصدور برگه",
        "expected_duration": "۱۰ روز کاری", "fees": "رایگان",
        "legal_basis": "قانون اجرای سیاست‌های کلی اصل ۴۴ قانون اساسی، فصل ششم",
        "channels": ["web", "email", "phone", "in_person"],
    },
    {
        "code": "13021002000", "unit": "justice-shares", "email": "sood@ipo.example.ir",
        "title": "پرداخت سود سهام عدالت",
        "description": "پیگیری واریز سود سالانه سهام عدالت به حساب مشمولان.",
        "required_documents": "کد ملی\nشماره شبای حساب بانکی",
        "steps": "ثبت درخواست پیگیری\nبررسی سوابق واریز\nاعلام نتیجه",
        "expected_duration": "۵ روز کاری", "fees": "رایگان",
        "legal_basis": "دستورالعمل توزیع سود سهام عدالت", "channels": ["web", "sms", "phone"],
    },
    {
        "code": "13022001000", "unit": "share-sales", "email": "auction@ipo.example.ir",
        "title": "شرکت در مزایده واگذاری سهام",
        "description": "دریافت اسناد مزایده، ثبت پیشنهاد خرید و پیگیری نتیجه واگذاری سهام شرکت‌های دولتی.",
        "required_documents": "فرم پیشنهاد خرید\nضمانت‌نامه شرکت در مزایده\nمدارک هویتی یا ثبتی",
        "steps": "خرید اسناد مزایده\nتسلیم پیشنهاد\nبازگشایی پاکت‌ها\nاعلام برنده",
        "expected_duration": "بر اساس آگهی مزایده", "fees": "بهای اسناد مزایده طبق آگهی",
        "legal_basis": "آیین‌نامه اجرایی نحوه واگذاری سهام", "channels": ["web", "in_person", "email"],
    },
    {
        "code": "13023001000", "unit": "legal", "email": "legal@ipo.example.ir",
        "title": "پاسخ به استعلام‌های حقوقی واگذاری",
        "description": "پاسخ به استعلام خریداران و دستگاه‌ها درباره وضعیت حقوقی شرکت‌های واگذارشده.",
        "required_documents": "نامه استعلام\nمدارک مرتبط با موضوع",
        "steps": "ثبت استعلام\nبررسی کارشناسی\nپاسخ کتبی",
        "expected_duration": "۱۵ روز کاری", "fees": "رایگان",
        "legal_basis": "قانون اجرای سیاست‌های کلی اصل ۴۴", "channels": ["web", "email"],
    },
]

CONTACTS = [
    ("رئیس کل سازمان", "دکتر محمد امینی", "org", "021-66701234", "100", "president@ipo.example.ir"),
    ("معاون واگذاری", "حسین محمدی", "transfer", "021-66701240", "200", "transfer@ipo.example.ir"),
    ("مدیر کل امور حقوقی", "فاطمه حسینی", "legal", "021-66701250", "300", "legal@ipo.example.ir"),
    ("مدیر روابط عمومی", "رضا نوری", "pr", "021-66701260", "400", "pr@ipo.example.ir"),
    ("مدیر دفتر فناوری اطلاعات", "مریم احمدی", "it", "021-66701270", "500", "info@ipo.example.ir"),
]


def load():
    units = {u.code: u for u in Unit.objects.all()}
    for data in SERVICES:
        data = dict(data, unit=units[data["unit"]])
        Service.objects.update_or_create(code=data["code"], defaults=data)
    for order, (title, name, unit, phone, ext, email) in enumerate(CONTACTS):
        Contact.objects.update_or_create(
            title=title,
            defaults={"name": name, "unit": units[unit], "phone": phone, "extension": ext, "email": email,
                      "order": order},
        )
    Topic.objects.update_or_create(
        slug="justice-shares",
        defaults={"name": "طرح توزیع سهام عدالت", "unit": units["justice-shares"],
                  "description": "نظرات درباره طرح توزیع سهام عدالت",
                  "phone_line": "021-66701280", "sms_keyword": "سهام"},
    )
    return []
