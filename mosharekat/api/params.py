"""Reading the API's input: every parameter is cleaned and bounded, and anything wrong becomes an
ApiError 400 that names the parameter, so malformed input never reaches the database or a 500 page."""

import re
from datetime import UTC, datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from mosharekat.catalog.models import Channel
from mosharekat.core.text import clean_text
from mosharekat.core.validators import clean_mobile
from mosharekat.desk.models import OPEN_STATUSES, Kind, Status
from mosharekat.desk.services import Submission

from .open311 import ApiError

MAX_DESCRIPTION = 5000  # the web form's limit: the same case must fit whichever door it came through
MAX_IDS = 50
SUBJECT_LENGTH = 100  # the first line of the description, cut to this, is the case's subject (GeoReport has none)
MAX_SERVICE_CODES = 50
MAX_RESULTS = 1000  # the spec's cap on one listing
WINDOW = timedelta(days=90)  # the spec's default and widest date range
PUBLIC_STATUSES = {"open": set(OPEN_STATUSES), "closed": set(Status.values) - set(OPEN_STATUSES)}
# An unescaped «+» in a query string arrives as a space, so «…T08:00:00+03:30» would read «…T08:00:00 03:30».
_SPACED_OFFSET = re.compile(r" (\d\d:?\d\d)$")


def text(params, name: str, max_length: int, required: bool = False) -> str:
    value = clean_text(params.get(name, ""))
    if required and not value:
        raise ApiError(400, _("%(name)s is required.") % {"name": name})
    if len(value) > max_length:
        raise ApiError(400, _("%(name)s is longer than %(max)s characters.") % {"name": name, "max": max_length})
    return value


def comma_list(params, name: str, max_items: int, max_length: int) -> list[str]:
    raw = params.get(name, "")
    if len(raw) > max_items * (max_length + 1):
        raise ApiError(400, _("%(name)s lists too many values (at most %(max)s).") % {"name": name, "max": max_items})
    items = [clean_text(item) for item in raw.split(",")]
    items = list(dict.fromkeys(item for item in items if item))
    if len(items) > max_items:
        raise ApiError(400, _("%(name)s lists too many values (at most %(max)s).") % {"name": name, "max": max_items})
    return items


# --- POST requests ------------------------------------------------------------------------------


def _phone(value: str) -> str:
    try:
        return clean_mobile(value)
    except ValidationError:
        raise ApiError(400, _("phone must be an Iranian mobile number such as 09121234567.")) from None


def _email(value: str) -> str:
    if not value:
        return ""
    try:
        validate_email(value)
    except ValidationError:
        raise ApiError(400, _("email is not a valid e-mail address.")) from None
    return value


def submission(params, service) -> Submission:
    """The case to submit from a POST; without a phone or an e-mail it is anonymous, as on the web form."""
    description = text(params, "description", MAX_DESCRIPTION, required=True)
    kind = text(params, "attribute[kind]", 20) or Kind.REQUEST
    if kind not in Kind.values:
        raise ApiError(400, _("attribute[kind] must be one of: %(values)s.") % {"values": ", ".join(Kind.values)})
    name = " ".join(part for part in (text(params, "first_name", 70), text(params, "last_name", 70)) if part)
    phone = _phone(text(params, "phone", 30))
    email = _email(text(params, "email", 254))
    # GeoReport has no subject; the first line of the description serves the staff inbox as one.
    first = description.splitlines()[0]
    subject = first if len(first) <= SUBJECT_LENGTH else first[:SUBJECT_LENGTH - 1] + "…"
    return Submission(
        kind=kind, subject=subject, body=description, channel=Channel.API, service=service,
        contact_name=name, mobile=phone, email=email, is_anonymous=not (phone or email),
    )


# --- GET requests -------------------------------------------------------------------------------


def _moment(params, name: str) -> datetime | None:
    value = params.get(name, "").strip()
    if not value:
        return None
    try:
        if len(value) > 40:  # the longest ISO 8601 form is 32 characters
            raise ValueError(value)
        moment = parse_datetime(_SPACED_OFFSET.sub(r"+\1", value))
        if moment is None:
            raise ValueError(value)
        if timezone.is_naive(moment):  # a bare date or time is Tehran time, like every date the API returns
            moment = timezone.make_aware(moment)
        return moment.astimezone(UTC)  # overflows here, not in the database, for years at the edges
    except (ValueError, OverflowError):
        raise ApiError(
            400, _("%(name)s must be an ISO 8601 date-time such as 2025-05-01T08:00:00+03:30.") % {"name": name}
        ) from None


def window(params) -> tuple[datetime, datetime]:
    """The date range to list: the last 90 days by default, never wider than 90 days."""
    start, end = _moment(params, "start_date"), _moment(params, "end_date")
    try:
        if end is None:
            end = start + WINDOW if start else timezone.now()
        if start is None:
            start = end - WINDOW
    except OverflowError:
        raise ApiError(400, _("start_date and end_date must be real dates.")) from None
    if start > end:
        raise ApiError(400, _("start_date must be before end_date."))
    if end - start > WINDOW:
        raise ApiError(400, _("start_date and end_date may not span more than 90 days."))
    return start, end


def statuses(params) -> set[str] | None:
    """The desk statuses matching the spec's «status» filter, or None for all."""
    wanted = comma_list(params, "status", 2, 10)
    unknown = [item for item in wanted if item not in PUBLIC_STATUSES]
    if unknown:
        raise ApiError(400, _("status must be open, closed or both, separated by a comma."))
    return set().union(*(PUBLIC_STATUSES[item] for item in wanted)) if wanted else None


def listing_filters(params) -> dict:
    start, end = window(params)
    return {
        "service_codes": comma_list(params, "service_code", MAX_SERVICE_CODES, 30),
        "statuses": statuses(params),
        "start": start,
        "end": end,
    }

