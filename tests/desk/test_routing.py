from django.urls import reverse

from mosharekat.catalog.models import Topic
from mosharekat.desk.models import RoutingRule


def test_chosen_service_routes_to_its_unit(units, service_a, make_case):
    case = make_case(service=service_a, subject="درباره مالیات", body="متنی درباره حقوقی و قرارداد")
    assert case.unit == units["a"]
    assert service_a.title in case.routing_reason


def test_keyword_rule_matches_persian_text_in_any_spelling(client, units, staff_b, make_case):
    RoutingRule.objects.create(name="حقوقی", keywords="قرارداد\nدادگاه", unit=units["b"])
    # Arabic kaf/yeh and Arabic digits in the text still match.
    case = make_case(subject="مشكل قرارداد", body="در قرارداد شماره ١٢ مشكلي هست")
    assert case.unit == units["b"]
    assert "حقوقی" in case.routing_reason
    client.force_login(staff_b)  # the unit's staff read in the case's history where it was sent and why
    page = client.get(reverse("staff:case", args=[case.pk])).content.decode()
    assert f"ارجاع خودکار به {units['b'].name}: {case.routing_reason}" in page


def test_rules_apply_in_priority_order_and_kind_limits_a_rule(units, make_case):
    RoutingRule.objects.create(name="late", keywords="قرارداد", unit=units["a"], priority=50)
    RoutingRule.objects.create(name="first", keywords="قرارداد", unit=units["b"], priority=10, kind="suggestion")
    assert make_case(kind="complaint", body="درباره قرارداد من").unit == units["a"]
    assert make_case(kind="suggestion", body="درباره قرارداد من").unit == units["b"]


def test_topic_routes_to_its_unit(units, make_case):
    topic = Topic.objects.create(name="سهام عدالت", slug="js", unit=units["a"])
    assert make_case(topic=topic).unit == units["a"]


def test_nothing_matches_goes_to_triage(units, make_case):
    RoutingRule.objects.create(name="حقوقی", keywords="دادگاه", unit=units["b"], is_active=True)
    case = make_case(subject="سلام", body="یک پرسش کلی دارم درباره ساعات کاری")
    assert case.unit == units["triage"]
    assert case.routing_reason
