"""Receivers connected in ``SurveysConfig.ready``."""


def case_event_saved(sender, instance, created, raw=False, **kwargs):
    """An answer (which may be a refusal) or a closure ends a case: invite the citizen, once per case.

    The invitation is sent once the desk's transaction commits, so a rolled-back answer invites nobody."""
    if not created or raw:
        return
    ended = instance.type == "answer" or (instance.type == "status" and instance.data.get("to") == "closed")
    if ended:
        from django.db import transaction

        from .services import invite_safely

        case_id = instance.case_id
        transaction.on_commit(lambda: invite_safely(case_id))


def create_standard_surveys(sender, using="default", **kwargs):
    """After migrate (and after a test flush) the clause-5 questionnaires exist."""
    from .services import ensure_standard_surveys

    ensure_standard_surveys()
