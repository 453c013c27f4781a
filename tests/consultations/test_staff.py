"""The owning unit's staff pages: write a draft as articles/notes/paragraphs, edit it while unpublished,
publish it (with an optional period), revise it after the period, issue it; answer comments publicly."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from mosharekat.consultations import drafting, services, urls
from mosharekat.consultations.models import CommentGroup, DraftDocument
from mosharekat.core.models import AuditEntry
from tests.factories import PASSWORD

from .conftest import PROVISIONS

pytestmark = pytest.mark.django_db

TEXT = """ماده ۱ - سهام عدالت به مشمولان طرح واگذار می‌شود.
تبصره ۱ - مهلت ثبت‌نام ۳۰ روز است
و تمدید نمی‌شود.
بند الف) ثبت‌نام در درگاه سازمان انجام می‌شود.
ماده 2: هیئت داوری به اعتراض‌ها رسیدگی می‌کند."""


def login(client, user):
    client.login(username=user.username, password=PASSWORD)


def test_parse_reads_articles_notes_and_paragraphs():
    assert drafting.parse(TEXT) == [
        ("a1", "article", "ماده ۱", "سهام عدالت به مشمولان طرح واگذار می‌شود.", None),
        ("a1-n1", "note", "تبصره ۱", "مهلت ثبت‌نام ۳۰ روز است\nو تمدید نمی‌شود.", "a1"),
        ("a1-pالف", "paragraph", "بند الف", "ثبت‌نام در درگاه سازمان انجام می‌شود.", "a1"),
        ("a2", "article", "ماده ۲", "هیئت داوری به اعتراض‌ها رسیدگی می‌کند.", None),
    ]
    # A line that only mentions an article is part of the text, not a new provision.
    assert len(drafting.parse("ماده ۱ - متن\nماده ۵ قانون مدنی هم همین را می‌گوید.")) == 1


@pytest.mark.parametrize(("text", "message"), [
    ("", "دست‌کم یک ماده"),
    ("مقدمه\nماده ۱ - متن", "با یک ماده آغاز"),
    ("تبصره ۱ - متن", "زیر یک ماده"),
    ("ماده ۱ - متن\nماده ۱ - تکرار", "دو بار"),
    ("ماده ۱ -", "متن ندارد"),
])
def test_parse_explains_mistakes_in_persian(text, message):
    with pytest.raises(ValidationError) as raised:
        drafting.parse(text)
    assert message in " ".join(raised.value.messages)


def test_as_text_round_trips(document):
    assert drafting.parse(drafting.as_text(document.draft_version())) == PROVISIONS


def new_draft(client, units, **extra):
    data = {"kind": "bylaw", "title": "آیین‌نامه ثبت‌نام", "unit": units["a"].pk, "summary": "خلاصه",
            "allow_anonymous": "on", "slug": "", "text": TEXT, **extra}
    return client.post(reverse("consultations:staff_new"), data)


def test_staff_create_edit_and_publish_a_draft(client, units, staff_a):
    login(client, staff_a)
    response = new_draft(client, units)
    document = DraftDocument.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/consultations/staff/{document.pk}/"
    assert document.slug.startswith("bylaw-") and document.draft_version().provisions.count() == 4
    assert client.get(f"/consultations/{document.slug}/").status_code == 404  # not public yet

    edit = f"/consultations/staff/{document.pk}/edit/"
    assert "ماده ۲ - هیئت داوری" in client.get(edit).content.decode()
    client.post(edit, {"kind": "bill", "title": "لایحه ثبت‌نام", "unit": units["a"].pk, "slug": document.slug,
                       "text": TEXT + "\nماده ۳ - این لایحه از تاریخ تصویب اجرا می‌شود."})
    document.refresh_from_db()
    assert document.kind == "bill" and document.versions.count() == 1
    assert document.latest_version().provisions.get(key="a3").label == "ماده ۳"

    response = client.post(f"/consultations/staff/{document.pk}/publish/", {"period_days": "۲۱"}, follow=True)
    assert "برای لایحه کمتر از یک ماه" in response.content.decode()  # a bill is open a month at least
    document.refresh_from_db()
    assert document.published_at is None and document.period_days is None
    client.post(f"/consultations/staff/{document.pk}/publish/", {"period_days": "۴۵"})
    document.refresh_from_db()
    assert document.period_days == 45 and document.is_open(timezone.now())
    closes = services.closing_time("bill", document.published_at, 45)
    assert document.closes_at == closes
    assert client.get(f"/consultations/{document.slug}/").status_code == 200
    assert client.get(edit).status_code == 302  # published text is changed only by a revised version
    actions = set(AuditEntry.objects.filter(target_type="consultations.draftdocument").values_list("action", flat=True))
    assert {"consultation.create", "consultation.edit", "consultation.period", "consultation.publish"} <= actions


def test_publish_without_override_uses_the_default_period(client, units, staff_a):
    login(client, staff_a)
    new_draft(client, units)
    document = DraftDocument.objects.get()
    client.post(f"/consultations/staff/{document.pk}/publish/", {"period_days": ""})
    document.refresh_from_db()
    assert document.period_days is None
    assert document.closes_at == services.closing_time("bylaw", document.published_at)


def test_form_errors_keep_the_text_and_reject_reserved_addresses(client, units, staff_a):
    login(client, staff_a)
    response = new_draft(client, units, text="مقدمه بدون ماده", slug="policy")
    page = response.content.decode()
    assert response.status_code == 400 and "مقدمه بدون ماده" in page
    assert "با یک ماده آغاز شود" in page and "این نشانی در سامانه به کار رفته است" in page
    assert not DraftDocument.objects.exists()


def test_staff_cannot_create_for_another_unit(client, units, staff_a):
    login(client, staff_a)
    response = new_draft(client, units, unit=units["b"].pk)
    assert response.status_code == 400 and not DraftDocument.objects.exists()


def test_revise_after_the_period_then_issue(client, document, comment_on, staff_a):
    comment = comment_on()
    login(client, staff_a)
    base = f"/consultations/staff/{document.pk}/"
    revised = drafting.as_text(document.draft_version()).replace("۳۰ روز", "۶۰ روز")
    response = client.post(base + "revise/", {"text": revised, "note": "نسخه نهایی"})
    assert response.status_code == 400 and "پس از پایان مهلت" in response.content.decode()

    response = client.post(base + "issue/", follow=True)
    assert "مهلت اظهار نظر هنوز تمام نشده" in response.content.decode()

    document.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    document.save()
    client.post(base + "revise/", {"text": revised, "note": "نسخه نهایی"})
    assert document.versions.count() == 2
    assert "<ins" in client.get(f"/consultations/{document.slug}/diff/").content.decode()

    response = client.post(base + "issue/", follow=True)
    assert "۱ نظر هنوز نتیجه بررسی ندارد" in response.content.decode()
    services.record_disposition(services.group_for(comment), staff_a, "accepted", "مهلت ۶۰ روز شد.")
    response = client.post(base + "issue/", follow=True)
    document.refresh_from_db()
    assert document.issued_at and "سند ابلاغ‌شده ثبت شد" in response.content.decode()


def test_staff_list_shows_only_the_units_drafts(client, document, units, staff_a, staff_b):
    other = DraftDocument.objects.create(title="پیش‌نویس دستورالعمل حقوقی", slug="legal-1", kind="instruction",
                                         unit=units["b"])
    login(client, staff_a)
    page = client.get("/consultations/staff/").content.decode()
    assert document.title in page and "باز برای نظر" in page and other.title not in page
    login(client, staff_b)
    page = client.get("/consultations/staff/").content.decode()
    assert other.title in page and "منتشرنشده" in page and document.title not in page


def staff_urls(document, comment, group=None):
    """Every staff URL that names a draft, found from the URLconf so new ones are covered too."""
    for pattern in urls.urlpatterns:
        keys = set(pattern.pattern.converters)
        if "pk" in keys:
            kwargs = {"pk": document.pk, **({"comment_pk": comment.pk} if "comment_pk" in keys else {})}
            if "group_pk" in keys:
                kwargs["group_pk"] = group.pk
            yield reverse(f"consultations:{pattern.name}", kwargs=kwargs)


def test_other_units_get_404_on_every_staff_url(client, document, comment_on, staff_b):
    comment = comment_on()
    group = CommentGroup.objects.create(document=document)
    login(client, staff_b)
    found = list(staff_urls(document, comment, group))
    assert len(found) >= 11
    data = {"body": "x", "reason": "x", "decision": "accepted", "ground": "spam", "text": TEXT, "period_days": ""}
    for url in found:
        assert client.get(url).status_code in (404, 405), url  # 405: POST-only, the same for every draft
        assert client.post(url, data).status_code == 404, url
    comment.refresh_from_db()
    assert comment.status == "published" and not comment.replies.exists() and comment.group_id is None


def test_staff_reply_is_shown_publicly_as_the_official_answer(client, document, comment_on, staff_a):
    comment = comment_on(body="هیئت داوری باید مستقل باشد.")
    login(client, staff_a)
    client.post(f"/consultations/staff/{document.pk}/reply/{comment.pk}/", {"body": "استقلال هیئت تصریح می‌شود."})
    client.logout()
    page = client.get(f"/consultations/{document.slug}/").content.decode()
    assert "پاسخ رسمی سازمان" in page and "استقلال هیئت تصریح می‌شود." in page
    assert AuditEntry.objects.filter(action="consultation.reply", actor=staff_a).exists()


def test_a_removed_comment_gets_no_reply(document, comment_on, staff_a):
    comment = services.remove_comment(comment_on(), staff_a, "بند ۴")
    with pytest.raises(ValidationError):
        services.reply(comment, staff_a, "پاسخ")


def test_admin_lists_consultations_and_news(client, admin_user, document):
    admin_user.is_staff = admin_user.is_superuser = True  # as load_demo makes the administrator
    admin_user.save()
    login(client, admin_user)
    for url in ("/admin/consultations/draftdocument/", f"/admin/consultations/draftdocument/{document.pk}/change/",
                "/admin/consultations/comment/", "/admin/news/newsitem/", "/admin/news/newscomment/"):
        assert client.get(url).status_code == 200, url
