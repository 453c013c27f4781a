"""Demo consultations: a bylaw open for comment, and a closed bill with every comment answered, its
final version, diff and response report."""

import datetime

from django.utils import timezone

from mosharekat.core.models import Unit, User

from . import services
from .models import Comment, DraftDocument

BYLAW = [
    ("a1", "article", "ماده ۱", "سهام عدالت متعلق به مشمولان به صورت مستقیم یا غیرمستقیم مدیریت می‌شود.", None),
    ("a1-n1", "note", "تبصره ۱", "مهلت اعلام روش مدیریت سهام ۳۰ روز از تاریخ ابلاغ این آیین‌نامه است.", "a1"),
    ("a2", "article", "ماده ۲", "شرکت‌های سرمایه‌گذاری استانی موظف‌اند گزارش عملکرد فصلی منتشر کنند.", None),
    ("a2-pالف", "paragraph", "بند الف", "گزارش باید در درگاه سازمان در دسترس عموم باشد.", "a2"),
]
BILL = [
    ("a1", "article", "ماده ۱", "واگذاری بنگاه‌های دولتی تنها از راه مزایده عمومی انجام می‌شود.", None),
    ("a2", "article", "ماده ۲", "کارکنان بنگاه واگذارشده تا ۵ درصد سهام را با تخفیف می‌خرند.", None),
]
BILL_FINAL = [
    ("a1", "article", "ماده ۱", "واگذاری بنگاه‌های دولتی تنها از راه مزایده عمومی و با انتشار آگهی در درگاه سازمان انجام می‌شود.", None),
    ("a2", "article", "ماده ۲", "کارکنان بنگاه واگذارشده تا ۱۰ درصد سهام را با تخفیف می‌خرند.", None),
]
CAMPAIGN = "سهم کارکنان در ماده ۲ کم است و باید به ۱۰ درصد افزایش یابد تا کارکنان انگیزه حفظ بنگاه را داشته باشند."


def _comment(doc, key, stance, body, replacement="", name=""):
    provision = doc.draft_version().provisions.get(key=key) if key else None
    return services.submit_comment(doc, services.NewComment(
        stance=stance, body=body, provision=provision, replacement_text=replacement, display_name=name))


def load():
    unit = Unit.objects.filter(code="justice-shares").first() or Unit.objects.first()
    legal = Unit.objects.filter(code="legal").first() or unit
    staff = User.objects.filter(username="sahaam").first()
    slugs = ["justice-shares-bylaw", "privatization-bill"]
    Comment.objects.filter(document__slug__in=slugs).delete()  # comments protect the articles they name
    DraftDocument.objects.filter(slug__in=slugs).delete()
    now = timezone.now()

    bylaw = DraftDocument.objects.create(
        title="پیش‌نویس آیین‌نامه نحوه مدیریت سهام عدالت", slug="justice-shares-bylaw", kind="bylaw",
        unit=unit, allow_anonymous=True,
        summary="این پیش‌نویس پیش از ابلاغ دو هفته در معرض نقد عموم است (بند ۱ راهبرد مشارکت).")
    services.add_version(bylaw, BYLAW, staff)
    services.publish(bylaw, staff, now=now - datetime.timedelta(days=3))
    _comment(bylaw, "a1", "agree", "مدیریت مستقیم حق انتخاب مشمولان را محترم می‌شمارد.", name="علی")
    _comment(bylaw, "a1-n1", "amend", "۳۰ روز برای روستاییان کافی نیست.", "مهلت ۶۰ روز است.", "زهرا")
    audit_comment = _comment(bylaw, "a2", "disagree", "گزارش فصلی بدون حسابرسی مستقل ارزشی ندارد.")
    services.reply(audit_comment, staff, "حسابرسی مستقل گزارش‌ها در نسخه بازنگری‌شده بررسی می‌شود؛ "
                                         "نتیجه در گزارش پاسخ به نظرها منتشر خواهد شد.")
    _comment(bylaw, None, "agree", "انتشار پیش‌نویس برای نظرخواهی کار خوبی است.")

    bill = DraftDocument.objects.create(
        title="پیش‌نویس لایحه اصلاح قانون اجرای سیاست‌های کلی اصل ۴۴", slug="privatization-bill", kind="bill",
        unit=legal, allow_anonymous=True, summary="لایحه پیش از ارسال به مجلس یک ماه در معرض نقد عموم بود.")
    services.add_version(bill, BILL, staff)
    services.publish(bill, staff, now=now - datetime.timedelta(days=45))
    opened = bill.published_at + datetime.timedelta(days=1)
    comments = [services.submit_comment(bill, services.NewComment(
        stance="amend", body=CAMPAIGN if i % 2 else CAMPAIGN.replace("ی", "ي").replace("۱۰", "10"),
        provision=bill.draft_version().provisions.get(key="a2"), replacement_text="تا ۱۰ درصد"), now=opened)
        for i in range(4)]
    comments.append(services.submit_comment(bill, services.NewComment(
        stance="amend", body="آگهی مزایده باید در درگاه سازمان هم منتشر شود.", replacement_text="و انتشار آگهی در درگاه",
        provision=bill.draft_version().provisions.get(key="a1")), now=opened))
    comments.append(services.submit_comment(bill, services.NewComment(
        stance="disagree", body="مزایده عمومی برای بنگاه‌های کوچک هزینه زیادی دارد."), now=opened))
    services.group_comments(bill, staff)
    decisions = {comments[0].pk: ("accepted", "سهم کارکنان به ۱۰ درصد افزایش یافت."),
                 comments[4].pk: ("accepted", "انتشار آگهی در درگاه به ماده ۱ افزوده شد."),
                 comments[5].pk: ("not_accepted", "مزایده عمومی شرط شفافیت است و برای همه بنگاه‌ها لازم است.")}
    for comment in bill.comments.select_related("group"):
        decision, reason = decisions.get(comment.pk, decisions[comments[0].pk])
        if not hasattr(comment.group, "disposition"):
            services.record_disposition(comment.group, staff, decision, reason)
    services.add_version(bill, BILL_FINAL, staff, note="نسخه نهایی پس از بررسی نظرها")
    services.issue(bill, staff)
    return []
