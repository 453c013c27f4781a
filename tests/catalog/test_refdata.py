"""Routing rules, response times, holidays and services are kept per process; every change is seen."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mosharekat.catalog import refdata, services
from mosharekat.core.calendar import add_working_days, local_today
from mosharekat.core.models import Holiday
from mosharekat.desk.models import ResponseTime, RoutingRule


def test_a_new_or_edited_rule_routes_the_next_case(units, make_case):
    assert make_case(body="وام ازدواج من پرداخت نشده").unit == units["triage"]
    rule = RoutingRule.objects.create(name="وام", keywords="وام ازدواج", unit=units["b"])
    assert make_case(body="وام ازدواج من پرداخت نشده").unit == units["b"]
    rule.unit = units["a"]
    rule.save()
    assert make_case(body="وام ازدواج من پرداخت نشده").unit == units["a"]
    rule.delete()
    assert make_case(body="وام ازدواج من پرداخت نشده").unit == units["triage"]


def test_response_times_and_new_holidays_change_the_next_due_date(units, make_case):
    ResponseTime.objects.create(kind="complaint", working_days=3)
    today = local_today()
    before = make_case().due_date
    assert before == add_working_days(today, 3, holidays=frozenset())
    Holiday.objects.create(date=add_working_days(today, 1, holidays=frozenset()), name="تعطیل")
    after = make_case().due_date
    assert after > before and after == add_working_days(today, 3)  # the latter reads holidays from the database


def test_submissions_read_reference_data_once_then_from_memory(units, make_case, settings):
    RoutingRule.objects.create(name="وام", keywords="وام ازدواج", unit=units["b"])
    make_case(body="وام ازدواج")
    with CaptureQueriesContext(connection) as queries:
        make_case(body="وام ازدواج")
    tables = " ".join(q["sql"] for q in queries.captured_queries)
    assert "desk_routingrule" not in tables and "core_holiday" not in tables and "desk_responsetime" not in tables


def test_a_change_made_by_another_process_is_seen(units, service_a, settings):
    settings.REFDATA_CHECK_SECONDS = 3600
    assert services.active_service(service_a.code).title == service_a.title
    type(service_a).objects.filter(pk=service_a.pk).update(title="عنوان تازه")  # as another process would, no signal
    assert services.active_service(service_a.code).title == service_a.title  # still this process's copy
    cache.set(refdata.VERSION_KEY, "bumped-elsewhere", None)  # what that process's save does
    settings.REFDATA_CHECK_SECONDS = 0  # (the version is next read after REFDATA_CHECK_SECONDS)
    assert services.active_service(service_a.code).title == "عنوان تازه"


def test_without_the_cache_everything_is_read_from_the_database(units, service_a, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(refdata.cache, "get", down)
    with CaptureQueriesContext(connection) as queries:
        assert services.active_service(service_a.code) == service_a
        assert services.active_service(service_a.code) == service_a
    assert len(queries.captured_queries) == 2


def test_unknown_or_inactive_codes_are_not_services(units, service_a):
    assert services.active_service("nope") is None and services.active_service("a\x00b") is None
    service_a.is_active = False
    service_a.save()
    assert services.active_service(service_a.code) is None
