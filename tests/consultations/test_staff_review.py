"""The staff page of a draft with many comments: groups (largest first), 25 a page, filters, and a group's
own page for its members; the same work per page whatever the number of comments."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mosharekat.consultations import review, services
from mosharekat.consultations.models import Comment, CommentGroup
from mosharekat.core.models import AuditEntry
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def campaign(document, size, body="با تبصره یک مخالفم؛ مهلت اعتراض باید بیشتر شود.", stance="disagree"):
    """A group of ``size`` identical letters, as grouping leaves them."""
    group = CommentGroup.objects.create(document=document)
    Comment.objects.bulk_create(Comment(document=document, group=group, stance=stance, body=f"{body} ({i})")
                                for i in range(size))
    return group


def singles(document, n, stance="agree"):
    Comment.objects.bulk_create(Comment(document=document, stance=stance, body=f"نظر تکی شماره {i}")
                                for i in range(n))


def staff_page(client, document, query=""):
    return client.get(reverse("consultations:staff_document", args=[document.pk]) + query).content.decode()


def page_queries(client, document):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("consultations:staff_document", args=[document.pk])).status_code == 200
    return len(queries)


@pytest.fixture
def staff_client(client, staff_a):
    client.login(username=staff_a.username, password=PASSWORD)
    return client


def test_many_comments_render_one_bounded_page_of_groups(staff_client, document):
    campaign(document, 3)
    singles(document, 2)
    page_queries(staff_client, document)  # the first request also loads the session's one-off state
    few = page_queries(staff_client, document)
    big = campaign(document, 400, body="نامه بزرگ‌ترین کارزار درباره ماده ۲")
    for size in range(2, 32):
        campaign(document, size)
    singles(document, 200)
    assert page_queries(staff_client, document) == few
    page = staff_page(staff_client, document)
    assert page.count("<article") == review.GROUPS_PER_PAGE and page.count('name="reason"') == review.GROUPS_PER_PAGE
    first = re.search(r"<h3[^>]*>([^<]*)</h3>", page).group(1)
    assert first == f"گروه {big.pk}: ۴۰۰ نظر".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert "نامه بزرگ‌ترین کارزار" in page and "ثبت نتیجه برای گروه" in page
    # 32 groups and 202 comments in no group: 234 rows, 10 pages; the last holds 9 single comments.
    assert "(۲۳۴ ردیف)" in page and "۱ از ۱۰" in page
    last = staff_page(staff_client, document, "?page=10")
    assert last.count("<article") == 9 and last.count("نظر دسته‌بندی‌نشده") == 9
    assert last.count("انتشار پاسخ رسمی") == 9  # a single comment keeps its reply and removal forms


def test_filters_without_disposition_and_by_stance_and_provision(staff_client, document, staff_a):
    answered = campaign(document, 5, body="نامه پاسخ‌داده‌شده")
    services.record_disposition(answered, staff_a, "partly", "مهلت افزایش یافت.")
    campaign(document, 3, body="نامه بی‌پاسخ")
    article = document.draft_version().provisions.get(key="a2")
    Comment.objects.create(document=document, provision=article, stance="amend", body="اصلاحیه‌ای برای ماده دوم",
                           replacement_text="متن تازه")
    page = staff_page(staff_client, document)
    assert "نامه پاسخ‌داده‌شده" in page and "مهلت افزایش یافت." in page
    missing = staff_page(staff_client, document, "?show=missing")
    assert "نامه پاسخ‌داده‌شده" not in missing and "نامه بی‌پاسخ" in missing and "اصلاحیه‌ای برای ماده دوم" in missing
    amend = staff_page(staff_client, document, "?stance=amend")
    assert "اصلاحیه‌ای برای ماده دوم" in amend and "نامه بی‌پاسخ" not in amend
    by_article = staff_page(staff_client, document, f"?provision={article.pk}")
    assert "اصلاحیه‌ای برای ماده دوم" in by_article and "نامه بی‌پاسخ" not in by_article
    whole = staff_page(staff_client, document, "?provision=none&stance=nonsense")  # unknown values are ignored
    assert "نامه بی‌پاسخ" in whole and "اصلاحیه‌ای برای ماده دوم" not in whole


def test_removed_comments_are_listed_with_their_reason(staff_client, document, comment_on, staff_a):
    comment = comment_on(body="متن توهین‌آمیز")
    services.remove_comment(comment, staff_a, "توهین به اشخاص")
    assert "متن توهین‌آمیز" not in staff_page(staff_client, document)
    removed = staff_page(staff_client, document, "?show=removed")
    assert "متن توهین‌آمیز" in removed and "حذف‌شده: توهین به اشخاص" in removed
    assert "انتشار پاسخ رسمی" not in removed


def test_group_page_pages_its_members_and_answers_the_whole_group(staff_client, document, staff_a):
    group = campaign(document, 60)
    url = reverse("consultations:staff_group_comments", args=[document.pk, group.pk])
    page = staff_client.get(url).content.decode()
    assert "گروه" in page and "۶۰ نظر" in page and "۱ از ۲" in page
    assert page.count('id="c-') == review.COMMENTS_PER_PAGE and page.count("انتشار پاسخ رسمی") == 50
    assert page.count('name="reason"') == 1  # one disposition for the whole group
    assert staff_client.get(url + "?page=2").content.decode().count('id="c-') == 10
    member = group.comments.order_by("id").first()
    response = staff_client.post(reverse("consultations:staff_dispose", args=[document.pk, member.pk]),
                                 {"decision": "not_accepted", "reason": "مغایر قانون است.", "next": url + "?page=2"})
    assert response.url == url + "?page=2"  # back where staff were
    group.refresh_from_db()
    assert group.disposition.decision == "not_accepted"
    assert not services.undisposed_comments(document).exists()
    assert AuditEntry.objects.filter(action="consultation.disposition", actor=staff_a).count() == 1


def test_reply_and_removal_return_to_the_page_but_never_elsewhere(staff_client, document, comment_on):
    comment = comment_on(body="نظر برای پاسخ")
    home = reverse("consultations:staff_document", args=[document.pk])
    reply = reverse("consultations:staff_reply", args=[document.pk, comment.pk])
    response = staff_client.post(reply, {"body": "بررسی می‌شود.", "next": home + "?page=1&stance=disagree"})
    assert response.url == home + f"?page=1&stance=disagree#c-{comment.pk}"
    for elsewhere in ("https://example.com/", "//example.com/x", "/admin/"):
        response = staff_client.post(reply, {"body": "پاسخ دوم", "next": elsewhere})
        assert response.url == home + f"#c-{comment.pk}", elsewhere


def test_other_units_cannot_open_a_group_page(client, document, staff_b):
    group = campaign(document, 2)
    client.login(username=staff_b.username, password=PASSWORD)
    assert client.get(reverse("consultations:staff_group_comments", args=[document.pk, group.pk])).status_code == 404
