import datetime

import jdatetime

from mosharekat.core.calendar import add_working_days
from mosharekat.core.holidays import seed_fixed_holidays
from mosharekat.core.models import Holiday


def j(y, m, d):
    return jdatetime.date(y, m, d).togregorian()


def test_ten_working_days_skip_fridays(db, settings):
    settings.WEEKEND_DAYS = [4]
    start = j(1405, 8, 3)  # a Sunday
    assert start.weekday() == 6
    # Monday..Thursday, (Friday off), Saturday..Thursday: ten working days span eleven calendar days.
    assert add_working_days(start, 10) == start + datetime.timedelta(days=11)


def test_due_date_across_nowruz_skips_the_new_year_holidays(db, settings):
    settings.WEEKEND_DAYS = [3, 4]  # Thursday and Friday
    seed_fixed_holidays([1405])
    start = j(1404, 12, 25)  # submitted in the last days of Esfand 1404
    due = add_working_days(start, 10)
    days, current = [], start
    while current < due:
        current += datetime.timedelta(days=1)
        if current.weekday() not in (3, 4) and not Holiday.objects.filter(date=current).exists():
            days.append(current)
    assert len(days) == 10 and days[-1] == due
    for nowruz_day in range(1, 5):
        assert j(1405, 1, nowruz_day) not in days
    assert j(1405, 1, 13) not in days
    # Esfand 1404 has 29 days; with the holidays the answer is due in mid-Farvardin, not early.
    assert jdatetime.date.fromgregorian(date=due) >= jdatetime.date(1405, 1, 14)


def test_holiday_entered_by_an_administrator_moves_the_due_date(db, settings):
    settings.WEEKEND_DAYS = [4]
    start = j(1405, 8, 3)
    before = add_working_days(start, 1)
    Holiday.objects.create(date=before, name="تعطیلی اعلام‌شده")
    assert add_working_days(start, 1) == before + datetime.timedelta(days=1)
