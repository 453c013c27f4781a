"""Write the audit log: called by every service that changes data on behalf of staff."""

import json

from django.core.serializers.json import DjangoJSONEncoder

from .models import AuditEntry


def snapshot(instance, fields=None) -> dict:
    """A JSON-safe picture of a model instance's concrete fields."""
    data = {}
    for field in instance._meta.concrete_fields:
        if fields is None or field.name in fields:
            data[field.name] = field.value_from_object(instance)
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder, default=str))


def record(actor, action, target, before=None, after=None):
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=user,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk or ""),
        target_repr=str(target)[:300],
        before=before,
        after=after,
    )
