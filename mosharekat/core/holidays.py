"""Iran's official holidays that fall on fixed Jalali dates; lunar holidays move every year and are
entered by administrators (admin → holidays)."""

import jdatetime

from .models import Holiday

FIXED = [
    (1, 1, "نوروز"), (1, 2, "نوروز"), (1, 3, "نوروز"), (1, 4, "نوروز"),
    (1, 12, "روز جمهوری اسلامی"), (1, 13, "روز طبیعت"),
    (3, 14, "رحلت امام خمینی"), (3, 15, "قیام ۱۵ خرداد"),
    (11, 22, "پیروزی انقلاب اسلامی"), (12, 29, "ملی شدن صنعت نفت"),
]


def seed_fixed_holidays(jalali_years) -> int:
    created = 0
    for year in jalali_years:
        for month, day, name in FIXED:
            date = jdatetime.date(year, month, day).togregorian()
            created += Holiday.objects.get_or_create(date=date, defaults={"name": name})[1]
    return created
