from django.urls import reverse

from mosharekat.catalog.models import Contact, Service


def test_service_card_shows_every_field(client, units, service_a):
    service_a.required_documents = "کارت ملی\nشماره شبا"
    service_a.steps = "ثبت درخواست\nبررسی"
    service_a.expected_duration = "۱۰ روز کاری"
    service_a.fees = "رایگان"
    service_a.legal_basis = "قانون اصل ۴۴"
    service_a.save()
    page = client.get(reverse("catalog:detail", args=[service_a.code])).content.decode()
    for text in ["صدور برگ سهام عدالت", "کارت ملی", "شماره شبا", "ثبت درخواست", "۱۰ روز کاری", "رایگان", "قانون اصل ۴۴",
                 "sahaam@example.ir", units["a"].name, "رایانامه"]:
        assert text in page, text


def test_search_ignores_arabic_letters_and_digit_scripts(client, units, service_a):
    Service.objects.create(title="پاسخ به استعلام حقوقی", code="13023001000", description="استعلام", unit=units["b"])
    for query in ["سهام عدالت", "سهام عدالت".replace("ی", "ي"), "برگ سهام", "١١٠٢١٠٠١", "11021001"]:
        page = client.get(reverse("catalog:list"), {"q": query}).content.decode()
        assert "صدور برگ سهام عدالت" in page, query
        assert "پاسخ به استعلام حقوقی" not in page, query


def test_inactive_services_are_hidden(client, units, service_a):
    service_a.is_active = False
    service_a.save()
    assert client.get(reverse("catalog:detail", args=[service_a.code])).status_code == 404
    assert service_a.title not in client.get(reverse("catalog:list")).content.decode()


def test_contact_directory_lists_managers_with_phone_extension_and_email(client, units):
    Contact.objects.create(name="حسین محمدی", title="معاون واگذاری", unit=units["deputy"], phone="021-66701240",
                           extension="200", email="transfer@example.ir")
    page = client.get(reverse("catalog:contacts")).content.decode()
    for text in ["حسین محمدی", "معاون واگذاری", units["deputy"].name, "۰۲۱-۶۶۷۰۱۲۴۰", "۲۰۰", "transfer@example.ir"]:
        assert text in page, text
