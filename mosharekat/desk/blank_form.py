"""The submission form as most visitors get it (blank, nobody logged in), rendered once per process for
each service or topic link, then given only this request's CSRF token and submission token.

Rendering its nine fields with their labels, hints and widgets was most of the page's cost and the same
for every visitor. The copies live with the reference data (catalog.refdata): saving a service or a
topic replaces them in every process. A page that differs for this visitor (logged in, a message to
show, an unknown code in the link) is rendered as before.
"""

import uuid

from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string

from mosharekat.catalog import refdata
from mosharekat.catalog.services import active_service, active_topic

# Stand-ins rendered into the shared copy; drawn per process, so nothing a visitor types can match them.
_CSRF_HOLE = f"csrf{uuid.uuid4().hex}"
_TOKEN_HOLE = uuid.uuid4()


def response(request, form_class):
    """The blank form for this request from the shared copy, or None when it must be rendered for it."""
    if request.method != "GET" or request.user.is_authenticated or len(get_messages(request)):
        return None
    service, slug = request.GET.get("service", ""), request.GET.get("topic", "")
    if service and slug:  # no link makes both; one key per service or topic bounds the copies kept
        return None
    if service:
        if active_service(service) is None:
            return None
        name = f"desk:blank-form:service:{service}"
    elif slug:
        name = f"desk:blank-form:topic:{slug}"
    else:
        name = "desk:blank-form"
    page = refdata.get(name, lambda: _render(form_class, service, slug))
    if page is None:  # an unknown or closed topic
        return None
    return HttpResponse(page.replace(_CSRF_HOLE, get_token(request)).replace(str(_TOKEN_HOLE), str(uuid.uuid4())))


def _render(form_class, service, slug):
    topic = active_topic(slug)
    if slug and topic is None:
        return None
    form = form_class(initial={"service": service or None, "topic": slug or None, "kind": "request"})
    form.initial["token"] = _TOKEN_HOLE
    # Rendered without a request (no context processors): nothing of the first visitor can reach the copy.
    context = {"form": form, "topic": topic, "csrf_token": _CSRF_HOLE, "is_staff_member": False}
    return render_to_string("desk/submit.html", context)
