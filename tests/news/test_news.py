"""News comments, official replies and the public-relations summary report."""

import io
import re
import unicodedata

import pytest
from django.utils import timezone
from pypdf import PdfReader

from mosharekat.core.models import AuditEntry, Notification, Role
from mosharekat.news import services
from mosharekat.news.models import NewsComment, NewsItem, SummaryReport
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

LETTER = "سود سهام عدالت امسال کم است و باید دلیل کاهش آن به مردم گفته شود تا اعتماد از بین نرود."


def squash(text):
    text = unicodedata.normalize("NFKC", text).replace("ي", "ی").replace("ك", "ک")
    return re.sub(r"[\s\u200c\u200f\u200e]+", "", text)


@pytest.fixture
def item(units):
    return NewsItem.objects.create(slug="dividend", title="واریز سود سهام عدالت", body="سود واریز می‌شود.",
                                   unit=units["root"], published_at=timezone.now(), allow_anonymous=False)


@pytest.fixture
def pr_user(units):
    return make_user("pr", units["root"], Role.PUBLIC_RELATIONS)


def test_citizen_comments_with_code_and_pr_replies_officially(client, item, pr_user, staff_a):
    client.post("/news/dividend/code/", {"mobile": "09121234567"})
    code = re.search(r"\d{6}", Notification.objects.get().body).group()
    data = {"stance": "question", "body": "کی واریز می‌شود؟", "mobile": "09121234567", "code": "1"}
    assert client.post("/news/dividend/comment/", data).status_code == 400
    assert client.post("/news/dividend/comment/", {**data, "code": code}).status_code == 302
    comment = NewsComment.objects.get()
    client.login(username=staff_a.username, password=PASSWORD)
    assert client.post(f"/news/staff/comments/{comment.pk}/reply/", {"body": "x"}).status_code == 404
    client.login(username=pr_user.username, password=PASSWORD)
    client.post(f"/news/staff/comments/{comment.pk}/reply/", {"body": "هفته آینده واریز می‌شود."})
    page = client.get("/news/dividend/").content.decode()
    assert "پاسخ رسمی سازمان" in page and "هفته آینده واریز می‌شود." in page
    assert AuditEntry.objects.filter(action="news.reply").exists()


def test_anonymous_refused_when_not_allowed(item):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.submit_comment(item, services.NewComment(stance="agree", body="خوب"))


def test_jalali_month_range():
    start, end = services.jalali_month(1402, 12)
    assert (start.isoformat(), end.isoformat()) == ("2024-02-20", "2024-03-19")  # Esfand 1402 has 29 days


def test_summary_groups_duplicates_and_is_sent_as_pdf(client, item, pr_user):
    item.allow_anonymous = True
    item.save()
    for text in (LETTER, LETTER.replace("ی", "ي").replace("ک", "ك"), "علی: " + LETTER, "خبر خوبی بود، ممنون."):
        services.submit_comment(item, services.NewComment(stance="disagree", body=text))
    today = timezone.localdate()
    report = services.build_report(today, today)
    assert report["total"] == 4 and report["themes"][0]["size"] == 3 and report["duplicates"] == 3
    client.login(username=pr_user.username, password=PASSWORD)
    from mosharekat.core.calendar import jalali

    j = jalali(today)
    url = f"/news/staff/report/?year={j.year}&month={j.month}"
    assert "گزارش جمع‌بندی" in client.get(url).content.decode()
    client.post(url, {"authority": "شورای عالی اداری", "email": "office@example.ir"})
    record = SummaryReport.objects.get()
    assert record.authority == "شورای عالی اداری" and record.comment_count == 4
    note = Notification.objects.get(channel="email")  # the outbox keeps it; delivery is tested on its own
    assert note.recipient == "office@example.ir"
    attachment = note.attachments.get()
    pdf, mimetype = bytes(attachment.content), attachment.content_type
    assert mimetype == "application/pdf"
    text = squash("".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert squash("گزارش جمع‌بندی نظرهای شهروندان") in text
    assert "شورای عالی اداری" in client.get(url).content.decode()


def test_report_is_for_public_relations(client, staff_a):
    client.login(username=staff_a.username, password=PASSWORD)
    assert client.get("/news/staff/report/").status_code == 404


def test_demo(client, units):
    from mosharekat.news import demo

    demo.load()
    demo.load()
    assert NewsItem.objects.count() == 2
    assert "پاسخ رسمی سازمان" in client.get("/news/justice-shares-dividend/").content.decode()
