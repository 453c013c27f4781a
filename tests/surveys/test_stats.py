"""Scores and percentiles on small data sets whose answers were worked out by hand."""

import datetime

import pytest
from django.utils import timezone

from mosharekat.surveys import reports, stats


def test_nearest_rank_percentile():
    values = [15, 20, 35, 40, 50]
    # rank = ceil(p/100 × 5): p30 → 2nd, p40 → 2nd, p50 → 3rd, p90 → 5th, p100 → 5th
    assert stats.percentile(values, 30) == 20
    assert stats.percentile(values, 40) == 20
    assert stats.percentile(values, 50) == 35
    assert stats.percentile(values, 90) == 50
    assert stats.percentile(values, 100) == 50
    assert stats.percentile([3, 1, 2], 1) == 1  # unsorted input, tiny p → first value
    # ten values: p90 → ceil(9.0) = 9th
    assert stats.percentile(range(1, 11), 90) == 9
    assert stats.percentile([], 90) is None


def test_median_mean_share_and_levels():
    assert stats.median([1, 2, 3, 4]) == 2.5
    assert stats.median([7, 1, 3]) == 3
    assert stats.mean([5, 4, 4, 2, 1]) == pytest.approx(3.2)
    assert stats.share_satisfied([5, 4, 4, 2, 1]) == pytest.approx(0.6)
    assert stats.level_counts([5, 4, 4, 2, 1]) == {1: 1, 2: 1, 3: 0, 4: 2, 5: 1}
    assert stats.mean([]) is None and stats.share_satisfied([]) is None


def test_competition_ranking_gives_equal_scores_equal_rank():
    items = [("b", 4.0), ("a", 4.5), ("d", 3.0), ("c", 4.0)]
    ranked = stats.rank(items, key=lambda item: item[1])
    assert [(position, name) for position, (name, _score) in ranked] == [(1, "a"), (2, "b"), (2, "c"), (4, "d")]


def test_jalali_months():
    assert stats.month_key(datetime.date(2024, 3, 20)) == (1403, 1)  # 1 Farvardin 1403
    assert stats.shift_month((1403, 1), -1) == (1402, 12)
    assert stats.month_range((1402, 11), (1403, 2)) == [(1402, 11), (1402, 12), (1403, 1), (1403, 2)]
    assert stats.month_bounds((1403, 1), (1403, 1)) == (datetime.date(2024, 3, 20), datetime.date(2024, 4, 20))
    assert stats.month_label((1403, 1)) == "فروردین ۱۴۰۳"


def _row(created, answer_days=None, due_in=5):
    answered = created + datetime.timedelta(days=answer_days) if answer_days is not None else None
    due = timezone.localtime(created).date() + datetime.timedelta(days=due_in)
    return {"created_at": created, "answered_at": answered, "due_date": due}


def test_case_figures_on_a_known_set():
    created = timezone.make_aware(datetime.datetime(2024, 5, 1, 9, 0))
    today = datetime.date(2024, 6, 1)
    rows = [_row(created, d) for d in (1, 2, 3, 4, 10)]  # the 10-day answer is past the 5-day deadline
    rows.append(_row(created, None, due_in=5))  # unanswered, deadline passed: late
    rows.append({**_row(created, None), "due_date": datetime.date(2024, 6, 10)})  # still inside: left out
    figures = reports.case_figures(rows, today=today)
    assert figures["received"] == 7
    assert figures["answered"] == 5
    assert figures["median_days"] == 3
    assert figures["p90_days"] == 10  # ceil(0.9 × 5) = 5th of [1, 2, 3, 4, 10]
    assert figures["within_deadline"] == pytest.approx(4 / 6)


def test_dashboard_averages_on_a_known_set(survey, respond, service_a, staff_a):
    from mosharekat.surveys.models import Response

    data = [  # process, accuracy, behaviour, overall
        (5, 4, 5, 5), (4, 4, 4, 4), (3, 2, 4, 4), (2, 2, 3, 2), (1, 3, 2, 1),
    ]
    for p, a, b, o in data:
        respond(process=p, accuracy=a, behaviour=b, overall=o, service=service_a, staff=staff_a)
    respond(overall=3, suggestion="صف کوتاه‌تر شود")  # no service: counts in totals, not in the service list
    month = reports.current_month()
    board = reports.dashboard(Response.objects.all(), survey, month, month)
    by_code = {q.code: s for q, s in board.questions}
    assert board.total == 6
    assert by_code["process"]["average"] == pytest.approx(3.0)  # 15 / 5
    assert by_code["accuracy"]["average"] == pytest.approx(3.0)  # 15 / 5
    assert by_code["behaviour"]["average"] == pytest.approx(3.6)  # 18 / 5
    assert by_code["overall"]["average"] == pytest.approx(19 / 6)  # (5+4+4+2+1+3) / 6
    assert by_code["overall"]["satisfied"] == pytest.approx(3 / 6)
    assert by_code["overall"]["levels"] == {1: 1, 2: 1, 3: 1, 4: 2, 5: 1}
    assert board.monthly[-1]["count"] == 6
    assert board.lowest_services[0]["service"] == service_a
    assert board.lowest_services[0]["average"] == pytest.approx(3.2)
    assert [t["text"] for t in board.free_text] == ["صف کوتاه‌تر شود"]
