import datetime

import pytest
from django.utils import timezone

from mosharekat.consultations import services
from mosharekat.consultations.models import DraftDocument

PROVISIONS = [
    ("a1", "article", "ماده ۱", "سهام عدالت به مشمولان طرح واگذار می‌شود.", None),
    ("a1-n1", "note", "تبصره ۱", "مهلت ثبت‌نام ۳۰ روز است.", "a1"),
    ("a2", "article", "ماده ۲", "هیئت داوری به اعتراض‌ها رسیدگی می‌کند.", None),
]


@pytest.fixture
def document(units):
    doc = DraftDocument.objects.create(title="پیش‌نویس آیین‌نامه واگذاری", slug="bylaw-1", kind="bylaw",
                                       unit=units["a"], allow_anonymous=True)
    services.add_version(doc, PROVISIONS)
    services.publish(doc, now=timezone.now() - datetime.timedelta(days=1))
    return doc


@pytest.fixture
def comment_on(document):
    def make(body="با این ماده مخالفم.", stance="disagree", provision=None, **kw):
        return services.submit_comment(document, services.NewComment(stance=stance, body=body,
                                                                     provision=provision, **kw))
    return make
