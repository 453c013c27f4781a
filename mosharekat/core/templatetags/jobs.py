from django import template

from mosharekat.core import jobs

register = template.Library()


@register.simple_tag(takes_context=True)
def latest_job(context, target, kind):
    """The newest job of ``kind`` on ``target`` that the signed-in staff member may see, or None."""
    return jobs.latest(context["request"].user, target, kind)
