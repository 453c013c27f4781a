"""Minutes as PDF, in the layout of the attached form, rendered from an HTML template by WeasyPrint.

WeasyPrint shapes Persian with HarfBuzz/Pango as long as the font has the glyphs: Vazirmatn from
the npm package, loaded with @font-face from a file:// URL. The URL fetcher serves only those font
files, so text entered in the admin can never make the renderer read other files or the network.
"""

from django.template.loader import render_to_string

from mosharekat.core.pdf import FONT_DIR, font_fetcher


def attendee_rows(members):
    """Pairs for the two-column attendee table: the first half on the right, the second on the left."""
    half = (len(members) + 1) // 2
    right, left = members[:half], members[half:]
    return [(right[i], left[i] if i < len(left) else None) for i in range(half)]


def minutes_context(meeting):
    members = meeting.members()
    return {
        "meeting": meeting,
        "members": members,
        "attendee_rows": attendee_rows(members),
        "others": meeting.other_attendees(),
        "resolutions": list(meeting.resolutions.all()),
    }


def render_minutes(meeting) -> bytes:
    from weasyprint import HTML

    context = minutes_context(meeting)
    context["font_regular"] = (FONT_DIR / "Vazirmatn-Regular.woff2").as_uri()
    context["font_bold"] = (FONT_DIR / "Vazirmatn-Bold.woff2").as_uri()
    html = render_to_string("committee/minutes_pdf.html", context)
    return HTML(string=html, url_fetcher=font_fetcher()).write_pdf()
