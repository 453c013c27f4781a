"""A submission is stored as one unit (core.rows: one statement on PostgreSQL), also when a drawn code is
taken or the caller holds a transaction. (All or none when a row is refused: tests/api/test_idempotency.)"""

import pytest
from django.db import connection, transaction

from mosharekat.core.models import Notification
from mosharekat.desk import tracking
from mosharekat.desk.models import Case, Event


@pytest.mark.parametrize("in_transaction", [False, True])
def test_a_drawn_code_already_in_use_is_drawn_again(make_case, monkeypatch, in_transaction):
    taken = make_case().tracking_code
    fresh = tracking.new_code(anonymous=False)
    codes = iter([taken, fresh])
    monkeypatch.setattr(tracking, "new_code", lambda anonymous: next(codes))
    if in_transaction:
        with transaction.atomic():
            case = make_case(body="متن دوم")
    else:
        case = make_case(body="متن دوم")
    assert case.tracking_code == fresh and Case.objects.get(tracking_code=fresh).body == "متن دوم"
    assert list(Event.objects.filter(case=case).values_list("type", "data__to")) == [("submitted", case.unit.name)]
    assert Notification.objects.filter(recipient=case.mobile, body__contains=fresh).count() == 1
    assert Notification.objects.filter(body__contains=taken).count() == 1  # the first case's, not a second



def test_a_rewritten_form_and_its_resend_store_one_case_each(make_case):
    """The form reopened with Back and rewritten is a new case; sent again (a double tap), it gives back
    that case, not a third one; the first text sent again still gives back the first case."""
    token = "0b6f5c3e-2d1a-4c8e-9f7b-3a2e1d0c9b8a"
    first = make_case(token=token)
    rewritten = make_case(token=token, body="موضوع دیگری: پاسخ نامه قبلی من داده نشده است.")
    assert rewritten != first
    assert make_case(token=token, body="موضوع دیگری: پاسخ نامه قبلی من داده نشده است.") == rewritten
    assert make_case(token=token) == first
    assert Case.objects.count() == 2 and not Case.objects.filter(submission_token__isnull=True).exists()
    assert Notification.objects.filter(body__contains=rewritten.tracking_code).count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_submissions_reuse_one_prepared_statement_on_postgresql(make_case):
    """Parsing and planning the submission's five-table statement cost PostgreSQL more than running it:
    after a few submissions on a connection it is prepared once and then only executed."""
    cases = [make_case(body=f"درخواست شماره {n}") for n in range(7)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
                       ['WITH "r0" AS (INSERT INTO "desk_case"%'])
        assert cursor.fetchone()[0] == 1
    assert [c.body for c in Case.objects.filter(pk__in=[c.pk for c in cases]).order_by("pk")] == [
        f"درخواست شماره {n}" for n in range(7)]
