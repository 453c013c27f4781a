"""Iranian identifiers: national ID (کد ملی) and mobile numbers, normalised before checking."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .text import only_digits


def national_id_is_valid(code: str) -> bool:
    """The national ID's last digit is a mod-11 check over the first nine, weighted 10..2."""
    if not re.fullmatch(r"\d{10}", code) or len(set(code)) == 1:
        return False
    total = sum(int(code[i]) * (10 - i) for i in range(9)) % 11
    check = int(code[9])
    return check == total if total < 2 else check == 11 - total


def clean_national_id(value: str) -> str:
    code = only_digits(value)
    if not code:
        return ""
    if len(code) in (8, 9):  # old cards drop leading zeros
        code = code.zfill(10)
    if not national_id_is_valid(code):
        raise ValidationError(_("The national ID is not valid; please check its ten digits."), code="national_id")
    return code


def clean_mobile(value: str) -> str:
    """Accept 09…, 9…, +989…, 00989… with any digits and separators; store as 09 followed by nine digits."""
    if not (value or "").strip():
        return ""
    digits = only_digits(value)
    for prefix in ("0098", "98"):
        if digits.startswith(prefix) and len(digits) == len(prefix) + 10:
            digits = digits[len(prefix):]
    if len(digits) == 10 and digits.startswith("9"):
        digits = "0" + digits
    if not re.fullmatch(r"09\d{9}", digits):
        raise ValidationError(_("Enter an 11-digit mobile number starting with 09."), code="mobile")
    return digits
