import datetime

from django.urls import reverse
from django.utils import timezone

from mosharekat.desk import services
from mosharekat.desk.models import Case
from tests.factories import PASSWORD


def test_inbox_filters_search_and_counts(client, units, staff_a, service_a, make_case):
    first = make_case(service=service_a, kind="complaint", subject="واریز نشدن سود")
    second = make_case(service=service_a, kind="suggestion", subject="پیشنهاد پیامک")
    services.answer(second, staff_a, "پاسخ")
    client.login(username="staff_a", password=PASSWORD)
    page = client.get(reverse("staff:inbox")).content.decode()
    assert "جدید: ۱" in page and "پاسخ داده شده: ۱" in page
    page = client.get(reverse("staff:inbox"), {"kind": "suggestion"}).content.decode()
    assert second.subject in page and first.subject not in page
    # Search folds Arabic letters: «سود» typed with Arabic forms still finds the case.
    page = client.get(reverse("staff:inbox"), {"q": "واريز"}).content.decode()
    assert first.subject in page and second.subject not in page


def test_overdue_cases_are_flagged_and_listed(client, units, staff_a, service_a, make_case):
    late = make_case(service=service_a, subject="مورد دیرکرد")
    Case.objects.filter(pk=late.pk).update(due_date=timezone.localdate() - datetime.timedelta(days=3))
    make_case(service=service_a, subject="مورد به‌موقع")
    client.login(username="staff_a", password=PASSWORD)
    page = client.get(reverse("staff:inbox"), {"overdue": "on"}).content.decode()
    assert "مورد دیرکرد" in page and "مورد به‌موقع" not in page
    page = client.get(reverse("staff:overdue")).content.decode()
    assert "مورد دیرکرد" in page and "مورد به‌موقع" not in page


def test_staff_answer_through_the_page_and_errors_in_persian(client, units, staff_a, service_a, make_case):
    case = make_case(service=service_a)
    client.login(username="staff_a", password=PASSWORD)
    url = reverse("staff:reassign", args=[case.pk])
    response = client.post(url, {"unit": units["b"].pk, "reason": ""}, follow=True)
    assert "این فیلد لازم است" in response.content.decode()
    client.post(reverse("staff:answer", args=[case.pk]), {"body": "برگه شما صادر شد."})
    case.refresh_from_db()
    assert case.status == "answered"


def test_canned_answer_prefills_the_answer(client, units, staff_a, service_a, make_case):
    from mosharekat.desk.models import CannedAnswer

    canned = CannedAnswer.objects.create(unit=units["a"], title="مدارک", body="لطفاً مدارک را پیوست کنید.")
    case = make_case(service=service_a)
    client.login(username="staff_a", password=PASSWORD)
    page = client.get(reverse("staff:case", args=[case.pk]), {"canned": canned.pk}).content.decode()
    assert "لطفاً مدارک را پیوست کنید.</textarea>" in page
