"""The published moderation policy, removals that name its grounds, and limits on codes and comments."""

import pytest

from mosharekat.consultations.models import Comment
from mosharekat.core.models import Notification
from mosharekat.news.models import NewsComment, NewsItem
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def news_item(units):
    from django.utils import timezone

    return NewsItem.objects.create(slug="dividend", title="واریز سود", body="سود واریز می‌شود.", unit=units["root"],
                                   published_at=timezone.now())


def test_policy_page_protects_criticism_and_lists_the_grounds(client, document, news_item):
    page = client.get("/consultations/policy/").content.decode()
    assert "هیچ نظری به خاطر انتقادی، تند یا مخالف بودن حذف نمی‌شود" in page
    assert "توهین یا هرزه‌نگاری" in page and "اطلاعات شخصی دیگران" in page
    assert "این نظر حذف شد. دلیل: …" in page
    for url in (f"/consultations/{document.slug}/", "/news/dividend/"):
        assert 'href="/consultations/policy/"' in client.get(url).content.decode(), url


def test_removal_names_a_ground_of_the_policy(client, document, comment_on, staff_a):
    comment = comment_on(body="متن با ناسزا")
    client.login(username=staff_a.username, password=PASSWORD)
    url = f"/consultations/staff/{document.pk}/remove/{comment.pk}/"
    client.post(url, {"ground": "no-such-ground", "detail": "x"})
    assert Comment.objects.get().status == "published"
    client.post(url, {"ground": "insult", "detail": "ناسزا به یک مدیر"})
    public = client.get(f"/consultations/{document.slug}/").content.decode()
    assert "این نظر حذف شد. دلیل: بند ۱ سیاست انتشار نظرها: توهین یا هرزه‌نگاری — ناسزا به یک مدیر" in public
    assert "متن با ناسزا" not in public


def test_news_removal_names_a_ground(client, news_item, units):
    from mosharekat.core.models import Role
    from tests.factories import make_user

    pr = make_user("pr", units["root"], Role.PUBLIC_RELATIONS)
    comment = NewsComment.objects.create(item=news_item, stance="agree", body="آگهی فروش خودرو")
    client.login(username=pr.username, password=PASSWORD)
    client.post(f"/news/staff/comments/{comment.pk}/remove/", {"ground": "spam"})
    assert "دلیل: بند ۴ سیاست انتشار نظرها: تبلیغ یا مطلب نامربوط" in client.get("/news/dividend/").content.decode()


def test_code_requests_are_limited_per_mobile_and_keep_the_typed_comment(client, document, settings):
    settings.PARTICIPATION_CODE_RATE_PER_MOBILE = "2/h"
    url = f"/consultations/{document.slug}/code/"
    data = {"mobile": "۰۹۱۲۱۲۳۴۵۶۷", "stance": "disagree", "body": "هیئت داوری باید مستقل باشد."}
    assert client.post(url, data).status_code == 200
    assert client.post(url, data).status_code == 200
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 429 and "بیش از حد مجاز کد درخواست شده است" in page
    assert "هیئت داوری باید مستقل باشد." in page and 'value="۰۹۱۲۱۲۳۴۵۶۷"' in page
    assert Notification.objects.filter(recipient="09121234567").count() == 2
    # Another number from the same address still gets its code.
    assert client.post(url, {**data, "mobile": "09351234567"}).status_code == 200


def test_code_requests_are_limited_per_client_address(client, news_item, settings):
    settings.PARTICIPATION_CODE_RATE_PER_CLIENT = "2/h"
    for i in range(2):
        assert client.post("/news/dividend/code/", {"mobile": f"0912123456{i}"}).status_code == 200
    response = client.post("/news/dividend/code/", {"mobile": "09121234569", "body": "کی واریز می‌شود؟"})
    assert response.status_code == 429 and "کی واریز می‌شود؟" in response.content.decode()
    assert Notification.objects.count() == 2


def test_comments_are_limited_and_nothing_typed_is_lost(client, document, news_item, settings):
    settings.PARTICIPATION_COMMENT_RATE_PER_CLIENT = "2/10m"
    url = f"/consultations/{document.slug}/comment/"
    for i in range(2):
        assert client.post(url, {"stance": "agree", "body": f"موافقم {i}"}).status_code == 302
    response = client.post(url, {"stance": "amend", "body": "مهلت کم است.", "replacement_text": "مهلت ۶۰ روز است."})
    page = response.content.decode()
    assert response.status_code == 429 and "نظرهای زیادی فرستاده شده است" in page
    assert "مهلت کم است." in page and "مهلت ۶۰ روز است." in page
    assert Comment.objects.count() == 2
    response = client.post("/news/dividend/comment/", {"stance": "question", "body": "کی واریز می‌شود؟"})
    assert response.status_code == 429 and "کی واریز می‌شود؟" in response.content.decode()


def test_comments_are_limited_per_mobile(client, document, settings, monkeypatch):
    from mosharekat.consultations import services

    monkeypatch.setattr(services, "check_code", lambda mobile, code, now=None: True)
    settings.PARTICIPATION_COMMENT_RATE_PER_MOBILE = "1/h"
    url = f"/consultations/{document.slug}/comment/"
    data = {"stance": "agree", "body": "موافقم", "mobile": "09121234567", "code": "123456"}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data, REMOTE_ADDR="10.0.0.9").status_code == 429  # a new address does not help
    assert client.post(url, {"stance": "agree", "body": "موافقم"}).status_code == 302  # anonymous still can
