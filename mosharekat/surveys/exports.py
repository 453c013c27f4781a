"""QR codes, printable A5 forms and the XLSX/PDF exports of the dashboards."""

import io
from pathlib import Path

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from mosharekat.core import spreadsheet
from mosharekat.core.text import local_digits

FONT = Path(settings.BASE_DIR) / "node_modules" / "vazirmatn" / "fonts" / "webfonts" / "Vazirmatn-Regular.woff2"
BOLD = FONT.with_name("Vazirmatn-Bold.woff2")


def qr_svg(url: str, scale=4) -> str:
    """An inline <svg> QR code (error correction M, quiet zone included)."""
    qr = segno.make(url, error="m", micro=False)
    return qr.svg_inline(scale=scale, dark="#000", light="#fff", title="QR")


def qr_png(url: str, scale=6) -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(out, kind="png", scale=scale, border=4)
    return out.getvalue()


def qr_data_uri(url: str, scale=6) -> str:
    return segno.make(url, error="m", micro=False).png_data_uri(scale=scale, border=4)


def render_pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML

    context = {**context, "font_url": FONT.as_uri(), "bold_url": BOLD.as_uri()}
    html = render_to_string(template, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def _pct(value):
    return None if value is None else round(value * 100, 1)


def _round(value, digits=2):
    return None if value is None else round(value, digits)


def dashboard_xlsx(board, title: str, filters: list[tuple[str, str]]) -> bytes:
    """Three sheets: summary (per question), monthly trend, free text. Numbers stay numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Summary")
    sheet.sheet_view.rightToLeft = True
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    for label, value in filters:
        sheet.append([label, value])
    sheet.append([_("Number of responses"), board.total])
    sheet.append([])
    sheet.append([_("Question"), _("Count"), _("Average (1 to 5)"), _("Per cent satisfied (4 and 5)"),
                  *(local_digits(level) for level in range(1, 6))])
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    for question, summary in board.questions:
        if "levels" in summary:
            sheet.append([question.text, summary["count"], _round(summary["average"]), _pct(summary["satisfied"]),
                          *summary["levels"].values()])
        else:
            sheet.append([question.text, sum(summary.values()), None, None,
                          "؛ ".join(f"{choice}: {n}" for choice, n in summary.items())])
    sheet.column_dimensions["A"].width = 60

    monthly = book.create_sheet(_("Monthly"))
    monthly.sheet_view.rightToLeft = True
    monthly.append([_("Month"), _("Year"), _("Month number"), _("Responses"), _("Average overall satisfaction"),
                    _("Per cent satisfied")])
    for row in board.monthly:
        monthly.append([row["label"], row["key"][0], row["key"][1], row["count"], _round(row["average"]),
                        _pct(row["satisfied"])])

    services = book.create_sheet(_("Lowest-rated services"))
    services.sheet_view.rightToLeft = True
    services.append([_("Service"), _("Count"), _("Average"), _("Per cent satisfied")])
    for row in board.lowest_services:
        services.append([row["service"].title, row["count"], _round(row["average"]), _pct(row["satisfied"])])

    texts = book.create_sheet(_("Texts"))
    texts.sheet_view.rightToLeft = True
    texts.append([_("Date"), _("Service"), _("Question"), _("Text")])
    from mosharekat.core.templatetags.persian import jdate

    for item in board.free_text:
        texts.append(spreadsheet.row([jdate(item["submitted_at"]), item["service"].title if item["service"] else "",
                                      item["question"].text, item["text"]]))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export_name(prefix: str, ext: str) -> str:
    return f"{prefix}-{timezone.localtime():%Y%m%d-%H%M}.{ext}"

