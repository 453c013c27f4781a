"""Figures for the dashboards, the quarterly report and the public accountability page.

Rows are read with ``values()`` and grouped in Python by Jalali month with the functions of ``stats``,
so both databases give identical figures."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from mosharekat.catalog.models import Service
from mosharekat.core.models import Unit
from mosharekat.desk.models import Case

from . import stats
from .models import Answer, Question
from .services import OVERALL, STANDARD_SCALE_CODES


def current_month():
    return stats.month_key(timezone.localdate())


def default_period(months=6):
    last = current_month()
    return stats.shift_month(last, -(months - 1)), last


# --- Dashboard -------------------------------------------------------------------------------------


@dataclass
class Dashboard:
    months: list
    total: int
    overall: dict
    questions: list  # (question, summary) for scale; (question, {choice: n}) for choice
    monthly: list  # dicts: key, label, count, average, satisfied
    lowest_services: list  # dicts: service, count, average, satisfied
    free_text: list  # dicts: text, question, submitted_at, service
    by_staff: list = field(default_factory=list)


def dashboard(responses, survey, first, last, free_text_limit=50) -> Dashboard:
    start, end = stats.month_bounds(first, last)
    responses = responses.filter(survey=survey, submitted_at__date__gte=start, submitted_at__date__lt=end)
    questions = list(survey.questions.all())
    rows = list(
        Answer.objects.filter(response__in=responses).values(
            "response_id", "question_id", "score", "choice", "text", "response__submitted_at",
            "response__service_id", "response__staff_id",
        )
    )
    overall_q = next((q for q in questions if q.code == OVERALL), None)
    by_question = defaultdict(list)
    for row in rows:
        by_question[row["question_id"]].append(row)

    summaries = []
    for question in questions:
        qrows = by_question.get(question.pk, [])
        if question.kind == Question.Kind.SCALE:
            summaries.append((question, stats.score_summary(r["score"] for r in qrows)))
        elif question.kind == Question.Kind.CHOICE:
            tally = {choice: 0 for choice in question.choice_list()}
            for r in qrows:
                tally[r["choice"]] = tally.get(r["choice"], 0) + 1
            summaries.append((question, tally))

    overall_rows = by_question.get(overall_q.pk, []) if overall_q else []
    months = stats.month_range(first, last)
    counts = defaultdict(int)
    for submitted in responses.values_list("submitted_at", flat=True):
        counts[stats.month_key(submitted)] += 1
    scores_by_month = defaultdict(list)
    for r in overall_rows:
        scores_by_month[stats.month_key(r["response__submitted_at"])].append(r["score"])
    monthly = []
    for key in months:
        scores = scores_by_month.get(key, [])
        monthly.append({"key": key, "label": stats.month_label(key), "count": counts.get(key, 0),
                        "average": stats.mean(scores), "satisfied": stats.share_satisfied(scores)})

    by_service = defaultdict(list)
    by_staff = defaultdict(list)
    for r in overall_rows:
        if r["response__service_id"]:
            by_service[r["response__service_id"]].append(r["score"])
        if r["response__staff_id"]:
            by_staff[r["response__staff_id"]].append(r["score"])
    services = Service.objects.in_bulk(list(by_service))
    lowest = sorted(
        ({"service": services[pk], **stats.score_summary(scores)} for pk, scores in by_service.items()),
        key=lambda item: (item["average"], -item["count"], item["service"].title),
    )[:5]
    users = get_user_model().objects.in_bulk(list(by_staff))
    staff_rows = sorted(
        ({"staff": users[pk], **stats.score_summary(scores)} for pk, scores in by_staff.items()),
        key=lambda item: (-item["average"], item["staff"].get_full_name()),
    )

    text_ids = {q.pk: q for q in questions if q.kind == Question.Kind.TEXT}
    texts = sorted((r for r in rows if r["question_id"] in text_ids and r["text"]),
                   key=lambda r: r["response__submitted_at"], reverse=True)[:free_text_limit]
    free_text = [{"text": r["text"], "question": text_ids[r["question_id"]],
                  "submitted_at": r["response__submitted_at"], "service": services.get(r["response__service_id"])}
                 for r in texts]
    return Dashboard(
        months=months, total=responses.count(), overall=stats.score_summary(r["score"] for r in overall_rows),
        questions=summaries, monthly=monthly, lowest_services=lowest, free_text=free_text, by_staff=staff_rows,
    )


# --- Quarterly report ------------------------------------------------------------------------------


def quarter_months(year: int, quarter: int):
    first = (year, 3 * quarter - 2)
    return first, (year, 3 * quarter)


def current_quarter():
    year, month = current_month()
    return year, (month - 1) // 3 + 1


def quarterly(responses, unit_ids, year, quarter, minimum=None):
    """Staff of the units ranked by their mean score on the four standard questions, for those with at
    least ``minimum`` responses in the quarter (fairness); per-service figures for process improvement."""
    minimum = settings.SURVEY_MIN_RESPONSES if minimum is None else minimum
    first, last = quarter_months(year, quarter)
    start, end = stats.month_bounds(first, last)
    rows = list(
        Answer.objects.filter(
            response__in=responses.filter(unit_id__in=unit_ids),
            response__submitted_at__date__gte=start, response__submitted_at__date__lt=end,
            question__code__in=STANDARD_SCALE_CODES, question__survey__kind="service",
        ).values("response_id", "response__staff_id", "response__service_id", "question__code", "score")
    )
    per_staff = defaultdict(lambda: {"responses": set(), "scores": [], "by_code": defaultdict(list)})
    per_service = defaultdict(lambda: {"responses": set(), "by_code": defaultdict(list)})
    for r in rows:
        if r["response__staff_id"]:
            entry = per_staff[r["response__staff_id"]]
            entry["responses"].add(r["response_id"])
            entry["scores"].append(r["score"])
            entry["by_code"][r["question__code"]].append(r["score"])
        if r["response__service_id"]:
            entry = per_service[r["response__service_id"]]
            entry["responses"].add(r["response_id"])
            entry["by_code"][r["question__code"]].append(r["score"])
    users = get_user_model().objects.in_bulk(list(per_staff))
    staff = []
    for pk, entry in per_staff.items():
        staff.append({
            "staff": users[pk], "count": len(entry["responses"]), "score": stats.mean(entry["scores"]),
            "by_code": {code: stats.mean(entry["by_code"].get(code, [])) for code in STANDARD_SCALE_CODES},
            "satisfied": stats.share_satisfied(entry["by_code"].get(OVERALL, [])),
        })
    eligible = [s for s in staff if s["count"] >= minimum]
    too_few = sorted((s for s in staff if s["count"] < minimum), key=lambda s: s["staff"].get_full_name())
    services = Service.objects.in_bulk(list(per_service))
    service_rows = sorted(
        ({"service": services[pk], "count": len(entry["responses"]),
          "by_code": {code: stats.mean(entry["by_code"].get(code, [])) for code in STANDARD_SCALE_CODES},
          "score": stats.mean([s for code in STANDARD_SCALE_CODES for s in entry["by_code"].get(code, [])])}
         for pk, entry in per_service.items()),
        key=lambda s: s["score"],
    )
    return {
        "first": first, "last": last, "minimum": minimum,
        # Ties keep a stable, readable order (by name) and share their rank.
        "ranked": stats.rank(sorted(eligible, key=lambda s: s["staff"].get_full_name() or s["staff"].username),
                             key=lambda s: s["score"]),
        "too_few": too_few, "services": service_rows, "codes": STANDARD_SCALE_CODES,
    }


# --- Public accountability -------------------------------------------------------------------------


def case_figures(rows, today=None) -> dict:
    """Received, answered, median and 90th-percentile days to answer, share answered within the deadline.

    The deadline share counts the cases whose fate is known: answered ones, and unanswered ones whose due
    date has passed (those count as late); cases still inside their deadline are left out."""
    today = today or timezone.localdate()
    answered = [r for r in rows if r["answered_at"]]
    days = [stats.days_between(r["created_at"], r["answered_at"]) for r in answered]
    on_time = sum(1 for r in answered if local_date(r["answered_at"]) <= r["due_date"])
    late_open = sum(1 for r in rows if not r["answered_at"] and r["due_date"] < today)
    return {
        "received": len(rows), "answered": len(answered),
        "median_days": stats.median(days), "p90_days": stats.percentile(days, 90),
        "within_deadline": stats.share(on_time, len(answered) + late_open),
    }


def local_date(value):
    """The local calendar date of an aware datetime (deadlines are dates in Tehran time)."""
    return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()


def accountability(first, last, today=None):
    start, end = stats.month_bounds(first, last)
    months = stats.month_range(first, last)
    cases = list(
        Case.objects.filter(merged_into__isnull=True, created_at__date__gte=start, created_at__date__lt=end).values(
            "unit_id", "service_id", "created_at", "answered_at", "due_date")
    )
    scores = list(
        Answer.objects.filter(
            question__code=OVERALL, question__survey__kind="service", score__isnull=False,
            response__submitted_at__date__gte=start, response__submitted_at__date__lt=end,
        ).values("score", "response__unit_id", "response__service_id", "response__submitted_at")
    )

    def block(case_rows, score_rows):
        by_month_cases, by_month_scores = defaultdict(list), defaultdict(list)
        for r in case_rows:
            by_month_cases[stats.month_key(r["created_at"])].append(r)
        for r in score_rows:
            by_month_scores[stats.month_key(r["response__submitted_at"])].append(r["score"])
        monthly = [{"key": k, "label": stats.month_label(k), **case_figures(by_month_cases.get(k, []), today),
                    "satisfaction": stats.score_summary(by_month_scores.get(k, []))} for k in months]
        return {"total": {**case_figures(case_rows, today),
                          "satisfaction": stats.score_summary(r["score"] for r in score_rows)},
                "monthly": monthly}

    def grouped(key_case, key_score):
        c, s = defaultdict(list), defaultdict(list)
        for r in cases:
            c[r[key_case]].append(r)
        for r in scores:
            s[r[key_score]].append(r)
        return c, s

    unit_cases, unit_scores = grouped("unit_id", "response__unit_id")
    service_cases, service_scores = grouped("service_id", "response__service_id")
    units = [u for u in Unit.objects.all() if u.pk in unit_cases or u.pk in unit_scores]
    services = [s for s in Service.objects.select_related("unit").filter(is_active=True)
                if s.pk in service_cases or s.pk in service_scores]
    return {
        "months": months, "first": first, "last": last,
        "organization": block(cases, scores),
        "units": [{"unit": u, **block(unit_cases.get(u.pk, []), unit_scores.get(u.pk, []))} for u in units],
        "services": [{"service": s, **block(service_cases.get(s.pk, []), service_scores.get(s.pk, []))}
                     for s in services],
    }

