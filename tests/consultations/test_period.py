"""The comment period: computed from dates (Jalali months for bills), never a stored flag."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mosharekat.consultations import services
from mosharekat.consultations.models import Comment
from mosharekat.core.calendar import gregorian_from_jalali, jalali

pytestmark = pytest.mark.django_db


def j(y, m, d):
    return gregorian_from_jalali(y, m, d)


@pytest.mark.parametrize(("kind", "published", "last"), [
    ("bylaw", (1402, 12, 20), (1403, 1, 5)),        # 14 days across Nowruz (1402 Esfand has 29 days)
    ("circular", (1403, 6, 25), (1403, 7, 8)),      # 31-day Shahrivar into Mehr
    ("bill", (1403, 6, 31), (1403, 7, 30)),         # one month: 31 Shahrivar → 30 Mehr (clamped)
    ("bill", (1402, 11, 30), (1402, 12, 29)),       # 30 Bahman → 29 Esfand in a common year
    ("bill", (1403, 11, 30), (1403, 12, 30)),       # 1403 is a leap year: Esfand has 30 days
    ("bill", (1402, 12, 15), (1403, 1, 15)),        # across Nowruz into the new year
])
def test_last_comment_day(kind, published, last):
    assert services.last_comment_day(kind, j(*published)) == j(*last)


def test_period_days_override():
    assert services.last_comment_day("bill", j(1403, 1, 1), period_days=10) == j(1403, 1, 11)


def test_open_and_close_by_the_clock(document):
    closes = timezone.localtime(document.closes_at)
    assert closes.hour == 0 and closes.minute == 0
    last = jalali(closes - datetime.timedelta(seconds=1))
    published = jalali(document.published_at)
    assert (last.togregorian() - published.togregorian()).days == 14
    assert not document.is_open(document.published_at - datetime.timedelta(seconds=1))
    assert document.is_open(document.published_at)
    assert document.is_open(document.closes_at - datetime.timedelta(seconds=1))
    assert not document.is_open(document.closes_at)
    assert document.state(document.closes_at) == "closed"


def test_late_comment_is_refused_on_the_server(document, client):
    late = document.closes_at + datetime.timedelta(minutes=1)
    with pytest.raises(services.ConsultationClosed):
        services.submit_comment(document, services.NewComment(stance="agree", body="موافقم"), now=late)
    document.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    document.save()
    response = client.post(f"/consultations/{document.slug}/comment/", {"stance": "agree", "body": "موافقم"})
    assert response.status_code == 400
    assert "مهلت اظهار نظر درباره این پیش‌نویس به پایان رسیده است" in response.content.decode()
    assert Comment.objects.count() == 0


def test_issue_refused_before_the_end_and_while_comments_lack_disposition(document, comment_on, staff_a):
    comment = comment_on()
    with pytest.raises(ValidationError, match="هنوز تمام نشده"):
        services.issue(document, staff_a)
    after = document.closes_at + datetime.timedelta(hours=1)
    with pytest.raises(ValidationError, match="۱ نظر هنوز نتیجه بررسی ندارد"):
        services.issue(document, staff_a, now=after)
    services.record_disposition(services.group_for(comment), staff_a, "not_accepted", "مغایر قانون است.")
    services.issue(document, staff_a, now=after)
    document.refresh_from_db()
    assert document.issued_at == after and document.state(after) == "final"
    with pytest.raises(ValidationError):
        services.record_disposition(comment.group, staff_a, "accepted", "x")


def test_removed_comments_need_no_disposition_and_show_why(document, comment_on, staff_a, client):
    comment = comment_on(body="متن توهین‌آمیز")
    services.remove_comment(comment, staff_a, "توهین به اشخاص (بند ۲ سیاست انتشار)")
    assert not services.undisposed_comments(document).exists()
    page = client.get(f"/consultations/{document.slug}/").content.decode()
    assert "این نظر حذف شد" in page and "توهین به اشخاص" in page and "متن توهین‌آمیز" not in page
