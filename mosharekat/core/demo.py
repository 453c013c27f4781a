"""Demo organization: a unit tree modelled on the Privatization Organization, and one login per role."""

import jdatetime

from .holidays import seed_fixed_holidays
from .models import Role, Unit, User

PASSWORD = "mosharekat-demo"  # noqa: S105  demo logins, printed by load_demo

UNITS = [
    # code, name, parent code, is_triage
    ("org", "سازمان خصوصی‌سازی", None, False),
    ("it", "دفتر فناوری اطلاعات", "org", True),
    ("transfer", "معاونت واگذاری", "org", False),
    ("justice-shares", "اداره سهام عدالت", "transfer", False),
    ("share-sales", "اداره فروش سهام", "transfer", False),
    ("legal", "اداره کل امور حقوقی", "org", False),
    ("pr", "اداره روابط عمومی و همکاری‌های بین‌الملل", "org", False),
    ("inspection", "دفتر بازرسی، ارزیابی عملکرد و پاسخ‌گویی به شکایات", "org", False),
]

USERS = [
    # username, first, last, role, unit code
    ("admin", "مدیر", "سامانه", Role.ADMIN, "org"),
    ("triage", "مریم", "احمدی", Role.TRIAGE, "it"),
    ("sahaam", "علی", "رضایی", Role.STAFF, "justice-shares"),
    ("foroosh", "زهرا", "کریمی", Role.STAFF, "share-sales"),
    ("moaven", "حسین", "محمدی", Role.MANAGER, "transfer"),
    ("legal", "فاطمه", "حسینی", Role.STAFF, "legal"),
    ("pr", "رضا", "نوری", Role.PUBLIC_RELATIONS, "pr"),
]


def load():
    units = {}
    for code, name, parent, triage in UNITS:
        units[code], _ = Unit.objects.update_or_create(
            code=code, defaults={"name": name, "parent": units.get(parent), "is_triage": triage}
        )
    logins = []
    for username, first, last, role, unit in USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "role": role, "unit": units[unit]},
        )
        if created:
            user.is_staff = user.is_superuser = role == Role.ADMIN
            user.set_password(PASSWORD)
            user.save()
        logins.append((username, PASSWORD, user.get_role_display(), units[unit].name))
    year = jdatetime.date.today().year
    seed_fixed_holidays(range(year - 1, year + 3))
    return logins
