"""Demo oversight bodies (the organization's inspection office and the national inspection
organization) and one officer login for both."""

from mosharekat.core.demo import PASSWORD
from mosharekat.core.models import Role, Unit, User

from .models import OversightBody

BODIES = [
    # name, kind, e-mail, retention days, description
    ("دفتر بازرسی سازمان", OversightBody.Kind.INTERNAL, "bazrasi@ipo.ir", 730,
     "دفتر بازرسی، ارزیابی عملکرد و پاسخ‌گویی به شکایات سازمان خصوصی‌سازی؛ به تخلفات اداری کارکنان و واحدهای سازمان رسیدگی می‌کند."),
    ("سازمان بازرسی کل کشور", OversightBody.Kind.EXTERNAL, "info@bazresi.ir", 1095,
     "نهاد نظارتی بیرونی زیر نظر قوه قضاییه؛ گزارش به‌صورت رمزنگاری‌شده به نشانی رایانامه این سازمان فرستاده می‌شود."),
]


def load():
    unit = Unit.objects.filter(code="inspection").first()
    officer, created = User.objects.get_or_create(
        username="bazras", defaults={"first_name": "نرگس", "last_name": "بازرس", "role": Role.OVERSIGHT, "unit": unit},
    )
    if created:
        officer.set_password(PASSWORD)
        officer.save()
    for name, kind, email, days, description in BODIES:
        body, _ = OversightBody.objects.update_or_create(
            name=name, defaults={"kind": kind, "email": email, "retention_days": days, "description": description},
        )
        body.officers.add(officer)
    return [("bazras", PASSWORD, officer.get_role_display(), unit.name if unit else "دفتر بازرسی سازمان")]
