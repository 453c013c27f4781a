"""A citizen's comment form sent twice (a double tap, a resend after a timeout) stores one comment."""

import re

import pytest
from django.db import connection
from django.test import Client

from mosharekat.consultations import services
from mosharekat.consultations.models import Comment
from mosharekat.core.models import Notification
from tests.concurrency import at_once

pytestmark = pytest.mark.django_db

THANKS = "نظر شما ثبت و منتشر شد"  # the success message the first post shows


def form_token(client, document):
    page = client.get(f"/consultations/{document.slug}/").content.decode()
    return re.search(r'name="token" value="([0-9a-f-]{36})"', page).group(1)


def comment_data(token, **extra):
    return {"stance": "disagree", "body": "مهلت سی روزه برای ثبت‌نام کافی نیست.", "token": token, **extra}


def sms_code(client, document, mobile="09121234567"):
    client.post(f"/consultations/{document.slug}/code/", {"mobile": mobile})
    return re.search(r"\d{6}", Notification.objects.filter(recipient=mobile).latest("id").body).group()


def test_a_comment_sent_again_after_a_lost_answer_is_stored_once(client, document):
    url = f"/consultations/{document.slug}/comment/"
    data = comment_data(form_token(client, document))
    first = client.post(url, data)
    # The answer never reached the phone: the browser sends the same form again.
    again = Client().post(url, data, follow=True)
    assert first.status_code == 302 and again.redirect_chain == [(first["Location"], 302)]
    assert THANKS in again.content.decode()
    assert Comment.objects.count() == 1


def test_a_resent_comment_with_its_spent_sms_code_gets_the_same_answer(client, document):
    url = f"/consultations/{document.slug}/comment/"
    token = form_token(client, document)
    code = sms_code(client, document)
    data = comment_data(token, mobile="09121234567", code=code, display_name="مریم")
    assert client.post(url, data).status_code == 302
    again = client.post(url, data, follow=True)
    assert again.redirect_chain[-1][1] == 302 and THANKS in again.content.decode()
    assert "کد نادرست" not in again.content.decode()
    assert Comment.objects.get().mobile == "09121234567"


def test_a_rewritten_form_under_the_same_token_is_a_new_comment(client, document):
    url = f"/consultations/{document.slug}/comment/"
    token = form_token(client, document)
    client.post(url, comment_data(token))
    client.post(url, comment_data(token, body="هیئت داوری باید مستقل از سازمان باشد."))
    assert Comment.objects.count() == 2


def test_the_rewritten_form_sent_again_gives_back_the_rewritten_comment(client, document):
    url = f"/consultations/{document.slug}/comment/"
    token = form_token(client, document)
    client.post(url, comment_data(token))
    rewritten = comment_data(token, body="هیئت داوری باید مستقل از سازمان باشد.")
    assert client.post(url, rewritten).status_code == 302
    # A double tap on the rewritten form (or its resend after a lost answer): the same answer, no third comment.
    again = Client().post(url, rewritten, follow=True)
    assert THANKS in again.content.decode()
    assert sorted(Comment.objects.values_list("body", flat=True)) == sorted(
        [comment_data(token)["body"], rewritten["body"]])
    assert Comment.objects.filter(submission_token__isnull=True).count() == 0


def test_a_resend_past_the_comment_limit_gets_the_same_answer(client, document, settings):
    settings.PARTICIPATION_COMMENT_RATE_PER_CLIENT = "1/10m"
    url = f"/consultations/{document.slug}/comment/"
    data = comment_data(form_token(client, document))
    assert client.post(url, data).status_code == 302
    again = client.post(url, data, follow=True)
    assert again.redirect_chain[-1][1] == 302 and THANKS in again.content.decode()
    assert Comment.objects.count() == 1
    # The limit still holds for a comment that is not a resend.
    other = client.post(url, comment_data(form_token(client, document), body="متن تازه‌ای است."))
    assert other.status_code == 429 and Comment.objects.count() == 1


def test_the_same_token_on_another_draft_is_not_taken_for_a_resend(document, comment_on):
    from mosharekat.consultations.models import DraftDocument

    other = DraftDocument.objects.create(title="پیش‌نویس دیگر", slug="bylaw-2", kind="bylaw", unit=document.unit,
                                         allow_anonymous=True)
    services.add_version(other, [("a1", "article", "ماده ۱", "متن.", None)])
    services.publish(other, now=document.published_at)
    token = "6f1c1d4e-8a7b-4c1e-9a55-0d3c2b1a9f00"
    first = comment_on(body="موافقم.", stance="agree", token=token)
    second = services.submit_comment(other, services.NewComment(stance="agree", body="موافقم.", token=token))
    assert first.document == document and second.document == other


def test_the_form_keeps_its_token_when_the_page_returns_after_asking_for_a_code(client, document):
    token = form_token(client, document)
    page = client.post(f"/consultations/{document.slug}/code/", comment_data(token, mobile="09121234567"))
    assert f'name="token" value="{token}"' in page.content.decode()


def test_each_form_gets_its_own_token(client, document):
    assert form_token(client, document) != form_token(client, document)


def test_two_posts_of_one_form_at_the_same_moment_store_one_comment(client, document, monkeypatch):
    """The second post looks before the first has stored its comment; the unique token then answers."""
    url = f"/consultations/{document.slug}/comment/"
    data = comment_data(form_token(client, document))
    assert client.post(url, data).status_code == 302
    real, looked = services.resent, []

    def blind_first_look(*args):
        looked.append(args)
        return None if len(looked) == 1 else real(*args)

    monkeypatch.setattr(services, "resent", blind_first_look)
    assert client.post(url, data).status_code == 302
    assert Comment.objects.count() == 1 and len(looked) == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers (PostgreSQL)")
@pytest.mark.parametrize("with_code", [False, True], ids=["anonymous", "sms-code"])
def test_concurrent_posts_of_one_form_store_one_comment(document, with_code):
    setup = Client()
    data = comment_data(form_token(setup, document))
    if with_code:
        data.update(mobile="09121234567", code=sms_code(setup, document))
    url = f"/consultations/{document.slug}/comment/"
    statuses = [response.status_code for response in at_once(lambda: Client().post(url, data), 6)]
    assert statuses == [302] * 6
    assert Comment.objects.count() == 1
