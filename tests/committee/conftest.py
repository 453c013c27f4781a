import datetime

import pytest

from mosharekat.committee.models import Attendee, Committee, Meeting, Resolution
from mosharekat.core.calendar import gregorian_from_jalali

# Latin transliterations sit beside the Persian names so the PDF check has a script-neutral anchor too.
ATTENDEES = [
    (1, "داود خانی", "رییس کمیته", True),
    (2, "مهنوش مفتوح", "عضو کمیته", True),
    (3, "قدرت اله یحیائی", "عضو کمیته", True),
    (4, "Sara Example", "Guest expert", False),
]


@pytest.fixture
def committee(units):
    return Committee.objects.create(name="کمیته توسعه دولت الکترونیک و هوشمندسازی", unit=units["triage"])


@pytest.fixture
def meeting(committee, units):
    meeting = Meeting.objects.create(
        committee=committee, number=57, date=gregorian_from_jalali(1397, 12, 7),
        time_from=datetime.time(14), time_to=datetime.time(16), place="سالن جلسات طبقه ۶",
        topics="بررسی راهبرد مشارکت\nگزارش سامانه پیشنهادها", next_agenda="پیگیری اجرای مصوبه ۱۲",
        is_published=True,
    )
    for row, name, role, member in ATTENDEES:
        Attendee.objects.create(meeting=meeting, row=row, name=name, role=role, is_member=member)
    Resolution.objects.create(meeting=meeting, number=12, text="متن پیش‌نویس راهبرد مشارکت تصویب شد.",
                              responsible_unit=units["triage"], status="done", link_title="راهبرد مشارکت")
    return meeting
