from .rules import can_read_audit_log, is_staff_member


def staff(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_staff_member": False}
    return {"is_staff_member": is_staff_member(user), "can_read_audit": can_read_audit_log(user)}
