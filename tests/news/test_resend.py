"""A citizen's comment on a news item sent twice (a double tap, a resend after a timeout) is stored once."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from mosharekat.core.models import Notification
from mosharekat.news import services
from mosharekat.news.models import NewsComment, NewsItem
from tests.concurrency import at_once

pytestmark = pytest.mark.django_db

THANKS = "نظر شما ثبت و منتشر شد"  # the success message the first post shows
URL = "/news/dividend/comment/"


@pytest.fixture
def item(units):
    return NewsItem.objects.create(slug="dividend", title="واریز سود سهام عدالت", body="سود واریز می‌شود.",
                                   unit=units["root"], published_at=timezone.now(), allow_anonymous=True)


def form_token(client):
    page = client.get("/news/dividend/").content.decode()
    return re.search(r'name="token" value="([0-9a-f-]{36})"', page).group(1)


def comment_data(token, **extra):
    return {"stance": "question", "body": "سود امسال کی واریز می‌شود؟", "token": token, **extra}


def sms_code(client, mobile="09121234567"):
    client.post("/news/dividend/code/", {"mobile": mobile})
    return re.search(r"\d{6}", Notification.objects.filter(recipient=mobile).latest("id").body).group()


def test_a_comment_sent_again_after_a_lost_answer_is_stored_once(client, item):
    data = comment_data(form_token(client))
    first = client.post(URL, data)
    # The answer never reached the phone: the browser sends the same form again.
    again = Client().post(URL, data, follow=True)
    assert first.status_code == 302 and again.redirect_chain == [(first["Location"], 302)]
    assert THANKS in again.content.decode()
    assert NewsComment.objects.count() == 1


def test_a_resent_comment_with_its_spent_sms_code_gets_the_same_answer(client, item):
    data = comment_data(form_token(client), mobile="09121234567", display_name="مریم")
    data["code"] = sms_code(client)
    assert client.post(URL, data).status_code == 302
    again = client.post(URL, data, follow=True)
    assert again.redirect_chain[-1][1] == 302 and THANKS in again.content.decode()
    assert NewsComment.objects.get().mobile == "09121234567"


def test_a_rewritten_form_under_the_same_token_is_a_new_comment(client, item):
    token = form_token(client)
    client.post(URL, comment_data(token))
    client.post(URL, comment_data(token, body="مبلغ سود هر سهم چقدر است؟"))
    assert NewsComment.objects.count() == 2


def test_the_rewritten_form_sent_again_gives_back_the_rewritten_comment(client, item):
    token = form_token(client)
    client.post(URL, comment_data(token))
    rewritten = comment_data(token, body="مبلغ سود هر سهم چقدر است؟")
    assert client.post(URL, rewritten).status_code == 302
    # A double tap on the rewritten form (or its resend after a lost answer): the same answer, no third comment.
    again = Client().post(URL, rewritten, follow=True)
    assert THANKS in again.content.decode()
    assert sorted(NewsComment.objects.values_list("body", flat=True)) == sorted(
        [comment_data(token)["body"], rewritten["body"]])
    assert NewsComment.objects.filter(submission_token__isnull=True).count() == 0


def test_a_resend_past_the_comment_limit_gets_the_same_answer(client, item, settings):
    settings.PARTICIPATION_COMMENT_RATE_PER_CLIENT = "1/10m"
    data = comment_data(form_token(client))
    assert client.post(URL, data).status_code == 302
    again = client.post(URL, data, follow=True)
    assert again.redirect_chain[-1][1] == 302 and THANKS in again.content.decode()
    assert NewsComment.objects.count() == 1
    # The limit still holds for a comment that is not a resend.
    other = client.post(URL, comment_data(form_token(client), body="مبلغ سود هر سهم چقدر است؟"))
    assert other.status_code == 429 and NewsComment.objects.count() == 1


def test_the_form_keeps_its_token_when_the_page_returns_after_asking_for_a_code(client, item):
    token = form_token(client)
    page = client.post("/news/dividend/code/", comment_data(token, mobile="09121234567"))
    assert f'name="token" value="{token}"' in page.content.decode()


def test_each_form_gets_its_own_token(client, item):
    assert form_token(client) != form_token(client)


def test_two_posts_of_one_form_at_the_same_moment_store_one_comment(client, item, monkeypatch):
    """The second post looks before the first has stored its comment; the unique token then answers."""
    data = comment_data(form_token(client))
    assert client.post(URL, data).status_code == 302
    real, looked = services.resent, []

    def blind_first_look(*args):
        looked.append(args)
        return None if len(looked) == 1 else real(*args)

    monkeypatch.setattr(services, "resent", blind_first_look)
    assert client.post(URL, data).status_code == 302
    assert NewsComment.objects.count() == 1 and len(looked) == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers (PostgreSQL)")
@pytest.mark.parametrize("with_code", [False, True], ids=["anonymous", "sms-code"])
def test_concurrent_posts_of_one_form_store_one_comment(item, with_code):
    setup = Client()
    data = comment_data(form_token(setup))
    if with_code:
        data.update(mobile="09121234567", code=sms_code(setup))
    statuses = [response.status_code for response in at_once(lambda: Client().post(URL, data), 6)]
    assert statuses == [302] * 6
    assert NewsComment.objects.count() == 1
