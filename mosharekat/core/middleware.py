import time


class SecurityHeadersMiddleware:
    """A strict Content-Security-Policy: pages load only their own scripts, styles and fonts."""

    POLICY = (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "font-src 'self'; media-src 'self'; object-src 'none'; base-uri 'self'; "
        "form-action 'self'; frame-ancestors 'none'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/admin/"):
            # Django's admin uses inline scripts and styles of its own.
            response.setdefault("Content-Security-Policy", "frame-ancestors 'none'; object-src 'none'")
        else:
            response.setdefault("Content-Security-Policy", self.POLICY)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class SessionTimeoutMiddleware:
    """Logged-in sessions end after ``SESSION_IDLE_SECONDS`` without a request, and ``SESSION_COOKIE_AGE``
    after the login however busy they are. Django alone renews a session's age whenever it is saved,
    so a session used now and then would never end; a staff PC left open would stay logged in."""

    RENEW_AFTER = 60  # seconds: write the last-seen time at most once a minute, not on every request

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.contrib.auth import SESSION_KEY, logout

        session, now = request.session, int(time.time())
        if SESSION_KEY in session:
            started, seen = session.get("auth_started", now), session.get("auth_seen", now)
            if now - seen > settings.SESSION_IDLE_SECONDS or now - started > settings.SESSION_COOKIE_AGE:
                logout(request)  # flushes the session on the server: the cookie is worth nothing now
            elif now - seen >= self.RENEW_AFTER or "auth_seen" not in session:
                session["auth_seen"] = now
        response = self.get_response(request)
        if SESSION_KEY in session and "auth_started" not in session:  # this request logged in
            session["auth_started"] = session["auth_seen"] = now
        return response
