"""The cases and services the API reads. Access rules are here: a key lists only its own submissions,
and a case's private part is read only after desk.services.lookup() has let the caller in."""

from mosharekat.catalog.models import Service
from mosharekat.desk import services, tracking
from mosharekat.desk.models import Case, Event

from .params import MAX_RESULTS

CASE_RELATED = ("service", "unit", "merged_into__unit")


def active_services():
    return Service.objects.filter(is_active=True).select_related("unit")


def active_service(code: str) -> Service | None:
    # A NUL from a URL or query string would make PostgreSQL refuse the whole query (a 500): no code has one.
    if not code or "\x00" in code or len(code) > 100:
        return None
    return active_services().filter(code=code).first()


def by_code(text: str) -> Case | None:
    code = tracking.parse(text)
    return Case.objects.select_related(*CASE_RELATED).filter(tracking_code=code).first() if code else None


def by_codes(texts) -> list[tuple[Case, Case]]:
    """(case, surviving case) for each known code, in the order asked; unknown codes are left out."""
    codes = list(dict.fromkeys(code for code in map(tracking.parse, texts) if code))
    found = {case.tracking_code: case for case in Case.objects.select_related(*CASE_RELATED).filter(
        tracking_code__in=codes)}
    return [(found[code], services.surviving(found[code])) for code in codes if code in found]


def for_key(key, *, service_codes, statuses, start, end) -> list[tuple[Case, Case]]:
    """The requests this key submitted, newest first; the status filter applies to the surviving case."""
    cases = Case.objects.filter(api_submission__key=key, created_at__range=(start, end))
    if service_codes:
        cases = cases.filter(service__code__in=service_codes)
    found = []
    # Merges can change a case's status after the fact, so the status filter runs on surviving cases here.
    for case in cases.select_related(*CASE_RELATED).iterator(chunk_size=500):
        current = services.surviving(case)
        if statuses is None or current.status in statuses:
            found.append((case, current))
            if len(found) == MAX_RESULTS:
                break
    return found


def may_read(case: Case, contacts) -> bool:
    """Whether the code plus one of these contacts opens the case, by the desk's own lookup rule."""
    return any(services.lookup(case.tracking_code, contact) is not None for contact in contacts or [""])


def private_part(case: Case, current: Case) -> dict:
    """The submitted text and the agency's public answers, for a caller may_read() let in."""
    answers = services.public_events(current).filter(type=Event.Type.ANSWER)
    return {"description": case.body, "status_notes": "\n\n".join(event.body for event in answers)}
