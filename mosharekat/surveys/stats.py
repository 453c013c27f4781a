"""Plain arithmetic for the dashboards and the public page, computed in Python so SQLite and
PostgreSQL give the same figures.

Definitions (also shown on the pages):
- average: arithmetic mean of the 1–5 scores;
- share satisfied: scores of 4 or 5 divided by all scores;
- median: ``statistics.median`` (the mean of the two middle values when the count is even);
- 90th percentile: the nearest-rank method — the smallest value with at least 90 % of the values at or
  below it, i.e. the ``ceil(0.9 × n)``-th value of the sorted list. It is always one of the observed
  values, so "90 % of cases were answered within X days" is literally true;
- ranking: competition ranking ("1, 2, 2, 4"): equal scores share a rank.
"""

import math
import statistics
from collections import Counter as Tally
from collections.abc import Iterable

import jdatetime

from mosharekat.core.calendar import jalali

from .models import SATISFIED_FROM, SCALE

MONTHS = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]


def mean(values: Iterable[float]) -> float | None:
    values = list(values)
    return sum(values) / len(values) if values else None


def median(values: Iterable[float]) -> float | None:
    values = list(values)
    return statistics.median(values) if values else None


def percentile(values: Iterable[float], p: float) -> float | None:
    """Nearest-rank percentile: the ceil(p/100 × n)-th smallest value (1-based)."""
    ordered = sorted(values)
    if not ordered:
        return None
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def share_satisfied(scores: Iterable[int]) -> float | None:
    scores = list(scores)
    return share(sum(1 for s in scores if s >= SATISFIED_FROM), len(scores))


def level_counts(scores: Iterable[int]) -> dict[int, int]:
    """How many scores at each level of the scale, 1 to 5, zeros included."""
    tally = Tally(scores)
    return {level: tally.get(level, 0) for level in SCALE}


def score_summary(scores: Iterable[int]) -> dict:
    scores = list(scores)
    return {
        "count": len(scores),
        "average": mean(scores),
        "satisfied": share_satisfied(scores),
        "levels": level_counts(scores),
    }


def rank(items, key):
    """Sort ``items`` by ``key`` (higher first) and give competition ranks: [(rank, item), …]."""
    ordered = sorted(items, key=lambda item: -key(item))
    ranked, previous, position = [], None, 0
    for index, item in enumerate(ordered, start=1):
        value = key(item)
        if value != previous:
            position, previous = index, value
        ranked.append((position, item))
    return ranked


# --- Jalali months ---------------------------------------------------------------------------------


def month_key(value) -> tuple[int, int]:
    j = jalali(value)
    return (j.year, j.month)


def month_label(key: tuple[int, int]) -> str:
    from mosharekat.core.text import persian_digits

    return f"{MONTHS[key[1] - 1]} {persian_digits(key[0])}"


def shift_month(key: tuple[int, int], months: int) -> tuple[int, int]:
    index = key[0] * 12 + (key[1] - 1) + months
    return (index // 12, index % 12 + 1)


def month_range(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    keys, current = [], first
    while current <= last:
        keys.append(current)
        current = shift_month(current, 1)
    return keys


def month_bounds(first: tuple[int, int], last: tuple[int, int]):
    """The Gregorian dates [start, end) covering Jalali months first..last."""
    start = jdatetime.date(first[0], first[1], 1).togregorian()
    after = shift_month(last, 1)
    end = jdatetime.date(after[0], after[1], 1).togregorian()
    return start, end


def days_between(start, end) -> float:
    return (end - start).total_seconds() / 86400
