"""The QR code on a printed form decodes to the electronic form, pre-filled with its service and staff."""

import io

import zxingcpp
from django.conf import settings
from django.urls import reverse
from PIL import Image

from mosharekat.surveys import exports, services
from mosharekat.surveys.models import Counter
from tests.factories import PASSWORD


def decode(png_bytes):
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png_bytes)).convert("RGB"))
    return [r.text for r in results]


def test_qr_code_decodes_to_the_prefilled_form(client, survey, service_a, staff_a, units):
    counter = Counter.objects.create(unit=units["a"], name="باجه ۲")
    url = services.qr_url(service_a, counter, staff_a)
    token = services.target_token(service_a, counter, staff_a)
    assert url == settings.SITE_URL + reverse("surveys:qr", args=[token])
    assert decode(exports.qr_png(url)) == [url]

    page = client.get(url.removeprefix(settings.SITE_URL))
    html = page.content.decode()
    assert page.status_code == 200
    assert service_a.title in html and "باجه ۲" in html and staff_a.get_full_name() in html
    assert 'name="visit"' in html


def test_altered_qr_token_is_not_found(client, survey, service_a):
    token = services.target_token(service_a)
    assert client.get(reverse("surveys:qr", args=[token[:-2] + "xx"])).status_code == 404


def test_printed_a5_form_carries_the_qr_of_its_service(client, survey, staff_a, service_a):
    import pypdf

    client.login(username=staff_a.username, password=PASSWORD)
    response = client.get(reverse("surveys:print"), {"service": service_a.code, "staff": staff_a.pk})
    assert response["Content-Type"] == "application/pdf"
    pdf = pypdf.PdfReader(io.BytesIO(response.content))
    page = pdf.pages[0]
    width_mm = float(page.mediabox.width) / 72 * 25.4
    height_mm = float(page.mediabox.height) / 72 * 25.4
    assert round(width_mm) == 148 and round(height_mm) == 210  # A5
    text = page.extract_text()
    assert "رفتار کارکنان" in text and service_a.title.split()[0] in text
    image = page.images[0].image
    assert decode_image(image) == [services.qr_url(service_a, None, staff_a)]


def decode_image(image):
    return [r.text for r in zxingcpp.read_barcodes(image.convert("RGB"))]


def test_qr_response_is_recorded_with_service_counter_and_staff(client, survey, service_a, staff_a, units):
    counter = Counter.objects.create(unit=units["a"], name="باجه ۱")
    path = reverse("surveys:qr", args=[services.target_token(service_a, counter, staff_a)])
    page = client.get(path)
    visit = page.context["visit"]
    data = {"visit": visit, **{f"q{q.pk}": "4" for q in survey.questions.filter(kind="scale")}}
    response = client.post(path, data)
    assert response.status_code == 200
    saved = survey.responses.get()
    assert (saved.source, saved.service, saved.counter, saved.staff, saved.unit) == (
        "qr", service_a, counter, staff_a, units["a"])
