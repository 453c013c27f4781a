from functools import wraps

from django.contrib.auth.views import redirect_to_login

from .rules import is_staff_member


def staff_required(view):
    """Staff pages: anonymous users go to the login page; logged-in non-staff get a 404."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_staff_member(request.user):
            from django.http import Http404

            raise Http404
        return view(request, *args, **kwargs)

    return wrapper
