"""Upload checks: the content decides the type (not the name), and only inert types are kept."""

import os
import re

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Types a browser will not run. Everything is still served as a download (see views).
ALLOWED_TYPES = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "audio/mpeg": "mp3",
    "audio/x-wav": "wav",
    "audio/ogg": "ogg",
}


def safe_name(name: str, extension: str) -> str:
    """A display name without paths or control characters, with the extension its content proves."""
    base = os.path.basename((name or "").replace("\\", "/"))
    base = re.sub(r"[\x00-\x1f\x7f<>:\"|?*]", "", base).strip(". ") or "file"
    stem = os.path.splitext(base)[0][:80] or "file"
    return f"{stem}.{extension}"


def check_upload(upload) -> tuple[str, str]:
    """(content type, safe name) for an acceptable upload; a ValidationError in Persian otherwise."""
    limit = settings.ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file «%(name)s» is larger than %(mb)s MB.") % {"name": upload.name, "mb": limit // (1024 * 1024)}
        )
    header = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(header)
    mime = kind.mime if kind else ""
    if mime not in ALLOWED_TYPES:
        raise ValidationError(
            _("The file «%(name)s» is not accepted. Send PDF, JPEG, PNG or WebP files.") % {"name": upload.name}
        )
    return mime, safe_name(upload.name, ALLOWED_TYPES[mime])


def check_uploads(uploads) -> list:
    uploads = [u for u in uploads if u]
    if len(uploads) > settings.ATTACHMENT_MAX_FILES:
        raise ValidationError(_("At most %(n)s files can be attached.") % {"n": settings.ATTACHMENT_MAX_FILES})
    errors, checked = [], []
    for upload in uploads:
        try:
            checked.append((upload, *check_upload(upload)))
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    return checked
