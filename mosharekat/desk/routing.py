"""Automatic routing at submission: service → administrators' rules → topic → triage unit."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from mosharekat.catalog import refdata
from mosharekat.core.models import Unit
from mosharekat.core.text import contains_phrase, search_key
from mosharekat.core.units import triage_unit

from .models import RoutingRule


@dataclass
class Route:
    unit: Unit
    reason: str


def _rule_matches(rule, kind, topic_id, text_key) -> bool:
    if rule.kind and rule.kind != kind:
        return False
    if rule.topic_id and rule.topic_id != topic_id:
        return False
    keywords = rule.keyword_list()
    return not keywords or any(contains_phrase(text_key, phrase) for phrase in keywords)


def active_rules() -> list:
    """The active rules with their units, in their order (per-process copy, see catalog.refdata)."""
    return refdata.get("desk:rules", lambda: list(RoutingRule.objects.filter(is_active=True).select_related("unit")))


def route(*, service=None, topic=None, kind="", subject="", body="") -> Route:
    if service is not None:
        return Route(service.unit, _("Service «%(service)s» belongs to this unit.") % {"service": service.title})
    text_key = search_key(f"{subject} {body}")
    topic_id = topic.pk if topic else None
    for rule in active_rules():
        if _rule_matches(rule, kind, topic_id, text_key):
            return Route(rule.unit, _("Routing rule «%(rule)s» matched.") % {"rule": rule.name})
    if topic is not None:
        return Route(topic.unit, _("Topic «%(topic)s» belongs to this unit.") % {"topic": topic.name})
    unit = refdata.get("desk:triage-unit", triage_unit)
    if unit is None:
        raise RuntimeError("No triage unit is configured: mark one unit as the triage unit.")
    return Route(unit, _("No service or rule matched; sent to the triage unit to dispatch."))
