"""Demo news items with citizens' comments and an official reply from public relations."""

from django.utils import timezone

from mosharekat.core.models import Unit, User

from . import services
from .models import NewsItem

ITEMS = [
    ("justice-shares-dividend", "واریز سود سهام عدالت مشمولان در هفته آینده",
     "سود سهام عدالت مشمولان روش غیرمستقیم در هفته آینده به حساب آنان واریز می‌شود.",
     [("question", "سود مشمولان روش مستقیم کی واریز می‌شود؟"),
      ("agree", "اطلاع‌رسانی به‌موقع بود، سپاس."),
      ("disagree", "سود امسال نسبت به سال گذشته کم است و دلیل آن گفته نشده است.")]),
    ("consultation-portal", "راه‌اندازی درگاه نظرخواهی از پیش‌نویس مقررات",
     "از این پس پیش‌نویس مقررات سازمان پیش از ابلاغ دو هفته در درگاه برای نظرخواهی منتشر می‌شود.",
     [("suggestion", "لطفاً پیامک اطلاع‌رسانی پیش‌نویس‌های تازه را هم راه‌اندازی کنید.")]),
]


def load():
    unit = Unit.objects.filter(code="pr").first() or Unit.objects.first()
    pr = User.objects.filter(username="pr").first()
    NewsItem.objects.filter(slug__in=[slug for slug, *_ in ITEMS]).delete()
    for slug, title, body, comments in ITEMS:
        item = NewsItem.objects.create(slug=slug, title=title, body=body, unit=unit, published_at=timezone.now())
        for stance, text in comments:
            comment = services.submit_comment(item, services.NewComment(stance=stance, body=text))
            if stance == "question":
                services.reply(comment, pr, "سود مشمولان روش مستقیم از طریق شرکت‌های سرمایه‌پذیر پرداخت می‌شود.")
    return []
