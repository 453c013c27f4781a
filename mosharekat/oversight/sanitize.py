"""Evidence files: accepted by content, then stripped of metadata before they are encrypted.

Photos carry EXIF (camera serial number, GPS position, time) and PDFs carry author names and
editing software: any of them can identify a reporter. Images are rebuilt from their pixels only;
PDFs are rewritten page by page without the document information and XMP metadata.
"""

import io
import os
import re

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

ALLOWED = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}
PIL_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
MAX_PIXELS = 40_000_000  # larger images are refused rather than risk a decompression bomb


def safe_name(name: str, extension: str) -> str:
    base = os.path.basename((name or "").replace("\\", "/"))
    base = re.sub(r"[\x00-\x1f\x7f<>:\"|?*]", "", base).strip(". ") or "file"
    return f"{os.path.splitext(base)[0][:80] or 'file'}.{extension}"


def _clean_image(data: bytes, mime: str) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        if image.width * image.height > MAX_PIXELS:
            raise ValueError("too many pixels")
        # Apply the EXIF orientation first, so dropping EXIF does not turn photos on their side.
        image = ImageOps.exif_transpose(image)
        if image.mode not in ("RGB", "RGBA", "L", "LA"):
            image = image.convert("RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB")
        if mime == "image/jpeg" and image.mode in ("RGBA", "LA"):
            image = image.convert("RGB")
        # A new image from the pixel data alone: no EXIF, XMP, ICC profile, comments or text chunks.
        clean = Image.frombytes(image.mode, image.size, image.tobytes())
    out = io.BytesIO()
    options = {"quality": 90} if mime in ("image/jpeg", "image/webp") else {}
    clean.save(out, PIL_FORMATS[mime], **options)
    return out.getvalue()


def _clean_pdf(data: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        raise ValueError("encrypted PDF")
    writer = PdfWriter()
    for page in reader.pages:
        for key in ("/Metadata", "/PieceInfo"):
            if NameObject(key) in page:
                del page[NameObject(key)]
        writer.add_page(page)
    writer.metadata = None  # no /Info dictionary at all (not even pypdf's /Producer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def clean_upload(upload) -> tuple[bytes, str, str]:
    """(clean bytes, content type, safe name); a ValidationError in Persian when the file is refused."""
    if upload.size > settings.ATTACHMENT_MAX_BYTES:
        raise ValidationError(_("The file «%(name)s» is larger than %(mb)s MB.")
                              % {"name": upload.name, "mb": settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)})
    data = upload.read()
    kind = filetype.guess(data[:8192])
    mime = kind.mime if kind else ""
    if mime not in ALLOWED:
        raise ValidationError(_("The file «%(name)s» is not accepted. Send PDF, JPEG, PNG or WebP files.")
                              % {"name": upload.name})
    try:
        clean = _clean_pdf(data) if mime == "application/pdf" else _clean_image(data, mime)
    except Exception:  # any parser error (pypdf, Pillow, bombs): a file we cannot clean is not kept
        raise ValidationError(_("The file «%(name)s» could not be read; it may be damaged or password-protected.")
                              % {"name": upload.name}) from None
    return clean, mime, safe_name(upload.name, ALLOWED[mime])


def clean_uploads(uploads) -> list[tuple[bytes, str, str]]:
    uploads = [u for u in uploads if u]
    if len(uploads) > settings.ATTACHMENT_MAX_FILES:
        raise ValidationError(_("At most %(n)s files can be attached.") % {"n": settings.ATTACHMENT_MAX_FILES})
    errors, cleaned = [], []
    for upload in uploads:
        try:
            cleaned.append(clean_upload(upload))
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    return cleaned
