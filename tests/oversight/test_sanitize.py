"""Evidence is stripped of metadata (EXIF, PDF document info) before it is encrypted."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from mosharekat.oversight import crypto, sanitize
from mosharekat.oversight.models import Attachment

from .conftest import form_token, jpeg_with_exif, upload

pytestmark = pytest.mark.django_db


def decrypted(attachment) -> bytes:
    with attachment.file.open("rb") as handle:
        return crypto.decrypt_bytes(handle.read())


def test_exif_is_removed_from_an_uploaded_jpeg(client, internal_body):
    original = jpeg_with_exif()
    assert Image.open(io.BytesIO(original)).getexif()  # the fixture really has EXIF
    page = client.get(reverse("oversight:new"))
    data = {"form_token": form_token(page), "body": internal_body.pk, "subject": "عکس از محل",
            "text": "عکس تابلوی اعلانات که انتقاد را ممنوع کرده است.", "evidence": [upload("IMG_0001.jpg", original)]}
    assert client.post(reverse("oversight:new"), data).status_code == 200
    clean = decrypted(Attachment.objects.get())
    image = Image.open(io.BytesIO(clean))
    assert image.format == "JPEG" and image.size == (32, 24)
    assert not image.getexif() and "exif" not in image.info
    assert b"Exif" not in clean and b"SecretCameraMaker" not in clean and b"Reporter Real Name" not in clean


def test_orientation_is_applied_before_exif_is_dropped():
    image = Image.new("RGB", (40, 20), (0, 0, 255))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° when displayed
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    clean, mime, name = sanitize.clean_upload(upload("r.jpg", out.getvalue()))
    assert Image.open(io.BytesIO(clean)).size == (20, 40) and mime == "image/jpeg" and name == "r.jpg"


def test_png_text_chunks_are_removed():
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Reporter Real Name")
    out = io.BytesIO()
    Image.new("RGBA", (5, 5), (1, 2, 3, 4)).save(out, "PNG", pnginfo=info)
    clean, _, _ = sanitize.clean_upload(upload("x.png", out.getvalue()))
    assert b"Reporter Real Name" not in clean and Image.open(io.BytesIO(clean)).mode == "RGBA"


def test_pdf_metadata_is_removed():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Author": "Reporter Real Name", "/Creator": "Office on DESKTOP-42"})
    out = io.BytesIO()
    writer.write(out)
    clean, mime, _ = sanitize.clean_upload(upload("doc.pdf", out.getvalue()))
    assert mime == "application/pdf"
    assert b"Reporter Real Name" not in clean and b"DESKTOP-42" not in clean
    reader = PdfReader(io.BytesIO(clean))
    assert len(reader.pages) == 1 and not reader.metadata


def test_other_files_are_refused_in_persian(client, internal_body):
    page = client.get(reverse("oversight:new"))
    data = {"form_token": form_token(page), "body": internal_body.pk, "subject": "پرونده اجرایی",
            "text": "پرونده پیوست را ببینید که اجرایی است.", "evidence": [upload("run.exe", b"MZ\x90\x00" * 50)]}
    response = client.post(reverse("oversight:new"), data)
    assert response.status_code == 400
    assert "پذیرفته نیست" in response.content.decode()
    assert "پرونده پیوست را ببینید" in response.content.decode()  # the text is kept


def test_a_damaged_image_is_refused():
    with pytest.raises(Exception) as info:
        sanitize.clean_upload(upload("broken.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 100))
    assert "خوانده نشد" in str(info.value.messages)
