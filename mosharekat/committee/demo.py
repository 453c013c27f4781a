"""The seed's committee meeting: the 57th meeting of the e-government development committee
(1397/12/07), whose resolution 12 approved the participation strategy."""

import datetime

from mosharekat.core.calendar import gregorian_from_jalali
from mosharekat.core.models import Unit

from .models import Attendee, Committee, Meeting, Resolution

COMMITTEE = "کمیته توسعه دولت الکترونیک و هوشمندسازی"

ATTENDEES = [
    # row, name, role — as in the attached form
    (1, "داود خانی", "رییس کمیته"),
    (2, "مهنوش مفتوح", "عضو کمیته"),
    (3, "قدرت اله یحیائی", "عضو کمیته"),
    (4, "سید جعفر سبحانی", "عضو کمیته"),
    (5, "مهدی طریحی", "دبیر کمیته"),
    (6, "عباس رودنشین", "عضو کمیته"),
    (7, "محمد کنعانی", "عضو کمیته"),
    (8, "زینب قاندرحمتی", "عضو کمیته"),
]

RESOLUTION_12 = 'متن پیش‌نویس «راهبردهای مشارکت شهروندان در تصمیمات و فرآیندهای اداری سازمان» به تصویب این کمیته رسید.'


def load():
    it = Unit.objects.filter(code="it").first()
    committee, _ = Committee.objects.update_or_create(name=COMMITTEE, defaults={"unit": it})
    meeting, _ = Meeting.objects.update_or_create(
        committee=committee, number=57,
        defaults={
            "date": gregorian_from_jalali(1397, 12, 7),
            "time_from": datetime.time(14, 0),
            "time_to": datetime.time(16, 0),
            "place": "سازمان خصوصی‌سازی - سالن جلسات طبقه ۶",
            "topics": "بررسی پیش‌نویس راهبردهای مشارکت شهروندان در تصمیمات و فرآیندهای اداری سازمان (ماده ۹ مصوبه حقوق شهروندی در نظام اداری)",
            "next_agenda": "",
            "is_published": True,
        },
    )
    for row, name, role in ATTENDEES:
        Attendee.objects.update_or_create(meeting=meeting, row=row, is_member=True,
                                          defaults={"name": name, "role": role})
    Resolution.objects.update_or_create(
        meeting=meeting, number=12,
        defaults={
            "text": RESOLUTION_12,
            "responsible_unit": it,
            "deadline": gregorian_from_jalali(1397, 12, 13),
            "status": Resolution.Status.DONE,
            "link_title": "راهبرد مشارکت (مصوب ۱۳۹۷/۱۲/۱۳، شماره ۳۳۵۲۹)",
        },
    )
    return []  # no logins: staff edit the minutes in the admin
