"""Topic hotlines: cases per topic (reports build on this)."""

from django.db.models import Count, Q

from mosharekat.catalog.models import Topic


def cases_per_topic(since=None, until=None):
    """Topics with their case count (all channels) and per-channel counts, busiest first."""
    window = Q()
    if since is not None:
        window &= Q(case__created_at__gte=since)
    if until is not None:
        window &= Q(case__created_at__lt=until)
    topics = Topic.objects.annotate(cases=Count("case", filter=window)).order_by("-cases", "name")
    result = []
    for topic in topics:
        by_channel = dict(
            topic.case_set.filter(**_flat(since, until)).values_list("channel").annotate(n=Count("id")).order_by()
        )
        result.append({"topic": topic, "cases": topic.cases, "by_channel": by_channel})
    return result


def _flat(since, until):
    found = {}
    if since is not None:
        found["created_at__gte"] = since
    if until is not None:
        found["created_at__lt"] = until
    return found
