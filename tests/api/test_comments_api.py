"""The consultations JSON API (/api/v1/consultations/…): the web form's rules through JSON."""

import json
import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from mosharekat.consultations import services
from mosharekat.consultations.models import Comment
from mosharekat.core.models import Notification

pytestmark = pytest.mark.django_db
MOBILE = "09121234567"


def base(draft):
    return f"/api/v1/consultations/{draft.slug}"


def post(client, url, data, **extra):
    body = data if isinstance(data, str | bytes) else json.dumps(data)
    return client.post(url, body, content_type=extra.pop("content_type", "application/json"), **extra)


def error(response):
    """The error object, checking the stable format: status repeated, a code and an English message."""
    assert response["Content-Type"] == "application/json; charset=utf-8"
    found = response.json()["error"]
    assert found["status"] == response.status_code and found["code"] and found["message"].isascii()
    return found


def sms_code(mobile=MOBILE):
    return re.search(r"\d{6}", Notification.objects.filter(recipient=mobile).latest("id").body).group()


def test_a_draft_is_read_with_its_provisions_and_period(client, draft):
    response = client.get(base(draft))
    assert response.status_code == 200
    data = response.json()
    assert data["title"] == draft.title and data["state"] == "open" and data["is_open"] is True
    assert data["allow_anonymous"] is True and data["closes_at"].endswith("+03:30")
    assert [p["key"] for p in data["provisions"]] == ["a1", "a1-n1", "a2"]
    assert data["provisions"][1] == {"key": "a1-n1", "level": "note", "label": "تبصره ۱",
                                     "text": "مهلت ثبت‌نام ۳۰ روز است.", "parent": "a1"}
    assert data["comments_url"] == f"http://testserver{base(draft)}/comments"


def test_unknown_or_unpublished_drafts_are_404(client, draft):
    assert error(client.get("/api/v1/consultations/nothing-here"))["code"] == "not_found"
    draft.published_at = draft.closes_at = None
    draft.save()
    for response in (client.get(base(draft)), client.get(base(draft) + "/comments"),
                     post(client, base(draft) + "/comments", {"stance": "agree", "body": "موافقم"})):
        assert response.status_code == 404 and error(response)["code"] == "not_found"
    assert not Comment.objects.exists()


def test_anonymous_comment_on_one_provision_is_published_and_listed(client, draft):
    response = post(client, base(draft) + "/comments", {
        "provision": "a2", "stance": "amend", "body": "مهلت كم است.", "replacement_text": "مهلت ۶۰ روز است.",
        "display_name": "شهروند تهرانی"})
    assert response.status_code == 201
    created = response.json()
    comment = Comment.objects.get()
    assert created["id"] == comment.pk and created["provision"] == "a2" and created["provision_label"] == "ماده ۲"
    assert comment.provision.key == "a2" and comment.stance == "amend" and comment.mobile == ""
    assert comment.body == "مهلت کم است."  # Arabic kaf stored as Persian, as from the web form
    listed = client.get(base(draft) + "/comments").json()
    assert listed["comments"] == [created] and listed["next"] is None
    assert created["verified"] is False and created["replacement_text"] == "مهلت ۶۰ روز است."


def test_identified_comment_needs_the_sms_code_once(client, draft):
    response = post(client, base(draft) + "/codes", {"mobile": "۰۹۱۲۱۲۳۴۵۶۷"})
    assert response.status_code == 202 and response.json() == {"mobile": MOBILE, "expires_in_seconds": 600}
    code = sms_code()
    data = {"stance": "disagree", "body": "با کل پیش‌نویس مخالفم.", "mobile": MOBILE}
    wrong = post(client, base(draft) + "/comments", {**data, "code": "000000" if code != "000000" else "111111"})
    assert wrong.status_code == 422 and error(wrong)["code"] == "code_rejected" and error(wrong)["field"] == "code"
    persian_code = code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    response = post(client, base(draft) + "/comments", {**data, "code": persian_code})
    assert response.status_code == 201 and response.json()["verified"] is True
    assert response.json()["provision"] is None and MOBILE not in response.content.decode()
    assert Comment.objects.get().mobile == MOBILE
    again = post(client, base(draft) + "/comments", {**data, "code": code})
    assert again.status_code == 422 and error(again)["code"] == "code_rejected"
    missing = post(client, base(draft) + "/comments", data)
    assert missing.status_code == 422 and error(missing)["field"] == "code"
    assert Comment.objects.count() == 1


def test_a_draft_without_anonymity_asks_for_a_mobile(client, draft):
    draft.allow_anonymous = False
    draft.save()
    response = post(client, base(draft) + "/comments", {"stance": "agree", "body": "موافقم"})
    assert response.status_code == 422
    assert error(response)["code"] == "identity_required" and error(response)["field"] == "mobile"
    assert not Comment.objects.exists()


@pytest.mark.parametrize(("data", "code", "field"), [
    ({"stance": "amend", "body": "اصلاح شود"}, "missing_field", "replacement_text"),
    ({"stance": "maybe", "body": "نمی‌دانم"}, "invalid_field", "stance"),
    ({"stance": "agree", "body": "   "}, "missing_field", "body"),
    ({"stance": "agree"}, "missing_field", "body"),
    ({"stance": "agree", "body": "x" * 5001}, "invalid_field", "body"),
    ({"stance": "agree", "body": 12}, "invalid_field", "body"),
    ({"stance": "agree", "body": "موافقم", "provision": "a9"}, "invalid_field", "provision"),
    ({"stance": "agree", "body": "موافقم", "provision": 3}, "invalid_field", "provision"),
    ({"stance": "agree", "body": "موافقم", "mobile": "12345", "code": "1"}, "invalid_field", "mobile"),
    ({"stance": "agree", "body": "موافقم", "sentiment": "good"}, "unknown_field", "sentiment"),
])
def test_bad_fields_are_named_in_the_error(client, draft, data, code, field):
    response = post(client, base(draft) + "/comments", data)
    assert response.status_code == 422
    assert (error(response)["code"], error(response)["field"]) == (code, field)
    assert not Comment.objects.exists()


@pytest.mark.parametrize(("body", "content_type", "status", "code"), [
    ("{not json", "application/json", 400, "invalid_json"),
    ("[1, 2]", "application/json", 400, "invalid_json"),
    ("[" * 100_000 + "]" * 100_000, "application/json", 400, "invalid_json"),
    (b"\xff\xfe\x00", "application/json", 400, "invalid_json"),
    ("stance=agree&body=x", "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
])
def test_unreadable_bodies_get_a_clear_error(client, draft, body, content_type, status, code):
    response = post(client, base(draft) + "/comments", body, content_type=content_type)
    assert response.status_code == status and error(response)["code"] == code


def test_oversized_body_is_413(client, draft, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = post(client, base(draft) + "/comments", {"stance": "agree", "body": "x" * 2000})
    assert response.status_code == 413 and error(response)["code"] == "too_large"


def test_after_the_period_ends_comments_and_codes_are_refused_with_409(client, draft):
    with time_machine.travel(draft.closes_at + timedelta(seconds=1)):
        response = post(client, base(draft) + "/comments", {"stance": "agree", "body": "موافقم"})
        assert response.status_code == 409
        assert error(response)["code"] == "consultation_closed" and "ended" in error(response)["message"]
        assert post(client, base(draft) + "/codes", {"mobile": MOBILE}).status_code == 409
        assert client.get(base(draft)).json()["state"] == "closed"
    assert not Comment.objects.exists() and not Notification.objects.exists()


def test_a_comment_that_crosses_the_deadline_in_flight_is_409(client, draft, monkeypatch):
    """The view's own check passed, then the period ended before the comment was stored."""

    def closed_meanwhile(document, data, now=None):
        return real(document, data, now=draft.closes_at)

    real = services.submit_comment
    monkeypatch.setattr(services, "submit_comment", closed_meanwhile)
    response = post(client, base(draft) + "/comments", {"stance": "agree", "body": "موافقم"})
    assert response.status_code == 409 and error(response)["code"] == "consultation_closed"
    assert not Comment.objects.exists()


def test_comments_are_paged_oldest_first_without_gaps_or_repeats(client, draft):
    for n in range(5):
        services.submit_comment(draft, services.NewComment(stance="agree", body=f"نظر {n}"))
    url, seen = base(draft) + "/comments?limit=2", []
    while url:
        page = client.get(url).json()
        assert len(page["comments"]) <= 2
        seen += [c["body"] for c in page["comments"]]
        url = page["next"]
        # a comment arriving while a client pages through appears at the end, never shifts the pages
        if len(seen) == 2:
            services.submit_comment(draft, services.NewComment(stance="agree", body="نظر دیرهنگام"))
    assert seen == [f"نظر {n}" for n in range(5)] + ["نظر دیرهنگام"]
    only_a2 = client.get(base(draft) + "/comments?provision=a2").json()
    assert only_a2["comments"] == []


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "limit=abc", "after=-1", "after=" + "9" * 30])
def test_bad_paging_parameters_are_400(client, draft, query):
    response = client.get(base(draft) + "/comments?" + query)
    assert response.status_code == 400 and error(response)["code"] == "invalid_parameter"


def test_a_removed_comment_shows_that_and_why_but_not_its_text(client, draft, staff_a):
    comment = services.submit_comment(draft, services.NewComment(stance="disagree", body="متن توهین‌آمیز"))
    services.remove_comment(comment, staff_a, "توهین به اشخاص")
    (listed,) = client.get(base(draft) + "/comments").json()["comments"]
    assert listed["status"] == "removed" and listed["removal_reason"] == "توهین به اشخاص"
    assert listed["body"] is None and "توهین‌آمیز" not in json.dumps(listed, ensure_ascii=False)


def test_a_disposition_and_official_replies_are_shown_with_the_comment(client, draft, staff_a):
    comment = services.submit_comment(draft, services.NewComment(stance="disagree", body="مهلت کم است"))
    services.record_disposition(services.group_for(comment), staff_a, "accepted", "مهلت ۶۰ روز شد.")
    services.reply(comment, staff_a, "پیشنهاد شما در نسخه بعدی اعمال می‌شود.")
    (listed,) = client.get(base(draft) + "/comments").json()["comments"]
    assert listed["disposition"] == {"decision": "accepted", "reason": "مهلت ۶۰ روز شد."}
    (answer,) = listed["replies"]
    assert answer["official"] is True and answer["body"] == "پیشنهاد شما در نسخه بعدی اعمال می‌شود."


def test_commenting_is_rate_limited_per_address(client, draft, settings):
    settings.PARTICIPATION_COMMENT_RATE_PER_CLIENT = "2/m"
    for _n in range(2):
        assert post(client, base(draft) + "/comments", {"stance": "agree", "body": "موافقم"}).status_code == 201
    response = post(client, base(draft) + "/comments", {"stance": "agree", "body": "موافقم"})
    assert response.status_code == 429 and error(response)["code"] == "rate_limited"
    assert Comment.objects.count() == 2


def test_codes_to_one_number_are_limited_from_any_address(client, draft, settings):
    settings.PARTICIPATION_CODE_RATE_PER_MOBILE = "3/h"
    for n in range(3):
        response = post(client, base(draft) + "/codes", {"mobile": MOBILE}, REMOTE_ADDR=f"10.0.0.{n}")
        assert response.status_code == 202
    response = post(client, base(draft) + "/codes", {"mobile": MOBILE}, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 429 and "number" in error(response)["message"]
    assert Notification.objects.filter(recipient=MOBILE).count() == 3


def test_other_methods_are_405_with_allow(client, draft):
    response = client.delete(base(draft) + "/comments")
    assert response.status_code == 405 and response["Allow"] == "GET, POST"
    assert error(response)["code"] == "method_not_allowed"
    assert client.get(base(draft) + "/codes").status_code == 405


def test_answers_are_never_cached_and_need_no_csrf_token(draft):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = post(strict, base(draft) + "/comments", {"stance": "agree", "body": "موافقم"})
    assert response.status_code == 201 and "no-cache" in response["Cache-Control"]
    assert timezone.now() < draft.closes_at
