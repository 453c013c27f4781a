"""The public accountability page, and the open web/kiosk forms' defences against stuffing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mosharekat.desk.models import Case
from mosharekat.surveys.models import Kiosk, Response


@pytest.fixture
def known_unit(units, service_a, make_case, respond, staff_a):
    """Unit a: 7 cases (5 answered after 1, 2, 3, 4, 10 days against a 5-day deadline; one unanswered and
    late; one unanswered within its deadline) and overall scores 5, 4, 4, 2, 1."""
    created = timezone.now() - datetime.timedelta(days=20)
    local_created = timezone.localtime(created).date()
    late, inside = local_created + datetime.timedelta(days=5), timezone.localdate() + datetime.timedelta(days=5)
    for days, due in ((1, late), (2, late), (3, late), (4, late), (10, late), (None, late), (None, inside)):
        case = make_case(service=service_a)
        answered = created + datetime.timedelta(days=days) if days else None
        Case.objects.filter(pk=case.pk).update(created_at=created, answered_at=answered, due_date=due, unit=units["a"])
    for score in (5, 4, 4, 2, 1):
        respond(overall=score, service=service_a, staff=staff_a)
    return units["a"]


def test_accountability_page_shows_the_figures_and_the_count_at_each_level(client, known_unit, service_a):
    html = client.get(reverse("surveys:accountability")).content.decode()
    # received 7, answered 5, median 3 days, p90 10 days, 4 of 6 decided within the deadline,
    # 5 opinions averaging 3.2 with 1, 1, 0, 2, 1 at levels 1 … 5
    figures = "<td>۷</td><td>۵</td><td>۳٫۰</td><td>۱۰٫۰</td><td>۶۶٫۷٪</td><td>۵</td><td>۳٫۲۰</td>"
    levels = "<td>۱</td><td>۱</td><td>۰</td><td>۲</td><td>۱</td>"
    assert f'<th scope="row">{known_unit.name}</th>{figures}{levels}' in html
    assert f"{service_a.title}</a></th>{figures}{levels}" in html
    assert '<svg class="chart"' in html and 'role="img"' in html and "<caption>" in html


def test_accountability_page_is_public_and_cached(client, known_unit, respond):
    first = client.get(reverse("surveys:accountability"))
    assert first.status_code == 200 and "max-age=600" in first["Cache-Control"]
    respond(overall=5)
    assert client.get(reverse("surveys:accountability")).content == first.content


def scale_answers(survey, value="4"):
    return {f"q{q.pk}": value for q in survey.questions.filter(kind="scale")}


def test_web_form_visit_token_is_one_use_and_device_limited(client, survey, service_a):
    path = reverse("surveys:form", args=[survey.slug])
    page = client.get(path, {"service": service_a.code})
    data = {"visit": page.context["visit"], "service": service_a.code, **scale_answers(survey)}
    assert client.post(path, data).status_code == 200
    assert Response.objects.get().service == service_a
    # The same form sent again with other answers (e.g. from another browser that copied it) is refused.
    client.cookies.pop("survey_done")
    again = client.post(path, {**data, **scale_answers(survey, "1")})
    assert again.status_code == 409 and "یک پاسخ می‌پذیرد" in again.content.decode()
    assert Response.objects.count() == 1


def test_device_cookie_limits_one_response_per_form_per_day(client, survey, service_a):
    path = reverse("surveys:form", args=[survey.slug])
    page = client.get(path)
    client.post(path, {"visit": page.context["visit"], **scale_answers(survey)})
    second = client.get(path)
    assert second.status_code == 409 and "امروز" in second.content.decode()


def test_persian_digits_are_accepted_and_errors_keep_the_answers(client, survey):
    path = reverse("surveys:form", args=[survey.slug])
    visit = client.get(path).context["visit"]
    questions = list(survey.questions.filter(kind="scale"))
    partial = {"visit": visit, f"q{questions[0].pk}": "۵", f"q{survey.questions.get(code='suggestion').pk}": "متن من"}
    response = client.post(path, partial)
    html = response.content.decode()
    assert response.status_code == 400 and "لطفاً امتیازی از ۱ تا ۵ انتخاب کنید" in html
    assert "متن من" in html and f'id="id_q{questions[0].pk}_0" value="5" checked' in html
    full = {**partial, **{f"q{q.pk}": "۴" for q in questions[1:]}}
    assert client.post(path, full).status_code == 200
    assert sorted(Response.objects.get().answers.exclude(score=None).values_list("score", flat=True)) == [4, 4, 4, 5]


def test_stale_or_forged_visit_token_keeps_answers_and_asks_again(client, survey):
    path = reverse("surveys:form", args=[survey.slug])
    response = client.post(path, {"visit": "forged", **scale_answers(survey)})
    assert response.status_code == 400 and "حفظ شده است" in response.content.decode()
    assert not Response.objects.exists()


def test_kiosk_has_a_daily_limit_and_a_pause(client, survey, units, service_a):
    kiosk = Kiosk.objects.create(name="تبلت", unit=units["a"], service=service_a, daily_limit=2, min_seconds_between=0)
    path = reverse("surveys:kiosk", args=[kiosk.key])
    for _ in range(2):
        visit = client.get(path).context["visit"]
        assert client.post(path, {"visit": visit, **scale_answers(survey)}).status_code == 302
    visit = client.get(path).context["visit"]
    refused = client.post(path, {"visit": visit, **scale_answers(survey)})
    assert refused.status_code == 409 and "سقف پاسخ‌های امروز" in refused.content.decode()
    assert Response.objects.filter(kiosk=kiosk, source="kiosk", service=service_a).count() == 2

    Kiosk.objects.filter(pk=kiosk.pk).update(daily_limit=10, min_seconds_between=60)
    visit = client.get(path).context["visit"]
    too_quick = client.post(path, {"visit": visit, **scale_answers(survey)})
    assert too_quick.status_code == 409 and "چند ثانیه صبر کنید" in too_quick.content.decode()


def test_survey_index_links_both_surveys(client, survey, service_a):
    html = client.get(reverse("surveys:index")).content.decode()
    assert reverse("surveys:form", args=["service"]) in html and reverse("surveys:form", args=["site"]) in html
    assert service_a.title in html
