"""The response-to-comments report as PDF (WeasyPrint, Vazirmatn, RTL) and XLSX; every comment as XLSX."""

import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from mosharekat.core import spreadsheet
from mosharekat.core.calendar import jalali
from mosharekat.core.pdf import FONT_DIR, font_fetcher

from .models import Comment


def report_pdf(report: dict) -> bytes:
    from weasyprint import HTML

    context = dict(report, font_regular=(FONT_DIR / "Vazirmatn-Regular.woff2").as_uri(),
                   font_bold=(FONT_DIR / "Vazirmatn-Bold.woff2").as_uri())
    html = render_to_string("consultations/report_pdf.html", context)
    return HTML(string=html, url_fetcher=font_fetcher()).write_pdf()


def _workbook_bytes(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def report_xlsx(report: dict) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = _("Report")
    ws.sheet_view.rightToLeft = True
    ws.append([_("Stance"), _("Count")])
    for label, n in report["stances"]:
        ws.append([str(label), n])
    groups = wb.create_sheet(_("Groups"))
    groups.sheet_view.rightToLeft = True
    groups.append([_("Group"), _("Number of comments"), _("Example comment"), _("Article"), _("Disposition"),
                   _("Reason")])
    whole_draft = _("Whole draft")
    for group, example, disposition in report["groups"]:
        groups.append(spreadsheet.row([group.pk, group.size, example.body if example else "",
                       example.provision.label if example and example.provision else whole_draft,
                       str(disposition.get_decision_display()) if disposition else "",
                       disposition.reason if disposition else ""]))
    return _workbook_bytes(wb)


def comments_xlsx(document, include_hidden=False) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("Comments"))
    ws.append([_("ID"), _("Date"), _("Article"), _("Stance"), _("Text"), _("Proposed text"), _("Group"),
               _("Disposition"), _("Reason"), _("Status"), _("Official reply")])
    # Translated once, not per row: an export may hold 100 000 comments.
    whole_draft, published, removed = _("Whole draft"), _("Published"), _("Removed: %(reason)s")
    qs = document.comments.select_related("provision", "group__disposition").prefetch_related("replies").order_by("id")
    if not include_hidden:
        qs = qs.filter(status=Comment.Status.PUBLISHED)
    for c in qs.iterator(chunk_size=2000):
        disposition = getattr(c.group, "disposition", None) if c.group_id else None
        ws.append(spreadsheet.row([c.pk, str(jalali(c.created_at).strftime("%Y/%m/%d %H:%M")),
                   c.provision.label if c.provision else whole_draft, str(c.get_stance_display()), c.body,
                   c.replacement_text, c.group_id or "",
                   str(disposition.get_decision_display()) if disposition else "",
                   disposition.reason if disposition else "",
                   removed % {"reason": c.removal_reason} if c.status == Comment.Status.REMOVED else published,
                   "\n".join(reply.body for reply in c.replies.all())]))
    return _workbook_bytes(wb)
