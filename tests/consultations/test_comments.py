"""Commenting with a one-time SMS code, anonymity, amendments, grouping and dispositions."""

import re

import pytest
from django.core.exceptions import ValidationError

from mosharekat.consultations import grouping, services
from mosharekat.consultations.models import Comment
from mosharekat.core.models import AuditEntry, Notification
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_citizen_comments_on_an_article_with_an_sms_code(client, document):
    article = document.draft_version().provisions.get(key="a2")
    url = f"/consultations/{document.slug}/"
    client.post(url + "code/", {"mobile": "۰۹۱۲۱۲۳۴۵۶۷"})
    sms = Notification.objects.get(recipient="09121234567")
    code = re.search(r"\d{6}", sms.body).group()
    data = {"provision": article.pk, "stance": "amend", "body": "مهلت کم است.", "replacement_text": "مهلت ۶۰ روز است.",
            "mobile": "09121234567", "code": "000000" if code != "000000" else "111111"}
    assert client.post(url + "comment/", data).status_code == 400
    response = client.post(url + "comment/", {**data, "code": code})
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.provision == article and comment.mobile == "09121234567" and comment.stance == "amend"
    assert client.post(url + "comment/", {**data, "code": code}).status_code == 400  # one-time
    assert "مهلت ۶۰ روز است." in client.get(url).content.decode()


def test_anonymous_only_when_the_owner_allows(document):
    services.submit_comment(document, services.NewComment(stance="agree", body="موافقم"))
    document.allow_anonymous = False
    with pytest.raises(ValidationError):
        services.submit_comment(document, services.NewComment(stance="agree", body="موافقم"))


def test_amendment_needs_replacement_text(document):
    with pytest.raises(ValidationError):
        services.submit_comment(document, services.NewComment(stance="amend", body="اصلاح شود"))


LETTER = "اینجانب با ماده ۳ این آیین‌نامه مخالفم زیرا حقوق سهامداران خرد را نادیده می‌گیرد و مهلت ۳۰ روزه کافی نیست."


def test_grouping_near_duplicates_with_different_letters_and_digits():
    texts = [
        LETTER,
        LETTER.replace("ی", "ي").replace("ک", "ك").replace("۳", "3").replace("\u200c", " "),
        "علی رضایی: " + LETTER.replace("۳۰", "٣٠").replace("مخالفم", "مُخالفم"),
        LETTER.replace("کافی نیست", "کافي نيست").replace("سهامداران", "سهامدارن"),
        "هیئت داوری باید مستقل باشد و اعضای آن از میان کارشناسان بی‌طرف انتخاب شوند تا به اعتراض‌ها رسیدگی کنند.",
        "موافقم",
        "موافقم.",
    ]
    labels = grouping.group(texts)
    assert labels[:4] == [0, 0, 0, 0]
    assert labels[4] == 4 and labels[5] == labels[6] == 5


def test_pairwise_f1():
    assert grouping.pairwise_f1([0, 0, 1], ["a", "a", "b"]) == 1.0
    assert grouping.pairwise_f1([0, 0, 0], ["a", "a", "b"]) == pytest.approx(0.5)


def test_one_disposition_serves_the_group(document, comment_on, staff_a):
    a = comment_on(body=LETTER)
    b = comment_on(body=LETTER.replace("ی", "ي"))
    other = comment_on(body="با ماده ۱ موافقم چون روشن است و ابهامی ندارد و اجرای آن ساده است.", stance="agree")
    assert services.group_comments(document, staff_a) == 2
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.group_id == b.group_id
    services.record_disposition(a.group, staff_a, "partly", "مهلت به ۴۵ روز افزایش یافت.")
    assert list(services.undisposed_comments(document)) == [other]
    services.group_comments(document, staff_a)  # regrouping keeps answered groups
    b.refresh_from_db()
    assert b.group.disposition.decision == "partly"
    assert AuditEntry.objects.filter(action="consultation.disposition").count() == 1


def test_staff_pages_are_for_the_owning_unit(client, document, comment_on, staff_a, staff_b):
    comment = comment_on()
    base = f"/consultations/staff/{document.pk}/"
    client.login(username=staff_b.username, password=PASSWORD)
    assert client.get(base).status_code == 404
    assert client.post(base + f"dispose/{comment.pk}/", {"decision": "accepted", "reason": "x"}).status_code == 404
    client.login(username=staff_a.username, password=PASSWORD)
    page = client.get(base).content.decode()
    assert comment.body in page and "باز برای نظر" in page
    client.post(base + f"dispose/{comment.pk}/", {"decision": "accepted", "reason": "اعمال شد"})
    comment.refresh_from_db()
    assert comment.group.disposition.decision == "accepted"
    assert client.get(base + "comments.xlsx").status_code == 200


def test_comment_export_has_stance_group_disposition_and_replies(client, document, comment_on, staff_a):
    from io import BytesIO

    from openpyxl import load_workbook

    comment = comment_on(stance="disagree")
    hidden = comment_on(body="متن توهین‌آمیز برای آزمون حذف نظر در خروجی.")
    services.remove_comment(hidden, staff_a, "توهین")
    services.reply(comment, staff_a, "این پیشنهاد در نسخه بعد بررسی می‌شود.")
    services.record_disposition(services.group_for(comment), staff_a, "accepted", "اعمال شد")
    client.login(username=staff_a.username, password=PASSWORD)
    url = f"/consultations/staff/{document.pk}/comments.xlsx"

    rows = list(load_workbook(BytesIO(client.get(url).content)).active.iter_rows(values_only=True))
    assert len(rows) == 2  # header + the published comment; hidden ones only when asked for
    header, row = rows
    record = dict(zip(header, row, strict=True))
    assert record["متن"] == comment.body and record["موضع"] == "مخالف"
    assert record["نتیجه بررسی"] == "پذیرفته شد" and record["دلیل"] == "اعمال شد"
    assert record["پاسخ رسمی"] == "این پیشنهاد در نسخه بعد بررسی می‌شود."

    rows = list(load_workbook(BytesIO(client.get(url + "?hidden=1").content)).active.iter_rows(values_only=True))
    assert any(str(r[-2]).startswith("حذف‌شده: ") for r in rows[1:])
