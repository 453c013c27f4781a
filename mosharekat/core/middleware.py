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
