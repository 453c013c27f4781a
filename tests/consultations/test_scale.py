"""Under a flood of comments the public page shows one page of them and submitting stays constant work."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from mosharekat.consultations import services
from mosharekat.consultations.models import Comment


def flood(document, n):
    Comment.objects.bulk_create(Comment(document=document, stance="agree", body=f"نظر شماره {i}") for i in range(n))


def test_public_page_shows_one_page_of_comments_with_the_total(client, document):
    flood(document, 120)
    page = client.get(f"/consultations/{document.slug}/").content.decode()
    assert page.count('id="c-') == 50 and "نظرها (۱۲۰)" in page and "۱ از ۳" in page
    last = client.get(f"/consultations/{document.slug}/?page=3").content.decode()
    assert last.count('id="c-') == 20 and "نظر شماره 119" in last


def submit_queries(document):
    with CaptureQueriesContext(connection) as queries:
        services.submit_comment(document, services.NewComment(stance="agree", body="موافقم."))
    return len(queries)


def test_submitting_does_the_same_queries_with_many_comments(document):
    few = submit_queries(document)
    flood(document, 500)
    assert submit_queries(document) == few
