from django.urls import reverse

from mosharekat.catalog.models import Topic
from mosharekat.desk.models import Case


def test_topic_page_points_the_web_form_at_the_topic(client, units):
    topic = Topic.objects.create(name="طرح توزیع سهام عدالت", slug="justice-shares", unit=units["a"],
                                 phone_line="021-1234", sms_keyword="سهام")
    page = client.get(reverse("catalog:topic", args=[topic.slug])).content.decode()
    assert "۰۲۱-۱۲۳۴" in page and "«سهام»" in page
    form_url = reverse("desk:submit") + "?topic=justice-shares"
    assert form_url in page
    assert "طرح توزیع سهام عدالت" in client.get(form_url).content.decode()
    data = {"kind": "criticism", "subject": "نقد طرح", "body": "زمان‌بندی توزیع روشن نیست.", "mobile": "09121234567",
            "topic": "justice-shares"}
    assert client.post(reverse("desk:submit"), data).status_code == 302
    case = Case.objects.get()
    assert case.topic == topic and case.unit == units["a"]
